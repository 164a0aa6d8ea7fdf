"""Bars of each class's nominal weight beside its real importance."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

from ..core.i18n import format_percent, in_language, pgettext
from ..core.vocabulary import class_label, importance_measure
from ..sensitivity.importance import ImportanceResult, MatchedWeights
from .captions import finish

__all__ = ["plot_importance"]


@in_language
def plot_importance(
    result: ImportanceResult,
    *,
    matched: MatchedWeights | None = None,
    data_note: str | None = None,
    ax: Axes | None = None,
    language: str | None = None,
) -> Axes:
    """Horizontal bars per class: weight share, importance share (and matched).

    Parameters
    ----------
    result
        From :func:`~ecei_analysis.class_importance`.
    matched
        From :func:`~ecei_analysis.weights_for_importance`: its weights are
        drawn as a third bar per class.
    data_note, ax
        Provenance for the caption, and the Axes.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        ax = plt.figure().add_subplot()
    table = result.table
    classes = list(table.index)
    bars = [
        (pgettext("figure", "nominal weight"), table["weight"].to_numpy(), "0.55"),
        (
            pgettext("figure", "real importance"),
            table["importance_share"].to_numpy(),
            "#8c2d04",
        ),
    ]
    if matched is not None:
        bars.append(
            (
                pgettext("figure", "weights for the target importance"),
                matched.weights[classes].to_numpy(),
                "#74a9cf",
            )
        )
    height = 0.8 / len(bars)
    y = np.arange(len(classes))
    for k, (label, values, colour) in enumerate(bars):
        pos = y - 0.4 + height * (k + 0.5)
        ax.barh(pos, values, height=height * 0.92, color=colour, label=label)
        for yy, v in zip(pos, values, strict=True):
            if np.isfinite(v):
                ax.text(v + 0.01, yy, format_percent(v, 0), va="center", fontsize=6)
    ax.set_yticks(y, [class_label(c) for c in classes])
    ax.set_ylim(len(classes) - 0.5, -0.5)
    top = max(float(np.nanmax(values)) for _, values, _ in bars)
    ax.set_xlim(0, min(1.0, top + 0.15))
    ax.set_xlabel(pgettext("figure", "share"))
    ax.legend(loc="lower right", fontsize=6)
    ax.spines[["right", "top"]].set_visible(False)
    method = result.parameters["method"]
    caption = pgettext(
        "figure",
        "Nominal weight vs real importance of each significance class: the weight "
        "shares beside the relative importance (each class's {method}, scaled to "
        "sum to 100%).",
    ).format(method=importance_measure(method))
    if matched is not None:
        caption += " " + pgettext(
            "figure",
            "Blue: the weights whose importance shares come closest to the target "
            "(largest gap {gap}).",
        ).format(gap=format_percent(matched.residual, 1))
    return finish(ax, caption, data_note)
