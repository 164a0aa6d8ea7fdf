"""Package styles and byte-reproducible figure saving."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from ..core.errors import EceiDataError
from ..core.files import write_bytes_atomic
from ..core.resources import package_file

__all__ = ["STYLES", "save_figure", "style_path", "use_style"]

#: Style names shipped with the package.
STYLES = ("publication", "briefing")
_FORMATS = ("png", "svg", "pdf")
# Metadata that would otherwise embed the date or the library version.
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


def style_path(name: str) -> Path:
    """Return the path of a packaged style (``publication`` or ``briefing``)."""
    if name not in STYLES:
        raise EceiDataError(
            f"unknown style {name!r}; expected one of {', '.join(STYLES)}"
        )
    return package_file("figures", "styles", f"{name}.mplstyle")


@contextmanager
def use_style(name: str = "publication") -> Iterator[None]:
    """Context manager applying a packaged style (and a fixed SVG hash salt)."""
    with plt.style.context(style_path(name)), mpl.rc_context({"svg.hashsalt": "ecei"}):
        yield


def figure_bytes(fig: Figure, fmt: str) -> bytes:
    """Render ``fig`` to bytes with timestamps and random ids removed."""
    if fmt not in _FORMATS:
        raise EceiDataError(f"unknown figure format {fmt!r}; expected png, svg or pdf")
    buffer = io.BytesIO()
    with mpl.rc_context({"svg.hashsalt": "ecei"}):
        fig.savefig(buffer, format=fmt, metadata=_METADATA[fmt])
    return buffer.getvalue()


def save_figure(fig: Figure, path: str | Path) -> Path:
    """Save ``fig`` so that two runs give identical bytes (PNG, SVG or PDF).

    The format comes from the suffix. PNG ``Software``, SVG ``Date`` and the PDF
    dates and producer are removed, and the SVG id salt is fixed. The write is
    atomic.

    Parameters
    ----------
    fig
        The figure.
    path
        ``*.png``, ``*.svg`` or ``*.pdf``.

    Returns
    -------
    pathlib.Path
        The written file.
    """
    path = Path(path)
    return write_bytes_atomic(path, figure_bytes(fig, path.suffix.lstrip(".").lower()))
