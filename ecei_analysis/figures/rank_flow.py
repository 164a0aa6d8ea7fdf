"""Bump chart of every cluster's place across weightings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ._common import display_names, finish
from .colours import cluster_colours

__all__ = ["plot_rank_flow"]


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
        names = "=".join(display_names(group.index, labels))
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
    return finish(ax, caption, data_note)
