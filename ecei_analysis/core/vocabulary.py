"""Shared names: significance classes, provenance flags and tie rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from .errors import EceiDataError
from .i18n import NP_, pgettext

__all__ = [
    "CLASSES",
    "CLASS_INPUT_VARIANTS",
    "CLASS_LABELS",
    "CLASS_SHORT",
    "IMPORTANCE_MEASURES",
    "MONTE_CARLO_TIES",
    "PROVENANCE",
    "TIE_RULES",
    "Ties",
    "check_ties",
    "class_from_text",
    "class_label",
    "class_named",
    "class_short",
    "importance_measure",
    "provenance_label",
    "weight_set_label",
]

#: The three significance classes asked for at the 2015 brainstorm, most important
#: first.
CLASSES: tuple[str, ...] = ("very_important", "important", "not_so_important")

#: The readers' names of the classes (English msgids; see :func:`class_label`).
CLASS_LABELS: dict[str, str] = {
    "very_important": NP_("class", "very important"),
    "important": NP_("class", "important"),
    "not_so_important": NP_("class", "not so important"),
}

#: Short symbols used in formulas and axis labels (w_VI, w_I, w_NSI); marked
#: for translation (see :func:`class_short`).
CLASS_SHORT: dict[str, str] = {
    "very_important": NP_("class short", "VI"),
    "important": NP_("class short", "I"),
    "not_so_important": NP_("class short", "NSI"),
}

#: Allowed values of every data file's ``provenance`` column.
PROVENANCE: tuple[str, ...] = ("published", "assumed", "synthetic")

#: A tie rule: ``dense`` (1, 2, 2, 3: the published record's rule), ``min``
#: (competition ranking, 1, 2, 2, 4) or ``average`` (1, 2.5, 2.5, 4).
Ties = Literal["dense", "min", "average"]

#: Tie rules accepted by :func:`ecei_analysis.rank_clusters`.
TIE_RULES: tuple[str, ...] = ("dense", "min", "average")

#: Tie rules of analyses that count whole places (Monte Carlo histograms, the
#: exact geometry): ``average`` gives fractional places and is rejected there.
MONTE_CARLO_TIES: tuple[str, ...] = ("dense", "min")


def class_label(cls: str) -> str:
    """Return the reader's name of a class in the current language.

    Examples
    --------
    >>> class_label("not_so_important")
    'not so important'
    """
    from .i18n import pgettext

    return pgettext("class", CLASS_LABELS[cls]) if cls in CLASS_LABELS else cls


#: Other spellings a person may type for a class (read, never written): the
#: abbreviations and the Russian singular forms (the catalog's names are plural,
#: as the 2015 meeting named the classes).
CLASS_INPUT_VARIANTS: dict[str, tuple[str, ...]] = {
    "very_important": ("vi", "ов", "очень важный", "очень важная", "очень важное"),
    "important": ("i", "в", "важный", "важная", "важное"),
    "not_so_important": (
        "nsi",
        "нов",
        "не очень важный",
        "не очень важная",
        "не очень важное",
    ),
}


def class_short(cls: str) -> str:
    """Return a class's short symbol in the current language (``VI``, ``ОВ``).

    Examples
    --------
    >>> class_short("not_so_important")
    'NSI'
    """
    from .i18n import pgettext

    return pgettext("class short", CLASS_SHORT[cls]) if cls in CLASS_SHORT else cls


def class_from_text(text: str) -> str | None:
    """Return the class a person typed: its id or its name in any language.

    Case and the ``_``/space spelling do not matter; ``None`` when no class
    matches.

    Examples
    --------
    >>> class_from_text("Very important"), class_from_text("VERY_IMPORTANT")
    ('very_important', 'very_important')
    >>> class_from_text("Очень важный"), class_from_text("NSI")
    ('very_important', 'not_so_important')
    >>> class_from_text("urgent") is None
    True
    """
    from .i18n import every_translation

    wanted = " ".join(str(text).replace("_", " ").split()).casefold()
    for cls, label in CLASS_LABELS.items():
        names = {
            cls.replace("_", " "),
            *every_translation("class", label),
            *CLASS_INPUT_VARIANTS[cls],
        }
        if wanted in {" ".join(n.split()).casefold() for n in names}:
            return cls
    return None


def class_named(text: object, classes: Sequence[str], what: str = "class") -> str:
    """Return the class of ``classes`` a person named, in any accepted spelling.

    The id, its name in any language or its abbreviation (``VI``, ``ОВ``) all
    name it (:func:`class_from_text`); a name outside ``classes`` is refused,
    naming ``what`` and the classes there are.

    Examples
    --------
    >>> class_named("VI", ["very_important", "important"])
    'very_important'
    """
    cls = class_from_text(str(text))
    if cls is None or cls not in classes:
        raise EceiDataError(
            pgettext(
                "error", "{what} must name one of the classes {classes}, got {value!r}"
            ).format(what=what, classes=", ".join(classes), value=text)
        )
    return cls


def check_ties(ties: object, allowed: Sequence[str] = TIE_RULES) -> str:
    """Return ``ties`` if it is one of ``allowed``; else raise one shared message.

    Every command, notebook and function rejects a tie rule with this same
    message, so the rule is checked up front rather than deep inside a run.

    Examples
    --------
    >>> check_ties("min")
    'min'
    >>> check_ties("average", MONTE_CARLO_TIES)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ecei_analysis.core.errors.EceiDataError: ties='average' is not available here...
    """
    if isinstance(ties, str) and ties in allowed:
        return ties
    if isinstance(ties, str) and ties in TIE_RULES:
        choices = " or ".join(repr(t) for t in allowed)
        raise EceiDataError(
            pgettext(
                "error",
                "ties={ties!r} is not available here: this analysis counts whole "
                "places, so it takes ties={choices} ('average' gives fractional "
                "places and is available for plain rankings only)",
            ).format(ties=ties, choices=choices)
        )
    raise EceiDataError(
        pgettext(
            "error", "ties={ties!r} is not a tie rule; expected one of {names}"
        ).format(ties=ties, names=", ".join(allowed))
    )


#: The importance measures in words (see :mod:`ecei_analysis.sensitivity.importance`).
IMPORTANCE_MEASURES: dict[str, str] = {
    "pearson": NP_("importance", "squared Pearson correlation with the score"),
    "spearman": NP_("importance", "squared Spearman rank correlation with the score"),
    "kendall": NP_("importance", "squared Kendall rank correlation with the score"),
    "ratio": NP_(
        "importance", "correlation ratio (a regression spline chosen by REML)"
    ),
}


def importance_measure(method: str) -> str:
    """Return an importance measure's description in the current language.

    Examples
    --------
    >>> importance_measure("pearson")
    'squared Pearson correlation with the score'
    """
    from .i18n import pgettext

    return pgettext("importance", IMPORTANCE_MEASURES[method])


_PROVENANCE_LABELS = {
    "published": NP_("provenance", "published"),
    "assumed": NP_("provenance", "assumed"),
    "synthetic": NP_("provenance", "synthetic"),
    "translated": NP_("provenance", "translated"),
    "unknown": NP_("provenance", "unknown"),
}


def provenance_label(flags: str) -> str:
    """Return provenance flag(s) (``assumed+published``) in the current language.

    Examples
    --------
    >>> provenance_label("assumed+published")
    'assumed+published'
    """
    from .i18n import pgettext

    return "+".join(
        pgettext("provenance", _PROVENANCE_LABELS[f]) if f in _PROVENANCE_LABELS else f
        for f in str(flags).split("+")
    )


_WEIGHT_SET_LABELS = {
    "equal": NP_("weight set", "equal weights"),
    "proposal": NP_("weight set", "proposal"),
    "geometric": NP_("weight set", "doubling"),
    "vi_double": NP_("weight set", "very important doubled"),
    "drop_nsi": NP_("weight set", "without not so important"),
    "vi_only": NP_("weight set", "very important only"),
}


def weight_set_label(name: str) -> str:
    """Return a named weight set's display name in the current language.

    Examples
    --------
    >>> weight_set_label("drop_nsi")
    'without not so important'
    """
    from .i18n import pgettext

    label = _WEIGHT_SET_LABELS.get(name)
    return pgettext("weight set", label) if label else name
