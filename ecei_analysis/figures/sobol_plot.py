"""Dot plot of Sobol indices."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

from ..core.vocabulary import CLASS_LABELS
from ..sensitivity.sobol import SobolResult
from ._common import display_names, finish
from .colours import CLASS_COLOURS

__all__ = ["plot_sobol"]


def plot_sobol(
    result: SobolResult,
    *,
    order: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
    data_note: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Dot plot of first-order (filled) and total (hollow) Sobol indices per cluster.

    Parameters
    ----------
    result
        From :func:`~ecei_analysis.sobol_rank_indices`.
    order
        Cluster order of the rows (e.g. by place); the overall row comes last.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        ax = plt.figure().add_subplot()
    first, total = result.first_order, result.total
    if order is not None:
        rows = [*order, *[r for r in first.index if r not in set(order)]]
        first, total = first.loc[rows], total.loc[rows]
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
    names = display_names(first.index, labels)
    names = [
        f"{n} (invariant)" if result.invariant[row] else n
        for row, n in zip(first.index, names, strict=True)
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
    return finish(ax, caption, data_note)
