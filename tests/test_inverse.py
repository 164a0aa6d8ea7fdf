"""Inverse questions (LP / MILP) checked against brute force and exact geometry."""

import numpy as np
import pandas as pd
import pytest

from ecei_analysis import (
    EceiDataError,
    class_points,
    classification_uncertainty,
    exact_rank_acceptability,
    load_study,
    points_to_reach,
    rank_matrix,
    ranking_region,
    weight_space,
    weights_to_overtake,
    weights_to_reach,
)
from ecei_analysis.cli import main

C3 = ["very_important", "important", "not_so_important"]
W = {"very_important": 3.0, "important": 2.0, "not_so_important": 1.0}


def grid(step=1 / 300):
    g = np.arange(0, 1 + 1e-12, step)
    x, y = np.meshgrid(g, g)
    keep = x + y <= 1 + 1e-12
    return np.column_stack([x[keep], y[keep], np.clip(1 - x[keep] - y[keep], 0, 1)])


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
        assert "infeasible" in result.sentence
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
    assert result.distance == pytest.approx(0.0, abs=1e-12)
    assert "already" in result.sentence


def test_ranking_region_area_matches_exact_cells():
    points = class_points(load_study())
    space = weight_space(points)
    cell = space.cells.iloc[0]
    region = ranking_region(points, list(cell["ranking"]))
    assert region["feasible"]
    assert region["area_share"] == pytest.approx(cell["area_share"], rel=1e-6)
    impossible = ranking_region(points, ["samara_aerospace"])
    assert not impossible["feasible"]


def test_points_to_reach_hand_worked(small_dir):
    study = load_study(small_dir)
    # Under equal weights y=36, x=35, z=35. To reach 1st, x needs +1 point on any
    # indicator (weight 1); A1 has 10 - 8 = 2 left, B2 has 20 - 10 = 10 left.
    weights = {"very_important": 1, "important": 1, "not_so_important": 1}
    table = points_to_reach(study, "x", 1, weights).set_index("indicator")
    assert table.loc["A1", "delta"] == 1 and table.loc["A1", "feasible"]
    # With w_VI = 0.25: x = 29, y = 34.5, z = 27.5; the gap is 5.5 points of score.
    weights = {"very_important": 0.25, "important": 1, "not_so_important": 1}
    table = points_to_reach(study, "x", 1, weights)
    rows = table.set_index("indicator")
    assert (
        rows.loc["A1", "delta"] == pytest.approx(22) and not rows.loc["A1", "feasible"]
    )
    assert (
        rows.loc["A2", "delta_whole"] == 6 and not rows.loc["A2", "feasible"]
    )  # 5 + 6 > 10
    assert rows.loc["B1", "feasible"] and rows.loc["B2", "feasible"]
    assert list(table["indicator"][:2]) == ["B1", "B2"]
    assert "needs +6 points on B1 (12 → 18 of 20)" in table["sentence"].iloc[0]
    with pytest.raises(EceiDataError, match="rank must be"):
        points_to_reach(study, "x", 0, weights)


def test_classification_effects_hand_worked(small_dir):
    study = load_study(small_dir)
    weights = {"very_important": 1, "important": 1, "not_so_important": 1}
    # Equal weights: the class of an indicator cannot matter at all.
    flat = classification_uncertainty(
        study, weights, p=0.5, sampler="fixed", draws=2000, seed=1
    )
    assert (flat.effects["effect"].abs() < 1e-12).all()
    assert (flat.summary["p_nominal"] == 1).all()
    # Strongly unequal weights: moving B1 (x 12, y 10, z 20 points) out of NSI
    # into I raises its weight, which helps z most.
    weights = {"very_important": 1, "important": 10, "not_so_important": 0.1}
    res = classification_uncertainty(
        study, weights, p=0.3, sampler="fixed", draws=20000, seed=2
    )
    top_z = res.top_indicators("z", 1).iloc[0]
    assert top_z["indicator"] == "B1" and top_z["effect"] < 0  # z gains places
    assert 0.25 < top_z["moved_share"] < 0.35
    # Exact enumeration of every move pattern gives the effect the Monte Carlo
    # estimates.
    import itertools

    classes = ["very_important", "important", "not_so_important"]
    options = []
    for cls in study.classification:
        k = classes.index(cls)
        moves = [k - 1, k + 1] if 0 < k < 2 else [1]
        options.append([(k, 0.7, False)] + [(m, 0.3 / len(moves), True) for m in moves])
    w = np.array([weights[c] for c in classes])
    z = list(study.points.index).index("z")
    b1 = list(study.points.columns).index("B1")
    sums = {True: [0.0, 0.0], False: [0.0, 0.0]}
    for combo in itertools.product(*options):
        prob = np.prod([c[1] for c in combo])
        v = w[[c[0] for c in combo]]
        rank = rank_matrix(study.points.to_numpy() @ v)[z]
        sums[combo[b1][2]][0] += prob * rank
        sums[combo[b1][2]][1] += prob
    exact = sums[True][0] / sums[True][1] - sums[False][0] / sums[False][1]
    assert abs(top_z["effect"] - exact) < 4 * top_z["se"] + 1e-9


def test_classification_proposals(small_dir):
    study = load_study(small_dir)
    alt = study.classification.copy()
    alt["B1"] = "very_important"
    weights = {"very_important": 5, "important": 1, "not_so_important": 1}
    res = classification_uncertainty(
        study,
        weights,
        proposals=[study.classification, alt],
        sampler="fixed",
        draws=4000,
        seed=3,
    )
    # Deterministic per proposal: ranks equal the direct computation.
    for q, classes in enumerate([study.classification, alt]):
        v = classes.map(weights).to_numpy()
        expected = rank_matrix(study.points.to_numpy() @ v)
        np.testing.assert_allclose(
            res.proposals.loc[q, "mean_rank"].to_numpy(), expected
        )
    with pytest.raises(EceiDataError, match="unknown significance class"):
        bad = alt.copy()
        bad["A1"] = "vital"
        classification_uncertainty(study, weights, proposals=[bad], draws=10)


def test_what_if_cli(capsys):
    assert main(["what-if", "--cluster", "zelenograd", "--rival", "innokam"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("SYNTHETIC DEMONSTRATION DATA")
    assert "Zelenograd is at place 4" in out and "overtaking:" in out
    assert main(["what-if", "--cluster", "samara_aerospace", "--target-rank", "1"]) == 0
    assert "infeasible" in capsys.readouterr().out
    assert main(["what-if", "--cluster", "atlantis"]) == 2
