"""The exact arrangement of swap lines: every cell of constant ranking.

With three classes every weighting is a point of the 2-simplex. A pair of clusters
ties on a straight *swap line*; the lines cut the simplex (or the ordered region
w_VI >= w_I >= w_NSI) into convex *cells* of constant ranking. We cut the region
into vertical slabs at every vertex and crossing, so no two lines cross inside a
slab; each slab splits into trapezoids between consecutive lines whose areas are
exact (width × mid-height) and whose ranking is read at an interior point. Areas,
acceptabilities and cells follow without sampling, all in vectorised numpy.

Plane coordinates are (x, y) = (w_1, w_2), w_3 = 1 - x - y; area shares are the same
as on the simplex itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.spatial import ConvexHull

from ...core.errors import EceiDataError
from ...core.tolerances import AREA_DIGITS, COORDINATE_DIGITS, HEIGHT_EPS, SLACK
from ...core.vocabulary import MONTE_CARLO_TIES, Ties, check_ties
from ...scoring.ranks import rank_matrix
from ...scoring.weights import as_weights
from .plane import (
    EPS,
    check_three_classes,
    clip_segment,
    plane_lines,
    polygon_area,
    region_vertices,
    to_weights,
)
from .slabs import Slabs, heights_at_middles, slab_sweep

__all__ = ["FULL_CELLS_LIMIT", "WeightSpace", "arrangement_bytes", "weight_space"]


@dataclass(frozen=True)
class WeightSpace:
    """The exact partition of a weight region into cells of constant ranking.

    Attributes
    ----------
    points
        The clusters × classes matrix analysed.
    region
        ``"simplex"`` or ``"ordered"``.
    ties
        Tie rule used for the ranks in each cell.
    swap_lines
        One row per cluster pair whose tie line crosses the region: ``cluster_a``,
        ``cluster_b`` and the segment's end points as weights ``start_<class>``,
        ``end_<class>``.
    cells
        One row per cell: ``area_share``, ``winners`` (the cluster ids ranked
        first, a tuple: several at a tie), ``ranking`` (cluster ids best first).
    acceptability
        Clusters × ranks: exact area share of the region giving each rank.
    """

    points: pd.DataFrame
    region: str
    ties: str
    swap_lines: pd.DataFrame
    cells: pd.DataFrame
    acceptability: pd.DataFrame
    _trapezoids: dict

    @property
    def n_rankings(self) -> int:
        """Number of distinct rankings (cells) in the region."""
        return len(self.cells)

    def cell_of(self, weights: Mapping[str, float] | np.ndarray) -> int:
        """Return the id of the cell containing ``weights`` (on a boundary: any)."""
        w = _as_vector(weights, self.points.columns)
        ranks = rank_matrix(self.points.to_numpy(float) @ w, ties=self.ties)
        matches = np.flatnonzero(
            (self._trapezoids["cell_ranks"] == ranks[None, :]).all(axis=1)
        )
        if not len(matches):
            raise EceiDataError(
                "those weights lie on a swap line (a tie) or outside the region"
            )
        return int(matches[0])

    def cell_polygons(self) -> dict[int, np.ndarray]:
        """Return each cell's polygon as weight vectors ``(m, 3)`` (convex hull)."""
        t = self._trapezoids
        out = {}
        for cid in range(len(self.cells)):
            sel = t["cell"] == cid
            xs = np.concatenate([t["xl"][sel]] * 2 + [t["xr"][sel]] * 2)
            ys = np.concatenate(
                [
                    t["yl_bottom"][sel],
                    t["yl_top"][sel],
                    t["yr_bottom"][sel],
                    t["yr_top"][sel],
                ]
            )
            corners = np.unique(
                np.round(np.column_stack([xs, ys]), COORDINATE_DIGITS), axis=0
            )
            try:
                poly = corners[ConvexHull(corners).vertices]
            except Exception:  # degenerate (collinear) corners: keep as they are
                poly = corners
            # Drop hull vertices that repeat a neighbour up to rounding.
            gaps = np.linalg.norm(poly - np.roll(poly, 1, axis=0), axis=1)
            out[cid] = to_weights(poly[gaps > SLACK] if (gaps > SLACK).any() else poly)
        return out


def _as_vector(weights, columns) -> np.ndarray:
    if isinstance(weights, str | Mapping):
        w = as_weights(weights, columns).vector_for(columns)
    else:
        w = np.asarray(weights, dtype=float)
    return w / w.sum()


#: Largest working memory the full arrangement may take (bytes) without allow_long.
FULL_CELLS_LIMIT = 2 * 2**30


def arrangement_bytes(points: pd.DataFrame, *, region: str = "simplex") -> float:
    """Estimate the working memory of :func:`weight_space` before building it.

    The arrangement of the L swap lines crossing the region has up to L(L - 1)/2
    crossings, hence as many slabs, each holding every line: about a dozen float
    arrays of slabs × L entries.

    Examples
    --------
    >>> pts = pd.DataFrame([[1.0, 0, 0], [0, 1.0, 0]], index=["a", "b"],
    ...                    columns=["very_important", "important", "not_so_important"])
    >>> arrangement_bytes(pts) < 1e4
    True
    """
    points = check_three_classes(points)
    matrix = points.to_numpy(float)
    poly = region_vertices(region)[:, :2]
    pi, pj = np.triu_indices(len(matrix), k=1)
    lines = plane_lines(matrix[pi] - matrix[pj])
    values = poly @ lines[:, :2].T + lines[:, 2]
    crossing = int(((values.min(axis=0) < 0) & (values.max(axis=0) > 0)).sum())
    slabs = crossing * (crossing - 1) / 2 + 3
    return 12 * 8 * slabs * (crossing + 3)


def weight_space(
    points: pd.DataFrame,
    *,
    region: str = "simplex",
    ties: Ties = "dense",
    tol: float | None = None,
) -> WeightSpace:
    """Partition a weight region exactly into cells of constant ranking.

    Every cell of the arrangement of all n(n - 1)/2 swap lines: needed only for
    the cells themselves (their rankings and polygons). Its memory grows roughly
    as n⁶, so the size is estimated first (:func:`arrangement_bytes`) and a run
    above :data:`FULL_CELLS_LIMIT` is refused. Acceptabilities and the first-place
    map scale: see :func:`~ecei_analysis.exact_rank_acceptability` and
    :func:`~ecei_analysis.first_place_map`.

    Parameters
    ----------
    points
        Clusters × 3 classes (canonical order: w_1 = first column).
    region
        ``"simplex"`` (all weightings) or ``"ordered"`` (w_1 >= w_2 >= w_3).
    ties
        ``"dense"`` or ``"min"`` ranks in each cell.
    tol
        Score tolerance for ties at the cells' interior points.

    Returns
    -------
    WeightSpace

    Examples
    --------
    >>> pts = pd.DataFrame([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], index=["a", "b"],
    ...                    columns=["very_important", "important", "not_so_important"])
    >>> space = weight_space(pts)
    >>> space.n_rankings, space.acceptability.loc["a", 1]
    (2, np.float64(0.5))
    """
    ties = check_ties(ties, MONTE_CARLO_TIES)
    points = check_three_classes(points)
    _refuse_huge(points, region)
    matrix = points.to_numpy(float)
    n = len(matrix)
    ids = points.index
    poly = region_vertices(region)[:, :2]
    area_total = polygon_area(poly)
    lines, pairs = _crossing_swap_lines(matrix, poly)
    slabs = slab_sweep(poly, lines)
    pieces = _trapezoids(slabs, lines)
    centre_w = to_weights(pieces["centre"])
    ranks = rank_matrix(centre_w @ matrix.T, ties=ties, tol=tol)
    cells, cell, cell_ranks = _cells(ranks, pieces["area"] / area_total, ids)
    # Exact acceptability: area per (cluster, rank).
    flat = (np.arange(n)[None, :] * n + (ranks - 1)).ravel()
    acc = np.bincount(
        flat, weights=np.repeat(pieces["area"], n), minlength=n * n
    ).reshape(n, n)
    acceptability = pd.DataFrame(
        acc / area_total, index=ids, columns=pd.Index(range(1, n + 1), name="rank")
    )
    trapezoids = {
        **{key: pieces[key] for key in _TRAPEZOID_KEYS},
        "cell": cell,
        "centre": centre_w,
        "cell_ranks": cell_ranks,
    }
    return WeightSpace(
        points=points,
        region=region,
        ties=ties,
        swap_lines=_swap_line_table(lines, pairs, ids, poly, list(points.columns)),
        cells=cells,
        acceptability=acceptability,
        _trapezoids=trapezoids,
    )


_TRAPEZOID_KEYS = ("xl", "xr", "yl_bottom", "yl_top", "yr_bottom", "yr_top", "area")


def _refuse_huge(points: pd.DataFrame, region: str) -> None:
    """Refuse an arrangement above :data:`FULL_CELLS_LIMIT` unless allowed."""
    estimate = arrangement_bytes(points, region=region)
    if estimate <= FULL_CELLS_LIMIT:
        return
    from ...core.errors import EceiDataError
    from ...core.work import long_runs_allowed

    if not long_runs_allowed():
        raise EceiDataError(
            f"the full arrangement of {len(points)} clusters (every cell of "
            f"constant ranking) would need about {estimate / 2**30:.1f} GiB "
            f"(limit {FULL_CELLS_LIMIT / 2**30:.0f} GiB); use "
            "exact_rank_acceptability or first_place_map, which scale, or allow "
            "it with ecei_analysis.allow_long()"
        )


def _crossing_swap_lines(
    matrix: np.ndarray, poly: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Return the unit swap lines of every pair of clusters crossing the region.

    Returns the lines ``(L, 3)`` and the pairs ``(L, 2)`` of row indices.
    """
    pi, pj = np.triu_indices(len(matrix), k=1)
    pair_lines = plane_lines(matrix[pi] - matrix[pj])
    norms = np.linalg.norm(pair_lines[:, :2], axis=1)
    corner_vals = poly @ pair_lines[:, :2].T + pair_lines[:, 2]
    scale = np.maximum(np.abs(corner_vals).max(axis=0), EPS)
    crosses = (
        (norms > EPS)
        & (corner_vals.min(axis=0) < -EPS * scale)
        & (corner_vals.max(axis=0) > EPS * scale)
    )
    lines = pair_lines[crosses] / norms[crosses, None]
    return lines, np.stack([pi[crosses], pj[crosses]], axis=1)


def _trapezoids(slabs: Slabs, lines: np.ndarray) -> dict[str, np.ndarray]:
    """Every trapezoid between consecutive lines of every slab, with its area.

    Returns the trapezoids' corners (``xl, xr`` and the bottom and top line's y
    at each), ``area`` and ``centre`` (plane coordinates of its middle).
    """
    all_lines = np.vstack([slabs.edges, lines])
    n_edges = len(slabs.edges)
    lower, upper = slabs.lower, slabs.upper
    line_y = heights_at_middles(slabs.middle, lines)
    inside = (line_y > lower[:, None] + EPS) & (line_y < upper[:, None] - EPS)
    values = np.column_stack([lower, upper, np.where(inside, line_y, np.inf)])
    line_ids = np.column_stack(
        [
            slabs.lower_edge,
            slabs.upper_edge,
            np.broadcast_to(np.arange(n_edges, len(all_lines)), line_y.shape),
        ]
    )
    order = np.argsort(values, axis=1, kind="stable")
    sorted_vals = np.take_along_axis(values, order, axis=1)
    sorted_ids = np.take_along_axis(line_ids, order, axis=1)
    with np.errstate(invalid="ignore"):  # inf - inf past the upper bound
        heights = sorted_vals[:, 1:] - sorted_vals[:, :-1]
    valid = np.isfinite(sorted_vals[:, 1:]) & (heights > HEIGHT_EPS)
    slab, k = np.nonzero(valid)
    xl, xr = slabs.left[slab], slabs.right[slab]
    bottom = all_lines[sorted_ids[slab, k]]
    top = all_lines[sorted_ids[slab, k + 1]]

    def y_at(line_rows: np.ndarray, x: np.ndarray) -> np.ndarray:
        return -(line_rows[:, 0] * x + line_rows[:, 2]) / line_rows[:, 1]

    yc = 0.5 * (sorted_vals[slab, k] + sorted_vals[slab, k + 1])
    return {
        "xl": xl,
        "xr": xr,
        "yl_bottom": y_at(bottom, xl),
        "yl_top": y_at(top, xl),
        "yr_bottom": y_at(bottom, xr),
        "yr_top": y_at(top, xr),
        "area": slabs.width[slab] * heights[slab, k],
        "centre": np.column_stack([slabs.middle[slab], yc]),
    }


def _cells(
    ranks: np.ndarray, shares: np.ndarray, ids: pd.Index
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Group trapezoids of the same ranking into cells, largest first.

    Returns the cells table (area share, winners, ranking), each trapezoid's
    cell and each cell's ranks.
    """
    n = ranks.shape[1]
    packed = (
        np.ascontiguousarray(ranks.astype(np.int32))
        .view(np.dtype((np.void, 4 * n)))
        .ravel()
    )
    _, first, cell = np.unique(packed, return_index=True, return_inverse=True)
    cell = cell.ravel()
    cell_area = np.bincount(cell, weights=shares)
    cell_ranks = ranks[first]
    order_cells = np.lexsort((*cell_ranks.T[::-1], -np.round(cell_area, AREA_DIGITS)))
    remap = np.empty(len(order_cells), dtype=np.int64)
    remap[order_cells] = np.arange(len(order_cells))
    cell_ranks = cell_ranks[order_cells]
    cell_area = cell_area[order_cells]
    id_array = np.asarray(ids, dtype=object)
    best_first = np.argsort(cell_ranks, axis=1, kind="stable")
    cells = pd.DataFrame(
        {
            "area_share": cell_area,
            "winners": [tuple(id_array[r == 1]) for r in cell_ranks],
            "ranking": [tuple(id_array[o]) for o in best_first],
        },
        index=pd.RangeIndex(len(cell_area), name="cell"),
    )
    return cells, remap[cell], cell_ranks


def _swap_line_table(lines, pairs, ids, poly, classes) -> pd.DataFrame:
    records = []
    for line, (i, j) in zip(lines, pairs, strict=True):
        seg = clip_segment(line, poly)
        if seg is None:
            continue
        start, end = to_weights(seg)
        rec = {"cluster_a": ids[i], "cluster_b": ids[j]}
        rec |= {f"start_{c}": v for c, v in zip(classes, start, strict=True)}
        rec |= {f"end_{c}": v for c, v in zip(classes, end, strict=True)}
        records.append(rec)
    columns = (
        ["cluster_a", "cluster_b"]
        + [f"start_{c}" for c in classes]
        + [f"end_{c}" for c in classes]
    )
    return pd.DataFrame.from_records(records, columns=columns)
