"""Package styles and byte-reproducible figure saving."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from ..core.errors import EceiDataError
from ..core.files import write_bytes_atomic
from ..core.resources import package_file

__all__ = [
    "DPI",
    "STYLES",
    "apply_style",
    "figure_bytes",
    "save_figure",
    "style_path",
    "tight_bbox",
    "use_style",
]

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


#: Every saved figure: this resolution, a tight box and a small margin, so nothing
#: is clipped and nothing touches the edge.
DPI = 300
PAD_INCHES = 0.06


def apply_style(name: str = "publication") -> None:
    """Use a packaged style for every following figure (e.g. in a notebook).

    A notebook cannot keep a ``with`` block open across cells; report notebooks
    call this once, so every figure they draw has the package's look.
    """
    plt.style.use(style_path(name))
    mpl.rcParams["svg.hashsalt"] = "ecei"


def figure_bytes(
    fig: Figure, fmt: str, *, dpi: int = DPI, bbox: Bbox | None = None
) -> bytes:
    """Render ``fig`` through the one save path, timestamps and random ids removed.

    Tight bounding box, :data:`PAD_INCHES` margin, ``dpi`` (PNG), and metadata
    that would change between runs stripped: two runs give identical bytes.
    ``bbox`` (from :func:`tight_bbox`) saves the layout pass that finding the
    tight box costs, when one figure is written in several formats.
    """
    if fmt not in _FORMATS:
        raise EceiDataError(f"unknown figure format {fmt!r}; expected png, svg or pdf")
    buffer = io.BytesIO()
    with mpl.rc_context({"svg.hashsalt": "ecei"}):
        fig.savefig(
            buffer,
            format=fmt,
            dpi=dpi,
            bbox_inches="tight" if bbox is None else bbox,
            pad_inches=PAD_INCHES,
            metadata=_METADATA[fmt],
        )
    return buffer.getvalue()


def tight_bbox(fig: Figure) -> Bbox:
    """Return the tight bounding box with the margin (inches), laid out once."""
    renderer = fig.canvas.get_renderer()
    box = fig.get_tightbbox(renderer)
    return box.padded(PAD_INCHES)


def save_figure(fig: Figure, path: str | Path, *, dpi: int = DPI) -> Path:
    """Save ``fig`` so that two runs give identical bytes (PNG, SVG or PDF).

    The one save path of the package (reports, notebooks, ``ecei figures``, the
    README's pictures): tight bounding box with a small margin, ``dpi`` for PNG,
    and PNG ``Software``, SVG ``Date`` and the PDF dates and producer removed,
    the SVG id salt fixed. The write is atomic.

    Parameters
    ----------
    fig
        The figure.
    path
        ``*.png``, ``*.svg`` or ``*.pdf``.
    dpi
        Resolution of PNG files.

    Returns
    -------
    pathlib.Path
        The written file.
    """
    path = Path(path)
    data = figure_bytes(fig, path.suffix.lstrip(".").lower(), dpi=dpi)
    return write_bytes_atomic(path, data)
