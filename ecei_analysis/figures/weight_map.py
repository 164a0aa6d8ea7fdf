"""Ternary map of the weight triangle: who is first, or one cluster's place.

Every point of the triangle is a weighting (w_VI, w_I, w_NSI summing to 1).

* ``colour_by="winner"``: the exact region where each cluster is first (the
  upper envelope of the clusters' score planes: one convex polygon per cluster
  that is first anywhere), with the share of all weightings it takes. The white
  lines are where two clusters tie for first: only the swap lines that bound a
  shown region are drawn.
* ``colour_by=<cluster id>``: that cluster's place (1 + clusters strictly ahead)
  at every weighting, in discrete colours, read on a fine triangular grid, with
  the cluster's own swap lines (which bound those places exactly) drawn on top
  for studies of up to 40 clusters.

Marks: the dashed outline is the ordered region w_VI >= w_I >= w_NSI, the circle
equal weights, the star the proposed weights; all are in the legend.
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import mpltern  # noqa: F401  (registers the "ternary" projection)
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..core.errors import EceiDataError
from ..core.i18n import format_percent, in_language, pgettext
from ..core.tolerances import AREA_DIGITS, EPS, SCORE_RTOL
from ..core.vocabulary import class_label
from ..scoring.weights import Weights, WeightsLike, as_weights, takes_weights
from ..sensitivity.geometry.arrangement import WeightSpace
from ..sensitivity.geometry.first_place import first_place_map
from ..sensitivity.geometry.plane import (
    check_three_classes,
    clip_segment,
    plane_lines,
    region_vertices,
    to_weights,
)
from .captions import display_names, drawn_text, finish
from .colours import colours_for
from .ternary_layout import measure_labels_once

__all__ = ["plot_weight_map"]

#: Swap lines are drawn on place maps of up to this many clusters.
LINES_UP_TO = 40
_MARK_COLOURS = ("#e7298a", "#66a61e", "#7570b3", "#e6ab02")
#: Votes closer than this (largest weight difference) share one number label.
LABEL_GAP = 0.03


def _triangle_grid(resolution: int) -> tuple[np.ndarray, np.ndarray]:
    """Lattice points (weights) and the triangles of a regular triangle mesh.

    Point ``k`` is the ``k``-th lattice pair ``(i, j)``, ``i`` then ``j``
    ascending (``i + j <= resolution``), at weights ``(i, j, r - i - j) / r``.
    Each point with ``i + j < r`` starts an upward triangle and, when ``j > 0``,
    then a downward one: 57,600 triangles at the default 240 steps.
    """
    r = resolution
    i = np.repeat(np.arange(r + 1), np.arange(r + 1, 0, -1))
    start = i * (r + 1) - i * (i - 1) // 2  # index of the point (i, 0)
    j = np.arange(len(i)) - start
    points = np.column_stack([i / r, j / r, (r - i - j) / r])
    k = np.arange(len(i))
    above = k + (r + 1 - i)  # the point (i + 1, j)
    up = np.column_stack([k, above, k + 1])
    down = np.column_stack([k, above - 1, above])
    inner = i + j < r
    triangles = np.stack([up, down], axis=1)[np.column_stack([inner, inner & (j > 0)])]
    return points, triangles


def _marks(ax: Axes, classes: list[str], nominal) -> list:
    handles = []
    corners = region_vertices("ordered")
    ring = np.vstack([corners, corners[:1]])
    ax.plot(ring[:, 0], ring[:, 1], ring[:, 2], color="black", lw=1.0, ls="--")
    handles.append(
        Line2D(
            [],
            [],
            color="black",
            lw=1.0,
            ls="--",
            label=pgettext("figure", "ordered region (VI ≥ I ≥ NSI)"),
        )
    )
    ax.plot(
        [1 / 3], [1 / 3], [1 / 3], marker="o", ms=6, mfc="white", mec="black", ls="none"
    )
    handles.append(
        Line2D(
            [],
            [],
            marker="o",
            ms=6,
            mfc="white",
            mec="black",
            ls="none",
            label=pgettext("figure", "equal weights"),
        )
    )
    if nominal is not None:
        w = nominal.shares.vector_for(classes)
        ax.plot(
            [w[0]],
            [w[1]],
            [w[2]],
            marker="*",
            ms=12,
            mfc="gold",
            mec="black",
            ls="none",
            zorder=5,
        )
        handles.append(
            Line2D(
                [],
                [],
                marker="*",
                ms=11,
                mfc="gold",
                mec="black",
                ls="none",
                label=pgettext("figure", "proposed weights ({ratio})").format(
                    ratio=nominal.ratio_text()
                ),
            )
        )
    return handles


def _votes(ax: Axes, classes: list[str], votes: pd.DataFrame) -> list:
    """Mark each vote's weighting, numbered 1.. in row order (shared spots joined)."""
    missing = [c for c in classes if c not in votes.columns]
    if missing or len(votes) == 0:
        raise EceiDataError(
            f"votes must be a non-empty table with the columns {classes}; missing "
            f"{missing}"
        )
    w = votes[classes].to_numpy(float)
    if not np.all(np.isfinite(w)) or np.any(w < 0) or np.any(w.sum(axis=1) <= 0):
        raise EceiDataError("votes must be finite, non-negative, not all 0 per row")
    w = w / w.sum(axis=1, keepdims=True)
    ax.plot(
        w[:, 0],
        w[:, 1],
        w[:, 2],
        marker="o",
        ms=4.5,
        mfc="black",
        mec="white",
        mew=0.6,
        ls="none",
        zorder=6,
    )
    # One label per group of votes closer than LABEL_GAP (their numbers joined).
    spots: list[tuple[np.ndarray, list[int]]] = []
    for number, row in enumerate(w, start=1):
        near = [s for s in spots if np.abs(s[0] - row).max() < LABEL_GAP]
        if near:
            near[0][1].append(number)
        else:
            spots.append((row, [number]))
    for spot, numbers in spots:
        ax.text(
            spot[0],
            spot[1],
            spot[2],
            "\u2009" + ",".join(map(str, numbers)),
            ha="left",
            va="bottom",
            fontsize=6,
            color="black",
            zorder=7,
            bbox={
                "boxstyle": "round,pad=0.1",
                "fc": "white",
                "ec": "none",
                "alpha": 0.75,
            },
        )
    return [
        Line2D(
            [],
            [],
            marker="o",
            ms=4.5,
            mfc="black",
            mec="white",
            ls="none",
            label=pgettext("figure", "votes (numbered as in the votes table)"),
        )
    ]


def _axis_labels(ax: Axes, classes: list[str]) -> None:
    ax.set_tlabel(pgettext("figure", "w {cls}").format(cls=class_label(classes[0])))
    ax.set_llabel(pgettext("figure", "w {cls}").format(cls=class_label(classes[1])))
    ax.set_rlabel(pgettext("figure", "w {cls}").format(cls=class_label(classes[2])))
    for axis in (ax.taxis, ax.laxis, ax.raxis):
        axis.set_label_position("tick1")


@in_language
@takes_weights
def plot_weight_map(
    data: pd.DataFrame | WeightSpace,
    *,
    colour_by: str = "winner",
    nominal: WeightsLike | None = None,
    colours: Mapping[str, tuple] | None = None,
    labels: Mapping[str, str] | None = None,
    data_note: str | None = None,
    resolution: int = 240,
    votes: pd.DataFrame | None = None,
    marks: Mapping[str, WeightsLike] | None = None,
    ax: Axes | None = None,
    language: str | None = None,
) -> Axes:
    """Ternary map of the weight triangle: who is first, or one cluster's place.

    Parameters
    ----------
    data
        Clusters × 3 classes (from :func:`~ecei_analysis.class_points`), or a
        :class:`~ecei_analysis.WeightSpace`.
    colour_by
        ``"winner"`` (the exact first-place regions) or a cluster id (its place
        everywhere); see the module docstring.
    nominal
        Proposed weights to mark with a star (any accepted form).
    colours, labels
        Cluster colours and display names (colours default to the study order
        of ``labels``).
    data_note
        Provenance for the caption (synthetic data add a stamp).
    resolution
        Grid steps per side of the triangle for place maps.
    votes
        Weightings to mark as numbered dots (a panel's votes: rows in order,
        columns the classes, any positive scale), e.g.
        :attr:`~ecei_analysis.Panel.weights`; identical votes share a dot.
    marks
        Other weightings to mark, ``{label: weights}`` (e.g. the weights that
        deliver a target importance), each a diamond named in the legend.
    ax
        A ``projection="ternary"`` Axes (mpltern); a new figure if ``None``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    points = data.points if isinstance(data, WeightSpace) else data
    points = check_three_classes(points)
    if ax is None:
        ax = plt.figure().add_subplot(projection="ternary")
    if getattr(ax, "name", "") != "ternary":
        raise EceiDataError("plot_weight_map needs an Axes with projection='ternary'")
    measure_labels_once(ax)
    classes = list(points.columns)
    ids = list(points.index)
    colours = colours_for(ids, colours, labels)
    if colour_by == "winner":
        handles, title, what = _draw_winners(ax, points, colours, labels)
    elif colour_by in ids:
        handles, title, what = _draw_places(ax, points, colour_by, resolution, labels)
    else:
        raise EceiDataError(
            f"colour_by must be 'winner' or a cluster id, got {colour_by!r}"
        )
    handles += _marks(ax, classes, nominal)
    if votes is not None:
        handles += _votes(ax, classes, votes)
    marks = {label: as_weights(w, classes) for label, w in (marks or {}).items()}
    handles += _diamonds(ax, classes, marks)
    _axis_labels(ax, classes)
    ax.legend(
        handles=handles,
        title=title,
        loc="upper left",
        bbox_to_anchor=(0.88, 1.02),
        borderaxespad=0.0,
    )
    caption = _caption(what, nominal, marks, votes)
    return finish(ax, caption, data_note)


def _draw_winners(ax: Axes, points: pd.DataFrame, colours, labels):
    """Fill the exact first-place regions; return legend handles, title, words."""
    fmap = first_place_map(points)
    winners = sorted(fmap.polygons, key=lambda c: -fmap.shares[c])
    drawn = set()
    for cid in winners:
        poly = fmap.polygons[cid]
        key = tuple(np.round(poly.ravel(), AREA_DIGITS))
        if key in drawn:  # identical clusters share one region
            continue
        drawn.add(key)
        ax.fill(
            poly[:, 0],
            poly[:, 1],
            poly[:, 2],
            fc=colours[cid],
            ec="white",
            lw=1.0,
            zorder=1,
        )
    handles = [
        Patch(
            fc=colours[c],
            label=f"{display_names([c], labels)[0]} "
            f"({format_percent(fmap.shares[c], 0)})",
        )
        for c in winners
    ]
    handles.append(
        Line2D(  # white, as drawn, outlined so it shows on the legend
            [],
            [],
            color="white",
            lw=1.2,
            path_effects=[patheffects.withStroke(linewidth=3.0, foreground="0.45")],
            label=pgettext("figure", "boundary: two clusters tie for first"),
        )
    )
    title = pgettext("figure", "first place (share of the triangle)")
    what = pgettext(
        "figure",
        "colour shows the cluster ranked first, with its share of the whole "
        "triangle (the headline findings give shares of the dashed ordered "
        "region); white lines are where two clusters tie for first (computed "
        "exactly)",
    )
    return handles, title, what


def _draw_places(ax: Axes, points: pd.DataFrame, cluster: str, resolution: int, labels):
    """Colour one cluster's place on a fine grid; return handles, title, words."""
    matrix = points.to_numpy(float)
    ids = list(points.index)
    i = ids.index(cluster)
    grid, triangles = _triangle_grid(resolution)
    centres = grid[triangles].mean(axis=1)
    scores = centres @ matrix.T
    tol = SCORE_RTOL * np.maximum(np.abs(scores).max(axis=1), 1e-300)
    place = 1 + (scores > scores[:, [i]] + tol[:, None]).sum(axis=1)
    levels = np.unique(place)
    cmap = ListedColormap(plt.get_cmap("viridis_r")(np.linspace(0, 1, len(levels))))
    edges = np.concatenate([levels - 0.5, [levels[-1] + 0.5]])
    norm = BoundaryNorm(edges, cmap.N)
    ax.tripcolor(
        grid[:, 0],
        grid[:, 1],
        grid[:, 2],
        triangles=triangles,
        facecolors=place.astype(float),
        cmap=cmap,
        norm=norm,
        shading="flat",
        rasterized=True,
        zorder=1,
    )
    if len(ids) <= LINES_UP_TO:
        _draw_swap_lines(ax, np.delete(matrix, i, axis=0) - matrix[i])
    mappable = plt.cm.ScalarMappable(cmap=cmap, norm=norm)
    # Bottom-aligned, so the legend above it never runs into it.
    bar = ax.figure.colorbar(mappable, ax=ax, shrink=0.55, pad=0.14, anchor=(0.0, 0.0))
    step = max(1, int(np.ceil(len(levels) / 12)))
    bar.set_ticks(levels[::step])
    bar.set_label(
        pgettext("figure", "place of {name}").format(
            name=display_names([cluster], labels)[0]
        )
    )
    bar.ax.invert_yaxis()
    what = pgettext(
        "figure",
        "colour shows the place of {name} (1 + clusters strictly ahead), read "
        "on a fine triangular grid",
    ).format(name=display_names([cluster], labels, drawn=False)[0])
    if len(ids) <= LINES_UP_TO:
        what += pgettext(
            "figure", "; white lines are its swap lines, which bound the places"
        )
    return [], None, what


def _draw_swap_lines(ax: Axes, differences: np.ndarray) -> None:
    """Draw, in white, where the cluster ties each other cluster."""
    poly = region_vertices("simplex")[:, :2]
    for line in plane_lines(differences):
        if np.linalg.norm(line[:2]) < EPS:
            continue
        seg = clip_segment(line, poly)
        if seg is None:
            continue
        w = to_weights(seg)
        ax.plot(w[:, 0], w[:, 1], w[:, 2], color="white", lw=0.5, zorder=2)


def _diamonds(ax: Axes, classes: list[str], marks: Mapping[str, Weights]) -> list:
    """Mark other weightings as diamonds; return their legend handles."""
    handles = []
    for k, (label, weights) in enumerate(marks.items()):
        share = weights.shares.vector_for(classes)
        colour = _MARK_COLOURS[k % len(_MARK_COLOURS)]
        style = {"marker": "D", "ms": 7, "mfc": colour, "mec": "black", "ls": "none"}
        ax.plot([share[0]], [share[1]], [share[2]], zorder=6, **style)
        handles.append(Line2D([], [], label=drawn_text(label), **style))
    return handles


def _caption(
    what: str,
    nominal: Weights | None,
    marks: Mapping[str, Weights],
    votes: pd.DataFrame | None,
) -> str:
    """Write the weight map's caption: what the colours show and every mark."""
    caption = pgettext(
        "figure",
        "Weight map: every point of the triangle is a weighting of the three "
        "significance classes; {what}. Dashed: the weightings with very important "
        "≥ important ≥ not so important; circle: equal weights.",
    ).format(what=what)
    if nominal is not None:
        caption += " " + pgettext(
            "figure", "Star: the proposed weights ({ratio})."
        ).format(ratio=nominal.ratio_text())
    if marks:
        caption += " " + pgettext("figure", "Diamonds: {marks}.").format(
            marks="; ".join(f"{label} ({w.ratio_text()})" for label, w in marks.items())
        )
    if votes is not None:
        caption += " " + pgettext(
            "figure",
            "Numbered dots: {n} votes, numbered as in the votes table (a ranking "
            "vote at the centre of its region).",
        ).format(n=len(votes))
    return caption
