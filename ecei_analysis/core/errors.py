"""The package's one error type for bad input."""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["EceiDataError", "format_location", "last_line", "short_repr"]

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def _untranslated(context: str, text: str) -> str:
    return text


#: Translates the location words (``pgettext``); core.i18n installs itself here
#: when imported, so errors needs no import of i18n (which imports errors).
_translate = _untranslated


def use_translator(translate) -> None:
    """Install the function that translates location words (core.i18n's pgettext)."""
    global _translate
    _translate = translate


def last_line(text: str, default: str = "no message") -> str:
    """Return the last non-blank line of a program's error output (for a message).

    ``default`` when there is none.
    """
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else default


def short_repr(value: object, limit: int = 60) -> str:
    """``repr`` of a value for a message: shortened, without memory addresses.

    Examples
    --------
    >>> short_repr("x" * 100)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (100 characters)"
    >>> short_repr(object())
    '<object object>'
    """
    text = _ADDRESS.sub("", repr(value))
    if len(text) <= limit:
        return text
    if isinstance(value, str):
        return f"{text[: limit - 3]}…' ({len(value):,} characters)"
    return f"{text[: limit - 1]}…"


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
    pgettext = _translate  # the language in force where the error is raised
    parts = []
    if file is not None:
        parts.append(str(file))
    if sheet is not None:
        parts.append(pgettext("location", "sheet {sheet!r}").format(sheet=sheet))
    if row is not None:
        parts.append(pgettext("location", "row {row}").format(row=row))
    if column is not None:
        parts.append(pgettext("location", "column {column!r}").format(column=column))
    return ", ".join(parts) if parts else pgettext("location", "<input>")


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
        message = _ADDRESS.sub("", message)  # never a memory address in a message
        self.reason = message
        if all(part is None for part in (file, row, column, sheet)):
            super().__init__(message)
        else:
            where = format_location(file, row, column, sheet)
            super().__init__(f"{where}: {message}")
