import numpy as np
import pandas as pd
import pytest

from ecei_analysis import class_points, clusters_ahead, load_study, score_clusters
from ecei_analysis.cli import main
from ecei_analysis.reports.importance_findings import (
    importance_findings,
    importance_table,
)
from ecei_analysis.reports.sentences import (
    sentence_class_importance,
    sentence_matched_moves,
    sentence_matched_weights,
)

C3 = ["very_important", "important", "not_so_important"]


def test_the_findings_state_what_is_recomputed_independently(study, points):
    labels = study.labels()
    report = importance_findings(points, "3:2:1", labels)
    # Importance by numpy, independently of the package.
    w = np.array([3.0, 2.0, 1.0]) / 6
    y = points.to_numpy() @ w
    r2 = np.array([np.corrcoef(points[c], y)[0, 1] ** 2 for c in C3])
    shares = r2 / r2.sum()
    table = report.findings[1].values["table"]
    np.testing.assert_allclose([table[c]["importance_share"] for c in C3], shares)
    first = report.findings[1].sentences[0]
    assert first == (
        f"Very important: 50% of the weight, {100 * shares[0]:.0f}% of the "
        f"real importance ({shares[0] / w[0]:.2f} times its weight)."
    )
    # The matched weights: their importance recomputed, and the moves.
    matched = report.findings[2].values["weights"]
    wm = np.array([matched[c] for c in C3])
    ym = points.to_numpy() @ wm
    r2m = np.array([np.corrcoef(points[c], ym)[0, 1] ** 2 for c in C3])
    np.testing.assert_allclose(r2m / r2m.sum(), w, atol=0.01)
    ahead = clusters_ahead(score_clusters(points, dict(zip(C3, wm, strict=True))))
    before = clusters_ahead(score_clusters(points, "3:2:1"))
    assert sorted(report.findings[3].values["moved"]) == sorted(
        c for c in points.index if ahead[c] != before[c]
    )
    frame = importance_table(report)
    assert frame.shape == (3, 7)
    np.testing.assert_allclose(frame.iloc[:, 2], 100 * shares)


def test_importance_sentences_cover_each_case():
    assert sentence_class_importance("important", 0.0, 0.0, np.nan) == (
        "Important: no weight and no importance."
    )
    assert "an association, not an influence" in sentence_class_importance(
        "important", 0.0, 0.25, np.nan
    )
    assert "but no importance" in sentence_class_importance("important", 0.3, 0.0, 0)
    text = sentence_matched_weights(
        [0.5, 0.3, 0.2], [0.6, 0.1, 0.3], [0.4, 0.4, 0.2], False, "constant_class", True
    )
    assert text.startswith("No weighting within the ordered region")
    assert "same points for every cluster" in text and "60 : 10 : 30" in text
    assert sentence_matched_moves([], 0, 19) == (
        "Under these weights every cluster keeps its place."
    )
    assert sentence_matched_moves([], 3, 19) == (
        "Under these weights the leading places hold; 3 of 19 clusters change place."
    )


def test_a_class_without_spread_is_reported(tmp_path):
    pts = pd.DataFrame(
        np.column_stack([np.arange(8.0), np.full(8, 5.0), np.arange(8.0) % 3]),
        columns=C3,
        index=[f"c{i}" for i in range(8)],
    )
    report = importance_findings(pts, "1:1:1", {c: c for c in pts.index})
    assert "but no importance" in report.findings[1].sentences[1]
    assert report.matched.reason == "constant_class"
    assert report.findings[2].sentences[0].startswith("No weighting makes")


def test_the_command_line(capsys):
    assert main(["importance", "--target", "1:1:1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("SYNTHETIC DEMONSTRATION DATA")
    assert "To make the classes matter 33 : 33 : 33" in out
    assert main(["importance", "--optimiser", "infomax", "--method", "kendall"]) == 0
    out = capsys.readouterr().out
    assert "The classes explain the most together when weighted" in out
    assert "Kendall" in out
    assert main(["importance", "--target", "1:1"]) == 2
    assert "ratio parts" in capsys.readouterr().err


@pytest.mark.parametrize("weights", ["1:1:1", "1:0:0", "5:2:1", "1:1:0"])
def test_every_weighting_gives_a_full_report(weights):
    study = load_study()
    report = importance_findings(class_points(study), weights, study.labels())
    assert len(report.findings) == 4
    assert all(s.endswith(".") for f in report.findings for s in f.sentences)
