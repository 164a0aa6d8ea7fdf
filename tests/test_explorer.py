import io

import numpy as np
import pytest
from helpers import W
from PIL import Image

from ecei_analysis import (
    class_points,
    clusters_ahead,
    explore,
    explorer_state,
    rank_clusters,
    score_clusters,
)
from ecei_analysis.explorer import Explorer, project_ordered

"""The live explorer: update function, projection, widgets wiring, static fallback."""


@pytest.fixture(scope="module")
def explorer(study):
    return Explorer(study)


def test_state_table_matches_direct_ranking(study):
    state = explorer_state(study, W)
    points = class_points(study)
    ranks = rank_clusters(score_clusters(points, W))
    assert state.table["rank"].to_dict() == ranks.to_dict()
    base = clusters_ahead(score_clusters(points, {c: 1 for c in W}))
    now = clusters_ahead(score_clusters(points, W))
    assert (state.table["change"] == (base - now)[state.table.index]).all()
    assert state.table.loc["kaluga", "change"] == 1
    np.testing.assert_allclose(state.shares, [0.5, 1 / 3, 1 / 6])
    assert list(state.flow.columns) == ["equal weights", "current"]


def test_ordered_toggle_projects_the_sliders(study):
    state = explorer_state(
        study,
        {"very_important": 1, "important": 3, "not_so_important": 2},
        ordered=True,
    )
    assert state.projected
    assert state.weights == {
        "very_important": 2.0,
        "important": 2.0,
        "not_so_important": 2.0,
    }
    free = explorer_state(
        study, {"very_important": 1, "important": 3, "not_so_important": 2}
    )
    assert not free.projected and free.weights["important"] == 3


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([3, 2, 1], [3, 2, 1]),
        ([1, 2, 3], [2, 2, 2]),
        ([1, 3, 2], [2, 2, 2]),
        ([3, 1, 2], [3, 1.5, 1.5]),
    ],
)
def test_project_ordered_is_isotonic_least_squares(values, expected):
    np.testing.assert_allclose(project_ordered(np.array(values, float)), expected)


def test_update_images_show_the_marker_where_the_weights_are(explorer):
    state, html, map_png, flow_png = explorer.update(W)
    image = np.asarray(Image.open(io.BytesIO(map_png)).convert("RGB"))
    x, y = explorer._to_pixel(state.shares)
    assert tuple(image[y, x]) == (255, 215, 0)
    other = explorer.update(
        {"very_important": 0.1, "important": 5, "not_so_important": 0.1}
    )
    image2 = np.asarray(Image.open(io.BytesIO(other[2])).convert("RGB"))
    x2, y2 = explorer._to_pixel(other[0].shares)
    assert (x2, y2) != (x, y) and tuple(image2[y2, x2]) == (255, 215, 0)
    assert tuple(image2[y, x]) != (255, 215, 0)
    assert Image.open(io.BytesIO(flow_png)).size[0] > 200
    assert "SYNTHETIC" in html and "Kaluga" in html


def test_live_widgets_update_on_slider_move(study):
    live = explore(study, W, static=False)
    table = live.widgets["table"]

    def rows():
        return table.value.split("<table")[1]

    before = rows()
    assert before.index("Kaluga") < before.index("Tomsk")  # Kaluga first at 3:2:1
    live.widgets["very_important"].value = 0.5  # favour important / not so important
    after = rows()
    assert after != before and after.index("Tomsk") < after.index("Kaluga")
    live.widgets["ordered"].value = True
    assert "projected" in live.widgets["table"].value


def test_static_snapshot(study, capsys):
    snap = explore(study, W, static=True)
    assert snap.widgets == {}
    assert capsys.readouterr().out.count("Image object") == 2  # map and flow shown
