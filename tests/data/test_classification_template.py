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
