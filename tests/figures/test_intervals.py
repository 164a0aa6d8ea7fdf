import numpy as np
from helpers import NOTE, W

from ecei_analysis import (
    caption_of,
    plot_rank_intervals,
    rank_uncertainty,
)


def test_rank_intervals_data(points):
    result = rank_uncertainty(points, W, draws=3000, seed=2)
    ax = plot_rank_intervals(result, data_note=NOTE)
    ordered = result.table.sort_values(["nominal", "median"], kind="stable")
    spans = [line.get_xdata() for line in ax.get_lines() if line.get_linewidth() == 4]
    np.testing.assert_array_equal(np.array(spans), ordered[["low", "high"]].to_numpy())
    assert "3,000 draws" in caption_of(ax)


def test_intervals_use_competition_places_and_show_the_first_rows(points):
    result = rank_uncertainty(points, W, draws=2000, seed=2, ties="min")
    ax = plot_rank_intervals(result, data_note=NOTE, top=5)
    assert len(ax.get_yticks()) == 5
    assert "1 + the clusters strictly ahead" in caption_of(ax)
    assert "The first 5 of 19 clusters are shown." in caption_of(ax)
    # The nominal mark lies inside its own 5-95 % interval for every cluster.
    table = result.table
    assert (
        (table["low"] <= table["nominal"]) & (table["nominal"] <= table["high"])
    ).all()


def test_the_stamp_clears_a_long_legend_above_the_axes(points):
    """In Russian the legend above the axes is long: the stamp moves above it."""
    from ecei_analysis import plot_rank_intervals, rank_uncertainty

    result = rank_uncertainty(points, "3:2:1", draws=500)
    ax = plot_rank_intervals(result, data_note="SYNTHETIC data", language="ru")
    renderer = ax.figure.canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    (stamp,) = [t for t in ax.texts if t.get_text() == "СИНТЕТИЧЕСКИЕ ДАННЫЕ"]
    assert not legend.overlaps(stamp.get_window_extent(renderer))
