import numpy as np
import pandas as pd
import pytest
from helpers import C3

from ecei_analysis import (
    WEIGHT_SETS,
    EceiDataError,
    Weights,
    as_weights,
    normalise_weights,
    score_clusters,
)
from ecei_analysis.scoring.weights import takes_weights


def test_parse_long_short_and_named():
    assert as_weights("very_important=3,important=2,not_so_important=1") == {
        "very_important": 3.0,
        "important": 2.0,
        "not_so_important": 1.0,
    }
    assert as_weights("vi=2, i=1, nsi=0.5") == {
        "very_important": 2.0,
        "important": 1.0,
        "not_so_important": 0.5,
    }
    assert as_weights("linear") == as_weights("VI=3,I=2,NSI=1")
    assert as_weights("proposal") is WEIGHT_SETS["proposal"]


def test_parse_semicolon_pairs_allow_decimal_commas():
    assert as_weights("VI=2,5; I=1; NSI=0,25") == {
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
        ("3:2", "expected 3"),
        ("0:0:0", "all zero"),
        ("-1:2:1", "finite number >= 0"),
        ("1e308:1:1", r"is too large \(1e\+308; at most 1e\+300\)"),
        ("", "weights are empty"),
    ],
)
def test_parse_errors(text, message):
    with pytest.raises(EceiDataError, match=message):
        as_weights(text)


@pytest.mark.parametrize("bad", [None, 3, ["3", "2", "1"]])
def test_weights_of_the_wrong_kind_are_refused(bad):
    with pytest.raises(EceiDataError, match="weights"):
        as_weights(bad)


def test_a_ratio_is_read_by_class_name_whatever_the_column_order():
    """3:2:1 is VI:I:NSI even for a frame whose columns are sorted by name."""
    by_name = sorted(C3)  # important, not_so_important, very_important
    w = as_weights("3:2:1", by_name)
    assert w == {"very_important": 3.0, "important": 2.0, "not_so_important": 1.0}
    assert w.vector_for(by_name).tolist() == [2.0, 1.0, 3.0]
    points = pd.DataFrame(
        [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]], index=["i_only", "vi_only"], columns=by_name
    )
    # Under VI 3 : I 2 the cluster with one VI point leads.
    assert score_clusters(points, "3:2:1").to_dict() == {"i_only": 2.0, "vi_only": 3.0}
    assert score_clusters(points, "3:2:1").equals(score_clusters(points[C3], "3:2:1"))


def test_fewer_classes_drop_the_absent_weights_and_read_short_ratios():
    two = ("very_important", "not_so_important")
    assert as_weights("3:1", two) == {"very_important": 3.0, "not_so_important": 1.0}
    assert as_weights("3:2:1", two) == {"very_important": 3.0, "not_so_important": 1.0}
    with pytest.raises(EceiDataError, match="only positive weights are on class"):
        as_weights("0:1:0", two)


def test_the_value_type_is_a_read_only_mapping_with_a_stable_repr():
    w = Weights({"not_so_important": 1, "important": "2", "very_important": 3})
    assert w.classes == tuple(C3)
    assert repr(w) == "Weights(very_important=3, important=2, not_so_important=1)"
    assert w == Weights(dict(w)) and hash(w) == hash(Weights(dict(w)))
    assert w != as_weights("4:2:1")
    with pytest.raises(TypeError):
        w["important"] = 5  # type: ignore[index]
    assert w.shares.vector.tolist() == pytest.approx([0.5, 1 / 3, 1 / 6])
    assert w.proportional_to(as_weights("6:4:2")) and not w.proportional_to(
        as_weights("1:1:1")
    )
    assert as_weights("1:1:0").zero_classes == ("not_so_important",)
    assert w.is_ordered and not as_weights("1:2:3").is_ordered
    assert w.to_dict() == {"very_important": 3, "important": 2, "not_so_important": 1}


def test_takes_weights_converts_once_and_passes_arrays_through():
    seen = []

    @takes_weights
    def probe(points, weights=None, *, nominal=None):
        seen.append((weights, nominal))

    points = pd.DataFrame([[1.0, 2.0]], columns=["important", "very_important"])
    probe(points, "3:2", nominal=pd.Series({"very_important": 1, "important": 1}))
    weights, nominal = seen[-1]
    assert isinstance(weights, Weights) and weights.classes == (
        "very_important",
        "important",
    )
    assert weights == {"very_important": 3.0, "important": 2.0}
    assert nominal == {"very_important": 1.0, "important": 1.0}
    draws = np.ones((5, 2))
    probe(points, draws)
    assert seen[-1][0] is draws and seen[-1][1] is None


def test_normalise_rows():
    np.testing.assert_allclose(
        normalise_weights(np.array([[3.0, 2.0, 1.0], [2.0, 2.0, 0.0]])),
        [[0.5, 1 / 3, 1 / 6], [0.5, 0.5, 0.0]],
    )
    with pytest.raises(EceiDataError):
        normalise_weights(np.array([0.0, 0.0]))
