"""Heatmap of rank acceptability."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ..core.i18n import in_language, pgettext
from .captions import LEGIBLE, display_names, finish

__all__ = ["plot_rank_acceptability"]


@in_language
def plot_rank_acceptability(
    acceptability: pd.DataFrame,
    *,
    order: Sequence[str] | None = None,
    annotate: bool = True,
    labels: Mapping[str, str] | None = None,
    data_note: str | None = None,
    method: str = "",
    top: int = LEGIBLE,
    ax: Axes | None = None,
    language: str | None = None,
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
    labels, data_note
        Display names and provenance for the caption.
    method
        Words for the caption (e.g. the sampler's measure and the draws).
    top
        Most rows and place columns shown; beyond, the rest of each row is
        summed in a last column "> top".
    ax
        The Axes.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import seaborn as sns

    if ax is None:
        ax = plt.figure().add_subplot()
    frame = acceptability.loc[list(order)] if order is not None else acceptability
    n_rows, n_places = frame.shape
    frame = frame.iloc[:top]
    columns = [str(c) for c in frame.columns]
    if n_places > top:
        rest = frame.iloc[:, top:].sum(axis=1)
        frame = frame.iloc[:, :top].assign(rest=rest)
        columns = [*columns[:top], f"> {top}"]
    pct = frame.to_numpy() * 100
    text = np.where(pct >= 0.5, np.char.mod("%.0f", pct), "")
    sns.heatmap(
        pct,
        ax=ax,
        cmap="rocket_r",
        vmin=0,
        vmax=100,
        cbar_kws={"label": pgettext("figure", "share of weightings, %")},
        annot=text if annotate else False,
        fmt="",
        annot_kws={"fontsize": 6},
        linewidths=0.3,
        linecolor="white",
        xticklabels=columns,
        yticklabels=display_names(frame.index, labels),
    )
    ax.set_xlabel(pgettext("figure", "place"))
    ax.set_ylabel("")
    caption = pgettext(
        "figure",
        "Rank acceptability: the share of weightings giving each cluster (rows) "
        "each place (columns), in %.",
    )
    if method:
        caption += " " + method
    if n_rows > top or n_places > top:
        caption += " " + pgettext(
            "figure", "The first {top} clusters and places are shown."
        ).format(top=top)
    return finish(ax, caption, data_note)
