"""Stacked bars of weighted points per class."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ..core.vocabulary import CLASS_LABELS
from ..scoring.weights import WeightsLike, format_weights, resolve_weights
from ._common import display_names, finish
from .colours import CLASS_COLOURS

__all__ = ["plot_class_contributions"]


def plot_class_contributions(
    points: pd.DataFrame,
    weights: WeightsLike,
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
    weights = resolve_weights(weights, list(points.columns))
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
    ax.set_yticks(y, display_names(weighted.index, labels))
    ax.set_xlabel("weighted points")
    ax.legend(loc="lower right")
    caption = (
        "Class contributions: each cluster's points per significance class, "
        f"multiplied by the class weights ({format_weights(weights)}); bars sorted "
        "by weighted total."
    )
    return finish(ax, caption, data_note)
