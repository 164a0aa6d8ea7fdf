"""The briefing's headline findings, computed from the numbers.

Every :class:`Finding` carries the structured values its sentences state, so
tests (and readers) check the words against the computation, and a translated
briefing carries the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..core.checks import whole_number
from ..core.defaults import DEFAULT_CONCENTRATION, DEFAULT_DRAWS, DEFAULT_SEED
from ..core.i18n import in_language
from ..core.vocabulary import Ties, check_ties
from ..data.study import Study
from ..figures.captions import measure_text
from ..scoring.comparison import compare_rankings
from ..scoring.points import class_points, score_clusters
from ..scoring.ranks import clusters_ahead, rank_clusters
from ..scoring.weights import WEIGHT_SETS, WeightsLike, takes_weights
from ..sensitivity.geometry.acceptability import exact_rank_acceptability
from ..sensitivity.geometry.first_place import first_place_map
from ..sensitivity.geometry.stability import stability_radius, swap_thresholds
from ..sensitivity.inverse import points_to_reach, weights_to_reach
from ..sensitivity.rank_uncertainty import rank_uncertainty
from ..sensitivity.smaa import smaa
from .sentences import (
    sentence_indicator_change,
    sentence_inverse,
    sentence_keep,
    sentence_moves,
    sentence_ordered_first,
    sentence_panel_consensus,
    sentence_panel_disagreement,
    sentence_panel_first,
    sentence_panel_votes,
    sentence_published,
    sentence_radius,
    sentence_swap,
    sentence_uncertainty,
)

__all__ = ["Finding", "briefing_findings", "panel_findings"]


@dataclass(frozen=True)
class Finding:
    """One headline statement: its sentences and the numbers behind them.

    Attributes
    ----------
    key
        What kind of finding (``published``, ``proposal``, ``ordered_first``,
        ``ordered_keep``, ``swaps``, ``radius``, ``what_if``, ``uncertainty``).
    sentences
        The statement, one or more sentences (shown as bullets).
    values
        The numbers the sentences state, structured.
    """

    key: str
    sentences: tuple[str, ...]
    values: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        """All sentences as one paragraph."""
        return " ".join(self.sentences)


def _shared(ranks: pd.Series) -> pd.Series:
    return ranks.map(ranks.value_counts()) > 1


@in_language
@takes_weights
def briefing_findings(
    study: Study,
    weights: WeightsLike,
    *,
    highlight: Sequence[str] = (),
    draws: int = DEFAULT_DRAWS,
    seed=DEFAULT_SEED,
    concentration: float = DEFAULT_CONCENTRATION,
    ties: Ties = "dense",
    top: int = 4,
    language: str | None = None,
) -> list[Finding]:
    """Compute the briefing's headline findings.

    Parameters
    ----------
    study
        The loaded study.
    weights
        The proposed (nominal) class weights, in any accepted form.
    highlight
        Cluster ids to report individually (default: the leading places).
    draws, seed, concentration
        Monte Carlo settings for the uncertainty around the proposal.
    ties
        Display rule for places (``dense`` or ``min``). Movements, "keeps its
        place" shares and rank intervals always count the clusters strictly
        ahead (the movement semantics), whatever the display rule.
    top
        How many leading places the findings discuss (clipped to the study).

    Returns
    -------
    list of Finding
    """
    ties = check_ties(ties, ("dense", "min"))
    labels = study.labels()
    points = class_points(study)
    classes = list(points.columns)
    w = weights.on(classes)
    n = len(points)
    top = min(whole_number(top, "top", low=1), n)
    draws = whole_number(draws, "draws", low=1)
    unknown = [c for c in highlight if c not in points.index]
    if unknown:
        from ..core.errors import EceiDataError

        raise EceiDataError(f"highlight: unknown cluster id(s) {unknown}")
    equal = WEIGHT_SETS["equal"]
    base_scores = score_clusters(points, equal)
    base = rank_clusters(base_scores, ties=ties)
    base_ahead = clusters_ahead(base_scores)
    scores = score_clusters(points, w)
    nominal = rank_clusters(scores, ties=ties)
    ahead = clusters_ahead(scores)
    order = ahead.sort_values(kind="stable").index
    leaders = [c for c in order if ahead[c] < top]
    findings: list[Finding] = []

    # 1. The published record (totals and order; the place convention stated).
    pub = study.published
    if len(pub):
        listed = pub.sort_values(["place", "points"], ascending=[True, False]).index
        totals_match = bool(np.allclose(base_scores[listed], pub.loc[listed, "points"]))
        pub_place = pub.loc[listed, "place"].to_numpy()
        data_scores = base_scores[listed].to_numpy()
        order_match = all(
            np.sign(pub_place[j] - pub_place[i])
            == np.sign(data_scores[i] - data_scores[j])
            for i in range(len(listed))
            for j in range(i + 1, len(listed))
        )
        shared = _shared(base)
        rows = [
            {
                "cluster": c,
                "name": labels[c],
                "points": float(base_scores[c]),
                "published": float(pub.at[c, "points"]),
                "place": int(base[c]),
                "shared": bool(shared[c]),
            }
            for c in listed
        ]
        matches = totals_match and order_match
        findings.append(
            Finding(
                "published",
                (sentence_published(rows, matches, ties),),
                {"matches": matches, "rows": rows, "ties": ties},
            )
        )

    # 2. What the proposal changes (clusters strictly ahead).
    moved = [c for c in order if ahead[c] != base_ahead[c]]
    shared_now, shared_base = _shared(nominal), _shared(base)
    moves = [
        {
            "cluster": c,
            "name": labels[c],
            "before": int(base_ahead[c]),
            "after": int(ahead[c]),
            "place_before": int(base[c]),
            "place_after": int(nominal[c]),
            "shared_before": bool(shared_base[c]),
            "shared_after": bool(shared_now[c]),
        }
        for c in moved
        if min(ahead[c], base_ahead[c]) < top
    ]
    tau = None
    if n >= 3:
        tau = float(
            compare_rankings(ahead.rename("p"), base_ahead, top_k=top).iloc[0][
                "kendall_tau"
            ]
        )
    findings.append(
        Finding(
            "proposal",
            (sentence_moves(w, moves, len(moved), n, top, tau),),
            {
                "weights": w,
                "moves": moves,
                "moved": moved,
                "kendall_tau": tau,
                "ahead": ahead.to_dict(),
                "baseline_ahead": base_ahead.to_dict(),
            },
        )
    )
    if n == 1:
        return findings

    # 3. Robustness over every ordered weighting.
    exact = len(classes) == 3
    if len(classes) == 1:
        first, keep_acc = pd.Series(1.0, index=points.index), None
    elif exact:
        # Exactly and fast at any size: first place from the upper envelope of
        # the score planes, the leaders' place distributions on their own lines.
        first = first_place_map(points, region="ordered").shares
        keep_acc = exact_rank_acceptability(
            points, region="ordered", ties="min", clusters=leaders
        )
    else:
        result = smaa(
            points,
            sampler="ordered",
            draws=draws,
            seed=seed,
            ties="min",
            pairwise=False,
        )
        first, keep_acc = result.acceptability[1], result.acceptability
    first = first.sort_values(ascending=False, kind="stable")
    winners = first[first > 0.0005]
    findings.append(
        Finding(
            "ordered_first",
            (
                sentence_ordered_first(
                    {labels[c]: float(v) for c, v in winners.items()},
                    classes,
                    exact,
                    draws,
                ),
            ),
            {"first": {c: float(v) for c, v in winners.items()}, "exact": exact},
        )
    )
    if keep_acc is not None:
        keep = [
            {
                "cluster": c,
                "name": labels[c],
                "place": int(nominal[c]),
                "shared": bool(shared_now[c]),
                "share": float(keep_acc.loc[c, int(ahead[c]) + 1]),
            }
            for c in leaders
        ]
        wv = np.array(list(w.values()))
        inside = bool(np.all(np.diff(wv) <= 1e-12))
        findings.append(
            Finding(
                "ordered_keep",
                (sentence_keep(keep, inside),),
                {"keep": keep, "inside": inside},
            )
        )

    # 4. What would swap adjacent leaders.
    swaps = swap_thresholds(points, w)
    lead = swaps[swaps["upper"].map(ahead) < top - 1] if top > 1 else swaps.iloc[:1]
    findings.append(
        Finding(
            "swaps",
            tuple(sentence_swap(row, labels, w) for _, row in lead.iterrows()),
            {"table": lead.to_dict("records")},
        )
    )

    # 5. Stability radius of the leading places (exact, three classes).
    if exact:
        radius = stability_radius(points, w, top=top)
        nearest = (
            None if radius.nearest_weights is None else radius.nearest_weights.to_dict()
        )
        findings.append(
            Finding(
                "radius",
                (sentence_radius(radius.radius, radius.pair, nearest, labels, top),),
                {"radius": radius.radius, "pair": radius.pair, "nearest": nearest},
            )
        )

    # 6. What would it take: one place up for each leader below first.
    what_if_sentences, what_if_values = [], {}
    for cluster in leaders:
        if ahead[cluster] == 0:
            continue
        target = int(ahead[cluster])  # place with one cluster fewer ahead
        inverse = weights_to_reach(points, cluster, target, w, ordered=True)
        change = points_to_reach(study, cluster, target, w)
        what_if_values[cluster] = {
            "target": target,
            "feasible": inverse.feasible,
            "distance": inverse.distance,
            "weights": None if inverse.weights is None else inverse.weights.to_dict(),
            "indicator": change.table.iloc[0]["indicator"],
            "delta_whole": float(change.table.iloc[0]["delta_whole"]),
            "indicator_feasible": bool(change.table.iloc[0]["feasible"]),
        }
        what_if_sentences.append(
            sentence_inverse(inverse, labels)
            + " "
            + sentence_indicator_change(change, labels)
        )
    if what_if_sentences:
        findings.append(
            Finding("what_if", tuple(what_if_sentences), {"clusters": what_if_values})
        )

    # 7. Uncertainty around the proposal (clusters strictly ahead + 1).
    chosen = list(highlight) or leaders
    unc = rank_uncertainty(
        points,
        w,
        sampler="dirichlet",
        draws=draws,
        seed=seed,
        ties="min",
        concentration=concentration,
        progress=False,
    )
    rows = [
        {
            "cluster": c,
            "name": labels[c],
            "nominal": int(unc.table.at[c, "nominal"]),
            "low": int(unc.table.at[c, "low"]),
            "high": int(unc.table.at[c, "high"]),
            "p_nominal": float(unc.table.at[c, "p_nominal"]),
        }
        for c in chosen
    ]
    findings.append(
        Finding(
            "uncertainty",
            (
                sentence_uncertainty(
                    rows, measure_text(unc.parameters["measure"]), draws
                ),
            ),
            {"rows": rows, "parameters": unc.parameters},
        )
    )
    return findings


@in_language
def panel_findings(
    result, labels: dict[str, str], *, contested: int = 3, language: str | None = None
) -> list[Finding]:
    """Compute what the panel's votes imply, as findings (key ``panel``).

    Parameters
    ----------
    result
        A :class:`~ecei_analysis.PanelResult`.
    labels
        Cluster display names.
    contested
        How many of the clusters whose place depends most on the votes to name.

    Returns
    -------
    list of Finding
        The votes cast, who the votes put first, the consensus (and its
        smoothed version) and the disagreement; votes are numbered 1.. in file
        order, as in the votes table and on the weight map.
    """
    places = result.places
    n_votes = places.shape[1]
    number = {p: k for k, p in enumerate(places.columns, start=1)}
    forms = result.parameters["forms"]
    findings = [Finding("panel", (sentence_panel_votes(forms),), {"forms": forms})]

    first_votes = (places == 1).sum(axis=1)
    firsts = first_votes[first_votes > 0].sort_values(ascending=False, kind="stable")
    rows = [(labels[c], int(k)) for c, k in firsts.items()]
    findings.append(
        Finding(
            "panel",
            (sentence_panel_first(rows, n_votes),),
            {"first_votes": {c: int(k) for c, k in firsts.items()}},
        )
    )
    for smaa_result, kappa in (
        (result.consensus, None),
        (result.smoothed, result.parameters["concentration"]),
    ):
        if smaa_result is None:
            continue
        first = smaa_result.acceptability[1]
        first = first[first > 0].sort_values(ascending=False, kind="stable")
        findings.append(
            Finding(
                "panel",
                (
                    sentence_panel_consensus(
                        [(labels[c], float(p)) for c, p in first.items()], kappa
                    ),
                ),
                {"first": first.to_dict(), "concentration": kappa},
            )
        )
    spread = result.spread
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
    kept = int((spread["range"] == 0).sum())
    findings.append(
        Finding(
            "panel",
            (sentence_panel_disagreement(kept, len(spread), named),),
            {"kept": kept, "contested": named},
        )
    )
    return findings
