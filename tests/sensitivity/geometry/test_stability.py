import numpy as np
import pytest
from helpers import C3, frame

from ecei_analysis import (
    stability_radius,
    swap_thresholds,
)


def test_stability_radius_hand_worked():
    pts = frame([[1, 0, 0], [0, 1, 0]])
    w = {"very_important": 0.5, "important": 0.3, "not_so_important": 0.2}
    result = stability_radius(pts, w)
    assert result.radius == pytest.approx(0.2 / np.sqrt(2))
    np.testing.assert_allclose(result.nearest_weights, [0.4, 0.4, 0.2])
    # The nearest point of the line outside the ordered region does not count.
    tied = stability_radius(
        pts, {"very_important": 1, "important": 1, "not_so_important": 1}
    )
    assert tied.radius == 0 and tied.tied == (("a", "b"),)


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
    assert result.radius == pytest.approx(brute, abs=2 / 800)


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
    assert (row["d_very_important"], row["d_important"]) == (10.0, -8.0)
    assert row["d_not_so_important"] == 0.0 and not row["tied"]
    assert row["most_sensitive"] == "very_important"
    assert row["change_very_important"] == pytest.approx(0.2)
    # Share form: w = (s, (1-s)/2, (1-s)/2) ties when 10 s = 8 (1 - s) / 2 -> s = 2/7.
    assert row["share_threshold_very_important"] == pytest.approx(2 / 7)


def test_stability_radius_on_a_tie_and_beyond_every_swap():
    pts = frame([[1, 0, 0], [1, 0, 0], [0, 0, 1]])
    on_tie = stability_radius(pts, "3:2:1", top=2)
    assert on_tie.radius == 0 and on_tie.tied == (("a", "b"),)
    # Clusters a and b never change order against c within the ordered region's
    # top 1? c leads only where w_NSI > w_VI: outside the ordered region.
    ordered = stability_radius(frame([[2, 1, 0], [0, 0, 1]]), "3:2:1", region="ordered")
    assert ordered.radius == np.inf and ordered.pair is None


def test_swap_thresholds_mark_ties_and_identical_clusters():
    table = swap_thresholds(frame([[1, 2, 3], [3, 2, 1], [1, 2, 3]]), "1:1:1")
    assert table["tied"].all() and (table["margin"] == 0).all()
    assert table["most_sensitive"].isna().all()
