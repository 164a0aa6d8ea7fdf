"""Captions, the synthetic stamp and literal data text shared by every plot."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from ecei_analysis.core.i18n import use_language
from ecei_analysis.figures.captions import (
    caption_of,
    display_names,
    drawn_text,
    finish,
)


def _stamps(fig) -> list[str]:
    return [
        t.get_text() for ax in fig.axes for t in ax.texts if "SYNTHETIC" in t.get_text()
    ]


def test_an_axes_without_our_caption_has_none():
    _, ax = plt.subplots()
    assert caption_of(ax) == ""


def test_the_caption_ends_with_the_data_note():
    _, ax = plt.subplots()
    assert finish(ax, "Ranks.", "real assessments 2024") is ax
    assert caption_of(ax) == "Ranks. Data: real assessments 2024."
    assert _stamps(ax.figure) == []  # real data: no stamp


def test_a_missing_note_is_said_not_hidden():
    _, ax = plt.subplots()
    finish(ax, "Ranks.", None)
    assert caption_of(ax) == "Ranks. Data: data source not stated."


def test_synthetic_data_are_stamped_once_per_figure_above_the_axes():
    fig, (left, right) = plt.subplots(1, 2)
    finish(left, "A.", "SYNTHETIC demonstration data")
    finish(right, "B.", "SYNTHETIC demonstration data")
    assert _stamps(fig) == ["SYNTHETIC DATA"]
    stamp = next(t for t in left.texts if t.get_text() == "SYNTHETIC DATA")
    x, y = stamp.get_position()
    assert stamp.get_transform() == left.transAxes and y > 1.0 and x == 1.0


def test_russian_synthetic_note_is_stamped_in_russian():
    _, ax = plt.subplots()
    with use_language("ru"):
        finish(ax, "Места.", "СИНТЕТИЧЕСКИЕ демонстрационные данные")
        assert caption_of(ax).endswith("Данные: СИНТЕТИЧЕСКИЕ демонстрационные данные.")
    assert [t.get_text() for t in ax.texts] == ["СИНТЕТИЧЕСКИЕ ДАННЫЕ"]


@pytest.mark.parametrize(
    ("name", "drawn"),
    [
        ("$x^2$", r"\$x^2\$"),
        (r"$\frac{$", r"\$\frac{\$"),
        ("plain", "plain"),
        (r"a\$b", r"a\\$b"),
    ],
)
def test_data_text_is_drawn_literally(name, drawn):
    """The escaped text draws the same pixels as the name with mathtext off."""
    assert drawn_text(name) == drawn

    def pixels(text, **kwargs):
        fig = plt.figure(figsize=(2, 0.5), dpi=100)
        fig.text(0.05, 0.3, text, **kwargs)
        fig.canvas.draw()  # a mathtext parse error would raise here
        return np.asarray(fig.canvas.buffer_rgba()).copy()

    expected = pixels(name, parse_math=False)
    np.testing.assert_array_equal(pixels(drawn_text(name)), expected)


def test_display_names_fall_back_to_ids_and_are_plain_for_captions():
    labels = {"a": "Alpha $1", "b": "Beta"}
    assert display_names(["a", "b", "c"], labels) == [r"Alpha \$1", "Beta", "c"]
    assert display_names(["a", "c"], labels, drawn=False) == ["Alpha $1", "c"]
    assert display_names(["x"], None) == ["x"]


def test_a_very_long_name_does_not_widen_a_figure(points):
    """A 330-character name is cut in the drawing; the figure keeps its size."""
    from ecei_analysis import plot_rank_flow, scenario_places
    from ecei_analysis.figures.captions import DRAWN_NAME_UP_TO, display_names

    long = "A cluster with a very long official name " * 8
    labels = {c: c for c in points.index} | {points.index[0]: long}
    (shown,) = display_names([points.index[0]], labels)
    assert len(shown) == DRAWN_NAME_UP_TO and shown.endswith("…")
    assert display_names([points.index[0]], labels, drawn=False) == [long]
    ax = plot_rank_flow(scenario_places(points, "3:2:1"), labels=labels)
    fig = ax.figure
    fig.canvas.draw()
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    assert box.width < 2.5 * fig.get_figwidth()  # inches: no label runs away
