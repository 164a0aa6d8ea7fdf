import numpy as np
import pandas as pd
import pytest

from ecei_analysis import (
    AssessorNoise,
    EceiDataError,
    class_points,
    compare_rankings,
    load_study,
    rank_matrix,
    rank_uncertainty,
    smaa,
    sobol_rank_indices,
    sweep_weight,
)
from ecei_analysis.montecarlo import count_ranks
from ecei_analysis.samplers import make_sampler

C3 = ["very_important", "important", "not_so_important"]


@pytest.fixture(scope="module")
def points():
    return class_points(load_study())


def test_counts_equal_brute_force_whatever_the_chunk(points):
    m = points.to_numpy()
    sampler = make_sampler("uniform")
    w = sampler.draw(3000, np.random.default_rng(5))
    r = rank_matrix(w @ m.T)
    for chunk in (1, 333, 5000):
        c = count_ranks(
            m, sampler, 3000, seed=np.random.default_rng(5), chunk_size=chunk
        )
        acc = np.stack([(r == k).sum(0) for k in range(1, 20)], axis=1)
        np.testing.assert_array_equal(c.rank_counts, acc)
        np.testing.assert_array_equal(
            c.pairwise_counts, (r[:, :, None] < r[:, None, :]).sum(0)
        )
        winners = r == 1
        for i in range(19):
            if winners[:, i].any():
                np.testing.assert_allclose(
                    c.winner_weight_sums[i], w[winners[:, i]].sum(axis=0)
                )


def test_min_ties_match_brute_force():
    pts = pd.DataFrame(
        [[1.0, 1, 1], [1, 1, 1], [0, 2, 0]], index=list("abc"), columns=C3
    )
    sampler = make_sampler("uniform")
    w = sampler.draw(2000, np.random.default_rng(1))
    r = rank_matrix(w @ pts.to_numpy().T, ties="min")
    c = count_ranks(
        pts.to_numpy(), sampler, 2000, seed=np.random.default_rng(1), ties="min"
    )
    acc = np.stack([(r == k).sum(0) for k in range(1, 4)], axis=1)
    np.testing.assert_array_equal(c.rank_counts, acc)
    assert c.rank_counts[0, 2] == 0  # a and b always tie, so never rank 3 alone...
    np.testing.assert_array_equal(c.rank_counts[0], c.rank_counts[1])


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
    assert set(res.confidence.unique()) <= {0.0, 1.0}
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
    cp = noise.class_points(200, np.random.default_rng(0))
    caps = (
        study.indicators.groupby("significance_class")["max_points"]
        .sum()[C3]
        .to_numpy()
    )
    assert (cp >= 0).all() and (cp <= caps).all()
    with pytest.raises(EceiDataError, match="exactly one of"):
        AssessorNoise.from_study(study)


def test_confidence_factor_under_noise_is_a_probability(points):
    noise = AssessorNoise.from_study(load_study(), relative=0.1)
    res = smaa(
        points, draws=5000, seed=1, noise=noise, confidence_draws=500, pairwise=False
    )
    assert ((res.confidence >= 0) & (res.confidence <= 1)).all()
    assert 0 < res.confidence["kaluga"] < 1 or res.confidence["kaluga"] in (0, 1)


def test_rank_uncertainty_matches_stored_ranks(points):
    w = {"very_important": 3, "important": 2, "not_so_important": 1}
    table = rank_uncertainty(
        points, w, sampler="dirichlet", draws=4000, seed=6, concentration=20
    )
    sampler = make_sampler("dirichlet", nominal=(3, 2, 1), concentration=20)
    draws = sampler.draw(4000, np.random.default_rng(6))
    ranks = rank_matrix(draws @ points.to_numpy().T)
    nominal = rank_matrix(points.to_numpy() @ np.array([3.0, 2, 1]))
    np.testing.assert_array_equal(table["nominal"], nominal)
    np.testing.assert_array_equal(
        table["median"], np.quantile(ranks, 0.5, axis=0, method="inverted_cdf")
    )
    np.testing.assert_array_equal(
        table["low"], np.quantile(ranks, 0.05, axis=0, method="inverted_cdf")
    )
    np.testing.assert_array_equal(
        table["high"], np.quantile(ranks, 0.95, axis=0, method="inverted_cdf")
    )
    np.testing.assert_allclose(
        table["mean_abs_shift"], np.abs(ranks - nominal).mean(axis=0)
    )


def test_sobol_two_cluster_case_ignores_unused_class():
    pts = pd.DataFrame(
        [[1.0, 0, 0], [0, 1.0, 0], [5.0, 5.0, 5.0]], index=list("abc"), columns=C3
    )
    res = sobol_rank_indices(pts, n=2**10, seed=1)
    assert res.invariant["c"] and not res.invariant["a"]
    assert (
        res.first_order.loc["c"] == 0
    ).all() and not res.first_order.isna().any().any()
    # a's rank depends only on the VI and I weights.
    assert abs(res.total.loc["a", "not_so_important"]) < 1e-12
    assert res.total.loc["a", "very_important"] > 0.3
    tidy = res.tidy()
    assert set(tidy["index"]) == {"first", "total"} and len(tidy) == 2 * 4 * 3


def test_sweep_ranks_match_direct_computation(points):
    nominal = {"very_important": 3, "important": 2, "not_so_important": 1}
    frame = sweep_weight(points, nominal, "important", [0.0, 1.0, 4.0])
    for value, sub in frame.groupby("value"):
        w = np.array([3.0, value, 1.0])
        expected = rank_matrix(points.to_numpy() @ w)
        np.testing.assert_array_equal(sub["rank"].to_numpy(), expected)
    ratio = sweep_weight(points, nominal, "very_important", [0.2, 0.5], keep="ratio")
    row = ratio[ratio["step"] == 0].iloc[0]
    assert row["w_very_important"] == 0.2
    assert row["w_important"] == pytest.approx(0.8 * 2 / 3)
    with pytest.raises(EceiDataError, match="shares in"):
        sweep_weight(points, nominal, "important", [1.5], keep="ratio")


def test_compare_rankings_hand_worked():
    base = pd.Series([1, 2, 3, 4], index=list("abcd"))
    new = pd.DataFrame({"s": [2, 1, 3, 4], "same": [1, 2, 3, 4]}, index=list("abcd"))
    table = compare_rankings(new, base, top_k=2)
    assert table.loc["s", "kendall_tau"] == pytest.approx(2 / 3)
    assert table.loc["s", "spearman_rho"] == pytest.approx(0.8)
    assert table.loc["s", "top_k_overlap"] == 1.0
    assert table.loc["s", "max_abs_shift"] == 1 and table.loc["s", "n_changed"] == 2
    assert table.loc["same", "kendall_tau"] == pytest.approx(1.0)


def test_engine_errors(points):
    with pytest.raises(EceiDataError, match="draws must be"):
        smaa(points, draws=0)
    with pytest.raises(EceiDataError, match="ties='dense' or 'min'"):
        smaa(points, draws=10, ties="average")
    with pytest.raises(EceiDataError, match="power of 2"):
        sobol_rank_indices(points, n=1000)
