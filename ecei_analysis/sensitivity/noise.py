"""Assessor noise: uncertainty in the indicator points, each law with its measure.

An assessor's points are uncertain; each law perturbs every indicator's points
independently, keeps them within ``[0, max_points]``, and sums them by class:

==============  ===============================================================
law             measure (per indicator, independently)
==============  ===============================================================
``levels``      points + a uniform whole number in [-L, L], clipped to
                [0, max_points] (the clipped mass sits on the bounds)
``relative``    points × U(1 - x, 1 + x), clipped to [0, max_points]
``gaussian``    points + N(0, sd²) truncated to [0, max_points] (sd in points)
``triangular``  points + a symmetric triangular law on [-h, h] points,
                truncated to [0, max_points]
==============  ===============================================================

The spread (L, x, sd or h) is one number for every indicator, or one per
indicator (an array, or a column of the indicators file via
:meth:`AssessorNoise.from_study`).

For ``levels`` with whole-number points the class subtotals are drawn directly
from their exact distribution: the convolution of the indicators' clipped
uniform laws, sampled by Walker's alias method. This is the same law as drawing
every indicator and summing (the scores depend on the class subtotals only), at
a fraction of the random numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.special import ndtr, ndtri

from ..core.errors import EceiDataError
from ..core.tolerances import SLACK
from .streams import BlockStream, MappedStream

__all__ = ["BLOCK_BYTES", "LAWS", "LAW_COST", "AssessorNoise"]

#: Memory of one block of noise draws (see :meth:`AssessorNoise.stream`).
BLOCK_BYTES = 16 * 2**20

#: Work per uniform of each law relative to ``levels`` (measured: the Gaussian and
#: triangular inverses cost more); it scales the engine's time estimate.
LAW_COST: dict[str, float] = {
    "levels": 1.0,
    "relative": 1.0,
    "gaussian": 1.7,
    "triangular": 1.8,
}

#: The noise laws and the name of their spread.
LAWS: dict[str, str] = {
    "levels": "whole points",
    "relative": "share of the points",
    "gaussian": "sd in points",
    "triangular": "half-width in points",
}


def _spread_array(value, n_ind: int, law: str) -> np.ndarray:
    try:
        arr = np.broadcast_to(np.asarray(value, dtype=float), (n_ind,)).copy()
    except (TypeError, ValueError):
        raise EceiDataError(
            f"the {law} spread must be a number or one number per indicator "
            f"({n_ind}), got {value!r}"
        ) from None
    if not np.all(np.isfinite(arr)) or np.any(arr < 0):
        raise EceiDataError(f"the {law} spread must be finite and >= 0, got {value!r}")
    if law == "levels" and not np.all(arr == np.round(arr)):
        raise EceiDataError(f"levels must be whole numbers of points, got {value!r}")
    if law == "relative" and np.any(arr > 1):
        raise EceiDataError(f"relative must be within [0, 1], got {value!r}")
    return arr


@dataclass(frozen=True)
class AssessorNoise:
    """Assessor uncertainty: perturb indicator points before summing by class.

    Exactly one of ``levels``, ``relative``, ``sd`` and ``half_width`` is set
    (see the module docstring for each law).

    Attributes
    ----------
    indicator_points
        ``(n_clusters, n_indicators)`` nominal points.
    max_points
        ``(n_indicators,)``.
    membership
        ``(n_indicators, k)`` one-hot class membership.
    levels, relative, sd, half_width
        The law's spread: a number, or one per indicator.
    clusters, classes
        Labels of the rows and classes, checked against the points analysed.
    """

    indicator_points: np.ndarray
    max_points: np.ndarray
    membership: np.ndarray
    levels: float | np.ndarray | None = None
    relative: float | np.ndarray | None = None
    sd: float | np.ndarray | None = None
    half_width: float | np.ndarray | None = None
    clusters: tuple[str, ...] | None = None
    classes: tuple[str, ...] | None = None
    _alias: tuple | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        given = {
            law: getattr(self, name)
            for law, name in (
                ("levels", "levels"),
                ("relative", "relative"),
                ("gaussian", "sd"),
                ("triangular", "half_width"),
            )
            if getattr(self, name) is not None
        }
        if len(given) != 1:
            raise EceiDataError(
                "give exactly one of levels=, relative=, sd= or half_width= for "
                f"assessor noise, got {sorted(given) or 'none'}"
            )
        try:
            pts = np.asarray(self.indicator_points, dtype=float)
            top = np.asarray(self.max_points, dtype=float)
            member = np.asarray(self.membership, dtype=float)
        except (TypeError, ValueError):
            raise EceiDataError("assessor noise needs numeric arrays") from None
        if pts.ndim != 2 or top.shape != (pts.shape[1],) or member.ndim != 2:
            raise EceiDataError(
                "assessor noise needs indicator_points (clusters × indicators), "
                "max_points (one per indicator) and membership (indicators × classes)"
            )
        if member.shape[0] != pts.shape[1]:
            raise EceiDataError("membership must have one row per indicator")
        if not (np.all(np.isfinite(pts)) and np.all(np.isfinite(top))):
            raise EceiDataError("assessor noise needs finite points and max_points")
        ((law, spread),) = given.items()
        object.__setattr__(self, "indicator_points", pts)
        object.__setattr__(self, "max_points", top)
        object.__setattr__(self, "membership", member)
        object.__setattr__(self, "_law", law)
        object.__setattr__(self, "_spread", _spread_array(spread, pts.shape[1], law))
        if self.clusters is not None and len(self.clusters) != pts.shape[0]:
            raise EceiDataError("clusters must name every row of indicator_points")
        if self.classes is not None and len(self.classes) != member.shape[1]:
            raise EceiDataError("classes must name every column of membership")

    @classmethod
    def from_study(
        cls,
        study,
        *,
        levels: float | str | None = None,
        relative: float | str | None = None,
        sd: float | str | None = None,
        half_width: float | str | None = None,
        classes: tuple[str, ...] | None = None,
    ) -> AssessorNoise:
        """Build the noise model for a :class:`~ecei_analysis.Study`.

        A spread given as text names a column of ``study.indicators`` holding one
        spread per indicator (e.g. ``sd="sd_points"``).

        Examples
        --------
        >>> from ecei_analysis import load_study
        >>> AssessorNoise.from_study(load_study(), levels=2).law
        'levels'
        """
        classes = tuple(classes or study.classes)
        membership = np.stack(
            [(study.classification == c).to_numpy(float) for c in classes], axis=1
        )
        spreads = {
            "levels": levels,
            "relative": relative,
            "sd": sd,
            "half_width": half_width,
        }
        for name, value in spreads.items():
            if isinstance(value, str):
                spreads[name] = _spread_column(study.indicators, value)
        return cls(
            indicator_points=study.points.to_numpy(float),
            max_points=study.indicators["max_points"].to_numpy(float),
            membership=membership,
            clusters=tuple(study.points.index),
            classes=classes,
            **spreads,
        )

    @property
    def law(self) -> str:
        """``levels``, ``relative``, ``gaussian`` or ``triangular``."""
        return self._law

    @property
    def bytes_per_draw(self) -> int:
        """Working memory one draw needs."""
        n, n_ind = self.indicator_points.shape
        if self._fast:
            return 4 * n * self.membership.shape[1] * 8
        return 4 * n * n_ind * 8

    @property
    def _fast(self) -> bool:
        return self.law == "levels" and _whole(self.indicator_points, self.max_points)

    def spec(self) -> dict:
        """Return the law as a plain specification (for results' parameters).

        ``{"law": ..., "spread": number or one per indicator}``; reports say it
        in words (:func:`~ecei_analysis.figures.captions.noise_text`).
        """
        spread = self._spread
        same = bool(np.all(spread == spread[0]))
        return {
            "law": self.law,
            "spread": float(spread[0]) if same else spread.tolist(),
        }

    def nominal_class_points(self) -> np.ndarray:
        """``(n_clusters, k)``: the class subtotals without noise."""
        return self.indicator_points @ self.membership

    def check_matches(self, points: pd.DataFrame) -> None:
        """Raise unless this noise describes the same study as ``points``.

        Checks the shape, the cluster ids and classes when recorded, and that the
        class subtotals without noise equal ``points``.
        """
        n, k = points.shape
        if self.indicator_points.shape[0] != n or self.membership.shape[1] != k:
            raise EceiDataError(
                f"the assessor noise describes {self.indicator_points.shape[0]} "
                f"clusters × {self.membership.shape[1]} classes, but the points have "
                f"{n} × {k}: build the noise from the same study"
            )
        if self.clusters is not None and list(self.clusters) != list(points.index):
            raise EceiDataError(
                "the assessor noise lists other clusters (or another order) than "
                "the points: build the noise from the same study"
            )
        if self.classes is not None and list(self.classes) != list(points.columns):
            raise EceiDataError(
                f"the assessor noise has classes {list(self.classes)}, the points "
                f"{list(points.columns)}"
            )
        nominal = self.nominal_class_points()
        if not np.allclose(nominal, points.to_numpy(float), rtol=SLACK, atol=SLACK):
            raise EceiDataError(
                "the assessor noise's class subtotals differ from the points (another "
                "study or classification?): build the noise from the same study"
            )

    @property
    def cost_per_uniform(self) -> float:
        """Return the law's work per uniform, relative to levels (:data:`LAW_COST`)."""
        return LAW_COST[self.law]

    @property
    def uniforms_per_draw(self) -> tuple[int, int]:
        """Shape of the uniforms one draw reads.

        ``(n_clusters, k)`` for whole-point levels (one per class subtotal), else
        ``(n_clusters, n_indicators)``.
        """
        n, n_ind = self.indicator_points.shape
        return (n, self.membership.shape[1]) if self._fast else (n, n_ind)

    def uniform_stream(self, rng: np.random.Generator) -> BlockStream:
        """Return the stream of uniforms behind the draws, in fixed blocks.

        The blocks hold at most 1024 draws (and about :data:`BLOCK_BYTES`), so a
        run reads the same numbers whatever its chunk size. The engine takes the
        uniforms in draw order and turns them into class points
        (:meth:`class_points`) in its worker threads.
        """
        block = max(1, min(1024, BLOCK_BYTES // self.bytes_per_draw))
        if self._fast:
            self._tables()  # built once here, before any worker needs them
        return BlockStream(lambda generator: (self.uniforms(block, generator),), rng)

    def stream(self, rng: np.random.Generator) -> MappedStream:
        """Return the stream of draws (class points), the same for any request sizes.

        It is :meth:`uniform_stream` turned into class points.
        """
        return MappedStream(self.uniform_stream(rng), self.class_points)

    def uniforms(self, size: int, rng: np.random.Generator) -> np.ndarray:
        """Draw the uniforms of ``size`` draws (see :attr:`uniforms_per_draw`)."""
        return rng.random((size, *self.uniforms_per_draw))

    def draw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        """Draw ``(size, n_clusters, k)`` perturbed class points."""
        return self.class_points(self.uniforms(size, rng))

    def class_points(self, u: np.ndarray) -> np.ndarray:
        """Turn uniforms into ``(size, n_clusters, k)`` perturbed class points.

        ``u`` comes from :meth:`uniforms`; it is used as working memory
        (overwritten).
        """
        if self._fast:
            return self._alias_draw(u)
        base = self.indicator_points
        top = self.max_points
        spread = self._spread
        if self.law == "levels":
            shift = np.floor(u * (2 * spread + 1)) - spread
            pts = np.clip(base + shift, 0.0, top)
        elif self.law == "relative":
            pts = np.clip(base * (1 - spread + 2 * spread * u), 0.0, top)
        elif self.law == "gaussian":
            pts = _truncated_gaussian(base, spread, top, u)
        else:
            pts = _truncated_triangular(base, spread, top, u)
        return pts @ self.membership

    # The exact class-subtotal law for whole-point levels ---------------------------
    def _tables(self):
        if self._alias is None:
            object.__setattr__(self, "_alias", _alias_tables(self))
        return self._alias

    def _alias_draw(self, u: np.ndarray) -> np.ndarray:
        prob, values, width, row = self._tables()
        u *= width
        j = u.astype(np.intp)  # the column of the alias table
        np.minimum(j, width - 1, out=j)
        u -= j  # the uniform within the column
        j += row
        keep = u < np.take(prob, j)
        # values[2 x] is column x's alias, values[2 x + 1] column x itself (both
        # with the subtotal's offset added): one gather gives the subtotal.
        j <<= 1
        j += keep
        return np.take(values, j)


def _whole(*arrays: np.ndarray) -> bool:
    return all(np.all(a == np.round(a)) for a in arrays)


def _spread_column(indicators: pd.DataFrame, column: str) -> np.ndarray:
    if column not in indicators.columns:
        raise EceiDataError(
            f"no column {column!r} in the indicators for a per-indicator spread; "
            f"columns are {', '.join(map(str, indicators.columns))}"
        )
    values = pd.to_numeric(indicators[column], errors="coerce").to_numpy(float)
    bad = [c for c, v in zip(indicators.index, values, strict=True) if not v >= 0]
    if bad:
        raise EceiDataError(
            f"column {column!r} must hold a number >= 0 for every indicator; not for "
            f"{', '.join(map(str, bad[:5]))}"
        )
    return values


def _truncated_gaussian(base, sd, top, u):
    sd = np.where(sd > 0, sd, 1.0)
    lo = ndtr((0.0 - base) / sd)
    hi = ndtr((top - base) / sd)
    z = ndtri(lo + u * (hi - lo))
    return np.clip(base + sd * z, 0.0, top)


def _triangular_cdf(t):
    return np.where(t <= 0, 0.5 * (1 + t) ** 2, 1 - 0.5 * (1 - t) ** 2)


def _truncated_triangular(base, half, top, u):
    h = np.where(half > 0, half, 1.0)
    lo = _triangular_cdf(np.clip((0.0 - base) / h, -1, 1))
    hi = _triangular_cdf(np.clip((top - base) / h, -1, 1))
    q = lo + u * (hi - lo)
    t = np.where(q <= 0.5, np.sqrt(2 * q) - 1, 1 - np.sqrt(2 * (1 - q)))
    out = base + np.where(half > 0, h * t, 0.0)
    return np.clip(out, 0.0, top)


def _alias_tables(noise: AssessorNoise):
    """Walker alias tables of every (cluster, class) subtotal's exact law."""
    pts = noise.indicator_points
    top = noise.max_points
    levels = noise._spread.astype(int)
    member = noise.membership.astype(bool)
    n, k = pts.shape[0], member.shape[1]
    # Each class subtotal's law: the convolution of its indicators' laws, built
    # for all clusters at once (one indicator at a time).
    pmfs, offset = [], np.zeros((n, k))
    for c in range(k):
        acc = np.ones((n, 1))
        low_sum = np.zeros(n)
        for j in np.flatnonzero(member[:, c]):
            level = int(levels[j])
            values = np.clip(
                pts[:, j, None] + np.arange(-level, level + 1), 0, top[j]
            ).astype(int)
            low = values.min(axis=1)
            step = np.zeros((n, 2 * level + 1))
            np.add.at(step, (np.arange(n)[:, None], values - low[:, None]), 1.0)
            step /= step.sum(axis=1, keepdims=True)
            wider = np.zeros((n, acc.shape[1] + step.shape[1] - 1))
            for s_ in range(step.shape[1]):
                wider[:, s_ : s_ + acc.shape[1]] += acc * step[:, s_ : s_ + 1]
            acc, low_sum = wider, low_sum + low
        offset[:, c] = low_sum
        pmfs.append(acc)
    # Rows in (cluster, class) order, trailing zeros trimmed as before.
    pmfs = [np.trim_zeros(pmfs[c][i], "b") for i in range(n) for c in range(k)]
    width = max(len(p) for p in pmfs)
    prob = np.ones((n * k, width))
    alias = np.tile(np.arange(width), (n * k, 1))
    for row, pmf in enumerate(pmfs):
        scaled = np.zeros(width)
        scaled[: len(pmf)] = pmf * width
        small = [x for x in range(width) if scaled[x] < 1.0]
        large = [x for x in range(width) if scaled[x] >= 1.0]
        while small and large:
            s, g = small.pop(), large.pop()
            prob[row, s] = scaled[s]
            alias[row, s] = g
            scaled[g] -= 1.0 - scaled[s]
            (small if scaled[g] < 1.0 else large).append(g)
        for rest in small + large:  # rounding leftovers
            prob[row, rest] = 1.0
    row = (np.arange(n * k, dtype=np.intp) * width).reshape(n, k)
    # Indices are intp: np.take converts any other integer type first.
    own = np.tile(np.arange(width), (n * k, 1))
    values = np.stack([alias, own], axis=2) + offset.reshape(n * k, 1, 1)
    return prob.ravel(), values.ravel(), width, row
