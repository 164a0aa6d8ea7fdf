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
    wb = load_workbook(io.BytesIO(render_table(HOSTILE, "xlsx", header="BANNER")))
    ws = wb.active
    assert ws["A1"].value == "BANNER"
    cell = ws["B3"]
    assert cell.value.startswith("=HYPERLINK") and cell.data_type == "s"
    assert ws["C3"].value == -3.5 and ws["C5"].value is None


def test_markdown_and_latex_are_escaped():
    md = render_table(HOSTILE, "md", header="SYNTHETIC").decode()
    assert "<img" not in md and "](javascript" not in md and md.startswith("<!--")
    tex = render_table(HOSTILE, "tex").decode()
    assert r"50\% \& \$x\_1\$" in tex


def test_json_round_trips():
    records = json.loads(render_table(HOSTILE, "json"))
    assert records[1]["cluster_id"] == "<img src=x onerror=alert(1)>"
    assert records[2]["score"] is None
