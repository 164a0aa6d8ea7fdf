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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
import pandas as pd
from scipy.optimize import linprog

from .errors import EceiDataError
from .loading import Study
from .scoring import class_points
from .weights import format_weights, weight_vector

__all__ = [
    "InverseResult",
    "points_to_reach",
    "ranking_region",
    "weights_to_overtake",
    "weights_to_reach",
]

_NORMS = ("l1", "linf")


@dataclass(frozen=True)
class InverseResult:
    """Answer to an inverse question.

    Attributes
    ----------
    feasible
        False when no weighting in the region meets the goal (HiGHS proved the
        program infeasible).
    distance
        The smallest change (``norm`` of the normalised weights), or NaN.
    weights
        The nearest weighting that meets the goal, normalised (sum 1), or None.
    weights_nominal_scale
        The same, rescaled to the nominal weights' sum (readable next to them).
    above
        Clusters still scoring strictly above the target at that weighting.
    sentence
        Plain-language answer.
    details
        Goal, norm, region and solver status.
    """

    feasible: bool
    distance: float
    weights: pd.Series | None
    weights_nominal_scale: pd.Series | None
    above: tuple[str, ...]
    sentence: str
    details: dict = field(default_factory=dict)


def _check_norm(norm: str) -> None:
    if norm not in _NORMS:
        raise EceiDataError(f"norm must be 'l1' or 'linf', got {norm!r}")


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


def _names(labels: Mapping[str, str] | None, cid: str) -> str:
    return (labels or {}).get(cid, cid)


def _result(
    res,
    points: pd.DataFrame,
    w_nominal: np.ndarray,
    target: str,
    goal: str,
    norm: str,
    ordered: bool,
    labels,
    comparison: Sequence[str],
) -> InverseResult:
    classes = list(points.columns)
    region = "ordered region" if ordered else "simplex"
    details = {
        "goal": goal,
        "norm": norm,
        "region": region,
        "status": res.status,
        "message": res.message,
    }
    if res.status == 2:
        sentence = (
            f"No weighting in the {region} makes {_names(labels, target)} {goal}: "
            "the linear program is infeasible."
        )
        return InverseResult(False, np.nan, None, None, (), sentence, details)
    if res.status != 0:
        raise EceiDataError(f"the solver failed: {res.message}")
    k = len(classes)
    w = np.clip(res.x[:k], 0.0, None)
    w = w / w.sum()
    nominal_sum = float(w_nominal.sum())
    weights = pd.Series(w, index=classes)
    scaled = weights * nominal_sum
    scores = points.to_numpy(float) @ w
    i = list(points.index).index(target)
    tol = 1e-9 * max(1.0, float(np.abs(scores).max()))
    above = tuple(
        points.index[j]
        for j in comparison_indices(points, comparison)
        if scores[j] > scores[i] + tol
    )
    distance = float(
        np.abs(w - w_nominal / nominal_sum).sum()
        if norm == "l1"
        else np.abs(w - w_nominal / nominal_sum).max()
    )
    sentence = (
        f"{_names(labels, target)} can {goal} with {format_weights(scaled)} "
        f"({norm.upper()} change {distance:.3f} of the normalised weights, within "
        f"the {region})."
    )
    if distance < 1e-12:
        sentence = (
            f"{_names(labels, target)} already {goal.replace('reach', 'reaches')}"
        )
        sentence += " at the nominal weights."
    return InverseResult(True, distance, weights, scaled, above, sentence, details)


def comparison_indices(points: pd.DataFrame, ids: Sequence[str]) -> list[int]:
    """Positions of ``ids`` in ``points.index``."""
    index = list(points.index)
    return [index.index(c) for c in ids]


def _prepare(points, weights, cluster):
    if not isinstance(points, pd.DataFrame):
        raise EceiDataError("points must be a clusters × classes DataFrame")
    if cluster not in points.index:
        raise EceiDataError(f"unknown cluster {cluster!r}")
    return weight_vector(weights, list(points.columns))


def weights_to_reach(
    points: pd.DataFrame,
    cluster: str,
    rank: int,
    weights: Mapping[str, float],
    *,
    norm: str = "l1",
    ordered: bool = False,
    margin: float = 0.0,
    labels: Mapping[str, str] | None = None,
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
        strictly higher (ties share the place).
    weights
        Nominal weights (distance is measured from their normalised vector).
    norm
        ``"l1"`` (sum of absolute changes) or ``"linf"`` (largest change).
    ordered
        Keep w_1 >= w_2 >= ... (classes in order of importance).
    margin
        Required score lead over the clusters it must not trail (0: a tie is
        enough).
    labels
        Display names.

    Returns
    -------
    InverseResult
    """
    _check_norm(norm)
    w0 = _prepare(points, weights, cluster)
    n = len(points)
    if int(rank) != rank or not 1 <= rank <= n:
        raise EceiDataError(f"rank must be a whole number in [1, {n}], got {rank!r}")
    others = [c for c in points.index if c != cluster]
    matrix = points.to_numpy(float)
    x = matrix[list(points.index).index(cluster)]
    diffs = matrix[comparison_indices(points, others)] - x
    res = _solve(
        diffs, int(rank) - 1, w0 / w0.sum(), norm=norm, ordered=ordered, margin=margin
    )
    goal = f"reach place {rank} or above" if rank > 1 else "reach first place"
    return _result(res, points, w0, cluster, goal, norm, ordered, labels, others)


def weights_to_overtake(
    points: pd.DataFrame,
    cluster: str,
    rival: str,
    weights: Mapping[str, float],
    *,
    norm: str = "l1",
    ordered: bool = False,
    margin: float = 0.0,
    labels: Mapping[str, str] | None = None,
) -> InverseResult:
    """Smallest weight change after which ``cluster`` scores at least ``rival``.

    See :func:`weights_to_reach` for the parameters; ``margin`` > 0 asks for a
    strict lead of that many points.
    """
    _check_norm(norm)
    w0 = _prepare(points, weights, cluster)
    if rival not in points.index or rival == cluster:
        raise EceiDataError(f"rival must be another cluster id, got {rival!r}")
    matrix = points.to_numpy(float)
    idx = list(points.index)
    diffs = (matrix[idx.index(rival)] - matrix[idx.index(cluster)])[None, :]
    res = _solve(diffs, 0, w0 / w0.sum(), norm=norm, ordered=ordered, margin=margin)
    goal = f"draw level with or overtake {_names(labels, rival)}"
    return _result(res, points, w0, cluster, goal, norm, ordered, labels, [rival])


def ranking_region(
    points: pd.DataFrame, ranking: Sequence[str], *, ordered: bool = False
) -> dict:
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
    dict
        ``feasible``; ``A``, ``b`` (the region is ``A w <= b`` with ``sum w = 1``,
        ``w >= 0``); ``centre`` and ``radius`` (the largest ball inside, Chebyshev
        centre, as normalised weights); for three classes also ``vertices`` (a
        polygon of weight vectors) and ``area_share`` of the simplex.
    """
    idx = list(points.index)
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
    a = np.array(rows) if rows else np.zeros((0, k))
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
    out = {"feasible": res.status == 0, "A": a, "b": b}
    if res.status != 0:
        out.update(centre=None, radius=0.0)
        return out
    out["centre"] = pd.Series(res.x[:k], index=list(points.columns))
    out["radius"] = float(res.x[k])
    if k == 3 and out["radius"] > 1e-12:
        out.update(_polygon(a, out["centre"].to_numpy()))
    elif k == 3:
        out.update(vertices=None, area_share=0.0)
    return out


def _polygon(a: np.ndarray, centre: np.ndarray) -> dict:
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
    vertices = np.column_stack([x, y, 1 - x - y])
    return {"vertices": vertices, "area_share": float(area / 0.5)}


def points_to_reach(
    study: Study,
    cluster: str,
    rank: int,
    weights: Mapping[str, float],
    *,
    labels: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Smallest change of one indicator's points that lifts ``cluster`` to ``rank``.

    Adding Δ points to an indicator of class c adds ``w_c · Δ`` to the score. The
    cluster reaches place ``rank`` (shared at a tie) when its score equals the
    ``rank``-th highest score among the others.

    Parameters
    ----------
    study
        The study (indicator-level points and max_points).
    cluster
        The cluster.
    rank
        Target place (min rule, ties share).
    weights
        Class weights.
    labels
        Display names.

    Returns
    -------
    pandas.DataFrame
        One row per indicator, sorted by the change needed: ``indicator``,
        ``class``, ``points``, ``max_points``, ``delta`` (exact), ``delta_whole``
        (rounded up, when the data are whole points), ``feasible`` (stays within
        max_points), ``sentence``. Empty ``delta`` (0) when already there.
    """
    points = class_points(study)
    if cluster not in points.index:
        raise EceiDataError(f"unknown cluster {cluster!r}")
    n = len(points)
    if int(rank) != rank or not 1 <= rank <= n:
        raise EceiDataError(f"rank must be a whole number in [1, {n}], got {rank!r}")
    w = weight_vector(weights, list(points.columns))
    cls_weight = dict(zip(points.columns, w, strict=True))
    scores = points.to_numpy(float) @ w
    i = list(points.index).index(cluster)
    others = np.delete(scores, i)
    needed = np.sort(others)[::-1][rank - 1] if rank <= len(others) else -np.inf
    gap = max(0.0, float(needed - scores[i]))
    whole = bool(np.all(np.mod(study.points.to_numpy(), 1) == 0))
    rows = []
    for code in study.points.columns:
        c = study.classification[code]
        wc = cls_weight[c]
        current = float(study.points.at[cluster, code])
        top = float(study.indicators.at[code, "max_points"])
        delta = gap / wc if wc > 0 else (0.0 if gap == 0 else np.inf)
        delta_whole = (
            float(np.ceil(delta - 1e-9)) if whole and np.isfinite(delta) else delta
        )
        feasible = bool(np.isfinite(delta) and current + delta_whole <= top + 1e-9)
        name = _names(labels, cluster)
        if gap == 0:
            sentence = f"{name} already holds place {rank} or above."
        elif not feasible:
            sentence = (
                f"{name} cannot reach place {rank} through {code} alone: it would need "
                f"+{delta_whole:g} points but has {top - current:g} left below the "
                f"maximum {top:g}."
            )
        else:
            sentence = (
                f"{name} needs +{delta_whole:g} points on {code} ({current:g} → "
                f"{current + delta_whole:g} of {top:g}) to reach place {rank} under "
                f"{format_weights(pd.Series(cls_weight))}."
            )
        rows.append(
            {
                "indicator": code,
                "class": c,
                "points": current,
                "max_points": top,
                "delta": delta,
                "delta_whole": delta_whole,
                "feasible": feasible,
                "sentence": sentence,
            }
        )
    frame = pd.DataFrame(rows)
    frame = frame.sort_values(
        ["feasible", "delta", "indicator"], ascending=[False, True, True], kind="stable"
    )
    return frame.reset_index(drop=True)
