from ecei_analysis import load_study
from ecei_analysis.reports.provenance import (
    data_label,
    provenance_record,
    report_date,
    study_banner,
    synthetic_banner,
)


def test_synthetic_data_are_labelled(study):
    assert study_banner(study) == synthetic_banner()
    assert "SYNTHETIC" in data_label(study) and "not real" in data_label(study)


def test_real_data_are_labelled_by_their_flag(small_dir, tmp_path):
    text = (small_dir / "assessments.csv").read_text().replace("synthetic", "assumed")
    (small_dir / "assessments.csv").write_text(text)
    study = load_study(small_dir)
    assert data_label(study) == "analyst-supplied data (assumed)"
    assert study_banner(study) == "Data: analyst-supplied data (assumed)."


def test_record_has_date_parameters_files_and_versions(study, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1424995200")
    assert report_date() == "2015-02-27"
    record = provenance_record(study, {"weights": "3:2:1", "draws": 10})
    assert record.loc["date", "value"] == "27 February 2015"
    assert record.loc["parameter: weights", "value"] == '"3:2:1"'
    assert record.loc["file: assessments.csv", "value"].startswith("sha256 ")
    assert record.loc["provenance: assessments", "value"] == "synthetic"
    assert "version: numpy" in record.index
