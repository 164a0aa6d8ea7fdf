"""Tie-aware ranks of many weightings at once, and the movement between rankings.

The low-level :func:`rank_matrix` works on numpy arrays of many weightings at once
and is what the sensitivity engine shares; :func:`rank_clusters` wraps it in
pandas objects indexed by cluster id.

Ties. Scores closer than the tolerance tie (chained: a ≈ b ≈ c is one group). The
default tolerance is *relative*, so that multiplying every weight by the same
positive number never changes a ranking: ``DEFAULT_RTOL`` × the row's score
spread, but never below a floating-point rounding bound (``ROUNDING_RTOL`` × the
row's largest |score|). Whole-number scores (integer points under integer
weights) therefore tie only when they are exactly equal.

Movement. A cluster moves up or down between two weightings when the number of
clusters *strictly ahead* of it changes (its competition rank, ``ties="min"``),
whatever rule is used to display places: a tie breaking among clusters above it
is not a move.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.errors import EceiDataError, short_repr
from ..core.tolerances import SCORE_RTOL
from ..core.vocabulary import TIE_RULES, Ties, check_ties

__all__ = [
    "DEFAULT_RTOL",
    "ROUNDING_RTOL",
    "clusters_ahead",
    "leading_clusters",
    "places_from_ahead",
    "rank_clusters",
    "rank_matrix",
    "row_tolerance",
    "tied_groups",
]

#: Scores closer than ``DEFAULT_RTOL ×`` (the row's score spread) tie.
DEFAULT_RTOL = SCORE_RTOL
#: Rounding floor of the tolerance, relative to the row's largest |score|.
ROUNDING_RTOL = 64 * np.finfo(float).eps


def row_tolerance(scores: np.ndarray, tol: float | None = None) -> np.ndarray:
    """Return the absolute tie tolerance of each row of ``scores``.

    Parameters
    ----------
    scores
        ``(m, n)`` scores.
    tol
        An absolute tolerance for every row, or ``None`` for the relative default
        (see the module docstring).

    Returns
    -------
    numpy.ndarray
        ``(m,)`` tolerances.

    Examples
    --------
    >>> row_tolerance(np.array([[3.0, 2.0, 1.0], [3e-10, 2e-10, 1e-10]])).tolist()
    [2e-09, 2e-19]
    """
    scores = np.atleast_2d(scores)
    if tol is not None:
        try:
            tol = float(tol)
        except (TypeError, ValueError):
            raise EceiDataError(
                f"tol must be a number >= 0, got {short_repr(tol)}"
            ) from None
        if not np.isfinite(tol) or tol < 0:
            raise EceiDataError(
                f"tol must be a finite number >= 0, got {short_repr(tol)}"
            )
        return np.full(len(scores), tol)
    if scores.shape[1] == 0:
        return np.zeros(len(scores))
    spread = scores.max(axis=1) - scores.min(axis=1)
    magnitude = np.abs(scores).max(axis=1)
    return np.maximum(DEFAULT_RTOL * spread, ROUNDING_RTOL * magnitude)


def rank_matrix(
    scores: np.ndarray, *, ties: Ties = "dense", tol: float | None = None
) -> np.ndarray:
    """Rank every row of a score matrix, highest score = rank 1.

    Parameters
    ----------
    scores
        ``(m, n)``: m weightings (rows) of n clusters, or ``(n,)``.
    ties
        ``"dense"`` (1, 2, 2, 3: the published record's rule), ``"min"``
        (1, 2, 2, 4) or ``"average"`` (1, 2.5, 2.5, 4).
    tol
        Absolute score tolerance: sorted neighbours closer than this are tied
        (chained). ``None``: the relative default of :func:`row_tolerance`.

    Returns
    -------
    numpy.ndarray
        Same shape; ``int64`` ranks, ``float64`` for ``"average"``.

    Examples
    --------
    >>> rank_matrix(np.array([825.0, 781.0, 781.0, 723.0])).tolist()
    [1, 2, 2, 3]
    >>> rank_matrix(np.array([3e-10, 2e-10, 1e-10])).tolist()
    [1, 2, 3]
    """
    check_ties(ties, TIE_RULES)
    try:
        scores = np.asarray(scores, dtype=float)
    except (TypeError, ValueError):
        raise EceiDataError("scores must be numbers") from None
    if scores.ndim not in (1, 2):
        raise EceiDataError(f"scores must be 1- or 2-dimensional, got {scores.ndim}")
    one_row = scores.ndim == 1
    s = np.atleast_2d(scores)
    if not np.all(np.isfinite(s)):
        raise EceiDataError("scores must be finite to be ranked")
    m, n = s.shape
    if n == 0:
        return np.zeros(scores.shape, dtype=np.int64)
    limit = row_tolerance(s, tol)
    order = np.argsort(-s, axis=1, kind="stable")
    ordered = np.take_along_axis(s, order, axis=1)
    starts = np.ones((m, n), dtype=bool)
    starts[:, 1:] = (ordered[:, :-1] - ordered[:, 1:]) > limit[:, None]
    if ties == "dense":
        sorted_ranks = np.cumsum(starts, axis=1)
    else:
        position = np.broadcast_to(np.arange(n), (m, n))
        first = np.maximum.accumulate(np.where(starts, position, 0), axis=1)
        if ties == "min":
            sorted_ranks = first + 1
        else:
            ends = np.ones((m, n), dtype=bool)
            ends[:, :-1] = starts[:, 1:]
            last = np.minimum.accumulate(np.where(ends, position, n)[:, ::-1], axis=1)[
                :, ::-1
            ]
            sorted_ranks = (first + last) / 2.0 + 1.0
    ranks = np.empty_like(sorted_ranks)
    np.put_along_axis(ranks, order, sorted_ranks, axis=1)
    return ranks[0] if one_row else ranks


def rank_clusters(
    scores: pd.Series | pd.DataFrame,
    *,
    ties: Ties = "dense",
    tol: float | None = None,
) -> pd.Series | pd.DataFrame:
    """Rank clusters by score (1 = best) with an explicit tie rule.

    Parameters
    ----------
    scores
        A Series indexed by cluster id, or a DataFrame with one column per
        scenario.
    ties
        ``"dense"`` (default, as published: 825, 781, 781, 723 → 1, 2, 2, 3),
        ``"min"`` or ``"average"``.
    tol
        Absolute tolerance within which scores tie; see :func:`rank_matrix`.

    Returns
    -------
    pandas.Series or pandas.DataFrame
        Same shape and labels as ``scores``, named ``rank``.

    Examples
    --------
    >>> s = pd.Series([825.0, 781.0, 781.0, 723.0],
    ...               index=["tomsk", "kaluga", "innokam", "zelenograd"])
    >>> rank_clusters(s).tolist(), rank_clusters(s, ties="min").tolist()
    ([1, 2, 2, 3], [1, 2, 2, 4])
    """
    if isinstance(scores, pd.DataFrame):
        ranks = rank_matrix(scores.to_numpy().T, ties=ties, tol=tol).T
        return pd.DataFrame(ranks, index=scores.index, columns=scores.columns)
    if not isinstance(scores, pd.Series):
        raise EceiDataError(
            "scores must be a pandas Series indexed by cluster id (or a DataFrame "
            f"with one column per scenario), got {type(scores).__name__}"
        )
    ranks = rank_matrix(scores.to_numpy(), ties=ties, tol=tol)
    return pd.Series(ranks, index=scores.index, name="rank")


def clusters_ahead(
    scores: pd.Series | pd.DataFrame, *, tol: float | None = None
) -> pd.Series | pd.DataFrame:
    """Count the clusters scoring strictly higher (beyond the tie tolerance).

    This is the package's measure of movement: a cluster moved up between two
    weightings when fewer clusters are ahead of it, whatever display rule is used.

    Examples
    --------
    >>> s = pd.Series([825.0, 781.0, 781.0, 723.0], index=list("abcd"))
    >>> clusters_ahead(s).tolist()
    [0, 1, 1, 3]
    """
    ranks = rank_clusters(scores, ties="min", tol=tol)
    out = ranks - 1
    if isinstance(out, pd.Series):
        return out.rename("ahead")
    return out


def tied_groups(scores: pd.Series, *, tol: float | None = None) -> list[list[str]]:
    """Return the groups of clusters (two or more) whose scores tie.

    Examples
    --------
    >>> s = pd.Series([825.0, 781.0, 781.0], index=["tomsk", "kaluga", "innokam"])
    >>> tied_groups(s)
    [['kaluga', 'innokam']]
    """
    dense = rank_clusters(scores, ties="dense", tol=tol)
    return [list(g.index) for _, g in dense.groupby(dense, sort=True) if len(g) > 1]


def places_from_ahead(
    ahead: pd.Series | pd.DataFrame, *, ties: Ties = "min"
) -> pd.Series | pd.DataFrame:
    """Places from the clusters strictly ahead, on a place basis (per column).

    ``min``: 1 + the clusters strictly ahead. ``dense``: 1 + the number of
    distinct scores above, which is the number of distinct ``ahead`` values
    below the cluster's own.

    Examples
    --------
    >>> ahead = pd.Series([0, 1, 1, 3], index=list("abcd"))
    >>> places_from_ahead(ahead).tolist()
    [1, 2, 2, 4]
    >>> places_from_ahead(ahead, ties="dense").tolist()
    [1, 2, 2, 3]
    """
    check_ties(ties, ("dense", "min"))
    if isinstance(ahead, pd.DataFrame):
        return ahead.apply(lambda column: places_from_ahead(column, ties=ties))
    if ties == "min":
        return ahead + 1
    values = np.sort(np.unique(ahead.to_numpy()))
    return ahead.map(lambda a: int(np.searchsorted(values, a)) + 1)


def leading_clusters(places: pd.Series, top: int) -> list[str]:
    """Return the clusters within the first ``top`` places, best first.

    Clusters with equal places keep the order of ``places``' index (the study
    order), so every part of a report lists the leaders the same way.

    Examples
    --------
    >>> leading_clusters(pd.Series([2, 1, 2, 4], index=list("abcd")), 2)
    ['b', 'a', 'c']
    """
    order = places.sort_values(kind="stable")
    return [c for c in order.index if order[c] <= top]
