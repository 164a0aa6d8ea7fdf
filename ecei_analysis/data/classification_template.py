"""The classification voting sheet: every expert sorts the indicators into classes.

Layout (every label in the language chosen; read back in any language by
:func:`~ecei_analysis.data.classification_votes.load_classification_panel`):

* ``instructions``: how to vote (and how to abstain);
* ``classification votes``: one row per indicator (code, name, what it
  measures) and one column per expert, each input cell a drop-down of the three
  class names.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ..core.errors import EceiDataError
from ..core.i18n import pgettext
from ..core.vocabulary import CLASSES, class_label
from .study import Study
from .workbook import (
    INPUT_FILL,
    add_list_validation,
    column_range,
    put,
    write_header,
    write_template_workbook,
)

__all__ = ["write_classification_template"]


def _instructions() -> list[str]:
    sheet = pgettext("template sheet", "classification votes")
    classes = ", ".join(class_label(c) for c in CLASSES)
    return [
        pgettext("template", "ECEI indicators by significance: the experts' sheet"),
        "",
        pgettext(
            "template",
            "Sheet '{sheet}': one row per indicator, one column per expert. Put "
            "your name at the top of a column and give every indicator a class: "
            "{classes}.",
        ).format(sheet=sheet, classes=classes),
        pgettext(
            "template",
            "Leave a cell blank to abstain on an indicator; abstentions are "
            "reported, never filled in for you.",
        ),
        pgettext(
            "template",
            "Do not change the codes. Then: ecei validate votes.xlsx, and ecei "
            "report -p classification_panel=votes.xlsx.",
        ),
    ]


def write_classification_template(
    path: str | Path,
    indicators: pd.DataFrame,
    *,
    experts: int | Sequence[str] = 8,
    language: str = "en",
    force: bool = False,
) -> Path:
    """Write the experts' classification voting sheet (``.xlsx``).

    Parameters
    ----------
    path
        Output ``.xlsx``.
    indicators
        The framework (code index; ``name``, and ``category_name`` or
        ``category`` for "what it measures").
    experts
        How many expert columns to prepare (headed "expert 1", ...), or the
        experts' names.
    language
        ``"en"`` or ``"ru"``: every label, the class names of the drop-downs.
    force
        Replace an existing workbook that this command did not write.

    Returns
    -------
    pathlib.Path
    """
    if isinstance(experts, int) and not isinstance(experts, bool):
        if not 1 <= experts <= 200:
            raise EceiDataError(
                pgettext(
                    "error", "experts must be from 1 to 200, got {experts}"
                ).format(experts=experts)
            )
        names = None
    else:
        names = [str(e).strip() for e in experts]
        if not names or any(not n for n in names) or len(set(names)) != len(names):
            raise EceiDataError(
                pgettext("error", "expert names must be distinct and not empty")
            )
    return write_template_workbook(
        path,
        _instructions,
        lambda wb: _votes_sheet(wb, indicators, names or experts),
        what=pgettext("workbook", "the voting sheet"),
        command="template --classification-panel",
        language=language,
        force=force,
    )


def _votes_sheet(wb, indicators: pd.DataFrame, experts: int | list[str]) -> None:
    """Add the votes sheet: one row per indicator, one column per expert."""
    if isinstance(experts, int):
        experts = [
            pgettext("template", "expert {n}").format(n=k)
            for k in range(1, experts + 1)
        ]
    sheet = wb.create_sheet(pgettext("template sheet", "classification votes"))
    fixed = [
        pgettext("template column", "code"),
        pgettext("template column", "name"),
        pgettext("template column", "what it measures"),
    ]
    write_header(sheet, [*fixed, *experts])
    what = Study.localised(indicators, "category_name")
    if what is None:
        what = indicators.get("category", pd.Series("", index=indicators.index))
    titles = Study.localised(indicators, "name")
    for row, code in enumerate(indicators.index, start=2):
        put(sheet, row, 1, code)
        put(sheet, row, 2, titles[code])
        put(sheet, row, 3, what[code])
    last = len(indicators) + 1
    first_expert = len(fixed) + 1
    cells = column_range(first_expert, len(fixed) + len(experts), (2, last))
    add_list_validation(
        sheet,
        cells,
        [class_label(c) for c in CLASSES],
        title=pgettext("template", "Significance class"),
        message=pgettext(
            "template",
            "Choose very important, important or not so important (blank: abstain).",
        ),
    )
    for row in sheet.iter_rows(min_row=2, max_row=last, min_col=first_expert):
        for cell in row:
            cell.fill = INPUT_FILL
    sheet.freeze_panes = sheet.cell(row=2, column=first_expert).coordinate
    sheet.column_dimensions["B"].width = 50
    sheet.column_dimensions["C"].width = 30
