"""Class subtotals and weighted scores (the weighted sum model)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.errors import EceiDataError
from ..core.vocabulary import CLASSES
from ..data.study import Study
from .weights import WeightsLike, canonical_classes, takes_weights

__all__ = ["check_points", "class_points", "score_clusters", "weighted_sum"]


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
    if not isinstance(study, Study):
        raise EceiDataError(
            f"class_points takes a Study (from load_study), got {type(study).__name__}"
        )
    if classification is not None:
        study = study.with_classification(classification)
    classification = study.classification
    summed = (
        study.points.T.groupby(classification.reindex(study.points.columns)).sum().T
    )
    used = [c for c in CLASSES if c in summed.columns]
    out = summed[used]
    out.columns.name = "class"
    return out


def weighted_sum(matrix: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Score every alternative under every weighting (the weighted sum model).

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

    Examples
    --------
    >>> weighted_sum(np.array([[1.0, 2.0], [3.0, 0.0]]), np.array([2.0, 1.0])).tolist()
    [4.0, 6.0]
    """
    return np.asarray(weights, dtype=float) @ np.asarray(matrix, dtype=float).T


def check_points(points: object) -> pd.DataFrame:
    """Check a clusters × classes frame of finite numbers; return it.

    The classes come back in the canonical order (very important, important, not
    so important; other columns after them): every computation matches classes
    by name, never by the position of a column.

    Raises
    ------
    EceiDataError
        Not a DataFrame, empty, duplicated ids, or non-numeric / non-finite cells.
    """
    if not isinstance(points, pd.DataFrame):
        raise EceiDataError(
            "points must be a clusters × classes pandas DataFrame (from "
            f"class_points), got {type(points).__name__}"
        )
    if points.empty or points.shape[1] == 0:
        raise EceiDataError("points is empty; expected at least one cluster and class")
    if points.index.has_duplicates:
        dup = sorted(map(str, set(points.index[points.index.duplicated()])))
        raise EceiDataError(f"points has duplicate cluster id(s) {dup}")
    try:
        values = points.to_numpy(dtype=float)
    except (TypeError, ValueError):
        bad = [
            c for c in points.columns if not pd.api.types.is_numeric_dtype(points[c])
        ]
        raise EceiDataError(
            f"points must be numbers; column(s) {bad} hold text"
        ) from None
    if not np.all(np.isfinite(values)):
        raise EceiDataError("points must be finite numbers (no NaN or infinity)")
    order = list(canonical_classes(points.columns))
    return points if order == list(points.columns) else points[order]


@takes_weights
def score_clusters(points: pd.DataFrame, weights: WeightsLike) -> pd.Series:
    """Weighted total of each cluster: ``sum_c weights[c] * points[c]``.

    Parameters
    ----------
    points
        Clusters × classes, from :func:`class_points`.
    weights
        One non-negative weight per class: a mapping, or text (``"3:2:1"``, a
        named set).

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
    points = check_points(points)
    vec = weights.vector_for(points.columns)
    return pd.Series(
        weighted_sum(points.to_numpy(), vec), index=points.index, name="score"
    )
