import matplotlib.pyplot as plt
import pytest

from ecei_analysis import EceiDataError
from ecei_analysis.figures.layout import LAYOUTS, new_axes


@pytest.mark.parametrize("kind", list(LAYOUTS))
def test_every_kind_has_its_size_and_projection(kind):
    ax = new_axes(kind)
    size, projection = LAYOUTS[kind]
    assert ax.figure.get_size_inches().tolist() == list(size)
    assert ax.name == (projection or "rectilinear")
    assert len(ax.figure.axes) == 1
    plt.close(ax.figure)


def test_every_plot_function_has_a_layout():
    """Each public plot_* function draws a kind listed in the one table."""
    import ecei_analysis as ea

    kinds = {
        name.removeprefix("plot_") for name in ea.__all__ if name.startswith("plot_")
    }
    assert kinds == set(LAYOUTS)


def test_an_unknown_kind_is_named():
    with pytest.raises(EceiDataError, match="unknown kind of figure 'pie'"):
        new_axes("pie")
