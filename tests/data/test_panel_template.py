import numpy as np
import pytest
from openpyxl import load_workbook

from ecei_analysis import EceiDataError
from ecei_analysis.cli import main
from ecei_analysis.data.panel_template import write_panel_template
from ecei_analysis.data.panel_votes import load_panel
from ecei_analysis.data.validate import validate_paths


def fill(path, rows):
    wb = load_workbook(path)
    ws = wb.worksheets[1]
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c).value = value
    wb.save(path)


def test_the_voting_sheet_is_filled_and_read_back(tmp_path):
    path = write_panel_template(tmp_path / "votes.xlsx", rows=12)
    wb = load_workbook(path)
    assert wb.sheetnames == ["instructions", "votes"]
    ws = wb["votes"]
    header = [c.value for c in ws[1]]
    assert header == [
        "participant",
        "form",
        "very important",
        "important",
        "not so important",
        "very important / important",
        "very important / not so important",
        "important / not so important",
        "comment",
    ]
    checks = {str(v.sqref): v for v in ws.data_validations.dataValidation}
    assert checks["B2:B13"].type == "list"
    assert checks["B2:B13"].formula1 == '"weights,points,ranks,pairwise"'
    assert checks["C2:E13"].type == "decimal"
    assert checks["C2:E13"].operator == "greaterThanOrEqual"
    assert checks["F2:H13"].formula1 == (
        '"1/9,1/8,1/7,1/6,1/5,1/4,1/3,1/2,1,2,3,4,5,6,7,8,9"'
    )
    fill(
        path,
        [
            ["Ann", "weights", 3, 2, 1, None, None, None, "as proposed"],
            ["Bo", "points", 50, 30, 20],
            ["<b>Cy</b>", "ranks", 1, 1, 2],
            ["Di", "pairwise", None, None, None, "2", "4", "2"],
        ],
    )
    panel = load_panel(path)
    assert panel.participants == ["Ann", "Bo", "<b>Cy</b>", "Di"]
    np.testing.assert_allclose(
        panel.weights.to_numpy()[2], [5 / 12, 5 / 12, 1 / 6], atol=1e-15
    )
    # Di: 2 : 1 over important, 4 : 1 over not so important, 2 : 1 between them, a
    # consistent matrix of the weights 4 : 2 : 1.
    np.testing.assert_allclose(panel.weights.loc["Di"], [4 / 7, 2 / 7, 1 / 7])
    assert panel.consistency["Di"] == 0.0
    assert panel.comments.tolist() == ["as proposed", "", "", ""]
    assert validate_paths([path]) == []


def test_the_russian_voting_sheet_reads_back(tmp_path):
    path = write_panel_template(tmp_path / "голоса.xlsx", language="ru")
    wb = load_workbook(path)
    assert wb.sheetnames == ["инструкция", "голоса"]
    assert [c.value for c in wb["голоса"][1]][:3] == [
        "участник",
        "способ",
        "очень важные",
    ]
    fill(path, [["Иванов", "баллы", 60, 30, 10], ["Петров", "ранги", 1, 2, 3]])
    panel = load_panel(path)
    assert list(panel.forms) == ["points", "ranks"]


def test_problems_in_a_filled_sheet_are_located(tmp_path):
    path = write_panel_template(tmp_path / "votes.xlsx")
    fill(path, [["Ann", "points", 50, 30, 15], ["Bo", "ranks", 1, 7, 2]])
    problems = validate_paths([path])
    assert [(p.sheet, p.row, p.column) for p in problems] == [
        ("votes", 2, None),
        ("votes", 3, "important"),
    ]


def test_two_classes_and_bad_arguments(tmp_path):
    path = write_panel_template(
        tmp_path / "two.xlsx", classes=["very_important", "important"]
    )
    assert [c.value for c in load_workbook(path)["votes"][1]] == [
        "participant",
        "form",
        "very important",
        "important",
        "very important / important",
        "comment",
    ]
    with pytest.raises(EceiDataError, match=r"as \.xlsx"):
        write_panel_template(tmp_path / "votes.csv")
    with pytest.raises(EceiDataError, match="at least two"):
        write_panel_template(tmp_path / "x.xlsx", classes=["very_important"])
    with pytest.raises(EceiDataError, match="rows must be"):
        write_panel_template(tmp_path / "x.xlsx", rows=0)


def test_a_filled_sheet_is_never_overwritten(tmp_path, capsys):
    out = tmp_path / "votes.xlsx"
    assert main(["template", "--panel", "--out", str(out)]) == 0
    fill(out, [["Ann", "weights", 1, 1, 1]])
    before = out.read_bytes()
    # Our own unfilled sheet may be rewritten; a filled one (changed) is refused.
    assert main(["template", "--panel", "--out", str(out)]) == 2
    assert "force" in capsys.readouterr().err
    assert out.read_bytes() == before
    assert main(["template", "--panel", "--force", "--out", str(out)]) == 0
