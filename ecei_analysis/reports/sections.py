"""Headings and explanatory paragraphs of the notebooks and the briefing.

The notebooks hold no prose of their own: each section's heading and text live
here, marked for translation, and a notebook shows them with
:func:`show_section`, so every notebook reads in the report's language.
"""

from __future__ import annotations

import html

from ..core.i18n import N_, _, in_language

__all__ = ["CAPTIONS", "SECTIONS", "caption", "section_html", "show_section"]

#: Section key -> (heading, paragraph).
SECTIONS: dict[str, tuple[str, str]] = {
    "briefing": (
        N_("Briefing: how the significance classes reorder the clusters"),
        N_(
            "Prepared for the brainstorm on the cluster management standard. The "
            "question asked in 2015: if the ECEI criteria are structured as very "
            "important / important / not so important, how does the result "
            "change, and how robust is each place?"
        ),
    ),
    "findings": (N_("Headline findings"), ""),
    "what_if": (
        N_("What would change the ranking"),
        N_(
            "For each leader below first: the smallest change of the class weights "
            "that keeps very important ≥ important ≥ not so important, or the "
            "fewest points on one indicator, that would let it draw level with a "
            "cluster ahead of it."
        ),
    ),
    "places": (N_("Places under the proposal and under equal weights"), ""),
    "importance": (
        N_("Nominal weights vs real importance"),
        N_(
            "A weight says how much a class should count; how much it actually "
            "decides the ranking also depends on how much its points differ between "
            "clusters and on how they move with the other classes' points."
        ),
    ),
    "figures": (N_("Key figures"), ""),
    "caveats": (N_("Caveats"), ""),
    "methods": (
        N_("Methods in brief"),
        N_(
            "How each number of this briefing is computed, with the notation of the "
            "methods pages."
        ),
    ),
    "appendix": (N_("Appendix: clusters and the classification"), ""),
    "provenance": (N_("Provenance"), ""),
    "baseline": (
        N_("01 · Baseline ranking"),
        N_(
            "The data, their provenance, the published 2015 record reproduced under "
            "equal weights, and each cluster's points per significance class."
        ),
    ),
    "data_files": (
        N_("The data and where they come from"),
        N_(
            "Every data file carries a provenance flag: published, assumed or "
            "synthetic."
        ),
    ),
    "published": (
        N_("The published record, reproduced"),
        N_("Under equal class weights the weighted total is the plain sum of points."),
    ),
    "class_points": (
        N_("Points per significance class"),
        N_("The significance classification is a documented proposal, not AIRR's."),
    ),
    "sensitivity": (
        N_("02 · Weight sensitivity"),
        N_(
            "How the class weights reorder the clusters: named weightings, "
            "one-at-a-time sweeps, the exact weight-space map, the stability radius "
            "and the swap thresholds."
        ),
    ),
    "named": (N_("Named weightings"), ""),
    "sweep": (
        N_("One-at-a-time sweep"),
        N_(
            "The share of one class weight goes from 0 to 1; the other classes keep "
            "their proposed ratio."
        ),
    ),
    "map": (
        N_("The exact weight-space map"),
        N_(
            "Every point of the triangle is a weighting; cells of constant ranking "
            "are computed exactly (polygon arithmetic, no sampling)."
        ),
    ),
    "stability": (N_("How far is the proposal from a change?"), ""),
    "uncertainty": (
        N_("03 · Uncertainty"),
        N_(
            "SMAA rank acceptability over a weight measure, rank intervals (JRC "
            "style), assessor-score uncertainty, and variance-based (Sobol) "
            "sensitivity."
        ),
    ),
    "smaa": (N_("SMAA rank acceptability"), ""),
    "intervals": (N_("Rank intervals around the proposal"), ""),
    "sobol": (N_("What drives each place: Sobol indices"), ""),
    "panel": (
        N_("What the panel's weights imply"),
        N_(
            "Each participant's vote on the class weights gives a ranking of the "
            "clusters. Drawn together the votes give the panel's consensus; where "
            "they disagree, a cluster's place depends on whose weights are used."
        ),
    ),
    "classification_panel": (
        N_("How the panel classified the criteria"),
        N_(
            "Each expert sorted the indicators into very important, important and "
            "not so important. How much they agree, where they disagree, the "
            "consensus classification, and what it does to the ranking."
        ),
    ),
    "classification_notebook": (
        N_("06 · The experts' classification"),
        N_(
            "The experts' own classification of the indicators: agreement "
            "(Krippendorff's alpha), the disputed indicators, the consensus, and "
            "the places under each expert's classification and the consensus."
        ),
    ),
    "panel_notebook": (
        N_("05 · The panel's weights"),
        N_(
            "The brainstorm panel's votes on the significance-class weights: each "
            "participant's ranking of the clusters, the consensus over all votes, "
            "and which places depend on whose weights are used."
        ),
    ),
    "explore": (
        N_("04 · Live weight explorer"),
        N_(
            "Move the three class-weight sliders (and the order and tie-rule "
            "controls): the ranking table, the rank-flow chart and the marker on the "
            "exact weight-space map update as you go. Without a live notebook a "
            "static snapshot is shown."
        ),
    ),
}


@in_language
def section_html(key: str, *, level: int = 2, language: str | None = None) -> str:
    """Return a section's translated heading (and paragraph) as HTML."""
    heading, text = SECTIONS[key]
    body = f"<h{level}>{html.escape(_(heading))}</h{level}>"
    if text:
        body += f"<p>{html.escape(_(text))}</p>"
    return body


@in_language
def show_section(key: str, *, level: int = 2, language: str | None = None) -> None:
    """Show a section's translated heading (and paragraph) in a notebook."""
    from IPython.display import HTML, display

    display(HTML(section_html(key, level=level)))


#: Table captions (the data's provenance is added by ``show_table``).
CAPTIONS: dict[str, str] = {
    "places": N_(
        "Places under the proposed weights ({weights}) beside equal weights and the "
        "published places. Places are shown {rule}. The weighted sum has its own "
        "scale (about {factor} times the plain total under these weights); the "
        "0–max column rescales it so that the largest possible score equals the "
        "largest possible plain total ({maximum}), as in the published totals. "
        "Change = place under equal weights minus place now (positive: moved up)."
    ),
    "what_if": N_(
        "Each leader's way up, as in the sentences above: the cluster it would draw "
        "level with, the weights that would do it while keeping very important ≥ "
        "important ≥ not so important (very important : important : not so "
        "important), or instead the points to add on one indicator (then → after / "
        "maximum)."
    ),
    "clusters": N_("Cluster ids and names."),
    "classification": N_(
        "The significance classification in use, with each indicator's rationale."
    ),
    "provenance": N_("Provenance: parameters, data files (sha256), library versions."),
    "data_files": N_("Data files and their provenance flags."),
    "published": N_(
        "Ranking under equal weights beside the published 2015 points and places."
    ),
    "class_points": N_("Points per significance class (class subtotals) and total."),
    "named": N_(
        "Places (1 + clusters strictly ahead) under each named weighting, and the "
        "proposal."
    ),
    "compare": N_(
        "Each weighting compared with equal weights: Kendall τ, Spearman ρ, share "
        "of the top 4 kept, largest and mean shift of the clusters ahead, clusters "
        "that moved."
    ),
    "radius": N_(
        "Stability radius: distance (normalised weights) from the proposal to the "
        "nearest change of the ranking."
    ),
    "swaps": N_(
        "What would swap each pair of adjacent places (one weight changed, the "
        "others fixed)."
    ),
    "smaa": N_(
        "SMAA-2: share of weightings ranking each cluster first, central weights "
        "(mean weights that make the cluster first; — where it never is), "
        "confidence factor (— where undefined) and holistic acceptability."
    ),
    "intervals": N_(
        "Rank intervals (5–95 %) around the proposal, weights only and with "
        "assessor noise ({noise}); places count 1 + the clusters strictly ahead."
    ),
    "explore": N_("The first places under the initial weights."),
    "importance": N_(
        "Each class's weight and real importance, the target importance, the "
        "advised weights (whole per cent) and the importance they give "
        "(relative importance: {measure}, scaled to sum to 100%)."
    ),
    "importance_places": N_(
        "Places under the proposed weights and under the advised weights; change = "
        "the first place minus the second (positive: moved up)."
    ),
    "classification_experts": N_(
        "Each expert's votes, abstentions and agreement with the consensus (share "
        "of their votes equal to it; mean distance in classes, 0 to 2). Votes from "
        "{source}."
    ),
    "disputed": N_(
        "The indicators the experts disagree on, largest move of the leaders first: "
        "votes per class (VI, I, NSI), the consensus, another class voted, how many "
        "places the leaders would move in all if that indicator alone took it, and "
        "who (+ up, − down)."
    ),
    "classification_places": N_(
        "Places under the framework's and the consensus classification, the change "
        "(framework minus consensus: positive moves up), and the best and worst "
        "over the experts' own classifications (an abstention counts as the "
        "consensus class); weights {weights}."
    ),
    "votes": N_(
        "The panel's votes as entered, numbered as on the weight map, and the "
        "weighting each stands for (per cent; a ranking stands for the centre of "
        "its ordered region, e.g. 61.1 : 27.8 : 11.1 for a strict ranking of "
        "three classes). Votes from {source}."
    ),
    "panel_places": N_(
        "Each cluster's most likely place and its probability when one vote is "
        "drawn at random ({measure}; {draws} draws, seed {seed}), and its best "
        "and worst place over the votes."
    ),
    "panel_places_per_vote": N_(
        "Each cluster's most likely place and its probability when one vote is "
        "drawn at random ({measure}; {draws} draws, seed {seed}), its best and "
        "worst place over the votes and (columns numbered as in the votes table) "
        "its place under each vote."
    ),
}

_RULES = {
    "dense": N_(
        "as published: tied clusters share a place, the next follows on (1, 2, 2, 3)"
    ),
    "min": N_("as 1 + the clusters strictly ahead (1, 2, 2, 4)"),
}


@in_language
def caption(key: str, *, language: str | None = None, **values: object) -> str:
    """Return the translated caption ``key``, with ``values`` filled in.

    ``rule=`` takes a tie rule (``dense``/``min``) and is spelled out; whole
    numbers are written in the language's style (``100,000``).
    """
    from ..core.i18n import format_number

    if "rule" in values:
        values["rule"] = _(_RULES[str(values["rule"])])
    for name, value in values.items():
        if isinstance(value, int) and not isinstance(value, bool) and name != "seed":
            values[name] = format_number(value)
    return _(CAPTIONS[key]).format(**values)
