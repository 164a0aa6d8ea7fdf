"""What the panel's votes imply, in words: who decides which places.

Votes are numbered 1.. in file order, as in the votes table and on the weight
map. Places use the report's basis (``min``: 1 + the clusters strictly ahead).
The panel's average weighting is the mean of the votes' weight shares (a
ranking vote counted at the centre of its region); it is the consensus
weighting whose consequences the findings state beside the proposal's.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..core.i18n import _, format_number, in_language, ngettext
from ..scoring.weights import Weights, WeightsLike, takes_weights
from .briefing_findings import standing
from .finding import Finding
from .phrases import Name, Place, names_list, ratio_text, share_text

__all__ = ["average_weighting", "panel_findings"]


def average_weighting(weights: pd.DataFrame) -> Weights:
    """Return the mean of the votes' weight shares (rows: votes; columns: classes)."""
    shares = weights.div(weights.sum(axis=1), axis=0).mean(axis=0)
    return Weights(shares.to_dict())


def _order_text(order: list[str], labels: Mapping[str, str], k: int) -> str:
    return ", ".join(labels[c] for c in order[:k])


def _votes_finding(forms: Mapping[str, int]) -> Finding:
    n = sum(forms.values())
    kinds = {
        "weights": ngettext(
            "{k} as weights", "{k} as weights", forms.get("weights", 0)
        ),
        "points": ngettext(
            "{k} as 100 points split", "{k} as 100 points split", forms.get("points", 0)
        ),
        "ranks": ngettext(
            "{k} as a ranking of the classes",
            "{k} as rankings of the classes",
            forms.get("ranks", 0),
        ),
        "pairwise": ngettext(
            "{k} as pairwise comparisons",
            "{k} as pairwise comparisons",
            forms.get("pairwise", 0),
        ),
    }
    parts = [kinds[f].format(k=forms[f]) for f in kinds if forms.get(f)]
    text = ngettext(
        "The panel cast {n} vote: {parts}.", "The panel cast {n} votes: {parts}.", n
    ).format(n=n, parts=", ".join(parts))
    return Finding("panel", (text,), {"state": "votes", "forms": dict(forms)})


def _first_finding(places: pd.DataFrame, labels: Mapping[str, str]) -> Finding:
    n = places.shape[1]
    first_votes = (places == 1).sum(axis=1)
    firsts = first_votes[first_votes > 0].sort_values(ascending=False, kind="stable")
    if len(firsts) == 1 and firsts.iloc[0] == n:
        text = ngettext(
            "The one vote puts {name} first.", "Every vote puts {name} first.", n
        ).format(name=Name(labels[firsts.index[0]]))
    else:
        parts = names_list(
            [
                ngettext("{name} in {k} vote", "{name} in {k} votes", int(k)).format(
                    name=Name(labels[c]), k=int(k)
                )
                for c, k in firsts.items()
            ]
        )
        text = _(
            "Under each participant's own weights, first place goes to {parts} (a "
            "shared first counts for each)."
        ).format(parts=parts)
    values = {"first_votes": {c: int(k) for c, k in firsts.items()}}
    return Finding("panel", (text,), values)


def _average_finding(points, panel, weights: Weights, labels, ties, top) -> Finding:
    average = average_weighting(panel.weights)
    proposal = standing(points, weights, ties)
    panel_now = standing(points, average, ties)
    k = min(top, len(points))
    same = proposal.order[:k] == panel_now.order[:k]
    text = _(
        "The panel's average weighting is {average} (the mean of the votes' "
        "shares); under it the first {k} are {panel_order}"
    ).format(
        average=ratio_text(average.shares.to_dict()),
        k=k,
        panel_order=_order_text(panel_now.order, labels, k),
    )
    if same:
        text += _(", as under the proposal.")
    else:
        text += _(", under the proposal {proposal_order}.").format(
            proposal_order=_order_text(proposal.order, labels, k)
        )
    sentences = [text]
    pivotal = _pivotal_votes(points, panel, ties)
    leader = panel_now.order[0]
    for vote, other in pivotal:
        sentences.append(
            _(
                "Vote {vote} alone decides who leads the average: without it {other} "
                "would be first instead of {leader}."
            ).format(vote=vote, other=Name(labels[other]), leader=Name(labels[leader]))
        )
    values = {
        "average": average.shares.to_dict(),
        "panel_order": panel_now.order[:k],
        "proposal_order": proposal.order[:k],
        "same_order": same,
        "pivotal": [{"vote": v, "leader_without": o} for v, o in pivotal],
    }
    return Finding("panel", tuple(sentences), values)


def _pairwise_finding(points, panel, labels, ties, top) -> Finding | None:
    """Each pairwise vote's weights and consistency; the group's combined weights."""
    from ..data.pairwise import (
        CR_THRESHOLD,
        aggregate_judgements,
        aggregate_priorities,
    )

    if not panel.judgements:
        return None
    number = {p: k for k, p in enumerate(panel.participants, start=1)}
    ratios = panel.consistency
    weights = panel.weights
    sentences = []
    rows = []
    for participant, ratio in ratios.items():
        ratio = float(ratio)
        shares = weights.loc[participant].to_dict()
        consistent = ratio <= CR_THRESHOLD
        rows.append(
            {
                "vote": number[participant],
                "weights": shares,
                "consistency_ratio": ratio,
                "consistent": consistent,
            }
        )
        words = (
            _("judgements consistent (consistency ratio {cr})")
            if consistent
            else _("judgements inconsistent: consistency ratio {cr}, please review")
        ).format(cr=format_number(ratio, 2))
        sentences.append(
            _(
                "Vote {vote} compares the classes in pairs: weights {ratio}; {words}."
            ).format(vote=number[participant], ratio=ratio_text(shares), words=words)
        )
    values = {"votes": rows}
    if len(panel.judgements) >= 2:
        pooled = aggregate_judgements(list(panel.judgements.values()))
        averaged = aggregate_priorities(
            [weights.loc[p].to_numpy() for p in panel.judgements]
        )
        classes = list(weights.columns)
        values |= {
            "judgements_pooled": dict(zip(classes, pooled.tolist(), strict=True)),
            "priorities_pooled": dict(zip(classes, averaged.tolist(), strict=True)),
        }
        sentences.append(
            _(
                "Combined, the pairwise votes give {pooled} when their judgements are "
                "pooled (the panel as one decision maker) and {averaged} when their "
                "weights are (each participant a separate voice)."
            ).format(
                pooled=ratio_text(values["judgements_pooled"]),
                averaged=ratio_text(values["priorities_pooled"]),
            )
        )
    doubtful = [r["vote"] for r in rows if not r["consistent"]]
    kept = [p for p in panel.participants if number[p] not in doubtful]
    if doubtful and kept:
        average = average_weighting(weights.loc[kept])
        k = min(top, len(points))
        order = standing(points, average, ties).order[:k]
        values |= {"without_inconsistent": order, "set_aside": doubtful}
        sentences.append(
            _(
                "Setting aside the inconsistent judgements ({votes}), the average "
                "weighting is {average} and the first {k} are {order}."
            ).format(
                votes=_vote_numbers(doubtful),
                average=ratio_text(average.shares.to_dict()),
                k=k,
                order=_order_text(order, labels, k),
            )
        )
    return Finding("panel", tuple(sentences), values)


def _pivotal_votes(points, panel, ties) -> list[tuple[int, str]]:
    """Votes without which the average weighting puts another cluster first."""
    weights = panel.weights
    if len(weights) < 2:
        return []
    leader = standing(points, average_weighting(weights), ties).order[0]
    out = []
    for number, participant in enumerate(weights.index, start=1):
        rest = weights.drop(index=participant)
        other = standing(points, average_weighting(rest), ties).order[0]
        if other != leader:
            out.append((number, other))
    return out


def _chance_finding(result, labels) -> list[Finding]:
    found = []
    for smaa_result, loose in ((result.consensus, False), (result.smoothed, True)):
        if smaa_result is None:
            continue
        first = smaa_result.acceptability[1]
        first = first[first > 0].sort_values(ascending=False, kind="stable")
        parts = names_list(
            [
                _("{name} in {share}").format(name=Name(labels[c]), share=share_text(p))
                for c, p in first.items()
            ]
        )
        text = (
            _(
                "Holding each vote loosely (weights drawn close to it), first place "
                "goes to {parts} of the draws."
            )
            if loose
            else _(
                "Drawing one vote at random (a ranking vote anywhere in its region), "
                "first place goes to {parts} of the draws."
            )
        ).format(parts=parts)
        found.append(
            Finding("panel", (text,), {"first": first.to_dict(), "loose": loose})
        )
    return found


def _spread_finding(result, labels, contested: int) -> Finding:
    places = result.places
    number = {p: k for k, p in enumerate(places.columns, start=1)}
    spread = result.spread
    n = len(spread)
    kept = int((spread["range"] == 0).sum())
    widest = spread[spread["range"] > 0].sort_values(
        ["range", "best"], ascending=[False, True], kind="stable"
    )
    named = [
        {
            "name": labels[c],
            "best": int(row["best"]),
            "worst": int(row["worst"]),
            "best_by": [number[p] for p in row["best_by"]],
            "worst_by": [number[p] for p in row["worst_by"]],
        }
        for c, row in widest.head(contested).iterrows()
    ]
    if n == 1:
        text = _("With one cluster there is no place to dispute.")
    elif not named:
        text = _("Every cluster keeps its place under every vote.")
    else:
        head = (
            _("No cluster keeps its place under every vote.")
            if kept == 0
            else ngettext(
                "{kept} of {n} clusters keeps its place under every vote.",
                "{kept} of {n} clusters keep their place under every vote.",
                kept,
            ).format(kept=kept, n=n)
        )
        parts = "; ".join(
            _("{name} from {best} ({best_by}) to {worst} ({worst_by})").format(
                name=Name(r["name"]),
                best=Place(r["best"]),
                best_by=_vote_numbers(r["best_by"]),
                worst=Place(r["worst"]),
                worst_by=_vote_numbers(r["worst_by"]),
            )
            for r in named
        )
        text = (
            head
            + " "
            + _("Whose weights are used matters most for: {parts}.").format(parts=parts)
        )
    return Finding("panel", (text,), {"kept": kept, "contested": named})


def _vote_numbers(numbers) -> str:
    listed = ", ".join(str(n) for n in numbers)
    return ngettext("vote {numbers}", "votes {numbers}", len(numbers)).format(
        numbers=listed
    )


@in_language
@takes_weights
def panel_findings(
    result,
    labels: dict[str, str],
    *,
    points: pd.DataFrame,
    panel,
    weights: WeightsLike,
    ties: str = "min",
    top: int = 3,
    contested: int = 3,
    language: str | None = None,
) -> list[Finding]:
    """Compute what the panel's votes imply, as findings (key ``panel``).

    Parameters
    ----------
    result
        A :class:`~ecei_analysis.PanelResult`.
    labels
        Cluster display names.
    points, panel, weights
        The class points, the votes and the proposal (for the average weighting
        and the comparison with the proposal's order).
    ties
        The place basis.
    top
        How many leading places the orders compare.
    contested
        How many of the clusters whose place depends most on the votes to name.

    Returns
    -------
    list of Finding
        The votes cast, the pairwise votes' weights and consistency (with the
        average set aside the inconsistent ones), who the votes put first, the
        average weighting against
        the proposal (and the votes that alone decide its leader), the chance
        of first place, and the disagreement.
    """
    found = [
        _votes_finding(result.parameters["forms"]),
        _pairwise_finding(points, panel, labels, ties, top),
        _first_finding(result.places, labels),
        _average_finding(points, panel, weights, labels, ties, top),
        *_chance_finding(result, labels),
        _spread_finding(result, labels, contested),
    ]
    return [f for f in found if f is not None]
