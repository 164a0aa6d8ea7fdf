"""Briefing findings: the numbers they carry equal independently recomputed ones."""

import pytest
from helpers import W

from ecei_analysis import (
    class_points,
    clusters_ahead,
    exact_rank_acceptability,
    load_study,
    rank_clusters,
    rank_uncertainty,
    score_clusters,
)
from ecei_analysis.core.i18n import format_percent, format_place
from ecei_analysis.reports.findings import briefing_findings


def test_briefing_findings_match_the_numbers():
    study = load_study()
    points = class_points(study)
    labels = study.labels()
    findings = {f.key: f for f in briefing_findings(study, W, draws=5000, seed=3)}
    published = findings["published"]
    assert published.values["matches"]
    assert published.text.startswith(
        "Under equal weights the data reproduce the published totals and order: "
        "Tomsk 825 (1st); Kaluga 781 (shared 2nd); INNOKAM 781 (shared 2nd); "
        "Zelenograd 723 (3rd). Places are dense (1, 2, 2, 3), as published."
    )
    ahead = clusters_ahead(score_clusters(points, W))
    base = clusters_ahead(score_clusters(points, {c: 1 for c in W}))
    moved = int((ahead != base).sum())
    proposal = findings["proposal"]
    assert f"{moved} of 19 clusters change place" in proposal.text
    assert (
        "Kaluga rises from shared 2nd to 1st (1 cluster fewer ahead)" in proposal.text
    )
    for move in proposal.values["moves"]:
        assert (move["before"], move["after"]) == (
            base[move["cluster"]],
            ahead[move["cluster"]],
        )
    first = exact_rank_acceptability(points, region="ordered")[1]
    for cluster, share in findings["ordered_first"].values["first"].items():
        assert share == pytest.approx(first[cluster])
        assert f"{labels[cluster]} in {format_percent(share)}" in (
            findings["ordered_first"].text
        )
    keep = exact_rank_acceptability(points, region="ordered", ties="min")
    for row in findings["ordered_keep"].values["keep"]:
        assert row["share"] == pytest.approx(
            keep.loc[row["cluster"], ahead[row["cluster"]] + 1]
        )
    unc = rank_uncertainty(points, W, draws=5000, seed=3, ties="min", concentration=50)
    for row in findings["uncertainty"].values["rows"]:
        assert row["nominal"] == unc.table.at[row["cluster"], "nominal"]
        assert row["low"] == unc.table.at[row["cluster"], "low"]
        assert row["p_nominal"] == pytest.approx(
            unc.table.at[row["cluster"], "p_nominal"]
        )
        assert (
            f"{row['name']} is {format_place(row['nominal'])} at the proposal"
            in findings["uncertainty"].text
        )
    what_if = findings["what_if"]
    assert len(what_if.sentences) == len(what_if.values["clusters"]) == 3
    for cluster, info in what_if.values["clusters"].items():
        assert info["target"] == ahead[cluster]
    radius = findings["radius"].values["radius"]
    assert f"within {radius:.3f}" in findings["radius"].text
    nominal = rank_clusters(score_clusters(points, W))
    assert nominal["zelenograd"] == 4


# --- The findings over the parameter space (a property test) ------------------------
import itertools  # noqa: E402
import re  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from ecei_analysis.data.study import Study  # noqa: E402

WEIGHTINGS = [
    "1:1:1", "3:2:1", "1:1:0", "1:0:0", "0:1:0", "0:0:1", "5:2:1", "1:2:3",
    "100:1:1", "1:100:100", "2:1:0", "equal", "proposal", "geometric", "vi_double",
    "drop_nsi", "vi_only",
]  # fmt: skip
FORBIDDEN = [r"\bnan\b", r"\bNone\b", "<NA>", r"\b0\.000\b", "decides 0", r"\binf\b"]


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

    The full grid (408 cases) runs in ``make test``; ``make test-fast`` runs a
    reduced grid that still has every weighting, both tie rules and every size:
    one case in six, chosen so that the three cycles do not align.
    """
    rng = np.random.default_rng(12)
    out = []
    sizes = [1, 2, 3, 5, 19, 60]
    product = itertools.product(WEIGHTINGS, ("dense", "min"), sizes, (False, True))
    for k, (weights, ties, n, highlight) in enumerate(product):
        top = int(rng.integers(1, n + 1)) if n <= 6 else int(rng.integers(1, 8))
        reduced = k % 7 == 0
        out.append(
            pytest.param(
                weights,
                ties,
                n,
                top,
                highlight,
                id=f"{weights}-{ties}-n{n}-top{top}-{'h' if highlight else 'nh'}",
                marks=() if reduced else pytest.mark.slow,
            )
        )
    return out


COMBINATIONS = _combinations()


def test_the_reduced_grid_still_covers_every_axis():
    reduced = [c.values for c in COMBINATIONS if not c.marks]
    assert {c[0] for c in reduced} == set(WEIGHTINGS)
    assert {c[1] for c in reduced} == {"dense", "min"}
    assert {c[2] for c in reduced} == {1, 2, 3, 5, 19, 60}
    assert {c[4] for c in reduced} == {False, True}


@pytest.mark.parametrize(("weights", "ties", "n", "top", "highlight"), COMBINATIONS)
def test_findings_are_true_and_clean(weights, ties, n, top, highlight, study):
    s = study if n == 19 else STUDIES[n]
    points = class_points(s)
    chosen = [points.index[-1]] if highlight else []
    findings = briefing_findings(
        s, weights, highlight=chosen, draws=300, seed=1, ties=ties, top=top
    )
    sentences = [x for f in findings for x in f.sentences]
    assert sentences and len(sentences) == len(set(sentences))  # no repeated lines
    for sentence in sentences:
        for pattern in FORBIDDEN:
            assert re.search(pattern, sentence) is None, (pattern, sentence)
    found = {f.key: f for f in findings}
    from ecei_analysis import as_weights

    w = as_weights(weights, points.columns)
    ahead = clusters_ahead(score_clusters(points, w))
    base = clusters_ahead(score_clusters(points, dict.fromkeys(points.columns, 1.0)))
    moved = [c for c in ahead.sort_values(kind="stable").index if ahead[c] != base[c]]
    assert found["proposal"].values["moved"] == moved
    for move in found["proposal"].values["moves"]:
        assert (move["before"], move["after"]) == (
            base[move["cluster"]],
            ahead[move["cluster"]],
        )
    if n == 1:
        assert list(found) == ["proposal"]
        return
    first = exact_rank_acceptability(points, region="ordered", ties=ties)[1]
    for cluster, share in found["ordered_first"].values["first"].items():
        assert share == pytest.approx(first[cluster], abs=1e-12)
    unc = found["uncertainty"].values["rows"]
    for row in unc:
        assert row["low"] <= row["nominal"] <= row["high"]  # movement semantics
        assert row["nominal"] == ahead[row["cluster"]] + 1
    if "what_if" in found:
        for cluster, info in found["what_if"].values["clusters"].items():
            assert info["target"] == ahead[cluster] >= 1
    if "radius" in found:
        radius = found["radius"].values["radius"]
        if radius and np.isfinite(radius):
            assert f"within {radius:.3f}" in found["radius"].text


def test_panel_findings_state_the_computed_numbers():
    """The hand-worked panel of tests/sensitivity/test_panel.py, in words."""
    import pandas as pd

    from ecei_analysis import analyse_panel
    from ecei_analysis.data.panel_votes import Panel
    from ecei_analysis.reports.findings import panel_findings

    classes = ["very_important", "important", "not_so_important"]
    points = pd.DataFrame(
        [[10.0, 0, 0], [0, 10.0, 0], [4.0, 4.0, 4.0]],
        index=list("abc"),
        columns=classes,
    )
    votes = pd.DataFrame(
        [[1.0, 0, 0], [20.0, 60.0, 20.0], [1.0, 1.0, 2.0]],
        index=["P1", "P2", "P3"],
        columns=classes,
    )
    panel = Panel(votes, pd.Series(["weights", "points", "ranks"], index=votes.index))
    result = analyse_panel(points, panel, draws=50_000, seed=1, concentration=20.0)
    labels = {"a": "Alpha", "b": "Beta", "c": "Gamma"}
    found = panel_findings(result, labels)
    assert [f.key for f in found] == ["panel"] * 5
    assert found[0].text == (
        "The panel cast 3 votes: 1 as weights, 1 as 100 points split, 1 as a "
        "ranking of the classes."
    )
    # P1 puts a first, P2 b, P3 a and b (shared): a 2, b 2.
    assert found[1].values["first_votes"] == {"a": 2, "b": 2}
    assert "Alpha in 2, Beta in 2 of the 3 votes" in found[1].text
    # Drawing one vote at random (each with probability 1/3): P1 = (1, 0, 0) puts
    # a first (scores 10, 0, 4); P2 = (0.2, 0.6, 0.2) puts b first (2, 6, 2.4);
    # P3 ranks VI = I above NSI: its region is the segment from (1/2, 1/2, 0) to
    # (1/3, 1/3, 1/3), drawn uniformly, i.e. w = (t, t, 1 - 2t) with t uniform on
    # [1/3, 1/2]. There a and b tie at 10t and c scores 4, so a and b share first
    # where t >= 0.4: a fraction (1/2 - 0.4) / (1/6) = 0.6 of the segment, and c
    # is first in the other 0.4. Hence P(a first) = P(b first) = (1 + 0.6) / 3 =
    # 8/15 and P(c first) = 0.4 / 3 = 2/15.
    first = found[2].values["first"]
    for cluster, exact in (("a", 8 / 15), ("b", 8 / 15), ("c", 2 / 15)):
        standard_error = (exact * (1 - exact) / 50_000) ** 0.5
        assert first[cluster] == pytest.approx(exact, abs=5 * standard_error)
    assert found[3].values["concentration"] == 20.0
    assert found[4].values["kept"] == 0
    contested = found[4].values["contested"]
    assert [c["name"] for c in contested] == ["Alpha", "Beta", "Gamma"]
    assert contested[0] == {
        "name": "Alpha",
        "best": 1,
        "worst": 3,
        "best_by": [1, 3],
        "worst_by": [2],
    }
    assert "Alpha from 1st (votes 1, 3) to 3rd (vote 2)" in found[4].text
