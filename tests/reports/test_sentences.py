"""Sentence builders: hand-worked statements, degenerate cases included."""

import numpy as np
from helpers import frame

from ecei_analysis import (
    load_study,
    points_to_reach,
    swap_thresholds,
    weights_to_overtake,
    weights_to_reach,
)
from ecei_analysis.reports.sentences import (
    condition_formula,
    place_phrase,
    sentence_indicator_change,
    sentence_inverse,
    sentence_radius,
    sentence_swap,
)

EQUAL = {"very_important": 1, "important": 1, "not_so_important": 1}


def test_formula_and_places():
    assert condition_formula({"a": 44, "b": -38, "c": 0}) == "44·w_a − 38·w_b"
    assert condition_formula({"a": 0}) == "0"
    assert place_phrase(2, True) == "shared 2nd"


def test_swap_sentences_cover_each_case():
    names = {"a": "A", "b": "B", "c": "C"}
    row = swap_thresholds(frame([[10, 0, 0], [0, 8, 0]]), EQUAL).iloc[0]
    assert sentence_swap(row, names, EQUAL) == (
        "A stays above B while w_VI ≥ 0.8 (now 1; the other weights fixed), i.e. "
        "while its share of the weights stays ≥ 29% (now 33%; the others "
        "in their proposed ratio)."
    )
    tie = swap_thresholds(frame([[2, 0, 0], [0, 2, 0]]), EQUAL).iloc[0]
    assert sentence_swap(tie, names, EQUAL) == (
        "A and B tie under these weights: A leads where 2·w_VI − 2·w_I > 0, B where "
        "it is < 0."
    )
    same = swap_thresholds(frame([[1, 2, 3], [1, 2, 3]]), EQUAL).iloc[0]
    assert "no weighting separates them" in sentence_swap(same, names, EQUAL)
    dominant = swap_thresholds(frame([[3, 2, 1], [1, 1, 1]]), EQUAL).iloc[0]
    assert "under every weighting" in sentence_swap(dominant, names, EQUAL)


def test_radius_sentences():
    names = {"a": "A", "b": "B"}
    assert sentence_radius(np.inf, None, None, names, 4) == (
        "No weighting changes the order of the top 4."
    )
    assert sentence_radius(np.inf, None, None, names, 1) == (
        "No weighting changes who is first."
    )
    assert "sits on a tie (A and B" in sentence_radius(0.0, ("a", "b"), None, names, 2)
    text = sentence_radius(0.0251, ("a", "b"), {"very_important": 0.5}, names, 4)
    assert "within 0.025 of the proposal" in text and "w_VI = 0.5." in text


def test_inverse_sentences(points):
    labels = {c: c.upper() for c in points.index}
    first = weights_to_reach(points, "kaluga", 1, "3:2:1")
    assert sentence_inverse(first, labels) == (
        "KALUGA can already reach first place at the nominal weights."
    )
    never = weights_to_reach(points, "samara_aerospace", 1, "3:2:1")
    assert sentence_inverse(never, labels).startswith(
        "No weighting in the simplex lets SAMARA_AEROSPACE reach first place"
    )
    up = weights_to_overtake(points, "innokam", "tomsk", "3:2:1", norm="linf")
    text = sentence_inverse(up, labels)
    assert text.startswith("INNOKAM can draw level with or overtake TOMSK with weights")
    assert f"LINF change {up.distance:.3f}" in text


def test_indicator_sentences(small_dir):
    study = load_study(small_dir)
    names = study.labels()
    already = points_to_reach(study, "y", 1, EQUAL)
    assert sentence_indicator_change(already, names) == "y already holds 1st place."
    best = points_to_reach(study, "x", 1, EQUAL)
    assert sentence_indicator_change(best, names).startswith(
        "x needs +1 points on indicator"
    )


def test_indicator_sentence_names_the_closest_indicator(study):
    far = points_to_reach(study, "samara_aerospace", 1, "3:2:1")
    infeasible = far.table[~far.table["feasible"]]
    closest = infeasible.iloc[0]
    assert closest["shortfall"] == infeasible["shortfall"].min()
    text = sentence_indicator_change(far, study.labels())
    assert text == (
        f"No single indicator can lift Samara to 1st place; the closest, "
        f"{closest['indicator']}, would need +{closest['delta_whole']:g} points but "
        f"has {closest['room']:g} left below its maximum."
    )


def test_panel_sentences_cover_each_case():
    from ecei_analysis.reports.sentences import (
        sentence_panel_consensus,
        sentence_panel_disagreement,
        sentence_panel_first,
        sentence_panel_votes,
        vote_numbers,
    )

    assert (
        sentence_panel_votes({"weights": 1, "ranks": 2})
        == "The panel cast 3 votes: 1 as weights, 2 as rankings of the classes."
    )
    assert sentence_panel_votes({"points": 1}) == (
        "The panel cast 1 vote: 1 as 100 points split."
    )
    assert sentence_panel_first([("Tomsk", 4)], 4) == "Every vote puts Tomsk first."
    assert sentence_panel_first([("Tomsk", 1)], 1) == "The one vote puts Tomsk first."
    assert sentence_panel_first([("Tomsk", 3), ("Kaluga", 2)], 4) == (
        "Under each participant's own weights, first place goes to Tomsk in 3, "
        "Kaluga in 2 of the 4 votes (a shared first counts for each)."
    )
    assert sentence_panel_consensus([("Tomsk", 0.6), ("Kaluga", 0.4)], None) == (
        "Drawing one vote at random (a ranking anywhere in its region), the chance "
        "of first place is: Tomsk 60.0%, Kaluga 40.0%."
    )
    assert "κ = 30" in sentence_panel_consensus([("Tomsk", 1.0)], 30.0)
    assert vote_numbers([3]) == "vote 3" and vote_numbers([1, 4]) == "votes 1, 4"
    row = {"name": "Perm", "best": 8, "worst": 16, "best_by": [7], "worst_by": [2, 8]}
    assert sentence_panel_disagreement(17, 19, [row]) == (
        "17 of 19 clusters keep their place under every vote. Whose weights are "
        "used matters most for: Perm from 8th (vote 7) to 16th (votes 2, 8)."
    )
    assert sentence_panel_disagreement(0, 19, [row]).startswith(
        "No cluster keeps its place under every vote."
    )
    assert sentence_panel_disagreement(1, 2, [row]).startswith(
        "1 of 2 clusters keeps its place"
    )
    assert sentence_panel_disagreement(19, 19, []) == (
        "Every cluster keeps its place under every vote."
    )
    assert sentence_panel_disagreement(1, 1, []) == (
        "With one cluster there is no place to dispute."
    )
