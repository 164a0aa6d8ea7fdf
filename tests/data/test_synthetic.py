import subprocess
import sys

import numpy as np

from ecei_analysis import class_points, load_study, rank_clusters, score_clusters
from ecei_analysis.core.resources import bundled_data_dir as default_data_dir
from ecei_analysis.scoring.weights import WEIGHT_SETS


def test_regenerating_gives_identical_bytes(tmp_path):
    out = tmp_path / "assessments.csv"
    votes = tmp_path / "votes.csv"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "ecei_analysis.data.synthetic",
            "--out",
            str(out),
            "--votes-out",
            str(votes),
        ],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == (default_data_dir() / "assessments.csv").read_bytes()
    bundled = default_data_dir() / "demo_classification_panel.csv"
    assert votes.read_bytes() == bundled.read_bytes()


def test_the_synthetic_experts_are_labelled_and_stay_near_the_proposal():
    from ecei_analysis import load_classification_panel

    study = load_study()
    panel = load_classification_panel(
        default_data_dir() / "demo_classification_panel.csv", study.indicators
    )
    assert panel.synthetic and all("(synthetic)" in e for e in panel.experts)
    same = (panel.votes.to_numpy() == study.classification.to_numpy()[:, None]).mean()
    assert 0.7 < same < 0.9  # p = 0.2 moves, a few abstentions


def test_every_row_is_labelled_synthetic():
    text = (default_data_dir() / "assessments.csv").read_text(encoding="utf-8")
    rows = text.strip().splitlines()[1:]
    assert len(rows) == 19 * 29
    assert all(r.endswith(",synthetic") and "SYNTHETIC" in r for r in rows)


def test_points_are_whole_and_within_max():
    study = load_study()
    pts = study.points.to_numpy()
    assert np.array_equal(pts, np.round(pts))
    assert (pts >= 0).all() and (pts <= study.indicators["max_points"].to_numpy()).all()


def test_plausible_weightings_reorder_the_leaders():
    points = class_points(load_study())
    base = rank_clusters(score_clusters(points, WEIGHT_SETS["equal"]))
    linear = rank_clusters(score_clusters(points, WEIGHT_SETS["proposal"]))
    i_heavy = rank_clusters(
        score_clusters(
            points, {"very_important": 1, "important": 2, "not_so_important": 1}
        )
    )
    assert base["tomsk"] == 1 and linear["kaluga"] == 1 and linear["tomsk"] == 2
    assert i_heavy["tomsk"] == 1 and i_heavy["innokam"] == 2 and i_heavy["kaluga"] == 3
