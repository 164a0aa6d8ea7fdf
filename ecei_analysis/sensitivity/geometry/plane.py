"""Plane geometry shared by the exact three-class modules and the weight map.

With three classes every weighting is a point of the 2-simplex. Plane coordinates
are (x, y) = (w_1, w_2), w_3 = 1 - x - y; area shares are the same as on the
simplex itself. A pair of clusters with class-point difference d ties on the line
d · (x, y, 1 - x - y) = 0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...core.errors import EceiDataError
from ...core.tolerances import EPS
from ...scoring.points import check_points

__all__ = [
    "EPS",
    "REGIONS",
    "check_three_classes",
    "clip_segment",
    "edge_lines",
    "inside_polygon",
    "line_intersections",
    "plane_lines",
    "polygon_area",
    "region_vertices",
    "to_weights",
]

#: Region corners as weight vectors (w_1, w_2, w_3).
REGIONS: dict[str, np.ndarray] = {
    "simplex": np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]),
    "ordered": np.array([[1.0, 0.0, 0.0], [0.5, 0.5, 0.0], [1 / 3, 1 / 3, 1 / 3]]),
}


def region_vertices(region: str) -> np.ndarray:
    """Return the corners (weight vectors) of ``"simplex"`` or ``"ordered"``."""
    if region not in REGIONS:
        raise EceiDataError(
            f"region must be one of {', '.join(REGIONS)}, got {region!r}"
        )
    return REGIONS[region]


def check_three_classes(points: pd.DataFrame) -> pd.DataFrame:
    """Return checked clusters × 3 class points, classes in canonical order.

    The plane coordinates and the ordered region's corners are in the canonical
    order (very important, important, not so important); the classes are
    matched by name, whatever the order of the columns given.
    """
    if not isinstance(points, pd.DataFrame):
        raise EceiDataError("points must be a clusters × classes DataFrame")
    if points.shape[1] != 3:
        raise EceiDataError(
            f"exact geometry needs exactly 3 classes, got {points.shape[1]} "
            f"({', '.join(map(str, points.columns))}); use Monte Carlo (smaa) instead"
        )
    if not np.all(np.isfinite(points.to_numpy(float))):
        raise EceiDataError("points must be finite")
    return check_points(points)


def plane_lines(d: np.ndarray) -> np.ndarray:
    """Lines a x + b y + c = 0 where d · (x, y, 1 - x - y) = 0, rows (a, b, c)."""
    return np.stack([d[:, 0] - d[:, 2], d[:, 1] - d[:, 2], d[:, 2]], axis=1)


def edge_lines(poly: np.ndarray) -> np.ndarray:
    """Lines a x + b y + c = 0 through each edge (vertex k to k + 1), rows (a, b, c)."""
    p, q = poly, np.roll(poly, -1, axis=0)
    a = q[:, 1] - p[:, 1]
    b = -(q[:, 0] - p[:, 0])
    c = -(a * p[:, 0] + b * p[:, 1])
    return np.stack([a, b, c], axis=1)


def inside_polygon(poly: np.ndarray, xy: np.ndarray, eps: float = 1e-10) -> np.ndarray:
    """Points inside or on a convex polygon (either orientation)."""
    edges = edge_lines(poly)
    vals = xy @ edges[:, :2].T + edges[:, 2]
    centre_sign = np.sign(poly.mean(axis=0) @ edges[:, :2].T + edges[:, 2])
    return np.all(vals * centre_sign >= -eps, axis=1)


def line_intersections(lines: np.ndarray) -> np.ndarray:
    """Crossing points (m, 2) of every pair of lines; parallel pairs give none."""
    i, j = np.triu_indices(len(lines), k=1)
    a1, b1, c1 = lines[i].T
    a2, b2, c2 = lines[j].T
    det = a1 * b2 - a2 * b1
    ok = np.abs(det) > EPS
    x = (b1 * c2 - b2 * c1)[ok] / det[ok]
    y = (c1 * a2 - c2 * a1)[ok] / det[ok]
    return np.stack([x, y], axis=1)


def clip_segment(line: np.ndarray, poly: np.ndarray) -> np.ndarray | None:
    """Endpoints (2 × 2) of the line a x + b y + c = 0 inside a convex polygon, or None.

    Each edge p -> q is intersected directly (parameter t in [0, 1]); an edge
    parallel to the line contributes nothing.
    """
    p, q = poly, np.roll(poly, -1, axis=0)
    a, b, c = line
    fp = p @ np.array([a, b]) + c
    fq = q @ np.array([a, b]) + c
    denom = fp - fq
    hits = []
    for k in range(len(poly)):
        if abs(denom[k]) < 1e-15:
            continue  # parallel edge (or the line lies along it: its ends are vertices)
        t = fp[k] / denom[k]
        if -EPS <= t <= 1 + EPS:
            hits.append(p[k] + np.clip(t, 0.0, 1.0) * (q[k] - p[k]))
    if len(hits) < 2:
        return None
    pts = np.array(hits)
    direction = np.array([-b, a])
    along = pts @ direction
    lo, hi = pts[np.argmin(along)], pts[np.argmax(along)]
    if np.linalg.norm(hi - lo) < EPS:
        return None
    return np.stack([lo, hi])


def polygon_area(poly: np.ndarray) -> float:
    """Shoelace area of a simple polygon given as (m, 2) vertices."""
    x, y = poly[:, 0], poly[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


def to_weights(xy: np.ndarray) -> np.ndarray:
    """Weights (w_1, w_2, 1 - w_1 - w_2) of plane points (..., 2)."""
    return np.column_stack([xy[..., 0], xy[..., 1], 1.0 - xy[..., 0] - xy[..., 1]])
