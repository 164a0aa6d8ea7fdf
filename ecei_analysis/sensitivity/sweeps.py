"""One-at-a-time sweeps: vary one class weight, keep the others fixed or in ratio."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from ..core.checks import one_of
from ..core.errors import EceiDataError
from ..core.vocabulary import Ties, class_named
from ..scoring.points import check_points
from ..scoring.ranks import rank_matrix
from ..scoring.weights import WeightsLike, takes_weights

__all__ = ["sweep_weight", "sweep_weights_matrix"]


def sweep_weights_matrix(
    nominal: np.ndarray,
    index: int,
    values: np.ndarray,
    keep: Literal["fixed", "ratio"] = "fixed",
) -> np.ndarray:
    """Return the ``(len(values), k)`` weightings of a one-at-a-time sweep.

    ``keep="fixed"``: class ``index`` takes each value (raw scale), the others stay.
    ``keep="ratio"``: each value is the class's *share* in [0, 1]; the other classes
    share the rest in their nominal ratio (equally, when their nominal weights are
    all 0, e.g. sweeping very important from 1:0:0).
    """
    try:
        values = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise EceiDataError("sweep values must be numbers") from None
    if values.ndim != 1 or not np.all(np.isfinite(values)):
        raise EceiDataError("sweep values must be a 1-D sequence of finite numbers")
    w = np.tile(nominal.astype(float), (len(values), 1))
    if keep == "fixed":
        if np.any(values < 0):
            raise EceiDataError("sweep values must be >= 0")
        w[:, index] = values
        if np.any(w.sum(axis=1) <= 0):
            raise EceiDataError("a sweep step makes every weight zero")
        return w
    if keep == "ratio":
        if np.any((values < 0) | (values > 1)):
            raise EceiDataError("with keep='ratio' sweep values are shares in [0, 1]")
        others = np.delete(nominal, index).astype(float)
        if others.sum() <= 0:
            others = np.ones_like(others)
        rest = others / others.sum()
        w = np.empty((len(values), len(nominal)))
        w[:, index] = values
        w[:, np.arange(len(nominal)) != index] = (1 - values)[:, None] * rest
        return w
    raise EceiDataError(f"keep must be 'fixed' or 'ratio', got {keep!r}")


@takes_weights
def sweep_weight(
    points: pd.DataFrame,
    weights: WeightsLike,
    cls: str,
    values: Sequence[float] | np.ndarray,
    *,
    keep: Literal["fixed", "ratio"] = "fixed",
    ties: Ties = "dense",
    tol: float | None = None,
) -> pd.DataFrame:
    """Vary one class weight and record every cluster's score and rank per step.

    Parameters
    ----------
    points
        Clusters × classes.
    weights
        Nominal weights, in any accepted form (``"3:2:1"``, a mapping).
    cls
        The class to vary: its id, name or abbreviation (``"VI"``).
    values
        Its values: raw weights (``keep="fixed"``) or shares in [0, 1]
        (``keep="ratio"``).
    keep
        ``"fixed"``: other weights unchanged. ``"ratio"``: other classes keep
        their nominal ratio and the weights sum to 1.
    ties, tol
        Rank tie rule and tolerance.

    Returns
    -------
    pandas.DataFrame
        Tidy: ``step``, ``value``, ``cluster_id``, ``score``, ``rank``, plus one
        ``w_<class>`` column per class.

    Examples
    --------
    >>> pts = pd.DataFrame({"very_important": [3.0, 1.0], "important": [0.0, 2.0]},
    ...                    index=["a", "b"])
    >>> sweep_weight(pts, {"very_important": 1, "important": 1}, "very_important",
    ...              [0, 2])[["step", "cluster_id", "rank"]].values.tolist()
    [[0, 'a', 2], [0, 'b', 1], [1, 'a', 1], [1, 'b', 2]]
    """
    points = check_points(points)
    keep = one_of(keep, "keep", ("fixed", "ratio"))
    classes = list(points.columns)
    cls = class_named(cls, classes, "cls")
    nominal = weights.vector_for(classes)
    w = sweep_weights_matrix(nominal, classes.index(cls), np.asarray(values), keep)
    scores = w @ points.to_numpy(float).T
    ranks = rank_matrix(scores, ties=ties, tol=tol)
    steps, n = scores.shape
    frame = pd.DataFrame(
        {
            "step": np.repeat(np.arange(steps), n),
            "value": np.repeat(np.asarray(values, dtype=float), n),
            "cluster_id": np.tile(points.index.to_numpy(), steps),
            "score": scores.ravel(),
            "rank": ranks.ravel(),
        }
    )
    for k, c in enumerate(classes):
        frame[f"w_{c}"] = np.repeat(w[:, k], n)
    return frame
