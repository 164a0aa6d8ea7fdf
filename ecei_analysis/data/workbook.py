"""Writing the package's Excel workbooks: text cells, headers, input cells, lists.

Every workbook the package writes (the assessment template, the panels' voting
sheets) goes through these helpers, so data-derived text is always a text cell
(never a formula, whatever it starts with) and the look is the same.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from ..core.errors import EceiDataError
from ..core.files import write_owned_file
from ..core.i18n import check_language, pgettext, use_language

__all__ = [
    "HEADER_FILL",
    "INPUT_FILL",
    "add_list_validation",
    "add_number_validation",
    "new_workbook",
    "put",
    "save_workbook",
    "sheet_reference",
    "write_header",
    "write_lines",
    "write_template_workbook",
]

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")


def new_workbook() -> Workbook:
    """Return an empty workbook (its default sheet removed)."""
    wb = Workbook()
    wb.remove(wb.active)
    return wb


def put(ws, row: int, column: int, value: object):
    """Write one cell: numbers as numbers, everything else as text (never a formula).

    Examples
    --------
    >>> wb = new_workbook(); ws = wb.create_sheet("s")
    >>> put(ws, 1, 1, "=HYPERLINK(1)").data_type
    's'
    """
    cell = ws.cell(row=row, column=column)
    if value is None or (isinstance(value, float) and value != value):
        return cell
    if isinstance(value, int | float) and not isinstance(value, bool):
        cell.value = value
    else:
        cell.value = str(value)
        cell.data_type = "s"
    return cell


def write_header(ws, names: Sequence[str], row: int = 1) -> None:
    """Write a bold, shaded header row."""
    for column, name in enumerate(names, start=1):
        cell = put(ws, row, column, name)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL


def write_lines(ws, lines: Iterable[str], width: int = 120) -> None:
    """Write one text line per row in column A (the first line bold)."""
    for row, line in enumerate(lines, start=1):
        cell = put(ws, row, 1, line)
        cell.alignment = Alignment(wrap_text=True)
        if row == 1:
            cell.font = Font(bold=True, size=13)
    ws.column_dimensions["A"].width = width


def add_list_validation(
    ws, cells: str, choices: Sequence[str], *, title: str, message: str
) -> None:
    """Restrict ``cells`` (e.g. ``"C2:C30"``) to ``choices`` (a drop-down)."""
    listed = ",".join(c.replace('"', "'") for c in choices)
    validation = DataValidation(
        type="list",
        formula1=f'"{listed}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=title,
        error=message,
        showInputMessage=True,
        promptTitle=title,
        prompt=message,
    )
    validation.add(cells)
    ws.add_data_validation(validation)


def add_number_validation(
    ws,
    cells: str,
    *,
    operator: str,
    low: str,
    high: str | None = None,
    error_title: str,
    prompt_title: str,
    message: str,
) -> None:
    """Restrict ``cells`` to decimal numbers, with a pop-up saying what fits.

    ``operator`` is ``between`` or ``greaterThanOrEqual``; the bounds are Excel
    formulas (``"0"``, ``"$E2"``).
    """
    validation = DataValidation(
        type="decimal",
        operator=operator,
        formula1=low,
        formula2=high,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=error_title,
        error=message,
        showInputMessage=True,
        promptTitle=prompt_title,
        prompt=message,
    )
    validation.add(cells)
    ws.add_data_validation(validation)


def sheet_reference(title: str) -> str:
    """``'sheet name'`` as a formula reference (quoted when needed)."""
    return quote_sheetname(title)


def column_range(first: int, last: int, rows: tuple[int, int]) -> str:
    """``"F2:X30"`` for 1-based columns and a row span."""
    return f"{get_column_letter(first)}{rows[0]}:{get_column_letter(last)}{rows[1]}"


def save_workbook(wb: Workbook, path: str | Path, *, command: str, force: bool) -> Path:
    """Save atomically; an existing file not written by ``command`` needs ``force``."""
    buffer = io.BytesIO()
    wb.save(buffer)
    return write_owned_file(path, buffer.getvalue(), command=command, force=force)


def write_template_workbook(
    path: str | Path,
    instructions: Callable[[], list[str]],
    sheets: Callable[[Workbook], None],
    *,
    what: str,
    command: str,
    language: str,
    force: bool,
) -> Path:
    """Write a workbook for people to fill: the frame every template shares.

    Checks the language and the ``.xlsx`` suffix, builds an instructions sheet
    and then ``sheets(wb)`` in the language, and saves atomically (an existing
    file that ``command`` did not write needs ``force``).

    Parameters
    ----------
    path
        Output ``.xlsx``.
    instructions
        Returns the instruction lines (called in the language).
    sheets
        Adds the workbook's other sheets (called in the language).
    what
        The workbook in words, for the suffix error ("the voting sheet").
    command, force
        See :func:`save_workbook`.
    language
        ``"en"`` or ``"ru"``.
    """
    check_language(language)
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise EceiDataError(
            pgettext("error", "{what} must be written as .xlsx").format(what=what),
            file=path,
        )
    with use_language(language):
        wb = new_workbook()
        write_lines(
            wb.create_sheet(pgettext("template sheet", "instructions")), instructions()
        )
        sheets(wb)
    return save_workbook(wb, path, command=command, force=force)
