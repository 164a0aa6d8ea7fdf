r"""One strict, documented grammar for numbers typed by people.

A number is:

* an optional sign (``+`` or ``-``);
* whole digits, either plain (``1234``) or in groups of exactly three after a
  first group of one to three digits, separated by a space, a no-break space
  (U+00A0), a thin space (U+2009), a narrow no-break space (U+202F), or by
  whichever of ``,`` and ``.`` is not the decimal mark (``1 234``, ``1,234``
  when the decimal mark is ``.``);
* optionally one decimal mark (``.`` or ``,``) and digits;
* optionally an exponent (``e-12``).

Underscores, doubled or misplaced separators (``1 2``, ``12,34,5``), NaN and
infinities are rejected. A comma is both the Russian decimal mark and the English
thousands separator, so a number that reads two ways (``1,015``: one thousand and
fifteen, or 1.015) is refused with a message asking for the decimal convention,
unless the caller knows it (``decimal=","`` or ``"."``): a file settles it with
its separator (``;``-separated CSV, as Russian Excel writes it, uses decimal
commas; ``,``-separated CSV cannot) or with its other cells (see
:func:`decimal_convention`). A point groups thousands only where the convention is
known to be a decimal comma; otherwise ``1.015`` is one point zero one five.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from .errors import short_repr
from .i18n import pgettext

__all__ = ["AmbiguousNumber", "decimal_convention", "parse_number"]

_SPACES = " \u00a0\u2009\u202f"
_SIGN = r"[+-]?"
_EXP = r"(?:[eE][+-]?\d+)?"


class AmbiguousNumber(ValueError):
    """A number that reads two ways without a decimal convention."""


def _pattern(decimal: str) -> re.Pattern:
    group = "." if decimal == "," else ","
    seps = "[" + re.escape(_SPACES + group) + "]"
    whole = rf"(?:\d+|[1-9]\d{{0,2}}(?:(?P<sep>{seps})\d{{3}})(?:(?P=sep)\d{{3}})*)"
    return re.compile(
        rf"^{_SIGN}(?:{whole}(?:{re.escape(decimal)}\d+)?|{re.escape(decimal)}\d+){_EXP}$"
    )


_BY_DECIMAL = {".": _pattern("."), ",": _pattern(",")}


def _readings(text: str) -> dict[str, float]:
    out = {}
    for decimal, pattern in _BY_DECIMAL.items():
        if pattern.match(text):
            group = "." if decimal == "," else ","
            plain = text
            for ch in _SPACES + group:
                plain = plain.replace(ch, "")
            out[decimal] = float(plain.replace(decimal, "."))
    return out


def parse_number(text: str, *, decimal: str | None = None) -> float:
    """Parse a number by the package's grammar (see the module docstring).

    Parameters
    ----------
    text
        The cell text.
    decimal
        The decimal mark if known (``"."`` or ``","``); ``None`` accepts either
        where the text reads only one way.

    Returns
    -------
    float
        The finite value.

    Raises
    ------
    ValueError
        With a message saying what was expected (:class:`AmbiguousNumber` for a
        number that reads two ways).

    Examples
    --------
    >>> parse_number("7,5"), parse_number(" 1 234,5 "), parse_number("-3")
    (7.5, 1234.5, -3.0)
    >>> parse_number("1,234.5"), parse_number("1.234,5"), parse_number("1e-12")
    (1234.5, 1234.5, 1e-12)
    >>> parse_number("1,015", decimal=","), parse_number("1,015", decimal=".")
    (1.015, 1015.0)
    """
    raw = text
    if not isinstance(text, str):
        raise ValueError(
            pgettext("error", "expected a number as text, got {name}").format(
                name=type(text).__name__
            )
        )
    text = text.strip(_SPACES)
    if decimal not in (None, ".", ","):
        raise ValueError(
            pgettext("error", "decimal must be '.' or ',', got {decimal!r}").format(
                decimal=decimal
            )
        )
    readings = _readings(text)
    if decimal is not None:
        readings = {k: v for k, v in readings.items() if k == decimal}
    if not readings:
        if text.lower().lstrip("+-") in ("nan", "inf", "infinity"):
            raise ValueError(
                pgettext("error", "expected a finite number, got {raw}").format(
                    raw=short_repr(raw)
                )
            )
        raise ValueError(
            pgettext(
                "error", "expected a number, got {raw} (e.g. 7.5, 7,5 or 1 234,5)"
            ).format(raw=short_repr(raw))
        )
    values = set(readings.values())
    if len(values) > 1 and decimal is None and "," not in text:
        # A point groups thousands only in files whose decimal mark is a comma;
        # in plain text (Russian: spaces; English: commas) it is a decimal point.
        values = {readings["."]}
    if len(values) > 1:
        a, b = sorted(values)
        raise AmbiguousNumber(
            pgettext(
                "error",
                "{raw!r} reads as {show} (comma groups thousands) or {show2} (decimal "
                "comma); write it unambiguously (1015 or 1.015) or state the decimal "
                "convention (a ';'-separated file uses decimal commas)",
            ).format(raw=raw, show=_show(b), show2=_show(a))
        )
    value = values.pop()
    if not math.isfinite(value):
        raise ValueError(
            pgettext("error", "expected a finite number, got {raw}").format(
                raw=short_repr(raw)
            )
        )
    return value


def _show(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


def decimal_convention(cells: Iterable[str]) -> str | None:
    """Return the decimal mark a set of cells settles, or ``None`` if none.

    A cell settles it when it reads only one way and uses a decimal mark
    (``7,5`` -> ``","``; ``0.125`` -> ``"."``; ``1,234.5`` -> ``"."``).

    Raises
    ------
    ValueError
        When some cells use a decimal comma and others a decimal point; the
        message quotes one of each.

    Examples
    --------
    >>> decimal_convention(["1", "7,5", "1,015"])
    ','
    >>> decimal_convention(["1", "2"]) is None
    True
    """
    seen: dict[str, str] = {}
    for cell in cells:
        text = cell.strip(_SPACES) if isinstance(cell, str) else ""
        readings = _readings(text)
        if len(readings) != 1:
            continue
        (mark,) = readings
        body = re.sub(_EXP + "$", "", text)
        if mark in body and mark not in seen:
            seen[mark] = cell
    if len(seen) == 2:
        raise ValueError(
            pgettext(
                "error",
                "cells use both a decimal point ({seen!r}) and a decimal comma "
                "({seen2!r}); use one convention in the file",
            ).format(seen=seen["."], seen2=seen[","])
        )
    return next(iter(seen), None)
