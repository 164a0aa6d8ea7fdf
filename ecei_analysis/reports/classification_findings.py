"""How the experts classified the criteria: findings and tables for the reports.

The findings answer "who decides what": how far the experts agree (in plain
words, with the usual thresholds), which experts differ most, where the
consensus departs from the framework's classification, which disputed
indicators move the leading places most (with sizes), and how the consensus
and the vote-drawn results relate. Places use the report's basis.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.i18n import (
    _,
    format_number,
    format_percent,
    in_language,
    ngettext,
    pgettext,
)
from ..core.tolerances import EPS
from ..core.vocabulary import CLASSES, class_label, class_short
from ..data.classification_votes import ClassificationPanel
from ..scoring.ranks import leading_clusters, places_from_ahead
from ..sensitivity.classification_analysis import ClassificationPanelResult
from .finding import Finding
from .phrases import Name, Place, names_list, share_text

__all__ = [
    "classification_experts_table",
    "classification_findings",
    "classification_places_table",
    "disputed_table",
    "indicator_moves",
]

#: Krippendorff's guide: reliable from 0.80, tentative conclusions from 0.667.
RELIABLE, TENTATIVE = 0.80, 0.667


def _agreement_finding(result, panel) -> Finding:
    agreement = result.agreement
    experts = agreement.experts
    voting, indicators = len(experts), len(agreement.indicators)
    empty = list(agreement.empty_experts)
    values = {
        "experts": voting,
        "empty": empty,
        "abstentions": int(experts["abstained"].sum()) if voting else 0,
        "alpha": agreement.alpha,
        "interval": (agreement.alpha_low, agreement.alpha_high),
    }
    if voting == 0:
        values["state"] = "no_votes"
        return Finding(
            "classification",
            (_("The experts' sheet holds no votes yet: there is nothing to report."),),
            values,
        )
    head = ngettext(
        "{e} expert classified the {n} indicators",
        "{e} experts classified the {n} indicators",
        voting,
    ).format(e=voting, n=indicators)
    if values["abstentions"]:
        head += " " + ngettext(
            "({k} abstention)", "({k} abstentions)", values["abstentions"]
        ).format(k=values["abstentions"])
    head += "."
    if empty:
        head += " " + ngettext(
            "{k} column of the sheet has no votes and is left out ({names}).",
            "{k} columns of the sheet have no votes and are left out ({names}).",
            len(empty),
        ).format(k=len(empty), names=", ".join(empty))
    alpha = agreement.alpha
    if voting == 1:
        values["state"] = "one_expert"
        text = _("With a single expert there is no agreement to measure.")
    elif not np.isfinite(alpha):
        values["state"] = "one_class"
        text = _(
            "Every vote falls in one class: the experts agree completely, although "
            "no agreement statistic can be computed without variation."
        )
    else:
        values["state"] = (
            "reliable"
            if alpha >= RELIABLE
            else "tentative"
            if alpha >= TENTATIVE
            else "low"
        )
        verdict = {
            "reliable": _("high enough to rely on"),
            "tentative": _("enough only for tentative conclusions"),
            "low": _("too low for conclusions"),
        }[values["state"]]
        interval = ""
        low, high = values["interval"]
        if np.isfinite(low) and np.isfinite(high):
            interval = _(", {level} interval {low} to {high}").format(
                level=format_percent(0.95, 0),
                low=format_number(low, 2),
                high=format_number(high, 2),
            )
        text = _(
            "Their agreement is {verdict}: Krippendorff's alpha for ordered classes "
            "is {alpha}{interval}, where 0 is the agreement of chance and 1 full "
            "agreement; 0.80 or more is usually taken as reliable, 0.667 as enough "
            "for tentative conclusions."
        ).format(verdict=verdict, alpha=format_number(alpha, 2), interval=interval)
    return Finding("classification", (head + " " + text,), values)


def _experts_finding(result) -> Finding | None:
    experts = result.agreement.experts
    if len(experts) < 3:
        return None
    share = experts["agreement"].sort_values(kind="stable")
    lowest = share.iloc[0]
    differ = [e for e, v in share.items() if v <= lowest + EPS]
    others = share[~share.index.isin(differ)]
    if others.empty:  # every expert as close to the consensus: no one differs most
        return None
    text = ngettext(
        "{names} differs most from the consensus: the same class for {share} of "
        "the indicators (the others {low}–{high}).",
        "{names} differ most from the consensus: the same class for {share} of "
        "the indicators (the others {low}–{high}).",
        len(differ),
    ).format(
        names=names_list(differ),
        share=share_text(lowest),
        low=share_text(others.min()),
        high=share_text(others.max()),
    )
    values = {"differ": differ, "agreement": share.to_dict()}
    return Finding("classification", (text,), values)


def indicator_moves(
    result: ClassificationPanelResult, leaders: list[str]
) -> pd.DataFrame:
    """Rank the disputed indicators by how much they move the leading places.

    One row per (indicator, other class voted): ``size`` is the total change in
    place, in places, of the ``leaders`` when that indicator alone takes the
    other class instead of the consensus; ``shifts`` the leaders' changes.
    Largest first; rows that move no leader are kept, with size 0, at the end.
    """
    moves = result.moves
    rows = []
    for _index, move in moves.iterrows():
        shifts = {c: s for c, s in move["shifts"].items() if c in leaders}
        rows.append(
            {
                "indicator": move["indicator"],
                "to": move["to"],
                "votes": int(move["votes"]),
                "size": int(sum(abs(s) for s in shifts.values())),
                "shifts": shifts,
            }
        )
    frame = pd.DataFrame(rows, columns=["indicator", "to", "votes", "size", "shifts"])
    return frame.sort_values(["size", "votes"], ascending=False, kind="stable")


def _disputed_finding(result, panel, names, labels, leaders, k: int) -> Finding | None:
    agreement = result.agreement
    table = agreement.indicators
    experts = len(agreement.experts)
    unanimous = int((table["modal_share"] == 1).sum())
    splits = list(table.index[table["split"]])
    ranked = indicator_moves(result, leaders)
    moving = ranked[ranked["size"] > 0].head(k)
    parts = []
    for _index, row in moving.iterrows():
        code = row["indicator"]
        who = "; ".join(
            _("{name} {move}").format(
                name=Name(labels[c]),
                move=ngettext("up {k} place", "up {k} places", s).format(k=s)
                if s > 0
                else ngettext("down {k} place", "down {k} places", -s).format(k=-s),
            )
            for c, s in row["shifts"].items()
        )
        parts.append(
            _("{code} {name} as {cls} ({votes} of {cast} votes): {who}").format(
                code=code,
                name=str(names.get(code, "") or ""),
                cls=class_label(row["to"]),
                votes=row["votes"],
                cast=int(table.at[code, "cast"]),
                who=who,
            )
        )
    sentences = []
    if experts > 1:
        sentences.append(
            ngettext(
                "{k} of {n} indicators is classified the same by every expert.",
                "{k} of {n} indicators are classified the same by every expert.",
                unanimous,
            ).format(k=unanimous, n=len(table))
        )
    if parts:
        sentences.append(
            _(
                "The disputed indicators that move the leading places most, if each "
                "alone took the other class voted: {parts}."
            ).format(parts="; ".join(parts))
        )
    elif len(agreement.disputed):
        sentences.append(
            _("No disputed indicator alone moves any of the leading places.")
        )
    if splits:
        sentences.append(
            ngettext(
                "{k} indicator has an even split of votes between two neighbouring "
                "classes ({codes}); the consensus keeps the framework's class there "
                "when it is one of them, else the more important.",
                "{k} indicators have an even split of votes between two neighbouring "
                "classes ({codes}); the consensus keeps the framework's class there "
                "when it is one of them, else the more important.",
                len(splits),
            ).format(k=len(splits), codes=", ".join(splits))
        )
    values = {
        "unanimous": unanimous,
        "moves": moving.to_dict("records"),
        "splits": splits,
    }
    if not sentences:
        return None
    return Finding("classification", tuple(sentences), values)


def _consensus_finding(result) -> Finding:
    agreement = result.agreement
    framework = pd.Series(result.parameters["framework_classification"])
    changed = [
        {"code": code, "before": before, "after": agreement.consensus[code]}
        for code, before in framework.items()
        if before != agreement.consensus[code]
    ]
    rule = (
        _("the median class of the votes")
        if agreement.parameters["rule"] == "median"
        else _("the class with most votes")
    )
    if not changed:
        text = _("The consensus ({rule}) is the framework's classification.").format(
            rule=rule
        )
    else:
        parts = "; ".join(
            _("{code} from {before} to {after}").format(
                code=c["code"],
                before=class_label(c["before"]),
                after=class_label(c["after"]),
            )
            for c in changed
        )
        text = ngettext(
            "The consensus ({rule}) differs from the framework's classification for "
            "{k} indicator: {parts}.",
            "The consensus ({rule}) differs from the framework's classification for "
            "{k} indicators: {parts}.",
            len(changed),
        ).format(rule=rule, k=len(changed), parts=parts)
    return Finding("classification", (text,), {"changed": changed})


def _places_finding(result, labels, leaders, ties) -> Finding:
    places = places_from_ahead(result.ahead, ties=ties)
    experts = places_from_ahead(result.expert_ahead, ties=ties)
    rows = []
    for c in leaders:
        row = {
            "name": labels[c],
            "framework": int(places.at[c, "framework"]),
            "consensus": int(places.at[c, "consensus"]),
        }
        if experts.shape[1]:
            row |= {
                "best": int(experts.loc[c].min()),
                "worst": int(experts.loc[c].max()),
            }
        rows.append(row)
    varied = len(result.expert_ahead.columns) > 1 and any(
        r["best"] != r["worst"] for r in rows
    )
    parts = []
    for r in rows:
        if r["framework"] == r["consensus"]:
            now = _("{name} stays {place}").format(
                name=Name(r["name"]), place=Place(r["consensus"])
            )
        elif r["consensus"] < r["framework"]:
            now = _("{name} moves up from {before} to {after}").format(
                name=Name(r["name"]),
                before=Place(r["framework"]),
                after=Place(r["consensus"]),
            )
        else:
            now = _("{name} moves down from {before} to {after}").format(
                name=Name(r["name"]),
                before=Place(r["framework"]),
                after=Place(r["consensus"]),
            )
        if varied and r["best"] != r["worst"]:
            now += " " + _(
                "(between {best} and {worst} over the experts' own classifications)"
            ).format(best=Place(r["best"]), worst=Place(r["worst"]))
        parts.append(now)
    text = _("From the framework's classification to the consensus: {parts}.").format(
        parts="; ".join(parts)
    )
    if len(result.expert_ahead.columns) > 1 and not varied:
        text += " " + _("Every expert's own classification gives these places too.")
    classes = set(result.agreement.consensus.dropna())
    if len(classes) == 1:  # the weights of the classes no longer matter
        text += " " + _(
            "The consensus puts every indicator in one class ({cls}), so the class "
            "weights no longer matter: it ranks the clusters by their plain totals."
        ).format(cls=class_label(next(iter(classes))))
    return Finding("classification", (text,), {"places": rows})


def _draws_finding(result, labels, leaders, ties) -> Finding | None:
    if result.uncertainty is None or len(result.agreement.experts) < 2:
        return None
    summary = result.uncertainty.summary
    consensus = places_from_ahead(result.ahead["consensus"], ties=ties)
    keep = [
        {
            "name": labels[c],
            "place": int(consensus[c]),
            "share": float(summary.at[c, "p_nominal"]),
        }
        for c in leaders
    ]
    draws = int(result.uncertainty.parameters["draws"])
    text = _(
        "The consensus settles each indicator on one class. Drawing instead each "
        "indicator's class in proportion to its votes ({draws} draws, weights "
        "fixed), the leaders keep their places in: {parts}; a share well below "
        "100% means the place rests on disputed indicators."
    ).format(
        draws=format_number(draws),
        parts="; ".join(
            _("{name} ({place}) {share}").format(
                name=Name(k["name"]),
                place=Place(k["place"]),
                share=share_text(k["share"]),
            )
            for k in keep
        ),
    )
    return Finding("classification", (text,), {"keep": keep, "draws": draws})


@in_language
def classification_findings(
    result: ClassificationPanelResult,
    panel: ClassificationPanel,
    labels: dict[str, str],
    *,
    disputed: int = 3,
    top: int = 4,
    names: pd.Series | None = None,
    ties: str = "min",
    language: str | None = None,
) -> list[Finding]:
    """Agreement, who differs, the disputed indicators, the consensus and places.

    Parameters
    ----------
    result
        From :func:`~ecei_analysis.analyse_classification_panel`.
    panel
        The votes (indicator names for the sentences).
    labels
        Cluster display names.
    disputed
        How many of the disputed indicators that move the leaders to name.
    top
        The clusters within the first ``top`` places (under the consensus) whose
        places are told.
    names
        Indicator names by code (e.g. the study's, in the report language);
        default: the names the sheet gives.
    ties
        The place basis.
    language
        The language of the sentences.

    Returns
    -------
    list of Finding
        Key ``classification``; with no votes, only the agreement finding says
        so.
    """
    names = panel.names if names is None else names
    first = _agreement_finding(result, panel)
    if first.values["state"] == "no_votes":
        return [first]
    consensus = places_from_ahead(result.ahead["consensus"], ties=ties)
    leaders = leading_clusters(consensus, top)
    found = [
        first,
        _experts_finding(result),
        _disputed_finding(result, panel, names, labels, leaders, disputed),
        _consensus_finding(result),
        _places_finding(result, labels, leaders, ties),
        _draws_finding(result, labels, leaders, ties),
    ]
    return [f for f in found if f is not None]


@in_language
def classification_experts_table(
    result: ClassificationPanelResult, *, language: str | None = None
) -> pd.DataFrame:
    """Per expert who voted: votes cast, abstentions, agreement with the consensus."""
    experts = result.agreement.experts
    return pd.DataFrame(
        {
            pgettext("column", "expert"): list(experts.index),
            pgettext("column", "votes"): experts["cast"].to_numpy(),
            pgettext("column", "abstentions"): experts["abstained"].to_numpy(),
            pgettext("column", "same as the consensus"): [
                share_text(x) for x in experts["agreement"]
            ],
            pgettext("column", "mean class distance"): [
                format_number(x, 2) for x in experts["mean_distance"]
            ],
        }
    )


@in_language
def disputed_table(
    result: ClassificationPanelResult,
    panel: ClassificationPanel,
    labels: dict[str, str],
    names: pd.Series | None = None,
    *,
    top: int = 4,
    ties: str = "min",
    language: str | None = None,
) -> pd.DataFrame:
    """List the disputed indicators by how much they move the leading places.

    One row per disputed indicator and other class it received votes for,
    largest move of the leaders first: the votes per class, the consensus, the
    other class, the size (total change in places of the leaders) and who moves.
    """
    agreement = result.agreement
    names = panel.names if names is None else names
    consensus = places_from_ahead(result.ahead["consensus"], ties=ties)
    leading = leading_clusters(consensus, top)
    rows = []
    for _index, move in indicator_moves(result, leading).iterrows():
        code = move["indicator"]
        counts = " · ".join(
            f"{class_short(c)} {int((panel.votes.loc[code] == c).sum())}"
            for c in CLASSES
        )
        rows.append(
            {
                pgettext("column", "indicator"): code,
                pgettext("column", "name"): str(names.get(code, "") or ""),
                pgettext("column", "votes"): counts,
                pgettext("column", "consensus"): class_label(agreement.consensus[code]),
                pgettext("column", "if instead"): class_label(move["to"]),
                pgettext("column", "leaders' places moved"): move["size"],
                pgettext("column", "who moves"): "; ".join(
                    f"{labels[c]} {'+' if s > 0 else '−'}{abs(s)}"
                    for c, s in move["shifts"].items()
                )
                or "—",
            }
        )
    return pd.DataFrame(rows)


@in_language
def classification_places_table(
    result: ClassificationPanelResult,
    labels: dict[str, str],
    *,
    ties: str = "min",
    language: str | None = None,
) -> pd.DataFrame:
    """Tabulate places under the framework's and the consensus classification.

    With the best and worst place over the experts' own classifications, and the
    change (framework minus consensus place: positive moves up).
    """
    places = places_from_ahead(result.ahead, ties=ties)
    experts = places_from_ahead(result.expert_ahead, ties=ties)
    order = places.sort_values(["consensus", "framework"], kind="stable").index
    frame = pd.DataFrame(
        {
            pgettext("column", "cluster"): [labels[c] for c in order],
            pgettext("column", "place, framework"): places.loc[order, "framework"],
            pgettext("column", "place, consensus"): places.loc[order, "consensus"],
            pgettext("column", "change"): places.loc[order, "framework"]
            - places.loc[order, "consensus"],
        }
    )
    if experts.shape[1]:
        frame[pgettext("column", "best–worst over the experts")] = [
            f"{b}–{w}" if b != w else str(b)
            for b, w in zip(
                experts.loc[order].min(axis=1),
                experts.loc[order].max(axis=1),
                strict=True,
            )
        ]
    return frame.reset_index(drop=True)
