"""What every plot function shares: captions, the synthetic stamp, names, size."""

from __future__ import annotations

from collections.abc import Mapping

from matplotlib.axes import Axes

from ..core.i18n import _, pgettext

__all__ = ["LEGIBLE", "caption_of", "display_names", "drawn_text", "finish"]

_CAPTION_ATTR = "_ecei_caption"
_STAMPED = "_ecei_stamped"
#: Most clusters a figure shows one by one; larger studies show the leaders.
LEGIBLE = 30


def caption_of(ax: Axes) -> str:
    """Return the caption our plot function attached to ``ax``."""
    return getattr(ax, _CAPTION_ATTR, "")


def finish(ax: Axes, caption: str, data_note: str | None) -> Axes:
    """Attach the caption (with the data note) and stamp synthetic data.

    The stamp sits in the top margin, above the axes' right corner, clear of
    tick labels, legends below it and the data.
    """
    note = data_note or _("data source not stated")
    text = caption + " " + _("Data: {label}.").format(label=note)
    if "synthetic" in note.lower() or "синтетич" in note.lower():
        fig = ax.figure
        if not getattr(fig, _STAMPED, False):
            ax.text(
                1.0,
                1.015,
                pgettext("figure", "SYNTHETIC DATA"),
                transform=ax.transAxes,
                ha="right",
                va="bottom",
                fontsize=7,
                color="0.4",
                fontweight="bold",
            )
            setattr(fig, _STAMPED, True)
    setattr(ax, _CAPTION_ATTR, text)
    return ax


def drawn_text(text: object) -> str:
    r"""Text from the data, made literal for matplotlib.

    Matplotlib reads text between two ``$`` as mathtext: a name such as
    ``$x^2$`` would be typeset, and ``$\frac{$`` would stop the drawing with a
    parse error. Every ``$`` is escaped, so the name is drawn as typed (a
    typed ``\$`` too).
    """
    return str(text).replace("$", r"\$")


def display_names(
    index, labels: Mapping[str, str] | None, *, drawn: bool = True
) -> list[str]:
    """Display names of cluster ids (the id where no label is given).

    ``drawn=True`` (default) makes them literal for matplotlib (see
    :func:`drawn_text`); ``drawn=False`` gives the plain names for captions.
    """
    labels = labels or {}
    names = [str(labels.get(c, c)) for c in index]
    return [drawn_text(n) for n in names] if drawn else names
