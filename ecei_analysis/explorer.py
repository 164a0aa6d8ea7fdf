"""A live weight explorer for JupyterLab (ipywidgets), with a static fallback.

Sliders for the three class weights, the ordinal-constraint toggle and the tie
rule update, as they move, the ranking table (changes versus the published
baseline), the rank-flow chart and the marker on the exact weight-space map.

The work per slider move is small by design: :func:`explorer_state` (scores,
ranks, table) is a few milliseconds for 19 clusters; the weight map is drawn
once and the marker is painted onto its pixels; only the small rank-flow chart
is redrawn. Under papermill, without ipywidgets or with ``static=True``, the
explorer shows a static snapshot instead of widgets.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .data.study import Study
from .figures.rank_flow import plot_rank_flow
from .figures.weight_map import plot_weight_map
from .reports.provenance import data_label, synthetic_banner
from .scoring.points import class_points, score_clusters
from .scoring.ranks import clusters_ahead, rank_clusters
from .scoring.weights import WEIGHT_SETS, resolve_weights

__all__ = ["Explorer", "ExplorerState", "explore", "explorer_state", "project_ordered"]


@dataclass(frozen=True)
class ExplorerState:
    """What the explorer shows for one position of the controls.

    Attributes
    ----------
    weights
        The weights used (after the ordinal projection when it applies).
    shares
        The same, normalised to sum 1 (the marker's position on the map).
    projected
        True when the sliders violated the order and were projected onto it.
    table
        Ranking with ``rank``, ``cluster``, ``score``, ``baseline_rank``
        (equal weights, i.e. the published record), ``change`` (positive = up),
        ``published_place``.
    flow
        Ranks per column: ``equal weights`` and ``current`` (for the flow chart).
    """

    weights: dict[str, float]
    shares: np.ndarray
    projected: bool
    table: pd.DataFrame
    flow: pd.DataFrame


def project_ordered(values: np.ndarray) -> np.ndarray:
    """Closest non-increasing vector (least squares; pool-adjacent-violators).

    Examples
    --------
    >>> project_ordered(np.array([1.0, 3.0, 2.0])).tolist()
    [2.0, 2.0, 2.0]
    """
    blocks = [[float(v), 1] for v in values]
    merged: list[list[float]] = []
    for block in blocks:
        merged.append(block)
        while len(merged) > 1 and merged[-2][0] < merged[-1][0]:
            value, weight = merged.pop()
            prev_value, prev_weight = merged.pop()
            total = prev_weight + weight
            merged.append([(prev_value * prev_weight + value * weight) / total, total])
    return np.concatenate([np.full(int(w), v) for v, w in merged])


def explorer_state(
    study: Study,
    weights: Mapping[str, float],
    *,
    ordered: bool = False,
    ties: str = "dense",
    points: pd.DataFrame | None = None,
) -> ExplorerState:
    """Compute everything the explorer displays for one set of slider values.

    Parameters
    ----------
    study
        The study.
    weights
        Slider values per class (validated).
    ordered
        Enforce w_VI >= w_I >= w_NSI by projecting the sliders onto the order.
    ties
        Tie rule.
    points
        Precomputed :func:`~ecei_analysis.class_points` (for speed).

    Returns
    -------
    ExplorerState
    """
    points = class_points(study) if points is None else points
    classes = list(points.columns)
    w = np.array(list(resolve_weights(weights, classes).values()))
    projected = False
    if ordered:
        fixed = project_ordered(w)
        projected = not np.allclose(fixed, w)
        w = fixed
    used = dict(zip(classes, w.tolist(), strict=True))
    scores = score_clusters(points, used)
    ranks = rank_clusters(scores, ties=ties)
    baseline = rank_clusters(score_clusters(points, WEIGHT_SETS["equal"]), ties=ties)
    labels = study.labels()
    table = pd.DataFrame(
        {
            "rank": ranks,
            "cluster": [labels[c] for c in points.index],
            "score": scores.round(3),
            "baseline_rank": baseline,
            "change": clusters_ahead(score_clusters(points, WEIGHT_SETS["equal"]))
            - clusters_ahead(scores),
            "published_place": study.published["place"]
            .reindex(points.index)
            .astype("Int64"),
        }
    ).sort_values(["rank", "score"], ascending=[True, False], kind="stable")
    flow = pd.DataFrame({"equal weights": baseline, "current": ranks})
    return ExplorerState(used, w / w.sum(), projected, table, flow)


class Explorer:
    """Stateful renderer behind :func:`explore` (testable without widgets).

    Parameters
    ----------
    study
        The study (exactly three classes for the weight map).
    highlight
        Clusters drawn bold in the flow chart (default: the published ones).
    """

    def __init__(self, study: Study, highlight: list[str] | None = None) -> None:
        self.study = study
        self.points = class_points(study)
        self.labels = study.labels()
        self.note = data_label(study)
        self.highlight = highlight or list(study.published.index) or None
        self.widgets: dict = {}  # filled by explore() when live
        self._map_pixels, self._to_pixel = self._render_map()

    def _render_map(self):
        fig = Figure(figsize=(6.5, 5.0), dpi=90)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot(projection="ternary")
        plot_weight_map(self.points, labels=self.labels, data_note=self.note, ax=ax)
        fig.canvas.draw()
        pixels = np.asarray(fig.canvas.buffer_rgba())[..., :3].copy()
        height = pixels.shape[0]

        def to_pixel(shares: np.ndarray) -> tuple[int, int]:
            xy = ax.transProjection.transform(np.asarray(shares, dtype=float)[None, :])
            x, y = ax.transData.transform(xy)[0]
            return round(x), round(height - y)

        return pixels, to_pixel

    def map_png(self, shares: np.ndarray) -> bytes:
        """Return the weight map with the marker at ``shares`` as PNG bytes."""
        from PIL import Image

        pixels = self._map_pixels.copy()
        cx, cy = self._to_pixel(shares)
        yy, xx = np.ogrid[: pixels.shape[0], : pixels.shape[1]]
        dist = np.hypot(xx - cx, yy - cy)
        pixels[dist <= 8] = (0, 0, 0)
        pixels[dist <= 6] = (255, 215, 0)
        buffer = io.BytesIO()
        Image.fromarray(pixels).save(buffer, format="PNG")
        return buffer.getvalue()

    def flow_png(self, state: ExplorerState) -> bytes:
        """Return the rank-flow chart (equal weights → current) as PNG bytes."""
        fig = Figure(figsize=(4.2, 5.0), dpi=90)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        plot_rank_flow(
            state.flow,
            highlight=self.highlight,
            labels=self.labels,
            data_note=self.note,
            ax=ax,
        )
        fig.subplots_adjust(left=0.14, right=0.72, bottom=0.16, top=0.97)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
        return buffer.getvalue()

    def update(
        self,
        weights: Mapping[str, float],
        *,
        ordered: bool = False,
        ties: str = "dense",
    ) -> tuple[ExplorerState, str, bytes, bytes]:
        """Recompute for new control values.

        Returns
        -------
        state, table_html, map_png, flow_png
        """
        state = explorer_state(
            self.study, weights, ordered=ordered, ties=ties, points=self.points
        )
        return (
            state,
            _table_html(state, self.study),
            self.map_png(state.shares),
            self.flow_png(state),
        )


def _table_html(state: ExplorerState, study: Study) -> str:
    note = ""
    if state.projected:
        note = (
            "<p><i>Sliders projected onto very important ≥ important ≥ not so "
            "important: "
            + ", ".join(f"{k} {v:.2f}" for k, v in state.weights.items())
            + "</i></p>"
        )
    banner = (
        f"<p style='color:#7b241c;font-weight:bold'>{synthetic_banner()}</p>"
        if study.is_synthetic
        else ""
    )
    caption = (
        f"<p><i>Ranking under the current weights. Data: {data_label(study)}.</i></p>"
    )
    return banner + note + caption + state.table.to_html(index=False)


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def explore(
    study: Study,
    weights: Mapping[str, float] | None = None,
    *,
    static: bool | None = None,
) -> Explorer:
    """Show the live weight explorer (or a static snapshot) in a notebook.

    Parameters
    ----------
    study
        The study.
    weights
        Initial slider values (default 3 : 2 : 1).
    static
        ``True``: static snapshot. ``None``: static when ipywidgets is missing,
        outside a Jupyter kernel, or when ``ECEI_STATIC`` is set (the report
        runner sets it under papermill).

    Returns
    -------
    Explorer
        The renderer (its ``update`` is what the sliders call); when live, its
        ``widgets`` dict holds the controls and outputs.
    """
    from IPython.display import HTML, Image, display

    weights = dict(weights or WEIGHT_SETS["proposal"])
    explorer = Explorer(study)
    if static is None:
        static = bool(os.environ.get("ECEI_STATIC")) or not _in_kernel()
        if not static:
            try:
                import ipywidgets  # noqa: F401
            except ImportError:
                static = True
    state, table, map_png, flow_png = explorer.update(weights)
    if static:
        display(
            HTML(
                "<p><b>Static snapshot</b> (no live widgets here): weights "
                + ", ".join(f"{k} = {v:g}" for k, v in state.weights.items())
                + ".</p>"
            )
        )
        display(Image(map_png), Image(flow_png), HTML(table))
        return explorer
    import ipywidgets as widgets

    classes = list(explorer.points.columns)
    sliders = {
        c: widgets.FloatSlider(
            value=float(weights[c]),
            min=0.0,
            max=10.0,
            step=0.1,
            description=c.replace("_", " "),
            continuous_update=True,
            style={"description_width": "120px"},
        )
        for c in classes
    }
    ordered = widgets.Checkbox(value=False, description="keep VI ≥ I ≥ NSI")
    ties = widgets.Dropdown(options=["dense", "min"], value="dense", description="ties")
    map_image = widgets.Image(value=map_png, format="png")
    flow_image = widgets.Image(value=flow_png, format="png")
    table_html = widgets.HTML(value=table)

    def refresh(_change=None) -> None:
        values = {c: s.value for c, s in sliders.items()}
        if sum(values.values()) <= 0:
            table_html.value = "<p>At least one weight must be positive.</p>"
            return
        _, html, png_map, png_flow = explorer.update(
            values, ordered=ordered.value, ties=ties.value
        )
        table_html.value, map_image.value, flow_image.value = html, png_map, png_flow

    for control in [*sliders.values(), ordered, ties]:
        control.observe(refresh, names="value")
    explorer.widgets = {
        **sliders,
        "ordered": ordered,
        "ties": ties,
        "map": map_image,
        "flow": flow_image,
        "table": table_html,
    }
    controls = widgets.VBox([*sliders.values(), ordered, ties])
    display(widgets.VBox([controls, widgets.HBox([map_image, flow_image]), table_html]))
    return explorer
