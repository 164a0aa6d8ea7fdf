import pytest

from ecei_analysis import WEIGHT_SETS, as_weights, scenario_places
from ecei_analysis.scoring.scenarios import CHOSEN, scenario_weights


def test_the_proposal_is_shown_once_and_last(points):
    places = scenario_places(points, "3:2:1")
    assert list(places.columns) == [
        "equal",
        "geometric",
        "vi_double",
        "drop_nsi",
        "vi_only",
        "proposal",
    ]
    assert places.attrs["chosen"] == "proposal"
    assert places.attrs["weights"]["proposal"] == WEIGHT_SETS["proposal"]
    assert places.loc["zelenograd", "equal"] == 4  # 1 + the three strictly ahead


def test_other_weights_are_the_chosen_column_beside_the_proposal(points):
    places = scenario_places(points, "5:2:1")
    assert list(places.columns)[-2:] == ["vi_only", CHOSEN]
    assert "proposal" in places.columns
    assert places.attrs["weights"][CHOSEN] == as_weights("5:2:1")
    # A named set given as numbers is shown under its name, once.
    assert scenario_places(points, "2:2:0").attrs["chosen"] == "drop_nsi"


@pytest.mark.parametrize("ties", ["min", "dense"])
def test_places_follow_the_basis(points, ties):
    from ecei_analysis import rank_clusters, score_clusters

    places = scenario_places(points, "3:2:1", ties=ties)
    for name, weights in places.attrs["weights"].items():
        expected = rank_clusters(score_clusters(points, weights), ties=ties)
        assert places[name].tolist() == expected.tolist(), name


def test_a_study_without_a_class_keeps_the_sets_it_can_use(study):
    from ecei_analysis import class_points

    two = study.with_classification(
        study.classification.replace("not_so_important", "important")
    )
    points = class_points(two)
    short, full = scenario_weights(points, "3:2"), scenario_weights(points, "3:2:1")
    assert list(short) == list(full) and short == full
    assert short["proposal"] == {"very_important": 3.0, "important": 2.0}
    # drop_nsi (1:1:0) is equal weights here: shown once, under its first name.
    assert "drop_nsi" not in short and "equal" in short
