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
