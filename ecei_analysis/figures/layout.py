"""The size of every kind of figure, in one table, and new Axes to draw on.

Reports, notebooks and the publication set draw each kind of figure at the size
listed here (inches, for a page or a journal's double column), so a figure looks
the same wherever it is made.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.axes import Axes

from ..core.errors import EceiDataError

__all__ = ["LAYOUTS", "new_axes"]

#: Kind of figure -> (width, height) in inches and the Axes projection.
LAYOUTS: dict[str, tuple[tuple[float, float], str | None]] = {
    "weight_map": ((7.0, 5.0), "ternary"),
    "rank_flow": ((7.0, 4.4), None),
    "rank_acceptability": ((7.0, 5.5), None),
    "rank_intervals": ((5.6, 4.6), None),
    "class_contributions": ((5.6, 4.6), None),
    "sobol": ((7.0, 5.0), None),
    "importance": ((7.0, 2.8), None),
    "classification_votes": ((7.0, 7.0), None),
}


def new_axes(kind: str) -> Axes:
    """Return the Axes of a new figure of ``kind`` (its size and projection).

    Examples
    --------
    >>> ax = new_axes("weight_map")
    >>> ax.name, ax.figure.get_size_inches().tolist()
    ('ternary', [7.0, 5.0])
    >>> plt.close(ax.figure)
    """
    if kind not in LAYOUTS:
        raise EceiDataError(
            f"unknown kind of figure {kind!r}; expected one of {', '.join(LAYOUTS)}"
        )
    size, projection = LAYOUTS[kind]
    figure = plt.figure(figsize=size)
    if projection:
        import mpltern  # noqa: F401  (registers the "ternary" projection)

        return figure.add_subplot(projection=projection)
    return figure.add_subplot()
