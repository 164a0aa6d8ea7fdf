import matplotlib.pyplot as plt
import pytest
from helpers import NOTE, W
from matplotlib.colors import to_rgba

from ecei_analysis import (
    caption_of,
    plot_weight_map,
    weight_space,
)
from ecei_analysis.figures.colours import cluster_colours


def test_weight_map_cells_coloured_by_exact_winner(points):
    space = weight_space(points)
    ax = plot_weight_map(space, nominal=W, data_note=NOTE)
    patches = [p for p in ax.patches if p.get_label() != "ordered region"]
    assert len(patches) == space.n_rankings
    colours = cluster_colours(points.index)
    for patch, winners in zip(patches, space.cells["winners"], strict=True):
        assert patch.get_facecolor() == pytest.approx(to_rgba(colours[winners[0]]))
    assert f"{space.n_rankings} distinct rankings" in caption_of(ax)
    assert "SYNTHETIC" in caption_of(ax)


def test_weight_map_place_colouring(points):
    space = weight_space(points, region="ordered")
    ax = plot_weight_map(space, colour_by="kaluga", data_note=NOTE)
    places = [r.index("kaluga") + 1 for r in space.cells["ranking"]]
    cmap = plt.get_cmap("viridis_r")
    top = max(max(places), 2)
    patches = ax.patches[: space.n_rankings]
    for patch, place in zip(patches, places, strict=True):
        assert patch.get_facecolor() == pytest.approx(cmap((place - 1) / (top - 1)))


def test_weight_map_needs_ternary_axes(points):
    from ecei_analysis import EceiDataError

    with pytest.raises(EceiDataError, match="ternary"):
        plot_weight_map(weight_space(points), ax=plt.figure().add_subplot())
