import re

import pytest

from ecei_analysis import (
    as_weights,
    class_points,
    load_study,
    score_clusters,
    use_language,
)
from ecei_analysis.reports.what_if import what_if_lines
from ecei_analysis.scoring.ranks import clusters_ahead
from ecei_analysis.sensitivity.inverse import points_to_reach, weights_to_reach

CLASSES = ["very_important", "important", "not_so_important"]
W321 = as_weights("3:2:1", CLASSES)


def numbers_of(text: str) -> list[float]:
    """Every number in a line, decimal commas read as points."""
    found = re.findall(r"\d+(?:[.,]\d+)?", text)
    return [float(n.replace(",", ".")) for n in found]


@pytest.fixture(scope="module")
def both():
    study = load_study()
    english = what_if_lines(study, "zelenograd", W321, rival="innokam")
    with use_language("ru"):
        russian = what_if_lines(study, "zelenograd", W321, rival="innokam")
    return study, english, russian


def test_the_lines_state_what_the_inverse_functions_compute(both):
    study, english, _ = both
    assert english[0].startswith("SYNTHETIC DEMONSTRATION DATA")
    assert english[1] == (
        "Zelenograd is 4th under 3:2:1 (3 clusters strictly ahead); target: 3rd place."
    )
    # One line per region and norm, each giving the weights weights_to_reach finds.
    points = class_points(study)
    for line, (ordered, norm) in zip(
        english[2:6],
        [(True, "l1"), (True, "linf"), (False, "l1"), (False, "linf")],
        strict=True,
    ):
        result = weights_to_reach(
            points, "zelenograd", 3, W321, norm=norm, ordered=ordered
        )
        ratio = as_weights(result.weights_nominal_scale).ratio_text()
        name = {"l1": "L1", "linf": "L∞"}[norm]
        assert line.startswith(f"- weights: {ratio} (")
        assert f"; {name} distance {result.distance:.3f})" in line
        order = "keeping very important ≥ important ≥ not so important"
        assert (order in line) == ordered
    change = points_to_reach(study, "zelenograd", 3, W321)
    rows = [line for line in english if line.startswith("    ")]
    assert len(rows) == 5
    for line, row in zip(rows, change.table.head(5).itertuples(), strict=True):
        assert line.split()[0] == row.indicator
        assert f"+{row.delta_whole:g}" in line
    assert english[-1].startswith("- to draw level with INNOKAM: ")


def test_russian_lines_carry_the_same_numbers_in_russian_words(both):
    _, english, russian = both
    assert len(english) == len(russian)
    for en, ru in zip(english, russian, strict=True):  # the same numbers, any order
        assert sorted(numbers_of(en)) == sorted(numbers_of(ru)), (en, ru)
    body = "\n".join(russian[1:])
    latin = set(re.findall(r"[A-Za-z][A-Za-z_]+", body)) - {"L"}
    assert latin == set(), latin
    assert "3 кластера строго впереди" in russian[1]
    assert "4,3:0,85:0,85" in russian[2]


@pytest.mark.parametrize(
    ("ahead", "en", "ru"),
    [
        (1, "1 cluster strictly ahead", "1 кластер строго впереди"),
        (3, "3 clusters strictly ahead", "3 кластера строго впереди"),
        (5, "5 clusters strictly ahead", "5 кластеров строго впереди"),
    ],
)
def test_plural_forms(ahead, en, ru):
    study = load_study()
    counts = clusters_ahead(score_clusters(class_points(study), W321))
    cluster = counts.index[counts == ahead][0]
    assert en in what_if_lines(study, cluster, W321, target=1)[1]
    with use_language("ru"):
        assert ru in what_if_lines(study, cluster, W321, target=1)[1]


def test_a_place_already_held_is_one_line():
    study = load_study()
    lines = what_if_lines(study, "kaluga", W321, target=3)
    assert lines[2:] == ["- Kaluga already holds 1st place, 3rd or better."]


@pytest.mark.parametrize("target", [0, 20, -1])
def test_a_target_beyond_the_places_is_refused(target):
    from ecei_analysis import EceiDataError

    with pytest.raises(EceiDataError, match="the target place must be"):
        what_if_lines(load_study(), "kaluga", W321, target=target)
