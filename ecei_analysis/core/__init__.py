"""Shared foundations of every stage: errors, vocabulary, seeds, files, resources.

Nothing here imports another stage of the package, and nothing here imports
numpy-heavy or plotting libraries at module level.
"""
