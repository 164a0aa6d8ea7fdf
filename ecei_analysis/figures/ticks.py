"""Tick labels in the language: the decimal mark of numeric ticks.

Matplotlib writes tick numbers with a point; its own locale switch follows the
process's C locale, which a report must not change. Each figure's numeric axes
get a formatter that keeps the axis's own choice of digits and offset and writes
the language's decimal mark (Babel's CLDR data): 0,2 in Russian.
"""

from __future__ import annotations

import re

from matplotlib.axes import Axes
from matplotlib.ticker import (
    FormatStrFormatter,
    Formatter,
    PercentFormatter,
    ScalarFormatter,
    StrMethodFormatter,
)

from ..core.i18n import decimal_mark

__all__ = ["localise_ticks"]


class _LocalisedTicks(Formatter):
    """A numeric tick formatter writing the language's decimal mark.

    It wraps the axis's own formatter (which still chooses the digits and the
    offset) and replaces the decimal point between digits.
    """

    def __init__(self, base: Formatter, mark: str) -> None:
        self.base, self.mark = base, mark

    def _local(self, text: str) -> str:
        return re.sub(r"(?<=\d)\.(?=\d)", self.mark, text)

    def __call__(self, x, pos=None) -> str:
        return self._local(self.base(x, pos))

    def format_ticks(self, values) -> list[str]:
        return [self._local(t) for t in self.base.format_ticks(values)]

    def set_axis(self, axis) -> None:
        super().set_axis(axis)
        self.base.set_axis(axis)

    def set_locs(self, locs) -> None:
        self.base.set_locs(locs)

    def get_offset(self) -> str:
        return self._local(self.base.get_offset())


#: The formatters that write numbers (a fixed or function formatter may write
#: indicator codes such as 1.1.2, which keep their dots).
_NUMERIC = (ScalarFormatter, PercentFormatter, StrMethodFormatter, FormatStrFormatter)


def localise_ticks(ax: Axes) -> None:
    """Write the numeric tick labels of ``ax`` with the language's decimal mark.

    Every axis of the Axes, the three of a ternary one included; a no-op where
    the mark is ``.``.
    """
    mark = decimal_mark()
    if mark == ".":
        return
    names = ("xaxis", "yaxis", "taxis", "laxis", "raxis")
    for axis in (getattr(ax, n) for n in names if hasattr(ax, n)):
        base = axis.get_major_formatter()
        if isinstance(base, _NUMERIC):
            axis.set_major_formatter(_LocalisedTicks(base, mark))
