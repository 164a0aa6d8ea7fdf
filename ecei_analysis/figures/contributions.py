"""Stacked bars of weighted points per class."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ..core.i18n import in_language, pgettext
from ..core.vocabulary import class_label
from ..scoring.weights import WeightsLike, takes_weights
from .captions import LEGIBLE, display_names, finish
from .colours import CLASS_COLOURS

__all__ = ["plot_class_contributions"]


@in_language
@takes_weights
def plot_class_contributions(
    points: pd.DataFrame,
    weights: WeightsLike,
    *,
    labels: Mapping[str, str] | None = None,
    data_note: str | None = None,
    top: int = LEGIBLE,
    ax: Axes | None = None,
    language: str | None = None,
) -> Axes:
    """Stacked bars: each cluster's weighted points per significance class.

    Parameters
    ----------
    points
        Clusters × classes.
    weights
        Class weights in any accepted form (the bars show ``weight × points``).
    labels, data_note, ax
        Display names, provenance for the caption, and the Axes.
    top
        Most clusters shown (the highest weighted totals).

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        ax = plt.figure().add_subplot()
    weighted = points * weights.vector_for(points.columns)
    order = weighted.sum(axis=1).sort_values(ascending=False, kind="stable").index
    n = len(order)
    weighted = weighted.loc[order[:top][::-1]]
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
            label=class_label(cls),
        )
        left += weighted[cls].to_numpy()
    ax.set_yticks(y, display_names(weighted.index, labels))
    ax.set_xlabel(pgettext("figure", "weighted points"))
    ax.legend(loc="lower right")
    caption = pgettext(
        "figure",
        "Class contributions: each cluster's points per significance class, "
        "multiplied by the class weights ({ratio}); bars sorted by weighted total.",
    ).format(ratio=weights.ratio_text())
    if n > top:
        caption += " " + pgettext(
            "figure", "The first {top} of {n} clusters are shown."
        ).format(top=top, n=n)
    return finish(ax, caption, data_note)
