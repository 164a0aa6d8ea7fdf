import numpy as np
import pandas as pd
from helpers import NOTE

from ecei_analysis import (
    caption_of,
    plot_rank_flow,
    rank_clusters,
    score_clusters,
)
from ecei_analysis.scoring.weights import WEIGHT_SETS


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
