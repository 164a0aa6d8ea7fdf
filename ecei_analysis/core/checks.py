"""Argument checks at the public boundary, each raising one clear EceiDataError."""

from __future__ import annotations

import math
import numbers

from .errors import EceiDataError, short_repr
from .i18n import pgettext

__all__ = ["finite_number", "interval_pair", "one_of", "whole_number"]


def whole_number(
    value: object, name: str, *, low: int | None = None, high: int | None = None
) -> int:
    """Return ``value`` as an int if it is a whole number within ``[low, high]``.

    Text (``"1e6"``), floats with a fraction, booleans and NaN are refused.

    Examples
    --------
    >>> whole_number(10**6, "draws", low=1)
    1000000
    >>> whole_number("1e6", "draws")
    Traceback (most recent call last):
    ...
    ecei_analysis.core.errors.EceiDataError: draws must be a whole number, got '1e6'
    >>> whole_number(0, "draws", low=1)
    Traceback (most recent call last):
    ...
    ecei_analysis.core.errors.EceiDataError: draws must be a whole number >= 1, got 0
    """
    ok = isinstance(value, numbers.Integral) and not isinstance(value, bool)
    if not ok and isinstance(value, numbers.Real) and not isinstance(value, bool):
        ok = math.isfinite(float(value)) and float(value).is_integer()
    if not ok:
        raise EceiDataError(
            pgettext("error", "{name} must be a whole number, got {value}").format(
                name=name, value=short_repr(value)
            )
        )
    number = int(value)  # type: ignore[arg-type]
    if (low is not None and number < low) or (high is not None and number > high):
        if high is None:
            bounds = f">= {low}"
        elif low is None:
            bounds = f"<= {high}"
        else:
            bounds = pgettext("bounds", "from {low} to {high}").format(
                low=low, high=high
            )
        raise EceiDataError(
            pgettext(
                "error", "{name} must be a whole number {bounds}, got {number}"
            ).format(name=name, bounds=bounds, number=number)
        )
    return number


def finite_number(
    value: object,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
) -> float:
    """Return ``value`` as a finite float within the bounds, or raise.

    Examples
    --------
    >>> finite_number(0.5, "p", low=0, high=1)
    0.5
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise EceiDataError(
            pgettext("error", "{name} must be a number, got {value}").format(
                name=name, value=short_repr(value)
            )
        )
    number = float(value)
    if not math.isfinite(number):
        raise EceiDataError(
            pgettext("error", "{name} must be a finite number, got {value}").format(
                name=name, value=short_repr(value)
            )
        )
    too_low = low is not None and (number <= low if low_open else number < low)
    if too_low or (high is not None and number > high):
        left = "(" if low_open else "["
        lo = "-inf" if low is None else f"{low:g}"
        hi = "inf" if high is None else f"{high:g}"
        raise EceiDataError(
            pgettext(
                "error", "{name} must be within {left}{lo}, {hi}], got {value}"
            ).format(name=name, left=left, lo=lo, hi=hi, value=short_repr(value))
        )
    return number


def interval_pair(value: object, name: str) -> tuple[float, float]:
    """Return a ``(low, high)`` pair of quantiles with ``0 <= low < high <= 1``.

    Examples
    --------
    >>> interval_pair((0.05, 0.95), "interval")
    (0.05, 0.95)
    """
    try:
        low, high = value  # type: ignore[misc]
    except (TypeError, ValueError):
        raise EceiDataError(
            pgettext(
                "error", "{name} must be a pair (low, high) of quantiles, got {value}"
            ).format(name=name, value=short_repr(value))
        ) from None
    low = finite_number(low, f"{name}[0]", low=0, high=1)
    high = finite_number(high, f"{name}[1]", low=0, high=1)
    if not low < high:
        raise EceiDataError(
            pgettext(
                "error", "{name} must have low < high, got ({low}, {high})"
            ).format(name=name, low=low, high=high)
        )
    return low, high


def one_of(value: object, name: str, choices: tuple[str, ...]) -> str:
    """Return ``value`` if it is one of ``choices``; else raise naming them.

    Examples
    --------
    >>> one_of("l1", "norm", ("l1", "linf"))
    'l1'
    """
    if isinstance(value, str) and value in choices:
        return value
    raise EceiDataError(
        pgettext("error", "{name} must be one of {names}, got {value}").format(
            name=name, names=", ".join(map(repr, choices)), value=short_repr(value)
        )
    )
