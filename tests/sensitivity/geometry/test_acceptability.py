"""Exact acceptability per cluster: the full arrangement agrees, MC agrees beyond."""

import numpy as np
import pandas as pd
import pytest
from helpers import C3, frame

from ecei_analysis import EceiDataError, exact_rank_acceptability, smaa, weight_space
from ecei_analysis.sensitivity.geometry.acceptability import place_areas


@pytest.mark.parametrize("n", [2, 5, 12, 25])
@pytest.mark.parametrize("ties", ["dense", "min"])
@pytest.mark.parametrize("region", ["simplex", "ordered"])
def test_identical_to_the_full_arrangement_up_to_25_clusters(n, ties, region):
    rng = np.random.default_rng(n)
    pts = frame(rng.integers(0, 40, size=(n, 3)), index=[f"c{k}" for k in range(n)])
    if n > 2:
        pts.iloc[1] = pts.iloc[0]  # identical clusters tie everywhere
    new = exact_rank_acceptability(pts, region=region, ties=ties)
    old = weight_space(pts, region=region, ties=ties).acceptability
    np.testing.assert_allclose(new.to_numpy(), old.to_numpy(), atol=1e-12, rtol=0)


def test_bundled_study_identical_to_the_full_arrangement(points):
    for ties in ("dense", "min"):
        new = exact_rank_acceptability(points, ties=ties)
        old = weight_space(points, ties=ties).acceptability
        np.testing.assert_allclose(new.to_numpy(), old.to_numpy(), atol=1e-12, rtol=0)


def test_beyond_25_clusters_agrees_with_a_million_draws():
    rng = np.random.default_rng(40)
    pts = pd.DataFrame(rng.random((40, 3)) * 40, columns=C3)
    exact = exact_rank_acceptability(pts)
    mc = smaa(pts, draws=1_000_000, seed=5, pairwise=False)
    z = np.abs(exact.to_numpy() - mc.acceptability.to_numpy())
    assert (z <= 5 * mc.standard_error.to_numpy() + 2e-4).all()
    np.testing.assert_allclose(exact.sum(axis=0), 1.0, atol=1e-9)
    np.testing.assert_allclose(exact.sum(axis=1), 1.0, atol=1e-9)


def test_place_areas_hand_worked():
    # One line x = y across the simplex: half the area on each side.
    square = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    areas = place_areas(np.array([[1.0, -1.0, 0.0]]), np.array([1]), square)
    np.testing.assert_allclose(areas, [0.25, 0.25])
    # Counted twice (two identical clusters under competition ranking).
    twice = place_areas(np.array([[1.0, -1.0, 0.0]]), np.array([2]), square)
    np.testing.assert_allclose(twice, [0.25, 0.0, 0.25])


def test_rows_for_chosen_clusters_equal_the_full_table(points):
    full = exact_rank_acceptability(points, region="ordered", ties="min")
    chosen = ["zelenograd", "tomsk"]
    part = exact_rank_acceptability(
        points, region="ordered", ties="min", clusters=chosen
    )
    pd.testing.assert_frame_equal(part, full.loc[chosen])
    with pytest.raises(EceiDataError, match="unknown cluster"):
        exact_rank_acceptability(points, clusters=["atlantis"])


def test_memory_stays_bounded_at_100_clusters():
    import tracemalloc

    rng = np.random.default_rng(100)
    pts = pd.DataFrame(
        rng.integers(100, 400, size=(100, 3)).astype(float),
        columns=["very_important", "important", "not_so_important"],
    )
    tracemalloc.start()
    acc = exact_rank_acceptability(pts)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    np.testing.assert_allclose(acc.sum(axis=1), 1.0)
    assert peak < 256 * 2**20, peak / 2**20  # the full arrangement needed > 16 GB
