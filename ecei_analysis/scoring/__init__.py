"""Stage 2: weights, class points and scores, ranks and ties, comparison, tables."""
