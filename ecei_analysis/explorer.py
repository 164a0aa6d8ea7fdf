"""A live weight explorer for JupyterLab and Voilà, with a static fallback.

Sliders for the class weights, the ordinal-constraint toggle and the tie rule
update, as they move, the ranking table (changes versus equal weights, i.e. the
published record), the rank-flow chart and the marker on the exact weight-space
map.

For people, not only for the computation:

* the pictures are responsive ``<img>`` elements (alt text = caption) in a
  wrapping row, so nothing overflows an output area 800 px wide;
* sliders are wide enough to hit a value (a 300 px track and a number box),
  every control has a tooltip, and one line explains the ordinal and tie-rule
  controls;
* with the ordinal box ticked the nearest ordered weights are used and named
  under the box; the sliders keep what was set (a drag is never fought, and
  unticking returns to it);
* invalid weights (all zero) replace the pictures and the table with a note:
  nothing stale stays on screen;
* the table uses the reports' formatter; the synthetic banner appears once.

The work per move is small by design: :func:`explorer_state` is a few
milliseconds for 19 clusters; the weight map is drawn once and the marker is
painted onto its pixels; only the small rank-flow chart is redrawn. In reports
(``ECEI_STATIC``), without ipywidgets or with ``static=True``, a static snapshot is
shown instead of widgets; the live widgets carry the same snapshot as their HTML
fallback, so a static render of a notebook saved without widget state (JupyterLab's
default; GitHub, nbviewer, nbconvert) shows it instead of an empty slot.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .core.environment import static_output_requested
from .core.i18n import (
    _,
    current_language,
    format_significant,
    in_language,
    pgettext,
    use_language,
)
from .core.vocabulary import class_label
from .data.study import Study
from .figures.captions import caption_of
from .figures.rank_flow import plot_rank_flow
from .figures.weight_map import plot_weight_map
from .reports.explorer_page import SLIDER_END, weight_sentences
from .reports.formatting import table_html
from .reports.html import figure_html
from .reports.provenance import data_label, study_banner
from .scoring.points import class_points, score_clusters
from .scoring.ranks import rank_clusters
from .scoring.weights import WEIGHT_SETS, WeightsLike, as_weights

__all__ = [
    "Explorer",
    "ExplorerState",
    "explore",
    "explorer_state",
    "explorer_table",
    "project_ordered",
    "projection_html",
    "read_weight_box",
]


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
    ties: str = "min",
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
        The place basis: ``"min"`` (1 + the clusters strictly ahead, the
        briefing's) or ``"dense"`` (as published). The change column is the
        difference of the two place columns on that basis.
    points
        Precomputed :func:`~ecei_analysis.class_points` (for speed).

    Returns
    -------
    ExplorerState
    """
    points = class_points(study) if points is None else points
    classes = list(points.columns)
    w = as_weights(weights, classes).vector_for(classes)
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
            # The difference of the two place columns, as in the briefing.
            "change": baseline - ranks,
            "published_place": study.published["place"]
            .reindex(points.index)
            .astype("Int64"),
        }
    ).sort_values(["rank", "score"], ascending=[True, False], kind="stable")
    flow = pd.DataFrame(
        {
            pgettext("explorer", "equal weights"): baseline,
            pgettext("explorer", "current"): ranks,
        }
    )
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
        self.highlight = highlight or None
        self.widgets: dict = {}  # filled by explore() when live
        self.state: ExplorerState | None = None  # the last state shown
        self._map_pixels, self._to_pixel, self.map_caption = self._render_map()
        self._narrow_pixels, self._narrow_to_pixel, _ = self._render_map(narrow=True)
        self.flow_caption = ""
        #: The last flow chart drawn and the places it shows: redrawn only when
        #: the places change (most slider moves leave them as they are).
        self._flow_drawn: tuple[tuple, bytes] | None = None

    def __repr__(self) -> str:
        """Return the ranking under the last weights shown (terminals, scripts)."""
        if self.state is None:
            return f"<Explorer of {len(self.points)} clusters>"
        ratio = ":".join(format_significant(v) for v in self.state.weights.values())
        return (
            f"{study_banner(self.study)}\n"
            + _("Ranking under the current weights ({ratio}).").format(ratio=ratio)
            + "\n"
            + explorer_table(self.state).to_string(index=False)
        )

    def _render_map(self, *, narrow: bool = False):
        """Draw the map once: its pixels, the weights-to-pixel map, its caption.

        ``narrow``: the legend under the triangle, about 350 px wide, for outputs too
        narrow to show the wide map (legend beside it) with legible text.
        """
        size = (3.9, 5.9) if narrow else (7.6, 4.6)
        fig = Figure(figsize=size, dpi=MAP_DPI)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot(projection="ternary")
        plot_weight_map(self.points, labels=self.labels, data_note=self.note, ax=ax)
        if narrow:  # legend below; the stamp in the figure's top corner
            legend = ax.get_legend()
            legend.set_loc("upper center")
            legend.set_bbox_to_anchor((0.5, -0.3), transform=ax.transAxes)
            stamp = pgettext("figure", "SYNTHETIC DATA")
            for text in ax.texts:
                if text.get_text() == stamp:
                    text.set_transform(fig.transFigure)
                    text.set_position((0.98, 0.99))
                    text.set_verticalalignment("top")
            fig.subplots_adjust(left=0.13, right=0.87, bottom=0.37, top=0.9)
        else:  # room on the right for the legend, below for the axis labels
            fig.subplots_adjust(left=0.06, right=0.56, bottom=0.16, top=0.9)
        _widen_to_fit(fig)  # a long legend (Russian, long names) is never cut
        fig.canvas.draw()
        pixels = np.asarray(fig.canvas.buffer_rgba())[..., :3].copy()
        height = pixels.shape[0]

        def to_pixel(shares: np.ndarray) -> tuple[int, int]:
            xy = ax.transProjection.transform(np.asarray(shares, dtype=float)[None, :])
            x, y = ax.transData.transform(xy)[0]
            return round(x), round(height - y)

        return pixels, to_pixel, caption_of(ax)

    def map_png(self, shares: np.ndarray, *, narrow: bool = False) -> bytes:
        """Return the weight map with the marker at ``shares`` as PNG bytes."""
        from PIL import Image

        base = self._narrow_pixels if narrow else self._map_pixels
        to_pixel = self._narrow_to_pixel if narrow else self._to_pixel
        pixels = base.copy()
        cx, cy = to_pixel(shares)
        yy, xx = np.ogrid[: pixels.shape[0], : pixels.shape[1]]
        dist = np.hypot(xx - cx, yy - cy)
        pixels[dist <= 8] = (0, 0, 0)
        pixels[dist <= 6] = (255, 215, 0)
        buffer = io.BytesIO()
        Image.fromarray(pixels).save(buffer, format="PNG")
        return buffer.getvalue()

    def flow_png(self, state: ExplorerState) -> bytes:
        """Return the rank-flow chart (equal weights → current) as PNG bytes.

        The chart shows places only, so the last drawing is reused while they
        stay the same.
        """
        flow = state.flow
        shown = (tuple(flow.index), tuple(flow.columns), flow.to_numpy().tobytes())
        if self._flow_drawn is not None and self._flow_drawn[0] == shown:
            return self._flow_drawn[1]
        fig = Figure(figsize=(FLOW_WIDTH / MAP_DPI, 5.0), dpi=MAP_DPI)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        plot_rank_flow(
            state.flow,
            highlight=self.highlight,
            labels=self.labels,
            data_note=self.note,
            ax=ax,
        )
        self.flow_caption = caption_of(ax)
        fig.subplots_adjust(left=0.14, right=0.72, bottom=0.16, top=0.94)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
        self._flow_drawn = (shown, buffer.getvalue())
        return self._flow_drawn[1]

    def update(
        self,
        weights: Mapping[str, float],
        *,
        ordered: bool = False,
        ties: str = "min",
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
            _table_html(state, self.study, ties),
            self.map_png(state.shares),
            self.flow_png(state),
        )

    def pictures_html(self, state: ExplorerState, map_png: bytes, flow_png: bytes):
        """Return the two pictures as responsive ``<figure>`` HTML (map, flow)."""
        ratio = ":".join(format_significant(v) for v in state.weights.values())
        marker = pgettext(
            "explorer", "Gold dot: the current weights ({ratio})."
        ).format(ratio=ratio)
        # Short alternative texts (one sentence each); the captions hold the rest.
        leaders = state.table.index[state.table["rank"] == 1]
        leader = ", ".join(str(self.labels.get(c, c)) for c in leaders)
        map_alt = pgettext(
            "explorer",
            "Weight map: who is first for every weighting; the gold dot marks the "
            "current weights {ratio}.",
        ).format(ratio=ratio)
        flow_alt = pgettext(
            "explorer",
            "Rank flow: places under equal weights and under {ratio}; first now: "
            "{leader}.",
        ).format(ratio=ratio, leader=leader)
        narrow_png = self.map_png(state.shares, narrow=True)
        wide = self._map_pixels.shape[1]
        # the wide map until its smallest text would fall under 8 px
        legible = math.ceil(wide * LEGIBLE_PX / SMALLEST_TEXT_PX)
        return (
            figure_html(
                map_png,
                f"{self.map_caption} {marker}",
                alt=map_alt,
                max_width=wide,
                narrow=(narrow_png, self._narrow_pixels.shape[1], legible),
            ),
            figure_html(
                flow_png, self.flow_caption, alt=flow_alt, max_width=FLOW_WIDTH
            ),
        )


@in_language
def explorer_table(
    state: ExplorerState, *, language: str | None = None
) -> pd.DataFrame:
    """Return the ranking of a state for people: translated headers, names."""
    table = state.table
    return pd.DataFrame(
        {
            pgettext("column", "place"): table["rank"].to_numpy(),
            pgettext("column", "cluster"): table["cluster"].to_numpy(),
            pgettext("column", "score (weighted sum)"): table["score"].to_numpy(),
            pgettext("column", "place, equal weights"): table[
                "baseline_rank"
            ].to_numpy(),
            pgettext("column", "change"): table["change"].to_numpy(),
            pgettext("column", "published place"): table["published_place"].array,
        }
    )


def projection_html(state: ExplorerState) -> str:
    """Say which weights are used when the set ones break the order (else "")."""
    import html

    if not state.projected:
        return ""
    values = ", ".join(
        f"{class_label(k)} {format_significant(v)}" for k, v in state.weights.items()
    )
    text = weight_sentences()["projected"].format(weights=values)
    return f"<p><i>{html.escape(text)}</i></p>"


def _table_html(state: ExplorerState, study: Study, ties: str = "min") -> str:
    import html

    from .reports.phrases import place_basis_note

    caption = html.escape(
        _("Ranking under the current weights. Data: {label}.").format(
            label=data_label(study)
        )
        + " "
        + place_basis_note(ties)
        + " "
        + pgettext(
            "explorer",
            "Change: the place under equal weights minus the place now (+ = moved up).",
        )
    )
    return (
        f"<p><i>{caption}</i></p>"
        # A narrow output area scrolls the table instead of cutting it.
        + '<div style="overflow-x:auto;max-width:100%">'
        + table_html(explorer_table(state), index=False)
        + "</div>"
    )


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def _widen_to_fit(fig: Figure, margin: float = 0.05) -> None:
    """Widen a figure so that everything drawn fits, the axes kept as they are.

    A legend beside or below the axes can be wider than the figure (Russian
    words, long cluster names): the figure grows on that side by what sticks
    out (plus ``margin`` inches), and the axes keep their size and place.
    """
    fig.canvas.draw()
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    width, height = fig.get_size_inches()
    left = max(0.0, margin - box.x0)
    right = max(0.0, box.x1 - width + margin)
    if left == 0 and right == 0:
        return
    params = fig.subplotpars
    grown = width + left + right
    fig.set_size_inches(grown, height)
    fig.subplots_adjust(
        left=(params.left * width + left) / grown,
        right=(params.right * width + left) / grown,
    )


#: Screen resolution of the explorer's pictures, and the flow chart's width (px).
MAP_DPI, FLOW_WIDTH = 90, 378
#: The pictures' smallest text (7 pt) in CSS px at their drawn size, and the
#: smallest a reader gets: the wide map gives way to the narrow one below that.
SMALLEST_TEXT_PX, LEGIBLE_PX = 7 * MAP_DPI / 72, 8
#: The picture row: the map takes the room left beside the flow chart (which
#: keeps its drawn width) up to its own drawn width (no gap opens between them
#: on a wide screen), and both stack when the row is narrower than the two.
MAP_FLEX, FLOW_FLEX, MAP_WIDEST = "1 1 360px", f"0 1 {FLOW_WIDTH}px", "700px"

#: The explorer's page style: wrapping picture row, report-like table.
_STYLE = """<style>
.ecei-explorer table{border-collapse:collapse;font-size:12px}
.ecei-explorer th{border-bottom:1px solid #333;text-align:left;padding:2px 8px}
.ecei-explorer td{padding:2px 8px;border:none}
.ecei-explorer td.num,.ecei-explorer th.num{text-align:right}
.ecei-explorer tr:nth-child(even) td{background:#f6f6f6}
.ecei-explorer .ecei-banner{color:#7b241c;font-weight:bold;border:1px solid #7b241c;
 background:#fdecea;padding:6px 10px}
.ecei-explorer .noUi-handle{background:#1f4e79 !important;
 border-color:#1f4e79 !important}
.ecei-explorer .noUi-target{background:#8c8c8c !important}
.ecei-explorer .widget-html{max-width:100%;min-width:0}
.ecei-explorer .widget-html-content{min-width:0;flex:1 1 auto}
</style>"""


#: The live explorer's class, and its snapshot's: where the live widgets render,
#: the snapshot beside them is hidden (CSS :has, in the widgets' own style).
_LIVE_CLASS, _SNAPSHOT_CLASS = "ecei-live", "ecei-snapshot"
#: The number boxes' class: their labels (the class names) are for screen
#: readers only, the slider's label beside them says the same to the eye.
_WEIGHT_BOX_CLASS = "ecei-weight-box"
_LIVE_STYLE = (
    f"<style>body:has(.{_LIVE_CLASS}) .{_SNAPSHOT_CLASS}{{display:none}}"
    f".{_WEIGHT_BOX_CLASS} .widget-label{{position:absolute;width:1px;height:1px;"
    "margin:0;overflow:hidden;clip-path:inset(50%)}</style>"
)


#: Slider handles named for screen readers by their slider's label (ipywidgets
#: gives the handle a role and a value but no name); run where the widgets are.
_NAME_HANDLES_JS = """
(() => {
  const name = () => document.querySelectorAll(
    '.ecei-live .widget-slider .noUi-handle:not([aria-label])').forEach(h => {
      const label = h.closest('.widget-slider').querySelector('.widget-label');
      if (label && label.textContent.trim()) {
        h.setAttribute('aria-label', label.textContent.trim());
      }
    });
  name();
  new MutationObserver(name).observe(document.body, {childList: true, subtree: true});
})();
"""


def _box_text(value: float) -> str:
    """Return a weight as its number box shows it (two decimals at most)."""
    from .core.i18n import format_number

    return format_number(round(float(value), 2), language=None).replace("\u00a0", "")


def read_weight_box(text: str, cls: str, current: float) -> tuple[float, str]:
    """Read a weight typed in a number box: ``(value, message)``.

    A decimal comma or point is accepted; a value outside 0 to 10 is set to the
    nearest end, and text that is not a number keeps the ``current`` value; the
    message says which (empty when the text was read as typed).

    Examples
    --------
    >>> read_weight_box("3,5", "important", 2.0)
    (3.5, '')
    >>> read_weight_box("25", "important", 2.0)[0]
    10.0
    >>> read_weight_box("abc", "important", 2.0)[0]
    2.0
    """
    import math

    cleaned = text.strip().replace(",", ".").replace(" ", "").replace("\u00a0", "")
    try:
        value = float(cleaned)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        return current, weight_sentences()["not_a_number"].format(
            text=text, cls=class_label(cls), value=_box_text(current)
        )
    clipped = min(max(value, 0.0), SLIDER_END)
    if clipped != value:
        return clipped, weight_sentences()["clipped"].format(
            text=text,
            end=_box_text(SLIDER_END),
            cls=class_label(cls),
            value=_box_text(clipped),
        )
    return value, ""


def _help_text() -> str:
    return _(
        "Only the ratios of the weights matter. 'keep VI ≥ I ≥ NSI': when ticked, "
        "weights that break this order are replaced by the nearest weights that "
        "keep it, named under the box; the sliders keep what you set. 'ties': min "
        "numbers tied clusters 1, 2, 2, 4 (1 + the clusters strictly ahead); dense "
        "numbers them 1, 2, 2, 3 (as published in 2015)."
    )


@in_language
def explore(
    study: Study,
    weights: WeightsLike | None = None,
    *,
    static: bool | None = None,
    banner: bool = True,
    language: str | None = None,
) -> Explorer:
    """Show the live weight explorer (or a static snapshot) in a notebook.

    Parameters
    ----------
    study
        The study.
    weights
        Initial slider values in any accepted form (``"5:2:1"``, a named set, a
        mapping; default 3 : 2 : 1).
    static
        ``True``: static snapshot. ``None``: static when ipywidgets is missing,
        outside a Jupyter kernel, or when ``ECEI_STATIC`` is set (the report
        runner sets it under papermill).
    banner
        Show the data banner (``False`` where the page shows it already, as the
        ``04_explore`` notebook does: one banner per page).

    Returns
    -------
    Explorer
        The renderer (its ``update`` is what the sliders call); when live, its
        ``widgets`` dict holds the controls and outputs. Outside Jupyter nothing
        is displayed and the explorer's repr is the ranking table.
    """
    import html

    from IPython.display import HTML, display

    show_banner = banner
    explorer = Explorer(study)
    weights = as_weights(
        WEIGHT_SETS["proposal"] if weights is None else weights,
        explorer.points.columns,
    )
    if static is None:
        static = static_output_requested() or not _in_kernel()
        if not static:
            try:
                import ipywidgets  # noqa: F401
            except ImportError:
                static = True
    state, table, map_png, flow_png = explorer.update(weights)
    explorer.state = state
    if static and not _in_kernel():  # a terminal or a script: the repr says it
        return explorer
    map_html, flow_html = explorer.pictures_html(state, map_png, flow_png)
    banner = (
        f'<p class="ecei-banner">{html.escape(study_banner(study))}</p>'
        if study.is_synthetic and show_banner
        else ""
    )
    row = (
        '<div style="display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start">'
        f'<div style="flex:{MAP_FLEX};min-width:0;max-width:{MAP_WIDEST}">'
        f"{map_html}</div>"
        f'<div style="flex:{FLOW_FLEX};min-width:0">{flow_html}</div></div>'
    )
    ratio = ", ".join(
        f"{class_label(k)} = {format_significant(v)}" for k, v in state.weights.items()
    )
    note = html.escape(
        _("Static snapshot (no live widgets here): weights {ratio}.").format(
            ratio=ratio
        )
    )
    snapshot = (
        f'{_STYLE}<div class="ecei-explorer">{banner}<p><b>{note}</b></p>'
        f"{row}{table}</div>"
    )
    if static:
        display(HTML(snapshot))
        return explorer
    return _live(explorer, weights, banner, table, map_html, flow_html, snapshot)


def _live(explorer, weights, banner, table, map_html, flow_html, snapshot) -> Explorer:
    import html

    import ipywidgets as widgets
    from IPython.display import HTML, Javascript, display

    classes = list(explorer.points.columns)
    sliders = {
        c: widgets.FloatSlider(
            value=float(weights[c]),
            min=0.0,
            max=SLIDER_END,
            step=0.01,
            description=class_label(c),
            tooltip=pgettext(
                "explorer",
                "Weight of the class '{cls}' (0 to 10; only the ratios matter)",
            ).format(cls=class_label(c)),
            continuous_update=True,
            readout=False,  # the number box beside it shows and takes the value
            style={"description_width": "130px"},
            layout=widgets.Layout(width="min(100% - 90px, 480px)"),
        )
        for c in classes
    }
    boxes = {
        c: widgets.Text(
            value=_box_text(weights[c]),
            continuous_update=False,  # read on Enter or on leaving the box
            description=class_label(c),  # read out, not shown (see the style)
            tooltip=pgettext(
                "explorer",
                "Weight of '{cls}': type a number from 0 to 10 (a decimal comma "
                "or point).",
            ).format(cls=class_label(c)),
            layout=widgets.Layout(width="72px"),
        )
        for c in classes
    }
    for box in boxes.values():
        box.add_class(_WEIGHT_BOX_CLASS)
    ordered = widgets.Checkbox(
        value=False,
        description=pgettext("explorer", "keep VI ≥ I ≥ NSI"),
        tooltip=pgettext(
            "explorer",
            "Move weights that break very important ≥ important ≥ not so important "
            "to the nearest weights that keep it",
        ),
        indent=False,
    )
    ties = widgets.Dropdown(
        options=[
            (pgettext("explorer", "min (1, 2, 2, 4)"), "min"),
            (pgettext("explorer", "dense (1, 2, 2, 3)"), "dense"),
        ],
        value="min",
        description=pgettext("explorer", "ties"),
        tooltip=pgettext("explorer", "How tied clusters are numbered"),
        style={"description_width": "130px"},
        layout=widgets.Layout(width="min(100%, 330px)"),
    )
    help_line = widgets.HTML(
        value=f'<p style="font-size:12px;color:#444">{html.escape(_help_text())}</p>'
    )
    map_view = widgets.HTML(
        value=map_html, layout=widgets.Layout(flex=MAP_FLEX, max_width=MAP_WIDEST)
    )
    flow_view = widgets.HTML(value=flow_html, layout=widgets.Layout(flex=FLOW_FLEX))
    pictures = widgets.Box(
        [map_view, flow_view],
        layout=widgets.Layout(
            display="flex",
            flex_flow="row wrap",
            align_items="flex-start",
            width="100%",
        ),
    )
    placeholder = widgets.HTML(
        value="<p><b>"
        + html.escape(
            _(
                "At least one weight must be positive: the map, the chart and the "
                "table reappear as soon as one is."
            )
        )
        + "</b></p>",
        layout=widgets.Layout(display="none"),
    )
    table_view = widgets.HTML(value=table)
    # A busy sign while an update is computed, and what a number box refused.
    status = widgets.HTML(value="")
    messages = widgets.HTML(value="")
    used = widgets.HTML(value="")
    language = current_language()

    def typed(change) -> None:
        with use_language(language):
            cls = next(c for c, b in boxes.items() if b is change["owner"])
            if change["new"] == _box_text(sliders[cls].value):
                return
            value, message = read_weight_box(change["new"], cls, sliders[cls].value)
            sliders[cls].value = value  # its box follows (see moved)
            boxes[cls].value = _box_text(value)  # also when the value is unchanged
            messages.value = (
                f'<p style="color:#7b241c">{html.escape(message)}</p>'
                if message
                else ""
            )

    def moved(change) -> None:
        with use_language(language):
            cls = next(c for c, s in sliders.items() if s is change["owner"])
            boxes[cls].value = _box_text(change["new"])

    def refresh(_change=None) -> None:
        with use_language(language):
            status.value = (
                '<span style="color:#555">' + html.escape(_("updating…")) + "</span>"
            )
            try:
                _refresh()
            finally:
                status.value = ""

    def _refresh() -> None:
        values = {c: s.value for c, s in sliders.items()}
        if sum(values.values()) <= 0:
            pictures.layout.display = "none"
            table_view.layout.display = "none"
            placeholder.layout.display = None
            return
        state, table_html_, png_map, png_flow = explorer.update(
            values, ordered=ordered.value, ties=ties.value
        )
        explorer.state = state  # the sliders keep what was set, never projected
        used.value = projection_html(state)
        map_view.value, flow_view.value = explorer.pictures_html(
            state, png_map, png_flow
        )
        table_view.value = table_html_
        placeholder.layout.display = "none"
        pictures.layout.display = "flex"
        table_view.layout.display = None

    for box in boxes.values():
        box.observe(typed, names="value")
    for slider in sliders.values():
        slider.observe(moved, names="value")
    for control in [*sliders.values(), ordered, ties]:
        control.observe(refresh, names="value")
    explorer.widgets = {
        **sliders,
        **{f"{c}_box": b for c, b in boxes.items()},
        "status": status,
        "messages": messages,
        "used": used,
        "ordered": ordered,
        "ties": ties,
        "map": map_view,
        "flow": flow_view,
        "pictures": pictures,
        "placeholder": placeholder,
        "table": table_view,
    }
    style = widgets.HTML(value=_STYLE + _LIVE_STYLE + banner)
    box = widgets.VBox(
        [
            style,
            *(
                widgets.HBox(
                    [sliders[c], boxes[c]], layout=widgets.Layout(width="100%")
                )
                for c in classes
            ),
            messages,
            ordered,
            used,
            widgets.HBox([ties, status]),
            help_line,
            placeholder,
            pictures,
            table_view,
        ],
        layout=widgets.Layout(width="100%"),
    )
    box.add_class("ecei-explorer")
    box.add_class(_LIVE_CLASS)
    # The snapshot is its own output, shown wherever the live widgets are not:
    # a static render (nbconvert, GitHub) or a notebook reopened without its
    # kernel ("model not found"). Where the widgets render, their style hides it.
    display(HTML(f'<div class="{_SNAPSHOT_CLASS}">{snapshot}</div>'))
    bundle = box._repr_mimebundle_()
    bundle["text/html"] = ""  # the snapshot above stands in for the widgets
    display(bundle, raw=True)
    display(Javascript(_NAME_HANDLES_JS))
    return explorer
