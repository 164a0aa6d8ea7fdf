"""Read the CSV and Excel files analysts send into plain text tables.

Handles what Russian analysts actually send: UTF-8 with or without BOM, cp1251,
``,``/``;``/tab separators, decimal commas, stray whitespace and ``.xlsx``
workbooks. Nothing is converted here except to text; numbers are parsed later by
:func:`~ecei_analysis.core.numbers.parse_number`, with the decimal convention the
file settles, and every problem names the cell.

Encoding, decided per file:

* UTF-8 when the file is valid UTF-8 (with or without a BOM);
* cp1251 when it is not, and shows no sign of being UTF-8: in real cp1251 text a
  Cyrillic letter is followed by another letter, so the bytes rarely form a valid
  multi-byte UTF-8 sequence; a file is taken as cp1251 when such sequences are
  fewer than its invalid bytes;
* otherwise (mostly valid UTF-8 with a few invalid bytes: a UTF-8 file damaged by
  a stray byte) an error names the first offending line and byte, instead of
  decoding the whole file as cp1251 into mojibake.

Excel workbooks are read in read-only mode over the cells actually present (an
inflated used range such as ``A1:XFD1048576`` costs nothing). Hidden and very
hidden sheets are skipped; formulas, array formulas and error values are refused
with the cell named.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..core.errors import EceiDataError, short_repr
from ..core.i18n import NP_, pgettext
from ..core.numbers import AmbiguousNumber, decimal_convention, parse_number
from .problems import REPORTED, AlreadyReported, problem_guard

__all__ = [
    "EXCEL_ERRORS",
    "MAX_CELL",
    "FirstRows",
    "Table",
    "cell_text",
    "check_provenance",
    "excel_text",
    "find_data_file",
    "keyed_headers",
    "merged_ranges",
    "open_workbook",
    "plain_texts",
    "read_keyed_sheet",
    "read_table",
    "sheet_grid",
    "usable_path",
    "visible_sheet",
]

_SEPARATORS = (",", ";", "\t")
_EXCEL_SUFFIXES = (".xlsx", ".xlsm")
_SUFFIXES = (".csv", ".xlsx", ".xls")
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
#: Excel's error values (a cell of type "e").
EXCEL_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")
#: Longest cell accepted (characters); longer ones are refused, not truncated.
MAX_CELL = 10_000


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
    decimal
        The decimal mark the file settles (``"."`` or ``","``), or ``None``.
    headers
        The header texts as typed (stripped, case kept), in column order; the
        frame's column names are their lower-case forms.
    """

    frame: pd.DataFrame
    rows: tuple[int, ...]
    file: str
    sheet: str | None = None
    column_labels: tuple[dict[str, str], ...] | None = None
    decimal: str | None = None
    headers: tuple[str, ...] | None = None

    def typed_header(self, column: str) -> str:
        """Return a column's header as typed (case kept)."""
        if self.headers is None:
            return column
        return self.headers[list(self.frame.columns).index(column)]

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
                pgettext(
                    "error",
                    "missing column(s) {names} in the header row (row 1); expected "
                    "columns {names2}; found {found}",
                ).format(
                    names=", ".join(map(repr, missing)),
                    names2=", ".join(required),
                    found=found,
                ),
                file=self.file,
                row=1,
                sheet=self.sheet,
            )

    def require_non_empty(self) -> None:
        """Raise when the table has a header but no data rows."""
        if self.frame.empty:
            raise self.error(
                pgettext("error", "the table has a header row but no data rows")
            )

    def cell(self, index: int, column: str, *, required: bool = True) -> str:
        """Return one stripped cell; raise if it is empty and ``required``."""
        value = self.frame.iat[index, self.frame.columns.get_loc(column)]
        if value == REPORTED:
            raise AlreadyReported("reported already")
        if required and value == "":
            raise self.error(
                pgettext("error", "empty cell; a value is required"),
                index=index,
                column=column,
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
            value = parse_number(text, decimal=self.decimal)
        except AmbiguousNumber as exc:
            raise self.error(str(exc), index=index, column=column) from None
        except ValueError as exc:
            raise self.error(str(exc), index=index, column=column) from None
        if (low is not None and value < low) or (high is not None and value > high):
            bounds = f"[{_fmt(low, '-inf')}, {_fmt(high, 'inf')}]"
            raise self.error(
                pgettext(
                    "error", "value {text} is outside the allowed range {bounds}"
                ).format(text=short_repr(text), bounds=bounds),
                index=index,
                column=column,
            )
        return value


class FirstRows:
    """Refuse a value met before in a column, naming the row it was first met in.

    One check for every "one row per ..." rule (cluster ids, indicator codes,
    participants, an indicator's row in the experts' sheet).

    Parameters
    ----------
    table, column
        Where the values are (the error is located at the repeated cell).
    message
        The problem, with ``{value!r}`` and ``{row}`` (the first row).
    **details
        Other values the message names.

    Examples
    --------
    >>> import pandas as pd
    >>> table = Table(pd.DataFrame({"id": ["a", "b", "a"]}), (2, 3, 4), "t.csv")
    >>> seen = FirstRows(table, "id", "{value!r} again ({row})")
    >>> seen.add(0, "a"); seen.add(1, "b"); seen.add(2, "a")
    Traceback (most recent call last):
    ...
    ecei_analysis.core.errors.EceiDataError: t.csv, row 4, column 'id': 'a' again (2)
    """

    def __init__(self, table: Table, column: str, message: str, **details) -> None:
        self.table, self.column, self.message = table, column, message
        self.details = details
        self.rows: dict[object, int] = {}

    def add(self, index: int, value: object) -> None:
        """Record ``value`` at frame row ``index``; raise if it was met before."""
        if value in self.rows:
            raise self.table.error(
                self.message.format(value=value, row=self.rows[value], **self.details),
                index=index,
                column=self.column,
            )
        self.rows[value] = self.table.rows[index]


def check_provenance(table: Table, column: str = "provenance") -> str | None:
    """Check a provenance column cell by cell; return its flags joined by ``+``.

    ``None`` when the table has no such column. Each cell must be one of
    ``published``, ``assumed``, ``synthetic`` (a problem located at its cell).
    """
    from ..core.vocabulary import PROVENANCE

    if column not in table.frame.columns:
        return None
    for i, value in enumerate(table.frame[column]):
        with problem_guard:
            if value != REPORTED and value not in PROVENANCE:
                raise table.error(
                    pgettext(
                        "error", "provenance {value!r} is not one of {names}"
                    ).format(value=value, names=", ".join(PROVENANCE)),
                    index=i,
                    column=column,
                )
    return "+".join(sorted(set(table.frame[column]) - {REPORTED}))


def _fmt(bound: float | None, unbounded: str) -> str:
    return unbounded if bound is None else f"{bound:g}"


#: The kinds of path :func:`usable_path` checks, marked for translation.
_PATH_KINDS = {
    "file": NP_("path", "file"),
    "folder": NP_("path", "folder"),
    "file or folder": NP_("path", "file or folder"),
}


def usable_path(path: str | Path, what: str = "file") -> Path:
    """Return ``path`` if it exists; else raise saying what is wrong with it.

    Distinguishes a missing path, a broken or looping symbolic link and, for a
    ``what="file"``, a folder given where a file is expected.
    """
    kind = pgettext("path", _PATH_KINDS.get(what, what))
    if isinstance(path, bool) or not isinstance(path, str | os.PathLike):
        raise EceiDataError(
            pgettext("error", "expected a path to a {what}, got {name}").format(
                what=kind, name=type(path).__name__
            )
        )
    path = Path(path)
    if path.is_symlink():
        try:
            path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise EceiDataError(
                pgettext("error", "is a symbolic link that loops or points nowhere"),
                file=path,
            ) from None
    if not path.exists():
        raise EceiDataError(
            pgettext("error", "no such {what}").format(what=kind), file=path
        )
    if what == "file or folder":
        return path
    if what == "file" and path.is_dir():
        raise EceiDataError(
            pgettext("error", "is a folder; expected a CSV or .xlsx file"), file=path
        )
    if what == "folder" and not path.is_dir():
        raise EceiDataError(pgettext("error", "is not a folder"), file=path)
    return path


def find_data_file(data_dir: str | Path, stem: str) -> Path:
    """Return ``data_dir/stem.csv`` or ``data_dir/stem.xlsx``, whichever exists.

    Raises
    ------
    EceiDataError
        When neither or both exist (ambiguous input is never guessed at), or the
        one present is a broken link.
    """
    data_dir = Path(data_dir)
    present = [
        data_dir / f"{stem}{s}"
        for s in _SUFFIXES
        if os.path.lexists(data_dir / f"{stem}{s}")
    ]
    if not present:
        raise EceiDataError(
            pgettext("error", "no {stem}.csv or {stem}.xlsx in the data folder").format(
                stem=stem
            ),
            file=data_dir,
        )
    if len(present) > 1:
        raise EceiDataError(
            pgettext("error", "both {names} are present; keep one").format(
                names=" and ".join(p.name for p in present)
            ),
            file=data_dir,
        )
    return usable_path(present[0])


def read_table(path: str | Path, *, sheet: str | None = None) -> Table:
    """Read a CSV or Excel file into a :class:`Table` of stripped text cells.

    Parameters
    ----------
    path
        A ``.csv``/``.txt``/``.tsv`` or ``.xlsx`` file.
    sheet
        For Excel: the worksheet to read. ``None`` takes the visible sheet named
        like the file stem (``assessments``), else the only visible sheet, else
        the first visible one.

    Returns
    -------
    Table

    Raises
    ------
    EceiDataError
        For a missing, empty, binary, truncated or ragged file, a mixed or
        unreadable encoding, a blank or duplicated header, an Excel formula or
        error cell, or cells using both decimal conventions.
    """
    path = usable_path(path)
    if path.suffix.lower() in _EXCEL_SUFFIXES:
        return _read_excel(path, sheet)
    if path.suffix.lower() == ".xls":
        raise EceiDataError(
            pgettext(
                "error",
                "old binary Excel (.xls) is not supported; save as .xlsx or CSV",
            ),
            file=path,
        )
    return _read_csv(path)


def read_keyed_sheet(path: str | Path, key: str) -> Table:
    """Read a CSV, or the visible sheet of a workbook named ``key`` in any language.

    ``key`` is a sheet name marked in the ``"template sheet"`` catalog context
    (``votes``, ``classification votes``); a workbook without such a sheet is
    read like :func:`read_table` (its only or first visible sheet).
    """
    from ..core.i18n import every_translation

    path = usable_path(path)
    if path.suffix.lower() not in _EXCEL_SUFFIXES:
        return read_table(path)
    names = {n.casefold() for n in every_translation("template sheet", key)}
    wb = open_workbook(path)
    try:
        titles = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
    finally:
        wb.close()
    matching = [t for t in titles if t.casefold() in names]
    if len(matching) > 1:  # e.g. "votes" and "голоса": which one holds the votes?
        raise EceiDataError(
            pgettext(
                "error",
                "the sheets {sheets} both hold {key!r}; keep the votes on one sheet",
            ).format(sheets=" and ".join(map(repr, matching)), key=key),
            file=path,
        )
    return read_table(path, sheet=matching[0] if matching else None)


def keyed_headers(path: str | Path, key: str) -> list[str]:
    """Return the header row of the sheet :func:`read_keyed_sheet` would read.

    Only the first non-empty row is read, and no cell is checked: a file's kind
    (a panel's votes, the experts' sheet, a study) is told from its sheet and its
    headers before its cells are checked, so a bad cell is reported as a bad cell
    of that kind of file. An unreadable file has no headers (``[]``).
    """
    import csv

    from ..core.i18n import every_translation

    path = Path(path)
    try:
        if path.suffix.lower() not in _EXCEL_SUFFIXES:
            text = _decode(path, path.read_bytes())
            first = next((line for line in text.splitlines() if line.strip()), "")
            row = next(csv.reader([first], delimiter=_sniff_separator(first)), [])
            return [cell.strip().lstrip("\ufeff") for cell in row]
        names = {n.casefold() for n in every_translation("template sheet", key)}
        wb = open_workbook(path)
        try:
            visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
            chosen = next((ws for ws in visible if ws.title.casefold() in names), None)
            chosen = chosen or (visible[0] if visible else None)
            if chosen is None:
                return []
            for _number, cells in sheet_grid(chosen):
                texts = [str(v).strip() for v, _kind in cells if v is not None]
                if texts:
                    return texts
            return []
        finally:
            wb.close()
    except (EceiDataError, OSError, UnicodeDecodeError):
        return []


def _line_of(data: bytes, position: int) -> int:
    return data.count(b"\n", 0, position) + 1


def _decode(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise EceiDataError(
            pgettext(
                "error",
                "UTF-16 encoding is not supported; save the file as CSV UTF-8 (or "
                "cp1251)",
            ),
            file=path,
        )
    if b"\x00" in data:
        raise EceiDataError(
            pgettext(
                "error",
                "binary content (NUL bytes); expected a text CSV or an .xlsx file",
            ),
            file=path,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        invalid = len(data.decode("utf-8", errors="replace").split("\ufffd")) - 1
        valid = len(_UTF8_MULTIBYTE.findall(data))
        if valid >= invalid:
            raise EceiDataError(
                pgettext(
                    "error",
                    "mostly UTF-8, but byte 0x{data:02x} at byte offset {start} is "
                    "not valid UTF-8 (a damaged file, or two encodings mixed); save "
                    "the whole file as UTF-8",
                ).format(data=data[exc.start], start=exc.start),
                file=path,
                row=_line_of(data, exc.start),
            ) from None
        text = data.decode("cp1251", errors="strict")
    bad = [ch for ch in text if ord(ch) < 32 and ch not in "\t\r\n"]
    if bad:
        raise EceiDataError(
            pgettext(
                "error", "control character {bad!r} found; expected a text CSV"
            ).format(bad=bad[0]),
            file=path,
        )
    return text


def _sniff_separator(header: str) -> str:
    counts = {sep: header.count(sep) for sep in _SEPARATORS}
    best = max(counts, key=lambda sep: counts[sep])
    if counts[best] == 0:
        return ","  # a one-column file
    return best


def _settle_decimal(path: Path, cells, sep: str | None, sheet=None) -> str | None:
    try:
        found = decimal_convention(cells)
    except ValueError as exc:
        raise EceiDataError(str(exc), file=path, sheet=sheet) from None
    if found is not None:
        return found
    # Russian Excel writes ';'-separated CSV with decimal commas; a ','-separated
    # file cannot carry unquoted decimal commas.
    return {";": ",", ",": "."}.get(sep or "")


def _read_csv(path: Path) -> Table:
    data = path.read_bytes()
    text = _decode(path, data)
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise EceiDataError(
            pgettext("error", "the file is empty; expected a header row"), file=path
        )
    header_line = next(line for line in lines if line.strip())
    sep = _sniff_separator(header_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    records: list[tuple[int, list[str]]] = []
    try:
        for record in reader:
            records.append((reader.line_num, record))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            message = (
                f"a cell longer than {csv.field_size_limit():,} characters; expected "
                "short cells (is this a data file?)"
            )
        else:
            message = (
                f"malformed CSV ({exc}); the row may be cut short or a quote unclosed"
            )
        raise EceiDataError(message, file=path, row=reader.line_num + 1) from None
    records = [(n, r) for n, r in records if any(cell.strip() for cell in r)]
    header_row, header = records[0]
    typed = tuple(
        ("" if h is None else str(h)).strip().lstrip("\ufeff") for h in header
    )
    header = _normalise_header(path, header, header_row, None)
    rows: list[int] = []
    cells: list[list[str]] = []
    for line_no, record in records[1:]:
        if len(record) != len(header):
            raise EceiDataError(
                pgettext(
                    "error",
                    "{n} field(s) where the header has {n2} (separator {sep!r}); the "
                    "row may be truncated or have a stray separator",
                ).format(n=len(record), n2=len(header), sep=sep),
                file=path,
                row=line_no,
            )
        for column, cell in zip(header, record, strict=True):
            if len(cell) > MAX_CELL:
                raise EceiDataError(
                    pgettext(
                        "error",
                        "a cell of {n:,} characters; expected at most {MAX_CELL:,}",
                    ).format(n=len(cell), MAX_CELL=MAX_CELL),
                    file=path,
                    row=line_no,
                    column=column,
                )
        rows.append(line_no)
        cells.append([cell.strip() for cell in record])
    _refuse_invisible(path, None, header, rows, cells)
    frame = pd.DataFrame(cells, columns=header, dtype=object)
    decimal = _settle_decimal(path, (c for row in cells for c in row), sep)
    return Table(
        frame=frame, rows=tuple(rows), file=str(path), decimal=decimal, headers=typed
    )


def _refuse_invisible(
    path: Path,
    sheet: str | None,
    header: list[str],
    rows: list[int],
    cells: list[list],
) -> None:
    """Refuse invisible format characters (zero-width spaces, a BOM) in cells.

    A name holding U+200B or U+FEFF looks like another name (or like nothing)
    but is not equal to it, and breaks figures; such a cell is a problem at its
    place (the cell then stands as already reported).
    """
    for row_cells, number in zip(cells, rows, strict=True):
        for k, text in enumerate(row_cells):
            if not isinstance(text, str):
                continue
            hidden = [ch for ch in text if unicodedata.category(ch) == "Cf"]
            if not hidden:
                continue
            ch = hidden[0]
            row_cells[k] = REPORTED
            with problem_guard:
                raise EceiDataError(
                    pgettext(
                        "error",
                        "an invisible character U+{code:04X} ({name}) in the text; "
                        "delete it (it makes the text differ from what you see)",
                    ).format(code=ord(ch), name=unicodedata.name(ch, "format")),
                    file=path,
                    row=number,
                    column=header[k] if k < len(header) else None,
                    sheet=sheet,
                )


def _normalise_header(
    path: Path, header: list, row: int, sheet: str | None
) -> list[str]:
    names = [
        ("" if h is None else str(h)).strip().lstrip("\ufeff").lower() for h in header
    ]
    for position, name in enumerate(names):
        if name == "":
            raise EceiDataError(
                pgettext(
                    "error",
                    "blank column name in header position {value}; expected a header "
                    "row with a name for every column (merged or title rows above the "
                    "header are not supported)",
                ).format(value=position + 1),
                file=path,
                row=row,
                sheet=sheet,
            )
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise EceiDataError(
                pgettext("error", "column {name!r} appears twice in the header").format(
                    name=name
                ),
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


def open_workbook(path: Path):
    """Open a workbook read-only with formulas kept (not their cached values)."""
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for corrupt files
        raise EceiDataError(
            pgettext(
                "error",
                "cannot open as an Excel workbook ({name}); expected a valid .xlsx "
                "file",
            ).format(name=type(exc).__name__),
            file=path,
        ) from None


def visible_sheet(wb, path: Path, name: str | None, stem: str | None = None):
    """Return the visible worksheet ``name`` (or the best match for ``stem``).

    Hidden and very hidden sheets are never read; a matching sheet that is hidden
    is an error, so a stale hidden copy is never taken for the data.
    """
    sheets = list(wb.worksheets)
    visible = [ws for ws in sheets if ws.sheet_state == "visible"]
    wanted = name or stem
    if wanted is not None:
        for ws in sheets:
            if ws.title.lower() == wanted.lower():
                if ws.sheet_state != "visible":
                    raise EceiDataError(
                        pgettext(
                            "error",
                            "the sheet {title!r} is hidden; unhide it (or remove it) "
                            "so that what is read is what you see",
                        ).format(title=ws.title),
                        file=path,
                    )
                return ws
        if name is not None:
            raise EceiDataError(
                pgettext(
                    "error", "no worksheet {name!r}; the workbook has {names}"
                ).format(name=name, names=", ".join(repr(ws.title) for ws in visible)),
                file=path,
            )
    if not visible:
        raise EceiDataError(
            pgettext("error", "the workbook has no visible sheet"), file=path
        )
    return visible[0]


def sheet_grid(ws):
    """Yield ``(row number, [(value, data type), ...])`` for the rows present.

    Trailing empty cells are dropped; an inflated used range (``A1:XFD1048576``)
    costs nothing, since only the cells actually stored are read.
    """
    ws.reset_dimensions()
    for row in ws.iter_rows():
        cells = []
        number = None
        for cell in row:
            if getattr(cell, "row", None) is not None:
                number = cell.row
            value = getattr(cell, "value", None)
            cells.append((value, getattr(cell, "data_type", None)))
        while cells and (cells[-1][0] is None or str(cells[-1][0]).strip() == ""):
            cells.pop()
        if number is not None:
            yield number, cells


def cell_text(
    path: Path,
    sheet: str,
    number: int,
    position: int,
    cell: tuple,
    column: str | None = None,
) -> str:
    """Return one Excel cell as text; raise for formulas, errors and objects.

    ``position`` is 1-based; ``column`` names the column in the message (else its
    letter).
    """
    from openpyxl.utils import get_column_letter

    value, kind = cell
    where = f"{get_column_letter(position)}{number}"
    located = {"file": path, "row": number, "column": column or where, "sheet": sheet}
    if kind == "f" or (isinstance(value, str) and value.startswith("=")):
        shown = value if isinstance(value, str) else "an array formula"
        raise EceiDataError(
            pgettext(
                "error",
                "formula {shown!r} in cell {where}; expected a plain value (paste "
                "values instead of formulas)",
            ).format(shown=shown, where=where),
            **located,
        )
    if kind == "e" or (isinstance(value, str) and value.strip() in EXCEL_ERRORS):
        raise EceiDataError(
            pgettext(
                "error", "error value {value} in cell {where}; expected a plain value"
            ).format(value=value, where=where),
            **located,
        )
    if value is not None and not isinstance(value, str | int | float | bool):
        if not hasattr(value, "isoformat"):
            raise EceiDataError(
                pgettext(
                    "error",
                    "cell {where} holds a {name} (an array formula or an object); "
                    "expected a plain value",
                ).format(where=where, name=type(value).__name__),
                **located,
            )
    text = excel_text(value)
    if len(text) > MAX_CELL:
        raise EceiDataError(
            pgettext(
                "error",
                "cell {where} has {n:,} characters; expected at most {MAX_CELL:,}",
            ).format(where=where, n=len(text), MAX_CELL=MAX_CELL),
            **located,
        )
    return text


def plain_texts(path: Path, sheet: str, number: int, cells, names=()) -> list[str]:
    """Every cell of a row as text; a bad cell is reported and stands as REPORTED."""
    out = []
    for position, cell in enumerate(cells, start=1):
        name = names[position - 1] if position <= len(names) else None
        text = REPORTED
        with problem_guard:
            text = cell_text(path, sheet, number, position, cell, name)
        out.append(text)
    return out


def _read_excel(path: Path, sheet: str | None) -> Table:
    from openpyxl.utils import get_column_letter

    wb = open_workbook(path)
    try:
        ws = visible_sheet(wb, path, sheet, path.stem)
        title = ws.title
        merged = merged_ranges(path, title)
        grid = [(n, c) for n, c in sheet_grid(ws) if c]
    finally:
        wb.close()
    if not grid:
        raise EceiDataError(
            pgettext("error", "the worksheet is empty; expected a header row"),
            file=path,
            sheet=title,
        )
    header_row, header_cells = grid[0]
    spoiled = [str(r) for r in merged if r.min_row <= header_row]
    if spoiled:
        raise EceiDataError(
            pgettext(
                "error",
                "merged cells {names} in or above the header row; expected one plain "
                "header row with a name per column",
            ).format(names=", ".join(spoiled)),
            file=path,
            row=header_row,
            sheet=title,
        )
    header_texts = [
        cell_text(path, title, header_row, k, c) for k, c in enumerate(header_cells, 1)
    ]
    typed = tuple(h.strip() for h in header_texts)
    header = _normalise_header(path, header_texts, header_row, title)
    width = len(header)
    rows: list[int] = []
    cells: list[list[str]] = []
    for number, row_cells in grid[1:]:
        if len(row_cells) > width:
            raise EceiDataError(
                pgettext(
                    "error",
                    "value outside the header's columns; expected every value under a "
                    "named column",
                ),
                file=path,
                row=number,
                column=f"{get_column_letter(width + 1)}{number}",
                sheet=title,
            )
        texts = plain_texts(path, title, number, row_cells, header)
        rows.append(number)
        cells.append(texts + [""] * (width - len(texts)))
    _refuse_invisible(path, title, header, rows, cells)
    frame = pd.DataFrame(cells, columns=header, dtype=object)
    decimal = _settle_decimal(path, (c for row in cells for c in row), None, title)
    return Table(
        frame=frame,
        rows=tuple(rows),
        file=str(path),
        sheet=title,
        decimal=decimal,
        headers=typed,
    )


def merged_ranges(path: Path, title: str) -> list:
    """Return the merged ranges of one sheet (read-only mode does not list them)."""
    import zipfile

    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
            if not any(b"<mergeCell " in archive.read(n) for n in names):
                return []
    except zipfile.BadZipFile:  # pragma: no cover - open_workbook checked it
        return []
    wb = load_workbook(path, read_only=False, data_only=False)
    try:
        return list(wb[title].merged_cells.ranges)
    finally:
        wb.close()
