"""How far nominal weights are from a ranking change, and what swaps each place.

Three classes only for the stability radius (exact geometry on the simplex);
swap thresholds work for any number of classes.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise

import numpy as np
import pandas as pd

from .geometry import (
    _check_three,
    _clip_segment,
    _plane_lines,
    _to_weights,
    region_vertices,
)
from .scoring import rank_matrix
from .vocabulary import CLASS_SHORT
from .weights import weight_vector

__all__ = ["stability_radius", "swap_thresholds"]


def _segment_distance(
    p: np.ndarray, a: np.ndarray, b: np.ndarray
) -> tuple[float, np.ndarray]:
    ab = b - a
    t = float(np.clip(np.dot(p - a, ab) / np.dot(ab, ab), 0.0, 1.0))
    nearest = a + t * ab
    return float(np.linalg.norm(p - nearest)), nearest


def stability_radius(
    points: pd.DataFrame,
    weights: Mapping[str, float],
    *,
    region: str = "simplex",
    top: int | None = None,
    tol: float | None = None,
) -> dict:
    """Distance from the nominal weights to the nearest change of ranking.

    Distances are Euclidean between normalised weight vectors (points of the
    simplex), measured within ``region``: a swap line that meets the simplex only
    outside the region does not count.

    Parameters
    ----------
    points
        Clusters × 3 classes.
    weights
        Nominal weights (any positive scale).
    region
        ``"simplex"`` or ``"ordered"``.
    top
        Only changes among the first ``top`` places count (a pair counts when
        either cluster holds one of them at nominal); ``None``: any change.
    tol
        Score tolerance for deciding that a pair is tied at nominal.

    Returns
    -------
    dict
        ``radius`` (0 when two clusters tie at the nominal weights), ``pair``
        (the two clusters whose swap line is nearest), ``nearest_weights``
        (Series: the nearest point of that line), ``tied`` (pairs tied at nominal).
    """
    matrix = _check_three(points)
    classes = list(points.columns)
    w0 = weight_vector(weights, classes)
    w0 = w0 / w0.sum()
    ids = points.index
    scores = matrix @ w0
    n = len(matrix)
    ranks = rank_matrix(scores, tol=tol)
    counts = np.full(n, True) if top is None else ranks <= top
    tied = [
        (ids[i], ids[j])
        for i in range(n)
        for j in range(i + 1, n)
        if ranks[i] == ranks[j] and (counts[i] or counts[j])
    ]
    poly = region_vertices(region)[:, :2]
    best = (np.inf, None, None)
    pi, pj = np.triu_indices(n, k=1)
    lines = _plane_lines(matrix[pi] - matrix[pj])
    for line, i, j in zip(lines, pi, pj, strict=True):
        if not (counts[i] or counts[j]) or np.linalg.norm(line[:2]) < 1e-12:
            continue  # identical or never-tying pair
        seg = _clip_segment(line, poly)
        if seg is None:
            continue
        a, b = _to_weights(seg)
        dist, nearest = _segment_distance(w0, a, b)
        if dist < best[0]:
            best = (dist, (ids[i], ids[j]), nearest)
    if best[1] is None:
        return {"radius": np.inf, "pair": None, "nearest_weights": None, "tied": tied}
    radius = 0.0 if tied else best[0]
    return {
        "radius": radius,
        "pair": best[1],
        "nearest_weights": pd.Series(best[2], index=classes),
        "tied": tied,
    }


def _fmt(value: float) -> str:
    return f"{value:.3g}"


def _condition(d: np.ndarray, names: list[str]) -> str:
    """``"59·w_VI - 33·w_I - 70·w_NSI >= 0"`` for coefficients ``d``."""
    text = ""
    for value, name in zip(d, names, strict=True):
        if value == 0:
            continue
        term = f"{_fmt(abs(value))}·{name}"
        if not text:
            text = term if value > 0 else f"-{term}"
        else:
            text += f" {'+' if value > 0 else '-'} {term}"
    return f"{text or '0'} >= 0"


def _share_threshold(d: np.ndarray, w: np.ndarray, k: int) -> float:
    """Share of class k at which the pair ties, the others keeping their ratio.

    With w(s) = s e_k + (1 - s) r (r: the other nominal weights normalised),
    d · w(s) is linear in s; returns the root in [0, 1], or NaN if there is none.
    """
    others = np.delete(w, k)
    if others.sum() <= 0:
        return np.nan
    rest = float(np.delete(d, k) @ (others / others.sum()))
    if rest == d[k]:
        return np.nan
    s = rest / (rest - d[k])
    return float(s) if 0.0 <= s <= 1.0 else np.nan


def swap_thresholds(
    points: pd.DataFrame,
    weights: Mapping[str, float],
    *,
    labels: Mapping[str, str] | None = None,
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
        Nominal weights; thresholds are on the same scale.
    labels
        Display names per cluster id (default: the ids).
    tol
        Score tolerance (pairs tied at nominal have margin 0).

    Returns
    -------
    pandas.DataFrame
        One row per adjacent pair: ``upper``, ``lower``, ``margin`` (score gap),
        ``condition`` (the exact inequality), per class ``threshold_<class>``
        (NaN when no value of that weight alone swaps them) and
        ``share_threshold_<class>`` (the class's share of the weights at which
        they tie when the other classes keep their ratio), ``most_sensitive``
        class and ``sentence`` (plain language for briefings).
    """
    classes = list(points.columns)
    w = weight_vector(weights, classes)
    matrix = points.to_numpy(float)
    scores = matrix @ w
    ranks = rank_matrix(scores, tol=tol)
    order = np.lexsort((np.arange(len(scores)), -scores))
    labels = dict(labels or {})
    name = {c: labels.get(c, c) for c in points.index}
    short = {c: f"w_{CLASS_SHORT.get(c, c)}" for c in classes}
    records = []
    for up, low in pairwise(order):
        d = matrix[up] - matrix[low]
        margin = float(d @ w)
        u, lo = points.index[up], points.index[low]
        rec = {
            "upper": u,
            "lower": lo,
            "upper_rank": ranks[up],
            "lower_rank": ranks[low],
            "margin": margin,
        }
        rec["condition"] = _condition(d, [short[c] for c in classes])
        best_class, best_change = None, np.inf
        for k, c in enumerate(classes):
            threshold = np.nan
            if d[k] != 0:
                t = w[k] - margin / d[k]
                if t >= 0:
                    threshold = t
                    change = abs(t - w[k]) / (w[k] if w[k] > 0 else 1.0)
                    if change < best_change:
                        best_class, best_change = c, change
            rec[f"threshold_{c}"] = threshold
            rec[f"share_threshold_{c}"] = _share_threshold(d, w, k)
        rec["most_sensitive"] = best_class
        if margin == 0 or ranks[up] == ranks[low]:
            sentence = (
                f"{name[u]} and {name[lo]} are tied at these weights; any change in "
                f"the balance {rec['condition'].replace('>=', 'decides')}"
            )
        elif best_class is None:
            sentence = (
                f"{name[u]} stays above {name[lo]} whatever a single class weight is "
                f"(the condition {rec['condition']} cannot flip by one weight alone)"
            )
        else:
            k = classes.index(best_class)
            sense = ">=" if d[k] > 0 else "<="
            sentence = (
                f"{name[u]} stays above {name[lo]} while {short[best_class]} {sense} "
                f"{_fmt(rec[f'threshold_{best_class}'])} (now {_fmt(w[k])}; other "
                "weights fixed)"
            )
            share = rec[f"share_threshold_{best_class}"]
            if np.isfinite(share):
                now = w[k] / w.sum()
                share_sense = ">=" if share < now else "<="
                sentence += (
                    f", i.e. while its share of the weights stays {share_sense} "
                    f"{share:.0%} (now {now:.0%}; the others in their proposed ratio)"
                )
        rec["sentence"] = sentence
        records.append(rec)
    return pd.DataFrame.from_records(records)
