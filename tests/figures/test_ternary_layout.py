import io

import matplotlib.pyplot as plt
import pytest
from helpers import NOTE, W
from mpltern.ternary.axis import TernaryAxis

from ecei_analysis import plot_weight_map
from ecei_analysis.figures.ternary_layout import measure_labels_once


@pytest.fixture
def calls(monkeypatch) -> list:
    """Every measurement mpltern makes (patched before any axes is made)."""
    made = []
    original = TernaryAxis._get_points_surrounding_hexagon

    def counted(self, renderer):
        made.append(renderer)
        return original(self, renderer)

    monkeypatch.setattr(TernaryAxis, "_get_points_surrounding_hexagon", counted)
    return made


def _map_png(points, study, colour_by) -> bytes:
    ax = plot_weight_map(
        points, colour_by=colour_by, nominal=W, labels=study.labels(), data_note=NOTE
    )
    buffer = io.BytesIO()
    ax.figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    plt.close(ax.figure)
    return buffer.getvalue()


@pytest.mark.parametrize("colour_by", ["winner", "kaluga"])
def test_the_map_is_drawn_to_the_same_bytes_with_one_measurement_a_drawing(
    points, study, monkeypatch, calls, colour_by
):
    once = _map_png(points, study, colour_by)
    measured_once = len(calls)
    calls.clear()
    monkeypatch.setattr(
        "ecei_analysis.figures.weight_map.measure_labels_once", lambda ax: ax
    )
    assert _map_png(points, study, colour_by) == once  # as mpltern draws it
    # a tight-box save asks three times (the layout pass, the box, the picture);
    # mpltern by itself measures the same labels about 27 times a drawing
    assert measured_once == 3 and len(calls) > 20


def test_a_moved_axes_is_measured_again(calls):
    ax = measure_labels_once(plt.figure().add_subplot(projection="ternary"))
    renderer = ax.figure.canvas.get_renderer()
    ax.get_tightbbox(renderer)
    assert len(calls) == 1
    ax.set_position([0.3, 0.3, 0.4, 0.4])
    ax.get_tightbbox(renderer)
    assert len(calls) == 2
    plt.close(ax.figure)


def test_measuring_once_twice_is_harmless_and_asks_outside_a_drawing_measure(calls):
    ax = plt.figure().add_subplot(projection="ternary")
    assert measure_labels_once(measure_labels_once(ax)) is ax
    renderer = ax.figure.canvas.get_renderer()
    first = ax.taxis._get_points_surrounding_hexagon(renderer)
    second = ax.laxis._get_points_surrounding_hexagon(renderer)
    assert len(calls) == 2 and (first == second).all()
    plt.close(ax.figure)
