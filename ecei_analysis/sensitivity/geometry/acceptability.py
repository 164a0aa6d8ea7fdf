"""Exact rank acceptability, cluster by cluster, on its own n − 1 swap lines.

The place of cluster i at a weighting depends only on which other clusters score
above it: the signs of the n − 1 functions ``(p_j - p_i) · w``. Their zero lines
(i's swap lines) cut the region into cells of constant place. We cut the region
into vertical slabs at every crossing of those lines; inside a slab the lines
are ordered, so walking up a slab the number of clusters ahead changes by one
at each line. Every trapezoid between consecutive lines has an exact area
(width × mid-height), so the share of the region giving i each place follows
exactly, with O(n²) slabs of O(n) lines per cluster and bounded memory,
instead of the arrangement of all n(n − 1)/2 lines.

Ties. Clusters with identical class points tie everywhere: they share their
place (competition ``min``: 1 + clusters strictly ahead; ``dense``: 1 + distinct
scores ahead). Other ties lie on lines (zero area).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ...core.errors import EceiDataError
from ...core.vocabulary import MONTE_CARLO_TIES, Ties, check_ties
from .plane import (
    EPS,
    check_three_classes,
    plane_lines,
    polygon_area,
    region_vertices,
)
from .slabs import heights_at_middles, slab_sweep, unit_lines

__all__ = ["exact_rank_acceptability", "place_areas"]


def _identical_groups(matrix: np.ndarray) -> np.ndarray:
    """Group label of each row; rows with identical class points share one."""
    _, labels = np.unique(matrix, axis=0, return_inverse=True)
    return labels.ravel()


def place_areas(
    lines: np.ndarray, multiplicity: np.ndarray, poly: np.ndarray
) -> np.ndarray:
    """Area of the region with each number of lines on their positive side.

    Parameters
    ----------
    lines
        ``(L, 3)`` lines ``a x + b y + c = 0``; a point is on line j's positive
        side where ``a x + b y + c > 0``.
    multiplicity
        ``(L,)`` how much each line counts (identical clusters, dense ties).
    poly
        The region, a convex polygon ``(m, 2)`` in plane coordinates.

    Returns
    -------
    numpy.ndarray
        ``areas[k]`` = area where the weighted count of positive sides is k
        (length ``multiplicity.sum() + 1``).
    """
    total = int(multiplicity.sum())
    out = np.zeros(total + 1)
    if len(lines) == 0:
        out[0] = polygon_area(poly)
        return out
    norms = np.linalg.norm(lines[:, :2], axis=1)
    lines = unit_lines(lines)
    slabs = slab_sweep(poly, lines[norms > EPS])  # lines that move cut slabs
    xm, width = slabs.middle, slabs.width
    lower, upper = slabs.lower, slabs.upper
    # Each line's height at the slab middle, and its sign at the slab's centre.
    a, b, c = lines.T
    line_y = heights_at_middles(xm, lines)
    crossing = (line_y > lower[:, None] + EPS) & (line_y < upper[:, None] - EPS)
    mid_y = 0.5 * (lower + upper)
    centre_sign = np.outer(xm, a) + np.outer(mid_y, b) + c > 0
    # Below every crossing line a point is on its negative side iff b > 0.
    below_positive = np.where(crossing, b < 0, centre_sign)
    base = below_positive @ multiplicity
    step = np.where(b > 0, 1, -1) * multiplicity  # crossing upwards
    heights_at = np.where(crossing, line_y, np.inf)
    order = np.argsort(heights_at, axis=1, kind="stable")
    sorted_y = np.take_along_axis(heights_at, order, axis=1)
    sorted_step = np.where(np.isfinite(sorted_y), step[order], 0).astype(np.int64)
    counts = base[:, None] + np.concatenate(
        [np.zeros((len(xm), 1), dtype=np.int64), np.cumsum(sorted_step, axis=1)],
        axis=1,
    )
    inner = np.where(np.isfinite(sorted_y), sorted_y, upper[:, None])
    bounds = np.column_stack([lower, inner, upper])
    heights = np.diff(bounds, axis=1)  # (slabs, L + 1): trapezoid heights
    heights = np.where(heights > 0, heights, 0.0)
    areas = heights * width[:, None]
    np.add.at(out, np.clip(counts, 0, total).ravel(), areas.ravel())
    return out


def exact_rank_acceptability(
    points: pd.DataFrame,
    *,
    region: str = "simplex",
    ties: Ties = "dense",
    tol: float | None = None,
    clusters: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Exact rank acceptability: area share of the region giving each rank.

    The exact counterpart of SMAA's rank acceptability under the uniform
    (``region="simplex"``) or ordered-uniform (``"ordered"``) measure, computed
    cluster by cluster on its own n − 1 swap lines (see the module docstring):
    memory per cluster is O(n²), time O(n³ log n) per cluster.

    Parameters
    ----------
    points
        Clusters × 3 classes.
    region
        ``"simplex"`` or ``"ordered"``.
    ties
        ``"dense"`` or ``"min"`` (clusters with identical points share a place).
    tol
        Accepted for symmetry with the Monte Carlo functions; ties of distinct
        clusters lie on lines and carry no area, so it does not change the result.
    clusters
        Compute only these clusters' rows (ids; each row costs O(n³ log n), so
        for large studies ask for the clusters of interest).

    Returns
    -------
    pandas.DataFrame
        Clusters × ranks (1..n); rows and columns sum to 1.

    Examples
    --------
    >>> pts = pd.DataFrame([[2.0, 0, 0], [0, 1.0, 0]], index=["a", "b"],
    ...                    columns=["very_important", "important", "not_so_important"])
    >>> exact_rank_acceptability(pts).round(6).loc["a"].tolist()
    [0.666667, 0.333333]
    """
    ties = check_ties(ties, MONTE_CARLO_TIES)
    points = check_three_classes(points)
    matrix = points.to_numpy(float)
    n = len(matrix)
    if clusters is None:
        rows = list(range(n))
    else:
        position = {c: k for k, c in enumerate(points.index)}
        unknown = [c for c in clusters if c not in position]
        if unknown:
            raise EceiDataError(f"clusters: unknown cluster id(s) {unknown}")
        rows = [position[c] for c in clusters]
    poly = region_vertices(region)[:, :2]
    total = polygon_area(poly)
    groups = _identical_groups(matrix)
    acc = np.zeros((len(rows), n))
    for out, i in enumerate(rows):
        others = np.flatnonzero(groups != groups[i])
        # One line per other group: its members tie among themselves everywhere.
        _, first, sizes = np.unique(
            groups[others], return_index=True, return_counts=True
        )
        rep = others[first]
        lines = plane_lines(matrix[rep] - matrix[i])
        multiplicity = sizes if ties == "min" else np.ones_like(sizes)
        areas = place_areas(lines, multiplicity.astype(np.int64), poly)
        acc[out, : len(areas)] += areas[:n] / total
    index = pd.Index(range(1, n + 1), name="rank")
    return pd.DataFrame(acc, index=points.index[rows], columns=index)
