import pytest

from ecei_analysis import EceiDataError, use_language
from ecei_analysis.core.i18n import (
    current_language,
    format_number,
    format_percent,
    format_place,
)


def test_english_is_the_default_and_languages_are_checked():
    assert current_language() == "en"
    with pytest.raises(EceiDataError, match="language 'de' is not available"):
        with use_language("de"):
            pass


def test_english_numbers_and_places():
    assert format_number(1160) == "1,160"
    assert format_percent(0.8944) == "89.4\u00a0%"
    assert [format_place(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "101st",
    ]


def test_russian_numbers_and_places():
    with use_language("ru"):
        assert format_number(1160) == "1\u202f160"
        assert format_number(0.5, 2) == "0,50"
        assert format_percent(0.894) == "89,4\u00a0%"
        assert format_place(2) == "2-е"
    assert current_language() == "en"
