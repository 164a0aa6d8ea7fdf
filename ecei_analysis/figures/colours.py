"""One fixed colour per cluster (and per class) across every figure.

A cluster's colour is keyed by its id's position in the study's cluster list
(``clusters.csv`` order): the first twenty get the saturated then the light
tab20 colours, further ones golden-angle HUSL hues. Adding clusters at the end
of a study never changes the colours of the existing ones, and every figure of a
study agrees, because plot functions key the colours by the study's order (from
``labels``) rather than by the row order of the frame they draw.
"""

from __future__ import annotations

import colorsys
from collections.abc import Iterable, Mapping

import matplotlib as mpl

__all__ = [
    "CLASS_COLOURS",
    "cluster_colours",
    "colours_for",
    "darkened",
    "mark_colour",
    "text_colour",
]

#: Colours of the significance classes (warm and dark = more important).
CLASS_COLOURS: dict[str, str] = {
    "very_important": "#8c2d04",
    "important": "#ec7014",
    "not_so_important": "#74a9cf",
}

_TAB20 = mpl.colormaps["tab20"].colors
_BASE = [_TAB20[i] for i in range(0, 20, 2)] + [_TAB20[i] for i in range(1, 20, 2)]
_GOLDEN = 137.50776405003785


def _extra(position: int) -> tuple[float, float, float]:
    """Return a colour for positions past the curated twenty (golden-angle hues)."""
    k = position - len(_BASE)
    hue = ((k * _GOLDEN) % 360) / 360
    lightness = (0.42, 0.58)[k % 2]
    return colorsys.hls_to_rgb(hue, lightness, 0.65)


def cluster_colours(clusters: Iterable[str]) -> dict[str, tuple[float, float, float]]:
    """Assign each cluster a fixed colour by its position in the study's list.

    Examples
    --------
    >>> colours = cluster_colours(["tomsk", "kaluga"])
    >>> colours["tomsk"] != colours["kaluga"]
    True
    >>> cluster_colours(["tomsk", "kaluga", "new"])["kaluga"] == colours["kaluga"]
    True
    """
    out = {}
    for position, cid in enumerate(clusters):
        colour = _BASE[position] if position < len(_BASE) else _extra(position)
        out[cid] = tuple(float(v) for v in colour[:3])
    return out


def colours_for(
    ids: Iterable[str],
    colours: Mapping[str, tuple] | None,
    labels: Mapping[str, str] | None,
) -> dict[str, tuple]:
    """Return the colours of ``ids``: the given ones, else keyed by the study order.

    ``labels`` (the study's ``labels()``) carries the study's cluster order; a
    frame's own row order (a pivot, a sort) must not change a cluster's colour.
    """
    if colours is not None:
        return dict(colours)
    order = list(labels) if labels else []
    order += [c for c in ids if c not in set(order)]
    return cluster_colours(order)


def darkened(colour: tuple, contrast: float) -> tuple[float, float, float]:
    """Darken a colour until it has at least ``contrast`` against white.

    The colour is mixed with black until its relative luminance L satisfies
    1.05 / (L + 0.05) >= ``contrast`` (the WCAG contrast ratio on white); a
    colour dark enough already is returned as it is.

    Examples
    --------
    >>> darkened((0.2, 0.2, 0.2), 3.0)
    (0.2, 0.2, 0.2)
    """
    rgb = [float(v) for v in colour[:3]]
    ceiling = 1.05 / contrast - 0.05

    def luminance(c):
        lin = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    factor = 1.0
    while luminance([v * factor for v in rgb]) > ceiling and factor > 0.2:
        factor -= 0.05
    return tuple(v * factor for v in rgb)


def text_colour(colour: tuple) -> tuple[float, float, float]:
    """Darken a cluster colour until it reads as text on white (in print).

    At least 4.5:1 on white (WCAG AA for text); see :func:`darkened`.

    Examples
    --------
    >>> text_colour((0.78, 0.78, 0.78))[0] < 0.6
    True
    """
    return darkened(colour, 4.5)


def mark_colour(colour: tuple) -> tuple[float, float, float]:
    """Darken a cluster colour until a line or a point of it shows on white.

    At least 3:1 on white (WCAG for marks that carry meaning); see
    :func:`darkened`.

    Examples
    --------
    >>> mark_colour((0.78, 0.78, 0.78))[0] < 0.7
    True
    """
    return darkened(colour, 3.0)
