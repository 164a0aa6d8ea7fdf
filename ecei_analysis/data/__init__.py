"""Stage 1: the study model, readers, loaders, validation, template, synthetic data."""
