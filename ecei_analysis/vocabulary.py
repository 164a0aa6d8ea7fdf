"""Shared names: significance classes, provenance flags and tie rules."""

from __future__ import annotations

__all__ = [
    "CLASSES",
    "CLASS_LABELS",
    "CLASS_SHORT",
    "PROVENANCE",
    "TIE_RULES",
]

#: The three significance classes asked for at the 2015 brainstorm, most important
#: first.
CLASSES: tuple[str, ...] = ("very_important", "important", "not_so_important")

#: Labels for tables and figures.
CLASS_LABELS: dict[str, str] = {
    "very_important": "very important",
    "important": "important",
    "not_so_important": "not so important",
}

#: Short symbols used in sentences and axis labels (w_VI, w_I, w_NSI).
CLASS_SHORT: dict[str, str] = {
    "very_important": "VI",
    "important": "I",
    "not_so_important": "NSI",
}

#: Allowed values of every data file's ``provenance`` column.
PROVENANCE: tuple[str, ...] = ("published", "assumed", "synthetic")

#: Tie rules accepted by :func:`ecei_analysis.rank_clusters`.
TIE_RULES: tuple[str, ...] = ("dense", "min", "average")
