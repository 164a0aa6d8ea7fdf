import numpy as np
import pandas as pd
import pytest

from ecei_analysis import class_points, load_study, rank_clusters, score_clusters
from ecei_analysis.cli import main
from ecei_analysis.reports.importance_findings import (
    importance_findings,
    importance_places_table,
    importance_table,
    whole_percent,
)

C3 = ["very_important", "important", "not_so_important"]


def importance_by_numpy(points: pd.DataFrame, weights) -> np.ndarray:
    """Squared Pearson correlation of each class with the total, as shares."""
    w = np.asarray(weights, dtype=float) / np.sum(weights)
    y = points[C3].to_numpy() @ w
    r2 = np.array([np.corrcoef(points[c], y)[0, 1] ** 2 for c in C3])
    return r2 / r2.sum()


def test_the_findings_state_what_is_recomputed_independently(study, points):
    report = importance_findings(points, "3:2:1", study.labels())
    shares = importance_by_numpy(points, [3, 2, 1])
    table = report.findings[1].values["table"]
    np.testing.assert_allclose([table[c]["importance_share"] for c in C3], shares)
    assert report.findings[1].sentences[0] == (
        f"Very important: 50% of the weight, {100 * shares[0]:.0f}% of the real "
        "importance."
    )
    assert report.findings[0].text.startswith(
        "Real importance here is relative: each class's squared Pearson correlation "
        "with the score, scaled so that the classes' shares add up to 100%."
    )
    # The advice keeps the order by default; stated weights are whole per cent
    # summing to 100, and the importance beside them is theirs, recomputed.
    advice = report.findings[2]
    advised = advice.values["advised"]
    assert sum(advised.values()) == 100
    assert (
        advised["very_important"] >= advised["important"] >= advised["not_so_important"]
    )
    achieved = importance_by_numpy(points, [advised[c] for c in C3])
    stated = whole_percent(pd.Series(achieved, index=C3))
    assert " : ".join(str(int(v)) for v in stated) in advice.sentences[0]
    # Here no ordered weighting reaches 50 : 33 : 17: the alternative is marked,
    # with its reason, and it breaks the order.
    assert advice.values["state"] == "beyond_reach"
    alternative = advice.values["alternative"]["advised"]
    assert alternative["important"] < alternative["not_so_important"]
    assert advice.sentences[1].startswith("Alternative that breaks the order:")
    assert advice.sentences[2].startswith(
        "The reason: very important and important points go together (correlation "
    )
    corr = np.corrcoef(points["very_important"], points["important"])[0, 1]
    assert f"(correlation {corr:.2f})" in advice.sentences[2]
    # The places under the advised weights, and the table that says the same.
    places = report.places
    assert (
        places["matched"].tolist()
        == rank_clusters(score_clusters(points, advised), ties="min").tolist()
    )
    frame = importance_places_table(report, study.labels())
    assert (
        frame["change"]
        == frame["place, proposed weights"] - frame["place, advised weights"]
    ).all()
    numbers = importance_table(report)
    assert numbers["advised weights"].tolist() == [f"{advised[c]}%" for c in C3]


def test_a_class_without_spread_is_reported():
    pts = pd.DataFrame(
        np.column_stack([np.arange(8.0), np.full(8, 5.0), np.arange(8.0) % 3]),
        columns=C3,
        index=[f"c{i}" for i in range(8)],
    )
    report = importance_findings(pts, "1:1:1", {c: c for c in pts.index})
    assert report.findings[1].sentences[1] == (
        "Important: 33% of the weight, but its points are the same for every "
        "cluster, so it decides nothing."
    )
    assert report.matched.reason == "constant_class"
    assert report.findings[2].sentences[0].startswith("No weighting makes")


def test_a_class_without_weight_and_a_target_that_leaves_it_out(study, points):
    report = importance_findings(points, "1:0:0", study.labels())
    lines = report.findings[1].sentences
    assert lines[1].startswith("Important: no weight, so it decides nothing")
    advice = report.findings[2]
    assert advice.values["state"] == "target_leaves_out"
    assert "given no importance in the target, still go with the total" in (advice.text)
    assert "nan" not in advice.text.lower()


def test_a_small_study_is_indicative():
    rng = np.random.default_rng(3)
    pts = pd.DataFrame(rng.random((5, 3)) * 10, columns=C3, index=list("abcde"))
    report = importance_findings(pts, "3:2:1", {c: c for c in pts.index})
    small = [f for f in report.findings if f.values.get("state") == "small"]
    assert small and "With only 5 clusters these correlations are unreliable" in (
        small[0].text
    )


def test_the_command_line(capsys):
    assert main(["importance", "--target", "1:1:1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("SYNTHETIC DEMONSTRATION DATA")
    assert "matter 33 : 33 : 33" in out
    assert main(["importance", "--optimiser", "infomax", "--method", "kendall"]) == 0
    out = capsys.readouterr().out
    assert "The classes explain the most together when weighted" in out
    assert "Kendall" in out
    assert main(["importance", "--target", "1:1"]) == 2
    assert "ratio parts" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("language", "said"), [("en", "warning: a class has only 16"), ("ru", "всего 16")]
)
def test_a_warning_is_one_line_once_in_the_language(capsys, language, said):
    argv = ["importance", "--method", "ratio", "--lang", language]
    assert main(argv) == 0
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ecei importance: "), lines
    assert said in lines[0] and ".py" not in lines[0]


@pytest.mark.parametrize("weights", ["1:1:1", "1:0:0", "5:2:1", "1:1:0", "0:0:1"])
def test_every_weighting_gives_a_full_report(weights):
    study = load_study()
    report = importance_findings(class_points(study), weights, study.labels())
    sentences = [s for f in report.findings for s in f.sentences]
    assert all(s.endswith(".") for s in sentences)
    assert not any("nan" in s.lower() or "None" in s for s in sentences)
