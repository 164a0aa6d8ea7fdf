"""How the experts classified the criteria: findings and tables for the reports."""

from __future__ import annotations

import pandas as pd

from ..core.i18n import format_percent, in_language, pgettext
from ..core.vocabulary import CLASSES, class_label, class_short
from ..data.classification_votes import ClassificationPanel
from ..sensitivity.classification_analysis import ClassificationPanelResult
from .findings import Finding
from .sentences import (
    sentence_classification_agreement,
    sentence_classification_consensus,
    sentence_classification_disputed,
    sentence_classification_draws,
    sentence_classification_places,
)

__all__ = [
    "classification_experts_table",
    "classification_findings",
    "classification_places_table",
    "disputed_table",
]


@in_language
def classification_findings(
    result: ClassificationPanelResult,
    panel: ClassificationPanel,
    labels: dict[str, str],
    *,
    disputed: int = 3,
    top: int = 4,
    names: pd.Series | None = None,
    language: str | None = None,
) -> list[Finding]:
    """Agreement, the disputed indicators, the consensus and its consequences.

    Parameters
    ----------
    result
        From :func:`~ecei_analysis.analyse_classification_panel`.
    panel
        The votes (indicator names for the sentences).
    labels
        Cluster display names.
    disputed
        How many of the most disputed indicators to name.
    top
        The clusters within the first ``top`` places (under the consensus) whose
        places are told.
    names
        Indicator names by code (e.g. the study's, in the report language);
        default: the names the sheet gives.

    Returns
    -------
    list of Finding
        Key ``classification``.
    """
    agreement = result.agreement
    table = agreement.indicators
    findings = [
        Finding(
            "classification",
            (
                sentence_classification_agreement(
                    len(panel.experts),
                    len(table),
                    len(panel.abstentions),
                    agreement.alpha,
                    agreement.alpha_low,
                    agreement.alpha_high,
                ),
            ),
            {
                "alpha": agreement.alpha,
                "interval": (agreement.alpha_low, agreement.alpha_high),
                "abstentions": panel.abstentions,
            },
        )
    ]
    worst = agreement.disputed.head(disputed)
    rows = [
        {
            "code": code,
            "name": str((panel.names if names is None else names).get(code, "") or ""),
            "votes": int((panel.votes.loc[code] == row["modal_class"]).sum()),
            "cast": int(row["cast"]),
            "modal": row["modal_class"],
        }
        for code, row in worst.iterrows()
    ]
    unanimous = int((table["modal_share"] == 1).sum())
    findings.append(
        Finding(
            "classification",
            (sentence_classification_disputed(unanimous, len(table), rows),),
            {"unanimous": unanimous, "disputed": rows},
        )
    )
    framework = result.ahead["framework"]
    consensus_ahead = result.ahead["consensus"]
    changed = [
        {"code": code, "before": before, "after": agreement.consensus[code]}
        for code, before in _framework_classes(result).items()
        if before != agreement.consensus[code]
    ]
    findings.append(
        Finding(
            "classification",
            (sentence_classification_consensus(agreement.parameters["rule"], changed),),
            {"changed": changed, "consensus": agreement.consensus.to_dict()},
        )
    )
    experts = result.ahead[panel.experts]
    leaders = consensus_ahead.sort_values(kind="stable")
    leaders = leaders[leaders < top].index
    places = [
        {
            "name": labels[c],
            "framework": int(framework[c]) + 1,
            "consensus": int(consensus_ahead[c]) + 1,
            "best": int(experts.loc[c].min()) + 1,
            "worst": int(experts.loc[c].max()) + 1,
        }
        for c in leaders
    ]
    findings.append(
        Finding(
            "classification",
            (sentence_classification_places(places),),
            {"places": places},
        )
    )
    if result.uncertainty is not None:
        summary = result.uncertainty.summary
        keep = [
            {
                "name": labels[c],
                "place": int(summary.at[c, "nominal"]),
                "share": float(summary.at[c, "p_nominal"]),
            }
            for c in leaders
        ]
        draws = int(result.uncertainty.parameters["draws"])
        findings.append(
            Finding(
                "classification",
                (sentence_classification_draws(keep, draws),),
                {"keep": keep, "draws": draws},
            )
        )
    return findings


def _framework_classes(result: ClassificationPanelResult) -> pd.Series:
    return pd.Series(result.parameters["framework_classification"])


@in_language
def classification_experts_table(
    result: ClassificationPanelResult, *, language: str | None = None
) -> pd.DataFrame:
    """Per expert: votes cast, abstentions, agreement with the consensus."""
    experts = result.agreement.experts
    return pd.DataFrame(
        {
            pgettext("column", "expert"): list(experts.index),
            pgettext("column", "votes"): experts["cast"].to_numpy(),
            pgettext("column", "abstained"): experts["abstained"].to_numpy(),
            pgettext("column", "same as the consensus"): [
                format_percent(x, 0) for x in experts["agreement"]
            ],
            pgettext("column", "mean class distance"): experts[
                "mean_distance"
            ].to_numpy(),
        }
    )


@in_language
def disputed_table(
    result: ClassificationPanelResult,
    panel: ClassificationPanel,
    labels: dict[str, str],
    names: pd.Series | None = None,
    *,
    language: str | None = None,
) -> pd.DataFrame:
    """List the disputed indicators: votes per class, consensus, who would move.

    One row per disputed indicator and other class it received votes for; the
    last two columns list the clusters with fewer (↑) or more (↓) clusters ahead
    when that indicator alone takes that class instead of the consensus.
    """
    agreement = result.agreement
    moves = result.moves
    names = panel.names if names is None else names
    rows = []
    for code in agreement.disputed.index:
        counts = " · ".join(
            f"{class_short(c)} {int((panel.votes.loc[code] == c).sum())}"
            for c in CLASSES
        )
        for _, move in moves[moves["indicator"] == code].iterrows():
            rows.append(
                {
                    pgettext("column", "indicator"): code,
                    pgettext("column", "name"): str(names.get(code, "") or ""),
                    pgettext("column", "votes"): counts,
                    pgettext("column", "consensus"): class_label(
                        agreement.consensus[code]
                    ),
                    pgettext("column", "if instead"): class_label(move["to"]),
                    "↑": ", ".join(labels[c] for c in move["up"]) or "—",
                    "↓": ", ".join(labels[c] for c in move["down"]) or "—",
                }
            )
    return pd.DataFrame(rows)


@in_language
def classification_places_table(
    result: ClassificationPanelResult,
    labels: dict[str, str],
    *,
    language: str | None = None,
) -> pd.DataFrame:
    """Tabulate places under the framework's and the consensus classification.

    With the best and worst place over the experts' own classifications.
    """
    ahead = result.ahead
    experts = ahead.drop(columns=["framework", "consensus"])
    order = ahead.sort_values(["consensus", "framework"], kind="stable").index
    return pd.DataFrame(
        {
            pgettext("column", "cluster"): [labels[c] for c in order],
            pgettext("column", "place, framework"): ahead.loc[order, "framework"] + 1,
            pgettext("column", "place, consensus"): ahead.loc[order, "consensus"] + 1,
            pgettext("column", "best–worst over the experts"): [
                f"{b + 1}–{w + 1}" if b != w else str(b + 1)
                for b, w in zip(
                    experts.loc[order].min(axis=1),
                    experts.loc[order].max(axis=1),
                    strict=True,
                )
            ],
        }
    ).reset_index(drop=True)
