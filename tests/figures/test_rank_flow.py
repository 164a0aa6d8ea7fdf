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


def test_by_default_the_leaders_and_largest_movers_are_bold():
    """At 1:0:0 Tomsk falls from 1st to 5th: a former leader stays drawn out."""
    from ecei_analysis import class_points, load_study, scenario_places

    places = scenario_places(class_points(load_study()), "1:0:0", ties="min")
    assert places.loc["tomsk"].tolist()[0] == 1 and places.loc["tomsk"].iloc[-1] == 5
    ax = plot_rank_flow(places)
    widths = {line.get_label(): line.get_linewidth() for line in ax.get_lines()}
    assert widths["tomsk"] > widths["troitsk"]  # never in the first 4, moved 3
    moves = (places.iloc[:, -1] - places.iloc[:, 0]).abs()
    biggest = moves.sort_values(ascending=False, kind="stable").index[:3]
    assert all(widths[c] == 2.0 for c in biggest)
    assert "Bold: the clusters in the first 4 places" in caption_of(ax)
    ax = plot_rank_flow(places, highlight=["troitsk"])
    assert "Bold:" not in caption_of(ax)


def test_every_flow_line_shows_at_3_to_1_on_white(points):
    import matplotlib.pyplot as plt
    from helpers import contrast_on_white

    ranks = pd.DataFrame(
        {
            name: rank_clusters(score_clusters(points, w))
            for name, w in WEIGHT_SETS.items()
        }
    )
    ax = plot_rank_flow(ranks, data_note=NOTE)
    lines = [line for line in ax.get_lines() if len(line.get_xdata()) > 1]
    assert len(lines) == len(ranks)
    for line in lines:
        assert line.get_alpha() in (None, 1.0)
        assert contrast_on_white(line.get_color()) >= 3.0, line.get_label()
    plt.close("all")
