"""Stage 4: publication figures, colours, styles, reproducible saving, figure set."""
