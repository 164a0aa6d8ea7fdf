"""One seed policy for every stochastic function.

Every seeded function takes ``seed=`` (an int, a numpy integer, a
:class:`numpy.random.Generator` or ``None``) with the one default
:data:`DEFAULT_SEED`. :func:`spawn_generators` turns it into independent
sub-streams, one per stage of a computation (weights, assessor noise,
classification draws, ...), so that adding draws to one stage never shifts
another. :func:`seed_record` describes the seed for a result's ``parameters`` so
that every result can be reproduced from what it records, including a fresh
(``None``) seed, whose entropy is recorded, and a Generator, whose state at entry
is recorded.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np

from .errors import EceiDataError, short_repr

__all__ = [
    "DEFAULT_SEED",
    "SeedLike",
    "handle_seed",
    "seed_record",
    "spawn_generators",
]

#: The default seed of every seeded function (the year of the published record).
DEFAULT_SEED = 2015

SeedLike = int | np.integer | np.random.Generator | None


def _as_int_seed(seed: object) -> int | None:
    if seed is None:
        return None
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise EceiDataError(
            f"seed must be an int, a numpy Generator or None, got {short_repr(seed)}"
        )
    value = int(seed)
    if value < 0:
        raise EceiDataError(f"seed must be >= 0, got {value}")
    return value


def handle_seed(seed: SeedLike = DEFAULT_SEED) -> np.random.Generator:
    """Return a :class:`numpy.random.Generator` for ``seed``.

    Parameters
    ----------
    seed
        An int (reproducible), an existing Generator (used as is) or ``None``
        (fresh entropy).

    Examples
    --------
    >>> handle_seed(1).integers(100) == handle_seed(1).integers(100)
    np.True_
    """
    if isinstance(seed, np.random.Generator):
        return seed
    return np.random.default_rng(_as_int_seed(seed))


def seed_record(seed: SeedLike) -> Any:
    """Describe ``seed`` so that a result's ``parameters`` can reproduce it.

    Returns the int for int seeds (numpy integers included), the bit generator's
    state for a Generator (call this *before* drawing), and the drawn entropy for
    ``None`` (use :func:`spawn_generators`, which records the same entropy it
    uses).

    Examples
    --------
    >>> seed_record(np.int64(7))
    7
    >>> seed_record(np.random.default_rng(1))["bit_generator"]
    'PCG64'
    """
    if isinstance(seed, np.random.Generator):
        state = seed.bit_generator.state
        return {"bit_generator": state["bit_generator"], "state": _jsonable(state)}
    value = _as_int_seed(seed)
    if value is None:
        return {"entropy": int(np.random.SeedSequence().entropy)}
    return value


def _jsonable(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, np.integer):
        return int(obj)
    return obj


def spawn_generators(
    seed: SeedLike, names: Sequence[str]
) -> tuple[dict[str, np.random.Generator], Any]:
    """Spawn one independent Generator per stage name, and the seed's record.

    The streams come from :meth:`numpy.random.SeedSequence.spawn` (or
    :meth:`numpy.random.Generator.spawn` for a Generator), so they are
    statistically independent and each stage's draws do not depend on how many
    draws another stage makes.

    Parameters
    ----------
    seed
        Int, numpy integer, Generator or ``None`` (fresh entropy, recorded).
    names
        Stage names, e.g. ``("weights", "noise")``; order matters for
        reproducibility, so callers pass a fixed tuple.

    Returns
    -------
    generators : dict
        ``{name: Generator}``.
    record
        What :func:`seed_record` gives (with the actual entropy for ``None``).

    Examples
    --------
    >>> streams, record = spawn_generators(3, ("weights", "noise"))
    >>> record, sorted(streams)
    (3, ['noise', 'weights'])
    """
    if isinstance(seed, np.random.Generator):
        record = seed_record(seed)
        children = seed.spawn(len(names))
        return dict(zip(names, children, strict=True)), record
    value = _as_int_seed(seed)
    sequence = np.random.SeedSequence(value)
    record: Any = value if value is not None else {"entropy": int(sequence.entropy)}
    children = [np.random.default_rng(s) for s in sequence.spawn(len(names))]
    return dict(zip(names, children, strict=True)), record
