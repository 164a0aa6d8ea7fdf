import pytest
from openpyxl import load_workbook

from ecei_analysis import EceiDataError, load_classification_panel, load_study
from ecei_analysis.cli import main
from ecei_analysis.data.classification_votes import is_classification_panel_file
from ecei_analysis.data.problems import collect_problems
from ecei_analysis.data.validate import validate_paths

VI, IMP, NSI = "very_important", "important", "not_so_important"


@pytest.fixture(scope="module")
def indicators():
    return load_study().indicators


def fill(path, votes, sheet=1):
    """votes: {row offset: [cells...]} written from the expert columns (D on)."""
    wb = load_workbook(path)
    ws = wb.worksheets[sheet]
    for row, cells in votes.items():
        for k, value in enumerate(cells):
            ws.cell(row=row, column=4 + k).value = value
    wb.save(path)


@pytest.mark.parametrize(
    ("lang", "sheet", "labels"),
    [
        ("en", "classification votes", ["very important", "important"]),
        ("ru", "голосование по классам", ["очень важные", "важные"]),
    ],
)
def test_the_sheet_round_trips_in_both_languages(
    tmp_path, indicators, lang, sheet, labels
):
    out = tmp_path / "votes.xlsx"
    assert (
        main(
            [
                "template",
                "--classification-panel",
                "--experts",
                "3",
                "--lang",
                lang,
                "--out",
                str(out),
            ]
        )
        == 0
    )
    wb = load_workbook(out)
    assert wb.sheetnames[1] == sheet
    ws = wb[sheet]
    header = [c.value for c in ws[1]]
    assert len(header) == 6 and header[3].endswith("1")
    check = ws.data_validations.dataValidation[0]
    assert labels[0] in check.formula1 and check.type == "list"
    ws.cell(row=1, column=4).value = "Dr Ivanova"  # an expert writes her name
    for row in range(2, len(indicators) + 2):
        ws.cell(row=row, column=4).value = labels[0]
        ws.cell(row=row, column=5).value = labels[1]
    ws.cell(row=3, column=5).value = None  # an abstention
    wb.save(out)
    panel = load_classification_panel(out, indicators)
    assert panel.experts[0] == "Dr Ivanova"  # the name as typed
    assert set(panel.votes["Dr Ivanova"]) == {VI}
    assert (indicators.index[1], panel.experts[1]) in panel.abstentions
    assert panel.votes[panel.experts[2]].isna().all()  # a column left blank
    assert validate_paths([out]) == []
    assert is_classification_panel_file(out)


def test_problems_are_located(tmp_path, indicators):
    out = tmp_path / "votes.xlsx"
    main(["template", "--classification-panel", "--experts", "2", "--out", str(out)])
    wb = load_workbook(out)
    ws = wb.worksheets[1]
    ws.cell(row=2, column=4).value = "urgent"
    ws.cell(row=3, column=1).value = indicators.index[0]  # a code twice
    ws.cell(row=4, column=1).value = "9.9"  # a code of no indicator
    ws.cell(row=5, column=5).value = "=A1"  # a formula
    wb.save(out)
    _, problems = collect_problems(load_classification_panel, out, indicators)
    found = sorted((p.row or 0, p.column or "") for p in problems)
    text = " | ".join(str(p) for p in problems)
    assert (2, "expert 1") in found and "unknown significance class 'urgent'" in text
    assert (3, "code") in found and "appears twice (first at row 2)" in text
    assert (4, "code") in found and "'9.9' is not an indicator" in text
    assert any(r == 5 for r, _ in found) and "formula '=A1'" in text
    assert "no row for indicator(s)" in text  # the two codes overwritten are missing


def test_csv_votes_and_bad_headers(tmp_path, indicators):
    path = tmp_path / "votes.csv"
    rows = "\n".join(f"{code},{VI},{NSI}" for code in indicators.index)
    path.write_text("code,Anna,Boris\n" + rows + "\n", encoding="utf-8")
    panel = load_classification_panel(path, indicators)
    assert panel.experts == ["Anna", "Boris"] and not panel.abstentions
    path.write_text("code,name\n1.1.0,x\n", encoding="utf-8")
    with pytest.raises(EceiDataError, match="no expert column"):
        load_classification_panel(path, indicators)
    path.write_text("indicator,Anna\n1.1.0,important\n", encoding="utf-8")
    with pytest.raises(EceiDataError, match="missing column 'code'"):
        load_classification_panel(path, indicators)


def _sheet_with_expert_named(tmp_path, indicators, header):
    from ecei_analysis import write_classification_template

    path = write_classification_template(
        tmp_path / "v.xlsx", indicators, experts=["Anna", "Boris"]
    )
    wb = load_workbook(path)
    ws = wb.worksheets[1]
    ws.cell(row=1, column=5).value = header
    for row in range(2, len(indicators) + 2):
        ws.cell(row=row, column=4).value = "important"
        ws.cell(row=row, column=5).value = "very important"
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("Название", "columns 'name' and 'название' both stand for 'name'"),
        ("Код", "columns 'code' and 'код' both stand for 'code'"),
        ("source", "column 'source' holds significance classes like an expert's"),
        ("провенанс", None),  # not a fixed column in any language: an expert
    ],
)
def test_an_expert_is_never_swallowed_by_a_fixed_column(
    tmp_path, indicators, header, message
):
    path = _sheet_with_expert_named(tmp_path, indicators, header)
    if message is None:
        panel = load_classification_panel(path, indicators)
        assert panel.experts == ["Anna", header]
        return
    with pytest.raises(EceiDataError, match=message):
        load_classification_panel(path, indicators)


@pytest.mark.parametrize("name", ["consensus", "framework"])
def test_experts_named_like_result_keys_stay_experts(tmp_path, indicators, name):
    """An expert named "consensus" or "framework" never replaces those rankings."""
    from ecei_analysis import analyse_classification_panel

    study = load_study()
    path = _sheet_with_expert_named(tmp_path, indicators, name)
    panel = load_classification_panel(path, indicators)
    assert panel.experts == ["Anna", name]
    result = analyse_classification_panel(study, panel, "3:2:1", draws=200)
    framework = analyse_classification_panel(
        study,
        load_classification_panel(
            _sheet_with_expert_named(tmp_path / "b", indicators, "Boris"), indicators
        ),
        "3:2:1",
        draws=200,
    )
    assert result.ahead["framework"].equals(framework.ahead["framework"])
    assert result.ahead["consensus"].equals(framework.ahead["consensus"])
    assert result.expert_ahead[name].equals(framework.expert_ahead["Boris"])


def test_two_visible_voting_sheets_are_refused(tmp_path, indicators):
    """A vote on a second sheet would be silently dropped: which sheet counts?"""
    from ecei_analysis import write_classification_template

    path = write_classification_template(tmp_path / "v.xlsx", indicators, experts=2)
    wb = load_workbook(path)
    copy = wb.copy_worksheet(wb.worksheets[1])
    copy.title = "голосование по классам"
    wb.save(path)
    with pytest.raises(EceiDataError, match="both hold 'classification votes'"):
        load_classification_panel(path, indicators)
