"""The ranking table shown by ``ecei rank``, notebooks and briefings."""

from __future__ import annotations

import pandas as pd

from ..core.vocabulary import Ties, check_ties
from ..data.study import Study
from .points import class_points, score_clusters
from .ranks import clusters_ahead, rank_clusters
from .weights import WEIGHT_SETS, WeightsLike, takes_weights

__all__ = ["class_capacity", "normalised_scores", "ranking_table"]


def class_capacity(study: Study) -> pd.Series:
    """Largest possible points per class (sum of the indicators' ``max_points``).

    Examples
    --------
    >>> from ecei_analysis import load_study
    >>> class_capacity(load_study()).sum()
    np.float64(1160.0)
    """
    caps = study.indicators.groupby("significance_class")["max_points"].sum()
    return caps.reindex(list(study.classes)).rename("capacity")


@takes_weights
def normalised_scores(
    study: Study, scores: pd.Series, weights: WeightsLike
) -> pd.Series:
    """Scores rescaled to the equal-weights scale ``0 .. sum(max_points)``.

    A weighted sum is on its own scale (3:2:1 gives about twice the points of
    1:1:1). Dividing by the largest possible weighted score and multiplying by the
    largest possible plain total puts every weighting on the scale of the
    published totals: under equal weights the normalised score *is* the plain
    total (Tomsk 825).
    """
    caps = class_capacity(study)
    scale = float(caps.sum()) / float(weights.vector_for(caps.index) @ caps.to_numpy())
    return (scores * scale).rename("score_normalised")


@takes_weights
def ranking_table(
    study: Study,
    weights: WeightsLike | None = None,
    *,
    ties: Ties = "min",
    tol: float | None = None,
) -> pd.DataFrame:
    """Rank the clusters under ``weights`` beside equal weights and published places.

    Parameters
    ----------
    study
        The loaded study.
    weights
        Class weights in any accepted form; ``None`` is equal weights.
    ties, tol
        The place basis and the score tolerance, see
        :func:`~ecei_analysis.rank_clusters`: ``min`` (default; 1 + the clusters
        strictly ahead), ``dense`` or ``average``.

    Returns
    -------
    pandas.DataFrame
        Indexed by cluster id, sorted by place then id: ``rank`` (place by
        ``ties``), ``name``, ``score`` (raw weighted sum), ``score_normalised``
        (on the 0 .. total-max scale of the published totals), ``baseline_score``
        and ``baseline_rank`` (equal weights, same basis), ``ahead`` (clusters
        strictly ahead), ``rank_change`` (``baseline_rank - rank``: positive =
        moved up; always the difference of the two place columns),
        ``published_points``, ``published_place`` (as published: numbered
        densely, 1, 2, 2, 3) and ``data`` (provenance of the assessments).
    """
    ties = check_ties(ties)
    points = class_points(study)
    weights = WEIGHT_SETS["equal"].on(points.columns) if weights is None else weights
    scores = score_clusters(points, weights)
    baseline = score_clusters(points, WEIGHT_SETS["equal"])
    ranks = rank_clusters(scores, ties=ties, tol=tol)
    baseline_ranks = rank_clusters(baseline, ties=ties, tol=tol)
    ahead = clusters_ahead(scores, tol=tol)
    table = pd.DataFrame(
        {
            "rank": ranks,
            "name": study.cluster_names(),
            "score": scores,
            "score_normalised": normalised_scores(study, scores, weights),
            "baseline_score": baseline,
            "baseline_rank": baseline_ranks,
            "ahead": ahead,
            "rank_change": baseline_ranks - ranks,
            "published_points": study.published["points"].reindex(scores.index),
            "published_place": study.published["place"]
            .reindex(scores.index)
            .astype("Int64"),
            "data": study.provenance.get("assessments", "unknown"),
        }
    )
    table.index.name = "cluster_id"
    order = table.assign(_pos=range(len(table))).sort_values(
        ["rank", "score", "_pos"], ascending=[True, False, True], kind="stable"
    )
    return table.loc[order.index]
