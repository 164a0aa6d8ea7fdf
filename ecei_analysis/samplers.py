"""Weight samplers, each with a stated probability measure.

Every sampler draws rows of class weights ``(size, k)``; rankings depend only on
weight ratios, so a sampler may return rows on the simplex or raw (unnormalised)
weights, as its docstring says. We never draw "independent uniforms, then
normalise" to mean "uniform on the simplex": that is biased towards the centre.

========================  ==========================================================
name                      measure
========================  ==========================================================
``uniform``               uniform on the simplex (Dirichlet(1, ..., 1))
``ordered``               uniform on the ordered region w_VI >= w_I >= w_NSI (a sorted
                          uniform-simplex draw: exact, since the k! orderings are
                          symmetric images of each other)
``dirichlet``             Dirichlet(κ · nominal / sum(nominal)): mean at the nominal
                          weights, concentrating on them as κ → ∞
``box``                   raw weights independent and uniform in nominal × [1 - x,
                          1 + x] (JRC/COINr-style ±x %); *not* uniform on the simplex,
                          by design
========================  ==========================================================

Any sampler may be restricted by ``bounds`` on the *normalised* weights (rejection
sampling; an empty region is a clear error, checked by linear programming).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog

from .errors import EceiDataError
from .rng import SeedLike, handle_seed
from .vocabulary import CLASSES
from .weights import weight_vector

__all__ = [
    "SAMPLERS",
    "BoxSampler",
    "DirichletSampler",
    "OrderedSimplexSampler",
    "Sampler",
    "UniformSimplexSampler",
    "make_sampler",
    "make_sampler_around",
    "sample_weights",
]

_MIN_ACCEPTANCE = 1e-4


@dataclass(frozen=True)
class Sampler:
    """Base class: ``draw(size, rng)`` returns ``(size, k)`` weights.

    Attributes
    ----------
    classes
        The class order of the columns.
    bounds
        ``{class: (low, high)}`` limits on the normalised weights (optional).
    """

    classes: tuple[str, ...] = CLASSES
    bounds: Mapping[str, tuple[float, float]] = field(default_factory=dict)

    name = "base"
    measure = ""
    ordered = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "classes", tuple(self.classes))
        if len(self.classes) < 2:
            raise EceiDataError("a sampler needs at least two classes")
        unknown = [c for c in self.bounds if c not in self.classes]
        if unknown:
            raise EceiDataError(f"bounds name unknown class(es) {unknown}")
        for cls, (low, high) in self.bounds.items():
            if not (0 <= low <= high <= 1):
                raise EceiDataError(
                    f"bounds of {cls} must satisfy 0 <= low <= high <= 1, got "
                    f"({low}, {high})"
                )
        self._check_region_not_empty()

    @property
    def k(self) -> int:
        """Number of classes."""
        return len(self.classes)

    def _raw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        raise NotImplementedError

    def _check_region_not_empty(self) -> None:
        """Raise if the bounds (and ordering) leave no weight vector."""
        if not self.bounds and not self.ordered:
            return
        k = self.k
        lows = [self.bounds.get(c, (0.0, 1.0))[0] for c in self.classes]
        highs = [self.bounds.get(c, (0.0, 1.0))[1] for c in self.classes]
        a_ub = []
        if self.ordered:
            for i in range(k - 1):  # w_{i+1} - w_i <= 0
                row = np.zeros(k)
                row[i], row[i + 1] = -1.0, 1.0
                a_ub.append(row)
        result = linprog(
            np.zeros(k),
            A_ub=np.array(a_ub) if a_ub else None,
            b_ub=np.zeros(len(a_ub)) if a_ub else None,
            A_eq=np.ones((1, k)),
            b_eq=[1.0],
            bounds=list(zip(lows, highs, strict=True)),
            method="highs",
        )
        if result.status != 0:
            raise EceiDataError(
                f"the weight region is empty: bounds {dict(self.bounds)}"
                + (" with w_VI >= w_I >= w_NSI" if self.ordered else "")
                + " admit no weights summing to 1"
            )

    def _in_bounds(self, w: np.ndarray) -> np.ndarray:
        share = w / w.sum(axis=1, keepdims=True)
        keep = np.ones(len(w), dtype=bool)
        for cls, (low, high) in self.bounds.items():
            col = share[:, self.classes.index(cls)]
            keep &= (col >= low) & (col <= high)
        return keep

    def draw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        """Draw ``size`` weight rows (rejection-sampled when bounds are set)."""
        if not self.bounds:
            return self._raw(size, rng)
        parts, have, tried = [], 0, 0
        while have < size:
            batch = max(1024, 2 * (size - have))
            w = self._raw(batch, rng)
            tried += batch
            kept = w[self._in_bounds(w)]
            parts.append(kept)
            have += len(kept)
            if tried >= 1_000_000 and have / tried < _MIN_ACCEPTANCE:
                raise EceiDataError(
                    f"bounds {dict(self.bounds)} keep only {have}/{tried} draws of the "
                    f"{self.name} sampler; widen them"
                )
        return np.concatenate(parts)[:size]

    def describe(self) -> str:
        """One line naming the measure (for captions and report provenance)."""
        text = self.measure
        if self.bounds:
            text += f", restricted to normalised weights within {dict(self.bounds)}"
        return text


@dataclass(frozen=True)
class UniformSimplexSampler(Sampler):
    """Uniform on the simplex: Dirichlet(1, ..., 1)."""

    name = "uniform"
    measure = "uniform on the weight simplex (Dirichlet(1))"

    def _raw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        return rng.dirichlet(np.ones(self.k), size=size)


@dataclass(frozen=True)
class OrderedSimplexSampler(Sampler):
    """Uniform on w_1 >= w_2 >= ... >= w_k (classes in order of importance)."""

    name = "ordered"
    measure = "uniform on the ordered region w_VI >= w_I >= w_NSI"
    ordered = True

    def _raw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        return -np.sort(-rng.dirichlet(np.ones(self.k), size=size), axis=1)


def _nominal_vector(
    nominal: Mapping[str, float] | Sequence[float], classes
) -> np.ndarray:
    if isinstance(nominal, Mapping):
        return weight_vector(nominal, classes)
    vec = np.asarray(nominal, dtype=float)
    if vec.shape != (len(classes),) or np.any(vec < 0) or vec.sum() <= 0:
        raise EceiDataError(
            f"nominal weights must be {len(classes)} non-negative numbers, not all 0"
        )
    return vec


@dataclass(frozen=True)
class DirichletSampler(Sampler):
    """Dirichlet(κ · nominal share): centred on the nominal weights.

    Parameters
    ----------
    nominal
        Nominal weights (any positive scale); every class weight must be > 0.
    concentration
        κ > 0; larger is tighter around nominal (variance ~ 1 / (κ + 1)).
    """

    nominal: Mapping[str, float] | Sequence[float] = (3.0, 2.0, 1.0)
    concentration: float = 50.0

    name = "dirichlet"

    @property
    def measure(self) -> str:  # type: ignore[override]
        """The measure, with the concentration."""
        return f"Dirichlet around the nominal weights (κ = {self.concentration:g})"

    def __post_init__(self) -> None:
        vec = _nominal_vector(self.nominal, self.classes)
        if np.any(vec <= 0):
            raise EceiDataError("Dirichlet sampling needs every nominal weight > 0")
        if not np.isfinite(self.concentration) or self.concentration <= 0:
            raise EceiDataError(
                f"concentration must be > 0, got {self.concentration!r}"
            )
        object.__setattr__(self, "_alpha", self.concentration * vec / vec.sum())
        super().__post_init__()

    def _raw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        return rng.dirichlet(self._alpha, size=size)


@dataclass(frozen=True)
class BoxSampler(Sampler):
    """JRC/COINr-style box: raw weights uniform in ``nominal × [1 - x, 1 + x]``.

    The draws are returned raw (not normalised): rankings depend only on weight
    ratios, and the box is the stated measure.

    Parameters
    ----------
    nominal
        Nominal weights.
    spread
        Relative half-width x in [0, 1] (0.25 = ±25 %).
    """

    nominal: Mapping[str, float] | Sequence[float] = (3.0, 2.0, 1.0)
    spread: float = 0.25

    name = "box"

    @property
    def measure(self) -> str:  # type: ignore[override]
        """The measure, with the spread."""
        return f"raw weights uniform within ±{self.spread:.0%} of nominal"

    def __post_init__(self) -> None:
        vec = _nominal_vector(self.nominal, self.classes)
        if not (0 <= self.spread <= 1):
            raise EceiDataError(f"spread must be within [0, 1], got {self.spread!r}")
        object.__setattr__(self, "_nominal", vec)
        super().__post_init__()

    def _raw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        u = rng.uniform(-1.0, 1.0, size=(size, self.k))
        w = self._nominal * (1.0 + self.spread * u)
        zero = w.sum(axis=1) <= 0
        if np.any(zero):  # only possible with spread == 1 and one non-zero nominal
            w[zero] = self._nominal
        return w


SAMPLERS: dict[str, type[Sampler]] = {
    "uniform": UniformSimplexSampler,
    "ordered": OrderedSimplexSampler,
    "dirichlet": DirichletSampler,
    "box": BoxSampler,
}


def make_sampler(
    name: str | Sampler, classes: Sequence[str] = CLASSES, **options
) -> Sampler:
    """Build a sampler by name (``uniform``, ``ordered``, ``dirichlet``, ``box``).

    Parameters
    ----------
    name
        A name from :data:`SAMPLERS`, or a ready :class:`Sampler` (returned as is).
    classes
        Class order of the columns.
    **options
        ``nominal``, ``concentration``, ``spread``, ``bounds`` as the sampler takes.
    """
    if isinstance(name, Sampler):
        return name
    if name not in SAMPLERS:
        raise EceiDataError(
            f"unknown sampler {name!r}; expected one of {', '.join(SAMPLERS)}"
        )
    try:
        return SAMPLERS[name](classes=tuple(classes), **options)
    except TypeError as exc:
        raise EceiDataError(f"bad options for sampler {name!r}: {exc}") from None


def make_sampler_around(
    name: str | Sampler,
    nominal: np.ndarray,
    classes: Sequence[str] = CLASSES,
    **options,
) -> Sampler:
    """Like :func:`make_sampler`, centring ``dirichlet``/``box`` on ``nominal``.

    An explicit ``nominal=`` in ``options`` wins.
    """
    if isinstance(name, str) and name in ("dirichlet", "box"):
        options.setdefault("nominal", nominal)
    return make_sampler(name, classes, **options)


def sample_weights(
    sampler: str | Sampler,
    size: int,
    *,
    seed: SeedLike = None,
    classes: Sequence[str] = CLASSES,
    **options,
) -> np.ndarray:
    """Draw ``size`` weight vectors.

    Parameters
    ----------
    sampler
        Name or :class:`Sampler`; see the module docstring for each measure.
    size
        Number of draws.
    seed
        Int, Generator or None.
    classes
        Class order of the columns.
    **options
        Passed to :func:`make_sampler`.

    Returns
    -------
    numpy.ndarray
        ``(size, k)``.

    Examples
    --------
    >>> w = sample_weights("ordered", 5, seed=1)
    >>> bool((w[:, 0] >= w[:, 1]).all() and (w[:, 1] >= w[:, 2]).all())
    True
    """
    if int(size) != size or size < 0:
        raise EceiDataError(f"size must be a whole number >= 0, got {size!r}")
    return make_sampler(sampler, classes, **options).draw(int(size), handle_seed(seed))
