"""Numbers as people type them in Russian and English spreadsheets."""

from __future__ import annotations

import math

__all__ = ["parse_number"]


def parse_number(text: str) -> float:
    """Parse a number as written in Russian or English spreadsheets.

    Accepts ``7.5``, ``7,5`` (decimal comma), and spaces or no-break spaces as
    thousands separators (``1 234,5``). Rejects empty text, NaN, infinities and
    anything ambiguous such as ``1,234.5``.

    Parameters
    ----------
    text
        The cell text.

    Returns
    -------
    float
        The finite value.

    Raises
    ------
    ValueError
        With a message saying what was expected.

    Examples
    --------
    >>> parse_number("7,5"), parse_number(" 1 234,5 "), parse_number("-3")
    (7.5, 1234.5, -3.0)
    """
    raw = text
    text = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"expected a number, got {raw!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"expected a finite number, got {raw!r}")
    return value
