import numpy as np
import pytest

from ecei_analysis import (
    EceiDataError,
    rank_matrix,
    rank_uncertainty,
)
from ecei_analysis.core.seeds import spawn_generators
from ecei_analysis.sensitivity.engine import WeightModel
from ecei_analysis.sensitivity.samplers import make_sampler


def test_rank_uncertainty_matches_stored_ranks(points):
    w = {"very_important": 3, "important": 2, "not_so_important": 1}
    result = rank_uncertainty(
        points, w, sampler="dirichlet", draws=4000, seed=6, concentration=20
    )
    table = result.table
    sampler = make_sampler("dirichlet", nominal=(3, 2, 1), concentration=20)
    streams, _ = spawn_generators(6, WeightModel.stream_names)
    draws = sampler.draw(4000, streams["weights"])
    ranks = rank_matrix(draws @ points.to_numpy().T)
    nominal = rank_matrix(points.to_numpy() @ np.array([3.0, 2, 1]))
    np.testing.assert_array_equal(table["nominal"], nominal)
    np.testing.assert_array_equal(
        table["median"], np.quantile(ranks, 0.5, axis=0, method="inverted_cdf")
    )
    np.testing.assert_array_equal(
        table["low"], np.quantile(ranks, 0.05, axis=0, method="inverted_cdf")
    )
    np.testing.assert_array_equal(
        table["high"], np.quantile(ranks, 0.95, axis=0, method="inverted_cdf")
    )
    np.testing.assert_allclose(
        table["mean_abs_shift"], np.abs(ranks - nominal).mean(axis=0)
    )

    assert result.parameters["seed"] == 6 and result.parameters["draws"] == 4000
    assert set(result.tidy()["statistic"]) == set(table.columns)


@pytest.mark.parametrize("interval", [(0.95, 0.05), (0.5, 0.5), (-0.1, 0.9), "x"])
def test_bad_interval_is_refused(points, interval):
    with pytest.raises(EceiDataError, match="interval"):
        rank_uncertainty(points, "3:2:1", draws=10, interval=interval)


def test_zero_class_weights_vary_on_the_face(points):
    """1:1:0: not so important stays weightless, the rest varies around 1:1."""
    result = rank_uncertainty(points, "1:1:0", draws=3000, ties="min")
    assert result.parameters["measure"]["zero_classes"] == ["not_so_important"]
    nominal = rank_matrix(points.to_numpy() @ np.array([1.0, 1.0, 0.0]), ties="min")
    np.testing.assert_array_equal(result.table["nominal"], nominal)
    vertex = rank_uncertainty(points, "1:0:0", draws=500, ties="min")
    assert (vertex.table["p_nominal"] == 1).all()
