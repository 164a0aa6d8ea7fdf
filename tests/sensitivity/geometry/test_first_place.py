"""The first-place map: exact regions from the upper envelope, for any n."""

import numpy as np
import pandas as pd
import pytest
from helpers import C3

from ecei_analysis import exact_rank_acceptability, first_place_map, rank_matrix
from ecei_analysis.sensitivity.geometry.plane import polygon_area


@pytest.mark.parametrize("n", [1, 2, 3, 10, 60])
@pytest.mark.parametrize("region", ["simplex", "ordered"])
def test_shares_equal_the_exact_first_place_acceptability(n, region):
    rng = np.random.default_rng(n)
    pts = pd.DataFrame(rng.random((n, 3)) * 40, columns=C3)
    fmap = first_place_map(pts, region=region)
    exact = exact_rank_acceptability(pts, region=region)[1]
    np.testing.assert_allclose(fmap.shares.to_numpy(), exact.to_numpy(), atol=1e-12)
    assert fmap.shares.sum() == pytest.approx(1.0)


def test_each_polygon_is_where_its_cluster_is_first(points):
    fmap = first_place_map(points)
    for cluster, poly in fmap.polygons.items():
        centre = poly.mean(axis=0)
        ranks = rank_matrix(points.to_numpy() @ centre)
        assert ranks[list(points.index).index(cluster)] == 1
        area = polygon_area(poly[:, :2]) / 0.5
        assert area == pytest.approx(fmap.shares[cluster])
    assert set(fmap.tidy()["cluster"]) == set(fmap.polygons)


def test_identical_clusters_share_a_region_and_coplanar_points_work():
    pts = pd.DataFrame(
        [[3.0, 0, 0], [3.0, 0, 0], [0, 3.0, 0], [0, 0, 3.0], [1, 1, 1]],
        index=list("abcde"),
        columns=C3,
    )
    fmap = first_place_map(pts)  # all on the plane x + y + z = 3
    assert fmap.shares["a"] == fmap.shares["b"] == pytest.approx(1 / 3)
    assert fmap.shares["e"] == 0


def test_thirteen_hundred_clusters():
    rng = np.random.default_rng(13)
    pts = pd.DataFrame(rng.random((1300, 3)) * 40, columns=C3)
    fmap = first_place_map(pts)
    assert fmap.shares.sum() == pytest.approx(1.0)
    assert fmap.parameters["candidates"] < 200
