"""One fixed colour per cluster (and per class) across every figure."""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib as mpl
import seaborn as sns

__all__ = ["CLASS_COLOURS", "cluster_colours"]

#: Colours of the significance classes (warm and dark = more important).
CLASS_COLOURS: dict[str, str] = {
    "very_important": "#8c2d04",
    "important": "#ec7014",
    "not_so_important": "#74a9cf",
}

# tab20 reordered so the first ten colours are the saturated ones.
_TAB20 = mpl.colormaps["tab20"].colors
_BASE = [_TAB20[i] for i in range(0, 20, 2)] + [_TAB20[i] for i in range(1, 20, 2)]


def cluster_colours(clusters: Iterable[str]) -> dict[str, tuple[float, float, float]]:
    """Assign each cluster a fixed colour by its position in the study's list.

    The same study (``clusters.csv`` order) always gives the same colours, in
    every figure and run. Up to 20 clusters get distinct tab20 colours; more get
    evenly spaced HUSL hues.

    Examples
    --------
    >>> colours = cluster_colours(["tomsk", "kaluga"])
    >>> colours["tomsk"] != colours["kaluga"]
    True
    """
    ids = list(clusters)
    palette = _BASE if len(ids) <= len(_BASE) else sns.husl_palette(len(ids), l=0.55)
    return {cid: tuple(palette[k][:3]) for k, cid in enumerate(ids)}
