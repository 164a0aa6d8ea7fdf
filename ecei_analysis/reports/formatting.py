"""Tables for people: names, rounded numbers, "—" for not applicable, yes/no.

One formatter for every table a reader sees (briefings, notebooks, the live
explorer): numbers rounded for reading, missing values as "—", booleans as
yes/no, text escaped, and long text wrapped rather than cut.
"""

from __future__ import annotations

import html
import math
import numbers

import pandas as pd

from ..core.i18n import _, format_number, format_significant, in_language

__all__ = ["format_cell", "table_html"]


@in_language
def format_cell(value: object, *, digits: int = 1, language: str | None = None) -> str:
    """Format one cell for reading (not escaped).

    Non-integer numbers get ``digits`` decimals; a non-zero number that would
    round to zero gets two significant figures instead (never a false "0.0").

    Examples
    --------
    >>> [format_cell(v) for v in (None, float("nan"), True, 3.0, 2.25, "x")]
    ['—', '—', 'yes', '3', '2.2', 'x']
    >>> [format_cell(v) for v in (0.038, -0.0042, 0.05)]
    ['0.038', '-0.0042', '0.05']
    """
    if value is None or value is pd.NA:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, numbers.Integral):
        return format_number(int(value), 0)
    if isinstance(value, numbers.Real):
        x = float(value)
        if math.isnan(x):
            return "—"
        if math.isinf(x):
            return "∞" if x > 0 else "−∞"
        if x == round(x):
            return format_number(x, 0)
        text = format_number(x, digits)
        if not any(ch in "123456789" for ch in text):  # would read as zero
            return format_significant(x, 2)
        return text
    text = str(value)
    return text if text else "—"


#: Longest code or id kept on one line (never broken inside) in a table.
TOKEN_UP_TO = 28


def _token(text: str) -> bool:
    """Tell a code, an id or a short value without spaces (never broken).

    Examples
    --------
    >>> _token("1.1.0"), _token("arkhangelsk_shipbuilding"), _token("a name")
    (True, True, False)
    """
    return 0 < len(text) <= TOKEN_UP_TO and not any(ch.isspace() for ch in text)


#: Tables of at most this many rows are kept on one printed page.
SHORT_TABLE = 12


@in_language
def table_html(
    frame: pd.DataFrame,
    *,
    digits: int = 1,
    index: bool | None = None,
    language: str | None = None,
) -> str:
    """Return an escaped HTML table with the package's cell formatting.

    Parameters
    ----------
    frame
        The table; column names are shown as given.
    digits
        Decimals of non-integer numbers.
    index
        Show the index as the first column (``None``: when it is not a plain
        0..n-1 range).
    """
    if index is None:
        index = not isinstance(frame.index, pd.RangeIndex)
    if index:
        frame = frame.reset_index()
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for values in frame.itertuples(index=False, name=None):
        cells = []
        for value in values:
            numeric = isinstance(value, numbers.Real) and not isinstance(value, bool)
            text = format_cell(value, digits=digits)
            cls = (
                ' class="num"'
                if numeric
                else (' class="token"' if _token(text) else "")
            )
            cells.append(f"<td{cls}>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    # A short table stays on one page; a long one breaks between rows, its
    # header repeated (a whole long table moved to the next page would leave a
    # half-empty page behind).
    size = " short" if len(rows) <= SHORT_TABLE else ""
    return (
        f'<table class="ecei-table{size}"><thead><tr>'
        + head
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )
