"""The experts' classification votes: indicators × experts, coloured by class."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from ..core.i18n import NP_, format_number, in_language, pgettext
from ..core.vocabulary import CLASSES, class_label
from ..data.classification_votes import ClassificationPanel
from ..sensitivity.classification_analysis import ClassificationAgreement
from .captions import drawn_text, finish
from .colours import CLASS_COLOURS

__all__ = ["plot_classification_votes"]

_RULES = (NP_("consensus rule", "median"), NP_("consensus rule", "majority"))
#: Longest indicator name drawn beside its code (longer names are shortened).
NAME_CHARS = 38


@in_language
def plot_classification_votes(
    panel: ClassificationPanel,
    agreement: ClassificationAgreement,
    *,
    names=None,
    data_note: str | None = None,
    ax: Axes | None = None,
    language: str | None = None,
) -> Axes:
    """Heatmap of the votes: one row per indicator, one column per expert.

    Rows run from the most disputed indicator (lowest share for its modal
    class) to the unanimous ones; the last column is the consensus. A blank
    (white) cell is an abstention.

    Parameters
    ----------
    panel
        The experts' votes.
    names
        Indicator names by code (a Series; default: the sheet's).
    agreement
        From :func:`~ecei_analysis.classification_agreement` (row order and the
        consensus).
    data_note, ax
        Provenance for the caption, and the Axes.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        ax = plt.figure(figsize=(6.6, 0.16 * len(panel.votes) + 1.6)).add_subplot()
    order = list(agreement.indicators.index)
    codes = panel.codes()[[list(panel.votes.index).index(c) for c in order]]
    consensus = np.array(
        [CLASSES.index(agreement.consensus[c]) for c in order], dtype=float
    )
    grid = np.column_stack([codes, consensus])
    cmap = ListedColormap([CLASS_COLOURS[c] for c in CLASSES]).with_extremes(
        bad="white"
    )
    ax.imshow(
        np.ma.masked_invalid(grid),
        aspect="auto",
        cmap=cmap,
        vmin=-0.5,
        vmax=len(CLASSES) - 0.5,
        interpolation="nearest",
    )
    n_experts = codes.shape[1]
    ax.axvline(n_experts - 0.5, color="black", lw=1.5)
    names = panel.names if names is None else names
    labels = []
    for code in order:
        name = str(names.get(code, "") or "")
        if len(name) > NAME_CHARS:
            name = name[: NAME_CHARS - 1] + "…"
        labels.append(drawn_text(f"{code} {name}".strip()))
    ax.set_yticks(np.arange(len(order)), labels, fontsize=6)
    columns = [drawn_text(e) for e in panel.experts]
    columns.append(pgettext("figure", "consensus"))
    ax.set_xticks(np.arange(len(columns)), columns, rotation=45, ha="right", fontsize=6)
    ax.set_xticks(np.arange(-0.5, len(columns)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(order)), minor=True)
    ax.grid(which="minor", color="white", lw=0.5)
    ax.tick_params(which="minor", length=0)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.legend(
        handles=[
            *(Patch(fc=CLASS_COLOURS[c], label=class_label(c)) for c in CLASSES),
            Patch(fc="white", ec="0.6", label=pgettext("figure", "abstained")),
        ],
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize=6,
    )
    alpha = agreement.alpha
    caption = pgettext(
        "figure",
        "The experts' classification of the indicators: one row per indicator, "
        "the most disputed first; one column per expert, and the consensus "
        "({rule} class). Krippendorff's alpha (ordinal) = {alpha}.",
    ).format(
        rule=pgettext("consensus rule", agreement.parameters["rule"]),
        alpha=format_number(alpha, 2) if np.isfinite(alpha) else "—",
    )
    return finish(ax, caption, data_note)
