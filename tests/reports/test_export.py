import io
import json

import pandas as pd
import pytest
from openpyxl import load_workbook

from ecei_analysis import EceiDataError
from ecei_analysis.reports.export import export_format, render_table

HOSTILE = pd.DataFrame(
    {
        "name": ['=HYPERLINK("http://x")', "[x](javascript:alert(2))", "50% & $x_1$"],
        "score": [-3.5, 2.0, float("nan")],
    },
    index=pd.Index(["@id", "<img src=x onerror=alert(1)>", "ok"], name="cluster_id"),
)


def test_format_from_the_suffix():
    assert export_format(None, None) == "table"
    assert export_format(None, "r.XLSX") == "xlsx"
    assert export_format("json", "r.csv") == "json"
    with pytest.raises(EceiDataError, match="cannot tell the format"):
        export_format(None, "r.docx")


def test_csv_neutralises_formula_starts_unless_raw():
    text = render_table(HOSTILE, "csv").decode()
    frame = pd.read_csv(io.StringIO(text))
    assert frame["name"][0].startswith("'=") and frame["cluster_id"][0] == "'@id"
    assert frame["score"][0] == -3.5  # numbers are never changed
    raw = pd.read_csv(io.StringIO(render_table(HOSTILE, "csv", raw_csv=True).decode()))
    assert raw["name"][0].startswith("=")


def test_xlsx_cells_are_text_never_formulas():
    wb = load_workbook(io.BytesIO(render_table(HOSTILE, "xlsx", header=["BANNER"])))
    ws = wb.active
    assert ws["A1"].value == "BANNER"  # the banner in a cell, a blank row, titles
    assert ws["A3"].value == "name" and ws["A3"].font.bold
    cell = ws["A4"]
    assert cell.value.startswith("=HYPERLINK") and cell.data_type == "s"
    assert ws["B4"].value == -3.5 and ws["B6"].value is None


def test_xlsx_is_ready_to_read():
    frame = pd.DataFrame(
        {
            "place": [1, 2],
            "cluster": ["A long cluster name", "B"],
            "score": [849.43, 1.0],
        }
    )
    ws = load_workbook(
        io.BytesIO(render_table(frame, "xlsx", header=["x", "y"]))
    ).active
    assert ws.freeze_panes == "A5"  # two header lines, a blank row, the titles
    assert ws["A5"].number_format == "0" and ws["C5"].number_format == "0.0"
    assert ws["C5"].value == 849.43  # the number kept, the format rounds
    assert ws.column_dimensions["B"].width == len("A long cluster name") + 2


def test_reader_formats_show_the_header_and_missing_values():
    md = render_table(HOSTILE, "md", header=["SYNTHETIC DATA"]).decode()
    assert md.startswith("SYNTHETIC DATA\n\n|")  # visible text, not a comment
    assert "<img" not in md and "](javascript" not in md
    assert "| \\[x\\]" in md and md.count("—") == 1  # the NaN score
    assert "|---|---:|" in md  # numbers right-aligned
    tex = render_table(HOSTILE, "tex", header=["SYNTHETIC"]).decode()
    assert tex.startswith(r"SYNTHETIC\par") and r"50\% \& \$x\_1\$" in tex
    text = render_table(HOSTILE, "table", header=["SYNTHETIC"]).decode()
    assert text.splitlines()[2].split() == ["name", "score"]
    assert text.splitlines()[-1].endswith("—") and "nan" not in text.lower()


def test_json_round_trips():
    records = json.loads(render_table(HOSTILE, "json"))
    assert records[1]["cluster_id"] == "<img src=x onerror=alert(1)>"
    assert records[2]["score"] is None
