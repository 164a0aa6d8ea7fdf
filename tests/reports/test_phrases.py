import pytest

from ecei_analysis.core.i18n import use_language
from ecei_analysis.reports.phrases import (
    move_phrase,
    names_list,
    place_phrase,
    points_text,
    ratio_text,
    share_text,
    weights_phrase,
)

W = {"very_important": 3.0, "important": 2.0, "not_so_important": 1.0}


@pytest.mark.parametrize(
    ("share", "text"),
    [
        (0.894, "89%"),
        (0.5, "50%"),
        (0.0046, "0.5%"),
        (0.995, "99.5%"),
        (0.9996, "99.96%"),
        (0.00004, "under 0.1%"),
        (0.0, "0%"),
        (1.0, "100%"),
        (0.01, "1%"),
    ],
)
def test_one_precision_rule_for_shares_and_never_a_false_zero(share, text):
    assert share_text(share) == text


def test_shares_in_russian():
    with use_language("ru"):
        assert share_text(0.894) == "89\u00a0%"
        assert share_text(0.0046) == "0,5\u00a0%"


def test_weights_in_the_meetings_words():
    assert weights_phrase(W) == "very important 3 : important 2 : not so important 1"
    assert ratio_text({"very_important": 4.3051, "important": 0.7}) == "4.3:0.7"
    with use_language("ru"):
        assert ratio_text({"very_important": 4.3051, "important": 0.7}) == "4,3:0,7"


def test_places_points_and_names():
    assert place_phrase(2, True) == "shared 2nd" and place_phrase(11) == "11th"
    assert points_text(825.0) == "825" and points_text(12.5) == "12.5"
    assert names_list([]) == "" and names_list(["A", "B"]) == "A and B"
    up = {
        "name": "K",
        "before": 2,
        "after": 1,
        "before_text": "2nd",
        "after_text": "1st",
    }
    assert move_phrase(up) == "K moves up from 2nd to 1st"
    down = {**up, "before": 1, "after": 2, "before_text": "1st", "after_text": "2nd"}
    assert move_phrase(down) == "K moves down from 1st to 2nd"
