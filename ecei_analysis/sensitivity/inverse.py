"""Inverse questions: what would it take to change a place.

* :func:`weights_to_reach` — the smallest change of the class weights (L1 or L∞ on
  the simplex, optionally keeping w_VI >= w_I >= w_NSI) that lifts a cluster to a
  given place or above, by mixed-integer linear programming (HiGHS through
  :func:`scipy.optimize.linprog`), or a proof (an infeasible program) that no
  weighting can. Any number of classes.
* :func:`weights_to_overtake` — the same for "X overtakes Y" (a plain LP).
* :func:`ranking_region` — the weights under which a given ranking holds.
* :func:`points_to_reach` — the smallest change of one indicator's points that
  lifts a cluster to a place, within ``[0, max_points]``.

"Place r or above" uses the *min* rule: at most r - 1 clusters score strictly
higher. A tie counts as sharing the place (as in the published record).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import pandas as pd
from scipy.optimize import linprog

from ..core.checks import finite_number, one_of, whole_number
from ..core.errors import EceiDataError
from ..core.results import Result
from ..core.tolerances import EPS, SLACK
from ..data.study import Study
from ..scoring.points import check_points, class_points
from ..scoring.ranks import row_tolerance
from ..scoring.weights import WeightsLike, takes_weights

__all__ = [
    "InverseResult",
    "PointChangeResult",
    "RegionResult",
    "points_to_reach",
    "ranking_region",
    "weights_to_overtake",
    "weights_to_reach",
]

_NORMS = ("l1", "linf")


@dataclass(frozen=True)
class InverseResult(Result):
    """Answer to an inverse question about the weights.

    Attributes
    ----------
    cluster
        The cluster to lift.
    goal
        ``"reach"`` (a place) or ``"overtake"`` (a rival).
    target
        The target place (``"reach"``) or the rival's id (``"overtake"``).
    feasible
        False when no weighting in the region meets the goal (HiGHS proved the
        program infeasible).
    already
        True when the nominal weights already meet the goal (distance 0).
    distance
        The smallest change (``norm`` of the normalised weights), or NaN.
    weights
        The nearest weighting that meets the goal, normalised (sum 1), or None.
    weights_nominal_scale
        The same, rescaled to the nominal weights' sum (readable next to them).
    above
        Clusters still scoring strictly above the cluster at that weighting.
    parameters
        Norm, region, margin, nominal weights and the solver's status.
    """

    cluster: str
    goal: str
    target: int | str
    feasible: bool
    already: bool
    distance: float
    weights: pd.Series | None
    weights_nominal_scale: pd.Series | None
    above: tuple[str, ...]

    def tidy(self) -> pd.DataFrame:
        """One row per class: nominal and nearest weights (normalised)."""
        nominal = pd.Series(self.parameters["nominal"])
        nominal = nominal / nominal.sum()
        nearest = self.weights if self.weights is not None else nominal * np.nan
        return pd.DataFrame(
            {
                "cluster": self.cluster,
                "goal": self.goal,
                "target": str(self.target),
                "class": nominal.index,
                "nominal": nominal.to_numpy(),
                "nearest": nearest.reindex(nominal.index).to_numpy(),
                "feasible": self.feasible,
                "distance": self.distance,
            }
        )


@dataclass(frozen=True)
class PointChangeResult(Result):
    """Smallest change of one indicator's points that lifts a cluster to a place.

    Attributes
    ----------
    cluster, rank
        The cluster and the target place.
    gap
        Score the cluster lacks at the nominal weights (0: already there).
    table
        One row per indicator: ``indicator``, ``class``, ``points``,
        ``max_points``, ``room`` (points left below the maximum), ``delta``
        (exact points needed), ``delta_whole`` (rounded up when the data are whole
        points), ``feasible`` (within the maximum), ``shortfall`` (points missing
        beyond the maximum, 0 when feasible). Feasible rows first, by ``delta``;
        then the closest infeasible ones, by ``shortfall``.
    """

    cluster: str
    rank: int
    gap: float
    table: pd.DataFrame

    @property
    def already(self) -> bool:
        """True when the cluster already holds the place (no change needed)."""
        return self.gap <= 0

    def tidy(self) -> pd.DataFrame:
        """Return the table with the cluster and target place on every row."""
        return self.table.assign(cluster=self.cluster, rank=self.rank)


@dataclass(frozen=True)
class RegionResult(Result):
    """The weights under which a ranking holds.

    Attributes
    ----------
    feasible
        Whether any weighting (in the region) gives the ranking.
    constraints, bounds
        The region is ``constraints @ w <= bounds`` with ``sum w = 1``,
        ``w >= 0`` (one row per order the ranking states).
    centre, radius
        The largest ball inside (Chebyshev centre, normalised weights).
    vertices, area_share
        For three classes: the polygon (weight vectors) and its share of the
        simplex.
    """

    feasible: bool
    constraints: np.ndarray
    bounds: np.ndarray
    centre: pd.Series | None
    radius: float
    vertices: np.ndarray | None = None
    area_share: float | None = None

    def tidy(self) -> pd.DataFrame:
        """Polygon vertices, one row each (empty without three classes)."""
        if self.vertices is None:
            return pd.DataFrame(columns=["vertex", "class", "weight"])
        classes = list(self.centre.index)
        frame = pd.DataFrame(self.vertices, columns=classes)
        frame.index.name = "vertex"
        long = frame.stack().rename("weight").reset_index()
        long.columns = ["vertex", "class", "weight"]
        return long


def _check_norm(norm: str) -> str:
    return one_of(norm, "norm", _NORMS)


def _solve(
    diffs: np.ndarray,
    max_above: int,
    w0: np.ndarray,
    *,
    norm: str,
    ordered: bool,
    margin: float,
):
    """Minimise ``||w - w0||`` on the simplex subject to the score constraints.

    ``diffs[j] · w <= -margin`` must hold for all but at most ``max_above`` rows
    (binary switches turn a row off).
    """
    k = len(w0)
    m = len(diffs)
    use_z = 0 < max_above < m
    n_aux = k if norm == "l1" else 1
    n_z = m if use_z else 0
    n_var = k + n_aux + n_z
    c = np.zeros(n_var)
    c[k : k + n_aux] = 1.0
    rows, rhs = [], []

    def row() -> np.ndarray:
        return np.zeros(n_var)

    for i in range(k):  # |w - w0| <= t (per class, or one s for all)
        t = k + (i if norm == "l1" else 0)
        r = row()
        r[i], r[t] = 1.0, -1.0
        rows.append(r)
        rhs.append(w0[i])
        r = row()
        r[i], r[t] = -1.0, -1.0
        rows.append(r)
        rhs.append(-w0[i])
    if ordered:
        for i in range(k - 1):
            r = row()
            r[i + 1], r[i] = 1.0, -1.0
            rows.append(r)
            rhs.append(0.0)
    if max_above < m:
        big = np.maximum(diffs.max(axis=1), 0.0) + margin + 1.0
        for j in range(m):
            r = row()
            r[:k] = diffs[j]
            if use_z:
                r[k + n_aux + j] = -big[j]
            rows.append(r)
            rhs.append(-margin)
        if use_z:
            r = row()
            r[k + n_aux :] = 1.0
            rows.append(r)
            rhs.append(float(max_above))
    a_eq = row()[None, :]
    a_eq[0, :k] = 1.0
    bounds = [(0.0, 1.0)] * k + [(0.0, None)] * n_aux + [(0.0, 1.0)] * n_z
    integrality = np.r_[np.zeros(k + n_aux), np.ones(n_z)] if use_z else None
    return linprog(
        c,
        A_ub=np.array(rows),
        b_ub=np.array(rhs),
        A_eq=a_eq,
        b_eq=[1.0],
        bounds=bounds,
        integrality=integrality,
        method="highs",
    )


def _result(
    res,
    points: pd.DataFrame,
    w_nominal: np.ndarray,
    cluster: str,
    goal: str,
    target: int | str,
    parameters: dict,
    comparison: Sequence[str],
) -> InverseResult:
    classes = list(points.columns)
    parameters = parameters | {"status": int(res.status), "message": res.message}
    if res.status == 2:
        return InverseResult(
            cluster=cluster,
            goal=goal,
            target=target,
            feasible=False,
            already=False,
            distance=np.nan,
            weights=None,
            weights_nominal_scale=None,
            above=(),
            parameters=parameters,
        )
    if res.status != 0:
        raise EceiDataError(f"the solver failed: {res.message}")
    k = len(classes)
    w = np.clip(res.x[:k], 0.0, None)
    w = w / w.sum()
    nominal_sum = float(w_nominal.sum())
    weights = pd.Series(w, index=classes)
    scores = points.to_numpy(float) @ w
    i = list(points.index).index(cluster)
    tol = float(row_tolerance(scores[None, :])[0])
    above = tuple(
        points.index[j]
        for j in comparison_indices(points, comparison)
        if scores[j] > scores[i] + tol
    )
    change = np.abs(w - w_nominal / nominal_sum)
    distance = float(change.sum() if parameters["norm"] == "l1" else change.max())
    already = distance < EPS
    return InverseResult(
        cluster=cluster,
        goal=goal,
        target=target,
        feasible=True,
        already=already,
        distance=0.0 if already else distance,
        weights=weights,
        weights_nominal_scale=weights * nominal_sum,
        above=above,
        parameters=parameters,
    )


def comparison_indices(points: pd.DataFrame, ids: Sequence[str]) -> list[int]:
    """Positions of ``ids`` in ``points.index``."""
    index = list(points.index)
    return [index.index(c) for c in ids]


def _prepare(points, weights, cluster, norm, margin):
    points = check_points(points)
    if cluster not in points.index:
        raise EceiDataError(
            f"unknown cluster {cluster!r}; expected one of "
            f"{', '.join(map(str, points.index))}"
        )
    norm = _check_norm(norm)
    margin = finite_number(margin, "margin", low=0)
    w0 = weights.vector_for(list(points.columns))
    return points, w0, norm, margin


def _parameters(w0, points, norm, ordered, margin) -> dict:
    return {
        "method": "mixed-integer linear programming (HiGHS)",
        "norm": norm,
        "region": "ordered" if ordered else "simplex",
        "margin": margin,
        "nominal": dict(zip(points.columns, w0.tolist(), strict=True)),
    }


@takes_weights
def weights_to_reach(
    points: pd.DataFrame,
    cluster: str,
    rank: int,
    weights: WeightsLike,
    *,
    norm: str = "l1",
    ordered: bool = False,
    margin: float = 0.0,
) -> InverseResult:
    """Smallest weight change that lifts ``cluster`` to place ``rank`` or above.

    Parameters
    ----------
    points
        Clusters × classes (any number of classes).
    cluster
        The cluster to lift.
    rank
        Target place (1 = first); met when at most ``rank - 1`` clusters score
        strictly higher (ties share the place: the movement semantics).
    weights
        Nominal weights, in any accepted form (distance is measured from their
        normalised vector).
    norm
        ``"l1"`` (sum of absolute changes) or ``"linf"`` (largest change).
    ordered
        Keep w_1 >= w_2 >= ... (classes in order of importance).
    margin
        Required score lead over the clusters it must not trail (0: a tie is
        enough).

    Returns
    -------
    InverseResult
    """
    points, w0, norm, margin = _prepare(points, weights, cluster, norm, margin)
    n = len(points)
    rank = whole_number(rank, "rank", low=1, high=n)
    others = [c for c in points.index if c != cluster]
    matrix = points.to_numpy(float)
    x = matrix[list(points.index).index(cluster)]
    diffs = matrix[comparison_indices(points, others)] - x
    res = _solve(
        diffs, rank - 1, w0 / w0.sum(), norm=norm, ordered=ordered, margin=margin
    )
    return _result(
        res,
        points,
        w0,
        cluster,
        "reach",
        rank,
        _parameters(w0, points, norm, ordered, margin),
        others,
    )


@takes_weights
def weights_to_overtake(
    points: pd.DataFrame,
    cluster: str,
    rival: str,
    weights: WeightsLike,
    *,
    norm: str = "l1",
    ordered: bool = False,
    margin: float = 0.0,
) -> InverseResult:
    """Smallest weight change after which ``cluster`` scores at least ``rival``.

    See :func:`weights_to_reach` for the parameters; ``margin`` > 0 asks for a
    strict lead of that many points.
    """
    points, w0, norm, margin = _prepare(points, weights, cluster, norm, margin)
    if rival not in points.index or rival == cluster:
        raise EceiDataError(f"rival must be another cluster id, got {rival!r}")
    matrix = points.to_numpy(float)
    idx = list(points.index)
    diffs = (matrix[idx.index(rival)] - matrix[idx.index(cluster)])[None, :]
    res = _solve(diffs, 0, w0 / w0.sum(), norm=norm, ordered=ordered, margin=margin)
    return _result(
        res,
        points,
        w0,
        cluster,
        "overtake",
        rival,
        _parameters(w0, points, norm, ordered, margin),
        [rival],
    )


def ranking_region(
    points: pd.DataFrame, ranking: Sequence[str], *, ordered: bool = False
) -> RegionResult:
    """Return the weights (on the simplex) under which ``ranking`` holds (ties allowed).

    Parameters
    ----------
    points
        Clusters × classes.
    ranking
        Cluster ids, best first (all clusters, or a leading subset whose order
        must hold, each above every cluster not listed).
    ordered
        Restrict to w_1 >= w_2 >= ...

    Returns
    -------
    RegionResult
    """
    points = check_points(points)
    idx = list(points.index)
    ranking = list(ranking) if not isinstance(ranking, str) else [ranking]
    unknown = [c for c in ranking if c not in idx]
    if unknown or len(set(ranking)) != len(ranking) or not ranking:
        raise EceiDataError(
            f"ranking must list distinct cluster ids; unknown {unknown}"
        )
    matrix = points.to_numpy(float)
    k = matrix.shape[1]
    rows = []
    for upper, lower in pairwise(ranking):
        rows.append(matrix[idx.index(lower)] - matrix[idx.index(upper)])
    rest = [c for c in idx if c not in ranking]
    for other in rest:
        rows.append(matrix[idx.index(other)] - matrix[idx.index(ranking[-1])])
    if ordered:
        for i in range(k - 1):
            r = np.zeros(k)
            r[i + 1], r[i] = 1.0, -1.0
            rows.append(r)
    for i in range(k):  # w >= 0 as half-spaces too, for the ball
        r = np.zeros(k)
        r[i] = -1.0
        rows.append(r)
    a = np.array(rows)
    b = np.zeros(len(a))
    # Chebyshev centre within the plane sum w = 1: project normals onto it.
    proj = a - a.mean(axis=1, keepdims=True)
    norms = np.linalg.norm(proj, axis=1)
    c = np.r_[np.zeros(k), -1.0]
    a_ub = np.column_stack([a, norms])
    res = linprog(
        c,
        A_ub=a_ub,
        b_ub=b,
        A_eq=np.r_[np.ones(k), 0.0][None, :],
        b_eq=[1.0],
        bounds=[(0, 1)] * k + [(0, None)],
        method="highs",
    )
    parameters = {
        "method": "linear programming (HiGHS), Chebyshev centre",
        "ranking": ranking,
        "region": "ordered" if ordered else "simplex",
    }
    if res.status != 0:
        return RegionResult(
            feasible=False,
            constraints=a,
            bounds=b,
            centre=None,
            radius=0.0,
            parameters=parameters,
        )
    centre = pd.Series(res.x[:k], index=list(points.columns))
    radius = float(res.x[k])
    vertices, area = None, None
    if k == 3:
        vertices, area = _polygon(a, centre.to_numpy()) if radius > EPS else (None, 0.0)
    return RegionResult(
        feasible=True,
        constraints=a,
        bounds=b,
        centre=centre,
        radius=radius,
        vertices=vertices,
        area_share=area,
        parameters=parameters,
    )


def _polygon(a: np.ndarray, centre: np.ndarray) -> tuple[np.ndarray, float]:
    from scipy.spatial import HalfspaceIntersection

    # Plane coordinates (x, y) = (w1, w2), w3 = 1 - x - y: a·w <= 0 becomes
    # (a1 - a3) x + (a2 - a3) y + a3 <= 0.
    halfspaces = np.column_stack([a[:, 0] - a[:, 2], a[:, 1] - a[:, 2], a[:, 2]])
    hs = HalfspaceIntersection(halfspaces, centre[:2])
    pts = hs.intersections
    order = np.argsort(np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0]))
    pts = pts[order]
    x, y = pts[:, 0], pts[:, 1]
    area = 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))
    return np.column_stack([x, y, 1 - x - y]), float(area / 0.5)


@takes_weights
def points_to_reach(
    study: Study,
    cluster: str,
    rank: int,
    weights: WeightsLike,
) -> PointChangeResult:
    """Smallest change of one indicator's points that lifts ``cluster`` to ``rank``.

    Adding Δ points to an indicator of class c adds ``w_c · Δ`` to the score. The
    cluster reaches place ``rank`` (shared at a tie; at most ``rank - 1``
    clusters strictly ahead) when its score equals the ``rank``-th highest score
    among the others.

    Parameters
    ----------
    study
        The study (indicator-level points and max_points).
    cluster
        The cluster.
    rank
        Target place.
    weights
        Class weights, in any accepted form.

    Returns
    -------
    PointChangeResult
    """
    if not isinstance(study, Study):
        raise EceiDataError(f"study must be a Study, got {type(study).__name__}")
    points = class_points(study)
    if cluster not in points.index:
        raise EceiDataError(
            f"unknown cluster {cluster!r}; expected one of "
            f"{', '.join(map(str, points.index))}"
        )
    n = len(points)
    rank = whole_number(rank, "rank", low=1, high=n)
    w = weights.vector_for(list(points.columns))
    cls_weight = dict(zip(points.columns, w, strict=True))
    scores = points.to_numpy(float) @ w
    i = list(points.index).index(cluster)
    others = np.delete(scores, i)
    needed = np.sort(others)[::-1][rank - 1] if rank <= len(others) else -np.inf
    tol = float(row_tolerance(scores[None, :])[0])
    gap = float(needed - scores[i])
    gap = 0.0 if gap <= tol else gap
    whole = bool(np.all(np.mod(study.points.to_numpy(), 1) == 0))
    rows = []
    for code in study.points.columns:
        c = study.classification[code]
        wc = cls_weight[c]
        current = float(study.points.at[cluster, code])
        top = float(study.indicators.at[code, "max_points"])
        delta = gap / wc if wc > 0 else (0.0 if gap == 0 else np.inf)
        delta_whole = (
            float(np.ceil(delta - SLACK)) if whole and np.isfinite(delta) else delta
        )
        room = top - current
        feasible = bool(np.isfinite(delta) and delta_whole <= room + SLACK)
        rows.append(
            {
                "indicator": code,
                "class": c,
                "points": current,
                "max_points": top,
                "room": room,
                "delta": delta,
                "delta_whole": delta_whole,
                "feasible": feasible,
                "shortfall": 0.0 if feasible else float(delta_whole - room),
            }
        )
    frame = pd.DataFrame(rows).sort_values(
        ["feasible", "delta", "shortfall", "indicator"],
        ascending=[False, True, True, True],
        kind="stable",
    )
    infeasible = ~frame["feasible"]
    frame = pd.concat(
        [
            frame[~infeasible],
            frame[infeasible].sort_values(["shortfall", "indicator"], kind="stable"),
        ]
    ).reset_index(drop=True)
    return PointChangeResult(
        cluster=cluster,
        rank=rank,
        gap=gap,
        table=frame,
        parameters={
            "method": "one indicator at a time, within [0, max_points]",
            "weights": {c: float(v) for c, v in cls_weight.items()},
            "whole_points": whole,
        },
    )
