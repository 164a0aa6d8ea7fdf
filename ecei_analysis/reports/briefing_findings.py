"""The briefing's headline findings: one small function per finding.

Each function computes the structured values of one finding, names the state
they are in (a degenerate one included: a weight at zero, a tie, a target out
of reach, a study of one cluster...) and words them with a sentence builder of
its own. :func:`briefing_findings` runs them in the briefing's order.

One place basis runs through every finding: ``ties="min"`` (the default) counts
1 + the clusters strictly ahead (1, 2, 2, 4); ``ties="dense"`` numbers tied
clusters as the 2015 table did (1, 2, 2, 3). Places, moves, changes, intervals
and the shares of weightings that keep a place all use the chosen basis, so a
place, a move and a change never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.checks import whole_number
from ..core.defaults import DEFAULT_CONCENTRATION, DEFAULT_DRAWS, DEFAULT_SEED
from ..core.errors import EceiDataError
from ..core.i18n import _, format_number, in_language, ngettext
from ..core.vocabulary import MONTE_CARLO_TIES, Ties, check_ties, class_label
from ..data.study import Study
from ..scoring.points import class_points, score_clusters
from ..scoring.ranks import clusters_ahead, leading_clusters, rank_clusters
from ..scoring.weights import (
    WEIGHT_SETS,
    Weights,
    WeightsLike,
    as_weights,
    takes_weights,
)
from .finding import Finding
from .phrases import (
    Name,
    Place,
    move_phrase,
    names_list,
    place_phrase,
    points_text,
    ratio_text,
    share_text,
    weights_phrase,
)
from .provenance import RECORD_2015, missing_from_2015_record, record_2015_names

__all__ = [
    "SMALL_STUDY",
    "Standing",
    "briefing_findings",
    "classify_swap",
    "published_record_note",
    "sentence_swap",
    "standing",
    "uncertainty_around",
]

#: Below this many clusters the briefing warns that its shares and correlations
#: rest on few clusters (importance needs at least 3 to be computed at all).
SMALL_STUDY = 8


# The ranking under one weighting ------------------------------------------------------
@dataclass(frozen=True)
class Standing:
    """The ranking under one weighting, on the briefing's place basis.

    Attributes
    ----------
    scores
        Weighted scores by cluster.
    places
        Places by the basis (``min``: 1 + the clusters strictly ahead).
    ahead
        Clusters strictly ahead of each.
    shared
        Whether a cluster shares its place.
    order
        Cluster ids, best first (ties in study order).
    """

    scores: pd.Series
    places: pd.Series
    ahead: pd.Series
    shared: pd.Series
    order: list

    def phrase(self, cluster: str) -> str:
        """Return the cluster's place in words: ``"2nd"`` or ``"shared 2nd"``."""
        return place_phrase(int(self.places[cluster]), bool(self.shared[cluster]))


def standing(points: pd.DataFrame, weights: Weights, ties: Ties) -> Standing:
    """Return the ranking under ``weights`` on the basis ``ties``."""
    scores = score_clusters(points, weights)
    places = rank_clusters(scores, ties=ties)
    ahead = clusters_ahead(scores)
    counts = places.map(places.value_counts())
    return Standing(
        scores=scores,
        places=places,
        ahead=ahead,
        shared=counts > 1,
        order=list(ahead.sort_values(kind="stable").index),
    )


# 1. The published record --------------------------------------------------------------
def published_finding(
    study: Study, base: Standing, labels: dict, ties: str
) -> Finding | None:
    """Check whether the data reproduce the published totals and their order."""
    pub = study.published
    if not len(pub):
        return None
    listed = list(pub.sort_values(["place", "points"], ascending=[True, False]).index)
    present = [c for c in listed if c in base.scores.index]
    missing = [c for c in listed if c not in base.scores.index]
    # A part of the 2015 record given: the rest is either not in the data (missing)
    # or in the data but left out of the published table.
    outside = missing_from_2015_record(pub)
    missing += [c for c in outside if c not in base.scores.index]
    left_out = [c for c in outside if c in base.scores.index]
    if set(missing) & set(RECORD_2015):  # not in the study: the bundled names
        labels = {**record_2015_names(), **labels}
    rows = [
        {
            "cluster": c,
            "name": labels.get(c, c),
            "points": float(base.scores[c]),
            "published": float(pub.at[c, "points"]),
            "published_place": int(pub.at[c, "place"]),
            "place": int(base.places[c]),
            "ahead": int(base.ahead[c]),
        }
        for c in present
    ]
    totals = all(np.isclose(r["points"], r["published"]) for r in rows)
    order = all(
        np.sign(a["published_place"] - b["published_place"])
        == np.sign(b["points"] - a["points"])
        for i, a in enumerate(rows)
        for b in rows[i + 1 :]
    )
    if not present:
        state = "none_present"
    elif missing:
        state = "partial"
    elif totals and order:
        state = "reproduced"
    else:
        state = "differs"
    values = {
        "state": state,
        "rows": rows,
        "missing": [str(c) for c in missing],
        "missing_names": [labels.get(c, str(c)) for c in missing],
        "left_out": [str(c) for c in left_out],
        "left_out_names": [labels[c] for c in left_out],
        "ties": ties,
    }
    return Finding("published", (sentence_published(values),), values)


@in_language
def published_record_note(study: Study, *, language: str | None = None) -> str:
    """Say in one sentence whether a study reproduces its published record.

    For ``ecei validate``: the briefing's own finding (equal weights, places as
    published), or a sentence saying that the data give no published results.
    """
    if not len(study.published):
        return _(
            "The data give no published results (published_results), so they are "
            "not checked against a published record."
        )
    equal = as_weights("equal", study.classes)
    base = standing(class_points(study), equal, "dense")
    labels = study.labels(language=language)
    return published_finding(study, base, labels, "dense").sentences[0]


def sentence_published(values: dict) -> str:
    """Word the published-record finding in each of its states."""
    text = _record_sentence(values)
    if values["left_out"]:
        text += " " + _(
            "The published results given leave out {names} of the four 2015 "
            "totals, so the data are checked against part of the record only."
        ).format(names=names_list(values["left_out_names"]))
    return text


def _record_sentence(values: dict) -> str:
    rows, state = values["rows"], values["state"]
    if state == "none_present":
        return ngettext(
            "The data hold none of the clusters whose total was published ({k} "
            "cluster), so they cannot be checked against the published record.",
            "The data hold none of the {k} clusters whose totals were published, so "
            "they cannot be checked against the published record.",
            len(values["missing"]),
        ).format(k=len(values["missing"]))
    if state == "partial":
        same = [r["name"] for r in rows if np.isclose(r["points"], r["published"])]
        text = _(
            "The data hold only {present} of the clusters whose totals were "
            "published ({missing} missing), so the published record cannot be "
            "reproduced."
        ).format(
            present=names_list([r["name"] for r in rows]),
            missing=names_list(values["missing_names"]),
        )
        if same:
            text += " " + _("As published: {listing}.").format(
                listing=", ".join(
                    f"{r['name']} {points_text(r['points'])}"
                    for r in rows
                    if r["name"] in same
                )
            )
        differences = _differences(rows)
        return f"{text} {differences}" if differences else text
    if state == "differs":
        return _(
            "The data do NOT reproduce the published record: {differences}"
        ).format(differences=_differences(rows) or _("the order differs."))
    listing = ", ".join(f"{r['name']} {points_text(r['published'])}" for r in rows)
    text = ngettext(
        "The data reproduce the published total: {listing}.",
        "The data reproduce the {k} published totals and their order: {listing}.",
        len(rows),
    ).format(k=len(rows), listing=listing)
    return text + " " + _basis_sentence(rows, values["ties"])


def _differences(rows: Sequence[dict]) -> str:
    parts = [
        _("{name} has {data} here, {published} published").format(
            name=r["name"],
            data=points_text(r["points"]),
            published=points_text(r["published"]),
        )
        for r in rows
        if not np.isclose(r["points"], r["published"])
    ]
    return "; ".join(parts) + "." if parts else ""


def _basis_sentence(rows: Sequence[dict], ties: str) -> str:
    """Reconcile the published numbering with the basis used (one sentence)."""
    if ties == "dense":
        return _(
            "Places are numbered as in the published table: tied clusters share a "
            "place and the next place follows on (1, 2, 2, 3)."
        )
    differing = [r for r in rows if r["place"] != r["published_place"]]
    if not differing:
        return _(
            "Places count 1 + the clusters strictly ahead (1, 2, 2, 4), which here "
            "gives the published places."
        )
    r = differing[-1]
    return ngettext(
        "Places count 1 + the clusters strictly ahead (1, 2, 2, 4); the published "
        "table numbered tied clusters 1, 2, 2, 3, so {name}, published "
        "{published}, is {place} here: {k} cluster is ahead of it.",
        "Places count 1 + the clusters strictly ahead (1, 2, 2, 4); the published "
        "table numbered tied clusters 1, 2, 2, 3, so {name}, published "
        "{published}, is {place} here: {k} clusters are ahead of it.",
        r["ahead"],
    ).format(
        name=Name(r["name"]),
        published=Place(r["published_place"]),
        place=Place(r["place"]),
        k=r["ahead"],
    )


# 2. What the proposal changes ---------------------------------------------------------
def moves_finding(
    weights: Weights, now: Standing, base: Standing, labels: dict, top: int
) -> Finding:
    """Which leaders move, against equal weights, on the place basis."""
    n = len(now.places)
    changed = [c for c in now.order if now.places[c] != base.places[c]]
    moves = [
        {
            "cluster": c,
            "name": labels[c],
            "before": int(base.places[c]),
            "after": int(now.places[c]),
            "before_shared": bool(base.shared[c]),
            "after_shared": bool(now.shared[c]),
            "before_text": str(base.phrase(c)),
            "after_text": str(now.phrase(c)),
        }
        for c in changed
        if min(now.places[c], base.places[c]) <= top
    ]
    if n == 1:
        state = "one_cluster"
    elif weights.proportional_to(WEIGHT_SETS["equal"].on(weights.classes)):
        state = "equal_weights"
    elif not changed:
        state = "none_moved"
    elif not moves:
        state = "top_kept"
    else:
        state = "moved"
    values = {
        "state": state,
        "weights": weights.to_dict(),
        "moves": moves,
        "changed": changed,
        "n": n,
        "top": top,
        "pairs_kept": _pairs_kept(now.places, base.places),
    }
    return Finding("moves", (sentence_moves(values),), values)


def _pairs_kept(a: pd.Series, b: pd.Series) -> float | None:
    """Share of the pairs of clusters in the same order (or tie) in both rankings."""
    if len(a) < 2:
        return None
    x, y = a.to_numpy(), b.reindex(a.index).to_numpy()
    i, j = np.triu_indices(len(x), k=1)
    return float(np.mean(np.sign(x[i] - x[j]) == np.sign(y[i] - y[j])))


def sentence_moves(values: dict) -> str:
    """Word the moves finding in each of its states."""
    head = _("Under the proposed weights ({weights}):").format(
        weights=weights_phrase(values["weights"])
    )
    state, n, top = values["state"], values["n"], values["top"]
    if state == "one_cluster":
        return head + " " + _("the only cluster is first.")
    if state == "equal_weights":
        return (
            head
            + " "
            + _(
                "these are equal weights, so every cluster has its place under equal "
                "weights."
            )
        )
    if state == "none_moved":
        return head + " " + _("every cluster keeps its place under equal weights.")
    count = ngettext(
        "{k} of {n} clusters changes place compared with equal weights",
        "{k} of {n} clusters change place compared with equal weights",
        len(values["changed"]),
    ).format(k=len(values["changed"]), n=n)
    kept = _("{share} of the pairs of clusters keep their order").format(
        share=share_text(values["pairs_kept"])
    )
    if state == "top_kept":
        return (
            head
            + " "
            + ngettext(
                "the leader keeps its place; {count}; {kept}.",
                "the top {top} keep their places; {count}; {kept}.",
                top,
            ).format(top=top, count=count, kept=kept)
        )
    moves = "; ".join(move_phrase(m) for m in values["moves"])
    return f"{head} {moves}. " + _("In all, {count}; {kept}.").format(
        count=count, kept=kept
    )


# 3. Robustness over the ordered weightings --------------------------------------------
def robustness_finding(
    points: pd.DataFrame,
    weights: Weights,
    now: Standing,
    leaders: Sequence[str],
    labels: dict,
    ties: str,
    draws: int,
    seed,
) -> Finding:
    """Who is first, and who keeps their place, over every ordered weighting."""
    classes = list(points.columns)
    first, keep_acc = _ordered_acceptability(points, leaders, ties, draws, seed)
    first = first.sort_values(ascending=False, kind="stable")
    winners = {c: float(v) for c, v in first.items() if v > 0}
    keep = [
        {
            "cluster": c,
            "name": labels[c],
            "place": int(now.places[c]),
            "shared": bool(now.shared[c]),
            "place_text": str(now.phrase(c)),
            "share": float(keep_acc.loc[c, int(now.places[c])]),
        }
        for c in leaders
        if keep_acc is not None and now.places[c] > 1
    ]
    values = {
        "state": "one_class"
        if len(classes) == 1
        else ("exact" if len(classes) == 3 else "monte_carlo"),
        "classes": classes,
        "first": winners,
        "winners": [
            {"cluster": c, "name": labels[c], "share": v} for c, v in winners.items()
        ],
        "keep": keep,
        "inside": weights.is_ordered,
        "draws": draws,
    }
    return Finding("robustness", (sentence_robustness(values),), values)


def _ordered_acceptability(points, leaders, ties, draws, seed):
    """First-place shares of all clusters and the leaders' place shares."""
    from ..sensitivity.geometry.acceptability import exact_rank_acceptability
    from ..sensitivity.geometry.first_place import first_place_map
    from ..sensitivity.smaa import smaa

    k = points.shape[1]
    if k == 1:
        return pd.Series(1.0, index=points.index), None
    if k == 3:
        first = first_place_map(points, region="ordered").shares
        keep = exact_rank_acceptability(
            points, region="ordered", ties=ties, clusters=leaders
        )
        return first, keep
    result = smaa(
        points, sampler="ordered", draws=draws, seed=seed, ties=ties, pairwise=False
    )
    return result.acceptability[1], result.acceptability


def sentence_robustness(values: dict) -> str:
    """Word the robustness finding: first-place shares, then the others' places."""
    if values["state"] == "one_class":
        return _(
            "With a single significance class every weighting gives the same ranking."
        )
    order = " ≥ ".join(class_label(c) for c in values["classes"])
    firsts = names_list(
        [
            _("{name} in {share}").format(
                name=Name(w["name"]), share=share_text(w["share"])
            )
            for w in values["winners"]
        ]
    )
    text = _(
        "Over every weighting that keeps {order}, all equally likely, first place "
        "goes to {firsts} of them."
    ).format(order=order, firsts=firsts)
    if values["state"] == "monte_carlo":
        text += " " + _("(Estimated from {draws} random weightings.)").format(
            draws=format_number(values["draws"])
        )
    if values["keep"]:
        text += " " + _("The other leaders keep their places in: {parts}.").format(
            parts="; ".join(
                _("{name} ({place}) {share}").format(
                    name=Name(k["name"]),
                    place=Place(k["place"], k["shared"]),
                    share=share_text(k["share"]),
                )
                for k in values["keep"]
            )
        )
    if not values["inside"]:
        text += " " + _("(The proposed weights themselves break this order.)")
    return text


# 4. What would swap adjacent leaders --------------------------------------------------
def swaps_finding(
    points: pd.DataFrame, weights: Weights, now: Standing, top: int, labels: dict
) -> Finding | None:
    """For each adjacent pair among the leaders, the one weight that would swap it."""
    from ..sensitivity.geometry.stability import swap_thresholds

    table = swap_thresholds(points, weights)
    rows = [
        classify_swap(row, weights, labels)
        for _, row in table.iterrows()
        if row["upper_rank"] < top or (top == 1 and row["upper_rank"] == 1)
    ]
    rows = rows[: max(top - 1, 1)]
    if not rows:
        return None
    values = {"rows": rows}
    return Finding("swaps", tuple(sentence_swap(r) for r in rows), values)


def classify_swap(row, weights: Weights, labels: dict) -> dict:
    """Classify one adjacent pair: tied, identical, dominated, or a threshold.

    ``row``: a row of :func:`~ecei_analysis.swap_thresholds`. The threshold
    chosen is the one weight needing the smallest relative change; a threshold
    that would leave every weight at 0 (no weighting at all) is not one.
    """
    classes = list(weights.classes)
    lead = {c: float(row[f"d_{c}"]) for c in classes}
    out = {
        "upper": row["upper"],
        "lower": row["lower"],
        "upper_name": labels[row["upper"]],
        "lower_name": labels[row["lower"]],
        "lead": lead,
    }
    if all(v == 0 for v in lead.values()):
        return out | {"state": "identical"}
    if row["tied"]:
        return out | {"state": "tied"}
    if all(v >= 0 for v in lead.values()):
        return out | {"state": "dominates"}
    best, best_change = None, np.inf
    for c in classes:
        threshold = row[f"threshold_{c}"]
        if not np.isfinite(threshold):
            continue
        others = [weights[o] for o in classes if o != c]
        if threshold == 0 and sum(others) == 0:
            continue  # every weight at 0 is no weighting at all
        change = abs(threshold - weights[c]) / max(weights[c], 1.0)
        if change < best_change:
            best, best_change = c, change
    if best is None:
        return out | {"state": "two_weights"}
    threshold = float(row[f"threshold_{best}"])
    return out | {
        "state": "falls_below" if threshold < weights[best] else "rises_above",
        "class": best,
        "threshold": threshold,
        "now": float(weights[best]),
        "ratio": {c: (threshold if c == best else weights[c]) for c in classes},
    }


def sentence_swap(r: dict) -> str:
    """Word one adjacent pair's state."""
    a, b = Name(r["upper_name"]), Name(r["lower_name"])
    if r["state"] == "identical":
        return _(
            "{a} and {b} have the same points in every class: no weighting "
            "separates them."
        ).format(a=a, b=b)
    if r["state"] == "tied":
        return _(
            "{a} and {b} tie under the proposed weights: the slightest change of "
            "the weights separates them."
        ).format(a=a, b=b)
    if r["state"] == "dominates":
        return _(
            "{a} stays ahead of {b} under every weighting: it has at least as many "
            "points in every class."
        ).format(a=a, b=b)
    if r["state"] == "two_weights":
        return _(
            "{a} stays ahead of {b} whatever the weight of any one class; only "
            "changing two weights together could swap them."
        ).format(a=a, b=b)
    words = (
        _(
            "{a} stays ahead of {b} unless the weight of {cls} falls below {value} "
            "(now {now}; the other weights as they are)."
        )
        if r["state"] == "falls_below"
        else _(
            "{a} stays ahead of {b} unless the weight of {cls} rises above "
            "{value} (now {now}; the other weights as they are)."
        )
    )
    numbers = ratio_text(r["ratio"]).split(":")
    k = list(r["ratio"]).index(r["class"])
    now = ratio_text({**r["ratio"], r["class"]: r["now"]}).split(":")[k]
    return words.format(
        a=a, b=b, cls=class_label(r["class"]), value=numbers[k], now=now
    )


# 5. How far the proposal is from the nearest change -----------------------------------
def radius_finding(
    points: pd.DataFrame, weights: Weights, top: int, labels: dict
) -> Finding:
    """Find the nearest weighting at which the order of the leaders changes."""
    from ..sensitivity.geometry.stability import stability_radius

    result = stability_radius(points, weights, top=top)
    pair = [labels[c] for c in result.pair] if result.pair else None
    if result.pair is None or not np.isfinite(result.radius):
        state = "never"
    elif result.radius == 0:
        state = "tie"
    else:
        state = "nearest"
    nearest = None
    if state == "nearest":
        scale = sum(weights.values())
        nearest = {c: float(v) * scale for c, v in result.nearest_weights.items()}
    values = {
        "state": state,
        "radius": float(result.radius),
        "pair": pair,
        "nearest": nearest,
        "weights": weights.to_dict(),
        "top": top,
    }
    return Finding("radius", (sentence_radius(values),), values)


def sentence_radius(values: dict) -> str:
    """Word the nearest change of the leaders' order."""
    top = values["top"]
    if values["state"] == "never":
        return ngettext(
            "No weighting changes who is first.",
            "No weighting changes the order of the top {top}.",
            top,
        ).format(top=top)
    a, b = (Name(x) for x in values["pair"])
    if values["state"] == "tie":
        return _(
            "{a} and {b} tie under the proposed weights, so the slightest change of "
            "the weights reorders them."
        ).format(a=a, b=b)
    return ngettext(
        "Who is first holds until the weights reach {then}, the weighting nearest "
        "to {now} at which the first place changes hands: there {a} and {b} swap.",
        "The order of the top {top} holds until the weights reach {then}, the "
        "weighting nearest to {now} at which that order changes: there {a} and {b} "
        "swap.",
        top,
    ).format(
        top=top,
        then=ratio_text(values["nearest"]),
        now=ratio_text(values["weights"]),
        a=a,
        b=b,
    )


# 6. What would it take ----------------------------------------------------------------
def what_if_finding(
    study: Study,
    points: pd.DataFrame,
    weights: Weights,
    now: Standing,
    leaders: Sequence[str],
    labels: dict,
) -> Finding | None:
    """For each leader below first: the weights, or one indicator, to move up."""
    from ..sensitivity.inverse import points_to_reach, weights_to_reach

    rows = []
    for cluster in leaders:
        ahead = int(now.ahead[cluster])
        if ahead == 0:
            continue
        before = {c for c in now.order if now.ahead[c] < ahead}
        inverse = weights_to_reach(points, cluster, ahead, weights, ordered=True)
        change = points_to_reach(study, cluster, ahead, weights)
        if inverse.feasible:
            caught = sorted(before - set(inverse.above), key=now.order.index)
        else:  # one place up: level with the nearest cluster(s) ahead
            nearest = min(now.scores[c] for c in before)
            caught = [c for c in now.order if c in before and now.scores[c] == nearest]
        rows.append(
            {
                "cluster": cluster,
                "name": labels[cluster],
                "rivals": [labels[c] for c in caught],
                "target": ahead,
                "feasible": bool(inverse.feasible),
                "weights": None
                if inverse.weights_nominal_scale is None
                else inverse.weights_nominal_scale.to_dict(),
                "distance": float(inverse.distance),
                "indicator": _indicator_values(change, study),
            }
        )
    if not rows:
        return None
    return Finding("what_if", tuple(sentence_what_if(r) for r in rows), {"rows": rows})


def _indicator_values(change, study: Study) -> dict:
    table = change.table
    feasible = table[table["feasible"]]
    finite = table[np.isfinite(table["delta_whole"].astype(float))]
    if len(feasible):
        best = feasible.iloc[0]
        state = "found"
    elif len(finite):
        best = finite.iloc[0]
        state = "beyond_max"
    else:
        return {"state": "weightless"}
    return {
        "state": state,
        "code": best["indicator"],
        "delta": float(best["delta_whole"]),
        "points": float(best["points"]),
        "max_points": float(best["max_points"]),
        "room": float(best["room"]),
    }


def sentence_what_if(r: dict) -> str:
    """Word one leader's way up: the weights and one indicator's points."""
    goal = _("For {name} to draw level with {rivals}").format(
        name=Name(r["name"]), rivals=names_list(r["rivals"])
    )
    if r["feasible"]:
        weights = _(
            "the weights would have to become {ratio} (the smallest change that "
            "keeps very important ≥ important ≥ not so important)"
        ).format(ratio=ratio_text(r["weights"]))
    else:
        weights = _(
            "no weighting that keeps very important ≥ important ≥ not so "
            "important would do"
        )
    ind = r["indicator"]
    if ind["state"] == "found":
        alternative = _(
            "or it would need {delta} more points on indicator {code} ({now} → "
            "{then} of {top})"
        ).format(
            delta=points_text(ind["delta"]),
            code=ind["code"],
            now=points_text(ind["points"]),
            then=points_text(ind["points"] + ind["delta"]),
            top=points_text(ind["max_points"]),
        )
    elif ind["state"] == "beyond_max":
        alternative = _(
            "no single indicator could do it: the closest, {code}, would need "
            "{delta} more points but has only {room} left below its maximum"
        ).format(
            code=ind["code"],
            delta=points_text(ind["delta"]),
            room=points_text(ind["room"]),
        )
    else:
        alternative = _(
            "no single indicator could do it: the classes that would help carry no "
            "weight"
        )
    return _("{goal}: {weights}; {alternative}.").format(
        goal=goal, weights=weights, alternative=alternative
    )


# 7. Uncertainty around the proposal ---------------------------------------------------
@takes_weights
def uncertainty_around(
    points: pd.DataFrame,
    weights: WeightsLike,
    *,
    draws: int = DEFAULT_DRAWS,
    seed=DEFAULT_SEED,
    concentration: float = DEFAULT_CONCENTRATION,
    ties: Ties = "min",
):
    """Compute the places' uncertainty when the proposal is only roughly right.

    Weights drawn from a Dirichlet law around the proposal (classes weighted 0
    stay at 0; at a vertex every draw is the proposal). The one computation
    behind the briefing's uncertainty finding and its rank-interval figure:
    compute it once and pass it to :func:`briefing_findings` (``intervals=``).

    Returns
    -------
    RankUncertaintyResult
    """
    from ..sensitivity.rank_uncertainty import rank_uncertainty

    fixed = len(weights.zero_classes) >= len(weights) - 1
    return rank_uncertainty(
        points,
        weights,
        sampler="fixed" if fixed else "dirichlet",
        draws=draws,
        seed=seed,
        ties=ties,
        progress=False,
        **({} if fixed else {"concentration": concentration}),
    )


def uncertainty_finding(
    unc, weights: Weights, chosen: Sequence[str], labels: dict
) -> Finding:
    """How far each chosen cluster's place moves if the weights are roughly right."""
    fixed = unc.parameters["measure"]["name"] == "fixed"
    draws = unc.parameters["draws"]
    table = unc.table
    rows = [
        {
            "cluster": c,
            "name": labels[c],
            "nominal": int(table.at[c, "nominal"]),
            "low": int(table.at[c, "low"]),
            "high": int(table.at[c, "high"]),
            "p_nominal": float(table.at[c, "p_nominal"]),
        }
        for c in chosen
    ]
    values = {
        "state": "fixed" if fixed else "varies",
        "rows": rows,
        "weights": weights.to_dict(),
        "zero_classes": list(weights.zero_classes),
        "draws": draws,
        "parameters": unc.parameters,
    }
    return Finding("uncertainty", (sentence_uncertainty(values),), values)


def sentence_uncertainty(values: dict) -> str:
    """Word how the places vary when the weights are only roughly right."""
    weights = values["weights"]
    if values["state"] == "fixed":
        counted = [c for c, v in weights.items() if v > 0]
        return _(
            "Under {ratio} only {cls} counts: no weighting close to it changes the "
            "ranking without giving weight to another class, so the places do not "
            "vary around it."
        ).format(ratio=ratio_text(weights), cls=names_list(map(class_label, counted)))
    parts = []
    for r in values["rows"]:
        if r["low"] == r["high"]:
            span = _("{name} stays {place}").format(
                name=Name(r["name"]), place=Place(r["low"])
            )
        else:
            span = _("{name} lies between {low} and {high}").format(
                name=Name(r["name"]),
                low=Place(r["low"]),
                high=Place(r["high"]),
            )
        parts.append(
            span
            + " "
            + _("({place} in {share})").format(
                place=Place(r["nominal"]), share=share_text(r["p_nominal"])
            )
        )
    text = _(
        "If the proposal is only roughly right (weights drawn close to {ratio}), in "
        "9 draws out of 10: {parts}."
    ).format(ratio=ratio_text(weights), parts="; ".join(parts))
    if values["zero_classes"]:
        classes = names_list(map(class_label, values["zero_classes"]))
        text += " " + ngettext(
            "{classes} keeps no weight in any draw.",
            "{classes} keep no weight in any draw.",
            len(values["zero_classes"]),
        ).format(classes=classes[:1].upper() + classes[1:])
    return text


# A small study ------------------------------------------------------------------------
def small_study_finding(n: int) -> Finding | None:
    """Warn that shares and correlations rest on few clusters."""
    if n >= SMALL_STUDY:
        return None
    text = ngettext(
        "This study has {n} cluster: every share below describes the weights, not "
        "a sample, but correlations between classes rest on very few clusters.",
        "This study has {n} clusters: every share below describes the weights, not "
        "a sample, but correlations between classes rest on very few clusters.",
        n,
    ).format(n=n)
    return Finding("small_study", (text,), {"state": "small", "n": n})


# The briefing -------------------------------------------------------------------------
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
    ties: Ties = "min",
    top: int = 4,
    intervals=None,
    language: str | None = None,
) -> list[Finding]:
    """Compute the briefing's headline findings, in the briefing's order.

    Parameters
    ----------
    study
        The loaded study.
    weights
        The proposed weights, in any accepted form.
    highlight
        Cluster ids whose place under uncertainty is reported (default: the
        leading places).
    draws, seed, concentration
        Monte Carlo settings for the uncertainty around the proposal (and the
        robustness of a study without three classes).
    ties
        The place basis of every finding: ``min`` (1 + the clusters strictly
        ahead) or ``dense`` (as the 2015 table numbered places).
    top
        How many leading places the findings discuss (clipped to the study).
    intervals
        The places' uncertainty around the proposal, computed already by
        :func:`uncertainty_around` with the same settings (the briefing draws
        its rank-interval figure from it); computed here when ``None``.
    language
        The language of the sentences (default: the one in force).

    Returns
    -------
    list of Finding
        Keys, in order: ``published`` (when the study has published results),
        ``small_study`` (below :data:`SMALL_STUDY` clusters), ``moves``, then,
        with two clusters or more, ``robustness``, ``swaps``, ``radius`` (three
        classes), ``what_if`` (a leader below first) and ``uncertainty``.
    """
    ties = check_ties(ties, MONTE_CARLO_TIES)
    points = class_points(study)
    labels = study.labels()
    n = len(points)
    top = min(whole_number(top, "top", low=1), n)
    draws = whole_number(draws, "draws", low=1)
    unknown = [c for c in highlight if c not in points.index]
    if unknown:
        raise EceiDataError(f"highlight: unknown cluster id(s) {unknown}")
    now = standing(points, weights, ties)
    base = standing(points, WEIGHT_SETS["equal"].on(points.columns), ties)
    leaders = leading_clusters(now.places[now.order], top)
    found = [
        published_finding(study, base, labels, ties),
        small_study_finding(n),
        moves_finding(weights, now, base, labels, top),
    ]
    if n > 1:
        found += [
            robustness_finding(
                points, weights, now, leaders, labels, ties, draws, seed
            ),
            swaps_finding(points, weights, now, top, labels),
            radius_finding(points, weights, top, labels)
            if points.shape[1] == 3
            else None,
            what_if_finding(study, points, weights, now, leaders, labels),
            uncertainty_finding(
                intervals
                if intervals is not None
                else uncertainty_around(
                    points,
                    weights,
                    draws=draws,
                    seed=seed,
                    concentration=concentration,
                    ties=ties,
                ),
                weights,
                list(highlight) or leaders,
                labels,
            ),
        ]
    return [f for f in found if f is not None]
