"""The panel's voting sheet: an Excel workbook each participant fills in one row.

Layout (every label in the language chosen; read back in any language by
:func:`~ecei_analysis.data.panel_votes.load_panel`):

* ``instructions``: the three ways to vote, with an example of each;
* ``votes``: a ``participant`` column, a ``form`` column (a drop-down of
  weights, points, ranks), one column per significance class (numbers from 0
  only) and a ``comment`` column.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..core.errors import EceiDataError
from ..core.i18n import pgettext
from ..core.vocabulary import CLASSES, class_label
from .pairwise import SCALE
from .panel_votes import FORMS, POINTS_TOTAL, form_label, pair_header
from .workbook import (
    INPUT_FILL,
    add_list_validation,
    add_number_validation,
    column_range,
    write_header,
    write_template_workbook,
)

__all__ = ["write_panel_template"]


def _instructions(classes: Sequence[str]) -> list[str]:
    names = ", ".join(class_label(c) for c in classes)
    votes = pgettext("template sheet", "votes")
    return [
        pgettext("template", "ECEI significance classes: the panel's voting sheet"),
        "",
        pgettext(
            "template",
            "Sheet '{votes}': one row per participant. Write your name, choose how "
            "you vote in the '{form}' column, and fill in one number per class "
            "({classes}).",
        ).format(votes=votes, form=pgettext("template column", "form"), classes=names),
        pgettext(
            "template",
            "'{weights}': weights on any scale, e.g. 3, 2, 1 (only the proportions "
            "matter).",
        ).format(weights=form_label("weights")),
        pgettext(
            "template",
            "'{points}': split {total} points between the classes, e.g. 50, 30, 20.",
        ).format(points=form_label("points"), total=f"{POINTS_TOTAL:g}"),
        pgettext(
            "template",
            "'{ranks}': rank the classes, 1 = most important; equal classes share a "
            "rank, e.g. 1, 1, 2.",
        ).format(ranks=form_label("ranks")),
        pgettext(
            "template",
            "'{pairwise}': leave the class columns empty and compare the classes two "
            "at a time in the columns 'A / B': how many times A is more important "
            "than B on Saaty's scale (1 equal, 3 moderately, 5 strongly, 7 very "
            "strongly, 9 extremely more important; 1/3, 1/5, ... when B is the more "
            "important). The weights come from your judgements, with a consistency "
            "ratio that tells whether they hang together (above 0.10 the report "
            "asks you to review them).",
        ).format(pairwise=form_label("pairwise")),
        pgettext(
            "template",
            "Then: ecei report -p panel=votes.xlsx  (the briefing's panel section), "
            "or open notebook 05_panel.",
        ),
    ]


def write_panel_template(
    path: str | Path,
    *,
    classes: Sequence[str] = CLASSES,
    rows: int = 30,
    language: str = "en",
    force: bool = False,
) -> Path:
    """Write the panel's voting sheet (``.xlsx``).

    Parameters
    ----------
    path
        Output ``.xlsx``.
    classes
        The significance classes voted on (the study's).
    rows
        Participant rows prepared with input colours and checks.
    language
        ``"en"`` or ``"ru"``: every label, instruction and check message.
    force
        Replace an existing workbook that ``ecei template --panel`` did not
        write (a filled voting sheet, say). Without it such a file is refused.

    Returns
    -------
    pathlib.Path
    """
    classes = list(classes)
    unknown = [c for c in classes if c not in CLASSES]
    if unknown or len(classes) < 2:
        raise EceiDataError(
            pgettext(
                "error", "classes must be at least two of {names}, got {classes}"
            ).format(names=", ".join(CLASSES), classes=classes)
        )
    if isinstance(rows, bool) or not isinstance(rows, int) or not 1 <= rows <= 1000:
        raise EceiDataError(
            pgettext(
                "error", "rows must be a whole number from 1 to 1000, got {rows!r}"
            ).format(rows=rows)
        )
    return write_template_workbook(
        path,
        lambda: _instructions(classes),
        lambda wb: _votes_sheet(wb, classes, rows),
        what=pgettext("workbook", "the voting sheet"),
        command="template --panel",
        language=language,
        force=force,
    )


def _votes_sheet(wb, classes: list[str], rows: int) -> None:
    """Add the votes sheet: one row per participant, a column per class and pair."""
    from openpyxl.utils import get_column_letter

    sheet = wb.create_sheet(pgettext("template sheet", "votes"))
    pairs = [(a, b) for k, a in enumerate(classes) for b in classes[k + 1 :]]
    header = [
        pgettext("template column", "participant"),
        pgettext("template column", "form"),
        *(class_label(c) for c in classes),
        *(pair_header(a, b) for a, b in pairs),
        pgettext("template column", "comment"),
    ]
    write_header(sheet, header)
    last = rows + 1
    add_list_validation(
        sheet,
        f"B2:B{last}",
        [form_label(f) for f in FORMS],
        title=pgettext("template", "How you vote"),
        message=pgettext(
            "template",
            "Choose weights, points (100 split), ranks (1 = most important) or "
            "pairwise (compare the classes two at a time).",
        ),
    )
    first_class, first_pair = 3, 3 + len(classes)
    add_number_validation(
        sheet,
        column_range(first_class, first_pair - 1, (2, last)),
        operator="greaterThanOrEqual",
        low="0",
        error_title=pgettext("template", "Invalid number"),
        prompt_title=pgettext("template", "Vote"),
        message=pgettext("template", "Enter a number of 0 or more."),
    )
    add_list_validation(
        sheet,
        column_range(first_pair, first_pair + len(pairs) - 1, (2, last)),
        list(SCALE),
        title=pgettext("template", "How many times more important"),
        message=pgettext(
            "template",
            "How many times the first class is more important than the second: "
            "1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely; "
            "1/3 ... 1/9 the other way round.",
        ),
    )
    for row in sheet.iter_rows(min_row=2, max_row=last, max_col=len(header)):
        for cell in row:
            cell.fill = INPUT_FILL
    sheet.freeze_panes = "B2"
    widths = [28, 14, *(20 for _ in classes), *(30 for _ in pairs), 40]
    for k, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(k)].width = width
