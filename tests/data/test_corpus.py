import csv
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ecei_analysis import EceiDataError, load_study

"""The hostile-input corpus: legitimate variants load, the rest fail located."""


CORPUS = Path(__file__).resolve().parent / "corpus"
CASES = list(
    csv.DictReader((CORPUS / "EXPECTED.csv").read_text(encoding="utf-8").splitlines())
)


def test_corpus_is_large_enough():
    assert len(CASES) >= 40
    assert {c["outcome"] for c in CASES} == {"ok", "error"}
    assert sorted(c["file"] for c in CASES) == sorted(
        p.name for p in CORPUS.iterdir() if p.name != "EXPECTED.csv"
    )


def _install(small_dir: Path, case: dict) -> Path:
    source = CORPUS / case["file"]
    for old in small_dir.glob(f"{case['table']}.*"):
        old.unlink()
    suffix = source.suffix if source.suffix in (".xlsx", ".xls") else ".csv"
    target = small_dir / f"{case['table']}{suffix}"
    shutil.copyfile(source, target)
    return target


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_corpus_case(small_dir, case):
    target = _install(small_dir, case)
    if case["outcome"] == "ok":
        study = load_study(small_dir)
        key, column, value = case["check"].split(",", 2)
        if case["table"] == "assessments":
            assert study.points.loc[key, column] == float(value)
        else:
            assert study.clusters.loc[key, column] == value
        assert study.points.shape == (3, 4)
        return
    with pytest.raises(EceiDataError) as info:
        load_study(small_dir)
    err = info.value
    assert type(err) is EceiDataError
    assert case["fragment"] in str(err), str(err)
    assert target.name in str(err)
    if case["row"]:
        assert err.row == int(case["row"]), str(err)
    if case["column"]:
        assert err.column == case["column"], str(err)
    assert "\n" not in str(err)


def _big_study(folder: Path, n_clusters: int, n_indicators: int) -> np.ndarray:
    rng = np.random.default_rng(0)
    codes = [f"I{k:02d}" for k in range(n_indicators)]
    classes = ["very_important", "important", "not_so_important"]
    pd.DataFrame(
        {
            "code": codes,
            "name": codes,
            "category": 1,
            "max_points": 40,
            "significance_class": [classes[k % 3] for k in range(n_indicators)],
        }
    ).to_csv(folder / "indicators.csv", index=False)
    ids = [f"c{k:05d}" for k in range(n_clusters)]
    pd.DataFrame({"cluster_id": ids, "name": ids}).to_csv(
        folder / "clusters.csv", index=False
    )
    points = rng.integers(0, 81, size=(n_clusters, n_indicators)) / 2
    long = pd.DataFrame(
        {
            "cluster_id": np.repeat(ids, n_indicators),
            "indicator_code": np.tile(codes, n_clusters),
            "points": [f"{v:g}".replace(".", ",") for v in points.ravel()],
        }
    )
    long.to_csv(folder / "assessments.csv", index=False, sep=";")
    return points


def test_hundred_thousand_rows_load_exactly(tmp_path):
    points = _big_study(tmp_path, 5000, 20)
    study = load_study(tmp_path)
    assert study.points.shape == (5000, 20)
    np.testing.assert_array_equal(study.points.to_numpy(), points)


def test_hundred_thousand_rows_error_is_located(tmp_path):
    _big_study(tmp_path, 5000, 20)
    lines = (tmp_path / "assessments.csv").read_text().splitlines()
    cluster, code, _ = lines[77_777].split(";")
    lines[77_777] = f"{cluster};{code};41"
    (tmp_path / "assessments.csv").write_text("\n".join(lines) + "\n")
    with pytest.raises(
        EceiDataError, match=r"row 77778, column 'points': value '41' is outside"
    ):
        load_study(tmp_path)
