import numpy as np
import pytest

from ecei_analysis import EceiDataError
from ecei_analysis.core.checks import finite_number, interval_pair, one_of, whole_number


@pytest.mark.parametrize("value", [3, np.int64(3), 3.0, np.float32(3.0)])
def test_whole_number_accepts_integral_values(value):
    assert whole_number(value, "draws") == 3


@pytest.mark.parametrize("value", ["3", "1e6", 2.5, True, None, np.nan, float("inf")])
def test_whole_number_refuses_the_rest(value):
    with pytest.raises(EceiDataError, match="draws must be a whole number"):
        whole_number(value, "draws")


def test_whole_number_bounds():
    with pytest.raises(EceiDataError, match=r"a whole number from 1 to 5, got 6"):
        whole_number(6, "rank", low=1, high=5)


def test_finite_number():
    assert finite_number(0, "p", low=0, high=1) == 0.0
    with pytest.raises(EceiDataError, match=r"within \(0, inf\]"):
        finite_number(0, "kappa", low=0, low_open=True)
    for bad in ("0.5", None, np.nan, np.inf, False):
        with pytest.raises(EceiDataError, match="p must be"):
            finite_number(bad, "p")


@pytest.mark.parametrize("bad", [(0.9, 0.1), (0.5, 0.5), (0, 1.5), (0.1,), "ab", None])
def test_interval_pair_refuses(bad):
    with pytest.raises(EceiDataError, match="interval"):
        interval_pair(bad, "interval")


def test_one_of():
    assert one_of("linf", "norm", ("l1", "linf")) == "linf"
    with pytest.raises(EceiDataError, match="norm must be one of 'l1', 'linf'"):
        one_of("L2", "norm", ("l1", "linf"))
