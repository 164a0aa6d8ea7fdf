import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from helpers import NOTE, W
from matplotlib.colors import to_rgba
from matplotlib.testing.decorators import check_figures_equal

from ecei_analysis import (
    caption_of,
    class_points,
    load_study,
    plot_class_contributions,
    plot_rank_acceptability,
    plot_rank_flow,
    plot_rank_intervals,
    plot_sobol,
    plot_weight_map,
    rank_clusters,
    rank_uncertainty,
    score_clusters,
    smaa,
    sobol_rank_indices,
    weight_space,
)
from ecei_analysis.figures.colours import cluster_colours
from ecei_analysis.figures.save import save_figure
from ecei_analysis.scoring.weights import WEIGHT_SETS


def test_weight_map_cells_coloured_by_exact_winner(points):
    space = weight_space(points)
    ax = plot_weight_map(space, nominal=W, data_note=NOTE)
    patches = [p for p in ax.patches if p.get_label() != "ordered region"]
    assert len(patches) == space.n_rankings
    colours = cluster_colours(points.index)
    for patch, winner in zip(patches, space.cells["winner"], strict=True):
        assert patch.get_facecolor() == pytest.approx(
            to_rgba(colours[winner.split("=")[0]])
        )
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


def test_rank_flow_y_values_are_ranks(points):
    ranks = pd.DataFrame(
        {
            name: rank_clusters(score_clusters(points, w))
            for name, w in WEIGHT_SETS.items()
        }
    )
    ax = plot_rank_flow(ranks, highlight=["kaluga"], data_note=NOTE)
    lines = {line.get_label(): line for line in ax.get_lines()}
    for cluster, row in ranks.iterrows():
        np.testing.assert_array_equal(lines[cluster].get_ydata(), row.to_numpy(float))
    # Tied clusters share one label at the right end.
    texts = [t.get_text() for t in ax.texts]
    last = ranks.iloc[:, -1]
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # place 1 at the top
    assert len([t for t in texts if t != "SYNTHETIC DATA"]) == last.nunique()


def test_rank_flow_draws_ties_at_the_same_height():
    ranks = pd.DataFrame({"s1": [1, 2, 2], "s2": [1, 1, 2]}, index=["a", "b", "c"])
    ax = plot_rank_flow(ranks, labels={"b": "B", "c": "C"})
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert lines["b"].get_ydata()[0] == lines["c"].get_ydata()[0] == 2
    assert "a=B" in [t.get_text() for t in ax.texts]
    assert "data source not stated" in caption_of(ax)


def test_acceptability_heatmap_values(points):
    res = smaa(points, sampler="ordered", draws=5000, seed=1, pairwise=False)
    order = list(points.index[::-1])
    ax = plot_rank_acceptability(res.acceptability, order=order, data_note=NOTE)
    values = np.asarray(ax.collections[0].get_array()).reshape(19, 19)
    np.testing.assert_allclose(values, res.acceptability.loc[order].to_numpy() * 100)
    assert [t.get_text() for t in ax.get_yticklabels()] == order


def test_rank_intervals_data(points):
    result = rank_uncertainty(points, W, draws=3000, seed=2)
    ax = plot_rank_intervals(result, data_note=NOTE)
    ordered = result.table.sort_values(["nominal", "median"], kind="stable")
    spans = [line.get_xdata() for line in ax.get_lines()]
    np.testing.assert_array_equal(np.array(spans), ordered[["low", "high"]].to_numpy())
    assert "3000 draws" in caption_of(ax)


def test_class_contributions_bar_widths(points):
    ax = plot_class_contributions(points, W, data_note=NOTE)
    widths = np.array([p.get_width() for p in ax.patches]).reshape(3, 19)
    order = (points * pd.Series(W)).sum(axis=1).sort_values(kind="stable").index
    for k, cls in enumerate(points.columns):
        np.testing.assert_allclose(widths[k], points.loc[order, cls] * W[cls])


@check_figures_equal(extensions=["png"])
def test_class_contributions_depend_on_weighted_points_only(fig_test, fig_ref):
    points = class_points(load_study())
    plot_class_contributions(
        points * 2, {k: v / 2 for k, v in W.items()}, ax=fig_test.subplots()
    )
    plot_class_contributions(points, W, ax=fig_ref.subplots())


def test_sobol_plot_marks_invariant():
    pts = pd.DataFrame(
        [[1.0, 0, 0], [0, 1.0, 0], [5.0, 5.0, 5.0]],
        index=list("abc"),
        columns=["very_important", "important", "not_so_important"],
    )
    res = sobol_rank_indices(pts, n=256, seed=1)
    ax = plot_sobol(res)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "c (invariant)" in labels and "a" in labels


def test_cyrillic_labels_render_without_missing_glyphs(tmp_path, study):
    # filterwarnings = error turns a "Glyph ... missing from font" warning into a failure.
    ranks = pd.DataFrame({"a": [1, 2], "b": [2, 1]}, index=["tomsk", "kaluga"])
    names = study.clusters["name_ru"].to_dict()
    ax = plot_rank_flow(ranks, labels=names, data_note=NOTE)
    save_figure(ax.figure, tmp_path / "ru.png")
    assert "Фармацевтика" in " ".join(t.get_text() for t in ax.texts)
