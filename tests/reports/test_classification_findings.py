import pytest

from ecei_analysis import (
    analyse_classification_panel,
    load_classification_panel,
    load_study,
)
from ecei_analysis.core.resources import bundled_classification_panel_file
from ecei_analysis.reports.classification_findings import (
    classification_experts_table,
    classification_findings,
    classification_places_table,
    disputed_table,
)
from ecei_analysis.reports.sentences import sentence_classification_agreement


@pytest.fixture(scope="module")
def demo():
    study = load_study()
    panel = load_classification_panel(
        bundled_classification_panel_file(), study.indicators
    )
    result = analyse_classification_panel(study, panel, "3:2:1", draws=2000)
    return study, panel, result


def test_the_findings_state_the_computed_numbers(demo):
    study, panel, result = demo
    findings = classification_findings(result, panel, study.labels())
    assert [f.key for f in findings] == ["classification"] * 5
    alpha = result.agreement.alpha
    assert f"is {alpha:.2f}" in findings[0].text
    assert findings[0].text.startswith(
        "7 experts classified 29 indicators (4 abstentions)"
    )
    unanimous = int((result.agreement.indicators["modal_share"] == 1).sum())
    assert findings[1].text.startswith(f"{unanimous} of 29 indicators")
    changed = findings[2].values["changed"]
    assert all(
        result.agreement.consensus[c["code"]] == c["after"]
        and study.classification[c["code"]] == c["before"]
        for c in changed
    )
    places = findings[3].values["places"]
    for row in places:
        cid = next(c for c, n in study.labels().items() if n == row["name"])
        assert row["consensus"] == result.ahead.at[cid, "consensus"] + 1
    keep = findings[4].values["keep"]
    assert all(0 <= k["share"] <= 1 for k in keep)


def test_the_tables(demo):
    study, panel, result = demo
    experts = classification_experts_table(result)
    assert (
        len(experts) == 7
        and experts["votes"].sum() + experts["abstained"].sum() == 7 * 29
    )
    disputed = disputed_table(result, panel, study.labels())
    assert set(disputed["indicator"]) == set(result.agreement.disputed.index)
    places = classification_places_table(result, study.labels())
    assert len(places) == 19 and places["place, consensus"].is_monotonic_increasing


@pytest.mark.parametrize(
    ("alpha", "verdict"),
    [(0.9, "reliable"), (0.7, "tentative"), (0.3, "below Krippendorff's guide")],
)
def test_agreement_sentences(alpha, verdict):
    text = sentence_classification_agreement(5, 29, 0, alpha, alpha - 0.1, alpha + 0.05)
    assert verdict in text and "bootstrap interval" in text
    assert "single expert" in sentence_classification_agreement(
        1, 29, 2, float("nan"), float("nan"), float("nan")
    )
    assert "agree completely" in sentence_classification_agreement(
        3, 29, 0, float("nan"), float("nan"), float("nan")
    )
