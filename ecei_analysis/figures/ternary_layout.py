"""The ternary axes' label placement computed once per drawing, not per call.

mpltern places each corner label and the title from the extent of every tick
label on the triangle. Its ``_get_points_surrounding_hexagon`` measures all
three axes' tick labels whichever axis asks, and matplotlib asks many times in
one drawing (each axis label, the title, each tight-box query): about 27
measurements of the same texts per drawing, 0.2-0.3 s of a weight map. Here
one drawing (a ``draw`` or a ``get_tightbbox`` of the axes) measures once and
every later ask in that drawing reads the same points, so the figure's bytes
are the ones mpltern draws.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from matplotlib.axes import Axes

__all__ = ["measure_labels_once"]

#: The axes' methods that open a drawing (each gets its own measurement).
_DRAWINGS = ("draw", "get_tightbbox")


def measure_labels_once(ax: Axes) -> Axes:
    """Make ``ax`` (mpltern ternary axes) measure its tick labels once a drawing.

    Parameters
    ----------
    ax
        A ``projection="ternary"`` Axes. Calling this twice is harmless.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``, whose drawings now share one measurement each.

    Notes
    -----
    The measurement is keyed by the renderer and by where the triangle's
    corners fall on it, so a drawing that moves or resizes the axes between
    two asks measures again.
    """
    if getattr(ax, "_ecei_measured_once", False):
        return ax
    axes = (ax.taxis, ax.laxis, ax.raxis)
    measure = type(ax.taxis)._get_points_surrounding_hexagon
    state: dict = {"cache": None}

    def points(renderer):
        corners = ax._ternary2display_transform.transform(ax._get_hexagonal_vertices())
        cache = state["cache"]
        if cache is None:  # asked outside a drawing: measure as mpltern does
            return measure(ax.taxis, renderer)
        key = (id(renderer), corners.tobytes())
        if key not in cache:
            cache[key] = measure(ax.taxis, renderer)
        return cache[key]

    for axis in axes:
        axis._get_points_surrounding_hexagon = points
    for name in _DRAWINGS:
        setattr(ax, name, _one_measurement(getattr(ax, name), state))
    ax._ecei_measured_once = True
    return ax


def _one_measurement(method, state: dict):
    """Wrap an axes method so that its whole call shares one measurement."""

    def wrapped(*args, **kwargs):
        with _measurement(state):
            return method(*args, **kwargs)

    wrapped.__doc__ = method.__doc__
    return wrapped


@contextmanager
def _measurement(state: dict) -> Iterator[None]:
    """Open a measurement for one drawing (nested drawings share the outer one)."""
    if state["cache"] is not None:
        yield
        return
    state["cache"] = {}
    try:
        yield
    finally:
        state["cache"] = None
