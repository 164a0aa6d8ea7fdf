"""Dot plot of Sobol indices."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from ..core.i18n import format_number, in_language, pgettext
from ..core.vocabulary import class_label
from ..sensitivity.sobol import SHIFT_ROW, SobolResult
from .captions import LEGIBLE, display_names, finish, seed_text
from .colours import CLASS_COLOURS

__all__ = ["plot_sobol"]


_REPARAMETERISATIONS = {
    "dirichlet": lambda: pgettext("reparameterisation", "Dirichlet"),
    "box": lambda: pgettext("reparameterisation", "box"),
}


@in_language
def plot_sobol(
    result: SobolResult,
    *,
    order: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
    data_note: str | None = None,
    top: int = LEGIBLE,
    ax: Axes | None = None,
    language: str | None = None,
) -> Axes:
    """Dot plot of first-order (filled) and total (hollow) Sobol indices per cluster.

    Parameters
    ----------
    result
        From :func:`~ecei_analysis.sobol_rank_indices`.
    order
        Cluster order of the rows (e.g. by place); the overall row comes first.
    labels, data_note, ax
        Display names, provenance for the caption, and the Axes.
    top
        Most cluster rows shown (in ``order``).

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        ax = plt.figure().add_subplot()
    first, total = result.first_order, result.total
    clusters = [r for r in first.index if r != SHIFT_ROW]
    if order is not None:
        clusters = [c for c in order if c in set(clusters)]
    n = len(clusters)
    rows = [SHIFT_ROW, *clusters[:top]]
    first, total = first.loc[rows], total.loc[rows]
    y = np.arange(len(rows))
    k = first.shape[1]
    offsets = np.linspace(-0.22, 0.22, k) if k > 1 else np.zeros(1)
    for off, cls in zip(offsets, first.columns, strict=True):
        colour = CLASS_COLOURS.get(cls)
        f, t = first[cls].clip(lower=0), total[cls].clip(lower=0)
        ax.hlines(y + off, f, t, color=colour, lw=1.0)
        ax.scatter(f, y + off, color=colour, s=12, zorder=3)
        ax.scatter(t, y + off, facecolor="white", edgecolor=colour, s=12, zorder=3)
    names = display_names(
        rows,
        {**(labels or {}), SHIFT_ROW: pgettext("figure", "all clusters: mean |shift|")},
    )
    names = [
        pgettext("figure", "{name} (never moves)").format(name=name)
        if result.invariant[row]
        else name
        for row, name in zip(rows, names, strict=True)
    ]
    ax.set_yticks(y, names)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    right = float(max(first.to_numpy().max(), total.to_numpy().max(), 0.05))
    ax.set_xlim(0, min(1.0, right * 1.08 + 0.02))
    ax.set_xlabel(pgettext("figure", "Sobol index of the place"))
    ax.grid(axis="x", lw=0.3, alpha=0.5)
    handles = [
        Line2D(
            [],
            [],
            color=CLASS_COLOURS.get(c),
            marker="o",
            ls="-",
            lw=1.0,
            ms=4,
            label=class_label(c),
        )
        for c in first.columns
    ] + [
        Line2D(
            [],
            [],
            color="0.3",
            marker="o",
            ls="none",
            ms=4,
            label=pgettext("figure", "filled: first order"),
        ),
        Line2D(
            [],
            [],
            color="0.3",
            marker="o",
            mfc="white",
            ls="none",
            ms=4,
            label=pgettext("figure", "hollow: total"),
        ),
    ]
    ax.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0.0, 1.01),
        ncols=3,
        borderaxespad=0.0,
    )
    p = result.parameters
    caption = pgettext(
        "figure",
        "Variance-based sensitivity of each cluster's place to the class weights: "
        "filled = first-order, hollow = total Sobol index (Saltelli 2010 "
        "estimator, {rep} reparameterisation, n = {n}, {runs} model runs, seed "
        "{seed}). Clusters whose place never changes have indices 0.",
    ).format(
        rep=_REPARAMETERISATIONS.get(
            p["reparameterisation"], lambda: p["reparameterisation"]
        )(),
        n=format_number(p["n"]),
        runs=format_number(p["evaluations"]),
        seed=seed_text(p["seed"]),
    )
    if n > top:
        caption += " " + pgettext(
            "figure", "The first {top} of {n} clusters are shown."
        ).format(top=top, n=n)
    return finish(ax, caption, data_note)
