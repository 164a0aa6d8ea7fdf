"""Write tables for people and programs: text, CSV, JSON, Markdown, LaTeX, Excel.

CSV and JSON are for programs: raw columns, ids, full precision. Text,
Markdown, LaTeX and Excel are for people: titled columns, names, numbers as the
briefing rounds them, "—" for missing, and the banner and weights as visible
text above the table.

Data-derived text is neutralised for the format it lands in:

* CSV: a cell starting with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage
  return) is prefixed with ``'`` so that a spreadsheet shows it as text instead
  of running it as a formula (OWASP "CSV injection"). ``raw_csv=True`` keeps the
  raw value. Numbers are never changed.
* Excel: every text cell is written as text (never a formula).
* Markdown: ``|``, backslashes, and Markdown and HTML syntax are escaped.
* LaTeX: the special characters are escaped.
"""

from __future__ import annotations

import io
import json
import numbers
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ..core.errors import EceiDataError
from ..core.escape import escape_latex, escape_markdown, neutralise_csv
from ..core.i18n import pgettext
from .formatting import format_cell

__all__ = ["FORMATS", "MACHINE_FORMATS", "export_format", "render_table"]

FORMATS = ("table", "csv", "json", "md", "tex", "xlsx")
#: Formats for programs (raw columns); the others are for people.
MACHINE_FORMATS = ("csv", "json")
_SUFFIXES = {
    ".csv": "csv",
    ".json": "json",
    ".md": "md",
    ".tex": "tex",
    ".xlsx": "xlsx",
    ".txt": "table",
}


def export_format(fmt: str | None, out: Path | None) -> str:
    """Return the output format: ``fmt``, else ``out``'s suffix, else table."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise EceiDataError(
                pgettext("error", "unknown format {fmt!r}; expected {names}").format(
                    fmt=fmt, names=", ".join(FORMATS)
                )
            )
        return fmt
    if out is None:
        return "table"
    suffix = Path(out).suffix.lower()
    if suffix not in _SUFFIXES:
        raise EceiDataError(
            pgettext(
                "error",
                "cannot tell the format from the suffix {suffix!r}; use one of "
                "{names} or --format",
            ).format(suffix=suffix, names=", ".join(_SUFFIXES)),
            file=out,
        )
    return _SUFFIXES[suffix]


def _is_missing(value: object) -> bool:
    return (
        value is None or value is pd.NA or (isinstance(value, float) and value != value)
    )


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def render_table(
    frame: pd.DataFrame,
    fmt: str,
    *,
    header: Sequence[str] = (),
    raw_csv: bool = False,
    digits: int = 1,
    sheet: str = "ranking",
) -> bytes:
    """Render ``frame`` in ``fmt``; return the bytes to write.

    Parameters
    ----------
    frame
        For the machine formats (``csv``, ``json``) the raw table, index
        included, every number at full precision. For the reader formats
        (``table``, ``md``, ``tex``, ``xlsx``) a table for people, as the
        builders in :mod:`~ecei_analysis.reports.tables` return it: titled
        columns in the language, names instead of ids.
    fmt
        One of :data:`FORMATS`.
    header
        Lines shown above a reader table as visible text (the synthetic-data
        banner, the weights, the place basis); the machine formats carry the
        provenance in a ``data`` column instead.
    raw_csv
        Keep a leading ``=``, ``+``, ``-`` or ``@`` in CSV cells.
    digits
        Decimals of non-integer numbers in a reader table (text, Markdown and
        LaTeX show them as :func:`~ecei_analysis.reports.formatting.format_cell`
        writes them: "—" for missing; Excel keeps the numbers and sets the
        number format).
    sheet
        Name of the Excel sheet.
    """
    if fmt == "csv":
        frame = frame.reset_index()
        if not raw_csv:
            frame = frame.map(neutralise_csv)
        return frame.to_csv(
            index=False, lineterminator="\n", float_format="%.6g"
        ).encode()
    if fmt == "json":
        frame = frame.reset_index()
        records = json.loads(frame.to_json(orient="records", force_ascii=False))
        return (json.dumps(records, indent=2, ensure_ascii=False) + "\n").encode()
    if fmt == "xlsx":
        return _xlsx(frame, list(header), digits=digits, sheet=sheet)
    if fmt not in _READER_WRITERS:
        raise EceiDataError(
            pgettext("error", "unknown format {fmt!r}; expected {names}").format(
                fmt=fmt, names=", ".join(FORMATS)
            )
        )
    columns = [str(c) for c in frame.columns]
    numeric = [_numeric_column(frame[c]) for c in frame.columns]
    rows = [
        [format_cell(v, digits=digits) for v in row]
        for row in frame.itertuples(index=False, name=None)
    ]
    text = _READER_WRITERS[fmt](list(header), columns, numeric, rows)
    return text.encode()


def _numeric_column(column: pd.Series) -> bool:
    values = [v for v in column if not _is_missing(v)]
    return bool(values) and all(_is_number(v) for v in values)


def _text_table(
    header: list[str], columns: list[str], numeric: list[bool], rows: list[list[str]]
) -> str:
    widths = [
        max(len(c), *(len(r[i]) for r in rows)) if rows else len(c)
        for i, c in enumerate(columns)
    ]

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.rjust(w) if right else cell.ljust(w)
            for cell, w, right in zip(cells, widths, numeric, strict=True)
        ).rstrip()

    body = [line(columns), "  ".join("─" * w for w in widths)]
    body += [line(r) for r in rows]
    lead = [*header, ""] if header else []
    return "\n".join(lead + body) + "\n"


def _markdown_table(
    header: list[str], columns: list[str], numeric: list[bool], rows: list[list[str]]
) -> str:
    lead = []
    for h in header:  # visible paragraphs: a comment would vanish when rendered
        lead += [escape_markdown(h), ""]
    rule = "|" + "".join("---:|" if right else "---|" for right in numeric)
    lines = ["| " + " | ".join(escape_markdown(c) for c in columns) + " |", rule]
    lines += ["| " + " | ".join(escape_markdown(v) for v in r) + " |" for r in rows]
    return "\n".join(lead + lines) + "\n"


def _latex_table(
    header: list[str], columns: list[str], numeric: list[bool], rows: list[list[str]]
) -> str:
    lead = [escape_latex(h) + r"\par" for h in header]
    lines = [
        r"\begin{tabular}{" + "".join("r" if n else "l" for n in numeric) + "}",
        " & ".join(escape_latex(c) for c in columns) + r" \\",
        r"\hline",
    ]
    lines += [" & ".join(escape_latex(v) for v in r) + r" \\" for r in rows]
    lines.append(r"\end{tabular}")
    return "\n".join(lead + lines) + "\n"


_READER_WRITERS = {"table": _text_table, "md": _markdown_table, "tex": _latex_table}


def _number_format(column: pd.Series, digits: int) -> str:
    values = [float(v) for v in column if not _is_missing(v)]
    if all(v.is_integer() for v in values):
        return "0"
    return "0." + "0" * digits


def _xlsx(frame: pd.DataFrame, header: list[str], *, digits: int, sheet: str) -> bytes:
    """Write a sheet ready to read: header lines in cells, bold frozen titles.

    Numbers stay numbers (sortable, summable) with a number format; missing
    values stay empty cells; text is written as text, never as a formula.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    for r, line in enumerate(header, start=1):
        _text_cell(ws, r, 1, line)
    titles_row = len(header) + 1 + (1 if header else 0)
    widths = []
    for c, name in enumerate(frame.columns, start=1):
        cell = _text_cell(ws, titles_row, c, str(name))
        cell.font = Font(bold=True)
        column = frame[name]
        numeric = _numeric_column(column)
        fmt = _number_format(column, digits) if numeric else None
        width = len(str(name))
        for r, value in enumerate(column, start=titles_row + 1):
            if _is_missing(value):
                continue
            if numeric:
                cell = ws.cell(row=r, column=c, value=float(value))
                cell.number_format = fmt
                width = max(width, len(format_cell(value, digits=digits)))
            else:
                _text_cell(ws, r, c, str(value))
                width = max(width, len(str(value)))
        widths.append(width)
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = min(width, 60) + 2
    ws.freeze_panes = ws.cell(row=titles_row + 1, column=1)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _text_cell(ws, row: int, column: int, text: str):
    cell = ws.cell(row=row, column=column)
    cell.value = text
    cell.data_type = "s"  # text, never a formula
    return cell
