"""Bump chart of every cluster's place across weightings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ..core.i18n import in_language, pgettext
from ..scoring.comparison import notable_clusters
from .captions import LEGIBLE, display_names, drawn_text, finish, scenario_labels
from .colours import colours_for, mark_colour, text_colour

__all__ = ["NOTABLE_MOVERS", "NOTABLE_TOP", "plot_rank_flow"]

#: Places drawn out by default (a cluster in them under some weighting is bold).
NOTABLE_TOP = 4
#: Largest moves drawn out by default.
NOTABLE_MOVERS = 3


@in_language
def plot_rank_flow(
    ranks: pd.DataFrame,
    *,
    highlight: Sequence[str] | None = None,
    colours: Mapping[str, tuple] | None = None,
    labels: Mapping[str, str] | None = None,
    data_note: str | None = None,
    top: int = LEGIBLE,
    ax: Axes | None = None,
    language: str | None = None,
) -> Axes:
    """Bump chart of every cluster's place across scenarios (columns) or steps.

    Tied clusters share a place, drawn at the same height with their end labels
    joined by ``=``. The place axis always runs 1..n (it does not jump when ties
    appear). In studies of more than ``top`` clusters only those within the
    first ``top`` places in some column are drawn; the caption says so.

    Parameters
    ----------
    ranks
        Clusters × scenarios (column labels on the x axis, in order): places,
        e.g. 1 + clusters strictly ahead.
    highlight
        Clusters drawn bold; the others thin (all labelled in full colour).
        Default: the notable clusters (:func:`~ecei_analysis.scoring.comparison.
        notable_clusters`): those in the first 4 places under some weighting,
        a former leader included, and the 3 whose place changes most from the
        first to the last column; the caption says so.
    colours, labels, data_note, ax
        Cluster colours (default: keyed by the study order of ``labels``),
        display names, provenance for the caption, and the Axes.
    top
        Most places shown one by one.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        ax = plt.figure().add_subplot()
    n = len(ranks)
    colours = colours_for(ranks.index, colours, labels)
    shown = ranks
    if n > top:
        shown = ranks[(ranks <= top).any(axis=1)]
    x = np.arange(ranks.shape[1])
    chosen = highlight is None
    if chosen:
        highlight = notable_clusters(ranks, top=NOTABLE_TOP, movers=NOTABLE_MOVERS)
    bold = set(highlight)
    for cluster, row in shown.iterrows():
        strong = cluster in bold
        ax.plot(
            x,
            row.to_numpy(float),
            marker="o",
            ms=3.5 if strong else 2.5,
            # each in its colour, darkened where needed to 3:1 on white
            color=mark_colour(colours[cluster]),
            lw=2.0 if strong else 0.8,
            zorder=3 if strong else 2,
            label=cluster,
        )
    last = shown.iloc[:, -1]
    for rank_value, group in last.groupby(last):
        names = "=".join(display_names(group.index, labels))
        strong = any(c in bold for c in group.index)
        ax.annotate(
            names,
            xy=(x[-1], rank_value),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=7,
            fontweight="bold" if strong and len(bold) < len(shown) else "normal",
            color=text_colour(colours[group.index[0]]) if len(group) == 1 else "black",
        )
    bottom = n if n <= top else top
    ax.set_ylim(bottom + 0.5, 0.5)
    step = 1 if bottom <= 20 else int(np.ceil(bottom / 20))
    ax.set_yticks(np.arange(1, bottom + 1, step))
    columns = scenario_labels(ranks)
    ax.set_xticks(x, [drawn_text(c) for c in columns], rotation=30, ha="right")
    ax.set_ylabel(pgettext("figure", "place (1 = best)"))
    ax.set_xlim(-0.3, x[-1] + 0.3)
    ax.spines[["right", "top"]].set_visible(False)
    caption = pgettext(
        "figure",
        "Rank flow: the place of each of {n} clusters under {k} weightings "
        "({columns}); tied clusters share a place (labels joined by '=').",
    ).format(n=n, k=ranks.shape[1], columns=", ".join(columns))
    if chosen and len(bold) < len(shown):
        caption += " " + pgettext(
            "figure",
            "Bold: the clusters in the first {top} places under some weighting and "
            "the {k} whose places change most from the first to the last column.",
        ).format(top=NOTABLE_TOP, k=NOTABLE_MOVERS)
    if n > top:
        caption += " " + pgettext(
            "figure", "Only the clusters within the first {top} places are drawn."
        ).format(top=top)
    return finish(ax, caption, data_note)
