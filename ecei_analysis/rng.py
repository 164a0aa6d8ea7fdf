"""One helper that turns every ``seed=`` argument into a numpy Generator."""

from __future__ import annotations

import numpy as np

from .errors import EceiDataError

__all__ = ["SeedLike", "handle_seed"]

SeedLike = int | np.random.Generator | None


def handle_seed(seed: SeedLike) -> np.random.Generator:
    """Return a :class:`numpy.random.Generator` for ``seed``.

    Parameters
    ----------
    seed
        An int (reproducible), an existing Generator (used as is) or ``None``
        (fresh entropy: not reproducible).

    Examples
    --------
    >>> handle_seed(1).integers(100) == handle_seed(1).integers(100)
    np.True_
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None or (
        isinstance(seed, int | np.integer) and not isinstance(seed, bool)
    ):
        if seed is not None and seed < 0:
            raise EceiDataError(f"seed must be >= 0, got {seed}")
        return np.random.default_rng(seed)
    raise EceiDataError(f"seed must be an int, a numpy Generator or None, got {seed!r}")
