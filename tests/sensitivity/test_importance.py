import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from ecei_analysis import EceiDataError
from ecei_analysis.sensitivity.importance import (
    REACHED,
    class_importance,
    weights_for_importance,
)

C3 = ["very_important", "important", "not_so_important"]
METHODS = ["pearson", "spearman", "kendall", "ratio"]


def frame(matrix):
    return pd.DataFrame(np.asarray(matrix, float), columns=C3[: np.shape(matrix)[1]])


def orthogonal_classes(n=16):
    """Three centred, mutually orthogonal columns of spreads 1, 2 and 3."""
    q, _ = np.linalg.qr(np.random.default_rng(1).normal(size=(n, 4)))
    basis = q[:, 1:] - q[:, 1:].mean(axis=0)  # orthogonal to the constant vector
    q2, _ = np.linalg.qr(np.column_stack([np.ones(n), basis]))
    cols = q2[:, 1:4] * np.sqrt(n)
    return cols * [1.0, 2.0, 3.0] + 50.0


@pytest.mark.parametrize("method", METHODS)
def test_a_class_with_constant_points_has_no_importance(method):
    rng = np.random.default_rng(0)
    m = np.column_stack([rng.normal(size=60), np.full(60, 7.0), rng.normal(size=60)])
    table = class_importance(frame(m), "3:2:1", method=method).table
    assert table.loc["important", "importance"] == 0.0
    assert table.loc["important", "importance_share"] == 0.0
    assert table["importance_share"].sum() == pytest.approx(1.0)


def test_independent_classes_importance_is_weight_squared_times_variance():
    pts = frame(orthogonal_classes())
    variance = pts.var(ddof=0).to_numpy()
    for weights in ("1:1:1", "3:2:1", "1:4:2"):
        w = np.array([float(x) for x in weights.split(":")])
        w = w / w.sum()
        table = class_importance(pts, weights).table
        expected = w**2 * variance / (w**2 * variance).sum()
        np.testing.assert_allclose(table["importance_share"], expected, atol=1e-12)
        # Against numpy directly: r² of each class with the score.
        y = pts.to_numpy() @ w
        r2 = [np.corrcoef(pts[c], y)[0, 1] ** 2 for c in C3]
        np.testing.assert_allclose(table["importance"], r2, atol=1e-12)
        np.testing.assert_allclose(table["ratio"], expected / w, atol=1e-12)


@pytest.mark.parametrize("method", ["spearman", "kendall"])
def test_rank_methods_agree_with_scipy_with_ties(method):
    rng = np.random.default_rng(3)
    m = rng.integers(0, 6, size=(25, 3)).astype(float)  # many ties
    table = class_importance(frame(m), "2:1:1", method=method).table
    y = m @ np.array([0.5, 0.25, 0.25])
    func = stats.spearmanr if method == "spearman" else stats.kendalltau
    expected = [func(m[:, i], y)[0] ** 2 for i in range(3)]
    np.testing.assert_allclose(table["importance"], expected, atol=1e-12)


def test_the_correlation_ratio_sees_a_nonlinear_dependence():
    x = np.linspace(-1, 1, 41)
    m = np.column_stack([x**2, np.linspace(0, 1, 41), np.cos(7 * x)])
    pts = frame(m)
    pearson = class_importance(pts, "1:0:0").table["importance"]
    with pytest.warns(UserWarning, match="indicative only below 50"):
        ratio = class_importance(pts, "1:0:0", method="ratio").table["importance"]
    # y = x² itself: the smoother recovers it exactly; Pearson sees r = 1 too.
    assert ratio["very_important"] == pytest.approx(1.0, abs=1e-4)
    # y = x² is symmetric in x: no linear trend, but a strong dependence on
    # the second class only through x, which the ratio sees and Pearson not.
    assert pearson["important"] < 0.01
    assert ratio["important"] > 0.9


# mgcv 1.8-41 (R 4.2.2): var(fitted(gam(y ~ s(x), method = "REML"))) / var(y).
# The bundled study's class points, y = their weighted sum (weights as shares).
MGCV_BUNDLED = {
    "3:2:1": (0.7238824, 0.7752562, 0.1017949),
    "1:1:1": (0.4891143915, 0.8074567786, 0.3114544037),
    "1:2:1": (0.4367724437, 0.9147988252, 0.2388240374),
    "5:2:1": (0.8479938924, 0.6556156677, 0.0482124324),
}


@pytest.mark.parametrize("weights", sorted(MGCV_BUNDLED))
def test_the_correlation_ratio_on_the_bundled_study_is_mgcvs(weights):
    from ecei_analysis import class_points, load_study

    with pytest.warns(UserWarning, match="indicative only"):
        table = class_importance(
            class_points(load_study()), weights, method="ratio"
        ).table
    np.testing.assert_allclose(table["importance"], MGCV_BUNDLED[weights], atol=1e-4)


def test_the_correlation_ratio_warns_on_a_study_of_19_clusters():
    from ecei_analysis import class_points, load_study

    with pytest.warns(UserWarning, match="has only 1[0-9] distinct values"):
        class_importance(class_points(load_study()), "3:2:1", method="ratio")


def test_the_correlation_ratio_warns_and_refuses_with_few_values():
    m = np.column_stack([np.arange(12.0), np.arange(12.0) % 6, np.arange(12.0) ** 2])
    with pytest.warns(UserWarning, match="only 6 distinct values"):
        class_importance(frame(m), "1:1:1", method="ratio")
    m[:, 1] = np.arange(12.0) % 3
    with pytest.raises(EceiDataError, match="at least 5 distinct"):
        class_importance(frame(m), "1:1:1", method="ratio")


@pytest.mark.parametrize("method", METHODS)
def test_scaling_weights_or_shifting_a_class_changes_nothing(method):
    rng = np.random.default_rng(5)
    m = rng.normal(size=(30, 3)) * [1, 2, 3] + 10
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        base = class_importance(frame(m), "3:2:1", method=method).table
        scaled = class_importance(frame(m), "30:20:10", method=method).table
        shifted = class_importance(
            frame(m + np.array([100.0, 0.0, -5.0])), "3:2:1", method=method
        ).table
    pd.testing.assert_frame_equal(base, scaled, atol=1e-12)
    pd.testing.assert_frame_equal(base, shifted, atol=1e-9)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("method", ["pearson", "spearman"])
def test_matched_weights_deliver_the_target(seed, method):
    rng = np.random.default_rng(seed)
    mix = rng.normal(size=(3, 3)) * 0.3 + np.eye(3)
    m = rng.normal(size=(40, 3)) @ mix * rng.uniform(0.5, 3, 3)
    target = "3:2:1" if seed % 2 else "1:1:1"
    found = weights_for_importance(frame(m), target, method=method)
    assert found.reachable and found.residual <= REACHED
    # Recomputed independently at the weights found.
    again = class_importance(
        frame(m), dict(zip(C3, found.weights, strict=True)), method=method
    ).table["importance_share"]
    np.testing.assert_allclose(again, found.achieved, atol=1e-12)
    goal = np.array([float(x) for x in target.split(":")])
    np.testing.assert_allclose(again, goal / goal.sum(), atol=REACHED)
    assert found.weights.sum() == pytest.approx(1.0)


def test_the_ordered_region_is_respected():
    rng = np.random.default_rng(2)
    m = rng.normal(size=(30, 3)) * [3.0, 1.0, 1.0]
    found = weights_for_importance(frame(m), "1:1:1", ordered=True)
    w = found.weights.to_numpy()
    assert w[0] >= w[1] - 1e-12 and w[1] >= w[2] - 1e-12
    free = weights_for_importance(frame(m), "1:1:1")
    assert free.weights.iloc[0] < free.weights.iloc[1]  # outside the ordered region
    assert free.residual <= found.residual


def test_unreachable_targets_say_why():
    rng = np.random.default_rng(0)
    m = np.column_stack([rng.normal(size=20), np.full(20, 3.0), rng.normal(size=20)])
    constant = weights_for_importance(frame(m), "1:1:1")
    assert not constant.reachable and constant.reason == "constant_class"
    x = rng.normal(size=30)
    twins = np.column_stack([x, x + 0.01 * rng.normal(size=30), rng.normal(size=30)])
    far = weights_for_importance(frame(twins), "98:1:1")
    assert not far.reachable and far.reason == "beyond_reach"
    assert far.residual > REACHED


def test_infomax_maximises_the_total_importance():
    rng = np.random.default_rng(4)
    m = rng.normal(size=(30, 3))
    found = weights_for_importance(frame(m), optimiser="infomax")
    best = (
        class_importance(frame(m), dict(zip(C3, found.weights, strict=True)))
        .table["importance"]
        .sum()
    )
    for w in rng.dirichlet(np.ones(3), size=300):
        other = class_importance(frame(m), dict(zip(C3, w, strict=True))).table
        assert other["importance"].sum() <= best + 1e-9
    assert found.target is None and found.reachable


def test_bad_input():
    pts = frame(np.eye(3))
    with pytest.raises(EceiDataError, match="method must be one of"):
        class_importance(pts, "1:1:1", method="cosine")
    with pytest.raises(EceiDataError, match="needs a target"):
        weights_for_importance(pts)
    with pytest.raises(EceiDataError, match="at least 3 clusters"):
        class_importance(pts.iloc[:2], "1:1:1")
