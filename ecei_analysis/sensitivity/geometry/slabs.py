"""The vertical-slab sweep shared by the exact area computations.

A convex region crossed by lines is cut into vertical slabs at the x of every
corner and of every crossing of two lines inside it. Within a slab no two lines
cross, so the lines are ordered bottom to top and the pieces between consecutive
lines are trapezoids whose exact area is width × height at the slab's middle.
:func:`~ecei_analysis.sensitivity.geometry.acceptability.place_areas` (one
cluster's places) and :func:`~ecei_analysis.sensitivity.geometry.arrangement.
weight_space` (every cell of constant ranking) both walk these slabs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...core.tolerances import COORDINATE_DIGITS
from .plane import EPS, edge_lines, inside_polygon, line_intersections

__all__ = ["Slabs", "heights_at_middles", "slab_sweep", "unit_lines"]

#: A coefficient b below this makes a line vertical (no height as a function of x).
VERTICAL = EPS


@dataclass(frozen=True)
class Slabs:
    """Vertical slabs of a convex region, and the region's bounds in each.

    Attributes
    ----------
    left, right, middle, width
        ``(s,)`` each slab's x range, its middle and its width.
    edges
        ``(m, 3)`` the region's edges as unit-normal lines ``a x + b y + c = 0``.
    lower, upper
        ``(s,)`` the region's lowest and highest y at each slab's middle.
    lower_edge, upper_edge
        ``(s,)`` the index (into :attr:`edges`) of the edge giving each bound.
    """

    left: np.ndarray
    right: np.ndarray
    middle: np.ndarray
    width: np.ndarray
    edges: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    lower_edge: np.ndarray
    upper_edge: np.ndarray


def unit_lines(lines: np.ndarray) -> np.ndarray:
    """Scale lines to unit normals; a degenerate line (no normal) is left as is.

    Examples
    --------
    >>> unit_lines(np.array([[3.0, 4.0, 5.0]]))
    array([[0.6, 0.8, 1. ]])
    """
    norms = np.linalg.norm(lines[:, :2], axis=1)
    return lines / np.where(norms > EPS, norms, 1.0)[:, None]


def slab_sweep(poly: np.ndarray, lines: np.ndarray) -> Slabs:
    """Cut a convex polygon into vertical slabs at every crossing inside it.

    Parameters
    ----------
    poly
        ``(m, 2)`` the region's corners in plane coordinates, in order.
    lines
        ``(L, 3)`` unit-normal lines that cross the region (their crossings with
        each other and with the edges break the slabs).

    Returns
    -------
    Slabs

    Examples
    --------
    >>> square = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    >>> diagonal = unit_lines(np.array([[1.0, -1.0, 0.0]]))
    >>> slabs = slab_sweep(square, diagonal)
    >>> slabs.width.tolist(), slabs.lower.tolist(), slabs.upper.tolist()
    ([1.0], [0.0], [1.0])
    """
    edges = unit_lines(edge_lines(poly))
    crossings = line_intersections(np.vstack([edges, lines]))
    crossings = crossings[inside_polygon(poly, crossings)]
    xs = np.unique(
        np.round(np.concatenate([crossings[:, 0], poly[:, 0]]), COORDINATE_DIGITS)
    )
    xs = xs[(xs >= poly[:, 0].min() - EPS) & (xs <= poly[:, 0].max() + EPS)]
    keep = np.diff(xs) > EPS
    left, right = xs[:-1][keep], xs[1:][keep]
    middle = 0.5 * (left + right)
    edge_y = heights_at_middles(middle, edges)
    ex0, ex1 = poly[:, 0], np.roll(poly[:, 0], -1)
    spans = (
        (middle[:, None] > np.minimum(ex0, ex1) - EPS)
        & (middle[:, None] < np.maximum(ex0, ex1) + EPS)
        & (np.abs(edges[:, 1]) >= VERTICAL)
    )
    lower_edge = np.argmin(np.where(spans, edge_y, np.inf), axis=1)
    upper_edge = np.argmax(np.where(spans, edge_y, -np.inf), axis=1)
    rows = np.arange(len(middle))
    return Slabs(
        left=left,
        right=right,
        middle=middle,
        width=right - left,
        edges=edges,
        lower=edge_y[rows, lower_edge],
        upper=edge_y[rows, upper_edge],
        lower_edge=lower_edge,
        upper_edge=upper_edge,
    )


def heights_at_middles(middle: np.ndarray, lines: np.ndarray) -> np.ndarray:
    """``(s, L)`` each line's y at each x of ``middle``; NaN for a vertical line.

    Examples
    --------
    >>> heights_at_middles(np.array([0.5]), np.array([[1.0, -1.0, 0.0], [1, 0, 0]]))
    array([[0.5, nan]])
    """
    a, b, c = np.asarray(lines, float).T
    vertical = np.abs(b) < VERTICAL
    with np.errstate(divide="ignore", invalid="ignore"):
        y = -(np.outer(middle, a) + c) / b
    y[:, vertical] = np.nan
    return y
