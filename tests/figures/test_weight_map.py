import matplotlib.pyplot as plt
import numpy as np
import pytest
from helpers import NOTE, W
from matplotlib.colors import to_rgba

from ecei_analysis import (
    EceiDataError,
    caption_of,
    first_place_map,
    plot_weight_map,
    rank_matrix,
    weight_space,
)
from ecei_analysis.figures.colours import cluster_colours
from ecei_analysis.figures.weight_map import _triangle_grid


def test_winner_map_draws_the_exact_first_place_regions(points, study):
    ax = plot_weight_map(points, nominal=W, labels=study.labels(), data_note=NOTE)
    fmap = first_place_map(points)
    filled = [p for p in ax.patches if p.get_facecolor()[3] > 0]
    colours = cluster_colours(points.index)
    expected = [
        to_rgba(colours[c])
        for c in sorted(fmap.polygons, key=lambda c: -fmap.shares[c])
    ]
    np.testing.assert_allclose([p.get_facecolor() for p in filled], expected)
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    for cluster, share in fmap.shares[fmap.shares > 0].items():
        assert f"{study.labels()[cluster]} ({round(100 * share)}%)" in texts
    for mark in ("equal weights", "proposed weights (3:2:1)", "ordered region"):
        assert any(mark in t for t in texts), mark
    assert "boundary: two clusters tie for first" in texts
    assert "SYNTHETIC" in caption_of(ax) and "Star: the proposed" in caption_of(ax)


def test_a_cluster_id_with_markup_or_equals_sign_draws(points):
    odd = points.rename(index={"kaluga": "=kaluga<b>", "tomsk": "a=b"})
    ax = plot_weight_map(odd, data_note=NOTE)
    assert len([p for p in ax.patches if p.get_facecolor()[3] > 0]) == 3


def test_place_map_colours_are_the_places(points):
    ax = plot_weight_map(points, colour_by="kaluga", data_note=NOTE, resolution=40)
    mesh = ax.collections[0]
    values = np.asarray(mesh.get_array())
    # Recompute the place at every triangle centre independently.
    r = 40
    centres = []
    for i in range(r + 1):
        for j in range(r + 1 - i):
            if i + j + 1 <= r:
                centres.append(((i + 1 / 3) / r, (j + 1 / 3) / r))
            if j > 0 and i + j + 1 <= r:
                centres.append(((i + 2 / 3) / r, (j - 1 / 3) / r))
    assert len(centres) == len(values) == r * r
    w = np.array([(x, y, 1 - x - y) for x, y in centres])
    place = rank_matrix(w @ points.to_numpy().T, ties="min")[
        :, list(points.index).index("kaluga")
    ]
    assert sorted(values) == sorted(place.astype(float))
    bar = ax.figure.axes[-1]
    assert all(float(t).is_integer() for t in bar.get_yticks())


def _grid_by_lookup(r):
    """The mesh built point by point, each neighbour found in a dictionary."""
    pairs = [(i, j) for i in range(r + 1) for j in range(r + 1 - i)]
    index = {p: k for k, p in enumerate(pairs)}
    points = np.array([(i / r, j / r, (r - i - j) / r) for i, j in pairs])
    triangles = []
    for i, j in pairs:
        if (i + 1, j) in index and (i, j + 1) in index:
            triangles.append((index[i, j], index[i + 1, j], index[i, j + 1]))
        if j > 0 and (i + 1, j) in index and (i + 1, j - 1) in index:
            triangles.append((index[i, j], index[i + 1, j - 1], index[i + 1, j]))
    return points, np.array(triangles)


@pytest.mark.parametrize("r", [1, 2, 3, 7, 40, 240])
def test_the_place_map_mesh_is_the_lattice_in_order(r):
    points, triangles = _triangle_grid(r)
    expected_points, expected_triangles = _grid_by_lookup(r)
    assert points.tobytes() == expected_points.tobytes()  # the same bits
    np.testing.assert_array_equal(triangles, expected_triangles)
    assert len(triangles) == r * r


def test_the_stamp_sits_in_the_margin(points):
    ax = plot_weight_map(points, data_note=NOTE)
    (stamp,) = [t for t in ax.texts if t.get_text() == "SYNTHETIC DATA"]
    assert stamp.get_position()[1] > 1.0  # above the axes, clear of tick labels


def test_weight_map_needs_ternary_axes_and_a_known_colouring(points):
    with pytest.raises(EceiDataError, match="ternary"):
        plot_weight_map(points, ax=plt.figure().add_subplot())
    with pytest.raises(EceiDataError, match="colour_by must be"):
        plot_weight_map(points, colour_by="atlantis")
    assert plot_weight_map(weight_space(points)).name == "ternary"


def test_votes_are_marked_and_numbered(points):
    import matplotlib.pyplot as plt
    import pandas as pd

    from ecei_analysis import EceiDataError, caption_of, plot_weight_map

    votes = pd.DataFrame(
        [[3, 2, 1], [1, 1, 1], [0.34, 0.33, 0.33], [5, 2, 0]],
        columns=["very_important", "important", "not_so_important"],
        index=["A", "B", "C", "D"],
    )
    ax = plot_weight_map(points, votes=votes)
    labels = sorted(
        t.get_text().strip("\u2009") for t in ax.texts if t.get_text()[:1] == "\u2009"
    )
    assert labels == ["1", "2,3", "4"]  # B and C share a label: nearly equal
    assert "Numbered dots: 4 votes" in caption_of(ax)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "votes (numbered as in the votes table)" in legend
    plt.close(ax.figure)
    with pytest.raises(EceiDataError, match="missing"):
        plot_weight_map(points, votes=votes[["very_important", "important"]])
    with pytest.raises(EceiDataError, match="not all 0"):
        plot_weight_map(points, votes=votes * 0)


def test_other_weightings_are_marked_by_name(points):
    from ecei_analysis import caption_of, plot_weight_map

    ax = plot_weight_map(
        points,
        marks={
            "$matched$": {"very_important": 6, "important": 1, "not_so_important": 3}
        },
    )
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert r"\$matched\$" in legend  # drawn literally, not as mathtext
    assert "Diamonds: $matched$ (6:1:3)." in caption_of(ax)
    diamonds = [line for line in ax.lines if line.get_marker() == "D"]
    assert len(diamonds) == 1
    plt.close(ax.figure)
