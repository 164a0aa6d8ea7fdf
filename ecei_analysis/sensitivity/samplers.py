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
``fixed``                 always the nominal weights (no weight uncertainty)
``RegionSampler``         uniform on the simplex spanned by given vertices (a
                          ranking with ties: its ordered region)
``MixtureSampler``        each draw from one of several samplers, chosen at random
                          with given shares (a panel's votes)
========================  ==========================================================

Nominal weights on a face of the simplex (a class weighted 0, e.g. 1:1:0, "drop
not so important"). A Dirichlet *around* a boundary point is degenerate, so both
centred samplers use the neighbourhood **on that face**: classes with nominal
weight 0 stay at 0 and only the positive ones vary (Dirichlet over the positive
classes; the box keeps 0 × [1 - x, 1 + x] = 0). At a vertex (1:0:0) no weighting
on the face differs in ranking, so the draws are the nominal itself. Each
sampler's :meth:`Sampler.spec` records the classes left at 0.

Any sampler may be restricted by ``bounds`` on the *normalised* weights (rejection
sampling; an empty region is a clear error, checked by linear programming).
Draws are generated in fixed blocks (:mod:`~ecei_analysis.sensitivity.streams`),
so they do not depend on how many are requested at a time.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog

from ..core.checks import whole_number
from ..core.defaults import DEFAULT_CONCENTRATION, DEFAULT_SEED
from ..core.errors import EceiDataError
from ..core.seeds import SeedLike, handle_seed
from ..core.vocabulary import CLASSES
from ..scoring.weights import WeightsLike, as_weights, canonical_classes
from .streams import BLOCK, BlockStream

__all__ = [
    "SAMPLERS",
    "BoxSampler",
    "DirichletSampler",
    "FixedSampler",
    "MixtureSampler",
    "OrderedSimplexSampler",
    "RegionSampler",
    "Sampler",
    "UniformSimplexSampler",
    "make_sampler",
    "make_sampler_around",
    "sample_weights",
]

_MIN_ACCEPTANCE = 1e-4
#: Largest Dirichlet concentration (beyond it, use the fixed nominal weights).
MAX_CONCENTRATION = 1e8


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

    def _importance_order(self) -> list[int]:
        """Column positions of the classes, most important first (by name)."""
        return [self.classes.index(c) for c in canonical_classes(self.classes)]

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
            rank = self._importance_order()
            for i, j in itertools.pairwise(rank):  # w_j - w_i <= 0
                row = np.zeros(k)
                row[i], row[j] = -1.0, 1.0
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
                + (
                    " with very important >= important >= not so important"
                    if self.ordered
                    else ""
                )
                + " admit no weights summing to 1"
            )

    def _in_bounds(self, w: np.ndarray) -> np.ndarray:
        share = w / w.sum(axis=1, keepdims=True)
        keep = np.ones(len(w), dtype=bool)
        for cls, (low, high) in self.bounds.items():
            col = share[:, self.classes.index(cls)]
            keep &= (col >= low) & (col <= high)
        return keep

    def block(self, rng: np.random.Generator) -> tuple[np.ndarray]:
        """Draw one fixed-size block (its accepted rows when bounds are set)."""
        w = self._raw(BLOCK, rng)
        if self.bounds:
            w = w[self._in_bounds(w)]
        return (w,)

    def stream(self, rng: np.random.Generator) -> BlockStream:
        """Return a stream of draws that any request sizes read identically."""
        if not self.bounds:
            return BlockStream(self.block, rng)
        tried = accepted = 0

        def guarded(generator: np.random.Generator) -> tuple[np.ndarray]:
            nonlocal tried, accepted
            (w,) = self.block(generator)
            tried += BLOCK
            accepted += len(w)
            if tried >= 1_000_000 and accepted / tried < _MIN_ACCEPTANCE:
                raise EceiDataError(
                    f"bounds {dict(self.bounds)} keep only {accepted}/{tried} draws "
                    f"of the {self.name} sampler; widen them"
                )
            return (w,)

        return BlockStream(guarded, rng)

    def draw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        """Draw ``size`` weight rows (rejection-sampled when bounds are set)."""
        return self.stream(rng).take(int(size))[0]

    def spec(self) -> dict:
        """Return the measure as a plain specification (for results' parameters).

        Language-free and JSON-able: ``{"name": ..., <the measure's settings>}``
        and ``bounds`` when set. Reports say it in words
        (:func:`~ecei_analysis.figures.captions.measure_text`).
        """
        spec = {"name": self.name, **self._settings()}
        if self.bounds:
            spec["bounds"] = {c: list(b) for c, b in self.bounds.items()}
        return spec

    def _settings(self) -> dict:
        return {}


@dataclass(frozen=True)
class UniformSimplexSampler(Sampler):
    """Uniform on the simplex: Dirichlet(1, ..., 1)."""

    name = "uniform"

    def _raw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        return rng.dirichlet(np.ones(self.k), size=size)


@dataclass(frozen=True)
class OrderedSimplexSampler(Sampler):
    """Uniform on very important ≥ important ≥ not so important.

    The order is by class name, whatever the order of the columns.
    """

    name = "ordered"
    ordered = True

    def _settings(self) -> dict:
        return {"order": list(canonical_classes(self.classes))}

    def _raw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        descending = -np.sort(-rng.dirichlet(np.ones(self.k), size=size), axis=1)
        order = self._importance_order()
        if order == list(range(self.k)):
            return descending
        out = np.empty_like(descending)
        out[:, order] = descending
        return out


def _nominal_vector(nominal: WeightsLike | Sequence[float], classes) -> np.ndarray:
    if isinstance(nominal, str | Mapping):
        return as_weights(nominal, classes).vector_for(classes)
    try:
        vec = np.asarray(nominal, dtype=float)
    except (TypeError, ValueError):
        raise EceiDataError(
            f"nominal weights must be numbers, got {nominal!r}"
        ) from None
    if (
        vec.shape != (len(classes),)
        or not np.all(np.isfinite(vec))
        or np.any(vec < 0)
        or vec.sum() <= 0
    ):
        raise EceiDataError(
            f"nominal weights must be {len(classes)} finite, non-negative numbers, "
            f"not all 0; got {nominal!r}"
        )
    return vec


def _nominal_settings(vec: np.ndarray, classes) -> dict:
    """Return the nominal weights and the classes they leave at 0."""
    return {
        "nominal": dict(zip(classes, vec.tolist(), strict=True)),
        "zero_classes": [c for c, v in zip(classes, vec, strict=True) if v == 0],
    }


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

    nominal: WeightsLike | Sequence[float] = (3.0, 2.0, 1.0)
    concentration: float = DEFAULT_CONCENTRATION

    name = "dirichlet"

    def _settings(self) -> dict:
        return {
            "concentration": float(self.concentration),
            **_nominal_settings(self._vec, self.classes),
        }

    def __post_init__(self) -> None:
        vec = _nominal_vector(self.nominal, self.classes)
        try:
            kappa = float(self.concentration)
        except (TypeError, ValueError):
            kappa = float("nan")
        if not np.isfinite(kappa) or not 0 < kappa <= MAX_CONCENTRATION:
            raise EceiDataError(
                f"concentration must be a number in (0, {MAX_CONCENTRATION:g}], got "
                f"{self.concentration!r} (for no weight uncertainty use the fixed "
                "sampler)"
            )
        object.__setattr__(self, "_vec", vec)
        object.__setattr__(self, "_positive", vec > 0)
        share = vec[vec > 0] / vec.sum()
        object.__setattr__(self, "_alpha", kappa * share)
        super().__post_init__()

    def _raw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        w = np.zeros((size, self.k))
        if self._positive.sum() == 1:
            w[:, self._positive] = 1.0
            return w
        w[:, self._positive] = rng.dirichlet(self._alpha, size=size)
        return w


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

    nominal: WeightsLike | Sequence[float] = (3.0, 2.0, 1.0)
    spread: float = 0.25

    name = "box"

    def _settings(self) -> dict:
        return {
            "spread": float(self.spread),
            **_nominal_settings(self._nominal, self.classes),
        }

    def __post_init__(self) -> None:
        vec = _nominal_vector(self.nominal, self.classes)
        try:
            ok = 0 <= float(self.spread) <= 1
        except (TypeError, ValueError):
            ok = False
        if not ok:
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


@dataclass(frozen=True)
class FixedSampler(Sampler):
    """Always the nominal weights: no weight uncertainty (e.g. noise alone)."""

    nominal: WeightsLike | Sequence[float] = (3.0, 2.0, 1.0)

    name = "fixed"

    def _settings(self) -> dict:
        return _nominal_settings(self._nominal, self.classes)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "_nominal", _nominal_vector(self.nominal, self.classes)
        )
        super().__post_init__()

    def _raw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        return np.tile(self._nominal, (size, 1))


@dataclass(frozen=True)
class RegionSampler(Sampler):
    """Uniform on the simplex spanned by ``vertices`` (barycentric Dirichlet(1)).

    An affine map carries the uniform law on the standard simplex to the uniform
    law on any simplex, so the draws are ``λ @ vertices`` with ``λ`` uniform on
    the standard simplex. The ordered region w_VI >= w_I >= w_NSI is the simplex
    with vertices (1, 0, 0), (1/2, 1/2, 0), (1/3, 1/3, 1/3), and a ranking with
    ties spans fewer vertices (see :func:`~ecei_analysis.data.panel_votes.vote_region`).

    Parameters
    ----------
    vertices
        ``(g, k)`` weight vectors (rows), each non-negative and summing to 1.
    label
        What the region is, as a plain key recorded in :meth:`spec` (e.g.
        ``"vote"``); not text for readers.
    """

    vertices: tuple[tuple[float, ...], ...] = ((1.0, 0.0, 0.0),)
    label: str = "region"

    name = "region"

    def _settings(self) -> dict:
        return {"of": self.label, "vertices": [list(v) for v in self._vertices]}

    def __post_init__(self) -> None:
        try:
            vertices = np.asarray(self.vertices, dtype=float)
        except (TypeError, ValueError):
            raise EceiDataError("region vertices must be numbers") from None
        if (
            vertices.ndim != 2
            or vertices.shape[1] != len(self.classes)
            or not 1 <= len(vertices) <= len(self.classes)
        ):
            raise EceiDataError(
                f"a region needs 1 to {len(self.classes)} vertices of "
                f"{len(self.classes)} weights, got shape {vertices.shape}"
            )
        if np.any(vertices < 0) or not np.allclose(vertices.sum(axis=1), 1.0):
            raise EceiDataError("region vertices must be non-negative and sum to 1")
        object.__setattr__(self, "_vertices", vertices)
        super().__post_init__()

    def _raw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        g = len(self._vertices)
        if g == 1:
            return np.tile(self._vertices[0], (size, 1))
        return rng.dirichlet(np.ones(g), size=size) @ self._vertices


@dataclass(frozen=True)
class MixtureSampler(Sampler):
    """Each draw comes from one component sampler, chosen with ``shares``.

    A finite mixture: first a component is picked at random (by default every
    component equally often), then a weight vector is drawn from it. With one
    fixed component per participant this is the panel's empirical distribution;
    with a Dirichlet around each vote, its smoothed version.

    Parameters
    ----------
    components
        Samplers over the same classes, without bounds (restrict the mixture
        itself instead).
    shares
        Probability of each component (normalised); ``None``: equal.
    label
        What the mixture is, as a plain key recorded in :meth:`spec` (e.g.
        ``"votes"``); not text for readers.
    """

    components: tuple[Sampler, ...] = ()
    shares: tuple[float, ...] | None = None
    label: str = "mixture"

    name = "mixture"

    def _settings(self) -> dict:
        kinds = sorted({c.name for c in self.components})
        settings = {
            "of": self.label,
            "components": len(self.components),
            "component": kinds[0] if len(kinds) == 1 else kinds,
            "shares": None if self._equal else self._shares.tolist(),
        }
        concentrations = {
            c.concentration for c in self.components if isinstance(c, DirichletSampler)
        }
        if len(concentrations) == 1:
            settings["concentration"] = float(concentrations.pop())
        return settings

    def __post_init__(self) -> None:
        components = tuple(self.components)
        if not components or not all(isinstance(c, Sampler) for c in components):
            raise EceiDataError("a mixture needs at least one component sampler")
        for c in components:
            if tuple(c.classes) != tuple(self.classes):
                raise EceiDataError(
                    f"a mixture component has classes {list(c.classes)}, the "
                    f"mixture {list(self.classes)}"
                )
            if c.bounds:
                raise EceiDataError(
                    "mixture components cannot have bounds; bound the mixture"
                )
        object.__setattr__(self, "components", components)
        if self.shares is None:
            shares = np.full(len(components), 1.0 / len(components))
        else:
            shares = np.asarray(self.shares, dtype=float)
            if (
                shares.shape != (len(components),)
                or not np.all(np.isfinite(shares))
                or np.any(shares < 0)
                or shares.sum() <= 0
            ):
                raise EceiDataError(
                    f"mixture shares must be {len(components)} non-negative numbers, "
                    "not all 0"
                )
            shares = shares / shares.sum()
        object.__setattr__(self, "_shares", shares)
        object.__setattr__(self, "_equal", bool(np.all(shares == shares[0])))
        super().__post_init__()

    def _raw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        pick = rng.choice(len(self.components), size=size, p=self._shares)
        out = np.empty((size, self.k))
        for j in np.unique(pick):
            rows = pick == j
            w = self.components[j]._raw(int(rows.sum()), rng)
            out[rows] = w / w.sum(axis=1, keepdims=True)
        return out


SAMPLERS: dict[str, type[Sampler]] = {
    "uniform": UniformSimplexSampler,
    "ordered": OrderedSimplexSampler,
    "dirichlet": DirichletSampler,
    "box": BoxSampler,
    "fixed": FixedSampler,
}

#: Samplers centred on nominal weights.
CENTRED = ("dirichlet", "box", "fixed")


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
    if not isinstance(name, str) or name not in SAMPLERS:
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
    """Like :func:`make_sampler`, centring ``dirichlet``, ``box``, ``fixed`` on it.

    An explicit ``nominal=`` in ``options`` wins.
    """
    if isinstance(name, str) and name in CENTRED:
        options.setdefault("nominal", nominal)
    return make_sampler(name, classes, **options)


def sample_weights(
    sampler: str | Sampler,
    size: int,
    *,
    seed: SeedLike = DEFAULT_SEED,
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
        Int, Generator or None (default: the package's one default seed).
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
    size = whole_number(size, "size", low=0)
    return make_sampler(sampler, classes, **options).draw(size, handle_seed(seed))
