import pytest

from ecei_analysis import EceiDataError, class_points, load_study
from ecei_analysis.reports.parameters import PARAMETER_CHECKS, check_parameters
from ecei_analysis.scoring.weights import as_weights

GOOD = {
    "draws": 1,
    "seed": 0,
    "top": 4,
    "concentration": 50.0,
    "panel_concentration": 30.0,
    "spread": 0.0,
    "sampler": "ordered",
    "noise_levels": 2,
    "sobol_n": 2,
    "sweep_class": "not_so_important",
    "sweep_steps": 2,
    "importance_method": "kendall",
    "importance_target": "",
    "rule": "majority",
    "static": "yes",
}
BAD = {
    "draws": 0,
    "seed": 1.5,
    "top": 0,
    "concentration": 0.0,
    "panel_concentration": float("inf"),
    "spread": 1.01,
    "sampler": "Ordered",
    "noise_levels": -1,
    "sobol_n": 6,
    "sweep_class": "urgent",
    "sweep_steps": 1,
    "importance_method": "gini",
    "importance_target": "1:2",
    "rule": "mean",
    "static": "no",
}


@pytest.fixture(scope="module")
def study():
    return load_study()


def test_every_check_has_a_good_and_a_bad_case():
    assert set(GOOD) == set(BAD) == set(PARAMETER_CHECKS)


@pytest.mark.parametrize("name", sorted(PARAMETER_CHECKS))
def test_a_check_accepts_the_edge_and_refuses_beyond_it(name, study):
    weights = as_weights("3:2:1", study.classes)
    check_parameters({name: GOOD[name]}, study, weights)
    with pytest.raises(EceiDataError, match=f"^parameter {name}: "):
        check_parameters({name: BAD[name]}, study, weights)


def test_parameters_without_a_check_are_left_to_the_context(study):
    check_parameters({"colour": "red"}, study, as_weights("1:1:1", study.classes))


@pytest.mark.parametrize("typed", ["VI", "vi", "Very important", "ОВ", "очень важный"])
def test_a_swept_class_is_named_as_everywhere_else(typed, study):
    from ecei_analysis.reports.tables import sweep_places

    weights = as_weights("3:2:1", study.classes)
    check_parameters({"sweep_class": typed}, study, weights)
    points = class_points(study)
    assert sweep_places(points, weights, typed, 5).equals(
        sweep_places(points, weights, "very_important", 5)
    )
