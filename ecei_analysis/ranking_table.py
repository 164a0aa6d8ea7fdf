"""The ranking table shown by ``ecei rank``, notebooks and briefings."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .loading import Study
from .scoring import class_points, rank_clusters, score_clusters
from .weights import WEIGHT_SETS

__all__ = ["SYNTHETIC_BANNER", "data_label", "ranking_table"]

SYNTHETIC_BANNER = (
    "SYNTHETIC DEMONSTRATION DATA: indicator-level points are generated, calibrated "
    "only to the four published 2015 totals (Tomsk 825; Kaluga, INNOKAM 781; "
    "Zelenograd 723). They are not real assessments."
)


def data_label(study: Study) -> str:
    """Return the provenance phrase used in every caption."""
    if study.is_synthetic:
        return (
            "SYNTHETIC demonstration data, calibrated only to the four published 2015 "
            "totals; not real assessments"
        )
    return f"analyst-supplied data ({study.provenance.get('assessments', 'unknown')})"


def ranking_table(
    study: Study,
    weights: Mapping[str, float] | None = None,
    *,
    ties: str = "dense",
    tol: float | None = None,
) -> pd.DataFrame:
    """Rank the clusters under ``weights`` beside the baseline and published places.

    Parameters
    ----------
    study
        The loaded study.
    weights
        Class weights; ``None`` is the unweighted baseline.
    ties, tol
        Tie rule and tolerance, see :func:`~ecei_analysis.rank_clusters`.

    Returns
    -------
    pandas.DataFrame
        Indexed by cluster id, sorted by rank then id: ``rank``, ``name``,
        ``score``, ``baseline_score``, ``baseline_rank``, ``rank_change``
        (positive = moved up), ``published_points``, ``published_place`` and
        ``data`` (provenance of the assessments).
    """
    points = class_points(study)
    weights = WEIGHT_SETS["baseline"] if weights is None else weights
    scores = score_clusters(points, weights)
    baseline = score_clusters(points, WEIGHT_SETS["baseline"])
    ranks = rank_clusters(scores, ties=ties, tol=tol)
    baseline_ranks = rank_clusters(baseline, ties=ties, tol=tol)
    table = pd.DataFrame(
        {
            "rank": ranks,
            "name": study.cluster_names(),
            "score": scores,
            "baseline_score": baseline,
            "baseline_rank": baseline_ranks,
            "rank_change": baseline_ranks - ranks,
            "published_points": study.published["points"].reindex(scores.index),
            "published_place": study.published["place"]
            .reindex(scores.index)
            .astype("Int64"),
            "data": study.provenance.get("assessments", "unknown"),
        }
    )
    table.index.name = "cluster_id"
    return table.sort_values(["rank", "score"], ascending=[True, False], kind="stable")
