"""The package's one error type for bad input."""

from __future__ import annotations

from pathlib import Path

__all__ = ["EceiDataError", "format_location"]


def format_location(
    file: str | Path | None = None,
    row: int | None = None,
    column: str | None = None,
    sheet: str | None = None,
) -> str:
    """Return ``"file, sheet S, row R, column 'C'"`` for the parts that are known.

    Parameters
    ----------
    file, row, column, sheet
        Where the problem is. ``row`` is the 1-based line (CSV) or row (Excel) as a
        person sees it in an editor, header included.

    Returns
    -------
    str
        A human-readable location, or ``"<input>"`` when nothing is known.
    """
    parts = []
    if file is not None:
        parts.append(str(file))
    if sheet is not None:
        parts.append(f"sheet {sheet!r}")
    if row is not None:
        parts.append(f"row {row}")
    if column is not None:
        parts.append(f"column {column!r}")
    return ", ".join(parts) if parts else "<input>"


class EceiDataError(ValueError):
    """Bad input data or parameters, with the place and the expectation named.

    Every check of the package raises this type (a :class:`ValueError`), so one
    ``except EceiDataError`` catches any bad input.

    Parameters
    ----------
    message
        What is wrong and what was expected.
    file, row, column, sheet
        Where; any may be omitted.

    Examples
    --------
    >>> err = EceiDataError("expected a number, got 'abc'", file="a.csv", row=3,
    ...                     column="points")
    >>> str(err)
    "a.csv, row 3, column 'points': expected a number, got 'abc'"
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        row: int | None = None,
        column: str | None = None,
        sheet: str | None = None,
    ) -> None:
        self.file = None if file is None else str(file)
        self.row = row
        self.column = column
        self.sheet = sheet
        self.reason = message
        where = format_location(file, row, column, sheet)
        super().__init__(message if where == "<input>" else f"{where}: {message}")
