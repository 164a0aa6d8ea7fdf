import pandas as pd
from helpers import C3

from ecei_analysis import (
    sobol_rank_indices,
)


def test_sobol_two_cluster_case_ignores_unused_class():
    pts = pd.DataFrame(
        [[1.0, 0, 0], [0, 1.0, 0], [5.0, 5.0, 5.0]], index=list("abc"), columns=C3
    )
    res = sobol_rank_indices(pts, n=2**10, seed=1)
    assert res.invariant["c"] and not res.invariant["a"]
    assert (
        res.first_order.loc["c"] == 0
    ).all() and not res.first_order.isna().any().any()
    # a's rank depends only on the VI and I weights.
    assert abs(res.total.loc["a", "not_so_important"]) < 1e-12
    assert res.total.loc["a", "very_important"] > 0.3
    tidy = res.tidy()
    assert set(tidy["index"]) == {"first", "total"} and len(tidy) == 2 * 4 * 3
