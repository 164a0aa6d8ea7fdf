from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from helpers import C3, frame, matrices
from hypothesis import given, settings
from hypothesis import strategies as st

from ecei_analysis import (
    AssessorNoise,
    EceiDataError,
    exact_rank_acceptability,
    load_study,
    make_sampler,
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


# --- Given samples -----------------------------------------------------------

PUBLISHED = Path(__file__).parents[1] / "data" / "published"


def _published(name):
    path = PUBLISHED / f"{name}.npz"
    if not path.exists():  # GPL-3 test data: in the repository, not in the sdist
        pytest.skip(f"{path.name} (R smaa's example, GPL-3) is not in this copy")
    data = np.load(path)
    criteria = [str(c) for c in data["criteria"]]
    alternatives = [str(a) for a in data["alternatives"]]
    weights = pd.DataFrame(data["weights"], columns=criteria)
    labels = pd.DataFrame(
        data["measurements"].mean(axis=0), index=alternatives, columns=criteria
    )
    return data, weights, labels


def test_the_r_smaa_thrombolytics_example_is_reproduced_from_its_samples():
    """R package smaa 1.3, manual examples (tests/Examples/smaa-Ex.Rout.save)."""
    data, weights, labels = _published("thrombo")
    result = smaa(
        labels, weights=weights, measurements=data["measurements"], progress=False
    )
    np.testing.assert_array_equal(
        result.acceptability.to_numpy(), [[0.3504, 0.6496], [0.6496, 0.3504]]
    )
    np.testing.assert_allclose(
        result.central_weights.to_numpy(),
        [[0.1865097, 0.2772205, 0.5362698], [0.4073100, 0.3641477, 0.2285423]],
        atol=5e-8,
    )
    assert result.confidence.tolist() == [0.6682, 0.8956]
    assert list(result.central_weights.columns) == ["Prox DVT", "Dist DVT", "Bleed"]
    # smaa(meas, c(0.5, 0.2, 0.3)): one fixed weighting over the samples.
    fixed = smaa(
        None, weights=[0.5, 0.2, 0.3], measurements=data["measurements"], progress=False
    )
    np.testing.assert_array_equal(
        fixed.acceptability.to_numpy(), [[0.1279, 0.8721], [0.8721, 0.1279]]
    )


def test_given_samples_with_six_criteria_match_brute_force():
    """Five alternatives, six criteria, given weights and measurements."""
    rng = np.random.default_rng(6)
    n_draws, n, k = 3000, 5, 6
    meas = rng.normal(size=(n_draws, n, k)) + np.linspace(0, 1, n)[None, :, None]
    weights = rng.dirichlet(np.ones(k), size=n_draws) * rng.uniform(1, 5, (n_draws, 1))
    columns = [f"criterion {j}" for j in range(k)]
    result = smaa(
        None, weights=pd.DataFrame(weights, columns=columns), measurements=meas
    )
    w = weights / weights.sum(axis=1, keepdims=True)
    values = np.einsum("mnk,mk->mn", meas, w)
    order = np.argsort(-values, axis=1)
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(1, n + 1)[None, :], axis=1)
    for i in range(n):
        counts = np.bincount(ranks[:, i], minlength=n + 1)[1:] / n_draws
        np.testing.assert_allclose(result.acceptability.iloc[i], counts, atol=1e-15)
        first = ranks[:, i] == 1
        if first.any():
            central = w[first].mean(axis=0)
            np.testing.assert_allclose(result.central_weights.iloc[i], central)
            conf = (np.argmax(meas @ central, axis=1) == i).mean()
            assert result.confidence.iloc[i] == pytest.approx(conf)
    assert list(result.central_weights.columns) == columns


@pytest.mark.parametrize("ties", ["dense", "min"])
@pytest.mark.parametrize("with_noise", [False, True])
def test_given_samples_reproduce_smaa_fed_its_own_draws(
    points, study, ties, with_noise
):
    noise = AssessorNoise.from_study(study, relative=0.1) if with_noise else None
    drawn = smaa(
        points,
        draws=3000,
        seed=5,
        ties=ties,
        noise=noise,
        chunk_size=700,
        confidence_draws=3000,
    )
    streams, _ = spawn_generators(5, ("engine", "confidence"))
    inner, _ = spawn_generators(streams["engine"], ("weights", "noise"))
    weights = make_sampler("uniform", list(points.columns)).stream(inner["weights"])
    given_w = weights.take(3000)[0]
    given_m = noise.stream(inner["noise"]).take(3000)[0] if with_noise else None
    replay = smaa(
        points, weights=given_w, measurements=given_m, ties=ties, chunk_size=1000
    )
    pd.testing.assert_frame_equal(drawn.acceptability, replay.acceptability)
    pd.testing.assert_frame_equal(drawn.central_weights, replay.central_weights)
    pd.testing.assert_frame_equal(drawn.pairwise, replay.pairwise)
    if not with_noise:
        pd.testing.assert_series_equal(drawn.confidence, replay.confidence)


def test_given_uniform_samples_agree_with_the_exact_geometry(points):
    draws = 200_000
    w = np.random.default_rng(11).dirichlet(np.ones(3), size=draws)
    result = smaa(points, weights=w * 7.0, pairwise=False)  # any positive scale
    exact = exact_rank_acceptability(points)
    se = np.sqrt(exact * (1 - exact) / draws)
    assert (np.abs(result.acceptability - exact) <= 5 * se + 1e-12).all().all()


def test_given_samples_are_checked():
    pts = frame(np.array([[1.0, 0, 0], [0, 1.0, 0]]))
    with pytest.raises(EceiDataError, match="all zero"):
        smaa(pts, weights=[[1, 1, 1], [0, 0, 0]])
    with pytest.raises(EceiDataError, match="finite and >= 0"):
        smaa(pts, weights=[[1, -1, 1]])
    with pytest.raises(EceiDataError, match="2 columns for 3 criteria"):
        smaa(pts, weights=[[1, 1]])
    with pytest.raises(EceiDataError, match="same number of rows"):
        smaa(pts, weights=np.ones((3, 3)), measurements=np.ones((4, 2, 3)))
    with pytest.raises(EceiDataError, match="2 clusters × 3 criteria, but the points"):
        smaa(frame(np.ones((3, 3))), measurements=np.ones((4, 2, 3)))
    with pytest.raises(EceiDataError, match="do not apply to given"):
        smaa(pts, weights=np.ones((3, 3)), concentration=5)
    with pytest.raises(EceiDataError, match="not both"):
        smaa(pts, measurements=np.ones((4, 2, 3)), noise=object())


@pytest.mark.parametrize("ties", ["dense", "min"])
@pytest.mark.parametrize("tol", [None, 0.0, 0.6])
def test_the_first_place_shortcut_agrees_with_full_ranking(ties, tol):
    """The confidence factors' shortcut: first exactly where rank_matrix says 1."""
    from ecei_analysis.scoring.ranks import rank_matrix
    from ecei_analysis.sensitivity.smaa import _ranked_first

    rng = np.random.default_rng(11)
    # Coarse integer scores (many exact ties) and chains of gaps of 0.5 < 0.6
    # whose total exceeds the tolerance.
    scores = rng.integers(0, 6, size=(4000, 7)).astype(float)
    chain = np.array([3.0, 2.5, 2.0, 1.5, 1.0, 0.0, -1.0])
    scores = np.vstack([scores, chain, chain[::-1], scores[:5] * 1e-12])
    for i in range(scores.shape[1]):
        full = rank_matrix(scores, ties=ties, tol=tol)[:, i] == 1
        np.testing.assert_array_equal(
            _ranked_first(scores, i, ties=ties, tol=tol), full
        )


@pytest.mark.parametrize("ties", ["dense", "min"])
def test_confidence_factors_equal_a_full_ranking_of_every_sample(ties):
    """One pass for all central weights gives what ranking each sample gives."""
    from ecei_analysis.scoring.ranks import rank_matrix
    from ecei_analysis.sensitivity.smaa import smaa_confidence

    rng = np.random.default_rng(4)
    meas = rng.integers(0, 4, size=(3000, 6, 3)).astype(float)  # many ties
    central = rng.dirichlet(np.ones(3), size=6)
    central[2] = np.nan  # never first: undefined
    got = smaa_confidence(meas, central, ties=ties).to_numpy()
    for i, w in enumerate(central):
        if np.isnan(w).any():
            assert np.isnan(got[i])
            continue
        ranks = rank_matrix(meas @ w, ties=ties)
        assert got[i] == np.mean(ranks[:, i] == 1)
