"""One cluster's exact place cells: a hand-worked pair and a second method.

The cells' areas, place by place, must equal the exact rank acceptability
(computed on the slabs without building any polygon).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ecei_analysis import class_points, load_study
from ecei_analysis.sensitivity.geometry.acceptability import exact_rank_acceptability
from ecei_analysis.sensitivity.geometry.place_cells import place_cells
from ecei_analysis.sensitivity.geometry.plane import polygon_area

CLASSES = ["very_important", "important", "not_so_important"]


def test_place_cells_of_a_hand_worked_pair():
    # a = (2, 0, 0) is ahead of b = (0, 1, 0) where 2 w1 > w2: b leads on the
    # triangle (0, 0), (0, 1), (1/3, 2/3) of the plane, a third of the simplex.
    pts = pd.DataFrame([[2.0, 0, 0], [0, 1.0, 0]], index=["a", "b"], columns=CLASSES)
    shares = {}
    for place, polygon in place_cells(pts, "b"):
        shares[place] = shares.get(place, 0) + polygon_area(polygon[:, :2]) / 0.5
    assert shares == pytest.approx({1: 1 / 3, 2: 2 / 3}, abs=1e-12)


def _random_points(n, seed, duplicate=True):
    rng = np.random.default_rng(seed)
    matrix = rng.integers(0, 30, size=(n, 3)).astype(float)
    if duplicate:
        matrix[1] = matrix[0]  # identical clusters tie everywhere
    return pd.DataFrame(matrix, index=[f"c{i}" for i in range(n)], columns=CLASSES)


@pytest.mark.parametrize(
    ("points", "region"),
    [
        ("bundled", "simplex"),
        ("bundled", "ordered"),
        ("random", "simplex"),
        ("random", "ordered"),
        ("one", "simplex"),
    ],
)
def test_place_cells_add_up_to_the_exact_acceptability(points, region):
    if points == "bundled":
        pts = class_points(load_study())
    elif points == "one":
        pts = _random_points(1, 1, duplicate=False)
    else:
        pts = _random_points(12, 7)
    acceptability = exact_rank_acceptability(pts, ties="min", region=region)
    total = polygon_area(
        np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
        if region == "simplex"
        else np.array([[1.0, 0.0], [0.5, 0.5], [1 / 3, 1 / 3]])
    )
    for cluster in pts.index:
        shares = np.zeros(len(pts))
        for place, polygon in place_cells(pts, cluster, region=region):
            shares[place - 1] += polygon_area(polygon[:, :2]) / total
            assert np.allclose(polygon.sum(axis=1), 1.0)
        np.testing.assert_allclose(
            shares, acceptability.loc[cluster].to_numpy(float), atol=1e-9
        )


def test_an_unknown_cluster_is_named():
    from ecei_analysis import EceiDataError

    pts = _random_points(3, 2, duplicate=False)
    with pytest.raises(EceiDataError, match="'nowhere'"):
        place_cells(pts, "nowhere")
