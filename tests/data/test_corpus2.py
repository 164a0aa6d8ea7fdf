"""The second hostile corpus: every case gives a correct result or a clean error."""

import csv
import json
import os
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from helpers import C3, W

from ecei_analysis import (
    AssessorNoise,
    EceiDataError,
    as_weights,
    class_points,
    classification_uncertainty,
    load_study,
    rank_clusters,
    rank_matrix,
    rank_uncertainty,
    sample_weights,
    score_clusters,
    smaa,
    weights_to_reach,
)
from ecei_analysis.cli import main
from ecei_analysis.reports.runner import load_parameter_file

CORPUS = Path(__file__).resolve().parent / "corpus2"
CASES = list(
    csv.DictReader((CORPUS / "EXPECTED.csv").read_text(encoding="utf-8").splitlines())
)


def test_every_corpus_file_has_an_expectation_and_every_expectation_a_file():
    files = {c["case"] for c in CASES if c["how"] in ("load", "template", "params")}
    folders = {c["case"] for c in CASES if c["how"] == "folder"}
    on_disk = {p.name for p in CORPUS.iterdir()} - {"EXPECTED.csv"}
    assert files | folders == on_disk


def _install(small_dir: Path, case: dict) -> None:
    source = CORPUS / case["case"]
    for old in small_dir.glob(f"{case['target']}.*"):
        old.unlink()
    suffix = ".xlsx" if source.suffix == ".xlsx" else ".csv"
    shutil.copyfile(source, small_dir / f"{case['target']}{suffix}")


def _check(study, check: str) -> None:
    kind, *rest = check.split("|")
    if kind == "points":
        cluster, code, value = rest
        assert study.points.loc[cluster, code] == pytest.approx(float(value))
    elif kind == "clusters":
        cluster, column, value = rest
        assert study.clusters.loc[cluster, column] == value
    elif kind == "class":
        code, value = rest
        assert study.classification[code] == value
    elif kind == "classes":
        assert ",".join(study.classes) == rest[0]
    else:  # pragma: no cover - a corpus error
        raise AssertionError(check)


def _error_is_clean(info, case) -> None:
    message = str(info.value)
    assert case["fragment"] in message, message
    assert "\n" not in message and " at 0x" not in message


def _api(name: str, small_dir: Path, tmp_path: Path):
    study = load_study()
    points = class_points(study)
    calls = {
        "api_box_nominal_nan": lambda: smaa(
            points, sampler="box", nominal=[np.nan, 1, 1], draws=10
        ),
        "api_dirichlet_huge_concentration": lambda: smaa(
            points, sampler="dirichlet", concentration=1e308, draws=10
        ),
        "api_noise_other_study": lambda: smaa(
            points,
            draws=10,
            noise=AssessorNoise.from_study(load_study(small_dir), levels=1),
        ),
        "api_classification_average_ties": lambda: classification_uncertainty(
            study, W, draws=10, ties="average"
        ),
        "api_interval_reversed": lambda: rank_uncertainty(
            points, W, draws=10, interval=(0.95, 0.05)
        ),
        "api_points_as_list": lambda: score_clusters([[1, 2, 3]], W),
        "api_points_with_text": lambda: score_clusters(
            pd.DataFrame([["1", "x", "2"]], columns=C3), W
        ),
        "api_points_empty": lambda: score_clusters(pd.DataFrame(columns=C3), W),
        "api_draws_as_text": lambda: smaa(points, draws="1e6"),
        "api_tol_as_text": lambda: rank_matrix(np.ones(3), tol="x"),
        "api_nan_points_inverse": lambda: weights_to_reach(
            points.assign(important=np.nan), "kaluga", 1, W
        ),
        "api_parse_weights_none": lambda: as_weights(None),
        "api_load_study_list": lambda: load_study(["data"]),
        "api_sample_negative_size": lambda: sample_weights("uniform", -1),
        "api_seed_object": lambda: smaa(points, draws=10, seed=object()),
    }
    if name == "api_tiny_scores_rank":
        ranks = rank_clusters(pd.Series([3e-10, 2e-10, 1e-10])).tolist()
        assert ranks == [1, 2, 3]
        return
    if name == "api_scaled_weights_same_ranking":
        for factor in (1e-12, 1e12):
            scaled = {c: v * factor for c, v in W.items()}
            pd.testing.assert_series_equal(
                rank_clusters(score_clusters(points, scaled)),
                rank_clusters(score_clusters(points, W)),
            )
        return
    if name == "api_symlink_loop":
        (small_dir / "clusters.csv").unlink()
        os.symlink(small_dir / "clusters.csv", small_dir / "clusters.csv")
        return load_study(small_dir)
    return calls[name]()


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_corpus2_case(case, small_dir, tmp_path, monkeypatch, capsys):
    how = case["how"]
    if how == "load":
        _install(small_dir, case)
        if case["outcome"] == "ok":
            _check(load_study(small_dir), case["check"])
        else:
            with pytest.raises(EceiDataError) as info:
                load_study(small_dir)
            _error_is_clean(info, case)
            assert case["target"] in str(info.value)
    elif how == "folder":
        for item in (CORPUS / case["case"]).iterdir():
            shutil.copyfile(item, small_dir / item.name)
        if case["outcome"] == "ok":
            _check(load_study(small_dir), case["check"])
        else:
            with pytest.raises(EceiDataError) as info:
                load_study(small_dir)
            _error_is_clean(info, case)
    elif how == "template":
        if case["outcome"] == "ok":
            _check(load_study(CORPUS / case["case"]), case["check"])
        else:
            with pytest.raises(EceiDataError) as info:
                load_study(CORPUS / case["case"])
            _error_is_clean(info, case)
    elif how == "params":
        if case["outcome"] == "ok":
            key, value = case["check"].split("|")
            assert load_parameter_file(CORPUS / case["case"])[key] == value
        else:
            with pytest.raises(EceiDataError) as info:
                load_parameter_file(CORPUS / case["case"])
            _error_is_clean(info, case)
    elif how == "cli":
        two = tmp_path / "two"
        shutil.copytree(small_dir, two)
        shutil.copyfile(
            CORPUS / "folder_two_classes" / "indicators.csv", two / "indicators.csv"
        )
        (tmp_path / "file.txt").write_text("the user's notes")
        (tmp_path / "file.xlsx").write_bytes(b"the user's filled workbook")
        (tmp_path / "mine").mkdir()
        (tmp_path / "mine" / "notes.txt").write_text("keep")
        work = tmp_path / "work"
        work.mkdir()
        monkeypatch.chdir(work)
        argv = [
            a.format(tmp=tmp_path, small=small_dir, corpus=CORPUS, two=two)
            for a in json.loads(case["argv"])
        ]
        code = main(argv)
        out, err = capsys.readouterr()
        assert code == int(case["target"]), (code, err)
        assert case["fragment"] in out + err, err
        assert err.count("\n") <= 2 and " at 0x" not in err
        assert (tmp_path / "file.txt").read_text() == "the user's notes"
        assert (tmp_path / "file.xlsx").read_bytes() == b"the user's filled workbook"
        assert (tmp_path / "mine" / "notes.txt").read_text() == "keep"
        assert not [
            p
            for p in tmp_path.rglob(".*")
            if p.name != ".ecei-output.json" and not p.name.endswith(".ecei-output")
        ]
    elif how == "api":
        if case["outcome"] == "ok":
            _api(case["case"], small_dir, tmp_path)
        else:
            with pytest.raises(EceiDataError) as info:
                _api(case["case"], small_dir, tmp_path)
            _error_is_clean(info, case)
    else:  # pragma: no cover - a corpus error
        raise AssertionError(how)
