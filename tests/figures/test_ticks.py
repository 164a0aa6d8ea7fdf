import matplotlib.pyplot as plt

from ecei_analysis import plot_weight_map
from ecei_analysis.core.i18n import use_language
from ecei_analysis.figures.ticks import localise_ticks


def _labels(axis):
    axis.axes.figure.canvas.draw()
    return [t.get_text() for t in axis.get_ticklabels() if t.get_text()]


def test_numeric_ticks_take_the_languages_decimal_mark(points):
    ru = plot_weight_map(points, language="ru")
    assert "0,2" in _labels(ru.taxis) and "0,2" in _labels(ru.raxis)
    en = plot_weight_map(points, language="en")
    assert "0.2" in _labels(en.taxis)


def test_codes_on_a_categorical_axis_keep_their_dots():
    ax = plt.figure().add_subplot()
    ax.bar(["1.1.2", "2.4"], [0.25, 0.5])
    with use_language("ru"):
        localise_ticks(ax)
    assert _labels(ax.xaxis) == ["1.1.2", "2.4"]
    assert "0,25" in _labels(ax.yaxis) or "0,2" in _labels(ax.yaxis)
