"""Stage 3: samplers, the chunked Monte Carlo engine and every sensitivity analysis."""
