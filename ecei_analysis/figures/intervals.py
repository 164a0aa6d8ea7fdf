"""Dumbbell chart of rank intervals."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from ..core.i18n import format_number, format_percent, in_language, pgettext
from ..sensitivity.rank_uncertainty import RankUncertaintyResult
from .captions import (
    LEGIBLE,
    display_names,
    finish,
    measure_text,
    noise_text,
    seed_text,
)
from .colours import colours_for

__all__ = ["plot_rank_intervals"]


@in_language
def plot_rank_intervals(
    uncertainty: RankUncertaintyResult,
    *,
    colours: Mapping[str, tuple] | None = None,
    labels: Mapping[str, str] | None = None,
    data_note: str | None = None,
    top: int = LEGIBLE,
    ax: Axes | None = None,
    language: str | None = None,
) -> Axes:
    """Dumbbell chart: each cluster's rank interval, median and nominal place.

    Parameters
    ----------
    uncertainty
        From :func:`~ecei_analysis.rank_uncertainty`.
    colours, labels, data_note, ax
        As in :func:`~ecei_analysis.plot_rank_flow`.
    top
        Most clusters shown (the first by nominal place); the caption says so.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        ax = plt.figure().add_subplot()
    attrs = uncertainty.parameters
    table = uncertainty.table
    frame = table.sort_values(["nominal", "median"], kind="stable")
    n = len(frame)
    frame = frame.iloc[:top]
    colours = colours_for(table.index, colours, labels)
    y = np.arange(len(frame))
    for k, (cluster, row) in enumerate(frame.iterrows()):
        ax.plot(
            [row["low"], row["high"]],
            [k, k],
            color=colours[cluster],
            lw=4,
            solid_capstyle="round",
            alpha=0.55,
            zorder=2,
        )
        ax.plot(
            [row["median"]] * 2, [k - 0.32, k + 0.32], color="black", lw=1.2, zorder=3
        )
    ax.scatter(
        frame["nominal"],
        y,
        marker="o",
        s=20,
        facecolor="white",
        edgecolor="black",
        zorder=4,
    )
    ax.set_yticks(y, display_names(frame.index, labels))
    ax.set_ylim(len(frame) - 0.5, -0.5)
    ax.set_xlabel(pgettext("figure", "place (1 = best)"))
    last = int(max(frame["high"].max(), frame["nominal"].max()))
    step = 1 if last <= 20 else int(np.ceil(last / 20))
    ax.set_xticks(np.arange(1, last + 1, step))
    ax.set_xlim(0.5, last + 0.5)
    ax.grid(axis="x", lw=0.3, alpha=0.5)
    low, high = attrs.get("interval", (0.05, 0.95))
    handles = [
        Line2D(
            [],
            [],
            color="0.5",
            lw=4,
            alpha=0.55,
            label=pgettext("figure", "{low}–{high} interval").format(
                low=format_percent(low, 0), high=format_percent(high, 0)
            ),
        ),
        Line2D(
            [],
            [],
            color="black",
            lw=1.2,
            marker="|",
            ls="none",
            ms=8,
            label=pgettext("figure", "median"),
        ),
        Line2D(
            [],
            [],
            marker="o",
            ms=5,
            mfc="white",
            mec="black",
            ls="none",
            label=pgettext("figure", "place at the proposed weights"),
        ),
    ]
    ax.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0.0, 1.01),
        ncols=3,
        borderaxespad=0.0,
    )
    caption = pgettext(
        "figure",
        "Rank intervals: bars span the {low}–{high} quantiles of each cluster's "
        "place, | the median, o the place at the proposed weights ({measure}; "
        "{draws} draws, seed {seed}{noise}).",
    ).format(
        low=format_percent(low, 0),
        high=format_percent(high, 0),
        measure=measure_text(attrs.get("measure") or {}),
        draws=format_number(attrs.get("draws", 0)),
        seed=seed_text(attrs.get("seed", "")),
        noise=f"; {noise_text(attrs['noise'])}" if attrs.get("noise") else "",
    )
    if attrs.get("ties") == "min":
        caption += " " + pgettext(
            "figure", "Places count 1 + the clusters strictly ahead."
        )
    if n > top:
        caption += " " + pgettext(
            "figure", "The first {top} of {n} clusters are shown."
        ).format(top=top, n=n)
    return finish(ax, caption, data_note)
