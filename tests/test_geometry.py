import numpy as np
import pandas as pd
import pytest

from ecei_analysis import (
    EceiDataError,
    class_points,
    exact_rank_acceptability,
    load_study,
    smaa,
    stability_radius,
    swap_thresholds,
    weight_space,
)

C3 = ["very_important", "important", "not_so_important"]


def frame(rows, index=None):
    index = index or [chr(ord("a") + i) for i in range(len(rows))]
    return pd.DataFrame(np.array(rows, dtype=float), index=index, columns=C3)


def test_symmetric_three_clusters():
    pts = frame([[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    space = weight_space(pts)
    assert space.n_rankings == 6
    np.testing.assert_allclose(space.acceptability.to_numpy(), np.full((3, 3), 1 / 3))
    np.testing.assert_allclose(space.cells["area_share"], 1 / 6)
    line = space.swap_lines.set_index(["cluster_a", "cluster_b"]).loc[("a", "b")]
    ends = {
        (round(line[f"start_{c}"], 12), round(line[f"end_{c}"], 12)) for c in C3[:1]
    }
    # a and b tie on w_VI = w_I: from (0, 0, 1) to (1/2, 1/2, 0).
    starts = np.array([line[f"start_{c}"] for c in C3])
    stops = np.array([line[f"end_{c}"] for c in C3])
    got = {tuple(np.round(starts, 12)), tuple(np.round(stops, 12))}
    assert got == {(0.0, 0.0, 1.0), (0.5, 0.5, 0.0)} and ends


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


def test_stability_radius_hand_worked():
    pts = frame([[1, 0, 0], [0, 1, 0]])
    w = {"very_important": 0.5, "important": 0.3, "not_so_important": 0.2}
    result = stability_radius(pts, w)
    assert result["radius"] == pytest.approx(0.2 / np.sqrt(2))
    np.testing.assert_allclose(result["nearest_weights"], [0.4, 0.4, 0.2])
    # The nearest point of the line outside the ordered region does not count.
    tied = stability_radius(
        pts, {"very_important": 1, "important": 1, "not_so_important": 1}
    )
    assert tied["radius"] == 0 and tied["tied"] == [("a", "b")]


def test_stability_radius_matches_brute_force_grid():
    rng = np.random.default_rng(9)
    pts = frame(rng.integers(0, 60, size=(5, 3)))
    w0 = np.array([0.5, 0.3, 0.2])
    result = stability_radius(pts, dict(zip(C3, w0, strict=True)))
    base = np.argsort(-(pts.to_numpy() @ w0))
    g = np.linspace(0, 1, 801)
    x, y = np.meshgrid(g, g)
    ok = x + y <= 1
    grid = np.column_stack([x[ok], y[ok], 1 - x[ok] - y[ok]])
    changed = (np.argsort(-(grid @ pts.to_numpy().T), axis=1) != base).any(axis=1)
    brute = np.linalg.norm(grid[changed] - w0, axis=1).min()
    assert result["radius"] == pytest.approx(brute, abs=2 / 800)


def test_swap_thresholds_hand_worked():
    pts = frame([[10, 0, 0], [0, 8, 0]])
    table = swap_thresholds(
        pts, {"very_important": 1, "important": 1, "not_so_important": 1}
    )
    row = table.iloc[0]
    assert (row["upper"], row["lower"], row["margin"]) == ("a", "b", 2.0)
    assert row["threshold_very_important"] == pytest.approx(0.8)
    assert row["threshold_important"] == pytest.approx(1.25)
    assert np.isnan(row["threshold_not_so_important"])
    assert row["condition"] == "10·w_VI - 8·w_I >= 0"
    # Share form: w = (s, (1-s)/2, (1-s)/2) ties when 10 s = 8 (1 - s) / 2 -> s = 2/7.
    assert row["share_threshold_very_important"] == pytest.approx(2 / 7)
    assert row["sentence"] == (
        "a stays above b while w_VI >= 0.8 (now 1; other weights fixed), i.e. while its "
        "share of the weights stays >= 29% (now 33%; the others in their proposed ratio)"
    )


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
    assert radius["radius"] == pytest.approx(np.linalg.norm([1 / 6, 1 / 6, -1 / 3]))
