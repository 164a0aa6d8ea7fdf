import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import rankdata

from ecei_analysis import (
    EceiDataError,
    class_points,
    load_study,
    rank_clusters,
    rank_matrix,
    score_clusters,
    tied_groups,
    wsm,
)
from ecei_analysis.weights import WEIGHT_SETS


def test_published_record_is_reproduced_exactly():
    study = load_study()
    scores = score_clusters(class_points(study), WEIGHT_SETS["baseline"])
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


@pytest.mark.parametrize(
    ("ties", "expected"),
    [
        ("dense", [1, 2, 2, 3, 4]),
        ("min", [1, 2, 2, 4, 5]),
        ("average", [1, 2.5, 2.5, 4, 5]),
    ],
)
def test_tie_rules(ties, expected):
    s = pd.Series([10.0, 7.0, 7.0, 5.0, 1.0], index=list("abcde"))
    assert rank_clusters(s, ties=ties).tolist() == expected


def test_tolerance_groups_near_equal_scores():
    s = pd.Series([1.0, 1.0 + 1e-12, 0.5], index=list("abc"))
    assert rank_clusters(s).tolist() == [1, 1, 2]
    assert rank_clusters(s, tol=0.0).tolist() == [2, 1, 3]
    assert tied_groups(s) == [["a", "b"]]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(-5, 5), min_size=1, max_size=12),
    st.sampled_from(["dense", "min", "average"]),
)
def test_rank_matrix_matches_scipy_rankdata(values, ties):
    scores = np.array(values, dtype=float)
    method = {"dense": "dense", "min": "min", "average": "average"}[ties]
    expected = rankdata(-scores, method=method)
    np.testing.assert_array_equal(rank_matrix(scores, ties=ties), expected)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.integers(0, 50), min_size=9, max_size=9),
    st.floats(0.01, 100),
    st.permutations(range(3)),
)
def test_rank_invariant_to_positive_scaling_and_permutation(flat, factor, perm):
    matrix = np.array(flat, dtype=float).reshape(3, 3)
    points = pd.DataFrame(
        matrix,
        index=list("abc"),
        columns=["very_important", "important", "not_so_important"],
    )
    w = {"very_important": 3.0, "important": 2.0, "not_so_important": 1.0}
    ranks = rank_clusters(score_clusters(points, w))
    scaled = rank_clusters(
        score_clusters(points, {k: v * factor for k, v in w.items()})
    )
    pd.testing.assert_series_equal(ranks, scaled)
    permuted = points.iloc[list(perm)]
    pd.testing.assert_series_equal(
        rank_clusters(score_clusters(permuted, w)), ranks.iloc[list(perm)]
    )


def test_rank_clusters_dataframe_ranks_each_column():
    frame = pd.DataFrame(
        {"s1": [3.0, 2.0, 1.0], "s2": [1.0, 2.0, 2.0]}, index=list("abc")
    )
    ranks = rank_clusters(frame)
    assert ranks["s1"].tolist() == [1, 2, 3]
    assert ranks["s2"].tolist() == [2, 1, 1]


def test_wsm_many_weightings():
    m = np.array([[1.0, 2.0], [3.0, 0.0]])
    w = np.array([[1.0, 0.0], [0.5, 0.5]])
    np.testing.assert_allclose(wsm(m, w), [[1.0, 3.0], [1.5, 1.5]])


def test_bad_tie_rule_and_nonfinite_scores():
    with pytest.raises(EceiDataError, match="ties must be one of"):
        rank_matrix(np.ones(3), ties="max")
    with pytest.raises(EceiDataError, match="finite"):
        rank_matrix(np.array([1.0, np.nan]))


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
            "must be a number",
        ),
    ],
)
def test_bad_weights(weights, message):
    points = class_points(load_study())
    with pytest.raises(EceiDataError, match=message):
        score_clusters(points, weights)
