import numpy as np
import pandas as pd
import pytest

from ecei_analysis import (
    ClassificationPanel,
    analyse_classification_panel,
    class_points,
    clusters_ahead,
    load_classification_panel,
    load_study,
    score_clusters,
)
from ecei_analysis.core.resources import bundled_classification_panel_file
from ecei_analysis.reports.classification_findings import (
    classification_experts_table,
    classification_findings,
    classification_places_table,
    disputed_table,
    indicator_moves,
)


@pytest.fixture(scope="module")
def demo():
    study = load_study()
    panel = load_classification_panel(
        bundled_classification_panel_file(), study.indicators
    )
    result = analyse_classification_panel(study, panel, "3:2:1", draws=2000)
    return study, panel, result


def _by_key(findings):
    return {f.values.get("state", i): f for i, f in enumerate(findings)}


def test_the_findings_state_the_computed_numbers(demo):
    study, panel, result = demo
    findings = classification_findings(result, panel, study.labels())
    assert len(findings) == 6
    agreement = findings[0]
    alpha = result.agreement.alpha
    assert agreement.text.startswith(
        "7 experts classified the 29 indicators (4 abstentions)."
    )
    assert f"Krippendorff's alpha for ordered classes is {alpha:.2f}" in agreement.text
    assert "0 is the agreement of chance and 1 full agreement" in agreement.text
    # The expert who differs most, recomputed from the votes and the consensus.
    consensus = result.agreement.consensus
    share = {
        e: float(
            (panel.votes[e].dropna() == consensus[panel.votes[e].dropna().index]).mean()
        )
        for e in panel.experts
    }
    lowest = min(share.values())
    assert findings[1].values["differ"] == [
        e for e in panel.experts if share[e] <= lowest + 1e-12
    ]
    # Places under the consensus, recomputed from the consensus classification.
    points = class_points(study.with_classification(consensus))
    ahead = clusters_ahead(score_clusters(points, "3:2:1"))
    for row in findings[4].values["places"]:
        cid = next(c for c, n in study.labels().items() if n == row["name"])
        assert row["consensus"] == ahead[cid] + 1
    assert all(0 <= k["share"] <= 1 for k in findings[5].values["keep"])


def test_the_disputed_indicators_are_ranked_by_how_much_they_move_the_leaders(demo):
    study, panel, result = demo
    consensus = result.agreement.consensus
    base = clusters_ahead(
        score_clusters(class_points(study.with_classification(consensus)), "3:2:1")
    )
    leaders = list(base[base < 4].index)
    ranked = indicator_moves(result, leaders)
    assert list(ranked["size"]) == sorted(ranked["size"], reverse=True)
    for _, row in ranked.iterrows():  # each size recomputed from scratch
        switched = consensus.copy()
        switched[row["indicator"]] = row["to"]
        after = clusters_ahead(
            score_clusters(class_points(study.with_classification(switched)), "3:2:1")
        )
        expected = {c: int(base[c] - after[c]) for c in leaders if after[c] != base[c]}
        assert row["shifts"] == expected
        assert row["size"] == sum(abs(v) for v in expected.values())
    table = disputed_table(result, panel, study.labels())
    assert list(table["leaders' places moved"]) == list(ranked["size"])


def test_the_tables(demo):
    study, _, result = demo
    experts = classification_experts_table(result)
    assert len(experts) == 7
    assert experts["votes"].sum() + experts["abstentions"].sum() == 7 * 29
    places = classification_places_table(result, study.labels())
    assert len(places) == 19 and places["place, consensus"].is_monotonic_increasing
    assert (
        places["change"] == places["place, framework"] - places["place, consensus"]
    ).all()


def _panel(columns: dict, codes) -> ClassificationPanel:
    votes = pd.DataFrame(columns, index=pd.Index(codes, name="code"))
    votes = votes.astype(object).where(votes.notna(), None)
    return ClassificationPanel(votes, pd.Series("", index=votes.index))


@pytest.mark.parametrize(
    ("columns", "state", "phrase"),
    [
        ({"A": None, "B": None}, "no_votes", "holds no votes yet"),
        ({"Solo": "framework", "Empty": None}, "one_expert", "single expert"),
        ({"A": "important", "B": "important"}, "one_class", "agree completely"),
        (
            {"A": "important", "B": "important", "C": "important"},
            "one_class",
            "agree completely",
        ),
    ],
)
def test_degenerate_sheets_have_true_sentences(columns, state, phrase):
    study = load_study()
    codes = study.indicators.index
    filled = {
        name: (
            study.classification.to_numpy()
            if value == "framework"
            else [value] * len(codes)
        )
        for name, value in columns.items()
    }
    panel = _panel(filled, codes)
    result = analyse_classification_panel(study, panel, "3:2:1", draws=200)
    findings = classification_findings(result, panel, study.labels())
    assert findings[0].values["state"] == state
    assert phrase in findings[0].text
    text = " ".join(f.text for f in findings)
    assert "nan" not in text.lower() and "None" not in text
    if state == "one_expert":
        assert "1 column of the sheet has no votes and is left out (Empty)" in text
        assert "unanimous" not in text and "every expert" not in text
    if state == "one_class":
        assert "the class weights no longer matter" in text  # a plain-total ranking
        assert "differ most" not in text  # nobody differs when everyone agrees
        assert result.uncertainty is None
        assert result.parameters["uncertainty_skipped"]["reason"] == "one_class"


@pytest.mark.parametrize(
    ("alpha", "verdict"),
    [
        (0.9, "high enough to rely on"),
        (0.7, "enough only for tentative"),
        (0.3, "too low for conclusions"),
    ],
)
def test_the_agreement_verdicts(demo, alpha, verdict):
    import dataclasses

    study, panel, result = demo
    agreement = dataclasses.replace(result.agreement, alpha=alpha)
    findings = classification_findings(
        dataclasses.replace(result, agreement=agreement), panel, study.labels()
    )
    assert verdict in findings[0].text
    assert np.isfinite(alpha)
