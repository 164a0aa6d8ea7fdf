"""Plane helpers of the exact geometry, against independent computations.

scipy's Qhull (ConvexHull, Delaunay) and numpy's linear solver are the second
methods; hand-worked polygons give exact values.
"""

import numpy as np
import pandas as pd
import pytest
from scipy.spatial import ConvexHull, Delaunay

from ecei_analysis import EceiDataError
from ecei_analysis.sensitivity.geometry.plane import (
    check_three_classes,
    clip_segment,
    edge_lines,
    inside_polygon,
    line_intersections,
    plane_lines,
    polygon_area,
    region_vertices,
    to_weights,
)

# The weight simplex and the ordered region in plane coordinates (w_1, w_2).
SIMPLEX = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
ORDERED = np.array([[1.0, 0.0], [0.5, 0.5], [1 / 3, 1 / 3]])


def random_convex_polygon(rng, k=7):
    """The convex hull of random points, counter-clockwise."""
    cloud = rng.random((40, 2))
    return cloud[ConvexHull(cloud).vertices]


def test_hand_worked_areas():
    # The simplex's plane triangle is half the unit square; the ordered region
    # has vertices (1, 0), (1/2, 1/2), (1/3, 1/3): |det| / 2 = 1/12, a sixth of it.
    assert polygon_area(SIMPLEX) == pytest.approx(0.5)
    assert polygon_area(ORDERED) == pytest.approx(1 / 12)
    assert polygon_area(np.array([[0, 0], [2, 0], [2, 3], [0, 3]])) == 6.0


@pytest.mark.parametrize("seed", range(10))
def test_area_equals_qhull_in_either_orientation(seed):
    poly = random_convex_polygon(np.random.default_rng(seed))
    expected = ConvexHull(poly).volume  # a 2-d hull's "volume" is its area
    assert polygon_area(poly) == pytest.approx(expected, rel=1e-12)
    assert polygon_area(poly[::-1]) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("seed", range(10))
def test_inside_equals_delaunay_away_from_the_edges(seed):
    rng = np.random.default_rng(seed)
    poly = random_convex_polygon(rng)
    xy = rng.random((2000, 2)) * 1.2 - 0.1
    expected = Delaunay(poly).find_simplex(xy) >= 0
    # Leave out points within 1e-9 of an edge, where either answer is right.
    edges = edge_lines(poly)
    distance = np.abs(xy @ edges[:, :2].T + edges[:, 2]) / np.hypot(
        edges[:, 0], edges[:, 1]
    )
    clear = distance.min(axis=1) > 1e-9
    for orientation in (poly, poly[::-1]):
        got = inside_polygon(orientation, xy)
        np.testing.assert_array_equal(got[clear], expected[clear])
    assert inside_polygon(poly, poly).all()  # vertices count as inside


def test_every_vertex_lies_on_its_two_edge_lines():
    poly = random_convex_polygon(np.random.default_rng(3))
    edges = edge_lines(poly)
    k = len(poly)
    for i in range(k):
        a, b, c = edges[i]
        for vertex in (poly[i], poly[(i + 1) % k]):
            assert a * vertex[0] + b * vertex[1] + c == pytest.approx(0, abs=1e-12)


def test_intersections_equal_a_linear_solve():
    rng = np.random.default_rng(5)
    lines = rng.normal(size=(6, 3))
    lines[5] = 2 * lines[4]  # parallel (the same line): no intersection
    got = line_intersections(lines)
    expected = []
    for i in range(6):
        for j in range(i + 1, 6):
            if {i, j} == {4, 5}:
                continue
            matrix = np.array([lines[i, :2], lines[j, :2]])
            expected.append(
                np.linalg.solve(matrix, -np.array([lines[i, 2], lines[j, 2]]))
            )
    np.testing.assert_allclose(got, np.array(expected), rtol=1e-9, atol=1e-12)


def test_plane_lines_are_the_tie_lines_of_the_class_differences():
    rng = np.random.default_rng(8)
    d = rng.normal(size=(5, 3))
    lines = plane_lines(d)
    xy = rng.random((100, 2))
    w = to_weights(xy)
    np.testing.assert_allclose(w.sum(axis=1), 1.0)
    np.testing.assert_allclose(
        xy @ lines[:, :2].T + lines[:, 2], w @ d.T, rtol=1e-12, atol=1e-12
    )


@pytest.mark.parametrize("seed", range(10))
def test_a_clipped_segment_is_the_part_of_the_line_inside(seed):
    rng = np.random.default_rng(seed)
    poly = random_convex_polygon(rng)
    centre = poly.mean(axis=0)
    angle = rng.uniform(0, np.pi)
    normal = np.array([np.cos(angle), np.sin(angle)])
    line = np.array([*normal, -normal @ centre])  # through the centre
    ends = clip_segment(line, poly)
    assert ends is not None
    # The ends lie on the line and on the boundary (inside, on an edge line).
    np.testing.assert_allclose(ends @ line[:2] + line[2], 0, atol=1e-12)
    assert inside_polygon(poly, ends, eps=1e-10).all()
    edges = edge_lines(poly)
    on_edge = np.abs(ends @ edges[:, :2].T + edges[:, 2]).min(axis=1)
    assert (on_edge < 1e-10).all()
    # Along the line, points strictly between the ends are inside, beyond are not.
    direction = ends[1] - ends[0]
    t = np.linspace(-0.5, 1.5, 401)
    along = ends[0] + t[:, None] * direction
    inside = inside_polygon(poly, along, eps=0)
    interior = (t > 1e-6) & (t < 1 - 1e-6)
    exterior = (t < -1e-6) | (t > 1 + 1e-6)
    assert inside[interior].all() and not inside[exterior].any()


def test_a_line_that_misses_or_grazes_the_polygon_clips_to_nothing():
    assert clip_segment(np.array([1.0, 0.0, -2.0]), SIMPLEX) is None  # x = 2
    assert clip_segment(np.array([1.0, 1.0, 0.0]), SIMPLEX) is None  # the corner 0
    along_edge = clip_segment(np.array([0.0, 1.0, 0.0]), SIMPLEX)  # y = 0, an edge
    np.testing.assert_allclose(sorted(along_edge[:, 0]), [0.0, 1.0])


def test_regions_and_their_errors():
    ordered = region_vertices("ordered")
    assert (np.diff(ordered, axis=1) <= 0).all()  # w_1 >= w_2 >= w_3 at each corner
    np.testing.assert_allclose(region_vertices("simplex").sum(axis=1), 1.0)
    with pytest.raises(EceiDataError, match="region must be one of simplex, ordered"):
        region_vertices("square")


def test_three_classes_are_checked():
    good = pd.DataFrame([[1.0, 2.0, 3.0]], columns=list("abc"))
    np.testing.assert_array_equal(check_three_classes(good), [[1.0, 2.0, 3.0]])
    by_name = pd.DataFrame(
        [[1.0, 2.0, 3.0]], columns=["important", "not_so_important", "very_important"]
    )
    canonical = check_three_classes(by_name)
    assert list(canonical.columns) == [
        "very_important",
        "important",
        "not_so_important",
    ]
    assert canonical.to_numpy().tolist() == [[3.0, 1.0, 2.0]]
    with pytest.raises(EceiDataError, match="exactly 3 classes, got 2"):
        check_three_classes(good[["a", "b"]])
    with pytest.raises(EceiDataError, match="finite"):
        check_three_classes(good.assign(a=np.nan))
    with pytest.raises(EceiDataError, match="DataFrame"):
        check_three_classes(good.to_numpy())
