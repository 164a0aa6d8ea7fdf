"""Heatmap of rank acceptability."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes

from ._common import display_names, finish

__all__ = ["plot_rank_acceptability"]


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
        yticklabels=display_names(frame.index, labels),
    )
    ax.set_xlabel("place")
    ax.set_ylabel("")
    caption = (
        "Rank acceptability: share of weightings giving each cluster (rows, by "
        f"nominal place) each place (columns), in %. {method}".rstrip()
    )
    return finish(ax, caption, data_note)
