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
    spans = [line.get_xdata() for line in ax.get_lines()]
    np.testing.assert_array_equal(np.array(spans), ordered[["low", "high"]].to_numpy())
    assert "3000 draws" in caption_of(ax)
