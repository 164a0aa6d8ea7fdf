import pytest
from openpyxl import load_workbook

from ecei_analysis import EceiDataError, load_study
from ecei_analysis.cli import main


def test_template_arguments(tmp_path, capsys):
    out = tmp_path / "v.xlsx"
    assert (
        main(["template", "--classification-panel", "--panel", "--out", str(out)]) == 2
    )
    assert "not both" in capsys.readouterr().err
    assert (
        main(
            ["template", "--classification-panel", "--experts", "0", "--out", str(out)]
        )
        == 2
    )
    from ecei_analysis import write_classification_template

    with pytest.raises(EceiDataError, match="distinct"):
        write_classification_template(out, load_study().indicators, experts=["A", "A"])
    path = write_classification_template(
        out, load_study().indicators, experts=["Anna", "Boris"]
    )
    assert [c.value for c in load_workbook(path).worksheets[1][1]][3:] == [
        "Anna",
        "Boris",
    ]


@pytest.mark.parametrize("experts", [3, ["Anna", "Boris"]])
def test_the_drop_downs_and_input_colours_cover_exactly_the_expert_columns(
    tmp_path, experts
):
    from ecei_analysis import write_classification_template

    indicators = load_study().indicators
    path = write_classification_template(
        tmp_path / "v.xlsx", indicators, experts=experts
    )
    sheet = load_workbook(path).worksheets[1]
    k = experts if isinstance(experts, int) else len(experts)
    last_column = "DEFG"[k - 1]  # code, name, what it measures, then the experts
    (validation,) = sheet.data_validations.dataValidation
    assert str(validation.sqref) == f"D2:{last_column}{len(indicators) + 1}"
    assert sheet.max_column == 3 + k
    assert sheet.cell(2, 3 + k).fill.fgColor.rgb.endswith("FFF2CC")
    assert sheet.cell(2, 3).fill.fgColor.rgb != sheet.cell(2, 4).fill.fgColor.rgb
