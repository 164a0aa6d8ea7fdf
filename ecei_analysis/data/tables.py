"""Read the CSV and Excel files analysts send into plain string tables.

Handles what Russian analysts actually send: UTF-8 with or without BOM, cp1251,
``,``/``;``/tab separators, decimal commas, stray whitespace and ``.xlsx`` workbooks.
Nothing is converted here except to text: numbers are parsed by
:func:`parse_number`, which names the cell it cannot read.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..core.errors import EceiDataError
from ..core.numbers import parse_number

__all__ = ["Table", "excel_text", "find_data_file", "read_table"]

_SEPARATORS = (",", ";", "\t")
_EXCEL_SUFFIXES = (".xlsx", ".xlsm")
# Characters that never occur in a text table but do in binary files.
_BINARY_MARKERS = ("\x00",)


@dataclass(frozen=True)
class Table:
    """A table of text cells with the place each row came from.

    Attributes
    ----------
    frame
        One column per header name (lower-cased, stripped), all cells ``str``.
    rows
        For each frame row, the row number a person sees in an editor (header = 1).
    file
        The file the table was read from.
    sheet
        The worksheet name for Excel files, else ``None``.
    column_labels
        Optional per-row map from logical to displayed column names.
    """

    frame: pd.DataFrame
    rows: tuple[int, ...]
    file: str
    sheet: str | None = None
    column_labels: tuple[dict[str, str], ...] | None = None

    def error(
        self, message: str, *, index: int | None = None, column: str | None = None
    ) -> EceiDataError:
        """Return an :class:`EceiDataError` located at frame row ``index``.

        For tables rebuilt from a wide sheet, ``column_labels`` maps a logical
        column (``points``) to the sheet column a person sees (``kaluga (F)``).
        """
        row = None if index is None else self.rows[index]
        if index is not None and self.column_labels is not None and column:
            column = self.column_labels[index].get(column, column)
        return EceiDataError(
            message, file=self.file, row=row, column=column, sheet=self.sheet
        )

    def require_columns(self, required: tuple[str, ...]) -> None:
        """Raise unless every name in ``required`` is a column."""
        missing = [c for c in required if c not in self.frame.columns]
        if missing:
            found = ", ".join(map(repr, self.frame.columns)) or "none"
            raise EceiDataError(
                f"missing column(s) {', '.join(map(repr, missing))} in the header "
                f"row (row 1); expected columns {', '.join(required)}; found {found}",
                file=self.file,
                row=1,
                sheet=self.sheet,
            )

    def require_non_empty(self) -> None:
        """Raise when the table has a header but no data rows."""
        if self.frame.empty:
            raise self.error("the table has a header row but no data rows")

    def cell(self, index: int, column: str, *, required: bool = True) -> str:
        """Return one stripped cell; raise if it is empty and ``required``."""
        value = self.frame.iat[index, self.frame.columns.get_loc(column)]
        if required and value == "":
            raise self.error(
                "empty cell; a value is required", index=index, column=column
            )
        return value

    def number(
        self,
        index: int,
        column: str,
        *,
        low: float | None = None,
        high: float | None = None,
    ) -> float:
        """Parse one cell as a finite number within ``[low, high]``."""
        text = self.cell(index, column)
        try:
            value = parse_number(text)
        except ValueError as exc:
            raise self.error(str(exc), index=index, column=column) from None
        if (low is not None and value < low) or (high is not None and value > high):
            bounds = f"[{_fmt(low)}, {_fmt(high)}]"
            raise self.error(
                f"value {text!r} is outside the allowed range {bounds}",
                index=index,
                column=column,
            )
        return value


def _fmt(bound: float | None) -> str:
    return "-inf" if bound is None else f"{bound:g}"


_SUFFIXES = (".csv", ".xlsx", ".xls")


def find_data_file(data_dir: str | Path, stem: str) -> Path:
    """Return ``data_dir/stem.csv`` or ``data_dir/stem.xlsx``, whichever exists.

    Raises
    ------
    EceiDataError
        When neither or both exist (ambiguous input is never guessed at).
    """
    data_dir = Path(data_dir)
    found = [
        data_dir / f"{stem}{s}"
        for s in _SUFFIXES
        if (data_dir / f"{stem}{s}").is_file()
    ]
    if not found:
        raise EceiDataError(
            f"no {stem}.csv or {stem}.xlsx in the data folder", file=data_dir
        )
    if len(found) > 1:
        raise EceiDataError(
            f"both {' and '.join(p.name for p in found)} are present; keep one",
            file=data_dir,
        )
    return found[0]


def read_table(path: str | Path, *, sheet: str | None = None) -> Table:
    """Read a CSV or Excel file into a :class:`Table` of stripped text cells.

    Parameters
    ----------
    path
        A ``.csv``/``.txt``/``.tsv`` or ``.xlsx`` file.
    sheet
        For Excel: the worksheet to read. ``None`` takes the only sheet, or the
        sheet named like the file stem (``assessments``), or else the first sheet.

    Returns
    -------
    Table

    Raises
    ------
    EceiDataError
        For a missing, empty, binary, truncated or ragged file, an unreadable
        encoding, a blank or duplicated header, or an Excel formula cell.
    """
    path = Path(path)
    if not path.is_file():
        raise EceiDataError("file not found (expected a CSV or .xlsx file)", file=path)
    if path.suffix.lower() in _EXCEL_SUFFIXES:
        return _read_excel(path, sheet)
    if path.suffix.lower() == ".xls":
        raise EceiDataError(
            "old binary Excel (.xls) is not supported; save as .xlsx or CSV", file=path
        )
    return _read_csv(path)


def _decode(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise EceiDataError(
            "UTF-16 encoding is not supported; save the file as CSV UTF-8 (or cp1251)",
            file=path,
        )
    if any(marker.encode() in data for marker in _BINARY_MARKERS):
        raise EceiDataError(
            "binary content (NUL bytes); expected a text CSV or an .xlsx file",
            file=path,
        )
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        bad = [ch for ch in text if ord(ch) < 32 and ch not in "\t\r\n"]
        if bad:
            raise EceiDataError(
                f"control character {bad[0]!r} found; expected a text CSV", file=path
            )
        return text
    raise EceiDataError(
        "cannot decode as UTF-8 or cp1251", file=path
    )  # pragma: no cover


def _sniff_separator(path: Path, header: str) -> str:
    counts = {sep: header.count(sep) for sep in _SEPARATORS}
    best = max(counts, key=lambda sep: counts[sep])
    if counts[best] == 0:
        return ","  # a one-column file
    return best


def _read_csv(path: Path) -> Table:
    text = _decode(path, path.read_bytes())
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise EceiDataError("the file is empty; expected a header row", file=path)
    header_line = next(line for line in lines if line.strip())
    sep = _sniff_separator(path, header_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    records: list[tuple[int, list[str]]] = []
    try:
        for record in reader:
            records.append((reader.line_num, record))
    except csv.Error as exc:
        raise EceiDataError(
            f"malformed CSV ({exc}); the file may be truncated",
            file=path,
            row=reader.line_num,
        ) from None
    records = [(n, r) for n, r in records if any(cell.strip() for cell in r)]
    header_row, header = records[0]
    header = _normalise_header(path, header, header_row, None)
    rows: list[int] = []
    cells: list[list[str]] = []
    for line_no, record in records[1:]:
        if len(record) != len(header):
            raise EceiDataError(
                f"{len(record)} field(s) where the header has {len(header)} "
                f"(separator {sep!r}); the row may be truncated or have a stray "
                "separator",
                file=path,
                row=line_no,
            )
        rows.append(line_no)
        cells.append([cell.strip() for cell in record])
    frame = pd.DataFrame(cells, columns=header, dtype=object)
    return Table(frame=frame, rows=tuple(rows), file=str(path))


def _normalise_header(
    path: Path, header: list, row: int, sheet: str | None
) -> list[str]:
    names = [
        ("" if h is None else str(h)).strip().lstrip("\ufeff").lower() for h in header
    ]
    # Trailing blank header cells (Excel often has them) are only allowed when empty.
    for position, name in enumerate(names):
        if name == "":
            raise EceiDataError(
                f"blank column name in header position {position + 1}; expected a "
                "header row with a name for every column (merged or title rows "
                "above the header are not supported)",
                file=path,
                row=row,
                sheet=sheet,
            )
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise EceiDataError(
                f"column {name!r} appears twice in the header",
                file=path,
                row=row,
                sheet=sheet,
            )
        seen.add(name)
    return names


def excel_text(value: object) -> str:
    """Return an Excel cell value as stripped text (whole floats without ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_excel(path: Path, sheet: str | None) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=False, data_only=False)
    except Exception as exc:  # openpyxl raises many types for corrupt files
        raise EceiDataError(
            f"cannot open as an Excel workbook ({type(exc).__name__}); expected a "
            "valid .xlsx file",
            file=path,
        ) from None
    names = workbook.sheetnames
    if sheet is None:
        stem = path.stem.lower()
        sheet = next((n for n in names if n.lower() == stem), names[0])
    elif sheet not in names:
        raise EceiDataError(
            f"no worksheet {sheet!r}; the workbook has {', '.join(map(repr, names))}",
            file=path,
        )
    ws = workbook[sheet]
    merged = [str(rng) for rng in ws.merged_cells.ranges if rng.min_row == 1]
    all_rows = list(ws.iter_rows())
    if not all_rows:
        raise EceiDataError(
            "the worksheet is empty; expected a header row", file=path, sheet=sheet
        )
    if merged:
        raise EceiDataError(
            f"merged cells {', '.join(merged)} in the header row; expected one plain "
            "header row with a name per column",
            file=path,
            row=1,
            sheet=sheet,
        )
    header_cells = [c.value for c in all_rows[0]]
    while header_cells and (
        header_cells[-1] is None or str(header_cells[-1]).strip() == ""
    ):
        header_cells.pop()
    header = _normalise_header(path, header_cells, 1, sheet)
    width = len(header)
    rows: list[int] = []
    cells: list[list[str]] = []
    for excel_row in all_rows[1:]:
        values = [c.value for c in excel_row[:width]]
        values += [None] * (width - len(values))
        extra = [c for c in excel_row[width:] if c.value not in (None, "")]
        if all(v is None or str(v).strip() == "" for v in values) and not extra:
            continue
        if extra:
            raise EceiDataError(
                "value outside the header's columns; expected every value under a "
                "named column",
                file=path,
                row=excel_row[0].row,
                column=extra[0].coordinate,
                sheet=sheet,
            )
        for column, value in zip(header, values, strict=True):
            if isinstance(value, str) and value.startswith("="):
                raise EceiDataError(
                    f"formula {value!r}; expected a plain value (paste values "
                    "instead of formulas)",
                    file=path,
                    row=excel_row[0].row,
                    column=column,
                    sheet=sheet,
                )
        rows.append(excel_row[0].row)
        cells.append([excel_text(v) for v in values])
    frame = pd.DataFrame(cells, columns=header, dtype=object)
    return Table(frame=frame, rows=tuple(rows), file=str(path), sheet=sheet)
