import io

from openpyxl import load_workbook

from ecei_analysis.data.workbook import (
    add_list_validation,
    column_range,
    new_workbook,
    put,
    save_workbook,
    sheet_reference,
    write_header,
    write_lines,
)


def test_cells_are_text_or_numbers_never_formulas(tmp_path):
    wb = new_workbook()
    ws = wb.create_sheet("data")
    write_header(ws, ["=1+1", "b"])
    put(ws, 2, 1, "@SUM(A1)")
    put(ws, 2, 2, 3.5)
    put(ws, 2, 3, float("nan"))
    write_lines(wb.create_sheet("notes"), ["Title", "+ a line"])
    add_list_validation(ws, "B3:B9", ["a", 'b"c'], title="t", message="m")
    path = save_workbook(wb, tmp_path / "w.xlsx", command="test", force=False)
    back = load_workbook(io.BytesIO(path.read_bytes()))
    data = back["data"]
    assert data["A1"].value == "=1+1" and data["A1"].data_type == "s"
    assert data["A2"].value == "@SUM(A1)" and data["B2"].value == 3.5
    assert data["C2"].value is None and back["notes"]["A2"].data_type == "s"
    assert data.data_validations.dataValidation[0].formula1 == '"a,b\'c"'
    assert wb.sheetnames == ["data", "notes"]


def test_references():
    assert sheet_reference("классификация") == "'классификация'"
    assert column_range(6, 24, (2, 30)) == "F2:X30"
