"""Nominal weights vs real importance, for the briefing, notebook 02 and the CLI.

:func:`importance_findings` measures each class's real importance under the
proposed weights, finds the weights that deliver the intended importance (by
default the proposed ratio itself: "3:2:1 should decide the ranking 3:2:1"),
and states what those weights change in the ranking (clusters strictly ahead,
as everywhere in the reports).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..core.i18n import in_language, pgettext
from ..core.vocabulary import class_label
from ..scoring.points import score_clusters
from ..scoring.ranks import clusters_ahead, rank_clusters
from ..scoring.weights import WeightsLike, takes_weights
from ..sensitivity.importance import (
    ImportanceResult,
    MatchedWeights,
    class_importance,
    weights_for_importance,
)
from .findings import Finding
from .sentences import (
    sentence_class_importance,
    sentence_importance_measure,
    sentence_matched_moves,
    sentence_matched_weights,
)

__all__ = [
    "ImportanceReport",
    "importance_findings",
    "importance_mark",
    "importance_places_table",
    "importance_table",
]


@dataclass(frozen=True)
class ImportanceReport:
    """The numbers and findings of :func:`importance_findings`.

    Attributes
    ----------
    importance
        Real importance under the proposed weights.
    matched
        The weights that deliver the target importance (or the closest).
    places
        Clusters × {``proposed``, ``matched``}: places by the tie rule.
    ahead
        The same as clusters strictly ahead (the movement semantics).
    findings
        The sentences, with their values.
    """

    importance: ImportanceResult
    matched: MatchedWeights
    places: pd.DataFrame
    ahead: pd.DataFrame
    findings: list[Finding]


@in_language
@takes_weights
def importance_findings(
    points: pd.DataFrame,
    weights: WeightsLike,
    labels: dict[str, str],
    *,
    target: WeightsLike | None = None,
    method: str = "pearson",
    ordered: bool = False,
    ties: str = "dense",
    top: int = 4,
    language: str | None = None,
) -> ImportanceReport:
    """Compute the "nominal weights vs real importance" findings.

    Parameters
    ----------
    points
        Clusters × classes.
    weights
        The proposed weights.
    labels
        Cluster display names.
    target
        The intended importance ratios (default: the proposed weights' ratio).
    method
        The importance measure (see :func:`~ecei_analysis.class_importance`).
    ordered
        Look for matching weights only in the ordered region.
    ties
        Display rule of the places (moves count clusters strictly ahead).
    top
        Moves are told for clusters within the first ``top`` places.

    Returns
    -------
    ImportanceReport
    """
    classes = list(points.columns)
    w = weights.on(classes)
    goal = target if target is not None else w
    importance = class_importance(points, w, method=method)
    matched = weights_for_importance(points, goal, method=method, ordered=ordered)
    table = importance.table
    findings = [
        Finding(
            "importance", (sentence_importance_measure(method),), {"method": method}
        )
    ]
    findings.append(
        Finding(
            "importance",
            tuple(
                sentence_class_importance(
                    c,
                    float(table.at[c, "weight"]),
                    float(table.at[c, "importance_share"]),
                    float(table.at[c, "ratio"]),
                )
                for c in classes
            ),
            {"table": table.to_dict("index")},
        )
    )
    findings.append(
        Finding(
            "importance",
            (
                sentence_matched_weights(
                    matched.target.to_numpy(),
                    matched.weights.to_numpy(),
                    matched.achieved.to_numpy(),
                    matched.reachable,
                    matched.reason,
                    ordered,
                ),
            ),
            {
                "weights": matched.weights.to_dict(),
                "achieved": matched.achieved.to_dict(),
                "reachable": matched.reachable,
                "residual": matched.residual,
            },
        )
    )
    new = matched.weights.to_dict()
    scores = {
        "proposed": score_clusters(points, w),
        "matched": score_clusters(points, new),
    }
    ahead = pd.DataFrame({k: clusters_ahead(v) for k, v in scores.items()})
    places = pd.DataFrame({k: rank_clusters(v, ties=ties) for k, v in scores.items()})
    shared = {k: places[k].map(places[k].value_counts()) > 1 for k in places}
    moved = [
        c for c in ahead.index if ahead.at[c, "proposed"] != ahead.at[c, "matched"]
    ]
    moves = [
        {
            "cluster": c,
            "name": labels[c],
            "before": int(ahead.at[c, "proposed"]),
            "after": int(ahead.at[c, "matched"]),
            "place_before": int(places.at[c, "proposed"]),
            "place_after": int(places.at[c, "matched"]),
            "shared_before": bool(shared["proposed"][c]),
            "shared_after": bool(shared["matched"][c]),
        }
        for c in sorted(moved, key=lambda c: ahead.at[c, "proposed"])
        if min(ahead.at[c, "proposed"], ahead.at[c, "matched"]) < top
    ]
    findings.append(
        Finding(
            "importance",
            (sentence_matched_moves(moves, len(moved), len(points)),),
            {"moves": moves, "moved": moved},
        )
    )
    return ImportanceReport(importance, matched, places, ahead, findings)


@in_language
def importance_table(
    report: ImportanceReport, *, language: str | None = None
) -> pd.DataFrame:
    """Per class: weight, real importance, ratio, and the matching weights."""
    table = report.importance.table
    classes = list(table.index)
    return pd.DataFrame(
        {
            pgettext("column", "class"): [class_label(c) for c in classes],
            pgettext("column", "weight, %"): 100 * table["weight"].to_numpy(),
            pgettext("column", "real importance, %"): 100
            * table["importance_share"].to_numpy(),
            pgettext("column", "importance ÷ weight"): table["ratio"].to_numpy(),
            pgettext("column", "target, %"): 100
            * report.matched.target[classes].to_numpy(),
            pgettext("column", "weights for the target, %"): 100
            * report.matched.weights[classes].to_numpy(),
            pgettext("column", "their importance, %"): 100
            * report.matched.achieved[classes].to_numpy(),
        }
    )


@in_language
def importance_places_table(
    report: ImportanceReport, labels: dict[str, str], *, language: str | None = None
) -> pd.DataFrame:
    """Places under the proposed and the importance-matched weights, and the move.

    Rows by the proposed place; change = clusters strictly ahead under the
    proposed weights minus under the matched ones (positive: moves up).
    """
    order = report.ahead.sort_values(["proposed", "matched"], kind="stable").index
    return pd.DataFrame(
        {
            pgettext("column", "cluster"): [labels[c] for c in order],
            pgettext("column", "place, proposed weights"): report.places.loc[
                order, "proposed"
            ].to_numpy(),
            pgettext("column", "place, importance-matched weights"): report.places.loc[
                order, "matched"
            ].to_numpy(),
            pgettext("column", "change"): (
                report.ahead.loc[order, "proposed"] - report.ahead.loc[order, "matched"]
            ).to_numpy(),
        }
    )


@in_language
def importance_mark(
    report: ImportanceReport, *, language: str | None = None
) -> dict[str, dict[str, float]]:
    """Return the matched weights as a weight-map mark: ``{label: weights}``."""
    from .sentences import shares_phrase

    label = pgettext("figure", "weights giving importance {shares}").format(
        shares=shares_phrase(report.matched.target)
    )
    return {label: report.matched.weights.to_dict()}
