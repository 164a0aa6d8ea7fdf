"""Property-based invariants of scoring, ranking and sensitivity (hypothesis)."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from ecei_analysis import (
    exact_rank_acceptability,
    rank_clusters,
    rank_matrix,
    score_clusters,
    smaa,
)

C3 = ["very_important", "important", "not_so_important"]
matrices = arrays(
    np.int64, st.tuples(st.integers(2, 7), st.just(3)), elements=st.integers(0, 40)
)
weights = st.tuples(*[st.floats(0.01, 10)] * 3)


def frame(matrix):
    return pd.DataFrame(
        matrix.astype(float), index=[f"c{i}" for i in range(len(matrix))], columns=C3
    )


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


@settings(max_examples=25, deadline=None)
@given(matrices, st.sampled_from(["simplex", "ordered"]))
def test_exact_acceptability_is_doubly_stochastic_for_distinct_rows(matrix, region):
    pts = frame(matrix)
    acc = exact_rank_acceptability(pts, region=region)
    np.testing.assert_allclose(acc.sum(axis=1), 1.0, atol=1e-9)
    if not pts.duplicated().any():
        # No two clusters tie on an area, so each place is held by exactly one.
        np.testing.assert_allclose(acc.sum(axis=0), 1.0, atol=1e-9)
    assert (acc.to_numpy() >= -1e-12).all()


@settings(max_examples=10, deadline=None)
@given(
    arrays(
        np.int64,
        st.tuples(st.integers(2, 5), st.just(3)),
        elements=st.integers(0, 30),
        unique=False,
    ),
    st.integers(0, 2**16),
)
def test_exact_equals_monte_carlo_within_error(matrix, seed):
    pts = frame(matrix)
    if pts.duplicated().any():
        pts = pts + np.arange(len(pts))[:, None] * np.array([0.013, 0.007, 0.0])
    exact = exact_rank_acceptability(pts)
    mc = smaa(pts, draws=40_000, seed=seed, pairwise=False)
    bound = 5 * mc.standard_error.to_numpy() + 1e-3
    assert (np.abs(exact.to_numpy() - mc.acceptability.to_numpy()) <= bound).all()


@settings(max_examples=10, deadline=None)
@given(matrices, st.integers(0, 2**16))
def test_smaa_rows_and_pairwise_are_consistent(matrix, seed):
    pts = frame(matrix)
    res = smaa(pts, draws=3000, seed=seed)
    np.testing.assert_allclose(res.acceptability.sum(axis=1), 1.0)
    pair = res.pairwise.to_numpy()
    assert (pair + pair.T <= 1 + 1e-12).all()
    assert np.allclose(np.diag(pair), 0)


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
