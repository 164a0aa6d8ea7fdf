import numpy as np
import pandas as pd
import pytest
from helpers import C3, frame, matrices
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from ecei_analysis import (
    EceiDataError,
    class_points,
    exact_rank_acceptability,
    load_study,
    smaa,
    stability_radius,
    weight_space,
)


def test_symmetric_three_clusters():
    pts = frame([[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    space = weight_space(pts)
    assert space.n_rankings == 6
    np.testing.assert_allclose(space.acceptability.to_numpy(), np.full((3, 3), 1 / 3))
    np.testing.assert_allclose(space.cells["area_share"], 1 / 6)
    line = space.swap_lines.set_index(["cluster_a", "cluster_b"]).loc[("a", "b")]
    # a and b tie on w_VI = w_I: from (0, 0, 1) to (1/2, 1/2, 0).
    starts = np.array([line[f"start_{c}"] for c in C3])
    stops = np.array([line[f"end_{c}"] for c in C3])
    got = {tuple(np.round(starts, 12)), tuple(np.round(stops, 12))}
    assert got == {(0.0, 0.0, 1.0), (0.5, 0.5, 0.0)}


def test_hand_worked_swap_line_area():
    # a beats b where 2 w_VI > w_I: the triangle (1,0,0), (0,0,1), (1/3, 2/3, 0)
    # has 2/3 of the simplex's area.
    pts = frame([[2, 0, 0], [0, 1, 0]])
    acc = exact_rank_acceptability(pts)
    assert acc.loc["a", 1] == pytest.approx(2 / 3, abs=1e-12)
    assert acc.loc["b", 1] == pytest.approx(1 / 3, abs=1e-12)
    # In the ordered region w_VI >= w_I, a always wins.
    ordered = exact_rank_acceptability(pts, region="ordered")
    assert ordered.loc["a", 1] == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("region", ["simplex", "ordered"])
def test_exact_agrees_with_monte_carlo(seed, region):
    rng = np.random.default_rng(seed)
    pts = frame(rng.integers(0, 100, size=(8, 3)), index=[f"c{i}" for i in range(8)])
    exact = exact_rank_acceptability(pts, region=region)
    sampler = "uniform" if region == "simplex" else "ordered"
    mc = smaa(pts, sampler=sampler, draws=200_000, seed=seed, pairwise=False)
    error = (exact - mc.acceptability).abs().to_numpy()
    bound = 5 * mc.standard_error.to_numpy() + 2e-4
    assert (error <= bound).all(), error.max()
    np.testing.assert_allclose(exact.sum(axis=1), 1.0)
    np.testing.assert_allclose(exact.sum(axis=0), 1.0)


def test_bundled_study_exact_vs_million_draws():
    pts = class_points(load_study())
    exact = exact_rank_acceptability(pts, region="ordered")
    mc = smaa(pts, sampler="ordered", draws=1_000_000, seed=11, pairwise=False)
    z = (exact - mc.acceptability).abs() / mc.standard_error.clip(lower=1e-6)
    assert float(z.to_numpy().max()) < 5.0


def test_invariances():
    rng = np.random.default_rng(5)
    pts = frame(rng.integers(0, 50, size=(6, 3)), index=list("abcdef"))
    base = exact_rank_acceptability(pts)
    shifted = exact_rank_acceptability(pts + np.array([7.0, 3.0, 11.0]))
    pd.testing.assert_frame_equal(base, shifted, atol=1e-12)
    perm = list("fdbeca")
    permuted = exact_rank_acceptability(pts.loc[perm])
    pd.testing.assert_frame_equal(permuted, base.loc[perm], atol=1e-12)


def test_cells_and_polygons():
    pts = frame([[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    space = weight_space(pts)
    polys = space.cell_polygons()
    assert len(polys) == 6
    for poly in polys.values():
        np.testing.assert_allclose(poly.sum(axis=1), 1.0)
        assert len(poly) == 3  # each sixth of the simplex is a triangle
    cid = space.cell_of(
        {"very_important": 0.6, "important": 0.3, "not_so_important": 0.1}
    )
    assert space.cells.loc[cid, "ranking"] == ("a", "b", "c")


def test_exact_geometry_needs_three_classes():
    pts = pd.DataFrame([[1.0, 2.0], [2.0, 1.0]], columns=C3[:2])
    with pytest.raises(EceiDataError, match="exactly 3 classes"):
        weight_space(pts)
    with pytest.raises(EceiDataError, match="region must be one of"):
        weight_space(frame([[1, 0, 0], [0, 1, 0]]), region="cube")


def test_swap_line_parallel_to_an_edge_is_clipped_correctly():
    # a - b = (1, 1, -2): tie where w_VI + w_I = 2/3, parallel to the w_NSI = 0 edge.
    pts = frame([[1, 1, 0], [0, 0, 2]])
    line = weight_space(pts).swap_lines.iloc[0]
    ends = {
        tuple(np.round([line[f"{e}_{c}"] for c in C3], 12)) for e in ("start", "end")
    }
    assert ends == {
        tuple(np.round([2 / 3, 0, 1 / 3], 12)),
        tuple(np.round([0, 2 / 3, 1 / 3], 12)),
    }
    radius = stability_radius(
        pts, {"very_important": 1, "important": 1, "not_so_important": 0}
    )
    # From (1/2, 1/2, 0) the nearest point of the line w_NSI = 1/3 is (1/3, 1/3, 1/3).
    assert radius.radius == pytest.approx(np.linalg.norm([1 / 6, 1 / 6, -1 / 3]))


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
