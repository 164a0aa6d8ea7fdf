import pandas as pd
import pytest

from ecei_analysis import (
    compare_rankings,
)
from ecei_analysis.scoring.comparison import (
    notable_clusters,
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


def test_notable_clusters_keep_a_former_leader_and_the_largest_moves():
    # a leads, then falls to last; e climbs 4 places; b and c only swap.
    places = pd.DataFrame(
        {"equal": [1, 2, 3, 4, 5, 6], "new": [6, 3, 2, 5, 1, 4]}, index=list("abcdef")
    )
    assert notable_clusters(places, top=1, movers=0) == ["a", "e"]
    # moves: a 5, e 4, f 2, b 1, c 1, d 1; the third largest is f.
    assert notable_clusters(places, top=0, movers=3) == ["a", "e", "f"]
    # equal sizes are taken in the study order: b before c and d.
    assert notable_clusters(places, top=0, movers=4) == ["a", "b", "e", "f"]
    unchanged = pd.DataFrame({"x": [1, 2], "y": [1, 2]}, index=["p", "q"])
    assert notable_clusters(unchanged, top=0, movers=3) == []
