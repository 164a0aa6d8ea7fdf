"""Languages: gettext catalogs (compiled with Babel) and locale-aware numbers.

Every text a reader sees is marked for translation with :func:`_` (or
:func:`ngettext` for plural forms, :func:`pgettext` with a context), looked up
in the catalog of the current language, set by :func:`use_language`. The
catalogs live in ``ecei_analysis/locale/<lang>/LC_MESSAGES/ecei.po`` (sources)
and ``.mo`` (compiled); ``make catalogs`` extracts, updates and compiles them
with Babel. Numbers, percentages, places and dates follow the language's
conventions through Babel: "89.4 %" and "1,160" in English, "89,4 %" and
"1 160" (thin space) in Russian.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from .errors import EceiDataError
from .resources import package_file

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "NP_",
    "N_",
    "_",
    "check_language",
    "current_language",
    "every_translation",
    "format_date",
    "format_number",
    "format_percent",
    "format_place",
    "format_significant",
    "ngettext",
    "pgettext",
    "set_language",
    "use_language",
]

DOMAIN = "ecei"
#: Languages with a complete catalog.
LANGUAGES: tuple[str, ...] = ("en", "ru")
_LOCALES = {"en": "en_GB", "ru": "ru_RU"}
_CURRENT: ContextVar[str | None] = ContextVar("ecei_language", default=None)
_DEFAULT = ["en"]


def check_language(language: object) -> str:
    """Return ``language`` if a catalog exists for it; else raise naming them."""
    if isinstance(language, str) and language in LANGUAGES:
        return language
    raise EceiDataError(
        f"language {language!r} is not available; expected one of "
        f"{', '.join(LANGUAGES)}"
    )


@contextmanager
def use_language(language: str) -> Iterator[None]:
    r"""Translate texts and format numbers in ``language`` inside this block.

    Examples
    --------
    >>> with use_language("ru"):
    ...     format_percent(0.894)
    '89,4\xa0%'
    """
    token = _CURRENT.set(check_language(language))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def current_language() -> str:
    """Return the language texts are translated into now (``en`` by default)."""
    return _CURRENT.get() or _DEFAULT[0]


def set_language(language: str) -> None:
    """Set the language outside any :func:`use_language` block (e.g. a notebook).

    Notebook cells may run in separate contexts, so a report notebook sets the
    process-wide default once instead of entering a ``with`` block.
    """
    _DEFAULT[0] = check_language(language)


@cache
def _translations(language: str) -> _gettext.NullTranslations:
    if language == "en":
        return _gettext.NullTranslations()
    folder = package_file("locale")
    try:
        return _gettext.translation(DOMAIN, str(folder), languages=[language])
    except OSError:
        return _gettext.NullTranslations()


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translations(current_language()).gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it yet."""
    return message


def NP_(context: str, message: str) -> str:
    """Mark ``message`` in ``context`` for extraction without translating it yet."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate with the plural form the current language uses for ``n``.

    Examples
    --------
    >>> ngettext("{n} cluster", "{n} clusters", 2).format(n=2)
    '2 clusters'
    """
    return _translations(current_language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` in ``context`` (e.g. a column header vs a sentence)."""
    return _translations(current_language()).pgettext(context, message)


def every_translation(context: str, message: str) -> set[str]:
    """Return ``message`` in every available language (for reading input back).

    Examples
    --------
    >>> "code" in every_translation("template", "code")
    True
    """
    return {_translations(lang).pgettext(context, message) for lang in LANGUAGES}


def _locale() -> str:
    return _LOCALES[current_language()]


def format_number(value: float, digits: int | None = None) -> str:
    """Format a number in the current language's style.

    ``digits``: decimals to show (``None``: as many as the value needs, at most
    three).

    Examples
    --------
    >>> format_number(1160), format_number(0.5, 2)
    ('1,160', '0.50')
    """
    from babel.numbers import format_decimal

    if digits is None:
        pattern = "#,##0.###"
    else:
        pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    text = format_decimal(value, format=pattern, locale=_locale())
    return text.replace("\u00a0", "\u202f") if current_language() == "ru" else text


def format_significant(value: float, figures: int = 2) -> str:
    """Format a number to ``figures`` significant figures, trailing zeros dropped.

    Examples
    --------
    >>> [format_significant(v) for v in (3.0, 0.8, 2.3051, 0.0461, 1234.5)]
    ['3', '0.8', '2.3', '0.046', '1,234']
    """
    import math

    x = float(value)
    if x == 0 or not math.isfinite(x):
        return format_number(x, 0) if x == 0 else str(x)
    decimals = max(0, figures - 1 - math.floor(math.log10(abs(x))))
    text = format_number(round(x, decimals), decimals)
    mark = "," if current_language() == "ru" else "."
    if mark in text:
        text = text.rstrip("0").rstrip(mark)
    return text


def format_percent(share: float, digits: int = 1) -> str:
    r"""Format a share as a percentage with a space before the sign: ``"89.4 %"``.

    Examples
    --------
    >>> format_percent(0.8944)
    '89.4\xa0%'
    """
    return f"{format_number(100 * share, digits)}\u00a0%"


def format_place(place: int) -> str:
    """Format an ordinal place: ``"2nd"`` in English, ``"2-е"`` (место) in Russian.

    Examples
    --------
    >>> [format_place(n) for n in (1, 2, 3, 11, 22)]
    ['1st', '2nd', '3rd', '11th', '22nd']
    """
    n = int(place)
    if current_language() == "ru":
        return f"{n}-е"
    suffix = (
        "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    )
    return f"{n}{suffix}"


def format_date(iso_date: str) -> str:
    """Write a date (``YYYY-MM-DD``) out: "28 November 2026", "28 ноября 2026 г."."""
    import datetime as dt

    from babel.dates import format_date as babel_date

    return babel_date(dt.date.fromisoformat(iso_date), format="long", locale=_locale())
