import numpy as np
import pytest

from ecei_analysis import EceiDataError, normalise_weights, parse_weights


def test_parse_long_short_and_named():
    assert parse_weights("very_important=3,important=2,not_so_important=1") == {
        "very_important": 3.0,
        "important": 2.0,
        "not_so_important": 1.0,
    }
    assert parse_weights("vi=2, i=1, nsi=0.5") == {
        "very_important": 2.0,
        "important": 1.0,
        "not_so_important": 0.5,
    }
    assert parse_weights("linear") == parse_weights("VI=3,I=2,NSI=1")


def test_parse_semicolon_pairs_allow_decimal_commas():
    assert parse_weights("VI=2,5; I=1; NSI=0,25") == {
        "very_important": 2.5,
        "important": 1.0,
        "not_so_important": 0.25,
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("VI=3,I=2", "no weight for class"),
        ("VI=3,I=2,NSI", "expected class=number"),
        ("VI=a,I=2,NSI=1", "expected a number"),
        ("VI=1,VI=2,I=1,NSI=1", "given twice"),
        ("XX=1,I=2,NSI=1", "unknown class"),
    ],
)
def test_parse_errors(text, message):
    with pytest.raises(EceiDataError, match=message):
        parse_weights(text)


def test_normalise():
    out = normalise_weights(
        {"very_important": 3, "important": 2, "not_so_important": 1}
    )
    np.testing.assert_allclose(out.to_numpy(), [0.5, 1 / 3, 1 / 6])
    np.testing.assert_allclose(normalise_weights(np.array([[2.0, 2.0]])), [[0.5, 0.5]])
    with pytest.raises(EceiDataError):
        normalise_weights(np.array([0.0, 0.0]))
