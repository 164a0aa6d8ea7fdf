"""The first-place map: where in the weight region each cluster is first.

Cluster i is first where ``(p_j - p_i) · w <= 0`` for every j: the region below
the upper envelope of the n score planes, a convex polygon per cluster. Only
clusters on the convex hull of the class points can be first anywhere (a linear
score is maximised at a hull vertex), so the hull (O(n log n), Qhull) prunes
the n clusters to the few candidates, and each candidate's polygon is the
intersection of its half-planes against the other candidates and the region.
Exact, and fast for thousands of clusters.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import linprog

from ...core.results import Result
from ...core.tolerances import EPS
from .plane import check_three_classes, edge_lines, polygon_area, region_vertices

__all__ = ["FirstPlaceMap", "first_place_map"]


@dataclass(frozen=True)
class FirstPlaceMap(Result):
    """Where each cluster is first (see :func:`first_place_map`).

    Attributes
    ----------
    polygons
        Cluster id -> the region where it is first, as weight vectors ``(m, 3)``
        (only clusters first somewhere; identical clusters share a polygon).
    shares
        Every cluster's share of the region where it is first (0 for most).
    region
        ``"simplex"`` or ``"ordered"``.
    """

    polygons: dict
    shares: pd.Series
    region: str

    def tidy(self) -> pd.DataFrame:
        """One row per polygon vertex: ``cluster, vertex, <class> ...``."""
        frames = []
        columns = list(self.parameters.get("classes", ("w1", "w2", "w3")))
        for cluster, poly in self.polygons.items():
            frame = pd.DataFrame(poly, columns=columns)
            frame.insert(0, "vertex", range(len(poly)))
            frame.insert(0, "cluster", cluster)
            frames.append(frame)
        if not frames:
            return pd.DataFrame(columns=["cluster", "vertex", *columns])
        return pd.concat(frames, ignore_index=True)


def _candidates(unique: np.ndarray) -> np.ndarray:
    """Return the unique points that can be first somewhere (hull vertices)."""
    if len(unique) <= 4:
        return np.arange(len(unique))
    from scipy.spatial import ConvexHull, QhullError

    try:
        return np.sort(ConvexHull(unique).vertices)
    except QhullError:  # coplanar or collinear points: keep them all
        return np.arange(len(unique))


def _polygon(halfspaces: np.ndarray) -> np.ndarray | None:
    """Vertices (ordered) of {x: A x + c <= 0} in the plane, or None if thin."""
    from scipy.spatial import HalfspaceIntersection, QhullError

    a, c = halfspaces[:, :2], halfspaces[:, 2]
    norms = np.linalg.norm(a, axis=1)
    keep = norms > 1e-15
    a, c, norms = a[keep], c[keep], norms[keep]
    # Chebyshev centre: the deepest interior point (needed by Qhull).
    res = linprog(
        [0.0, 0.0, -1.0],
        A_ub=np.column_stack([a, norms]),
        b_ub=-c,
        bounds=[(None, None), (None, None), (0.0, None)],
        method="highs",
    )
    if res.status != 0 or res.x[2] < EPS:
        return None
    try:
        hs = HalfspaceIntersection(np.column_stack([a, c]), res.x[:2])
    except QhullError:
        return None
    pts = hs.intersections
    centre = pts.mean(axis=0)
    order = np.argsort(np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0]))
    pts = pts[order]
    gaps = np.linalg.norm(pts - np.roll(pts, 1, axis=0), axis=1)
    return pts[gaps > EPS] if (gaps > EPS).sum() >= 3 else None


def first_place_map(points: pd.DataFrame, *, region: str = "simplex") -> FirstPlaceMap:
    """Compute where in the weight region each cluster is first, exactly.

    Parameters
    ----------
    points
        Clusters × 3 classes.
    region
        ``"simplex"`` (all weightings) or ``"ordered"``.

    Returns
    -------
    FirstPlaceMap
        Its ``shares`` equal the rank-1 column of
        :func:`~ecei_analysis.exact_rank_acceptability`.

    Examples
    --------
    >>> pts = pd.DataFrame([[2.0, 0, 0], [0, 1.0, 0], [0, 0, 0.1]], index=list("abc"),
    ...                    columns=["very_important", "important", "not_so_important"])
    >>> first_place_map(pts).shares.round(4).tolist()
    [0.6625, 0.3294, 0.0081]
    """
    points = check_three_classes(points)
    matrix = points.to_numpy(float)
    corners = region_vertices(region)
    poly = corners[:, :2]
    total = polygon_area(poly)
    edges = edge_lines(poly)
    inside = np.sign(poly.mean(axis=0) @ edges[:, :2].T + edges[:, 2])
    region_halfspaces = -edges * inside[:, None]  # a x + b y + c <= 0 inside
    unique, labels = np.unique(matrix, axis=0, return_inverse=True)
    labels = labels.ravel()
    candidates = _candidates(unique)
    shares = np.zeros(len(matrix))
    polygons: dict = {}
    ids = points.index
    for u in candidates:
        d = unique[candidates[candidates != u]] - unique[u]
        # (p_j - p_i) · (x, y, 1 - x - y) <= 0 in plane coordinates.
        half = np.column_stack([d[:, 0] - d[:, 2], d[:, 1] - d[:, 2], d[:, 2]])
        vertices = _polygon(np.vstack([half, region_halfspaces]))
        if vertices is None:
            continue
        members = np.flatnonzero(labels == u)
        shares[members] = polygon_area(vertices) / total
        weights = np.column_stack([vertices, 1.0 - vertices.sum(axis=1)])
        for m in members:
            polygons[ids[m]] = weights
    return FirstPlaceMap(
        polygons=polygons,
        shares=pd.Series(shares, index=ids, name="first"),
        region=region,
        parameters={
            "method": "upper envelope (convex hull, half-plane intersection)",
            "region": region,
            "candidates": len(candidates),
            "classes": list(points.columns),
        },
    )
