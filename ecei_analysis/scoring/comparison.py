"""Compare rankings: Kendall tau, Spearman rho, top-k overlap, rank shifts."""

from __future__ import annotations

import pandas as pd

from ..core.checks import whole_number
from ..core.errors import EceiDataError

__all__ = ["compare_rankings", "notable_clusters"]


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


def notable_clusters(
    places: pd.DataFrame, *, top: int = 4, movers: int = 3
) -> list[str]:
    """Clusters worth drawing out across weightings: leaders and the largest moves.

    A cluster is notable when it is within the first ``top`` places under some
    weighting (so a former leader stays notable after it falls), or when it is
    one of the ``movers`` clusters whose place changes most between the first
    and the last column (a move of zero never counts; ties in the size of the
    move are broken by the study order).

    Parameters
    ----------
    places
        Clusters × weightings: places (smaller is better), columns in order.
    top, movers
        How many leading places, and how many largest moves.

    Returns
    -------
    list of str
        Cluster ids in the order of ``places``' index.

    Examples
    --------
    >>> places = pd.DataFrame(
    ...     {"equal": [1, 2, 3, 4, 5], "new": [5, 1, 2, 3, 4]}, index=list("abcde")
    ... )
    >>> notable_clusters(places, top=1, movers=1)
    ['a', 'b']
    >>> notable_clusters(places, top=2, movers=0)
    ['a', 'b', 'c']
    """
    top = whole_number(top, "top", low=0)
    movers = whole_number(movers, "movers", low=0)
    leading = (places <= top).any(axis=1)
    shift = (places.iloc[:, -1] - places.iloc[:, 0]).abs()
    moved = shift[shift > 0].sort_values(ascending=False, kind="stable")
    chosen = set(places.index[leading]) | set(moved.index[:movers])
    return [c for c in places.index if c in chosen]
