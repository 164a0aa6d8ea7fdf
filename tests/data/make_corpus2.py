"""Write the second hostile corpus (run once; the files are committed).

Round 2 of the reliability work: numbers that read two ways, mixed encodings,
hidden and inflated workbooks, template sheets spoiled where people type,
parameter files, command lines and API calls. ``EXPECTED.csv`` says, for each
case, how it is exercised (``how``), what it must give (``outcome``: ``ok`` or
``error``) and a fragment of the message (or, for ``ok``, a value to check).

    python tests/data/make_corpus2.py
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import PatternFill
from openpyxl.worksheet.formula import ArrayFormula

HERE = Path(__file__).resolve().parent / "corpus2"
SMALL = Path(__file__).resolve().parent.parent / "conftest.py"
HEADER = ["cluster_id", "indicator_code", "points", "provenance"]
BASE = [
    ("x", "A1", "8"), ("x", "A2", "5"), ("x", "B1", "12"), ("x", "B2", "10"),
    ("y", "A1", "2"), ("y", "A2", "9"), ("y", "B1", "10"), ("y", "B2", "15"),
    ("z", "A1", "10"), ("z", "A2", "1"), ("z", "B1", "20"), ("z", "B2", "4"),
]  # fmt: skip
CASES: list[dict] = []


def rows(replace=None):
    out = [[*r, "synthetic"] for r in BASE]
    for k, new in (replace or {}).items():
        out[k] = list(new)
    return out


def text(body=None, sep=",", header=HEADER) -> str:
    body = rows() if body is None else body
    return "\n".join(sep.join(map(str, r)) for r in [header, *body]) + "\n"


def case(name, content, how, outcome, *, target="", fragment="", check="", argv=""):
    path = HERE / name
    if isinstance(content, Workbook):
        content.save(path)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    CASES.append(
        {
            "case": name,
            "how": how,
            "target": target,
            "outcome": outcome,
            "fragment": fragment,
            "check": check,
            "argv": json.dumps(argv) if argv else "",
        }
    )


def sheet(title="assessments", body=None, header=HEADER) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(header)
    for r in rows() if body is None else body:
        ws.append(
            [float(v) if k == 2 and header is HEADER else v for k, v in enumerate(r)]
        )
    return wb


def template(edit=None, lang="en") -> Workbook:
    """A filled template of the small study (written by the package itself)."""
    import sys

    sys.path.insert(0, str(SMALL.parent))
    from conftest import (  # noqa: F401  (the small study's files)
        SMALL_ASSESSMENTS,
        SMALL_CLUSTERS,
        SMALL_INDICATORS,
        SMALL_PUBLISHED,
    )

    from ecei_analysis import load_study
    from ecei_analysis.data.template import write_template

    folder = HERE.parent / "_small_tmp"
    folder.mkdir(exist_ok=True)
    (folder / "indicators.csv").write_text(SMALL_INDICATORS, encoding="utf-8")
    (folder / "clusters.csv").write_text(SMALL_CLUSTERS, encoding="utf-8")
    (folder / "assessments.csv").write_text(SMALL_ASSESSMENTS, encoding="utf-8")
    study = load_study(folder)
    path = folder / "t.xlsx"
    write_template(path, study.indicators, study.clusters, language=lang, force=True)
    wb = load_workbook(path)
    ws = wb.worksheets[1]
    ids = [c.value for c in ws[1]][5:]
    for row in ws.iter_rows(min_row=2):
        for cid, cell in zip(ids, row[5:], strict=True):
            cell.value = float(study.points.loc[cid, row[0].value])
    if edit:
        edit(wb)
    shutil.rmtree(folder)
    return wb


def main() -> None:
    if HERE.exists():
        shutil.rmtree(HERE)
    HERE.mkdir()
    # --- numbers -------------------------------------------------------------------
    case(
        "num_comma_thousands.tsv",
        text(rows({0: ("x", "A1", "1,015", "synthetic")}), sep="\t"),
        "load",
        "error",
        target="assessments",
        fragment="'1,015' reads as 1015 (comma groups thousands) or 1.015",
    )
    case(
        "num_decimal_comma_semicolon.csv",
        text(rows({0: ("x", "A1", "7,5", "synthetic")}), sep=";"),
        "load",
        "ok",
        target="assessments",
        check="points|x|A1|7.5",
    )
    case(
        "num_settled_by_another_cell.tsv",
        text(
            rows(
                {
                    0: ("x", "A1", "1,015", "synthetic"),
                    1: ("x", "A2", "2,5", "synthetic"),
                }
            ),
            sep="\t",
        ),
        "load",
        "ok",
        target="assessments",
        check="points|x|A1|1.015",
    )
    case(
        "num_underscore.csv",
        text(rows({0: ("x", "A1", "1_0", "synthetic")})),
        "load",
        "error",
        target="assessments",
        fragment="expected a number, got '1_0'",
    )
    case(
        "num_space_inside.csv",
        text(rows({0: ("x", "A1", "1 2", "synthetic")})),
        "load",
        "error",
        target="assessments",
        fragment="expected a number, got '1 2'",
    )
    case(
        "num_both_conventions.tsv",
        text(
            rows(
                {0: ("x", "A1", "7,5", "synthetic"), 1: ("x", "A2", "0.5", "synthetic")}
            ),
            sep="\t",
        ),
        "load",
        "error",
        target="assessments",
        fragment="both a decimal point ('0.5') and a decimal comma",
    )
    case(
        "num_exponent.csv",
        text(rows({0: ("x", "A1", "8e0", "synthetic")})),
        "load",
        "ok",
        target="assessments",
        check="points|x|A1|8",
    )
    case(
        "num_thin_space_points.csv",
        'cluster_id,points,place,provenance\ny,"3\u20096",1,published\n',
        "load",
        "error",
        target="published_results",
        fragment="expected a number, got '3",
    )
    case(
        "num_nbsp_group.csv",
        text(rows({0: ("x", "A1", "0\u00a0008", "synthetic")})),
        "load",
        "error",
        target="assessments",
        fragment="expected a number",
    )
    case(
        "num_infinity_text.csv",
        text(rows({0: ("x", "A1", "Infinity", "synthetic")})),
        "load",
        "error",
        target="assessments",
        fragment="expected a finite number",
    )
    # --- encodings -----------------------------------------------------------------
    cyr = "cluster_id,name,provenance\nx,Кластер Икс,assumed\ny,Кластер Игрек,assumed\n"
    case(
        "enc_utf8_stray_byte.csv",
        (cyr + "z,Кластер Зет,assumed\n")
        .encode("utf-8")
        .replace("Зет".encode(), "З".encode() + b"\xfe" + "т".encode()),
        "load",
        "error",
        target="clusters",
        fragment="mostly UTF-8, but byte 0xfe",
    )
    case(
        "enc_cp1251_guillemets.csv",
        (cyr + "z,Кластер «ИННОКАМ»,assumed\n").encode("cp1251"),
        "load",
        "ok",
        target="clusters",
        check="clusters|z|name|Кластер «ИННОКАМ»",
    )
    case(
        "enc_utf8_bom_cyrillic.csv",
        ("\ufeff" + cyr + "z,Кластер «Зет»,assumed\n").encode("utf-8"),
        "load",
        "ok",
        target="clusters",
        check="clusters|z|name|Кластер «Зет»",
    )
    case(
        "enc_utf16_le.csv",
        cyr.encode("utf-16"),
        "load",
        "error",
        target="clusters",
        fragment="UTF-16 encoding is not supported",
    )
    # --- workbooks -----------------------------------------------------------------
    wb = sheet(title="old", body=rows({0: ("x", "A1", "1", "synthetic")}))
    wb.active.sheet_state = "hidden"
    fresh = wb.create_sheet("current")
    fresh.append(HEADER)
    for r in rows():
        fresh.append([float(v) if k == 2 else v for k, v in enumerate(r)])
    case(
        "xlsx_hidden_first_sheet.xlsx",
        wb,
        "load",
        "ok",
        target="assessments",
        check="points|x|A1|8",
    )
    wb = sheet(title="Sheet1")
    stale = wb.create_sheet("assessments")
    stale.append(HEADER)
    stale.sheet_state = "hidden"
    case(
        "xlsx_hidden_sheet_named_like_the_table.xlsx",
        wb,
        "load",
        "error",
        target="assessments",
        fragment="the sheet 'assessments' is hidden",
    )
    wb = sheet()
    wb.active.sheet_state = "veryHidden"
    wb.create_sheet("notes").append(["nothing here"])
    case(
        "xlsx_very_hidden_only_match.xlsx",
        wb,
        "load",
        "error",
        target="assessments",
        fragment="is hidden",
    )
    wb = sheet()
    wb.active["C2"] = ArrayFormula("C2", "=SUM(A1:A2)")
    case(
        "xlsx_array_formula.xlsx",
        wb,
        "load",
        "error",
        target="assessments",
        fragment="in cell C2",
    )
    wb = sheet()
    wb.active["C3"] = "#DIV/0!"
    wb.active["C3"].data_type = "e"
    case(
        "xlsx_error_value.xlsx",
        wb,
        "load",
        "error",
        target="assessments",
        fragment="error value #DIV/0! in cell C3",
    )
    wb = sheet()
    wb.active["XFD1048576"].fill = PatternFill("solid", fgColor="FFFF00")
    case(
        "xlsx_inflated_used_range.xlsx",
        wb,
        "load",
        "ok",
        target="assessments",
        check="points|z|B2|4",
    )
    wb = sheet(
        title="clusters",
        header=["cluster_id", "name"],
        body=[["x", "x"], ["y", "Y"], ["z", "Z"]],
    )
    wb.active["B2"] = '=HYPERLINK("http://evil")'
    case(
        "xlsx_formula_in_a_name.xlsx",
        wb,
        "load",
        "error",
        target="clusters",
        fragment="formula '=HYPERLINK(\"http://evil\")' in cell B2",
    )
    wb = sheet(
        title="clusters",
        header=["cluster_id", "name"],
        body=[["x", "x"], ["y", "Y"], ["z", "Z"]],
    )
    wb.active["B2"].data_type = "s"
    wb.active["B2"].value = "=1+1"
    case(
        "xlsx_text_that_looks_like_a_formula.xlsx",
        wb,
        "load",
        "error",
        target="clusters",
        fragment="formula '=1+1'",
    )
    # --- CSV shape -----------------------------------------------------------------
    case(
        "csv_huge_field.csv",
        'cluster_id,name\nx,"' + "a" * 200_000 + '"\ny,Y\nz,Z\n',
        "load",
        "error",
        target="clusters",
        fragment="a cell longer than",
    )
    case(
        "csv_long_cell.csv",
        "cluster_id,name\nx," + "b" * 20_000 + "\ny,Y\nz,Z\n",
        "load",
        "error",
        target="clusters",
        fragment="expected at most 10,000",
    )
    case(
        "csv_control_character.csv",
        "cluster_id,name\nx,bad\x07name\ny,Y\nz,Z\n",
        "load",
        "error",
        target="clusters",
        fragment="control character",
    )
    case(
        "csv_markup_names.csv",
        "cluster_id,name,short_name\nx,<img src=x onerror=alert(1)>,"
        "[x](javascript:alert(2))\ny,Y,=cmd\nz,Z,@SUM(A1)\n",
        "load",
        "ok",
        target="clusters",
        check="clusters|z|short_name|@SUM(A1)",
    )
    # --- folders -------------------------------------------------------------------
    both = HERE / "folder_published_csv_and_xlsx"
    both.mkdir()
    (both / "published_results.csv").write_text(
        "cluster_id,points,place\ny,36,1\n", encoding="utf-8"
    )
    wb = Workbook()
    wb.active.append(["cluster_id", "points", "place"])
    wb.save(both / "published_results.xlsx")
    case(
        "folder_published_csv_and_xlsx",
        None,
        "folder",
        "error",
        fragment="both published_results.csv and published_results.xlsx are present",
    )
    two = HERE / "folder_two_classes"
    two.mkdir()
    (two / "indicators.csv").write_text(
        "code,name,category,max_points,significance_class\nA1,Alpha,1,10,very_important\n"
        "A2,Beta,1,10,important\nB1,Gamma,2,20,important\nB2,Delta,2,20,important\n",
        encoding="utf-8",
    )
    case(
        "folder_two_classes",
        None,
        "folder",
        "ok",
        check="classes|very_important,important",
    )

    # --- templates -----------------------------------------------------------------
    def cl(cell, value):
        return lambda wb: wb["classification"].__setitem__(cell, value)

    case(
        "template_duplicate_code.xlsx",
        template(cl("A3", "A1")),
        "template",
        "error",
        fragment="indicator 'A1' is classified twice (first at row 2)",
    )
    case(
        "template_unknown_code.xlsx",
        template(lambda wb: (cl("A6", "Z9")(wb), cl("C6", "important")(wb))),
        "template",
        "error",
        fragment="'Z9' is not an indicator",
    )

    def drop_row(wb):
        for column in "ABCD":
            wb["classification"][f"{column}5"] = None

    case(
        "template_missing_code.xlsx",
        template(drop_row),
        "template",
        "error",
        fragment="indicator 'B2' has no row in the classification sheet",
    )
    case(
        "template_class_typo.xlsx",
        template(cl("C2", "verry important")),
        "template",
        "error",
        fragment="sheet 'classification', row 2, column 'significance_class'",
    )
    case(
        "template_formula_in_points.xlsx",
        template(lambda wb: wb["assessments"].__setitem__("F2", "=8")),
        "template",
        "error",
        fragment="formula '=8' in cell F2",
    )

    def hide(wb):
        wb["classification"].sheet_state = "hidden"

    case(
        "template_hidden_classification.xlsx",
        template(hide),
        "template",
        "error",
        fragment="the sheet 'classification' is hidden",
    )
    case(
        "template_russian.xlsx",
        template(lang="ru"),
        "template",
        "ok",
        check="points|x|A1|8",
    )
    case(
        "template_russian_class_in_english.xlsx",
        template(
            lambda wb: wb["классификация"].__setitem__("C2", "not so important"),
            language="ru",
        ),
        "template",
        "ok",
        check="class|A1|not_so_important",
    )

    def evil_ids(wb):
        ws = wb["assessments"]
        ws["F1"] = "=cmd|' /C calc'!A0"
        ws["F1"].data_type = "s"
        wb["clusters"]["A2"] = "=cmd|' /C calc'!A0"
        wb["clusters"]["A2"].data_type = "s"

    case(
        "template_formula_like_cluster_id.xlsx",
        template(evil_ids),
        "template",
        "error",
        fragment="formula \"=cmd|' /C calc'!A0\"",
    )
    # --- parameter files -----------------------------------------------------------
    case(
        "params_duplicate.yaml",
        "weights: 3:2:1\ndraws: 10\nweights: 1:1:1\n",
        "params",
        "error",
        fragment="parameter 'weights' is given twice (lines 1 and 3)",
    )
    case(
        "params_utf16.yaml",
        "weights: 3:2:1\n".encode("utf-16"),
        "params",
        "error",
        fragment="not UTF-8 text",
    )
    case(
        "params_bad_yaml.yaml",
        "weights: [3, 2\n",
        "params",
        "error",
        fragment="cannot read the parameter file",
    )
    case(
        "params_nested.yaml",
        "weights:\n  vi: 3\n",
        "params",
        "error",
        fragment="flat mapping",
    )
    case(
        "params_ok.yaml",
        "weights: 3:2:1\ndraws: 1000\n",
        "params",
        "ok",
        check="weights|3:2:1",
    )
    # --- command lines -------------------------------------------------------------
    cli = [
        (
            "cli_negative_weight",
            ["rank", "--weights", "-1:2:1"],
            2,
            "finite number >= 0",
        ),
        (
            "cli_ambiguous_weight",
            ["rank", "--weights", "1,015:1:1"],
            2,
            "reads as 1015",
        ),
        (
            "cli_underscore_weight",
            ["rank", "--weights", "1_0:1:1"],
            2,
            "expected a number",
        ),
        (
            "cli_tiny_weights",
            ["rank", "--weights", "1e-12:1e-12:1e-12", "--format", "csv"],
            0,
            "",
        ),
        (
            "cli_draws_huge",
            ["figures", "--draws", "1000000000000", "--out", "{tmp}/f"],
            2,
            "would take about",
        ),
        (
            "cli_report_huge",
            ["report", "-p", "draws=1000000000000", "--out", "{tmp}/r"],
            2,
            "would take about",
        ),
        (
            "cli_out_current_folder",
            ["report", "--out", "."],
            2,
            "is the current folder or one of its parents",
        ),
        (
            "cli_out_parent_folder",
            ["figures", "--out", "..", "--draws", "100"],
            2,
            "is the current folder or one of its parents",
        ),
        (
            "cli_out_is_a_file",
            ["figures", "--out", "{tmp}/file.txt", "--draws", "100"],
            2,
            "is a file; expected a folder",
        ),
        (
            "cli_out_over_the_data",
            ["report", "-p", "data_dir={small}", "--out", "{small}"],
            2,
            "overlaps the input data",
        ),
        (
            "cli_out_inside_the_data",
            [
                "figures",
                "--data",
                "{small}",
                "--out",
                "{small}/figures",
                "--draws",
                "100",
            ],
            2,
            "overlaps the input data",
        ),
        (
            "cli_out_foreign_folder",
            ["figures", "--out", "{tmp}/mine", "--draws", "100"],
            2,
            "did not write",
        ),
        (
            "cli_unknown_cluster",
            ["what-if", "--cluster", "Atlantis"],
            2,
            "'Atlantis' is not a cluster id or name; valid ids: tomsk",
        ),
        ("cli_cluster_by_name", ["what-if", "--cluster", "ZELENOGRAD"], 0, ""),
        (
            "cli_rank_docx",
            ["rank", "--out", "{tmp}/r.docx"],
            2,
            "cannot tell the format",
        ),
        ("cli_rank_xlsx", ["rank", "--out", "{tmp}/r.xlsx"], 0, ""),
        (
            "cli_template_over_user_file",
            ["template", "--out", "{tmp}/file.xlsx"],
            2,
            "was not written by 'ecei template'",
        ),
        ("cli_validate_missing_path", ["validate", "{tmp}/nowhere"], 1, ""),
        (
            "cli_figures_ties_average",
            ["figures", "--ties", "average", "--out", "{tmp}/g"],
            2,
            "ties='average' is not available here",
        ),
        (
            "cli_report_ties_average",
            ["report", "-p", "ties=average", "--out", "{tmp}/h"],
            2,
            "ties='average' is not available here",
        ),
        ("cli_rank_ties_average", ["rank", "--ties", "average"], 0, ""),
        (
            "cli_params_utf16",
            ["report", "--params", "{corpus}/params_utf16.yaml"],
            2,
            "not UTF-8",
        ),
        (
            "cli_two_class_study",
            ["rank", "--data", "{two}", "--weights", "3:2:1"],
            0,
            "ranking over the classes present",
        ),
        (
            "cli_two_class_only_absent_weight",
            ["rank", "--data", "{two}", "--weights", "0:0:1"],
            2,
            "only positive weights are on class(es) not_so_important",
        ),
    ]
    for name, argv, code, fragment in cli:
        case(
            name,
            None,
            "cli",
            "ok" if code == 0 else "error",
            target=str(code),
            fragment=fragment,
            argv=argv,
        )
    # --- API calls (the calls themselves are in test_corpus2.py) -----------------------
    api = [
        ("api_box_nominal_nan", "finite"),
        ("api_dirichlet_huge_concentration", "concentration must be a number in"),
        ("api_noise_other_study", "build the noise from the same study"),
        ("api_classification_average_ties", "ties='average' is not available here"),
        ("api_interval_reversed", "low < high"),
        ("api_points_as_list", "pandas DataFrame"),
        ("api_points_with_text", "must be numbers"),
        ("api_points_empty", "points is empty"),
        ("api_draws_as_text", "draws must be a whole number, got '1e6'"),
        ("api_tol_as_text", "tol must be a number"),
        ("api_nan_points_inverse", "finite"),
        ("api_parse_weights_none", "weights are missing"),
        ("api_load_study_list", "data_dir must be a data folder"),
        ("api_sample_negative_size", "size must be a whole number >= 0"),
        ("api_tiny_scores_rank", "[1, 2, 3]"),
        ("api_scaled_weights_same_ranking", "same"),
        ("api_seed_object", "seed must be an int"),
        ("api_symlink_loop", "symbolic link that loops"),
    ]
    for name, fragment in api:
        outcome = "ok" if fragment in ("[1, 2, 3]", "same") else "error"
        case(name, None, "api", outcome, fragment=fragment)
    with (HERE / "EXPECTED.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(CASES[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(CASES)
    print(f"{len(CASES)} cases written to {HERE}")


if __name__ == "__main__":
    main()
