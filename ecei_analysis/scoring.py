"""Class subtotals, weighted scores and tie-aware ranks.

The low-level functions (:func:`wsm`, :func:`rank_matrix`) work on numpy arrays of
many weightings at once and are what the sensitivity engine uses; the friendly
functions wrap them in pandas objects indexed by cluster id.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .errors import EceiDataError
from .loading import Study
from .vocabulary import CLASSES, TIE_RULES
from .weights import weight_vector

__all__ = [
    "DEFAULT_RTOL",
    "class_points",
    "rank_clusters",
    "rank_matrix",
    "resolve_tolerance",
    "score_clusters",
    "tied_groups",
    "wsm",
]

#: Scores closer than ``DEFAULT_RTOL × max(1, max |score|)`` are tied.
DEFAULT_RTOL = 1e-9


def class_points(study: Study, classification: pd.Series | None = None) -> pd.DataFrame:
    """Sum each cluster's points per significance class.

    Parameters
    ----------
    study
        From :func:`~ecei_analysis.load_study`.
    classification
        Class per indicator code; defaults to the study's own proposal.

    Returns
    -------
    pandas.DataFrame
        Clusters × classes (canonical order, only classes in use); the matrix all
        sensitivity work uses.

    Examples
    --------
    >>> from ecei_analysis import load_study
    >>> class_points(load_study()).sum(axis=1).loc["tomsk"]
    np.float64(825.0)
    """
    if classification is None:
        classification = study.classification
    else:
        classification = study.with_classification(classification).classification
    summed = (
        study.points.T.groupby(classification.reindex(study.points.columns)).sum().T
    )
    used = [c for c in CLASSES if c in summed.columns]
    out = summed[used]
    out.columns.name = "class"
    return out


def wsm(matrix: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted sum model: scores of every alternative under every weighting.

    Parameters
    ----------
    matrix
        ``(n_clusters, k)`` class points.
    weights
        ``(k,)`` one weighting or ``(m, k)`` many.

    Returns
    -------
    numpy.ndarray
        ``(n_clusters,)`` or ``(m, n_clusters)``.
    """
    return np.asarray(weights, dtype=float) @ np.asarray(matrix, dtype=float).T


def score_clusters(points: pd.DataFrame, weights: Mapping[str, float]) -> pd.Series:
    """Weighted total of each cluster: ``sum_c weights[c] * points[c]``.

    Parameters
    ----------
    points
        Clusters × classes, from :func:`class_points`.
    weights
        One non-negative weight per class column.

    Returns
    -------
    pandas.Series
        Scores indexed by cluster id, named ``score``.

    Examples
    --------
    >>> pts = pd.DataFrame({"very_important": [10, 20], "important": [30, 10]},
    ...                    index=["a", "b"])
    >>> score_clusters(pts, {"very_important": 2, "important": 1})
    a    50.0
    b    50.0
    Name: score, dtype: float64
    """
    vec = weight_vector(weights, list(points.columns))
    return pd.Series(wsm(points.to_numpy(), vec), index=points.index, name="score")


def resolve_tolerance(scores: np.ndarray, tol: float | None) -> float:
    """Return the absolute tie tolerance: ``tol`` or the relative default."""
    if tol is None:
        scale = float(np.max(np.abs(scores))) if np.size(scores) else 0.0
        return DEFAULT_RTOL * max(1.0, scale)
    if not np.isfinite(tol) or tol < 0:
        raise EceiDataError(f"tol must be a finite number >= 0, got {tol!r}")
    return float(tol)


def rank_matrix(
    scores: np.ndarray, *, ties: str = "dense", tol: float | None = None
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
        (chained). ``None``: ``DEFAULT_RTOL × max(1, max |score|)``.

    Returns
    -------
    numpy.ndarray
        Same shape; ``int64`` ranks, ``float64`` for ``"average"``.
    """
    if ties not in TIE_RULES:
        raise EceiDataError(f"ties must be one of {', '.join(TIE_RULES)}, got {ties!r}")
    scores = np.asarray(scores, dtype=float)
    one_row = scores.ndim == 1
    s = np.atleast_2d(scores)
    if not np.all(np.isfinite(s)):
        raise EceiDataError("scores must be finite to be ranked")
    tol = resolve_tolerance(s, tol)
    m, n = s.shape
    order = np.argsort(-s, axis=1, kind="stable")
    ordered = np.take_along_axis(s, order, axis=1)
    starts = np.ones((m, n), dtype=bool)
    starts[:, 1:] = (ordered[:, :-1] - ordered[:, 1:]) > tol
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
    scores: pd.Series | pd.DataFrame, *, ties: str = "dense", tol: float | None = None
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
    ranks = rank_matrix(scores.to_numpy(), ties=ties, tol=tol)
    return pd.Series(ranks, index=scores.index, name="rank")


def tied_groups(scores: pd.Series, *, tol: float | None = None) -> list[list[str]]:
    """Return the groups of clusters (two or more) whose scores tie.

    Examples
    --------
    >>> s = pd.Series([825.0, 781.0, 781.0], index=["tomsk", "kaluga", "innokam"])
    >>> tied_groups(s)
    [['kaluga', 'innokam']]
    """
    dense = rank_clusters(scores, ties="dense", tol=tol)
    groups = [list(g.index) for _, g in dense.groupby(dense, sort=True) if len(g) > 1]
    return groups
