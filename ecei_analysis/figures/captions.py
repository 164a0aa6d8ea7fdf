"""Figure text: captions, the synthetic stamp, literal names, measures in words.

The one module of the figures stage that words captions and labels shared by
plots and reports (the reports import :func:`measure_text` and
:func:`noise_text` from here).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..core.i18n import (
    _,
    current_language,
    format_number,
    format_percent,
    format_significant,
    ngettext,
    pgettext,
)
from ..core.vocabulary import class_label, weight_set_label

if TYPE_CHECKING:  # matplotlib is not imported for words alone
    from matplotlib.axes import Axes

__all__ = [
    "LEGIBLE",
    "caption_of",
    "display_names",
    "drawn_text",
    "finish",
    "measure_text",
    "noise_text",
    "scenario_label",
    "scenario_labels",
    "seed_text",
]

_CAPTION_ATTR = "_ecei_caption"
_STAMPED = "_ecei_stamped"
_REPLACED = "_ecei_undrawable"
#: Most clusters a figure shows one by one; larger studies show the leaders.
LEGIBLE = 30


def caption_of(ax: Axes) -> str:
    """Return the caption our plot function attached to ``ax``."""
    return getattr(ax, _CAPTION_ATTR, "")


def finish(ax: Axes, caption: str, data_note: str | None) -> Axes:
    """Attach the caption (with the data note) and stamp synthetic data.

    The stamp sits in the top margin, above the axes' right corner, clear of
    tick labels, legends below it and the data.
    """
    note = data_note or _("data source not stated")
    text = caption + _undrawable_note(ax.figure) + " "
    text += _("Data: {label}.").format(label=note)
    if "synthetic" in note.lower() or "синтетич" in note.lower():
        fig = ax.figure
        if not getattr(fig, _STAMPED, False):
            ax.text(
                1.0,
                _stamp_height(ax),
                pgettext("figure", "SYNTHETIC DATA"),
                transform=ax.transAxes,
                ha="right",
                va="bottom",
                fontsize=7,
                color="0.4",
                fontweight="bold",
            )
            setattr(fig, _STAMPED, True)
    setattr(ax, _CAPTION_ATTR, text)
    from .ticks import localise_ticks  # matplotlib is loaded: ax is drawn

    localise_ticks(ax)
    return ax


def _undrawable_note(fig) -> str:
    """Mark the characters the font cannot draw; a sentence naming them, or ""."""
    from .glyphs import UNDRAWABLE_MARK, replace_undrawable

    found = [*getattr(fig, _REPLACED, []), *replace_undrawable(fig)]
    found = list(dict.fromkeys(found))
    setattr(fig, _REPLACED, found)
    if not found:
        return ""
    return " " + _(
        "Characters the figure's font cannot draw ({characters}) are shown as "
        "{mark}; the tables show the names whole."
    ).format(characters=" ".join(found), mark=UNDRAWABLE_MARK)


def _stamp_height(ax: Axes) -> float:
    """Where the stamp sits (axes fraction): above the axes, and above a legend there.

    A legend placed above the axes (as the interval and Sobol plots do) would
    run under the stamp when its entries are long (Russian): the stamp then
    moves up to clear it.
    """
    legend = ax.get_legend()
    if legend is None:
        return 1.015
    get_renderer = getattr(ax.figure.canvas, "get_renderer", None)
    if get_renderer is None:  # a canvas that cannot measure: keep the default
        return 1.015
    box = legend.get_window_extent(get_renderer()).transformed(ax.transAxes.inverted())
    if box.y0 < 0.99:  # inside or beside the axes, not above them
        return 1.015
    return box.y1 + 0.01


def drawn_text(text: object) -> str:
    r"""Text from the data, made literal for matplotlib.

    Matplotlib reads text between two ``$`` as mathtext: a name such as
    ``$x^2$`` would be typeset, and ``$\frac{$`` would stop the drawing with a
    parse error. Every ``$`` is escaped, so the name is drawn as typed (a
    typed ``\$`` too).
    """
    return str(text).replace("$", r"\$")


def display_names(
    index, labels: Mapping[str, str] | None, *, drawn: bool = True
) -> list[str]:
    """Display names of cluster ids (the id where no label is given).

    ``drawn=True`` (default) makes them literal for matplotlib (see
    :func:`drawn_text`) and cuts a name longer than :data:`DRAWN_NAME_UP_TO`
    characters, so that one long name never widens a figure to thousands of
    pixels; ``drawn=False`` gives the plain, whole names for captions.
    """
    labels = labels or {}
    names = [str(labels.get(c, c)) for c in index]
    return [drawn_text(_shortened(n)) for n in names] if drawn else names


#: Longest name drawn in a figure; longer ones end in "…" (tables keep them whole).
DRAWN_NAME_UP_TO = 40


def _shortened(name: str) -> str:
    """Cut a name longer than :data:`DRAWN_NAME_UP_TO` characters, ending in "…".

    Examples
    --------
    >>> _shortened("x" * 50)[-3:], len(_shortened("x" * 50))
    ('xx…', 40)
    """
    if len(name) <= DRAWN_NAME_UP_TO:
        return name
    return name[: DRAWN_NAME_UP_TO - 1].rstrip() + "…"


# Measures: the plain specifications recorded in results, in words ---------------
def _ratio(nominal: Mapping[str, float]) -> str:
    from ..scoring.weights import Weights

    return Weights(nominal).ratio_text(current_language())


def _zero_clause(spec: Mapping) -> str:
    """Name the classes a centred sampler keeps at 0 in a clause ("" when none)."""
    zero = list(spec.get("zero_classes") or [])
    if not zero:
        return ""
    if len(zero) == len(spec.get("nominal", {})) - 1:
        return pgettext(
            "measure", "one class carries all the weight: every draw is that weighting"
        )
    return ngettext("{classes} kept at 0", "{classes} kept at 0", len(zero)).format(
        classes=", ".join(class_label(c) for c in zero)
    )


def _details(*clauses: str) -> str:
    """Join the clauses that are not empty into one parenthesis ("" when none)."""
    kept = [c for c in clauses if c]
    return f" ({'; '.join(kept)})" if kept else ""


def measure_text(spec: Mapping) -> str:
    """Say in words how the weights were drawn, from a sampler's plain spec.

    Examples
    --------
    >>> measure_text({"name": "ordered"})
    'every weighting with very important ≥ important ≥ not so important equally likely'
    """
    name = spec.get("name")
    if name == "uniform":
        text = pgettext("measure", "every weighting equally likely")
    elif name == "ordered":
        text = pgettext(
            "measure",
            "every weighting with very important ≥ important ≥ not so important "
            "equally likely",
        )
    elif name == "dirichlet":
        closeness = pgettext(
            "measure", "concentration {kappa}, larger is closer"
        ).format(kappa=format_significant(spec["concentration"], 3))
        text = pgettext("measure", "weights drawn at random close to {ratio}").format(
            ratio=_ratio(spec["nominal"])
        ) + _details(closeness, _zero_clause(spec))
    elif name == "box":
        text = pgettext(
            "measure",
            "each weight varied independently by up to ±{spread} around {ratio}",
        ).format(
            spread=format_percent(spec["spread"], 0), ratio=_ratio(spec["nominal"])
        ) + _details(_zero_clause(spec))
    elif name == "fixed":
        text = pgettext("measure", "the weights fixed at {ratio}").format(
            ratio=_ratio(spec["nominal"])
        )
    elif name == "region":
        text = (
            pgettext("measure", "one weighting")
            if len(spec.get("vertices", ())) == 1
            else pgettext("measure", "every weighting of a region equally likely")
        )
    elif name == "mixture" and spec.get("component") == "dirichlet":
        text = ngettext(
            "the panel's vote, held loosely (a Dirichlet law around it, "
            "concentration {kappa})",
            "one of the panel's {n} votes picked at random for each draw, each held "
            "loosely (a Dirichlet law around the vote, concentration {kappa})",
            spec["components"],
        ).format(
            n=format_number(spec["components"]),
            kappa=format_significant(spec.get("concentration", 0), 3),
        )
    elif name == "mixture":
        text = ngettext(
            "the panel's vote (a ranking vote: anywhere in its region)",
            "one of the panel's {n} votes picked at random for each draw (a ranking "
            "vote: anywhere in its region)",
            spec["components"],
        ).format(n=format_number(spec["components"]))
    elif name == "given":
        text = ngettext(
            "{n} given weighting", "{n} given weightings", spec["draws"]
        ).format(n=format_number(spec["draws"]))
    else:
        text = str(name)
    if spec.get("bounds"):
        text += " " + pgettext("measure", "(shares limited to {bounds})").format(
            bounds="; ".join(
                f"{class_label(c)} {format_percent(lo, 0)}–{format_percent(hi, 0)}"
                for c, (lo, hi) in spec["bounds"].items()
            )
        )
    return text


def seed_text(record: object) -> str:
    """Write a recorded seed as a reader retypes it: digits, no grouping.

    A seed recorded as ``{"entropy": E}`` (drawn fresh, or spawned from a
    Generator) is written as ``E``, which reproduces the run when passed back.

    Examples
    --------
    >>> seed_text(2015), seed_text({"entropy": 12345678901})
    ('2015', '12345678901')
    """
    if isinstance(record, Mapping) and "entropy" in record:
        record = record["entropy"]
    return str(record)


def noise_text(spec: Mapping | None) -> str:
    """Say in words how the assessed points vary, from a noise's plain spec.

    Examples
    --------
    >>> noise_text({"law": "levels", "spread": 2.0})
    "each indicator's points ± up to 2 whole points (uniform; within 0 and the maximum)"
    """
    if not spec or spec.get("name") == "fixed":
        return pgettext("measure", "the points as assessed")
    if spec.get("name") == "given":
        return ngettext(
            "{n} given set of points", "{n} given sets of points", spec["draws"]
        ).format(n=format_number(spec["draws"]))
    spread = spec["spread"]
    one = not isinstance(spread, list)
    law = spec["law"]
    if law == "levels":
        if one:
            return pgettext(
                "measure",
                "each indicator's points ± up to {k} whole points (uniform; within 0 "
                "and the maximum)",
            ).format(k=format_significant(spread, 3))
        return pgettext(
            "measure",
            "each indicator's points ± up to its own number of whole points "
            "(uniform; within 0 and the maximum)",
        )
    if law == "relative":
        amount = format_percent(spread, 0) if one else None
        if one:
            return pgettext(
                "measure",
                "each indicator's points varied by up to ±{share} (uniform; within 0 "
                "and the maximum)",
            ).format(share=amount)
        return pgettext(
            "measure",
            "each indicator's points varied by up to its own share (uniform; within "
            "0 and the maximum)",
        )
    if law == "gaussian":
        if one:
            return pgettext(
                "measure",
                "each indicator's points plus Gaussian noise (standard deviation {k} "
                "points; within 0 and the maximum)",
            ).format(k=format_significant(spread, 3))
        return pgettext(
            "measure",
            "each indicator's points plus Gaussian noise (its own standard "
            "deviation; within 0 and the maximum)",
        )
    if one:
        return pgettext(
            "measure",
            "each indicator's points plus triangular noise (up to ±{k} points; "
            "within 0 and the maximum)",
        ).format(k=format_significant(spread, 3))
    return pgettext(
        "measure",
        "each indicator's points plus triangular noise (up to its own half-width; "
        "within 0 and the maximum)",
    )


def scenario_label(name: str, weights: Mapping[str, float] | None = None) -> str:
    """Name a weighting for readers: ``"equal weights"``, ``"proposal 3:2:1"``.

    ``name`` is a named set of :data:`~ecei_analysis.WEIGHT_SETS` or ``"chosen"``
    (the analyst's own weights: ``"your weights 5:2:1"``); other names are shown
    as given. The ratio follows in the language's notation.

    Examples
    --------
    >>> from ecei_analysis import WEIGHT_SETS, as_weights
    >>> scenario_label("equal", WEIGHT_SETS["equal"])
    'equal weights'
    >>> scenario_label("chosen", as_weights("5:2:1"))
    'your weights 5:2:1'
    """
    if name == "equal":
        return weight_set_label(name)
    label = (
        pgettext("weight set", "your weights")
        if name == "chosen"
        else weight_set_label(name)
    )
    if weights is None:
        return label
    from ..scoring.weights import Weights

    return f"{label} {Weights(weights).ratio_text(current_language())}"


def scenario_labels(frame) -> list[str]:
    """Readers' names of a frame's columns (scenarios when it records weights)."""
    weights = frame.attrs.get("weights") if hasattr(frame, "attrs") else None
    if not weights:
        return [str(c) for c in frame.columns]
    return [scenario_label(str(c), weights.get(c)) for c in frame.columns]
