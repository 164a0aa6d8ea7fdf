"""The explorer page's Bokeh layout: named models, colours, one callback for all."""

from __future__ import annotations

import pytest

from ecei_analysis.reports.explorer_widgets import hex_colour, place_palette


def test_hex_colours_and_the_place_palette():
    assert hex_colour((1.0, 0.5, 0.0)) == "#ff8000"
    palette = place_palette(19)
    assert len(palette) == 19 and len(set(palette)) == 19
    assert palette[0] == "#fde725" and palette[-1] == "#440154"  # viridis, reversed
    assert place_palette(1) == ["#fde725"]


@pytest.fixture(scope="module")
def document():
    from ecei_analysis import class_points, load_study
    from ecei_analysis.reports.explorer_page import _layout
    from ecei_analysis.scoring.weights import as_weights

    study = load_study()
    points = class_points(study)
    return _layout(study, points, as_weights("3:2:1"), "min", {})


def test_every_control_and_source_the_script_reads_is_named(document):
    for name in (
        "weight-slider-0",
        "weight-slider-1",
        "weight-slider-2",
        "weight-entry-0",
        "weight-entry-1",
        "weight-entry-2",
        "ordered",
        "ties",
        "map-choice",
        "note",
        "used",
        "table-source",
        "ranking-table",
        "weight-map",
        "map-source",
        "marker-source",
        "colour-bar",
    ):
        assert document.select_one({"name": name}) is not None, name


def test_one_callback_answers_every_control_the_map_and_the_first_render(document):
    from bokeh.models import CustomJS

    callbacks = list(document.select({"type": CustomJS}))
    assert len(callbacks) == 1
    callback = callbacks[0]
    for k in range(3):
        slider = document.select_one({"name": f"weight-slider-{k}"})
        assert slider.js_property_callbacks["change:value"] == [callback]
        entry = document.select_one({"name": f"weight-entry-{k}"})
        assert entry.js_property_callbacks["change:value"] == [callback]
    assert document.select_one({"name": "ordered"}).js_property_callbacks[
        "change:active"
    ] == [callback]
    weight_map = document.select_one({"name": "weight-map"})
    assert set(weight_map.js_event_callbacks) == {"tap", "doubletap"}
    assert document.callbacks._js_event_callbacks["document_ready"] == [callback]
    assert [s.value for s in document.select({"name": "weight-slider-0"})] == [3.0]
