"""How far nominal weights are from a ranking change, and what swaps each place.

Three classes only for the stability radius (exact geometry on the simplex);
swap thresholds work for any number of classes. Both return numbers; the
sentences that explain them are built in :mod:`ecei_analysis.reports.briefing_findings`.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import pandas as pd

from ...core.checks import whole_number
from ...core.results import Result
from ...core.tolerances import EPS
from ...scoring.points import check_points
from ...scoring.ranks import rank_matrix, row_tolerance
from ...scoring.weights import WeightsLike, takes_weights
from .plane import (
    check_three_classes,
    clip_segment,
    plane_lines,
    region_vertices,
    to_weights,
)

__all__ = ["StabilityResult", "stability_radius", "swap_thresholds"]


def _segment_distance(
    p: np.ndarray, a: np.ndarray, b: np.ndarray
) -> tuple[float, np.ndarray]:
    ab = b - a
    t = float(np.clip(np.dot(p - a, ab) / np.dot(ab, ab), 0.0, 1.0))
    nearest = a + t * ab
    return float(np.linalg.norm(p - nearest)), nearest


@dataclass(frozen=True)
class StabilityResult(Result):
    """Distance from the nominal weights to the nearest change of ranking.

    Attributes
    ----------
    radius
        Euclidean distance between normalised weight vectors; 0 when two counted
        clusters tie at the nominal weights; ``inf`` when no swap line of a
        counted pair crosses the region (the order never changes there).
    pair
        The two clusters whose swap line is nearest (``None`` if none).
    nearest_weights
        The nearest point of that line (normalised weights), or ``None``.
    tied
        Counted pairs tied at the nominal weights.
    """

    radius: float
    pair: tuple[str, str] | None
    nearest_weights: pd.Series | None
    tied: tuple[tuple[str, str], ...]

    def tidy(self) -> pd.DataFrame:
        """One row: radius, pair and nearest weights."""
        row = {
            "radius": self.radius,
            "cluster_a": self.pair[0] if self.pair else None,
            "cluster_b": self.pair[1] if self.pair else None,
            "tied_pairs": len(self.tied),
        }
        if self.nearest_weights is not None:
            row |= {f"nearest_{c}": v for c, v in self.nearest_weights.items()}
        return pd.DataFrame([row])


@takes_weights
def stability_radius(
    points: pd.DataFrame,
    weights: WeightsLike,
    *,
    region: str = "simplex",
    top: int | None = None,
    tol: float | None = None,
) -> StabilityResult:
    """Distance from the nominal weights to the nearest change of ranking.

    Distances are Euclidean between normalised weight vectors (points of the
    simplex), measured within ``region``: a swap line that meets the simplex only
    outside the region does not count.

    Parameters
    ----------
    points
        Clusters × 3 classes.
    weights
        Nominal weights (any positive scale, any accepted form).
    region
        ``"simplex"`` or ``"ordered"``.
    top
        Only changes among the first ``top`` places count (a pair counts when
        either cluster holds one of them at nominal); ``None``: any change.
    tol
        Score tolerance for deciding that a pair is tied at nominal.

    Returns
    -------
    StabilityResult
    """
    points = check_three_classes(points)
    matrix = points.to_numpy(float)
    classes = list(points.columns)
    w0 = weights.vector_for(classes)
    w0 = w0 / w0.sum()
    ids = points.index
    scores = matrix @ w0
    n = len(matrix)
    ranks = rank_matrix(scores, ties="min", tol=tol)
    if top is not None:
        top = whole_number(top, "top", low=1)
    counts = np.full(n, True) if top is None else ranks <= top
    tied = tuple(
        (ids[i], ids[j])
        for i in range(n)
        for j in range(i + 1, n)
        if ranks[i] == ranks[j] and (counts[i] or counts[j])
    )
    poly = region_vertices(region)[:, :2]
    best = (np.inf, None, None)
    pi, pj = np.triu_indices(n, k=1)
    lines = plane_lines(matrix[pi] - matrix[pj])
    for line, i, j in zip(lines, pi, pj, strict=True):
        if not (counts[i] or counts[j]) or np.linalg.norm(line[:2]) < EPS:
            continue  # identical or never-tying pair
        seg = clip_segment(line, poly)
        if seg is None:
            continue
        a, b = to_weights(seg)
        dist, nearest = _segment_distance(w0, a, b)
        if dist < best[0]:
            best = (dist, (ids[i], ids[j]), nearest)
    parameters = {
        "method": "exact geometry (swap lines)",
        "region": region,
        "top": top,
        "nominal": dict(zip(classes, w0.tolist(), strict=True)),
    }
    if best[1] is None:
        return StabilityResult(
            radius=0.0 if tied else np.inf,
            pair=tied[0] if tied else None,
            nearest_weights=None,
            tied=tied,
            parameters=parameters,
        )
    return StabilityResult(
        radius=0.0 if tied else best[0],
        pair=best[1],
        nearest_weights=pd.Series(best[2], index=classes),
        tied=tied,
        parameters=parameters,
    )


def _share_threshold(d: np.ndarray, w: np.ndarray, k: int) -> float:
    """Share of class k at which the pair ties, the others keeping their ratio.

    With w(s) = s e_k + (1 - s) r (r: the other nominal weights normalised,
    equal shares when they are all 0), d · w(s) is linear in s; returns the root
    in [0, 1], or NaN if there is none.
    """
    others = np.delete(w, k).astype(float)
    if others.sum() <= 0:
        others = np.ones_like(others)
    rest = float(np.delete(d, k) @ (others / others.sum()))
    if rest == d[k]:
        return np.nan
    s = rest / (rest - d[k])
    return float(s) if 0.0 <= s <= 1.0 else np.nan


@takes_weights
def swap_thresholds(
    points: pd.DataFrame,
    weights: WeightsLike,
    *,
    tol: float | None = None,
) -> pd.DataFrame:
    """For each adjacent pair of places, the weight changes that would swap them.

    For the pair (upper, lower) with class-point difference d and nominal weights
    w, upper stays above lower while d · w >= 0. Holding the other weights fixed,
    the weight of class c may move to ``w_c - (d · w) / d_c`` before they tie.

    Parameters
    ----------
    points
        Clusters × classes (any number of classes).
    weights
        Nominal weights, any accepted form; thresholds are on the same scale.
    tol
        Score tolerance (pairs tied at nominal have margin 0 and ``tied`` True).

    Returns
    -------
    pandas.DataFrame
        One row per adjacent pair: ``upper``, ``lower``, ``upper_rank`` and
        ``lower_rank`` (competition places), ``margin`` (score gap), ``tied``,
        per class ``d_<class>`` (the upper's class-point lead: the condition is
        ``sum_c d_c w_c >= 0``), ``threshold_<class>`` (NaN when no value of that
        weight alone swaps them), ``change_<class>`` (relative change needed) and
        ``share_threshold_<class>`` (the class's share of the weights at which they
        tie when the other classes keep their ratio), and ``most_sensitive`` (the
        class needing the smallest relative change; ``None`` when no single
        weight can swap them).
    """
    points = check_points(points)
    classes = list(points.columns)
    w = weights.vector_for(classes)
    matrix = points.to_numpy(float)
    scores = matrix @ w
    ranks = rank_matrix(scores, ties="min", tol=tol)
    limit = float(row_tolerance(scores[None, :], tol)[0])
    order = np.lexsort((np.arange(len(scores)), -scores))
    records = []
    for up, low in pairwise(order):
        d = matrix[up] - matrix[low]
        margin = float(d @ w)
        tied = bool(ranks[up] == ranks[low] or abs(margin) <= limit)
        rec = {
            "upper": points.index[up],
            "lower": points.index[low],
            "upper_rank": int(ranks[up]),
            "lower_rank": int(ranks[low]),
            "margin": 0.0 if tied else margin,
            "tied": tied,
        }
        rec |= {f"d_{c}": float(v) for c, v in zip(classes, d, strict=True)}
        best_class, best_change = None, np.inf
        for k, c in enumerate(classes):
            threshold = change = np.nan
            if d[k] != 0 and not tied:
                t = w[k] - margin / d[k]
                if t >= 0:
                    threshold = t
                    change = abs(t - w[k]) / (w[k] if w[k] > 0 else 1.0)
                    if change < best_change:
                        best_class, best_change = c, change
            rec[f"threshold_{c}"] = threshold
            rec[f"change_{c}"] = change
            rec[f"share_threshold_{c}"] = np.nan if tied else _share_threshold(d, w, k)
        rec["most_sensitive"] = best_class
        records.append(rec)
    columns = ["upper", "lower", "upper_rank", "lower_rank", "margin", "tied"]
    for prefix in ("d_", "threshold_", "change_", "share_threshold_"):
        columns += [f"{prefix}{c}" for c in classes]
    columns.append("most_sensitive")
    return pd.DataFrame.from_records(records, columns=columns)
