"""Characters a figure's font cannot draw, replaced by a visible mark.

A name typed with an emoji (or any character outside the figure font) would be
drawn by matplotlib as an empty box, with only a warning on the console. Here
every text of a finished figure is checked against its own font's character
map; a character the font lacks is drawn as :data:`UNDRAWABLE_MARK`, and the
caption says which characters were replaced (tables keep the names whole).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["UNDRAWABLE_MARK", "replace_undrawable"]

#: The mark drawn for a character the font lacks (WHITE SQUARE, in DejaVu Sans).
UNDRAWABLE_MARK = "\u25a1"
#: Characters never drawn as glyphs (line breaks, spaces handled by layout).
_LAYOUT = frozenset("\n\r\t")
#: Variation selectors: they choose how the character before them looks.
_SELECTORS = frozenset(map(chr, range(0xFE00, 0xFE10)))


@cache
def _charmap(path: str) -> frozenset[int]:
    """Return the code points a font file has glyphs for."""
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(path).get_charmap())


def replace_undrawable(fig: Figure) -> list[str]:
    """Replace the characters no glyph draws in ``fig``'s texts; return them.

    Parameters
    ----------
    fig
        A figure whose texts are all set.

    Returns
    -------
    list of str
        The distinct characters replaced, in the order first met ([] if none).
    """
    from matplotlib.font_manager import findfont
    from matplotlib.text import Text

    replaced: list[str] = []
    for text in fig.findobj(Text):
        content = text.get_text()
        if not content or content.isascii():
            continue
        glyphs = _charmap(findfont(text.get_fontproperties()))
        drawn, missing = [], []
        for c in content:
            if c in _SELECTORS:  # belongs to the character before it
                if ord(c) in glyphs and drawn and drawn[-1] != UNDRAWABLE_MARK:
                    drawn.append(c)
            elif c in _LAYOUT or ord(c) in glyphs:
                drawn.append(c)
            else:
                drawn.append(UNDRAWABLE_MARK)
                missing.append(c)
        if missing or len(drawn) != len(content):
            text.set_text("".join(drawn))
        replaced.extend(missing)
    return list(dict.fromkeys(replaced))
