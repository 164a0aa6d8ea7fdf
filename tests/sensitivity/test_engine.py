"""The one Monte Carlo engine: counts against brute force, chunk independence."""

import os

import numpy as np
import pandas as pd
import pytest
from helpers import C3

from ecei_analysis import AssessorNoise, EceiDataError, rank_matrix, smaa
from ecei_analysis.core.seeds import spawn_generators
from ecei_analysis.sensitivity.engine import (
    WeightModel,
    normalise_rows,
    row_sums,
    run_engine,
    sorted_ranks,
)
from ecei_analysis.sensitivity.samplers import make_sampler


def drawn_weights(sampler, n, seed):
    """The weights the engine draws for ``seed`` (its 'weights' stream)."""
    streams, _ = spawn_generators(seed, WeightModel.stream_names)
    return sampler.draw(n, streams["weights"])


@pytest.mark.parametrize("workers", [1, 2])
def test_counts_equal_brute_force_whatever_the_chunk(points, workers):
    m = points.to_numpy()
    sampler = make_sampler("uniform")
    w = drawn_weights(sampler, 3000, 5)
    r = rank_matrix(w @ m.T)
    for chunk in (1, 333, 5000):
        c = run_engine(
            WeightModel(m, sampler),
            3000,
            seed=5,
            chunk_size=chunk,
            pairwise=True,
            workers=workers,
        )
        acc = np.stack([(r == k).sum(0) for k in range(1, 20)], axis=1)
        np.testing.assert_array_equal(c.rank_counts, acc)
        np.testing.assert_array_equal(
            c.pairwise_counts, (r[:, :, None] < r[:, None, :]).sum(0)
        )
        winners = r == 1
        shares = w / w.sum(axis=1, keepdims=True)
        for i in range(19):
            if winners[:, i].any():
                np.testing.assert_allclose(
                    c.winner_weight_sums[i], shares[winners[:, i]].sum(axis=0)
                )
        assert c.seed == 5


@pytest.mark.parametrize("sampler_name", ["uniform", "dirichlet", "box"])
@pytest.mark.parametrize("law", [{"levels": 1}, {"relative": 0.1}])
def test_bounded_samplers_and_noise_do_not_depend_on_chunk_size_or_workers(
    points, study, sampler_name, law
):
    """The rejection sampler and the noise draw in fixed blocks of their own streams;
    the workers turn the noise's uniforms into class points (both noise paths)."""
    sampler = make_sampler(
        sampler_name, bounds={"very_important": (0.3, 0.7), "important": (0.1, 0.5)}
    )
    noise = AssessorNoise.from_study(study, **law)
    counts = [
        run_engine(
            WeightModel(points.to_numpy(), sampler, noise),
            6000,
            seed=9,
            chunk_size=c,
            workers=workers,
        ).rank_counts
        for c, workers in ((500, 1), (5000, 2), (777, 2), (777, 1))
    ]
    for other in counts[1:]:
        np.testing.assert_array_equal(counts[0], other)


def test_min_ties_match_brute_force():
    pts = pd.DataFrame(
        [[1.0, 1, 1], [1, 1, 1], [0, 2, 0]], index=list("abc"), columns=C3
    )
    sampler = make_sampler("uniform")
    w = drawn_weights(sampler, 2000, 1)
    r = rank_matrix(w @ pts.to_numpy().T, ties="min")
    c = run_engine(
        WeightModel(pts.to_numpy(), sampler), 2000, seed=1, ties="min", pairwise=True
    )
    acc = np.stack([(r == k).sum(0) for k in range(1, 4)], axis=1)
    np.testing.assert_array_equal(c.rank_counts, acc)
    # tied pairs count for neither side
    np.testing.assert_array_equal(
        c.pairwise_counts, (r[:, :, None] < r[:, None, :]).sum(0)
    )
    assert c.pairwise_counts[0, 1] == c.pairwise_counts[1, 0] == 0
    assert c.rank_counts[0, 2] == 0  # a and b always tie: never rank 3 alone
    np.testing.assert_array_equal(c.rank_counts[0], c.rank_counts[1])


def test_observers_see_the_ranks_of_every_draw(points):
    sampler = make_sampler("ordered")
    w = drawn_weights(sampler, 1500, 2)
    expected = rank_matrix(w @ points.to_numpy().T, ties="min").sum(axis=0)

    class RankSum:
        total = np.zeros(len(points))

        def partial(self, chunk, ranks):
            return ranks.sum(axis=0)

        def merge(self, partial):
            self.total = self.total + partial

    observer = RankSum()
    run_engine(
        WeightModel(points.to_numpy(), sampler),
        1500,
        seed=2,
        ties="min",
        observers=[observer],
        chunk_size=100,
    )
    np.testing.assert_array_equal(observer.total, expected)


@pytest.mark.parametrize("ties", ["dense", "min"])
def test_sorted_ranks_agree_with_rank_matrix_on_near_ties(ties):
    """Per-row relative tolerance: rounding-level gaps tie, real gaps do not."""
    rng = np.random.default_rng(0)
    base = rng.integers(0, 5, size=(500, 7)).astype(float)
    scores = base / 3.0 + rng.choice([0.0, 1e-15, 1e-6], size=base.shape)
    order, ranks = sorted_ranks(scores, ties=ties)
    expected = rank_matrix(scores, ties=ties)
    got = np.empty_like(expected)
    np.put_along_axis(got, order, ranks, axis=1)
    np.testing.assert_array_equal(got, expected)


def test_scaling_given_weight_samples_never_changes_counts(points):
    w = np.random.default_rng(3).dirichlet(np.ones(3), size=2000)
    counts = [
        run_engine(WeightModel(points.to_numpy(), w * factor), 2000).rank_counts
        for factor in (1e-12, 1.0, 1e12)
    ]
    np.testing.assert_array_equal(counts[0], counts[1])
    np.testing.assert_array_equal(counts[0], counts[2])


def test_engine_errors(points):
    with pytest.raises(EceiDataError, match="draws must be"):
        smaa(points, draws=0)
    with pytest.raises(EceiDataError, match="draws must be a whole number"):
        smaa(points, draws="1e6")
    with pytest.raises(EceiDataError, match="ties='dense' or 'min'"):
        smaa(points, draws=10, ties="average")
    with pytest.raises(EceiDataError, match="chunk_size"):
        smaa(points, draws=10, chunk_size=0)


def test_chunks_fit_the_cache_and_threads_take_only_heavy_chunks():
    from ecei_analysis.sensitivity.engine import _chunk_size, _workers

    sizes = {n: _chunk_size(80 * n, n, None) for n in (3, 19, 40, 100, 256, 1300)}
    assert sizes == {3: 8192, 19: 4096, 40: 2048, 100: 1024, 256: 512, 1300: 645}
    assert _chunk_size(80 * 19, 19, None, pairwise=True) == 2048
    assert _chunk_size(80 * 19, 19, 333) == 333  # the user's chunk is kept
    assert _workers(None, 1e-4) == 1
    assert _workers(None, 1e-2) == min(2, os.cpu_count() or 1)
    assert _workers(3, 1e-4) == 3


@pytest.mark.parametrize("n", [2, 64, 150])
def test_pairwise_wins_over_blocks_of_clusters_and_ragged_chunks(n):
    """Wide studies compare their pairs block by block (int16 ranks past 127
    clusters); chunks that are no whole number of 64-draw words are padded."""
    rng = np.random.default_rng(n)
    pts = rng.integers(0, 4, size=(n, 3)).astype(float)  # many ties
    sampler = make_sampler("uniform")
    w = drawn_weights(sampler, 700, 3)
    r = rank_matrix(w @ pts.T, ties="min")
    c = run_engine(
        WeightModel(pts, sampler),
        700,
        seed=3,
        ties="min",
        pairwise=True,
        chunk_size=300,
    )
    np.testing.assert_array_equal(
        c.pairwise_counts, (r[:, :, None] < r[:, None, :]).sum(0)
    )


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf, -0.5])
def test_weight_samples_that_are_not_finite_and_non_negative_are_refused(bad):
    w = np.full((5, 3), 1 / 3)
    w[3, 1] = bad
    with pytest.raises(EceiDataError, match="finite and non-negative"):
        normalise_rows(w)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_measurements_that_give_scores_not_finite_are_refused(points, bad):
    pts = points.to_numpy()
    measurements = np.broadcast_to(pts, (50, *pts.shape)).copy()
    measurements[17, 4, 2] = bad
    weights = np.full((50, 3), 1 / 3)
    with pytest.raises(EceiDataError, match="scores of a sample are not finite"):
        run_engine(WeightModel(pts, weights, measurements), 50)


def test_row_sums_are_the_bits_of_numpy_sums():
    rng = np.random.default_rng(4)
    for k in range(1, 13):
        w = rng.dirichlet(np.ones(k), size=500) * rng.random((500, 1)) * 7
        np.testing.assert_array_equal(row_sums(w), w.sum(axis=1))
