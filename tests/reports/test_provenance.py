from ecei_analysis import load_study
from ecei_analysis.core.i18n import use_language
from ecei_analysis.reports.provenance import (
    calibrated_to_2015,
    data_label,
    provenance_record,
    report_date,
    study_banner,
    synthetic_banner,
)


def test_synthetic_data_are_labelled(study):
    assert study_banner(study) == synthetic_banner()
    assert "SYNTHETIC" in data_label(study) and "not real" in data_label(study)


def test_only_data_that_reproduce_the_2015_totals_claim_the_calibration(
    bundled_copy, small_dir
):
    """Other synthetic data get a banner that claims nothing about 2015."""
    assert calibrated_to_2015(load_study(bundled_copy))
    # One point moved: Tomsk no longer sums to 825.
    path = bundled_copy / "assessments.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("tomsk,1.1.0,25,")
    lines[1] = lines[1].replace("tomsk,1.1.0,25,", "tomsk,1.1.0,24,", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    moved = load_study(bundled_copy)
    small = load_study(small_dir)  # synthetic, with other published totals
    for study in (moved, small):
        assert study.is_synthetic and not calibrated_to_2015(study)
        banner, label = study_banner(study), data_label(study)
        assert banner.startswith("SYNTHETIC DATA:") and "not real" in banner
        assert label.startswith("SYNTHETIC data") and "not real" in label
        assert "2015" not in banner + label and "825" not in banner
    with use_language("ru"):
        assert study_banner(small).startswith("СИНТЕТИЧЕСКИЕ ДАННЫЕ:")
        assert "2015" not in data_label(small)


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
