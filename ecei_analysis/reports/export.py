"""Write tables for people and programs: text, CSV, JSON, Markdown, LaTeX, Excel.

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
from pathlib import Path

import pandas as pd

from ..core.errors import EceiDataError
from ..core.escape import escape_latex, escape_markdown, neutralise_csv

__all__ = ["FORMATS", "export_format", "render_table"]

FORMATS = ("table", "csv", "json", "md", "tex", "xlsx")
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
                f"unknown format {fmt!r}; expected {', '.join(FORMATS)}"
            )
        return fmt
    if out is None:
        return "table"
    suffix = Path(out).suffix.lower()
    if suffix not in _SUFFIXES:
        raise EceiDataError(
            f"cannot tell the format from the suffix {suffix!r}; use one of "
            f"{', '.join(_SUFFIXES)} or --format",
            file=out,
        )
    return _SUFFIXES[suffix]


def _cell(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def render_table(
    frame: pd.DataFrame,
    fmt: str,
    *,
    header: str = "",
    raw_csv: bool = False,
) -> bytes:
    """Render ``frame`` (index included) in ``fmt``; return the bytes to write.

    ``header`` (e.g. the synthetic-data banner) heads the text, Markdown and
    LaTeX forms and the Excel sheet; CSV and JSON carry the provenance in their
    ``data`` column instead.
    """
    frame = frame.reset_index()
    if fmt == "csv":
        if not raw_csv:
            frame = frame.map(neutralise_csv)
        return frame.to_csv(
            index=False, lineterminator="\n", float_format="%.6g"
        ).encode()
    if fmt == "json":
        records = json.loads(frame.to_json(orient="records", force_ascii=False))
        return (json.dumps(records, indent=2, ensure_ascii=False) + "\n").encode()
    if fmt == "table":
        body = frame.set_index(frame.columns[0]).to_string(float_format="%.6g")
        return (header + body + "\n").encode()
    if fmt == "md":
        cols = [escape_markdown(str(c)) for c in frame.columns]
        lines = [f"<!-- {escape_markdown(h)} -->" for h in header.splitlines() if h]
        lines += ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
        for row in frame.itertuples(index=False, name=None):
            lines.append(
                "| " + " | ".join(escape_markdown(_cell(v)) for v in row) + " |"
            )
        return ("\n".join(lines) + "\n").encode()
    if fmt == "tex":
        lines = [f"% {escape_latex(h)}" for h in header.splitlines() if h]
        lines += [
            r"\begin{tabular}{" + "l" * len(frame.columns) + "}",
            " & ".join(escape_latex(str(c)) for c in frame.columns) + r" \\",
            r"\hline",
        ]
        for row in frame.itertuples(index=False, name=None):
            lines.append(" & ".join(escape_latex(_cell(v)) for v in row) + r" \\")
        lines.append(r"\end{tabular}")
        return ("\n".join(lines) + "\n").encode()
    if fmt == "xlsx":
        return _xlsx(frame, header)
    raise EceiDataError(f"unknown format {fmt!r}; expected {', '.join(FORMATS)}")


def _xlsx(frame: pd.DataFrame, header: str) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "ranking"
    rows = [[line] for line in header.splitlines() if line]
    rows.append([str(c) for c in frame.columns])
    rows += [list(r) for r in frame.itertuples(index=False, name=None)]
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            if (
                value is None
                or value is pd.NA
                or (isinstance(value, float) and value != value)
            ):
                continue
            cell = ws.cell(row=r, column=c)
            if isinstance(value, numbers.Real) and not isinstance(value, bool):
                cell.value = float(value)
            else:
                cell.value = str(value)
                cell.data_type = "s"  # text, never a formula
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
