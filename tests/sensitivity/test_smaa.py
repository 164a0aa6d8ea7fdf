import numpy as np
import pandas as pd
import pytest
from helpers import C3, frame, matrices
from hypothesis import given, settings
from hypothesis import strategies as st

from ecei_analysis import (
    AssessorNoise,
    EceiDataError,
    load_study,
    rank_matrix,
    smaa,
)
from ecei_analysis.core.seeds import spawn_generators


def test_smaa_result_frames(points):
    res = smaa(points, sampler="ordered", draws=50_000, seed=3)
    np.testing.assert_allclose(res.acceptability.sum(axis=1), 1.0)
    np.testing.assert_allclose(res.acceptability.sum(axis=0), 1.0)
    pair = res.pairwise.to_numpy()
    np.testing.assert_allclose(
        pair + pair.T + np.eye(19), 1.0, atol=1e-12
    )  # no ties here
    first = res.acceptability[1]
    winners = first[first > 0].index
    np.testing.assert_allclose(res.central_weights.loc[winners].sum(axis=1), 1.0)
    assert res.central_weights.drop(winners).isna().all().all()
    # Central weights of the ordered sampler are ordered too.
    cw = res.central_weights.loc[winners].to_numpy()
    assert (np.diff(cw, axis=1) <= 1e-12).all()
    # Fixed points: confidence is 0 or 1 where defined, NaN (undefined) elsewhere.
    assert set(res.confidence[winners].unique()) <= {0.0, 1.0}
    assert res.confidence.drop(winners).isna().all()
    assert res.parameters["draws"] == 50_000 and res.parameters["seed"] == 3


def test_smaa_deterministic_with_seed(points):
    a = smaa(points, draws=20_000, seed=1).acceptability
    b = smaa(points, draws=20_000, seed=1).acceptability
    c = smaa(points, draws=20_000, seed=2).acceptability
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)


def test_smaa_permutation_equivariance_in_distribution(points):
    perm = points.index[::-1]
    a = smaa(points, draws=100_000, seed=4, pairwise=False).acceptability
    b = smaa(points.loc[perm], draws=100_000, seed=4, pairwise=False).acceptability
    # Same weights drawn, so the same counts after relabelling.
    pd.testing.assert_frame_equal(a.loc[perm], b)


def test_assessor_noise_stays_within_max():
    study = load_study()
    noise = AssessorNoise.from_study(study, levels=5)
    cp = noise.draw(200, np.random.default_rng(0))
    caps = (
        study.indicators.groupby("significance_class")["max_points"]
        .sum()[C3]
        .to_numpy()
    )
    assert (cp >= 0).all() and (cp <= caps).all()
    with pytest.raises(EceiDataError, match="exactly one of"):
        AssessorNoise.from_study(study)


def test_confidence_factor_under_noise_equals_brute_force(points, study):
    """P(first at the central weights) over the same noise draws, recomputed."""
    noise = AssessorNoise.from_study(study, relative=0.1)
    res = smaa(
        points, draws=5000, seed=1, noise=noise, confidence_draws=500, pairwise=False
    )
    streams, _ = spawn_generators(1, ("engine", "confidence"))
    samples = noise.draw(500, streams["confidence"])
    for i, cluster in enumerate(points.index):
        w = res.central_weights.loc[cluster].to_numpy()
        if np.isnan(w).any():
            assert np.isnan(res.confidence[cluster])
            continue
        first = rank_matrix(samples @ w)[:, i] == 1
        assert res.confidence[cluster] == pytest.approx(first.mean())


@settings(max_examples=10, deadline=None)
@given(matrices, st.integers(0, 2**16))
def test_smaa_rows_and_pairwise_are_consistent(matrix, seed):
    pts = frame(matrix)
    res = smaa(pts, draws=3000, seed=seed)
    np.testing.assert_allclose(res.acceptability.sum(axis=1), 1.0)
    pair = res.pairwise.to_numpy()
    assert (pair + pair.T <= 1 + 1e-12).all()
    assert np.allclose(np.diag(pair), 0)
