"""Ternary map of the weight simplex: cells, swap lines, nominal weights."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import mpltern  # noqa: F401  (registers the "ternary" projection)
import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from ..core.errors import EceiDataError
from ..core.vocabulary import CLASS_LABELS
from ..scoring.weights import format_weights
from ..sensitivity.geometry._plane import region_vertices
from ..sensitivity.geometry.arrangement import WeightSpace
from ._common import display_names, finish
from .colours import cluster_colours

__all__ = ["plot_weight_map"]


def plot_weight_map(
    space: WeightSpace,
    *,
    colour_by: str = "winner",
    nominal: Mapping[str, float] | None = None,
    show_lines: bool = True,
    leaders: Sequence[str] | None = None,
    show_ordered: bool = True,
    colours: Mapping[str, tuple] | None = None,
    labels: Mapping[str, str] | None = None,
    data_note: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Ternary map of the weight simplex: cells, swap lines, baseline and nominal.

    Parameters
    ----------
    space
        From :func:`~ecei_analysis.weight_space` (best on ``region="simplex"``).
    colour_by
        ``"winner"``: each cell in the colour of its first-ranked cluster; or a
        cluster id: each cell shaded by that cluster's place.
    nominal
        Nominal weights to mark (any positive scale).
    show_lines, show_ordered
        Draw the swap lines; outline the ordered region w_VI >= w_I >= w_NSI.
    leaders
        Clusters whose mutual swap lines are drawn bold (default: the first
        four at equal weights); the other lines are faint.
    colours, labels
        Cluster colours and display names.
    data_note
        Provenance for the caption (``"synthetic data"`` adds the label).
    ax
        A ``projection="ternary"`` Axes (mpltern); a new figure if ``None``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        ax = plt.figure().add_subplot(projection="ternary")
    if getattr(ax, "name", "") != "ternary":
        raise EceiDataError("plot_weight_map needs an Axes with projection='ternary'")
    ids = space.points.index
    colours = dict(colours or cluster_colours(ids))
    polygons = space.cell_polygons()
    cells = space.cells
    if colour_by == "winner":
        for cid, poly in polygons.items():
            winner = cells.at[cid, "winners"][0]
            ax.fill(
                poly[:, 0],
                poly[:, 1],
                poly[:, 2],
                fc=colours[winner],
                ec=colours[winner],
                lw=0.2,
            )
        shown = sorted(
            {w[0] for w in cells["winners"]}, key=lambda c: list(ids).index(c)
        )
        handles = [
            Patch(fc=colours[c], label=display_names([c], labels)[0]) for c in shown
        ]
        ax.legend(
            handles=handles,
            title="first place",
            loc="upper left",
            bbox_to_anchor=(0.82, 1.0),
        )
        what = "the cluster ranked first"
    elif colour_by in ids:
        ranks = np.array([r.index(colour_by) + 1 for r in cells["ranking"]])
        cmap = plt.get_cmap("viridis_r")
        top = max(int(ranks.max()), 2)
        for cid, poly in polygons.items():
            colour = cmap((ranks[cid] - 1) / (top - 1))
            ax.fill(poly[:, 0], poly[:, 1], poly[:, 2], fc=colour, ec=colour, lw=0.2)
        mappable = plt.cm.ScalarMappable(cmap=cmap, norm=plt.Normalize(1, top))
        bar = ax.figure.colorbar(mappable, ax=ax, shrink=0.6, pad=0.12)
        bar.set_label(f"place of {display_names([colour_by], labels)[0]}")
        bar.ax.invert_yaxis()
        what = f"the place of {colour_by}"
    else:
        raise EceiDataError(
            f"colour_by must be 'winner' or a cluster id, got {colour_by!r}"
        )
    if leaders is None:
        equal = space.points.sum(axis=1).sort_values(ascending=False, kind="stable")
        leaders = list(equal.index[:4])
    if show_lines and len(space.swap_lines):
        classes = list(space.points.columns)
        for _, line in space.swap_lines.iterrows():
            start = [line[f"start_{c}"] for c in classes]
            end = [line[f"end_{c}"] for c in classes]
            bold = line["cluster_a"] in leaders and line["cluster_b"] in leaders
            ax.plot(
                *zip(start, end, strict=True),
                color="white",
                lw=1.4 if bold else 0.3,
                alpha=1.0 if bold else 0.45,
            )
    if show_ordered:
        corners = region_vertices("ordered")
        ring = np.vstack([corners, corners[:1]])
        ax.plot(
            ring[:, 0],
            ring[:, 1],
            ring[:, 2],
            color="black",
            lw=1.0,
            ls="--",
            label="ordered region",
        )
    ax.plot(
        [1 / 3],
        [1 / 3],
        [1 / 3],
        marker="o",
        ms=6,
        mfc="white",
        mec="black",
        ls="none",
        label="baseline (equal weights)",
    )
    if nominal is not None:
        w = np.array([nominal[c] for c in space.points.columns], dtype=float)
        w = w / w.sum()
        ax.plot(
            [w[0]],
            [w[1]],
            [w[2]],
            marker="*",
            ms=11,
            mfc="gold",
            mec="black",
            ls="none",
            label="nominal weights",
        )
    ax.set_tlabel(f"w {CLASS_LABELS.get(space.points.columns[0], '')}")
    ax.set_llabel(f"w {CLASS_LABELS.get(space.points.columns[1], '')}")
    ax.set_rlabel(f"w {CLASS_LABELS.get(space.points.columns[2], '')}")
    ax.taxis.set_label_position("tick1")
    ax.laxis.set_label_position("tick1")
    ax.raxis.set_label_position("tick1")
    caption = (
        f"Weight-space map: every point of the triangle is a weighting of the three "
        f"significance classes; colour shows {what}. {space.n_rankings} distinct "
        f"rankings in the {space.region} region (exact polygon geometry); white "
        f"lines are swap lines where two clusters tie (bold: among "
        f"{', '.join(display_names(leaders, labels))}); dashed: ordered region "
        "w_VI >= w_I >= w_NSI; circle: baseline."
    )
    if nominal is not None:
        caption += f" Star: nominal weights ({format_weights(nominal)})."
    return finish(ax, caption, data_note)
