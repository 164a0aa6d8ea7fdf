"""Every sentence a report prints, one builder per kind of statement.

Analysis functions return numbers; these builders turn them into plain language
(translated through the catalogs of :mod:`ecei_analysis.core.i18n`). Each builder
covers its degenerate cases: exact ties, zero margins, infeasible programs,
clusters already first, a single cluster.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from ..core.i18n import (
    _,
    format_number,
    format_percent,
    format_place,
    format_significant,
    ngettext,
)
from ..core.vocabulary import class_label, class_short, importance_measure
from ..scoring.weights import as_weights

__all__ = [
    "condition_formula",
    "place_phrase",
    "sentence_class_importance",
    "sentence_classification_agreement",
    "sentence_classification_consensus",
    "sentence_classification_disputed",
    "sentence_classification_draws",
    "sentence_classification_places",
    "sentence_importance_measure",
    "sentence_indicator_change",
    "sentence_infomax",
    "sentence_inverse",
    "sentence_keep",
    "sentence_matched_moves",
    "sentence_matched_weights",
    "sentence_moves",
    "sentence_ordered_first",
    "sentence_panel_consensus",
    "sentence_panel_disagreement",
    "sentence_panel_first",
    "sentence_panel_votes",
    "sentence_published",
    "sentence_radius",
    "sentence_swap",
    "sentence_uncertainty",
    "shares_phrase",
    "weights_phrase",
]


def weights_phrase(weights: Mapping[str, float]) -> str:
    """``"very important 3 : important 2 : not so important 1"``."""
    return " : ".join(
        f"{class_label(c)} {format_significant(float(v))}" for c, v in weights.items()
    )


def place_phrase(place: int, shared: bool) -> str:
    """``"2nd"`` or ``"shared 2nd"``."""
    text = format_place(place)
    return _("shared {place}").format(place=text) if shared else text


def condition_formula(lead: Mapping[str, float]) -> str:
    """``"44·w_VI − 38·w_I − 6·w_NSI"``: a weighted lead, zero terms left out."""
    text = ""
    for cls, value in lead.items():
        if value == 0:
            continue
        term = f"{format_number(abs(value), None)}·w_{class_short(cls)}"
        if not text:
            text = term if value > 0 else f"−{term}"
        else:
            text += f" {'+' if value > 0 else '−'} {term}"
    return text or "0"


def sentence_published(rows: Sequence[dict], matches: bool, ties: str) -> str:
    """State the published record against the data under equal weights.

    ``rows``: ``name``, ``points`` (data), ``published``, ``place`` (displayed),
    ``shared``.
    """
    parts = "; ".join(
        f"{r['name']} {format_number(r['points'])} "
        f"({place_phrase(r['place'], r['shared'])})"
        for r in rows
    )
    if matches:
        text = _(
            "Under equal weights the data reproduce the published totals and order: "
            "{parts}."
        ).format(parts=parts)
    else:
        diff = "; ".join(
            _("{name} {data} in the data, {published} published").format(
                name=r["name"],
                data=format_number(r["points"]),
                published=format_number(r["published"]),
            )
            for r in rows
            if r["points"] != r["published"]
        )
        text = _(
            "Under equal weights the data do NOT reproduce the published record: "
            "{diff}."
        ).format(diff=diff or _("the order differs"))
    if ties == "dense":
        text += " " + _("Places are dense (1, 2, 2, 3), as published.")
    else:
        text += " " + _(
            "Places are shown by competition ranking (1, 2, 2, 4); the published "
            "record numbers the same order densely (1, 2, 2, 3)."
        )
    return text


def sentence_moves(
    weights: Mapping[str, float],
    moves: Sequence[dict],
    moved_count: int,
    n: int,
    top: int,
    tau: float | None,
) -> str:
    """State what a weighting changes against equal weights (movements).

    ``moves``: per leader that moved, ``name``, ``before`` and ``after`` (clusters
    strictly ahead), ``place_before``/``place_after`` (displayed) and the
    ``shared`` flags.
    """
    head = _("Under the proposed weights ({weights}) ").format(
        weights=weights_phrase(weights)
    )
    if n == 1:
        return head + _("the only cluster is first.")
    if moves:
        details = "; ".join(_move(m) for m in moves) + ". "
    else:
        details = ngettext(
            "the leading place is unchanged. ",
            "the top {top} keep their places. ",
            top,
        ).format(top=top)
    count = ngettext(
        "{k} of {n} clusters changes place (a move is a change in the number of "
        "clusters strictly ahead)",
        "{k} of {n} clusters change place (a move is a change in the number of "
        "clusters strictly ahead)",
        moved_count,
    ).format(k=moved_count, n=n)
    if tau is not None and np.isfinite(tau):
        count += _("; Kendall τ = {tau} against equal weights").format(
            tau=format_number(tau, 2)
        )
    return head + details + count + "."


def _move(m: dict) -> str:
    k = abs(m["before"] - m["after"])
    before = place_phrase(m["place_before"], m["shared_before"])
    after = place_phrase(m["place_after"], m["shared_after"])
    if m["after"] < m["before"]:
        return ngettext(
            "{name} rises from {before} to {after} ({k} cluster fewer ahead)",
            "{name} rises from {before} to {after} ({k} clusters fewer ahead)",
            k,
        ).format(name=m["name"], before=before, after=after, k=k)
    return ngettext(
        "{name} falls from {before} to {after} ({k} cluster more ahead)",
        "{name} falls from {before} to {after} ({k} clusters more ahead)",
        k,
    ).format(name=m["name"], before=before, after=after, k=k)


def sentence_ordered_first(
    shares: Mapping[str, float], classes: Sequence[str], exact: bool, draws: int
) -> str:
    """Who is first across the ordered weightings, and how often."""
    if len(classes) == 1:
        return _(
            "With a single significance class every weighting gives the same ranking."
        )
    order = " ≥ ".join(class_label(c) for c in classes)
    how = (
        _("exactly, by area")
        if exact
        else _("Monte Carlo, {draws} draws").format(draws=format_number(draws))
    )
    listed = ", ".join(
        _("{name} in {share}").format(name=name, share=format_percent(v))
        for name, v in shares.items()
    )
    return _(
        "Across all weightings with {order} ({how}), the first place goes to "
        "{listed} of them."
    ).format(order=order, how=how, listed=listed)


def sentence_keep(keep: Sequence[dict], inside: bool) -> str:
    """Share of the ordered weightings that keep each leader's place.

    ``keep``: ``name``, ``place``, ``shared``, ``share``.
    """
    text = _(
        "Share of those weightings that keep each leader's number of clusters "
        "ahead: {parts}."
    ).format(
        parts="; ".join(
            f"{k['name']} {place_phrase(k['place'], k['shared'])} "
            f"{format_percent(k['share'])}"
            for k in keep
        )
    )
    if not inside:
        text += " " + _("(The proposed weights lie outside this ordered region.)")
    return text


def sentence_swap(row: Mapping, names: Mapping[str, str], weights: Mapping) -> str:
    """State what would swap one adjacent pair (a row of swap_thresholds)."""
    a, b = names.get(row["upper"], row["upper"]), names.get(row["lower"], row["lower"])
    classes = list(weights)
    lead = {c: row[f"d_{c}"] for c in classes}
    if all(v == 0 for v in lead.values()):
        return _(
            "{a} and {b} have the same points in every class: no weighting "
            "separates them."
        ).format(a=a, b=b)
    formula = condition_formula(lead)
    if row["tied"]:
        return _(
            "{a} and {b} tie under these weights: {a} leads where {formula} > 0, "
            "{b} where it is < 0."
        ).format(a=a, b=b, formula=formula)
    best = row["most_sensitive"]
    if best is None or (isinstance(best, float) and np.isnan(best)):
        if all(v >= 0 for v in lead.values()):
            return _(
                "{a} stays above {b} under every weighting: it has at least as many "
                "points in every class."
            ).format(a=a, b=b)
        return _(
            "{a} stays above {b} whatever one class weight is; it takes changing "
            "two weights at once ({formula} < 0)."
        ).format(a=a, b=b, formula=formula)
    k = classes.index(best)
    w = np.array([float(weights[c]) for c in classes])
    threshold = row[f"threshold_{best}"]
    symbol = f"w_{class_short(best)}"
    sense = "≥" if lead[best] > 0 else "≤"
    text = _(
        "{a} stays above {b} while {symbol} {sense} {threshold} (now {now}; the "
        "other weights fixed)"
    ).format(
        a=a,
        b=b,
        symbol=symbol,
        sense=sense,
        threshold=format_significant(float(threshold)),
        now=format_significant(w[k]),
    )
    share = row[f"share_threshold_{best}"]
    if np.isfinite(share):
        now = w[k] / w.sum()
        share_sense = "≥" if share < now else "≤"
        text += _(
            ", i.e. while its share of the weights stays {sense} {share} (now "
            "{now}; the others in their proposed ratio)"
        ).format(
            sense=share_sense,
            share=format_percent(share, 0),
            now=format_percent(now, 0),
        )
    return text + "."


def sentence_radius(
    radius: float,
    pair: tuple[str, str] | None,
    nearest: Mapping[str, float] | None,
    names: Mapping[str, str],
    top: int,
) -> str:
    """How far the proposal is from the nearest change among the leading places."""
    if pair is None or not np.isfinite(radius):
        return ngettext(
            "No weighting changes who is first.",
            "No weighting changes the order of the top {top}.",
            top,
        ).format(top=top)
    a, b = (names.get(c, c) for c in pair)
    if radius == 0:
        return _(
            "The proposal sits on a tie ({a} and {b} score the same), so the "
            "slightest change of the weights can reorder them."
        ).format(a=a, b=b)
    where = ", ".join(
        f"w_{class_short(c)} = {format_significant(float(v))}"
        for c, v in (nearest or {}).items()
    )
    return ngettext(
        "Who is first holds for every weighting within {radius} of the proposal "
        "(distance between normalised weights); the nearest change swaps {a} and "
        "{b} at {where}.",
        "The order of the top {top} holds for every weighting within {radius} of "
        "the proposal (distance between normalised weights); the nearest change "
        "swaps {a} and {b} at {where}.",
        top,
    ).format(top=top, radius=format_number(float(radius), 3), a=a, b=b, where=where)


def sentence_inverse(result, names: Mapping[str, str]) -> str:
    """State the answer of ``weights_to_reach`` / ``weights_to_overtake``."""
    name = names.get(result.cluster, result.cluster)
    region = (
        _("the ordered region")
        if result.parameters.get("region") == "ordered"
        else _("the simplex")
    )
    if result.goal == "reach":
        goal = (
            _("reach first place")
            if result.target == 1
            else _("reach {place} place (shared at a tie)").format(
                place=format_place(result.target)
            )
        )
    else:
        goal = _("draw level with or overtake {rival}").format(
            rival=names.get(result.target, result.target)
        )
    if not result.feasible:
        return _(
            "No weighting in {region} lets {name} {goal}: the linear program is "
            "infeasible."
        ).format(region=region, name=name, goal=goal)
    if result.already:
        return _("{name} can already {goal} at the nominal weights.").format(
            name=name, goal=goal
        )
    return _(
        "{name} can {goal} with weights {ratio} ({norm} change {distance} of the "
        "normalised weights, within {region})."
    ).format(
        name=name,
        goal=goal,
        ratio=as_weights(result.weights_nominal_scale).ratio_text(),
        norm=result.parameters["norm"].upper(),
        distance=format_number(result.distance, 3),
        region=region,
    )


def sentence_indicator_change(result, names: Mapping[str, str]) -> str:
    """State the smallest single-indicator change (a ``PointChangeResult``)."""
    name = names.get(result.cluster, result.cluster)
    place = format_place(result.rank)
    if result.already:
        return _("{name} already holds {place} place.").format(name=name, place=place)
    table = result.table
    feasible = table[table["feasible"]]
    if len(feasible):
        best = feasible.iloc[0]
        return _(
            "{name} needs +{delta} points on indicator {code} ({now} → {then} of "
            "{top}) to reach {place} place."
        ).format(
            name=name,
            delta=format_number(best["delta_whole"]),
            code=best["indicator"],
            now=format_number(best["points"]),
            then=format_number(best["points"] + best["delta_whole"]),
            top=format_number(best["max_points"]),
            place=place,
        )
    finite = table[np.isfinite(table["delta_whole"].astype(float))]
    if not len(finite):
        return _(
            "No single indicator can lift {name} to {place} place: the classes "
            "that would help carry no weight."
        ).format(name=name, place=place)
    closest = finite.iloc[0]
    return _(
        "No single indicator can lift {name} to {place} place; the closest, {code}, "
        "would need +{delta} points but has {room} left below its maximum."
    ).format(
        name=name,
        place=place,
        code=closest["indicator"],
        delta=format_number(closest["delta_whole"]),
        room=format_number(closest["room"]),
    )


def sentence_uncertainty(rows: Sequence[dict], measure: str, draws: int) -> str:
    """Rank intervals around the proposal for the chosen clusters.

    ``rows``: ``name``, ``nominal``, ``low``, ``high``, ``p_nominal`` (places are
    1 + clusters strictly ahead).
    """
    parts = []
    for r in rows:
        if r["low"] == r["high"]:
            span = _("stays {place}").format(place=format_place(r["low"]))
        else:
            span = _("lies between {low} and {high}").format(
                low=format_place(r["low"]), high=format_place(r["high"])
            )
        parts.append(
            _(
                "{name} is {nominal} at the proposal and {span} in 9 cases out of 10 "
                "(keeps its place in {keep})"
            ).format(
                name=r["name"],
                nominal=format_place(r["nominal"]),
                span=span,
                keep=format_percent(r["p_nominal"]),
            )
        )
    return _(
        "With the weights varying around the proposal ({measure}; {draws} draws; "
        "places count 1 + the clusters strictly ahead): {parts}."
    ).format(measure=measure, draws=format_number(draws), parts="; ".join(parts))


# The panel's votes ---------------------------------------------------------------
def vote_numbers(numbers: Sequence[int]) -> str:
    """``"vote 3"`` or ``"votes 1, 4"`` (numbered as in the votes table)."""
    listed = ", ".join(str(n) for n in numbers)
    return ngettext("vote {numbers}", "votes {numbers}", len(numbers)).format(
        numbers=listed
    )


def sentence_panel_votes(counts: Mapping[str, int]) -> str:
    """How many votes the panel cast, in which forms.

    ``counts``: form (``weights``, ``points``, ``ranks``) -> number of votes.
    """
    n = sum(counts.values())
    kinds = {
        "weights": ngettext(
            "{k} as weights", "{k} as weights", counts.get("weights", 0)
        ),
        "points": ngettext(
            "{k} as 100 points split",
            "{k} as 100 points split",
            counts.get("points", 0),
        ),
        "ranks": ngettext(
            "{k} as a ranking of the classes",
            "{k} as rankings of the classes",
            counts.get("ranks", 0),
        ),
    }
    parts = [kinds[f].format(k=counts[f]) for f in kinds if counts.get(f)]
    return ngettext(
        "The panel cast {n} vote: {parts}.", "The panel cast {n} votes: {parts}.", n
    ).format(n=n, parts=", ".join(parts))


def sentence_panel_first(firsts: Sequence[tuple[str, int]], n: int) -> str:
    """Which clusters the votes put first, and how many votes each.

    ``firsts``: (cluster name, number of votes putting it first, a shared first
    included), most votes first; ``n`` votes in all.
    """
    if len(firsts) == 1 and firsts[0][1] == n:
        return ngettext(
            "The one vote puts {name} first.", "Every vote puts {name} first.", n
        ).format(name=firsts[0][0])
    parts = ", ".join(_("{name} in {k}").format(name=name, k=k) for name, k in firsts)
    return ngettext(
        "Under each participant's own weights, first place goes to {parts} of "
        "the {n} vote (a shared first counts for each).",
        "Under each participant's own weights, first place goes to {parts} of "
        "the {n} votes (a shared first counts for each).",
        n,
    ).format(parts=parts, n=n)


def sentence_panel_consensus(
    rows: Sequence[tuple[str, float]], concentration: float | None
) -> str:
    """State the consensus: each cluster's probability of first place.

    ``rows``: (cluster name, probability of first), largest first, zeros left
    out. ``concentration``: ``None`` for the panel's votes as they are, else κ
    of the smoothed consensus.
    """
    parts = ", ".join(f"{name} {format_percent(p)}" for name, p in rows)
    if concentration is None:
        return _(
            "Drawing one vote at random (a ranking anywhere in its region), the "
            "chance of first place is: {parts}."
        ).format(parts=parts)
    return _(
        "With each view held loosely (a Dirichlet law around each vote, κ = "
        "{kappa}), the chance of first place is: {parts}."
    ).format(kappa=format_significant(concentration), parts=parts)


def sentence_panel_disagreement(kept: int, n: int, contested: Sequence[Mapping]) -> str:
    """How many clusters keep their place whoever votes, and who decides the rest.

    ``contested``: per cluster (widest range first) ``name``, ``best``, ``worst``
    and ``best_by``/``worst_by`` (vote numbers).
    """
    if n == 1:
        return _("With one cluster there is no place to dispute.")
    if not contested:
        return _("Every cluster keeps its place under every vote.")
    if kept == 0:
        head = _("No cluster keeps its place under every vote.")
    else:
        head = ngettext(
            "{kept} of {n} clusters keeps its place under every vote.",
            "{kept} of {n} clusters keep their place under every vote.",
            kept,
        ).format(kept=kept, n=n)
    parts = [
        _("{name} from {best} ({best_by}) to {worst} ({worst_by})").format(
            name=r["name"],
            best=format_place(r["best"]),
            best_by=vote_numbers(r["best_by"]),
            worst=format_place(r["worst"]),
            worst_by=vote_numbers(r["worst_by"]),
        )
        for r in contested
    ]
    return (
        head
        + " "
        + _("Whose weights are used matters most for: {parts}.").format(
            parts="; ".join(parts)
        )
    )


# Nominal weights vs real importance ------------------------------------------------
def shares_phrase(shares: Sequence[float]) -> str:
    """Shares as whole per cent in class order: ``"59 : 4 : 37"``."""
    return " : ".join(format_number(100 * float(x), 0) for x in shares)


def sentence_importance_measure(method: str) -> str:
    """Say what real importance means here (the measure used)."""
    return _(
        "Real importance is the share of the ranking score's variation across the "
        "clusters that each class explains ({measure}); a class whose points "
        "hardly differ between clusters decides little, whatever its weight."
    ).format(measure=importance_measure(method))


def sentence_class_importance(
    cls: str, weight: float, importance: float, ratio: float
) -> str:
    """State one class's weight share beside its importance share."""
    label = class_label(cls)
    label = label[:1].upper() + label[1:]
    if weight == 0 and importance == 0:
        return _("{cls}: no weight and no importance.").format(cls=label)
    if weight == 0:
        return _(
            "{cls}: no weight, yet {importance} of the measured importance: its "
            "points move with those of the weighted classes (an association, not "
            "an influence)."
        ).format(cls=label, importance=format_percent(importance, 0))
    if importance == 0:
        return _(
            "{cls}: {weight} of the weight but no importance: its points do not "
            "move the scores' order."
        ).format(cls=label, weight=format_percent(weight, 0))
    return _(
        "{cls}: {weight} of the weight, {importance} of the real importance "
        "({ratio} times its weight)."
    ).format(
        cls=label,
        weight=format_percent(weight, 0),
        importance=format_percent(importance, 0),
        ratio=format_number(ratio, 2),
    )


def sentence_matched_weights(
    target: Sequence[float],
    weights: Sequence[float],
    achieved: Sequence[float],
    reachable: bool,
    reason: str | None,
    ordered: bool,
) -> str:
    """State the weights that deliver a target importance, or why none does."""
    region = (
        _(" within the ordered region (very important ≥ important ≥ not so important)")
        if ordered
        else ""
    )
    if reachable:
        return _(
            "To make the classes matter {target} (per cent of the real importance), "
            "weigh them {weights}{region}; they then matter {achieved}."
        ).format(
            target=shares_phrase(target),
            weights=shares_phrase(weights),
            region=region,
            achieved=shares_phrase(achieved),
        )
    why = {
        "constant_class": _(
            "a class the target counts on has the same points for every cluster"
        ),
        "beyond_reach": _(
            "the classes' points are too alike (or too unlike) for any weighting "
            "to separate their influence that far"
        ),
    }[str(reason)]
    return _(
        "No weighting{region} makes the classes matter {target}: {why}. The "
        "closest, {weights}, makes them matter {achieved}."
    ).format(
        region=region,
        target=shares_phrase(target),
        why=why,
        weights=shares_phrase(weights),
        achieved=shares_phrase(achieved),
    )


def sentence_infomax(weights: Sequence[float], achieved: Sequence[float]) -> str:
    """State the weights under which the classes explain the most together."""
    return _(
        "The classes explain the most together when weighted {weights}; they then "
        "matter {achieved}."
    ).format(weights=shares_phrase(weights), achieved=shares_phrase(achieved))


def sentence_matched_moves(moves: Sequence[dict], moved_count: int, n: int) -> str:
    """State what the importance-matched weights change against the nominal ones.

    ``moves``: as for :func:`sentence_moves` (clusters strictly ahead before and
    after, displayed places, shared flags).
    """
    if moved_count == 0:
        return _("Under these weights every cluster keeps its place.")
    details = "; ".join(_move(m) for m in moves)
    count = ngettext(
        "{k} of {n} clusters changes place",
        "{k} of {n} clusters change place",
        moved_count,
    ).format(k=moved_count, n=n)
    if details:
        return _("Under these weights {details}; {count}.").format(
            details=details, count=count
        )
    return _("Under these weights the leading places hold; {count}.").format(
        count=count
    )


# The experts' classification ----------------------------------------------------
def sentence_classification_agreement(
    experts: int,
    indicators: int,
    abstentions: int,
    alpha: float,
    low: float,
    high: float,
) -> str:
    """How many experts classified, and how much they agree (Krippendorff's alpha)."""
    head = ngettext(
        "{e} expert classified {n} indicators",
        "{e} experts classified {n} indicators",
        experts,
    ).format(e=experts, n=indicators)
    if abstentions:
        head += " " + ngettext(
            "({k} abstention)", "({k} abstentions)", abstentions
        ).format(k=abstentions)
    if experts == 1:
        return head + ". " + _("With a single expert there is no agreement to measure.")
    if not np.isfinite(alpha):
        return (
            head
            + ". "
            + _(
                "Every vote falls in one class, so they agree completely (alpha is "
                "undefined without variation)."
            )
        )
    interval = ""
    if np.isfinite(low) and np.isfinite(high):
        interval = _(" (95 % bootstrap interval {low} to {high})").format(
            low=format_number(low, 2), high=format_number(high, 2)
        )
    if alpha >= 0.8:
        verdict = _("reliable by Krippendorff's guide (0.80 or more)")
    elif alpha >= 0.667:
        verdict = _("tentative by Krippendorff's guide (0.667 to 0.80)")
    else:
        verdict = _("below Krippendorff's guide for tentative conclusions (0.667)")
    return (
        head
        + ". "
        + _(
            "Their agreement, Krippendorff's alpha for ordered classes, is "
            "{alpha}{interval}: {verdict}."
        ).format(alpha=format_number(alpha, 2), interval=interval, verdict=verdict)
    )


def sentence_classification_disputed(
    unanimous: int, n: int, disputed: Sequence[Mapping]
) -> str:
    """How many indicators are unanimous, and the most disputed ones.

    ``disputed``: ``code``, ``name``, ``votes`` (for the modal class), ``cast``,
    ``modal`` (class id), most disputed first.
    """
    head = ngettext(
        "{k} of {n} indicators is classified unanimously.",
        "{k} of {n} indicators are classified unanimously.",
        unanimous,
    ).format(k=unanimous, n=n)
    if not disputed:
        return head
    parts = [
        _("{code} {name} ({k} of {cast} votes for {cls})").format(
            code=d["code"],
            name=d["name"],
            k=d["votes"],
            cast=d["cast"],
            cls=class_label(d["modal"]),
        )
        for d in disputed
    ]
    return (
        head
        + " "
        + _("The panel disagrees most on: {parts}.").format(parts="; ".join(parts))
    )


def sentence_classification_consensus(rule: str, changed: Sequence[Mapping]) -> str:
    """Where the consensus differs from the framework's classification.

    ``changed``: ``code``, ``before`` and ``after`` (class ids).
    """
    name = _("median") if rule == "median" else _("majority")
    if not changed:
        return _(
            "The consensus ({rule} class of the votes) is the framework's "
            "classification."
        ).format(rule=name)
    parts = "; ".join(
        _("{code} from {before} to {after}").format(
            code=c["code"],
            before=class_label(c["before"]),
            after=class_label(c["after"]),
        )
        for c in changed
    )
    return ngettext(
        "The consensus ({rule} class of the votes) differs from the framework's "
        "classification for {k} indicator: {parts}.",
        "The consensus ({rule} class of the votes) differs from the framework's "
        "classification for {k} indicators: {parts}.",
        len(changed),
    ).format(rule=name, k=len(changed), parts=parts)


def sentence_classification_places(rows: Sequence[Mapping]) -> str:
    """State the leaders' places under the consensus and over the experts.

    ``rows``: ``name``, ``framework``, ``consensus``, ``best``, ``worst`` (places
    as 1 + clusters strictly ahead).
    """
    parts = []
    for r in rows:
        if r["framework"] == r["consensus"]:
            now = _("{name} stays {place}").format(
                name=r["name"], place=format_place(r["consensus"])
            )
        else:
            now = _("{name} goes from {before} to {after}").format(
                name=r["name"],
                before=format_place(r["framework"]),
                after=format_place(r["consensus"]),
            )
        if r["best"] == r["worst"]:
            spread = _("under every expert's classification too")
        else:
            spread = _("between {best} and {worst} over the experts").format(
                best=format_place(r["best"]), worst=format_place(r["worst"])
            )
        parts.append(f"{now} ({spread})")
    return _(
        "Under the consensus classification (places count 1 + the clusters "
        "strictly ahead): {parts}."
    ).format(parts="; ".join(parts))


def sentence_classification_draws(keep: Sequence[Mapping], draws: int) -> str:
    """State how often the leaders keep their place when classes follow the votes.

    ``keep``: ``name``, ``place`` (under the consensus, by the display rule),
    ``share`` of draws keeping it.
    """
    parts = "; ".join(
        _("{name} keeps {place} in {share}").format(
            name=k["name"],
            place=format_place(k["place"]),
            share=format_percent(k["share"], 0),
        )
        for k in keep
    )
    return _(
        "Drawing every indicator's class from its votes ({draws} draws, weights "
        "fixed): {parts}."
    ).format(draws=format_number(draws), parts=parts)
