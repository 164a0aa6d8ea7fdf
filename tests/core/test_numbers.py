import pytest

from ecei_analysis.core.numbers import parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7", 7.0),
        ("7,5", 7.5),
        (" 7.5 ", 7.5),
        ("1 234,5", 1234.5),
        ("1\u00a0234", 1234.0),
    ],
)
def test_parse_number_accepts(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "1,234.5", "nan", "inf", "-inf", "1,2,3"])
def test_parse_number_rejects(text):
    with pytest.raises(ValueError):
        parse_number(text)
