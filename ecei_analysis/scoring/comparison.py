"""Compare rankings: Kendall tau, Spearman rho, top-k overlap, rank shifts."""

from __future__ import annotations

import pandas as pd

from ..core.checks import whole_number
from ..core.errors import EceiDataError

__all__ = ["compare_rankings"]


def compare_rankings(
    ranks: pd.Series | pd.DataFrame, baseline: pd.Series, *, top_k: int = 4
) -> pd.DataFrame:
    """Compare one or several rankings with a baseline ranking.

    Parameters
    ----------
    ranks
        Ranks indexed by cluster (a Series, or a DataFrame with one column per
        scenario).
    baseline
        Baseline ranks indexed by the same clusters.
    top_k
        Size of the top group whose overlap is reported.

    Returns
    -------
    pandas.DataFrame
        One row per scenario: ``kendall_tau`` (tau-b, handles ties),
        ``spearman_rho``, ``top_k_overlap`` (share of the baseline's top k that
        stay in the scenario's top k), ``max_abs_shift``, ``mean_abs_shift``,
        ``n_changed`` (clusters whose rank changed).

    Examples
    --------
    >>> base = pd.Series([1, 2, 3, 4], index=list("abcd"))
    >>> new = pd.Series([2, 1, 3, 4], index=list("abcd"))
    >>> compare_rankings(new, base, top_k=1)[["max_abs_shift", "top_k_overlap"]]
              max_abs_shift  top_k_overlap
    scenario              1            0.0
    """
    if isinstance(ranks, pd.Series):
        frame = ranks.to_frame(
            name=ranks.name if ranks.name is not None else "scenario"
        )
    else:
        frame = ranks
    from scipy.stats import kendalltau, spearmanr

    if not isinstance(frame, pd.DataFrame) or not isinstance(baseline, pd.Series):
        raise EceiDataError(
            "ranks and baseline must be pandas objects indexed by cluster"
        )
    if set(frame.index) != set(baseline.index):
        raise EceiDataError("rankings compare only over the same clusters")
    top_k = whole_number(top_k, "top_k", low=1, high=len(baseline))
    base = baseline.reindex(frame.index)
    top_base = set(base.nsmallest(top_k, keep="all").index[:top_k])
    records = {}
    for name, col in frame.items():
        shift = (col - base).abs()
        top = set(col.nsmallest(top_k, keep="all").index[:top_k])
        records[name] = {
            "kendall_tau": kendalltau(col, base).statistic,
            "spearman_rho": spearmanr(col, base).statistic,
            "top_k_overlap": len(top & top_base) / top_k,
            "max_abs_shift": shift.max(),
            "mean_abs_shift": shift.mean(),
            "n_changed": int((shift > 0).sum()),
        }
    return pd.DataFrame.from_dict(records, orient="index")
