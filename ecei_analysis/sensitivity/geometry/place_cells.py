"""Where one cluster holds each place: the exact cells of its own swap lines.

The place of cluster i depends only on which clusters score strictly above it,
the signs of ``(p_j - p_i) · w`` (see
:mod:`~ecei_analysis.sensitivity.geometry.acceptability`). The zero lines of
those n − 1 functions cut the region into convex cells of constant place. We
find one point inside every cell (the middles between consecutive lines of the
vertical slabs, where no two lines cross), read each cell's sign pattern there,
and clip the region by the half-planes of each distinct pattern. The cells'
areas add up, place by place, to the exact rank acceptability.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...core.errors import EceiDataError
from ...core.tolerances import EPS
from .plane import check_three_classes, plane_lines, polygon_area, region_vertices
from .slabs import heights_at_middles, slab_sweep, unit_lines

__all__ = ["place_cells"]


def _clip(poly: np.ndarray, line: np.ndarray) -> np.ndarray:
    """Keep the part of a convex polygon where ``a x + b y + c >= 0``.

    The few corners are walked as Python floats (numpy's per-element cost
    dominated a page of 19 clusters' cells); the arithmetic is numpy's, value
    for value.
    """
    values = (poly @ line[:2] + line[2]).tolist()
    corners = poly.tolist()
    out = []
    for k, (x, y) in enumerate(corners):
        here, there = values[k], values[k - len(corners) + 1]
        if here >= 0:
            out.append((x, y))
        if (here >= 0) != (there >= 0):
            t = here / (here - there)
            x1, y1 = corners[k - len(corners) + 1]
            out.append((x + t * (x1 - x), y + t * (y1 - y)))
    return np.array(out, dtype=float).reshape(-1, 2)


def _inner_points(poly: np.ndarray, lines: np.ndarray) -> np.ndarray:
    """One point inside every piece the lines cut the convex polygon into."""
    if len(lines) == 0:
        return poly.mean(axis=0, keepdims=True)
    slabs = slab_sweep(poly, lines)
    heights = heights_at_middles(slabs.middle, lines)
    inside = (heights > slabs.lower[:, None]) & (heights < slabs.upper[:, None])
    heights = np.sort(np.where(inside, heights, slabs.upper[:, None]), axis=1)
    bounds = np.column_stack([slabs.lower, heights, slabs.upper])
    middles = 0.5 * (bounds[:, :-1] + bounds[:, 1:])
    keep = np.diff(bounds, axis=1) > EPS
    xs = np.broadcast_to(slabs.middle[:, None], middles.shape)
    return np.column_stack([xs[keep], middles[keep]])


def place_cells(
    points: pd.DataFrame, cluster: str, *, region: str = "simplex"
) -> list[tuple[int, np.ndarray]]:
    """Return the convex cells where ``cluster`` holds each place, exactly.

    Parameters
    ----------
    points
        Clusters × 3 classes.
    cluster
        The cluster id whose places are mapped.
    region
        ``"simplex"`` (all weightings) or ``"ordered"``.

    Returns
    -------
    list of (int, numpy.ndarray)
        ``(place, polygon)`` pairs: the place (1 + clusters strictly ahead) and
        the cell's corners as weight vectors ``(m, 3)`` in order. The cells
        tile the region; their areas per place are the cluster's exact rank
        acceptability.

    Examples
    --------
    >>> pts = pd.DataFrame([[2.0, 0, 0], [0, 1.0, 0]], index=["a", "b"],
    ...                    columns=["very_important", "important", "not_so_important"])
    >>> sorted(place for place, _ in place_cells(pts, "a"))
    [1, 2]
    """
    points = check_three_classes(points)
    if cluster not in points.index:
        raise EceiDataError(f"no cluster {cluster!r} in the points")
    matrix = points.to_numpy(float)
    i = list(points.index).index(cluster)
    lines = plane_lines(np.delete(matrix, i, axis=0) - matrix[i])
    moving = np.linalg.norm(lines[:, :2], axis=1) > EPS
    lines = unit_lines(lines)
    poly = region_vertices(region)[:, :2]
    samples = _inner_points(poly, lines[moving])
    signs = samples @ lines[:, :2].T + lines[:, 2] > 0  # cluster j strictly ahead
    cells = []
    for pattern in np.unique(signs, axis=0):
        cell = poly
        for line, ahead in zip(lines[moving], pattern[moving], strict=True):
            cell = _clip(cell, line if ahead else -line)
            if len(cell) < 3:
                break
        if len(cell) >= 3 and polygon_area(cell) > EPS:
            corners = np.column_stack([cell, 1.0 - cell.sum(axis=1)])
            cells.append((1 + int(pattern.sum()), corners))
    return cells
