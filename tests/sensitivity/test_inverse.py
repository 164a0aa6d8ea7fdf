import numpy as np
import pandas as pd
import pytest
from helpers import C3, W, grid

from ecei_analysis import (
    EceiDataError,
    class_points,
    exact_rank_acceptability,
    load_study,
    points_to_reach,
    rank_matrix,
    ranking_region,
    weight_space,
    weights_to_overtake,
    weights_to_reach,
)


def brute_force(points, cluster, rank, w0, norm, ordered):
    pts = grid()
    if ordered:
        pts = pts[(pts[:, 0] >= pts[:, 1] - 1e-12) & (pts[:, 1] >= pts[:, 2] - 1e-12)]
    scores = pts @ points.to_numpy().T
    i = list(points.index).index(cluster)
    above = (scores > scores[:, [i]] + 1e-9).sum(axis=1)
    ok = above <= rank - 1
    if not ok.any():
        return np.inf
    diff = np.abs(pts[ok] - w0 / w0.sum())
    dist = diff.sum(axis=1) if norm == "l1" else diff.max(axis=1)
    return dist.min()


@pytest.fixture(scope="module")
def random_points():
    rng = np.random.default_rng(4)
    return pd.DataFrame(
        rng.integers(0, 60, size=(7, 3)).astype(float),
        index=[f"c{i}" for i in range(7)],
        columns=C3,
    )


@pytest.mark.parametrize("norm", ["l1", "linf"])
@pytest.mark.parametrize("ordered", [False, True])
@pytest.mark.parametrize(
    ("cluster", "rank"), [("c3", 1), ("c5", 2), ("c6", 3), ("c1", 1)]
)
def test_weights_to_reach_matches_brute_force(
    random_points, norm, ordered, cluster, rank
):
    w0 = np.array([3.0, 2.0, 1.0])
    result = weights_to_reach(
        random_points,
        cluster,
        rank,
        dict(zip(C3, w0, strict=True)),
        norm=norm,
        ordered=ordered,
    )
    brute = brute_force(random_points, cluster, rank, w0, norm, ordered)
    if not result.feasible:
        assert brute == np.inf
        assert result.distance != result.distance and result.weights is None
        return
    # The LP optimum is exact; the grid can only be a little worse.
    assert result.distance <= brute + 1e-9
    assert brute - result.distance <= (2 if norm == "l1" else 1) * 2 / 300
    w = result.weights.to_numpy()
    assert w.sum() == pytest.approx(1.0) and (w >= -1e-12).all()
    ranks = rank_matrix(random_points.to_numpy() @ w, ties="min")
    assert ranks[list(random_points.index).index(cluster)] <= rank
    if ordered:
        assert w[0] >= w[1] - 1e-9 and w[1] >= w[2] - 1e-9


def test_infeasible_first_place_agrees_with_exact_geometry():
    points = class_points(load_study())
    acc = exact_rank_acceptability(points)
    for cluster in points.index:
        result = weights_to_reach(points, cluster, 1, W)
        assert result.feasible == (acc.loc[cluster, 1] > 0), cluster


def test_overtake_distance_matches_the_exact_swap_line():
    points = class_points(load_study())
    result = weights_to_overtake(points, "innokam", "kaluga", W, norm="linf")
    brute = brute_force(
        points.loc[["innokam", "kaluga"]],
        "innokam",
        1,
        np.array([3.0, 2, 1]),
        "linf",
        False,
    )
    assert result.distance == pytest.approx(brute, abs=2 / 300)
    # The nearest weighting lies on the pair's swap line (a tie).
    w = result.weights.to_numpy()
    s = points.loc[["innokam", "kaluga"]].to_numpy() @ w
    assert s[0] == pytest.approx(s[1], abs=1e-6)


def test_already_there_is_distance_zero():
    points = class_points(load_study())
    result = weights_to_reach(points, "kaluga", 1, W)
    assert result.distance == 0.0 and result.already and result.feasible
    assert result.tidy()["nearest"].tolist() == pytest.approx([0.5, 1 / 3, 1 / 6])


def test_ranking_region_area_matches_exact_cells():
    points = class_points(load_study())
    space = weight_space(points)
    cell = space.cells.iloc[0]
    region = ranking_region(points, list(cell["ranking"]))
    assert region.feasible
    assert region.area_share == pytest.approx(cell["area_share"], rel=1e-6)
    assert len(region.tidy()) == 3 * len(region.vertices)
    impossible = ranking_region(points, ["samara_aerospace"])
    assert not impossible.feasible


def test_points_to_reach_hand_worked(small_dir):
    study = load_study(small_dir)
    # Under equal weights y=36, x=35, z=35. To reach 1st, x needs +1 point on any
    # indicator (weight 1); A1 has 10 - 8 = 2 left, B2 has 20 - 10 = 10 left.
    weights = {"very_important": 1, "important": 1, "not_so_important": 1}
    table = points_to_reach(study, "x", 1, weights).table.set_index("indicator")
    assert table.loc["A1", "delta"] == 1 and table.loc["A1", "feasible"]
    # With w_VI = 0.25: x = 29, y = 34.5, z = 27.5; the gap is 5.5 points of score.
    weights = {"very_important": 0.25, "important": 1, "not_so_important": 1}
    result = points_to_reach(study, "x", 1, weights)
    assert result.gap == pytest.approx(5.5) and not result.already
    table = result.table
    rows = table.set_index("indicator")
    assert (
        rows.loc["A1", "delta"] == pytest.approx(22) and not rows.loc["A1", "feasible"]
    )
    assert (
        rows.loc["A2", "delta_whole"] == 6 and not rows.loc["A2", "feasible"]
    )  # 5 + 6 > 10
    assert rows.loc["B1", "feasible"] and rows.loc["B2", "feasible"]
    assert list(table["indicator"][:2]) == ["B1", "B2"]
    # Infeasible rows come last, closest first: A2 lacks 1 point, A1 lacks 20.
    assert list(table["indicator"][2:]) == ["A2", "A1"]
    assert rows.loc["A2", "shortfall"] == 1 and rows.loc["A1", "shortfall"] == 20
    with pytest.raises(EceiDataError, match="rank must be"):
        points_to_reach(study, "x", 0, weights)
