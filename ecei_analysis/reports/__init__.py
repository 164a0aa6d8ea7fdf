"""Stage 5: provenance wording, sentences, findings, display, the report runner."""
