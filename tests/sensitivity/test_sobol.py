import numpy as np
import pandas as pd
import pytest
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


def _scipy_reference(points, n, seed):
    import warnings

    from scipy.stats import sobol_indices, uniform

    from ecei_analysis.core.seeds import handle_seed
    from ecei_analysis.scoring.ranks import rank_matrix

    matrix = points.to_numpy(float)
    nominal = rank_matrix(matrix @ np.ones(3))

    def model(x):
        w = -np.log1p(-np.clip(x.T, 0, 1 - 1e-16))
        ranks = rank_matrix(w @ matrix.T)
        shift = np.abs(ranks - nominal).mean(axis=1)
        return np.vstack([ranks.T.astype(float), shift[None, :]])

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sobol_indices(
            func=model, n=n, dists=[uniform(0, 1)] * 3, rng=handle_seed(seed)
        )


def test_the_streamed_estimator_is_scipys(points, monkeypatch):
    """Same design, same formulas: scipy's indices, whatever the chunk size."""
    import ecei_analysis.sensitivity.sobol as sobol_module

    reference = _scipy_reference(points, 1024, 3)
    whole = sobol_rank_indices(points, n=1024, seed=3)
    np.testing.assert_allclose(whole.first_order, reference.first_order, atol=1e-12)
    np.testing.assert_allclose(whole.total, reference.total_order, atol=1e-12)
    monkeypatch.setattr(sobol_module, "CHUNK_BYTES", 8 * 20 * 5 * 4 * 64)  # 64 rows
    chunked = sobol_rank_indices(points, n=1024, seed=3)
    np.testing.assert_allclose(chunked.first_order, whole.first_order, atol=1e-12)
    np.testing.assert_allclose(chunked.total, whole.total, atol=1e-12)
    pd.testing.assert_series_equal(chunked.variance, whole.variance, atol=1e-12)


def test_memory_stays_bounded_for_large_n(points, monkeypatch):
    import tracemalloc

    import ecei_analysis.sensitivity.sobol as sobol_module

    monkeypatch.setattr(sobol_module, "CHUNK_BYTES", 2**20)
    sobol_rank_indices(points, n=64, seed=1, progress=False)  # imports, caches
    tracemalloc.start()
    sobol_rank_indices(points, n=2**15, seed=1, progress=False)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # Unchunked, the 2^15 × 5 evaluations of 20 outputs would need > 25 MiB.
    assert peak < 8 * 2**20, peak


def test_a_huge_design_is_refused_before_any_work(points):
    from ecei_analysis import EceiDataError, sobol_rank_indices

    with pytest.raises(EceiDataError, match=r"Sobol indices with n = 1,073,741,824"):
        sobol_rank_indices(points, n=2**30)
