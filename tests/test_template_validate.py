"""Excel template round trip and `ecei validate` (every problem, one implementation)."""

import pandas as pd
import pytest
from openpyxl import load_workbook

from ecei_analysis import EceiDataError, load_study
from ecei_analysis.cli import main
from ecei_analysis.template import write_template
from ecei_analysis.validation import validate_paths


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


def test_validate_reports_every_seeded_problem(small_dir, capsys):
    (small_dir / "assessments.csv").write_text(
        "cluster_id,indicator_code,points,provenance\n"
        "x,A1,8,synthetic\n"
        "x,A2,five,synthetic\n"  # row 3: not a number
        "x,B1,12,synthetic\n"
        "x,B2,10,synthetic\n"
        "y,A1,2,synthetic\n"
        "y,A2,11,synthetic\n"  # row 7: over max 10
        "y,B1,10,invented\n"  # row 8: bad provenance
        "y,B2,15,synthetic\n"
        "w,A1,10,synthetic\n"  # row 10: unknown cluster
        "z,A1,10,synthetic\n"
        "z,A1,1,synthetic\n"  # row 12: duplicate
        "z,B1,20,synthetic\n"
        "z,B2,-4,synthetic\n",  # row 14: negative; z/A2 missing
        encoding="utf-8",
    )
    (small_dir / "clusters.csv").write_text(
        "cluster_id,name\nx,Cluster X\ny,Cluster Y\nz,Cluster Z\nz,Again\n"
    )  # row 5 dup
    code = main(["validate", str(small_dir)])
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    expected = [
        "clusters.csv, row 5, column 'cluster_id': duplicate cluster id 'z'",
        "assessments.csv, row 3, column 'points': expected a number, got 'five'",
        "assessments.csv, row 7, column 'points': value '11' is outside",
        "assessments.csv, row 8, column 'provenance': provenance 'invented'",
        "assessments.csv, row 10, column 'cluster_id': unknown cluster id 'w'",
        "assessments.csv, row 12, column 'indicator_code': duplicate points",
        "assessments.csv, row 14, column 'points': value '-4' is outside",
        "1 cluster/indicator pair(s) have no points: z / A2",
    ]
    for fragment in expected:
        assert sum(fragment in line for line in lines) == 1, (fragment, lines)
    assert len(lines) == len(expected)
    assert code == 1 and "8 problem(s)" in err


def test_validate_clean_and_single_files(capsys):
    assert main(["validate", "data"]) == 0
    assert "no problems found" in capsys.readouterr().err
    assert main(["validate", "data/assessments.csv", "data/indicators.csv"]) == 0


def test_loader_stops_at_first_problem_with_same_message(small_dir):
    (small_dir / "assessments.csv").write_text(
        "cluster_id,indicator_code,points\nx,A1,five\nx,A2,99\n"
    )
    with pytest.raises(EceiDataError) as info:
        load_study(small_dir)
    problems = validate_paths([small_dir])
    assert str(problems[0]) == str(info.value)
    assert len(problems) > 1
