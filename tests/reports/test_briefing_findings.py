"""Briefing findings: numbers recomputed independently, words true in every state."""

import itertools
import re

import numpy as np
import pandas as pd
import pytest
from helpers import W, frame

from ecei_analysis import (
    as_weights,
    class_points,
    clusters_ahead,
    exact_rank_acceptability,
    load_study,
    rank_clusters,
    rank_uncertainty,
    score_clusters,
    weights_to_reach,
)
from ecei_analysis.core.i18n import format_number, format_place
from ecei_analysis.data.study import Study
from ecei_analysis.reports.briefing_findings import (
    SMALL_STUDY,
    briefing_findings,
    classify_swap,
    sentence_swap,
)
from ecei_analysis.reports.finding import Finding


def test_the_default_briefing_states_the_recomputed_numbers(study, points):
    found = {f.key: f for f in briefing_findings(study, W, draws=5000, seed=3)}
    assert found["published"].text == (
        "The data reproduce the 4 published totals and their order: Tomsk 825, "
        "Kaluga 781, INNOKAM 781, Zelenograd 723. Places count 1 + the clusters "
        "strictly ahead (1, 2, 2, 4); the published table numbered tied clusters "
        "1, 2, 2, 3, so Zelenograd, published 3rd, is 4th here: 3 clusters are "
        "ahead of it."
    )
    # Moves on the place basis, recomputed: places under equal weights and 3:2:1.
    now = rank_clusters(score_clusters(points, W), ties="min")
    base = rank_clusters(score_clusters(points, "1:1:1"), ties="min")
    moves = found["moves"]
    assert moves.values["changed"] == [c for c in now.sort_values(
        kind="stable").index if now[c] != base[c]]  # fmt: skip
    assert moves.text.startswith(
        "Under the proposed weights (very important 3 : important 2 : not so "
        "important 1): Kaluga moves up from shared 2nd to 1st; Tomsk moves down "
        "from 1st to 2nd; INNOKAM moves down from shared 2nd to 3rd."
    )
    assert f"{int((now != base).sum())} of 19 clusters change place" in moves.text
    # Robustness: exact shares of the ordered region, recomputed.
    first = exact_rank_acceptability(points, region="ordered")[1]
    robust = found["robustness"]
    for cluster, share in robust.values["first"].items():
        assert share == pytest.approx(first[cluster], abs=1e-12)
    keep = exact_rank_acceptability(points, region="ordered", ties="min")
    for row in robust.values["keep"]:
        assert row["share"] == pytest.approx(keep.loc[row["cluster"], row["place"]])
    assert "Kaluga in 89% and Tomsk in 11%" in robust.text
    # Uncertainty: the same draws recomputed.
    unc = rank_uncertainty(points, W, draws=5000, seed=3, ties="min", concentration=50)
    for row in found["uncertainty"].values["rows"]:
        assert row["nominal"] == unc.table.at[row["cluster"], "nominal"] == now[
            row["cluster"]]  # fmt: skip
        assert row["low"] <= row["nominal"] <= row["high"]
    # What-if: the weights found by the inverse program, and who is caught.
    for row in found["what_if"].values["rows"]:
        ahead = clusters_ahead(score_clusters(points, W))[row["cluster"]]
        assert row["target"] == ahead
        again = weights_to_reach(points, row["cluster"], ahead, W, ordered=True)
        assert row["weights"] == pytest.approx(again.weights_nominal_scale.to_dict())
        scores = score_clusters(points, row["weights"])
        for rival in row["rivals"]:  # drawn level with, at those weights
            rival_id = {v: k for k, v in study.labels().items()}[rival]
            assert scores[row["cluster"]] >= scores[rival_id] - 1e-9


def test_the_dense_basis_is_used_throughout(study, points):
    found = {f.key: f for f in briefing_findings(study, W, draws=2000, ties="dense")}
    assert "Places are numbered as in the published table" in found["published"].text
    dense_now = rank_clusters(score_clusters(points, W), ties="dense")
    dense_base = rank_clusters(score_clusters(points, "equal"), ties="dense")
    for m in found["moves"].values["moves"]:
        assert (m["before"], m["after"]) == (
            dense_base[m["cluster"]],
            dense_now[m["cluster"]],
        )
    for row in found["uncertainty"].values["rows"]:
        assert row["nominal"] == dense_now[row["cluster"]]


# --- The whole parameter space: a property test ------------------------------------
WEIGHTINGS = [
    "1:1:1", "3:2:1", "1:1:0", "1:0:0", "0:1:0", "0:0:1", "5:2:1", "1:2:3",
    "100:1:1", "1:100:100", "2:1:0", "equal", "proposal", "geometric", "vi_double",
    "drop_nsi", "vi_only",
]  # fmt: skip
FORBIDDEN = [r"\bnan\b", r"\bNone\b", "<NA>", r"\binf\b", r"\bw_", r"\bL1\b", "κ"]
SAME_PLACE = re.compile(r"from (shared )?(\d+\w*) to \1?\2\b")


def random_study(n: int, seed: int) -> Study:
    """A random whole-point study of ``n`` clusters (synthetic, for the property test)."""
    rng = np.random.default_rng(seed)
    codes = [f"I{k}" for k in range(6)]
    classes = ["very_important", "important", "not_so_important"] * 2
    indicators = pd.DataFrame(
        {"name": codes, "max_points": 10.0, "significance_class": classes},
        index=pd.Index(codes, name="code"),
    )
    ids = [f"c{k:02d}" for k in range(n)]
    points = pd.DataFrame(
        rng.integers(0, 11, size=(n, 6)).astype(float), index=ids, columns=codes
    )
    if n >= 4:
        points.iloc[3] = points.iloc[2]  # identical clusters: a tie everywhere
    return Study(
        indicators=indicators,
        clusters=pd.DataFrame({"name": ids}, index=pd.Index(ids, name="cluster_id")),
        points=points,
        published=pd.DataFrame(columns=["points", "place"]),
        provenance={"assessments": "synthetic"},
    )


STUDIES = {n: random_study(n, n) for n in (1, 2, 3, 5, 60)}


def _combinations():
    """Every weighting × tie rule × study size, with and without a highlight.

    The full grid (408 cases) runs in ``make test``; ``make test-fast`` runs one
    case in seven, which still has every weighting, both tie rules and every size.
    """
    rng = np.random.default_rng(12)
    out = []
    sizes = [1, 2, 3, 5, 19, 60]
    product = itertools.product(WEIGHTINGS, ("dense", "min"), sizes, (False, True))
    for k, (weights, ties, n, highlight) in enumerate(product):
        top = int(rng.integers(1, n + 1)) if n <= 6 else int(rng.integers(1, 8))
        out.append(
            pytest.param(
                weights,
                ties,
                n,
                top,
                highlight,
                id=f"{weights}-{ties}-n{n}-top{top}-{'h' if highlight else 'nh'}",
                marks=() if k % 7 == 0 else pytest.mark.slow,
            )
        )
    return out


COMBINATIONS = _combinations()


def contradictions(findings: list[Finding]) -> list[str]:
    """Every reason a list of findings reads wrong (empty when it reads right)."""
    problems = []
    sentences = [s for f in findings for s in f.sentences]
    if len(sentences) != len(set(sentences)):
        problems.append("a sentence is repeated")
    for sentence in sentences:
        for pattern in FORBIDDEN:
            if re.search(pattern, sentence):
                problems.append(f"{pattern!r} in {sentence!r}")
        if SAME_PLACE.search(sentence):
            problems.append(f"a move to the same place: {sentence!r}")
    for f in findings:
        for m in f.values.get("moves", []) if isinstance(f.values, dict) else []:
            if m.get("before") == m.get("after"):
                problems.append(f"a move that is not one: {m}")
    return problems


def test_the_checker_catches_planted_contradictions():
    planted = [
        Finding("moves", ("Zelenograd moves up from 4th to 4th.",), {}),
        Finding("moves", ("Tomsk moves down from shared 2nd to 2nd.",), {}),
        Finding("x", ("Kaluga keeps nan% of draws.",), {}),
        Finding("x", ("while w_VI ≥ 0",), {}),
        Finding("x", ("same",), {}),
        Finding("y", ("same",), {}),
        Finding("moves", ("fine",), {"moves": [{"before": 3, "after": 3}]}),
    ]
    assert len(contradictions(planted)) == 6  # the two "same" are one repeat
    assert contradictions([Finding("ok", ("Kaluga moves up from 2nd to 1st.",))]) == []


def test_the_reduced_grid_still_covers_every_axis():
    reduced = [c.values for c in COMBINATIONS if not c.marks]
    assert {c[0] for c in reduced} == set(WEIGHTINGS)
    assert {c[1] for c in reduced} == {"dense", "min"}
    assert {c[2] for c in reduced} == {1, 2, 3, 5, 19, 60}


@pytest.mark.parametrize(("weights", "ties", "n", "top", "highlight"), COMBINATIONS)
def test_findings_are_true_and_clean(weights, ties, n, top, highlight, study):
    s = study if n == 19 else STUDIES[n]
    points = class_points(s)
    chosen = [points.index[-1]] if highlight else []
    findings = briefing_findings(
        s, weights, highlight=chosen, draws=300, seed=1, ties=ties, top=top
    )
    assert contradictions(findings) == []
    found = {f.key: f for f in findings}
    w = as_weights(weights, points.columns)
    now = rank_clusters(score_clusters(points, w), ties=ties)
    base = rank_clusters(score_clusters(points, "1:1:1"), ties=ties)
    for m in found["moves"].values["moves"]:
        assert (m["before"], m["after"]) == (base[m["cluster"]], now[m["cluster"]])
        assert m["before_text"].endswith(format_place(m["before"]))
    assert (n < SMALL_STUDY) == ("small_study" in found)
    if n == 1:
        assert set(found) == {"moves", "small_study"}
        assert found["moves"].values["state"] == "one_cluster"
        return
    for row in found["uncertainty"].values["rows"]:
        assert row["nominal"] == now[row["cluster"]]
        if ties == "min":  # a dense place exists only at an exact tie
            assert row["low"] <= row["nominal"] <= row["high"]
    if found["uncertainty"].values["state"] == "fixed":
        assert all(r["p_nominal"] == 1.0 for r in found["uncertainty"].values["rows"])
    first = exact_rank_acceptability(points, region="ordered", ties=ties)[1]
    for cluster, share in found["robustness"].values["first"].items():
        assert share == pytest.approx(first[cluster], abs=1e-12)
    for r in found["swaps"].values["rows"] if "swaps" in found else []:
        if r["state"] in ("falls_below", "rises_above"):
            lead = np.array(list(r["lead"].values()))
            tie = np.array([r["ratio"][c] for c in r["lead"]])
            assert abs(lead @ tie) <= 1e-9 * max(1.0, np.abs(lead).sum() * tie.sum())
            assert sum(tie) > 0  # a real weighting, not every weight at 0
    if "what_if" in found:
        for row in found["what_if"].values["rows"]:
            ahead = clusters_ahead(score_clusters(points, w))[row["cluster"]]
            assert row["target"] == ahead >= 1
            assert row["rivals"]  # always someone to draw level with
            if not row["feasible"]:  # the nearest clusters ahead, by score now
                scores = score_clusters(points, w)
                above = scores[scores > scores[row["cluster"]]]
                ids = {v: k for k, v in s.labels().items()}
                assert {ids[name] for name in row["rivals"]} == set(
                    above[above == above.min()].index
                )
    if found.get("radius") and found["radius"].values["state"] == "nearest":
        a, b = (
            {v: k for k, v in s.labels().items()}[x]
            for x in found["radius"].values["pair"]
        )
        near = found["radius"].values["nearest"]
        scores = score_clusters(points.loc[[a, b]], near)
        assert scores[a] == pytest.approx(scores[b], rel=1e-9, abs=1e-9)


# --- Degenerate states, each named and worded ---------------------------------------
def _study_of(points: pd.DataFrame, published=None) -> Study:
    codes = list(points.columns)
    classes = ["very_important", "important", "not_so_important"][: len(codes)]
    return Study(
        indicators=pd.DataFrame(
            {"name": codes, "max_points": 10.0, "significance_class": classes},
            index=pd.Index(codes, name="code"),
        ),
        clusters=pd.DataFrame(
            {
                "name": list(points.index),
                "short_name": [str(c).split("_")[0].capitalize() for c in points.index],
            },
            index=pd.Index(points.index, name="cluster_id"),
        ),
        points=points,
        published=published
        if published is not None
        else pd.DataFrame(columns=["points", "place"]),
        provenance={"assessments": "synthetic"},
    )


def test_a_vertex_and_an_edge_of_the_weight_triangle(study):
    vertex = {f.key: f for f in briefing_findings(study, "1:0:0", draws=500)}
    assert vertex["uncertainty"].values["state"] == "fixed"
    assert vertex["uncertainty"].text.startswith(
        "Under 1:0:0 only very important counts: no weighting close to it changes "
        "the ranking"
    )
    for row in vertex["swaps"].values["rows"]:
        assert row.get("threshold", 1) != 0 or row["state"] not in (
            "falls_below",
            "rises_above",
        )
    edge = {f.key: f for f in briefing_findings(study, "1:1:0", draws=500)}
    assert edge["uncertainty"].values["zero_classes"] == ["not_so_important"]
    assert edge["uncertainty"].text.endswith(
        "Not so important keeps no weight in any draw."
    )


def test_equal_weights_say_so():
    found = briefing_findings(load_study(), "2:2:2", draws=200)
    moves = next(f for f in found if f.key == "moves")
    assert moves.values["state"] == "equal_weights"
    assert "these are equal weights" in moves.text


def test_a_tie_at_the_proposal():
    points = frame([[2, 0, 0], [0, 2, 0], [0, 0, 1]])
    study = _study_of(points)
    found = {f.key: f for f in briefing_findings(study, "1:1:1", draws=200, top=2)}
    assert found["swaps"].values["rows"][0]["state"] == "tied"
    assert found["radius"].values["state"] == "tie"
    assert "tie under the proposed weights" in found["radius"].text


def test_an_unreachable_place_and_one_already_held(study):
    found = {f.key: f for f in briefing_findings(study, "1:0:0", draws=200)}
    rows = {r["cluster"]: r for r in found["what_if"].values["rows"]}
    assert "kaluga" not in rows  # already first
    infeasible = [r for r in rows.values() if not r["feasible"]]
    # At 1:0:0 Zelenograd (215 very important points) is 2nd behind Kaluga (249);
    # no ordered weighting and no single indicator closes the gap.
    assert [r["cluster"] for r in infeasible] == ["zelenograd", "sarov"]
    assert rows["zelenograd"]["rivals"] == ["Kaluga"]
    assert rows["sarov"]["rivals"] == ["INNOKAM"]  # 195 behind INNOKAM's 205
    sentence = next(
        s for s in found["what_if"].sentences if s.startswith("For Zelenograd")
    )
    assert "no weighting that keeps very important ≥ important ≥ not so important" in (
        sentence
    )


def test_published_record_states(study):
    points = class_points(study)
    partial = study.published
    only = points.loc[["zelenograd", "sarov", "perm_novy_zvezdny", "kemerovo_coal"]]
    four = _study_of(
        pd.DataFrame(
            only.to_numpy(), index=only.index, columns=["A", "B", "C"]
        ),  # class subtotals as three indicators
        published=partial,
    )
    found = {f.key: f for f in briefing_findings(four, "3:2:1", draws=200)}
    published = found["published"]
    assert published.values["state"] == "partial"
    assert published.text == (
        "The data hold only Zelenograd of the clusters whose totals were published "
        "(Tomsk, Kaluga and INNOKAM missing), so the published record cannot be "
        "reproduced. As published: Zelenograd 723."
    )
    none = _study_of(
        pd.DataFrame(
            only.iloc[1:].to_numpy(), index=only.index[1:], columns=["A", "B", "C"]
        ),
        published=partial,
    )
    assert briefing_findings(none, "3:2:1", draws=200)[0].values["state"] == (
        "none_present"
    )
    differs = study.published.copy()
    differs.loc["tomsk", "points"] = 800
    wrong = Study(**{**study.__dict__, "published": differs})
    text = briefing_findings(wrong, "3:2:1", draws=200)[0].text
    assert text == (
        "The data do NOT reproduce the published record: Tomsk has 825 here, 800 "
        "published."
    )


def test_a_small_study_is_flagged():
    found = briefing_findings(STUDIES[5], "3:2:1", draws=200)
    small = next(f for f in found if f.key == "small_study")
    assert small.values == {"state": "small", "n": 5}
    assert "correlations between classes rest on very few clusters" in small.text


def test_formatters_refuse_what_no_reader_should_see():
    with pytest.raises(ValueError, match="cannot write the number nan"):
        format_number(float("nan"))


def test_swap_sentences_in_words():
    names = {"a": "A", "b": "B", "c": "C"}
    from ecei_analysis import swap_thresholds

    equal = as_weights("1:1:1")
    row = swap_thresholds(frame([[10, 0, 0], [0, 8, 0]]), equal).iloc[0]
    assert sentence_swap(classify_swap(row, equal, names)) == (
        "A stays ahead of B unless the weight of very important falls below 0.8 "
        "(now 1; the other weights as they are)."
    )
    tie = swap_thresholds(frame([[2, 0, 0], [0, 2, 0]]), equal).iloc[0]
    assert sentence_swap(classify_swap(tie, equal, names)) == (
        "A and B tie under the proposed weights: the slightest change of the weights "
        "separates them."
    )
    same = swap_thresholds(frame([[1, 2, 3], [1, 2, 3]]), equal).iloc[0]
    assert "no weighting separates them" in sentence_swap(
        classify_swap(same, equal, names)
    )
    dominant = swap_thresholds(frame([[3, 2, 1], [1, 1, 1]]), equal).iloc[0]
    assert "under every weighting" in sentence_swap(
        classify_swap(dominant, equal, names)
    )
    # At a vertex a threshold of 0 would leave no weight at all: not offered.
    vertex = as_weights("1:0:0")
    row = swap_thresholds(frame([[3, 0, 0], [1, 5, 0]]), vertex).iloc[0]
    swap = classify_swap(row, vertex, names)
    assert swap["state"] == "rises_above" and swap["class"] == "important"
    assert sentence_swap(swap) == (
        "A stays ahead of B unless the weight of important rises above 0.4 (now 0; "
        "the other weights as they are)."
    )
