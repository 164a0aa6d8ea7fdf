import numpy as np
import pandas as pd
import pytest

from ecei_analysis import (
    EceiDataError,
    class_points,
    load_study,
    rank_clusters,
    score_clusters,
    weighted_sum,
)
from ecei_analysis.scoring.weights import WEIGHT_SETS


def test_published_record_is_reproduced_exactly():
    study = load_study()
    scores = score_clusters(class_points(study), WEIGHT_SETS["equal"])
    ranks = rank_clusters(scores)
    for cluster, row in study.published.iterrows():
        assert scores[cluster] == row["points"]
        assert ranks[cluster] == row["place"]
    assert scores["tomsk"] == 825 and scores["kaluga"] == scores["innokam"] == 781
    assert scores["zelenograd"] == 723
    others = scores.drop(study.published.index)
    assert (others < 723).all() and len(others) == 15


def test_hand_worked_small_example(small_dir):
    study = load_study(small_dir)
    points = class_points(study)
    assert points.loc["x"].tolist() == [8, 15, 12]
    assert points.loc["y"].tolist() == [2, 24, 10]
    assert points.loc["z"].tolist() == [10, 5, 20]
    base = score_clusters(points, {c: 1 for c in points.columns})
    assert base.tolist() == [35, 36, 35]
    assert rank_clusters(base).tolist() == [2, 1, 2]
    assert rank_clusters(base, ties="min").tolist() == [2, 1, 2]
    assert rank_clusters(base, ties="average").tolist() == [2.5, 1, 2.5]
    # 3:2:1 -> x = 24+30+12 = 66, y = 6+48+10 = 64, z = 30+10+20 = 60
    w = {"very_important": 3, "important": 2, "not_so_important": 1}
    assert score_clusters(points, w).tolist() == [66, 64, 60]
    assert rank_clusters(score_clusters(points, w)).tolist() == [1, 2, 3]


def test_wsm_many_weightings():
    m = np.array([[1.0, 2.0], [3.0, 0.0]])
    w = np.array([[1.0, 0.0], [0.5, 0.5]])
    np.testing.assert_allclose(weighted_sum(m, w), [[1.0, 3.0], [1.5, 1.5]])


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"very_important": -1, "important": 1, "not_so_important": 1}, ">= 0"),
        (
            {"very_important": float("nan"), "important": 1, "not_so_important": 1},
            "finite",
        ),
        ({"very_important": 0, "important": 0, "not_so_important": 0}, "all zero"),
        ({"very_important": 1, "important": 1}, "no weight for class"),
        (
            {"very_important": 1, "important": 1, "not_so_important": 1, "bogus": 1},
            "unknown",
        ),
        (
            {"very_important": "x", "important": 1, "not_so_important": 1},
            "expected a number",
        ),
    ],
)
def test_bad_weights(weights, message):
    points = class_points(load_study())
    with pytest.raises(EceiDataError, match=message):
        score_clusters(points, weights)


def test_every_analysis_matches_classes_by_name_not_by_column(points):
    """The same study with its columns in another order gives the same answers."""
    import ecei_analysis as ea

    shuffled = points[["not_so_important", "very_important", "important"]]
    pairs = [
        (lambda p: ea.score_clusters(p, "3:2:1"), None),
        (lambda p: ea.exact_rank_acceptability(p, region="ordered"), None),
        (lambda p: ea.first_place_map(p, region="ordered").shares, None),
        (lambda p: ea.stability_radius(p, "3:2:1", region="ordered").radius, None),
        (
            lambda p: ea.weights_to_reach(
                p, "zelenograd", 3, "3:2:1", ordered=True
            ).weights.sort_index(),
            None,
        ),
        (lambda p: ea.class_importance(p, "3:2:1").table.sort_index(), None),
        (
            lambda p: ea.smaa(p, sampler="ordered", draws=2000, seed=1).acceptability,
            None,
        ),
    ]
    for compute, _ in pairs:
        a, b = compute(points), compute(shuffled)
        if isinstance(a, pd.DataFrame | pd.Series):
            pd.testing.assert_frame_equal(pd.DataFrame(a), pd.DataFrame(b))
        else:
            assert a == b
