import pytest
from openpyxl import Workbook

from ecei_analysis import EceiDataError
from ecei_analysis.data.readers import read_table


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\n\n  \n", "the file is empty"),
        (b"\x00\x01PK\x03\x04garbage", "binary content"),
        (b"a,b,c\n1,2\n", r"row 2: 2 field\(s\) where the header has 3"),
        (b"a,b\n1,2,3\n", r"row 2: 3 field\(s\)"),
        (b'a,b\n"1,2\n', "malformed CSV"),
        (b"a,,c\n1,2,3\n", "blank column name in header position 2"),
        (b"a,b,a\n1,2,3\n", "column 'a' appears twice"),
    ],
)
def test_read_table_rejects(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(EceiDataError, match=message) as info:
        read_table(path)
    assert "bad.csv" in str(info.value)


def test_tab_separated_and_crlf(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(b"A\tB\r\n x \t2,5\r\n")
    table = read_table(path)
    assert list(table.frame.columns) == ["a", "b"]
    assert table.frame.iloc[0].tolist() == ["x", "2,5"] and table.rows == (2,)


def test_xlsx_formula_and_merged_header_rejected(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["cluster_id", "indicator_code", "points"])
    ws.append(["x", "A1", "=1+2"])
    path = tmp_path / "f.xlsx"
    wb.save(path)
    with pytest.raises(EceiDataError, match=r"row 2, column 'points': formula '=1\+2'"):
        read_table(path)
    wb = Workbook()
    ws = wb.active
    ws.append(["Assessment 2015", None, None])
    ws.merge_cells("A1:C1")
    path = tmp_path / "m.xlsx"
    wb.save(path)
    with pytest.raises(
        EceiDataError, match="merged cells A1:C1 in or above the header row"
    ):
        read_table(path)


def test_not_an_xlsx(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"not a zip")
    with pytest.raises(EceiDataError, match="cannot open as an Excel workbook"):
        read_table(path)


def test_an_open_range_is_written_with_inf_on_its_open_side(tmp_path):
    import pandas as pd

    from ecei_analysis.data.readers import Table

    table = Table(pd.DataFrame({"points": ["-3", "7"]}), (2, 3), "a.csv")
    with pytest.raises(EceiDataError, match=r"outside the allowed range \[0, inf\]"):
        table.number(0, "points", low=0)
    with pytest.raises(EceiDataError, match=r"outside the allowed range \[-inf, 5\]"):
        table.number(1, "points", high=5)


@pytest.mark.parametrize("char", ["\ufeff", "\u200b", "\u200e"])
def test_an_invisible_character_in_a_cell_is_refused_where_it_is(tmp_path, char):
    path = tmp_path / "clusters.csv"
    path.write_text(
        f"cluster_id,short_name\na,Tom{char}sk\nb,{char}\n", encoding="utf-8"
    )
    with pytest.raises(EceiDataError, match="row 2, column 'short_name': an invisible"):
        read_table(path)
    from ecei_analysis.data.problems import collect_problems

    _, found = collect_problems(read_table, path)
    assert [e.row for e in found] == [2, 3]  # both cells, each at its place
