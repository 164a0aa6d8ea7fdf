"""Neutralise data-derived text for the format it lands in (CSV, Markdown, LaTeX).

HTML escaping is :func:`html.escape`; Excel cells are written as text by the
writers themselves.
"""

from __future__ import annotations

__all__ = ["escape_latex", "escape_markdown", "neutralise_csv"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_csv(value: object) -> object:
    """Prefix ``'`` to text a spreadsheet would run as a formula.

    Examples
    --------
    >>> neutralise_csv("=1+1"), neutralise_csv("-x"), neutralise_csv(-3.0)
    ("'=1+1", "'-x", -3.0)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def escape_markdown(text: str) -> str:
    r"""Escape Markdown and inline-HTML syntax in one table cell.

    Examples
    --------
    >>> print(escape_markdown("[x](javascript:alert(2)) | <b>"))
    \[x\]\(javascript:alert\(2\)\) \| &lt;b&gt;
    """
    text = text.replace("\\", "\\\\")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "`*_{}[]()#+!|~":
        text = text.replace(ch, "\\" + ch)
    return text


_LATEX = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def escape_latex(text: str) -> str:
    r"""Escape LaTeX's special characters.

    Examples
    --------
    >>> escape_latex("50% & $x_1$")
    '50\\% \\& \\$x\\_1\\$'
    """
    return "".join(_LATEX.get(ch, ch) for ch in text)
