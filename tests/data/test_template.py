import pandas as pd
import pytest
from openpyxl import load_workbook

from ecei_analysis import EceiDataError, load_study
from ecei_analysis.data.template import write_template
from ecei_analysis.data.validate import validate_paths


def fill(path, study, edit=None, sheet="assessments"):
    wb = load_workbook(path)
    ws = wb[sheet]
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
    assert choice.type == "list"
    assert choice.formula1 == '"very important,important,not so important"'
    assert wb["classification"]["C2"].value == "very important"
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


def test_russian_template_reads_back_the_same(tmp_path):
    study = load_study()
    path = write_template(
        tmp_path / "ru.xlsx", study.indicators, study.clusters, language="ru"
    )
    wb = load_workbook(path)
    assert wb.sheetnames == ["инструкция", "оценки", "классификация", "кластеры"]
    assert "Шаблон" in wb["инструкция"]["A1"].value
    assert [c.value for c in wb["оценки"][1]][:5] == [
        "код",
        "название",
        "категория",
        "класс значимости",
        "макс. баллов",
    ]
    assert wb["классификация"]["C2"].value == "очень важные"
    assert (
        "Недопустимые баллы"
        == wb["оценки"].data_validations.dataValidation[0].errorTitle
    )
    fill(path, study, sheet="оценки")
    back = load_study(path)
    pd.testing.assert_frame_equal(back.points, study.points, check_names=False)
    pd.testing.assert_series_equal(
        back.classification, study.classification, check_names=False
    )
    with pytest.raises(EceiDataError, match="language 'de' is not available"):
        write_template(
            tmp_path / "x.xlsx", study.indicators, study.clusters, language="de"
        )


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


def test_classification_sheet_problems_are_located_there(tmp_path):
    study = load_study()
    path = write_template(tmp_path / "a.xlsx", study.indicators, study.clusters)

    def spoil(wb):
        cl = wb["classification"]
        cl["C3"] = "very importent"  # a typo, typed here
        cl["A5"] = "1.1.0"  # row 5 repeats 1.1.0 (row 2), so 1.2 loses its row
        cl["A31"] = "9.9"
        cl["C31"] = "important"

    fill(path, study, spoil)
    problems = [str(p) for p in validate_paths([path])]
    assert len(problems) == 4, problems
    joined = "\n".join(problems)
    assert (
        "sheet 'classification', row 3, column 'significance_class': unknown "
        "significance class 'very importent'" in joined
    )
    assert (
        "sheet 'classification', row 5, column 'code': indicator '1.1.0' is "
        "classified twice (first at row 2)" in joined
    )
    assert (
        "sheet 'classification', row 31, column 'code': '9.9' is not an "
        "indicator" in joined
    )
    assert (
        "sheet 'assessments', row 5, column 'code': indicator '1.2' has no row "
        "in the classification sheet" in joined
    )
    assert "lookup" not in joined and "significance_class': ''" not in joined


def test_a_formula_does_not_hide_the_other_problems(tmp_path):
    study = load_study()
    path = write_template(tmp_path / "a.xlsx", study.indicators, study.clusters)

    def spoil(wb):
        ws = wb["assessments"]
        ws["F2"] = "=1+2"
        ws["G3"] = 55
        ws["H4"] = "#DIV/0!"
        ws["H4"].data_type = "e"

    fill(path, study, spoil)
    problems = [str(p) for p in validate_paths([path])]
    assert len(problems) == 3, problems
    assert any("formula '=1+2' in cell F2" in p for p in problems)
    assert any("error value #DIV/0! in cell H4" in p for p in problems)


def test_hostile_names_are_written_as_text(tmp_path):
    study = load_study()
    clusters = study.clusters.copy()
    clusters.loc["tomsk", "name"] = '=HYPERLINK("http://evil","x")'
    clusters.loc["kaluga", "short_name"] = "@SUM(1)"
    path = write_template(tmp_path / "a.xlsx", study.indicators, clusters)
    ws = load_workbook(path)["clusters"]
    cells = {c.value: c.data_type for row in ws.iter_rows() for c in row}
    assert cells['=HYPERLINK("http://evil","x")'] == "s"
    assert cells["@SUM(1)"] == "s"


def test_template_output_is_never_destroyed(tmp_path):
    study = load_study()
    path = tmp_path / "a.xlsx"
    write_template(path, study.indicators, study.clusters)
    write_template(path, study.indicators, study.clusters)  # its own output: fine
    fill(path, study)  # now the assessor's work
    with pytest.raises(EceiDataError, match="was not written by 'ecei template'"):
        write_template(path, study.indicators, study.clusters)
    assert load_study(path).points.equals(study.points)
    write_template(path, study.indicators, study.clusters, force=True)


def test_a_hidden_stale_sheet_is_never_read(tmp_path):
    study = load_study()
    path = write_template(tmp_path / "a.xlsx", study.indicators, study.clusters)
    fill(path, study)
    wb = load_workbook(path)
    wb["classification"].sheet_state = "hidden"
    wb.save(path)
    with pytest.raises(EceiDataError, match="sheet 'classification' is hidden"):
        load_study(path)


def test_the_russian_template_is_fully_russian(tmp_path):
    """Every text a Russian assessor reads: sheets, headers, instructions,
    indicator names, classes, rationales and the validation pop-ups."""
    import re

    study = load_study()
    path = write_template(
        tmp_path / "оценка.xlsx", study.indicators, study.clusters, language="ru"
    )
    wb = load_workbook(path)
    assert wb.sheetnames == ["инструкция", "оценки", "классификация", "кластеры"]
    texts = list(wb.sheetnames)
    for title in ("инструкция", "оценки", "классификация"):
        ws = wb[title]
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and not value.startswith("=VLOOKUP"):
                    texts.append(value)
        for check in ws.data_validations.dataValidation:
            texts += [
                check.error or "",
                check.prompt or "",
                check.errorTitle or "",
                check.promptTitle or "",
                check.formula1 or "",
            ]
    texts += [c.value for c in wb["кластеры"][1]]  # the headers
    allowed = set(study.clusters.index) | {
        "ecei",
        "validate",
        "rank",
        "data",
        "assessment",
        "xlsx",
        "ECEI",
        "ecei_analysis",
    }
    allowed |= {
        w for cid in study.clusters.index for w in re.findall(r"[A-Za-z_]+", cid)
    }
    words = {w for t in texts for w in re.findall(r"[A-Za-z][A-Za-z_\-']+", str(t))}
    assert words - allowed == set(), sorted(words - allowed)
    assert (
        "очень важные" in texts
        and "Вовлечённость (приверженность) участников кластера" in texts
    )
