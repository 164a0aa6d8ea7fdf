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

__all__ = ["CLASS_COLOURS", "cluster_colours", "colours_for", "text_colour"]

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


def text_colour(colour: tuple) -> tuple[float, float, float]:
    """Darken a cluster colour until it reads as text on white (in print).

    Light colours are mixed with black until their relative luminance is at most
    0.18 (a contrast of at least 4.5:1 on white, WCAG AA for text); dark ones are
    returned as they are.

    Examples
    --------
    >>> text_colour((0.78, 0.78, 0.78))[0] < 0.6
    True
    """
    rgb = [float(v) for v in colour[:3]]

    def luminance(c):
        lin = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    factor = 1.0
    while luminance([v * factor for v in rgb]) > 0.18 and factor > 0.2:
        factor -= 0.05
    return tuple(v * factor for v in rgb)
