"""The number grammar: what is accepted, what is refused, and ambiguity."""

import pytest

from ecei_analysis.core.numbers import (
    AmbiguousNumber,
    decimal_convention,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7", 7.0),
        ("7,5", 7.5),
        (" 7.5 ", 7.5),
        ("+8", 8.0),
        ("-0,25", -0.25),
        (",5", 0.5),
        ("1 234,5", 1234.5),
        ("1\u00a0234", 1234.0),
        ("1\u202f234\u202f567,5", 1234567.5),
        ("1\u2009234", 1234.0),
        ("1,234.5", 1234.5),
        ("1.234,5", 1234.5),
        ("1,234,567", 1234567.0),
        ("0.125", 0.125),
        ("1.015", 1.015),  # a point groups thousands only under a comma convention
        ("1e-12", 1e-12),
        ("2,5E3", 2500.0),
    ],
)
def test_accepted(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "1_0",
        "1 2",
        "12 34",
        "1,2,3",
        "1,23,456",
        "7.",
        "1..5",
        "1 234.567,8",
        "nan",
        "inf",
        "-inf",
        "1e",
        "--1",
        "1 000 00",
    ],
)
def test_refused(text):
    with pytest.raises(ValueError, match="expected a"):
        parse_number(text)


@pytest.mark.parametrize("text", ["1,015", "12,500", "-1,234"])
def test_comma_and_three_digits_is_ambiguous_without_a_convention(text):
    with pytest.raises(AmbiguousNumber, match="reads as"):
        parse_number(text)


def test_a_known_convention_settles_it():
    assert parse_number("1,015", decimal=",") == 1.015
    assert parse_number("1,015", decimal=".") == 1015.0
    assert parse_number("1.015", decimal=",") == 1015.0
    with pytest.raises(ValueError):
        parse_number("1,5", decimal=".")


def test_cells_settle_the_convention():
    assert decimal_convention(["8", "1,015", "7,5"]) == ","
    assert decimal_convention(["8", "0.5"]) == "."
    assert decimal_convention(["8", "1,015", "name"]) is None
    with pytest.raises(ValueError, match="both a decimal point"):
        decimal_convention(["7,5", "0.5"])
