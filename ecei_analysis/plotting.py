"""Publication figures, shaped like seaborn functions.

Every function takes the data first and keyword-only options, draws on ``ax`` (or
a new one), never saves and never shows, and returns the Axes. The caption of
the figure (what it shows, data, weights, seed, and "synthetic data" where it
is) is returned by :func:`caption_of`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import mpltern  # noqa: F401  (registers the "ternary" projection)
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from .colours import CLASS_COLOURS, cluster_colours
from .errors import EceiDataError
from .geometry import WeightSpace, region_vertices
from .sobol import SobolResult
from .vocabulary import CLASS_LABELS
from .weights import format_weights

__all__ = [
    "caption_of",
    "plot_class_contributions",
    "plot_rank_acceptability",
    "plot_rank_flow",
    "plot_rank_intervals",
    "plot_sobol",
    "plot_weight_map",
]

_CAPTION_ATTR = "_ecei_caption"


def caption_of(ax: Axes) -> str:
    """Return the caption our plot function attached to ``ax``."""
    return getattr(ax, _CAPTION_ATTR, "")


def _finish(ax: Axes, caption: str, data_note: str | None) -> Axes:
    note = data_note or "data source not stated"
    text = f"{caption} Data: {note}."
    if "synthetic" in note.lower():
        ax.annotate(
            "SYNTHETIC DATA",
            xy=(1.0, 0.0),
            xycoords="axes fraction",
            xytext=(0, -2),
            textcoords="offset points",
            ha="right",
            va="top",
            fontsize="x-small",
            color="0.45",
        )
    setattr(ax, _CAPTION_ATTR, text)
    return ax


def _names(index, labels: Mapping[str, str] | None) -> list[str]:
    labels = labels or {}
    return [labels.get(c, c) for c in index]


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
            winner = cells.at[cid, "winner"].split("=")[0]
            ax.fill(
                poly[:, 0],
                poly[:, 1],
                poly[:, 2],
                fc=colours[winner],
                ec=colours[winner],
                lw=0.2,
            )
        shown = sorted(
            {w.split("=")[0] for w in cells["winner"]}, key=lambda c: list(ids).index(c)
        )
        handles = [Patch(fc=colours[c], label=_names([c], labels)[0]) for c in shown]
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
        bar.set_label(f"place of {_names([colour_by], labels)[0]}")
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
        f"{', '.join(_names(leaders, labels))}); dashed: ordered region "
        "w_VI >= w_I >= w_NSI; circle: baseline."
    )
    if nominal is not None:
        caption += f" Star: nominal weights ({format_weights(nominal)})."
    return _finish(ax, caption, data_note)


def plot_rank_flow(
    ranks: pd.DataFrame,
    *,
    highlight: Sequence[str] | None = None,
    colours: Mapping[str, tuple] | None = None,
    labels: Mapping[str, str] | None = None,
    data_note: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Bump chart of every cluster's rank across scenarios (columns) or sweep steps.

    Tied clusters share a rank and are drawn at the same height; their end labels
    are stacked and joined with ``=``.

    Parameters
    ----------
    ranks
        Clusters × scenarios (column labels on the x axis, in order).
    highlight
        Clusters drawn bold; the others are faded (default: all bold).
    colours, labels, data_note, ax
        As elsewhere.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        ax = plt.figure().add_subplot()
    colours = dict(colours or cluster_colours(ranks.index))
    x = np.arange(ranks.shape[1])
    bold = set(ranks.index if highlight is None else highlight)
    for cluster, row in ranks.iterrows():
        strong = cluster in bold
        ax.plot(
            x,
            row.to_numpy(float),
            marker="o",
            color=colours[cluster],
            lw=2.0 if strong else 0.8,
            alpha=1.0 if strong else 0.35,
            zorder=3 if strong else 2,
            label=cluster,
        )
    last = ranks.iloc[:, -1]
    for rank_value, group in last.groupby(last):
        names = "=".join(_names(group.index, labels))
        ax.annotate(
            names,
            xy=(x[-1], rank_value),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize="x-small",
            color=colours[group.index[0]] if len(group) == 1 else "black",
        )
    ax.set_xticks(x, [str(c) for c in ranks.columns], rotation=30, ha="right")
    ax.set_ylim(ranks.to_numpy(float).max() + 0.5, 0.5)
    ax.set_yticks(np.arange(1, int(ranks.to_numpy(float).max()) + 1))
    ax.set_ylabel("place (1 = best)")
    ax.set_xlim(-0.3, x[-1] + 0.3)
    ax.spines[["right", "top"]].set_visible(False)
    caption = (
        f"Rank flow: the place of each of {len(ranks)} clusters under "
        f"{ranks.shape[1]} weightings ({', '.join(map(str, ranks.columns))}); "
        "tied clusters share a place (labels joined by '=')."
    )
    return _finish(ax, caption, data_note)


def plot_rank_acceptability(
    acceptability: pd.DataFrame,
    *,
    order: Sequence[str] | None = None,
    annotate: bool = True,
    labels: Mapping[str, str] | None = None,
    data_note: str | None = None,
    method: str = "",
    ax: Axes | None = None,
) -> Axes:
    """Heatmap of rank acceptability (clusters × places) with percentages.

    Parameters
    ----------
    acceptability
        Clusters × ranks (shares in [0, 1]).
    order
        Row order, e.g. clusters by nominal place (default: as given).
    annotate
        Write the percentage in each cell (blank below 0.5 %).
    method
        Words for the caption (e.g. the sampler's measure and the draws).

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        ax = plt.figure().add_subplot()
    frame = acceptability.loc[list(order)] if order is not None else acceptability
    pct = frame.to_numpy() * 100
    text = np.where(pct >= 0.5, np.char.mod("%.0f", pct), "")
    sns.heatmap(
        pct,
        ax=ax,
        cmap="rocket_r",
        vmin=0,
        vmax=100,
        cbar_kws={"label": "% of weightings"},
        annot=text if annotate else False,
        fmt="",
        annot_kws={"fontsize": "xx-small"},
        linewidths=0.3,
        linecolor="white",
        xticklabels=[str(c) for c in frame.columns],
        yticklabels=_names(frame.index, labels),
    )
    ax.set_xlabel("place")
    ax.set_ylabel("")
    caption = (
        "Rank acceptability: share of weightings giving each cluster (rows, by "
        f"nominal place) each place (columns), in %. {method}".rstrip()
    )
    return _finish(ax, caption, data_note)


def plot_rank_intervals(
    uncertainty: pd.DataFrame,
    *,
    colours: Mapping[str, tuple] | None = None,
    labels: Mapping[str, str] | None = None,
    data_note: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Dumbbell chart: nominal place, median and the rank interval of each cluster.

    Parameters
    ----------
    uncertainty
        From :func:`~ecei_analysis.rank_uncertainty` (``nominal``, ``median``,
        ``low``, ``high``).

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        ax = plt.figure().add_subplot()
    frame = uncertainty.sort_values(["nominal", "median"], kind="stable")
    colours = dict(colours or cluster_colours(uncertainty.index))
    y = np.arange(len(frame))
    for k, (cluster, row) in enumerate(frame.iterrows()):
        ax.plot(
            [row["low"], row["high"]],
            [k, k],
            color=colours[cluster],
            lw=3,
            solid_capstyle="round",
            alpha=0.6,
        )
    ax.scatter(
        frame["median"], y, marker="|", s=120, color="black", zorder=3, label="median"
    )
    ax.scatter(
        frame["nominal"],
        y,
        marker="o",
        s=22,
        facecolor="white",
        edgecolor="black",
        zorder=4,
        label="nominal",
    )
    ax.set_yticks(y, _names(frame.index, labels))
    ax.invert_yaxis()
    ax.set_xlabel("place (1 = best)")
    ax.set_xticks(np.arange(1, len(frame) + 1))
    ax.legend(loc="upper right")
    low, high = uncertainty.attrs.get("interval", (0.05, 0.95))
    attrs = uncertainty.attrs
    caption = (
        f"Rank intervals: bars span the {low:.0%}-{high:.0%} quantiles of each "
        f"cluster's place; | median, o nominal. "
        f"{attrs.get('measure', '')}; {attrs.get('draws', '?')} draws, seed "
        f"{attrs.get('seed', '?')}"
        + (f"; {attrs['noise']}" if attrs.get("noise") else "")
        + "."
    )
    return _finish(ax, caption, data_note)


def plot_class_contributions(
    points: pd.DataFrame,
    weights: Mapping[str, float],
    *,
    labels: Mapping[str, str] | None = None,
    data_note: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Stacked bars: each cluster's weighted points per significance class.

    Parameters
    ----------
    points
        Clusters × classes.
    weights
        Class weights (the bars show ``weight × points``).

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        ax = plt.figure().add_subplot()
    weighted = points * pd.Series(weights)[points.columns]
    weighted = weighted.loc[
        weighted.sum(axis=1).sort_values(ascending=True, kind="stable").index
    ]
    left = np.zeros(len(weighted))
    y = np.arange(len(weighted))
    for cls in weighted.columns:
        ax.barh(
            y,
            weighted[cls],
            left=left,
            color=CLASS_COLOURS.get(cls),
            edgecolor="white",
            lw=0.4,
            label=CLASS_LABELS.get(cls, cls),
        )
        left += weighted[cls].to_numpy()
    ax.set_yticks(y, _names(weighted.index, labels))
    ax.set_xlabel("weighted points")
    ax.legend(loc="lower right")
    caption = (
        "Class contributions: each cluster's points per significance class, "
        f"multiplied by the class weights ({format_weights(weights)}); bars sorted "
        "by weighted total."
    )
    return _finish(ax, caption, data_note)


def plot_sobol(
    result: SobolResult,
    *,
    labels: Mapping[str, str] | None = None,
    data_note: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Dot plot of first-order (filled) and total (hollow) Sobol indices per cluster.

    Parameters
    ----------
    result
        From :func:`~ecei_analysis.sobol_rank_indices`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        ax = plt.figure().add_subplot()
    first, total = result.first_order, result.total
    y = np.arange(len(first))
    offsets = np.linspace(-0.25, 0.25, first.shape[1])
    for off, cls in zip(offsets, first.columns, strict=True):
        colour = CLASS_COLOURS.get(cls)
        edge = colour
        ax.hlines(
            y + off,
            first[cls].clip(lower=0),
            total[cls].clip(lower=0),
            color=colour,
            lw=1.2,
        )
        ax.scatter(
            first[cls].clip(lower=0),
            y + off,
            color=colour,
            edgecolor=edge,
            s=16,
            zorder=3,
            label=f"{CLASS_LABELS.get(cls, cls)}: first order",
        )
        ax.scatter(
            total[cls].clip(lower=0),
            y + off,
            facecolor="white",
            edgecolor=edge,
            s=16,
            zorder=3,
            label=f"{CLASS_LABELS.get(cls, cls)}: total",
        )
    labels = {**(labels or {}), "mean_abs_shift": "all clusters: mean |rank shift|"}
    names = _names(first.index, labels)
    names = [
        f"{n} (invariant)" if result.invariant.iloc[k] else n
        for k, n in enumerate(names)
    ]
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("Sobol index of the rank")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    p = result.parameters
    caption = (
        "Variance-based sensitivity of each cluster's rank to the class weights: "
        "filled = first-order, hollow = total Sobol index (Saltelli 2010 estimator, "
        f"{p['reparameterisation']} reparameterisation, n = {p['n']}, "
        f"{p['evaluations']} model runs, seed {p['seed']}). Clusters whose rank never "
        "changes are marked invariant (indices 0)."
    )
    return _finish(ax, caption, data_note)
