"""Dumbbell chart of rank intervals."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

from ..sensitivity.rank_uncertainty import RankUncertaintyResult
from ._common import display_names, finish
from .colours import cluster_colours

__all__ = ["plot_rank_intervals"]


def plot_rank_intervals(
    uncertainty: RankUncertaintyResult,
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
        From :func:`~ecei_analysis.rank_uncertainty`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        ax = plt.figure().add_subplot()
    attrs = uncertainty.parameters
    uncertainty = uncertainty.table
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
    ax.set_yticks(y, display_names(frame.index, labels))
    ax.invert_yaxis()
    ax.set_xlabel("place (1 = best)")
    ax.set_xticks(np.arange(1, len(frame) + 1))
    ax.legend(loc="upper right")
    low, high = attrs.get("interval", (0.05, 0.95))
    caption = (
        f"Rank intervals: bars span the {low:.0%}-{high:.0%} quantiles of each "
        f"cluster's place; | median, o nominal. "
        f"{attrs.get('measure', '')}; {attrs.get('draws', '?')} draws, seed "
        f"{attrs.get('seed', '?')}"
        + (f"; {attrs['noise']}" if attrs.get("noise") else "")
        + "."
    )
    return finish(ax, caption, data_note)
