"""The Bokeh models of the offline explorer page, wired to its one callback.

Everything the page shows is laid out here; what it shows is computed by
``explorer_page.js`` in the browser (and by the package, for the map's regions,
in :mod:`~ecei_analysis.reports.explorer_page`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from ..core.i18n import current_language, pgettext

__all__ = ["build_layout", "hex_colour", "place_palette"]

_TABLE_ROW = 25
_FONT = "12px"


def hex_colour(colour: tuple) -> str:
    """``#rrggbb`` of an RGB tuple of floats in [0, 1]."""
    return "#" + "".join(f"{round(255 * c):02x}" for c in colour[:3])


def place_palette(n: int) -> list[str]:
    """Colours of places 1 .. n on the map (viridis, reversed: 1st is yellow)."""
    import matplotlib

    cmap = matplotlib.colormaps["viridis_r"]
    return [hex_colour(cmap(k / max(n - 1, 1))) for k in range(n)]


def _controls(texts, weights, ties, basis, cluster_names, has_places):
    from bokeh.models import Checkbox, Select, Slider, TextInput

    sliders, entries = [], []
    for k, (label, value) in enumerate(zip(texts["classes"], weights, strict=True)):
        sliders.append(
            Slider(
                start=0,
                end=10,
                step=0.01,
                value=value,
                title=label,
                show_value=False,
                width=230,
                name=f"weight-slider-{k}",
                css_classes=["ecei-weight"],
            )
        )
        entries.append(
            TextInput(
                value="",
                width=80,
                name=f"weight-entry-{k}",
                title=pgettext("explorer page", "weight"),
                description=pgettext(
                    "explorer page",
                    "Type a weight from 0 to 10 (a decimal comma or point).",
                ),
            )
        )
    ordered = Checkbox(
        label=pgettext(
            "explorer page", "keep very important ≥ important ≥ not so important"
        ),
        active=False,
        name="ordered",
    )
    rule = Select(
        title=pgettext("explorer page", "Places"),
        value=ties,
        options=[("min", basis["min"]), ("dense", basis["dense"])],
        width=330,
        name="ties",
    )
    choices = [("", texts["first_places"])]
    if has_places:
        choices += [
            (cid, texts["places_of"].format(name=name)) for cid, name in cluster_names
        ]
    map_choice = Select(
        title=pgettext("explorer page", "The map shows"),
        value="",
        options=choices,
        width=330,
        name="map-choice",
    )
    return sliders, entries, ordered, rule, map_choice


def _map_figure(texts, first, n_clusters):
    from bokeh.models import (
        ColorBar,
        ColumnDataSource,
        FixedTicker,
        HoverTool,
        LinearColorMapper,
    )
    from bokeh.plotting import figure

    height = 3**0.5 / 2
    fig = figure(
        width=440,
        height=420,
        x_range=(-0.12, 1.12),
        y_range=(-0.1, 0.98),
        tools="tap",
        toolbar_location=None,
        match_aspect=True,
        name="weight-map",
        title=pgettext("explorer page", "Weight map: click to set the weights"),
    )
    fig.axis.visible = False
    fig.grid.visible = False
    fig.outline_line_color = None
    map_source = ColumnDataSource(first, name="map-source")
    patches = fig.patches(
        "xs",
        "ys",
        source=map_source,
        fill_color="colour",
        line_color="colour",
        line_width=0.6,
    )
    hover = HoverTool(renderers=[patches], tooltips=[("", "@label")])
    fig.add_tools(hover)
    fig.line([0, 1, 0.5, 0], [0, 0, height, 0], line_color="#333333", line_width=1)
    corners = ColumnDataSource(
        {
            "x": [0.5, 0.0, 1.0],
            "y": [height + 0.02, -0.05, -0.05],
            "text": texts["classes"],
            "align": ["center", "left", "right"],
        }
    )
    fig.text(
        "x",
        "y",
        text="text",
        source=corners,
        text_align="align",
        text_font_size=_FONT,
        text_baseline="bottom",
    )
    marker_source = ColumnDataSource({"x": [], "y": []}, name="marker-source")
    fig.scatter(
        "x",
        "y",
        source=marker_source,
        marker="diamond",
        size=16,
        fill_color="white",
        line_color="black",
        line_width=2,
        legend_label=texts["marker"],
    )
    fig.legend.location = "top_right"
    fig.legend.label_text_font_size = _FONT
    n = max(1, int(n_clusters))
    mapper = LinearColorMapper(palette=place_palette(n), low=0.5, high=n + 0.5)
    colour_bar = ColorBar(
        color_mapper=mapper,
        visible=False,
        width=12,
        title=texts["place"],
        ticker=FixedTicker(ticks=list(range(1, n + 1, max(1, n // 10)))),
        major_label_text_font_size=_FONT,
        name="colour-bar",
    )
    fig.add_layout(colour_bar, "right")
    return fig, map_source, marker_source, colour_bar


def _table(n_clusters, total):
    from bokeh.models import (
        ColumnDataSource,
        DataTable,
        NumberFormatter,
        StringFormatter,
        TableColumn,
    )

    source = ColumnDataSource(
        {
            k: []
            for k in (
                "id",
                "place",
                "cluster",
                "score",
                "score_text",
                "baseline",
                "change",
                "published",
            )
        },
        name="table-source",
    )
    whole = NumberFormatter(format="0", nan_format="—")
    columns = [
        ("place", pgettext("column", "place"), whole, 55),
        ("cluster", pgettext("column", "cluster"), StringFormatter(), 190),
        (
            "score_text",
            pgettext("explorer page", "score, 0–{total}").format(total=total),
            StringFormatter(text_align="right"),
            100,
        ),
        ("baseline", pgettext("column", "place, equal weights"), whole, 140),
        ("change", pgettext("column", "change"), NumberFormatter(format="+0"), 85),
        ("published", pgettext("column", "published place"), whole, 160),
    ]
    table = DataTable(
        source=source,
        columns=[
            TableColumn(field=f, title=t, formatter=fmt, width=w)
            for f, t, fmt, w in columns
        ],
        index_position=None,
        width=730,
        height=min(_TABLE_ROW * (n_clusters + 1) + 10, 620),
        row_height=_TABLE_ROW,
        sortable=False,  # sorted by place; the scores are shown as text
        autosize_mode="none",  # fixed widths: an update does not re-measure
        reorderable=False,
        name="ranking-table",
    )
    return table, source


def _bars(n_clusters, longest, total):
    """Scores as bars, one slot per place; the names are drawn, not axis labels.

    Drawn names and fixed ranges keep the plot's layout unchanged when the
    order changes, so an update repaints without measuring labels again.
    """
    from bokeh.models import ColumnDataSource, Range1d
    from bokeh.plotting import figure

    width, frame = 440, 420
    names_px = 8 * longest + 8
    left = total * names_px / max(frame - names_px, 80)
    fig = figure(
        width=width,
        height=max(200, 18 * n_clusters + 60),
        x_range=Range1d(-left, total * 1.02),
        y_range=Range1d(n_clusters + 0.6, 0.4),
        toolbar_location=None,
        tools="",
        name="score-bars",
        title=pgettext("explorer page", "Scores on the scale of the published totals"),
    )
    bar_source = ColumnDataSource({"slot": [], "cluster": [], "score": []})
    fig.hbar(
        y="slot",
        right="score",
        left=0,
        height=0.7,
        source=bar_source,
        fill_color="#4c72b0",
        line_color=None,
    )
    fig.text(
        x=0,
        y="slot",
        text="cluster",
        source=bar_source,
        x_offset=-4,
        text_align="right",
        text_baseline="middle",
        text_font_size=_FONT,
    )
    fig.yaxis.visible = False
    fig.xaxis.bounds = (0, total)
    fig.grid.visible = False
    return fig, bar_source


def _flow(n_clusters, longest):
    from bokeh.models import ColumnDataSource, Range1d
    from bokeh.plotting import figure

    # The lines span 0 .. 1 over 120 px; each side holds the longest label.
    side = (8 * longest + 24) / 120
    fig = figure(
        width=int(120 * (1 + 2 * side)),
        height=max(200, 18 * n_clusters + 60),
        toolbar_location=None,
        tools="",
        x_range=Range1d(-side, 1 + side),
        y_range=Range1d(n_clusters + 0.8, 0.2),
        name="rank-flow",
        title=pgettext("explorer page", "Places: equal weights → the weights set"),
    )
    fig.axis.visible = False
    fig.grid.visible = False
    flow_source = ColumnDataSource({"y0": [], "y1": [], "colour": []})
    fig.segment(
        x0=0,
        y0="y0",
        x1=1,
        y1="y1",
        source=flow_source,
        line_color="colour",
        line_width=2,
    )
    # The names beside the lines: equal weights on the left, the weights set right.
    sides = []
    for x, align in ((-0.05, "right"), (1.05, "left")):
        source = ColumnDataSource({"y": [], "text": []})
        fig.text(
            x=x,
            y="y",
            text="text",
            source=source,
            text_align=align,
            text_baseline="middle",
            text_font_size=_FONT,
        )
        sides.append(source)
    left_source, right_source = sides
    return fig, flow_source, left_source, right_source


def build_layout(
    *,
    heading: str,
    captions: Mapping[str, str],
    provenance: str,
    data: Mapping,
    texts: Mapping,
    first: Mapping,
    places: Mapping,
    weights: Sequence[float],
    ties: str,
    basis: Mapping[str, str],
    script: str,
):
    """Return the page's Bokeh document: controls, map, table, bars, flow.

    ``heading``, ``captions`` (``table``, ``figures``) and ``provenance`` are
    HTML, escaped by the caller; everything else is data, shown as text.
    """
    from bokeh.document import Document
    from bokeh.layouts import column, row
    from bokeh.models import CustomJS, Div

    n = len(data["ids"])
    names = list(zip(data["ids"], data["names"], strict=True))
    sliders, entries, ordered, rule, map_choice = _controls(
        texts, weights, ties, basis, names, bool(places)
    )
    fig_map, map_source, marker_source, colour_bar = _map_figure(texts, first, n)
    total = f"{sum(data['capacity']):g}"
    table, table_source = _table(n, total)
    longest = max(len(name) for name in data["names"])
    bars, bar_source = _bars(n, longest, sum(data["capacity"]))
    flow, flow_source, left_source, right_source = _flow(
        n, max(len(name) for name in data["names"]) + 4
    )
    # Fixed sizes: a changed sentence repaints the block, not the whole layout.
    note = Div(text="", name="note", styles={"color": "#7b241c"}, width=340, height=80)
    used = Div(text="", name="used", width=340, height=70)
    callback = CustomJS(
        args=dict(
            data_json=json.dumps(data, ensure_ascii=False),
            texts_json=json.dumps(dict(texts), ensure_ascii=False),
            places_json=json.dumps(places, ensure_ascii=False),
            first_json=json.dumps(first, ensure_ascii=False),
            sliders=sliders,
            entries=entries,
            ordered=ordered,
            ties=rule,
            map_choice=map_choice,
            note=note,
            used=used,
            table=table,
            table_source=table_source,
            bar_source=bar_source,
            flow_source=flow_source,
            left_source=left_source,
            right_source=right_source,
            map_source=map_source,
            marker_source=marker_source,
            colour_bar=colour_bar,
            language=current_language(),
        ),
        code=script,
    )
    for slider in sliders:
        slider.js_on_change("value", callback)
    for entry in entries:
        entry.js_on_change("value", callback)
    ordered.js_on_change("active", callback)
    rule.js_on_change("value", callback)
    map_choice.js_on_change("value", callback)
    # A quick second click is a double tap to Bokeh: it sets the weights too.
    fig_map.js_on_event("tap", callback)
    fig_map.js_on_event("doubletap", callback)
    controls = column(
        *[row(s, e) for s, e in zip(sliders, entries, strict=True)],
        ordered,
        rule,
        map_choice,
        used,
        note,
    )
    layout = column(
        Div(text=heading, width=1100),
        row(controls, column(fig_map, Div(text=captions["figures"], width=440))),
        row(
            column(Div(text=captions["table"], width=730), table),
            column(bars, flow, Div(text=captions["figures"], width=440)),
        ),
        Div(text=provenance, width=1100),
    )
    document = Document()
    document.add_root(layout)
    document.js_on_event("document_ready", callback)
    return document
