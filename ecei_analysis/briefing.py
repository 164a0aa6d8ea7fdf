"""Headline findings in plain language, generated from the computed numbers.

Every :class:`Finding` carries the numbers its sentence states, so tests (and
readers) can check the words against the computation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from .comparison import compare_rankings
from .geometry import exact_rank_acceptability
from .loading import Study
from .scoring import class_points, rank_clusters, score_clusters
from .smaa import smaa
from .stability import stability_radius, swap_thresholds
from .uncertainty import rank_uncertainty
from .vocabulary import CLASS_LABELS, CLASS_SHORT
from .weights import WEIGHT_SETS

__all__ = ["Finding", "briefing_findings", "ordinal", "place_phrase"]


@dataclass(frozen=True)
class Finding:
    """One headline sentence and the numbers behind it."""

    key: str
    text: str
    values: dict = field(default_factory=dict)


def ordinal(n: int) -> str:
    """``1 -> '1st'``, ``2 -> '2nd'``, ``11 -> '11th'``."""
    n = int(n)
    suffix = (
        "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    )
    return f"{n}{suffix}"


def place_phrase(rank: int, ranks: pd.Series) -> str:
    """``'2nd'`` or ``'shared 2nd'`` when another cluster holds the same place."""
    shared = int((ranks == rank).sum()) > 1
    return f"{'shared ' if shared else ''}{ordinal(rank)}"


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def _weights_phrase(weights: Mapping[str, float]) -> str:
    return ", ".join(f"{CLASS_LABELS.get(c, c)} {v:g}" for c, v in weights.items())


def _what_if_finding(study, points, weights, nominal, labels, top) -> Finding:
    from .inverse import points_to_reach, weights_to_reach

    sentences, values = [], {}
    for cluster in nominal.sort_values(kind="stable").index:
        place = int(nominal[cluster])
        if place == 1 or place > top:
            continue
        result = weights_to_reach(
            points, cluster, place - 1, weights, ordered=True, labels=labels
        )
        changes = points_to_reach(study, cluster, place - 1, weights, labels=labels)
        best = changes.iloc[0]
        values[cluster] = {
            "target": place - 1,
            "feasible": result.feasible,
            "distance": result.distance,
            "indicator": best["indicator"],
            "delta_whole": float(best["delta_whole"]),
            "indicator_feasible": bool(best["feasible"]),
        }
        sentences.append(
            f"To move {labels[cluster]} up to {ordinal(place - 1)}: "
            + result.sentence.rstrip(".")
            + "; or: "
            + best["sentence"]
        )
    return Finding(
        "what_if", " ".join(sentences), {"clusters": values, "sentences": sentences}
    )


def briefing_findings(
    study: Study,
    weights: Mapping[str, float],
    *,
    highlight: Sequence[str] = (),
    draws: int = 200_000,
    seed: int = 2015,
    concentration: float = 50.0,
    ties: str = "dense",
    top: int = 4,
) -> list[Finding]:
    """Compute the briefing's headline findings.

    Parameters
    ----------
    study
        The loaded study.
    weights
        The proposed (nominal) class weights.
    highlight
        Cluster ids to report individually (default: the top ``top`` places).
    draws, seed, concentration
        Monte Carlo settings for the uncertainty around the proposal.
    ties
        Tie rule.
    top
        How many leading places the findings discuss.

    Returns
    -------
    list of Finding
    """
    labels = study.labels()
    points = class_points(study)
    base_scores = score_clusters(points, WEIGHT_SETS["baseline"])
    base = rank_clusters(base_scores, ties=ties)
    nominal = rank_clusters(score_clusters(points, weights), ties=ties)
    findings: list[Finding] = []

    # 1. The published record.
    if len(study.published):
        pub = study.published
        matches = bool(
            (base_scores[pub.index] == pub["points"]).all()
            and (base[pub.index] == pub["place"]).all()
        )
        parts = [
            f"{labels[c]} {base_scores[c]:g} ({place_phrase(base[c], base)})"
            for c in pub.sort_values(["place", "points"], ascending=[True, False]).index
        ]
        verb = "reproduce" if matches else "DO NOT reproduce"
        findings.append(
            Finding(
                "published",
                f"Under equal weights the data {verb} the published record: "
                + "; ".join(parts)
                + ".",
                {"matches": matches},
            )
        )

    # 2. What the proposal changes.
    moved = [
        c for c in nominal.sort_values(kind="stable").index if nominal[c] != base[c]
    ]
    leaders_moved = [c for c in moved if min(nominal[c], base[c]) <= top]
    compare = compare_rankings(nominal.rename("proposal"), base, top_k=top).iloc[0]
    details = "; ".join(
        f"{labels[c]} {'rises' if nominal[c] < base[c] else 'falls'} from "
        f"{place_phrase(base[c], base)} to {place_phrase(nominal[c], nominal)}"
        for c in leaders_moved
    )
    findings.append(
        Finding(
            "proposal",
            f"Under the proposed weights ({_weights_phrase(weights)}) "
            + (details + ". " if details else f"the top {top} keep their places. ")
            + f"{len(moved)} of {len(nominal)} clusters change place (Kendall τ = "
            f"{compare['kendall_tau']:.2f} against equal weights).",
            {
                "moved": moved,
                "leaders_moved": leaders_moved,
                "kendall_tau": float(compare["kendall_tau"]),
                "nominal": nominal.to_dict(),
                "baseline": base.to_dict(),
            },
        )
    )

    # 3. Robustness over every ordered weighting (exact for three classes).
    if points.shape[1] == 3:
        acc = exact_rank_acceptability(points, region="ordered", ties=ties)
        how = "exactly, by area"
    else:
        acc = smaa(
            points, sampler="ordered", draws=draws, seed=seed, ties=ties, pairwise=False
        ).acceptability
        how = f"Monte Carlo, {draws} draws"
    first = acc[1].sort_values(ascending=False)
    winners = first[first > 0.0005]
    order_words = " ≥ ".join(CLASS_LABELS.get(c, c) for c in points.columns)
    findings.append(
        Finding(
            "ordered_first",
            f"Across all weightings with {order_words} ({how}), "
            + ", ".join(
                f"{labels[c]} is first in {_pct(v)}" for c, v in winners.items()
            )
            + " of cases.",
            {"first": winners.to_dict()},
        )
    )
    keep = {
        c: float(acc.loc[c, nominal[c]]) for c in nominal.index if nominal[c] <= top
    }
    findings.append(
        Finding(
            "ordered_keep",
            "Share of those weightings that keep each leader's proposed place: "
            + "; ".join(
                f"{labels[c]} {place_phrase(nominal[c], nominal)} {_pct(v)}"
                for c, v in sorted(keep.items(), key=lambda kv: nominal[kv[0]])
            )
            + ".",
            {"keep": keep},
        )
    )

    # 4. What would swap adjacent leaders.
    swaps = swap_thresholds(points, weights, labels=labels)
    lead = swaps[swaps["upper"].map(nominal) <= top - 1]
    findings.append(
        Finding(
            "swaps",
            " ".join(s + "." for s in lead["sentence"]),
            {"table": lead.to_dict("records")},
        )
    )

    # 5. Stability radius of the leading places.
    if points.shape[1] == 3:
        radius = stability_radius(points, weights, top=top)
        if radius["pair"] is not None:
            a, b = radius["pair"]
            text = (
                f"The proposed order of the top {top} holds for every weighting within "
                f"{radius['radius']:.3f} of the proposal (normalised weights); the "
                f"nearest change swaps {labels[a]} and {labels[b]} at "
                + ", ".join(
                    f"w_{CLASS_SHORT.get(c, c)} = {v:.3f}"
                    for c, v in radius["nearest_weights"].items()
                )
                + "."
            )
            findings.append(
                Finding(
                    "radius",
                    text,
                    {
                        "radius": radius["radius"],
                        "pair": radius["pair"],
                        "nearest": radius["nearest_weights"].to_dict(),
                    },
                )
            )

    # 6. What would it take: inverse questions for the leaders below first place.
    findings.append(_what_if_finding(study, points, weights, nominal, labels, top))

    # 7. Uncertainty around the proposal for the highlighted clusters.
    chosen = (
        list(highlight) or [c for c in nominal.sort_values(kind="stable").index][:top]
    )
    unc = rank_uncertainty(
        points,
        weights,
        sampler="dirichlet",
        draws=draws,
        seed=seed,
        ties=ties,
        concentration=concentration,
        progress=False,
    )
    findings.append(
        Finding(
            "uncertainty",
            "With weights varying around the proposal (Dirichlet, "
            f"κ = {concentration:g}, {draws} draws, seed {seed}): "
            + "; ".join(
                f"{labels[c]} is {ordinal(unc.at[c, 'nominal'])} at the proposal and "
                + (
                    f"stays {ordinal(unc.at[c, 'low'])}"
                    if unc.at[c, "low"] == unc.at[c, "high"]
                    else f"between {ordinal(unc.at[c, 'low'])} and "
                    f"{ordinal(unc.at[c, 'high'])}"
                )
                + " in 90 % of cases (keeps its place in "
                + f"{_pct(unc.at[c, 'p_nominal'])})"
                for c in chosen
            )
            + ".",
            {"table": unc.loc[chosen].to_dict("index")},
        )
    )
    return findings
