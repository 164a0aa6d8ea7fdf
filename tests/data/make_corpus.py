"""Write the hostile-input corpus (run once; the files are committed).

Each case is one file standing in for one table of the small test study
(``tests/conftest.py``); ``EXPECTED.csv`` says what loading it must give: ``ok``
(with one cell value checked) or ``error`` (a message fragment, row and column).

    python tests/data/make_corpus.py
"""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent / "corpus"
BASE = [
    ("x", "A1", "8"),
    ("x", "A2", "5"),
    ("x", "B1", "12"),
    ("x", "B2", "10"),
    ("y", "A1", "2"),
    ("y", "A2", "9"),
    ("y", "B1", "10"),
    ("y", "B2", "15"),
    ("z", "A1", "10"),
    ("z", "A2", "1"),
    ("z", "B1", "20"),
    ("z", "B2", "4"),
]
HEADER = ["cluster_id", "indicator_code", "points", "provenance"]
CASES: list[dict] = []


def rows(replace: dict[int, tuple] | None = None, drop: int | None = None):
    out = [[*r, "synthetic"] for r in BASE]
    for k, new in (replace or {}).items():
        out[k] = list(new)
    if drop is not None:
        del out[drop]
    return out


def text(header=HEADER, body=None, sep=",", newline="\n") -> str:
    body = rows() if body is None else body
    return newline.join(sep.join(map(str, r)) for r in [header, *body]) + newline


def case(
    name,
    content,
    outcome,
    *,
    table="assessments",
    fragment="",
    row="",
    column="",
    check="",
):
    path = HERE / name
    if isinstance(content, Workbook):
        content.save(path)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    CASES.append(
        {
            "file": name,
            "table": table,
            "outcome": outcome,
            "fragment": fragment,
            "row": row,
            "column": column,
            "check": check,
        }
    )


def workbook(header=HEADER, body=None, title="assessments") -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(header)
    for r in rows() if body is None else body:
        ws.append(
            [
                float(v) if k == 2 and v.replace(".", "").isdigit() else v
                for k, v in enumerate(r)
            ]
        )
    return wb


def main() -> None:
    HERE.mkdir(exist_ok=True)
    for old in HERE.iterdir():
        old.unlink()
    # --- legitimate variants: must load, with x/A1 checked ---------------------
    case("ok_plain.csv", text(), "ok", check="x,A1,8")
    case("ok_utf8_bom.csv", "\ufeff" + text(), "ok", check="x,A1,8")
    cp = text(body=rows({0: ("x", "A1", "7,5", "synthetic")}), sep=";")
    cp = cp.replace("cluster_id;", "cluster_id;").replace(
        "provenance", "provenance;комментарий"
    )
    cp = (
        "\n".join(
            line + (";" if k == 0 else ";оценка эксперта")
            for k, line in enumerate(cp.strip().split("\n"))
        ).replace("комментарий;", "комментарий")
        + "\n"
    )
    case(
        "ok_cp1251_semicolon_decimal_comma.csv",
        cp.encode("cp1251"),
        "ok",
        check="x,A1,7.5",
    )
    case("ok_semicolon_utf8.csv", text(sep=";"), "ok", check="x,A1,8")
    case("ok_tab_separated.csv", text(sep="\t"), "ok", check="x,A1,8")
    case("ok_crlf.csv", text(newline="\r\n"), "ok", check="x,A1,8")
    case(
        "ok_stray_whitespace.csv",
        text(
            header=[" cluster_id ", "indicator_code  ", " points", "provenance"],
            body=[[f" {a} ", f"{b} ", f"  {c}", d] for a, b, c, d in rows()],
        ),
        "ok",
        check="x,A1,8",
    )
    case(
        "ok_reordered_columns.csv",
        text(
            header=["points", "provenance", "indicator_code", "cluster_id"],
            body=[[c, d, b, a] for a, b, c, d in rows()],
        ),
        "ok",
        check="x,A1,8",
    )
    case(
        "ok_extra_columns.csv",
        text(
            header=[*HEADER, "comment", "assessor"],
            body=[[*r, "", "AB"] for r in rows()],
        ),
        "ok",
        check="x,A1,8",
    )
    case(
        "ok_uppercase_header.csv",
        text(header=["Cluster_ID", "Indicator_Code", "POINTS", "Provenance"]),
        "ok",
        check="x,A1,8",
    )
    case(
        "ok_blank_lines.csv",
        text().replace("\ny,A1", "\n\n\ny,A1"),
        "ok",
        check="y,A1,2",
    )
    case(
        "ok_quoted_fields.csv",
        text(body=[[f'"{v}"' for v in r] for r in rows()]),
        "ok",
        check="x,A1,8",
    )
    case(
        "ok_decimal_point.csv",
        text(body=rows({0: ("x", "A1", "7.50", "synthetic")})),
        "ok",
        check="x,A1,7.5",
    )
    case(
        "ok_plus_sign.csv",
        text(body=rows({0: ("x", "A1", "+8", "synthetic")})),
        "ok",
        check="x,A1,8",
    )
    case(
        "ok_no_provenance_column.csv",
        text(header=HEADER[:3], body=[r[:3] for r in rows()]),
        "ok",
        check="x,A1,8",
    )
    case("ok.xlsx", workbook(), "ok", check="x,A1,8")
    wb = workbook(body=[list(r) for r in rows()])
    for cell in wb.active["C"][1:]:
        cell.value = str(cell.value).replace(".0", "")
    case("ok_numbers_as_text.xlsx", wb, "ok", check="x,A1,8")
    wb = workbook()
    wb.active["E1"] = None
    wb.active["F3"] = None
    case("ok_trailing_empty_cells.xlsx", wb, "ok", check="x,A1,8")
    wb = workbook()
    notes = wb.create_sheet("notes", 0)
    notes["A1"] = "filled in by the regional analyst"
    case("ok_second_sheet_named_assessments.xlsx", wb, "ok", check="x,A1,8")
    case(
        "ok_cyrillic_cluster_name.csv",
        "cluster_id,name,provenance\nx,Кластер «Икс»,assumed\ny,Cluster Y,assumed\n"
        "z,Cluster Z,assumed\n",
        "ok",
        table="clusters",
        check="x,name,Кластер «Икс»",
    )
    # --- must fail with a located message ----------------------------------------
    case("empty.csv", b"", "error", fragment="the file is empty")
    case("only_newlines.csv", "\n\n\n", "error", fragment="the file is empty")
    case(
        "header_only.csv",
        text(body=[]),
        "error",
        fragment="header row but no data rows",
    )
    case(
        "truncated_last_row.csv",
        text().rstrip("\n")[:-12] + "\n",
        "error",
        fragment="2 field(s) where the header has 4",
        row="13",
    )
    case(
        "wrong_header.csv",
        text(header=["cluster", "indicator", "value", "provenance"]),
        "error",
        fragment="missing column(s) 'cluster_id', 'indicator_code', 'points'",
        row="1",
    )
    case(
        "missing_points_column.csv",
        text(header=HEADER[:2] + HEADER[3:], body=[[a, b, d] for a, b, c, d in rows()]),
        "error",
        fragment="missing column(s) 'points'",
        row="1",
    )
    case(
        "binary_garbage.csv", bytes(range(256)) * 4, "error", fragment="binary content"
    )
    case(
        "png_renamed.csv",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "error",
        fragment="binary content",
    )
    case("utf16.csv", text().encode("utf-16"), "error", fragment="UTF-16")
    case(
        "duplicate_row.csv",
        text(body=rows({1: ("x", "A1", "5", "synthetic")})),
        "error",
        fragment="duplicate points for cluster 'x', indicator 'A1' (first at row 2)",
        row="3",
        column="indicator_code",
    )
    case(
        "unknown_cluster.csv",
        text(body=rows({4: ("w", "A1", "2", "synthetic")})),
        "error",
        fragment="unknown cluster id 'w'",
        row="6",
        column="cluster_id",
    )
    case(
        "unknown_indicator.csv",
        text(body=rows({5: ("y", "A3", "9", "synthetic")})),
        "error",
        fragment="unknown indicator code 'A3'",
        row="7",
        column="indicator_code",
    )
    case(
        "nan_points.csv",
        text(body=rows({2: ("x", "B1", "NaN", "synthetic")})),
        "error",
        fragment="expected a finite number, got 'NaN'",
        row="4",
        column="points",
    )
    case(
        "inf_points.csv",
        text(body=rows({2: ("x", "B1", "inf", "synthetic")})),
        "error",
        fragment="expected a finite number, got 'inf'",
        row="4",
        column="points",
    )
    case(
        "negative_points.csv",
        text(body=rows({3: ("x", "B2", "-1", "synthetic")})),
        "error",
        fragment="outside the allowed range [0, 20]",
        row="5",
        column="points",
    )
    case(
        "over_max_points.csv",
        text(body=rows({0: ("x", "A1", "10.5", "synthetic")})),
        "error",
        fragment="value '10.5' is outside the allowed range [0, 10]",
        row="2",
        column="points",
    )
    case(
        "text_points.csv",
        text(body=rows({6: ("y", "B1", "seven", "synthetic")})),
        "error",
        fragment="expected a number, got 'seven'",
        row="8",
        column="points",
    )
    case(
        "mixed_types.csv",
        text(body=rows({7: ("y", "B2", "15a", "synthetic")})),
        "error",
        fragment="expected a number, got '15a'",
        row="9",
        column="points",
    )
    case(
        "ambiguous_number.csv",
        text(body=rows({8: ("z", "A1", "1,234.5", "synthetic")}), sep=";"),
        "error",
        fragment="value '1,234.5' is outside the allowed range",
        row="10",
        column="points",
    )
    case(
        "empty_cell.csv",
        text(body=rows({9: ("z", "A2", "", "synthetic")})),
        "error",
        fragment="empty cell",
        row="11",
        column="points",
    )
    case(
        "missing_indicator.csv",
        text(body=rows(drop=11)),
        "error",
        fragment="1 cluster/indicator pair(s) have no points: z / B2",
        column="points",
    )
    case(
        "stray_separator.csv",
        text(body=rows({0: ("x", "A1", "8", "synthetic", "oops")})),
        "error",
        fragment="5 field(s) where the header has 4",
        row="2",
    )
    case(
        "unclosed_quote.csv",
        text().replace("x,A2,5", 'x,A2,"5'),
        "error",
        fragment="malformed CSV",
    )
    case(
        "bad_provenance.csv",
        text(body=rows({0: ("x", "A1", "8", "real")})),
        "error",
        fragment="provenance 'real' is not one of",
        row="2",
        column="provenance",
    )
    case(
        "duplicate_header.csv",
        text(header=["cluster_id", "points", "points", "provenance"]),
        "error",
        fragment="column 'points' appears twice",
        row="1",
    )
    case(
        "blank_header_cell.csv",
        text(header=["cluster_id", "", "points", "provenance"]),
        "error",
        fragment="blank column name in header position 2",
        row="1",
    )
    wb = workbook()
    wb.active["C2"] = "=4+4"
    case(
        "formula.xlsx", wb, "error", fragment="formula '=4+4'", row="2", column="points"
    )
    wb = Workbook()
    ws = wb.active
    ws.title = "assessments"
    ws.append(["Assessment of 2015", None, None, None])
    ws.merge_cells("A1:D1")
    ws.append(HEADER)
    for r in rows():
        ws.append(r)
    case("merged_title_row.xlsx", wb, "error", fragment="merged cells A1:D1", row="1")
    wb = workbook()
    wb.active["F5"] = "stray note"
    case(
        "value_outside_header.xlsx",
        wb,
        "error",
        fragment="value outside the header's columns",
        row="5",
    )
    case(
        "not_a_workbook.xlsx",
        text(),
        "error",
        fragment="cannot open as an Excel workbook",
    )
    case(
        "old_excel.xls",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
        "error",
        fragment="old binary Excel (.xls) is not supported",
    )
    case(
        "unknown_class.csv",
        "code,name,category,max_points,significance_class\nA1,Alpha,1,10,very_important\n"
        "A2,Beta,1,10,critical\nB1,Gamma,2,20,not_so_important\nB2,Delta,2,20,important\n",
        "error",
        table="indicators",
        fragment="unknown significance class 'critical'",
        row="3",
        column="significance_class",
    )
    case(
        "duplicate_indicator_code.csv",
        "code,name,category,max_points,significance_class\nA1,Alpha,1,10,very_important\n"
        "A1,Beta,1,10,important\nB1,Gamma,2,20,not_so_important\nB2,Delta,2,20,important\n",
        "error",
        table="indicators",
        fragment="duplicate indicator code 'A1' (first at row 2)",
        row="3",
        column="code",
    )
    case(
        "max_points_text.csv",
        "code,name,category,max_points,significance_class\nA1,Alpha,1,ten,very_important\n"
        "A2,Beta,1,10,important\nB1,Gamma,2,20,not_so_important\nB2,Delta,2,20,important\n",
        "error",
        table="indicators",
        fragment="expected a number, got 'ten'",
        row="2",
        column="max_points",
    )
    case(
        "duplicate_cluster.csv",
        "cluster_id,name\nx,Cluster X\ny,Cluster Y\nx,Cluster X again\n",
        "error",
        table="clusters",
        fragment="duplicate cluster id 'x' (first at row 2)",
        row="4",
        column="cluster_id",
    )
    with (HERE / "EXPECTED.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(CASES[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(CASES)
    print(f"{len(CASES)} cases written to {HERE}")


if __name__ == "__main__":
    main()
