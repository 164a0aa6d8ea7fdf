import numpy as np
import pytest

from ecei_analysis.sensitivity.geometry.plane import polygon_area, region_vertices
from ecei_analysis.sensitivity.geometry.slabs import (
    heights_at_middles,
    slab_sweep,
    unit_lines,
)

TRIANGLE = region_vertices("simplex")[:, :2]  # (1, 0), (0, 1), (0, 0)


def test_slabs_cover_the_region_exactly():
    """The slabs' trapezoids (width x mid-height) add up to the region's area."""
    rng = np.random.default_rng(7)
    lines = unit_lines(rng.normal(size=(6, 3)) * [1, 1, 0.3])
    for region in ("simplex", "ordered"):
        poly = region_vertices(region)[:, :2]
        slabs = slab_sweep(poly, lines)
        assert np.all(slabs.width > 0) and np.all(slabs.upper >= slabs.lower)
        area = (slabs.width * (slabs.upper - slabs.lower)).sum()
        assert area == pytest.approx(polygon_area(poly), rel=1e-12)
        assert slabs.left[0] == pytest.approx(poly[:, 0].min())
        assert slabs.right[-1] == pytest.approx(poly[:, 0].max())


def test_a_crossing_inside_breaks_a_slab_and_one_outside_does_not():
    # x = 0.25 and y = x cross at (0.25, 0.25), inside the triangle; y = x meets
    # the edge x + y = 1 at x = 0.5; the line x + y = 3 crosses them outside it.
    lines = unit_lines(np.array([[1.0, 0.0, -0.25], [1.0, -1.0, 0.0], [1, 1, -3]]))
    slabs = slab_sweep(TRIANGLE, lines)
    assert slabs.left.tolist() == pytest.approx([0.0, 0.25, 0.5])
    assert slabs.right.tolist() == pytest.approx([0.25, 0.5, 1.0])
    # In the triangle x, y >= 0 and x + y <= 1: at x = 0.125 y runs 0 to 0.875.
    assert (slabs.lower[0], slabs.upper[0]) == pytest.approx((0.0, 0.875))


def test_vertical_lines_have_no_height():
    heights = heights_at_middles(
        np.array([0.2, 0.6]), np.array([[0, 1, -0.5], [1, 0, 0]])
    )
    assert heights[:, 0] == pytest.approx([0.5, 0.5])
    assert np.isnan(heights[:, 1]).all()


def test_unit_lines_keep_a_degenerate_line():
    out = unit_lines(np.array([[0.0, 0.0, 2.0], [0.0, 2.0, 1.0]]))
    assert out.tolist() == [[0.0, 0.0, 2.0], [0.0, 1.0, 0.5]]
