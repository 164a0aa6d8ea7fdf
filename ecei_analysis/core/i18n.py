"""Languages: gettext catalogs (compiled with Babel) and locale-aware numbers.

Every text a reader sees is marked for translation with :func:`_` (or
:func:`ngettext` for plural forms, :func:`pgettext` with a context) and looked up
in the catalog of the language in force. The language is an explicit argument:
every public function that builds text takes ``language=`` (decorated with
:func:`in_language`), which holds for the call and everything it calls. Nothing
sets a language for the whole process; :func:`use_language` scopes one for a
block, and outside any such block texts are English.

The catalogs live in ``ecei_analysis/locale/<lang>/LC_MESSAGES/ecei.po``
(sources) and ``.mo`` (compiled); ``make catalogs`` extracts, updates and
compiles them with Babel. Numbers, percentages, ordinals and dates follow the
language's conventions from Babel's locale data (CLDR): "89.4%" and "1,160" in
English, "89,4 %" and "1 160" in Russian.
"""

from __future__ import annotations

import functools
import gettext as _gettext
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import Any, TypeVar

from .errors import EceiDataError, use_translator
from .resources import package_file

__all__ = [
    "CASES",
    "DOMAIN",
    "LANGUAGES",
    "NP_",
    "N_",
    "_",
    "check_language",
    "current_language",
    "decimal_mark",
    "every_translation",
    "format_date",
    "format_number",
    "format_percent",
    "format_place",
    "format_significant",
    "in_language",
    "ngettext",
    "pgettext",
    "use_language",
]

DOMAIN = "ecei"
#: Languages with a complete catalog.
LANGUAGES: tuple[str, ...] = ("en", "ru")
_LOCALES = {"en": "en_GB", "ru": "ru_RU"}
_CURRENT: ContextVar[str | None] = ContextVar("ecei_language", default=None)


def check_language(language: object) -> str:
    """Return ``language`` if a catalog exists for it; else raise naming them."""
    if isinstance(language, str) and language in LANGUAGES:
        return language
    raise EceiDataError(
        f"language {language!r} is not available; expected one of "
        f"{', '.join(LANGUAGES)}"
    )


@contextmanager
def use_language(language: str | None) -> Iterator[None]:
    r"""Translate texts and format numbers in ``language`` inside this block.

    ``None`` keeps the language in force (English outside any block).

    Examples
    --------
    >>> with use_language("ru"):
    ...     format_percent(0.894)
    '89,4\xa0%'
    """
    if language is None:
        yield
        return
    token = _CURRENT.set(check_language(language))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def current_language() -> str:
    """Return the language in force: the innermost :func:`use_language`, else en."""
    return _CURRENT.get() or "en"


F = TypeVar("F", bound=Callable[..., Any])


def in_language(func: F) -> F:
    """Decorate a text builder whose ``language`` holds for the whole call.

    The function declares a keyword-only ``language: str | None = None``. A
    given language is checked and in force for the call and whatever it calls
    (nested builders need not be told again); ``None`` keeps the caller's.
    """
    parameter = inspect.signature(func).parameters.get("language")
    if parameter is None or parameter.kind is not inspect.Parameter.KEYWORD_ONLY:
        raise TypeError(f"{func.__qualname__} must take a keyword-only language=")

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with use_language(kwargs.get("language")):
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


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


use_translator(pgettext)  # errors name their place in the language in force


def every_translation(context: str, message: str) -> set[str]:
    """Return ``message`` in every available language (for reading input back).

    Examples
    --------
    >>> "code" in every_translation("template", "code")
    True
    """
    return {_translations(lang).pgettext(context, message) for lang in LANGUAGES}


def _locale(language: str | None = None) -> str:
    return _LOCALES[check_language(language) if language else current_language()]


def decimal_mark(language: str | None = None) -> str:
    """Return the decimal mark of ``language`` (default: the language in force).

    Examples
    --------
    >>> decimal_mark("en"), decimal_mark("ru")
    ('.', ',')
    """
    from babel.numbers import get_decimal_symbol

    return get_decimal_symbol(_locale(language))


def format_number(
    value: float, digits: int | None = None, *, language: str | None = None
) -> str:
    r"""Format a number in the language's style (grouping and decimal mark).

    ``digits``: decimals to show (``None``: as many as the value needs, at most
    three). A number that is not finite is refused: no sentence may say "nan".

    Examples
    --------
    >>> format_number(1160), format_number(0.5, 2), format_number(1160, language="ru")
    ('1,160', '0.50', '1\xa0160')
    """
    import math

    from babel.numbers import format_decimal

    if not math.isfinite(float(value)):
        raise ValueError(f"cannot write the number {value!r} for a reader")
    if digits is None:
        pattern = "#,##0.###"
    else:
        pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(value, format=pattern, locale=_locale(language))


def format_significant(
    value: float, figures: int = 2, *, language: str | None = None
) -> str:
    """Format a number to ``figures`` significant figures, trailing zeros dropped.

    Examples
    --------
    >>> [format_significant(v) for v in (3.0, 0.8, 2.3051, 0.0461, 1234.5)]
    ['3', '0.8', '2.3', '0.046', '1,234']
    """
    import math

    x = float(value)
    if x == 0:
        return format_number(0, 0, language=language)
    if not math.isfinite(x):
        raise ValueError(f"cannot write the number {value!r} for a reader")
    decimals = max(0, figures - 1 - math.floor(math.log10(abs(x))))
    text = format_number(round(x, decimals), decimals, language=language)
    mark = decimal_mark(language)
    if mark in text:
        text = text.rstrip("0").rstrip(mark)
    return text


def format_percent(
    share: float, digits: int = 1, *, language: str | None = None
) -> str:
    r"""Format a share as a percentage in the language's style (CLDR pattern).

    Examples
    --------
    >>> format_percent(0.8944), format_percent(0.8944, language="ru")
    ('89.4%', '89,4\xa0%')
    """
    import math

    from babel import Locale
    from babel.numbers import format_percent as babel_percent

    if not math.isfinite(float(share)):
        raise ValueError(f"cannot write the share {share!r} for a reader")
    locale = _locale(language)
    pattern = Locale.parse(locale).percent_formats[None].pattern
    head, zero, tail = pattern.rpartition("0")
    decimals = "." + "0" * digits if digits > 0 else ""
    return babel_percent(share, head + zero + decimals + tail, locale=locale)


#: Grammatical cases a text may ask a place or a name in (``{place.gen}``).
CASES = ("nom", "gen", "dat", "acc", "ins", "prep")

#: Ordinal suffixes. English: by Babel's ordinal plural category (CLDR).
#: Russian: by grammatical case, for the neuter noun «место» (2-е, 2-го, 2-му,
#: 2-е, 2-м, 2-м).
_ORDINAL_SUFFIXES: dict[str, dict[str, str]] = {
    "en": {"one": "st", "two": "nd", "few": "rd", "other": "th"},
    "ru": {
        "nom": "-е",
        "gen": "-го",
        "dat": "-му",
        "acc": "-е",
        "ins": "-м",
        "prep": "-м",
    },
}


def format_place(place: int, *, case: str = "nom", language: str | None = None) -> str:
    """Format an ordinal place: ``"2nd"``; in Russian ``"2-е"``, ``"2-го"`` by case.

    Examples
    --------
    >>> [format_place(n) for n in (1, 2, 3, 11, 22)]
    ['1st', '2nd', '3rd', '11th', '22nd']
    >>> format_place(2, case="gen", language="ru")
    '2-го'
    """
    from babel import Locale

    n = int(place)
    language = check_language(language) if language else current_language()
    suffixes = _ORDINAL_SUFFIXES[language]
    if case in suffixes:
        return f"{n}{suffixes[case]}"
    category = Locale.parse(_locale(language)).ordinal_form(n)
    return f"{n}{suffixes[category]}"


def format_date(iso_date: str, *, language: str | None = None) -> str:
    """Write a date (``YYYY-MM-DD``) out: "28 November 2026", "28 ноября 2026 г."."""
    import datetime as dt

    from babel.dates import format_date as babel_date

    return babel_date(
        dt.date.fromisoformat(iso_date), format="long", locale=_locale(language)
    )
