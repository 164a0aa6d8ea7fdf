import pandas as pd
import pytest

from ecei_analysis import (
    compare_rankings,
)


def test_compare_rankings_hand_worked():
    base = pd.Series([1, 2, 3, 4], index=list("abcd"))
    new = pd.DataFrame({"s": [2, 1, 3, 4], "same": [1, 2, 3, 4]}, index=list("abcd"))
    table = compare_rankings(new, base, top_k=2)
    assert table.loc["s", "kendall_tau"] == pytest.approx(2 / 3)
    assert table.loc["s", "spearman_rho"] == pytest.approx(0.8)
    assert table.loc["s", "top_k_overlap"] == 1.0
    assert table.loc["s", "max_abs_shift"] == 1 and table.loc["s", "n_changed"] == 2
    assert table.loc["same", "kendall_tau"] == pytest.approx(1.0)
