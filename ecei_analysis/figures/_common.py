"""What every plot function shares: captions, the synthetic stamp, display names."""

from __future__ import annotations

from collections.abc import Mapping

from matplotlib.axes import Axes

__all__ = ["caption_of", "display_names", "finish"]

_CAPTION_ATTR = "_ecei_caption"


def caption_of(ax: Axes) -> str:
    """Return the caption our plot function attached to ``ax``."""
    return getattr(ax, _CAPTION_ATTR, "")


def finish(ax: Axes, caption: str, data_note: str | None) -> Axes:
    """Attach the caption (with the data note) and stamp synthetic data."""
    note = data_note or "data source not stated"
    text = f"{caption} Data: {note}."
    if "synthetic" in note.lower():
        ax.annotate(
            "SYNTHETIC DATA",
            xy=(1.0, 0.0),
            xycoords="axes fraction",
            xytext=(0, -2),
            textcoords="offset points",
            ha="right",
            va="top",
            fontsize="x-small",
            color="0.45",
        )
    setattr(ax, _CAPTION_ATTR, text)
    return ax


def display_names(index, labels: Mapping[str, str] | None) -> list[str]:
    """Display names of cluster ids (the id where no label is given)."""
    labels = labels or {}
    return [labels.get(c, c) for c in index]
