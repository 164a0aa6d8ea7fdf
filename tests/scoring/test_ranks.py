import numpy as np
import pandas as pd
import pytest
from helpers import C3, frame, matrices, weights
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.stats import rankdata

from ecei_analysis import (
    EceiDataError,
    rank_clusters,
    rank_matrix,
    score_clusters,
    tied_groups,
)


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


def test_bad_tie_rule_and_nonfinite_scores():
    with pytest.raises(EceiDataError, match="is not a tie rule"):
        rank_matrix(np.ones(3), ties="max")
    with pytest.raises(EceiDataError, match="finite"):
        rank_matrix(np.array([1.0, np.nan]))


@settings(max_examples=60, deadline=None)
@given(matrices, weights, st.floats(0.001, 1000), st.integers(-50, 50))
def test_scaling_weights_and_common_constant_keep_ranks(matrix, w, factor, shift):
    pts = frame(matrix)
    wd = dict(zip(C3, w, strict=True))
    base = rank_clusters(score_clusters(pts, wd))
    scaled = rank_clusters(score_clusters(pts, {k: v * factor for k, v in wd.items()}))
    shifted = rank_clusters(score_clusters(pts + shift, wd))
    pd.testing.assert_series_equal(base, scaled)
    pd.testing.assert_series_equal(base, shifted)


@settings(max_examples=60, deadline=None)
@given(matrices, weights)
def test_identical_clusters_always_tie(matrix, w):
    doubled = np.vstack([matrix, matrix[:1]])
    pts = frame(doubled)
    ranks = rank_clusters(score_clusters(pts, dict(zip(C3, w, strict=True))))
    assert ranks.iloc[0] == ranks.iloc[-1]


@settings(max_examples=40, deadline=None)
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 30), st.integers(1, 9)),
        elements=st.floats(-1e6, 1e6),
    )
)
def test_rank_matrix_permutation_equivariance(scores):
    perm = np.random.default_rng(0).permutation(scores.shape[1])
    for ties in ("dense", "min", "average"):
        np.testing.assert_array_equal(
            rank_matrix(scores[:, perm], ties=ties),
            rank_matrix(scores, ties=ties)[:, perm],
        )


def test_leading_clusters_keep_the_study_order_within_a_place():
    from ecei_analysis.scoring.ranks import leading_clusters

    places = pd.Series([3, 1, 3, 2, 5], index=["e", "a", "c", "b", "d"])
    assert leading_clusters(places, 1) == ["a"]
    assert leading_clusters(places, 3) == ["a", "b", "e", "c"]  # e before c, as given
    assert leading_clusters(places, 0) == []
