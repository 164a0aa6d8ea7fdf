"""One seed policy for every stochastic function.

Every seeded function takes ``seed=`` with the one default :data:`DEFAULT_SEED`:
an int (or a numpy integer), a :class:`numpy.random.Generator`, ``None`` (fresh
entropy) or the seed record of an earlier result. One path turns it into random
streams and a record: :func:`spawn_generators` for independent sub-streams, one
per stage of a computation (weights, assessor noise, classification draws, ...),
so that adding draws to one stage never shifts another, and
:func:`seeded_generator` for a single stream. The record, kept in every result's
``parameters["seed"]``, is the int, or ``{"entropy": E}`` for ``None`` and for a
Generator (``E`` is drawn from it); passing the record back as ``seed=``
reproduces the result.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .defaults import DEFAULT_SEED
from .errors import EceiDataError, short_repr
from .i18n import pgettext

__all__ = [
    "DEFAULT_SEED",
    "SeedLike",
    "handle_seed",
    "seeded_generator",
    "spawn_generators",
]

SeedLike = int | np.integer | np.random.Generator | Mapping[str, int] | None


def _sequence(seed: object) -> tuple[np.random.SeedSequence, Any]:
    """Return the seed sequence of ``seed`` and the record that reproduces it."""
    if isinstance(seed, np.random.Generator):
        seed = {"entropy": int(seed.integers(0, 2**63 - 1))}
    if isinstance(seed, Mapping):
        entropy = seed.get("entropy") if set(seed) == {"entropy"} else None
        if not isinstance(entropy, numbers.Integral) or isinstance(entropy, bool):
            raise EceiDataError(
                pgettext(
                    "error",
                    "a seed record must be {{'entropy': <int>}} (as results record "
                    "it), got {dict}",
                ).format(dict=short_repr(dict(seed)))
            )
        return np.random.SeedSequence(int(entropy)), {"entropy": int(entropy)}
    if seed is None:
        sequence = np.random.SeedSequence()
        return sequence, {"entropy": int(sequence.entropy)}
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise EceiDataError(
            pgettext(
                "error", "seed must be an int, a numpy Generator or None, got {seed}"
            ).format(seed=short_repr(seed))
        )
    value = int(seed)
    if value < 0:
        raise EceiDataError(
            pgettext("error", "seed must be >= 0, got {value}").format(value=value)
        )
    return np.random.SeedSequence(value), value


def seeded_generator(seed: SeedLike = DEFAULT_SEED) -> tuple[np.random.Generator, Any]:
    """Return one Generator for ``seed`` and the record that reproduces it.

    An int gives ``numpy.random.default_rng(int)``.

    Examples
    --------
    >>> rng, record = seeded_generator(7)
    >>> record, rng.integers(100) == np.random.default_rng(7).integers(100)
    (7, np.True_)
    >>> rng, record = seeded_generator(None)
    >>> again, _ = seeded_generator(record)
    >>> rng.random() == again.random()
    True
    """
    sequence, record = _sequence(seed)
    return np.random.default_rng(sequence), record


def handle_seed(seed: SeedLike = DEFAULT_SEED) -> np.random.Generator:
    """Return a Generator for ``seed``; a Generator is used as it is.

    For functions that return draws rather than a result with a record
    (:func:`~ecei_analysis.sample_weights`).

    Examples
    --------
    >>> handle_seed(1).integers(100) == handle_seed(1).integers(100)
    np.True_
    """
    if isinstance(seed, np.random.Generator):
        return seed
    return seeded_generator(seed)[0]


def spawn_generators(
    seed: SeedLike, names: Sequence[str]
) -> tuple[dict[str, np.random.Generator], Any]:
    """Spawn one independent Generator per stage name, and the seed's record.

    The streams come from :meth:`numpy.random.SeedSequence.spawn`, so they are
    statistically independent and each stage's draws do not depend on how many
    draws another stage makes.

    Parameters
    ----------
    seed
        Int, numpy integer, Generator, ``None`` (fresh entropy, recorded) or a
        record.
    names
        Stage names, e.g. ``("weights", "noise")``; order matters for
        reproducibility, so callers pass a fixed tuple.

    Returns
    -------
    generators : dict
        ``{name: Generator}``.
    record
        The int seed, or ``{"entropy": E}``: passed back as ``seed=`` it gives
        the same streams.

    Examples
    --------
    >>> streams, record = spawn_generators(3, ("weights", "noise"))
    >>> record, sorted(streams)
    (3, ['noise', 'weights'])
    """
    sequence, record = _sequence(seed)
    children = [np.random.default_rng(s) for s in sequence.spawn(len(names))]
    return dict(zip(names, children, strict=True)), record
