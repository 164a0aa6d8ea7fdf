import pandas as pd
import pytest
from openpyxl import load_workbook

from ecei_analysis import EceiDataError, load_study
from ecei_analysis.data.template import write_template
from ecei_analysis.data.validate import validate_paths


def fill(path, study, edit=None):
    wb = load_workbook(path)
    ws = wb["assessments"]
    ids = [c.value for c in ws[1]][5:]
    for row in ws.iter_rows(min_row=2):
        code = row[0].value
        for cid, cell in zip(ids, row[5:], strict=True):
            cell.value = float(study.points.loc[cid, code])
    if edit:
        edit(wb)
    wb.save(path)


def test_template_round_trip_equals_csv_study(tmp_path):
    study = load_study()
    path = write_template(
        tmp_path / "assessment.xlsx", study.indicators, study.clusters
    )
    wb = load_workbook(path)
    assert wb.sheetnames == [
        "instructions",
        "assessments",
        "classification",
        "clusters",
    ]
    ws = wb["assessments"]
    assert [c.value for c in ws[1]][:5] == [
        "code",
        "name",
        "category",
        "significance_class",
        "max_points",
    ]
    validations = ws.data_validations.dataValidation
    assert len(validations) == 1 and validations[0].type == "decimal"
    assert validations[0].formula1 == "0" and validations[0].formula2 == "$E2"
    assert str(validations[0].sqref) == "F2:X30"
    choice = wb["classification"].data_validations.dataValidation[0]
    assert choice.type == "list" and "very_important" in choice.formula1
    fill(path, study)
    back = load_study(path)
    pd.testing.assert_frame_equal(back.points, study.points, check_names=False)
    pd.testing.assert_series_equal(
        back.classification, study.classification, check_names=False
    )
    assert (back.indicators["max_points"] == study.indicators["max_points"]).all()
    assert list(back.clusters.index) == list(study.clusters.index)
    assert validate_paths([path]) == []


def test_template_classification_edit_is_used(tmp_path):
    study = load_study()
    path = write_template(tmp_path / "a.xlsx", study.indicators, study.clusters)

    def demote(wb):
        wb["classification"]["C2"] = "not_so_important"  # 1.1.0

    fill(path, study, demote)
    back = load_study(path)
    assert back.classification["1.1.0"] == "not_so_important"


def test_russian_instructions(tmp_path):
    study = load_study()
    path = write_template(
        tmp_path / "ru.xlsx", study.indicators, study.clusters, lang="ru"
    )
    assert "Шаблон" in load_workbook(path)["instructions"]["A1"].value
    with pytest.raises(EceiDataError, match="lang must be"):
        write_template(tmp_path / "x.xlsx", study.indicators, study.clusters, lang="de")


def test_template_errors_point_at_the_cell(tmp_path):
    study = load_study()
    path = write_template(tmp_path / "a.xlsx", study.indicators, study.clusters)

    def spoil(wb):
        ws = wb["assessments"]
        ws["G3"] = 55  # kaluga, indicator 1.1.1, max 40
        ws["H4"] = "n/a"  # innokam, 1.1.2
        ws["F5"] = None  # tomsk, 1.2

    fill(path, study, spoil)
    problems = [str(p) for p in validate_paths([path])]
    assert len(problems) == 3
    assert any(
        "sheet 'assessments', row 3, column 'kaluga (G)': value '55' is outside "
        "the allowed range [0, 40]" in p
        for p in problems
    )
    assert any(
        "row 4, column 'innokam (H)': expected a number, got 'n/a'" in p
        for p in problems
    )
    assert any("row 5, column 'tomsk (F)': empty cell" in p for p in problems)
    with pytest.raises(EceiDataError, match="kaluga \\(G\\)"):
        load_study(path)
