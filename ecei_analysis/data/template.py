"""The Excel assessment template: write it, and read a filled one back.

Layout (one workbook, every label in the language chosen):

* ``instructions``: how to fill it in;
* ``assessments``: one row per indicator (code, name, category, the significance
  class looked up from ``classification``, max points) and one column per
  cluster; each input cell accepts only a number in ``0..max_points`` (Excel
  data validation);
* ``classification``: the significance class of every indicator (a drop-down of
  the three classes), which the analyst may edit;
* ``clusters``: the participating clusters.

:func:`read_template_tables` turns a filled workbook into the same tables the CSV
route produces, so the loaders (and ``ecei validate``) run the very same checks,
with every problem located at the sheet, row and cell a person typed: a class
typo in the classification sheet where it was typed, a formula at its cell.
Sheet names, headers and class names are read in English or Russian, whichever
the workbook uses.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..core.errors import EceiDataError
from ..core.i18n import (
    NP_,
    every_translation,
    pgettext,
)
from ..core.vocabulary import CLASSES, class_from_text, class_label
from .problems import REPORTED, problem_guard
from .readers import Table, open_workbook, plain_texts, sheet_grid, usable_path
from .study import Study
from .workbook import (
    INPUT_FILL,
    add_list_validation,
    add_number_validation,
    column_range,
    put,
    sheet_reference,
    write_header,
    write_template_workbook,
)

__all__ = ["TEMPLATE_SHEETS", "read_template_tables", "write_template"]

#: The sheets of the template (English names; translated in the workbook).
TEMPLATE_SHEETS = ("instructions", "assessments", "classification", "clusters")
# Sheet names and column headers, marked for translation (read in any language).
_MARKED = (
    NP_("template sheet", "instructions"),
    NP_("template sheet", "assessments"),
    NP_("template sheet", "classification"),
    NP_("template sheet", "clusters"),
    NP_("template column", "code"),
    NP_("template column", "name"),
    NP_("template column", "category"),
    NP_("template column", "significance_class"),
    NP_("template column", "max_points"),
    NP_("template column", "significance_rationale"),
    NP_("template column", "cluster_id"),
    NP_("template column", "short_name"),
    NP_("template column", "name_ru"),
    NP_("template column", "short_name_ru"),
    NP_("template column", "region"),
    NP_("template column", "specialisation"),
)
_FIXED = ("code", "name", "category", "significance_class", "max_points")
_CLASSIFICATION = ("code", "name", "significance_class", "significance_rationale")
_CLUSTER_COLUMNS = (
    "name",
    "short_name",
    "name_ru",
    "short_name_ru",
    "region",
    "specialisation",
)


def _sheet_name(key: str) -> str:
    return pgettext("template sheet", key)


def _header(key: str) -> str:
    return pgettext("template column", key)


def _instructions() -> list[str]:
    sheets = {k: _sheet_name(k) for k in TEMPLATE_SHEETS}
    classes = ", ".join(class_label(c) for c in CLASSES)
    return [
        pgettext(
            "template", "ECEI cluster-management assessment template (ecei_analysis)"
        ),
        "",
        pgettext(
            "template",
            "1. Sheet '{assessments}': enter the points of each cluster (columns) for "
            "each indicator (rows). Only numbers from 0 to the indicator's maximum "
            "are accepted; decimals are allowed.",
        ).format(**sheets),
        pgettext(
            "template",
            "2. Leave no cell empty: every cluster needs every indicator.",
        ),
        pgettext(
            "template",
            "3. Sheet '{classification}': you may change the significance class of an "
            "indicator ({classes}); the '{assessments}' sheet shows the class it "
            "looks up.",
        ).format(classes=classes, **sheets),
        pgettext(
            "template",
            "4. Sheet '{clusters}': the participating clusters; add a column in "
            "'{assessments}' for each new cluster id.",
        ).format(**sheets),
        pgettext(
            "template",
            "5. Do not rename sheets or the header row. Paste values, not formulas, "
            "into the point cells.",
        ),
        pgettext(
            "template",
            "6. Check the file: ecei validate assessment.xlsx  —  then analyse it: "
            "ecei rank --data assessment.xlsx",
        ),
    ]


def write_template(
    path: str | Path,
    indicators: pd.DataFrame,
    clusters: pd.DataFrame,
    *,
    language: str = "en",
    force: bool = False,
) -> Path:
    """Write an assessment workbook an assessor can fill without reading our code.

    Parameters
    ----------
    path
        Output ``.xlsx``.
    indicators
        From :func:`~ecei_analysis.load_indicators` (code index; name, category,
        max_points, significance_class).
    clusters
        From :func:`~ecei_analysis.load_clusters`.
    language
        ``"en"`` or ``"ru"``: every label, instruction and validation message.
    force
        Replace an existing workbook that ``ecei template`` did not write (a
        filled template, say). Without it such a file is refused; the write is
        atomic either way.

    Returns
    -------
    pathlib.Path
    """
    return write_template_workbook(
        path,
        _instructions,
        lambda wb: _build(wb, indicators, clusters),
        what=pgettext("workbook", "the template"),
        command="template",
        language=language,
        force=force,
    )


def _build(wb, indicators: pd.DataFrame, clusters: pd.DataFrame) -> None:
    sheet = wb.create_sheet(_sheet_name("assessments"))
    classification_name = _sheet_name("classification")
    ids = list(clusters.index)
    write_header(sheet, [*(_header(c) for c in _FIXED), *ids])
    n = len(indicators)
    reference = sheet_reference(classification_name)
    names = Study.localised(indicators, "name")
    rationales = Study.localised(indicators, "significance_rationale")
    for k, (code, row) in enumerate(indicators.iterrows(), start=2):
        put(sheet, k, 1, code)
        put(sheet, k, 2, names[code])
        put(sheet, k, 3, row["category"])
        sheet.cell(row=k, column=4).value = f"=VLOOKUP($A{k},{reference}!$A:$C,3,FALSE)"
        put(sheet, k, 5, float(row["max_points"]))
    if ids:
        add_number_validation(
            sheet,
            column_range(len(_FIXED) + 1, len(_FIXED) + len(ids), (2, n + 1)),
            operator="between",
            low="0",
            high="$E2",
            error_title=pgettext("template", "Invalid points"),
            prompt_title=pgettext("template", "Points"),
            message=pgettext(
                "template",
                "Enter a number from 0 to the indicator's maximum points (column E).",
            ),
        )
        for row in sheet.iter_rows(min_row=2, min_col=len(_FIXED) + 1, max_row=n + 1):
            for cell in row:
                cell.fill = INPUT_FILL
    sheet.freeze_panes = "F2"
    sheet.column_dimensions["B"].width = 50
    sheet.column_dimensions["D"].width = 22

    classes = wb.create_sheet(classification_name)
    write_header(classes, [_header(c) for c in _CLASSIFICATION])
    for k, (code, row) in enumerate(indicators.iterrows(), start=2):
        put(classes, k, 1, code)
        put(classes, k, 2, names[code])
        put(classes, k, 3, class_label(row["significance_class"]))
        put(classes, k, 4, "" if rationales is None else rationales[code])
    add_list_validation(
        classes,
        f"C2:C{n + 1}",
        [class_label(c) for c in CLASSES],
        title=pgettext("template", "Significance class"),
        message=pgettext(
            "template", "Choose very important, important or not so important."
        ),
    )
    classes.column_dimensions["B"].width = 50
    classes.column_dimensions["C"].width = 22
    classes.column_dimensions["D"].width = 60

    people = wb.create_sheet(_sheet_name("clusters"))
    columns = [c for c in _CLUSTER_COLUMNS if c in clusters.columns]
    write_header(people, [_header("cluster_id"), *(_header(c) for c in columns)])
    for k, (cid, row) in enumerate(clusters.iterrows(), start=2):
        put(people, k, 1, cid)
        for j, column in enumerate(columns, start=2):
            put(people, k, j, row[column])


# Reading a filled template back -----------------------------------------------------
def _find_sheet(wb, path: Path, key: str):
    names = {n.casefold() for n in every_translation("template sheet", key)}
    for ws in wb.worksheets:
        if ws.title.casefold() in names:
            if ws.sheet_state != "visible":
                raise EceiDataError(
                    pgettext(
                        "error",
                        "the sheet {title!r} is hidden; unhide it (or remove it) so "
                        "that what is read is what you see",
                    ).format(title=ws.title),
                    file=path,
                )
            return ws
    raise EceiDataError(
        pgettext(
            "error", "no sheet {key!r}; expected the template's sheets {names}"
        ).format(key=key, names=", ".join(TEMPLATE_SHEETS[1:])),
        file=path,
    )


def _header_keys(texts: list[str], keys: tuple[str, ...]) -> list[str | None]:
    """Map header texts (any language) to their keys; ``None`` for other columns."""
    lookup = {}
    for key in keys:
        for name in every_translation("template column", key):
            lookup[name.casefold()] = key
    return [lookup.get(t.strip().casefold()) for t in texts]


def _rows(path: Path, title: str, grid) -> tuple[int, list[str], list]:
    if not grid:
        raise EceiDataError(
            pgettext("error", "empty sheet; expected a header row"),
            file=path,
            sheet=title,
        )
    header_row, header_cells = grid[0]
    header = plain_texts(path, title, header_row, header_cells)
    return header_row, header, grid[1:]


def _keyed_table(
    path: Path, title: str, grid, keys: tuple[str, ...], required: tuple[str, ...]
) -> Table:
    header_row, header, body = _rows(path, title, grid)
    mapped = _header_keys(header, keys)
    missing = [k for k in required if k not in mapped]
    if missing:
        raise EceiDataError(
            pgettext("error", "missing column(s) {names} in the header row").format(
                names=", ".join(map(repr, missing))
            ),
            file=path,
            row=header_row,
            sheet=title,
        )
    columns = [k for k in keys if k in mapped]
    cells, numbers = [], []
    for number, row_cells in body:
        texts = plain_texts(path, title, number, row_cells, header)
        texts += [""] * (len(mapped) - len(texts))
        values = dict(zip(mapped, texts, strict=False))
        if not any(values.get(k, "") for k in columns):
            continue
        cells.append([values.get(k, "") for k in columns])
        numbers.append(number)
    return Table(
        pd.DataFrame(cells, columns=columns, dtype=object),
        tuple(numbers),
        str(path),
        title,
    )


def read_template_tables(path: str | Path) -> dict[str, Table]:
    """Read a filled template into ``indicators``, ``clusters`` and ``assessments``.

    The assessments come back in long format (``cluster_id, indicator_code,
    points``), each row remembering its sheet row and cluster column so errors
    point at the cell the assessor typed. The classification sheet is checked
    where it was typed: a duplicate code, a code of no indicator, an indicator
    without a code and an unknown class are problems located there.
    """
    path = usable_path(path)
    wb = open_workbook(path)
    try:
        sheets = {
            key: _find_sheet(wb, path, key)
            for key in ("assessments", "classification", "clusters")
        }
        grids = {
            key: [(n, c) for n, c in sheet_grid(ws) if c] for key, ws in sheets.items()
        }
    finally:
        wb.close()
    titles = {key: ws.title for key, ws in sheets.items()}
    clusters = _keyed_table(
        path,
        titles["clusters"],
        grids["clusters"],
        ("cluster_id", *_CLUSTER_COLUMNS),
        ("cluster_id", "name"),
    )
    classification = _keyed_table(
        path,
        titles["classification"],
        grids["classification"],
        _CLASSIFICATION,
        ("code", "significance_class"),
    )
    indicators, assessments = _assessment_tables(path, titles["assessments"], grids)
    classes = _check_classification_sheet(classification, indicators)
    indicators.frame["significance_class"] = pd.Series(
        [classes.get(code, REPORTED) for code in indicators.frame["code"]],
        index=indicators.frame.index,
        dtype=object,
    )
    return {"indicators": indicators, "clusters": clusters, "assessments": assessments}


def _assessment_tables(path: Path, title: str, grids) -> tuple[Table, Table]:
    from openpyxl.utils import get_column_letter

    header_row, header, body = _rows(path, title, grids["assessments"])
    mapped = _header_keys(header, _FIXED)
    missing = [c for c in ("code", "name", "category", "max_points") if c not in mapped]
    if missing:
        raise EceiDataError(
            pgettext(
                "error",
                "missing column(s) {missing} in the header row; expected {names} then "
                "one column per cluster id",
            ).format(missing=missing, names=", ".join(_FIXED)),
            file=path,
            row=header_row,
            sheet=title,
        )
    position = {key: mapped.index(key) for key in _FIXED if key in mapped}
    cluster_cols = [k for k in range(len(header)) if mapped[k] is None]
    ind_cells, ind_rows, long_cells, long_rows, labels = [], [], [], [], []
    for number, row_cells in body:
        # The class column holds our own look-up formula: it is never read.
        readable = [
            (None, None) if mapped[k] == "significance_class" else cell
            for k, cell in enumerate(row_cells[: len(header)])
        ]
        if len(row_cells) > len(header):
            with problem_guard:
                raise EceiDataError(
                    pgettext(
                        "error",
                        "value outside the header's columns; expected every value "
                        "under a named column",
                    ),
                    file=path,
                    row=number,
                    column=f"{get_column_letter(len(header) + 1)}{number}",
                    sheet=title,
                )
        texts = plain_texts(path, title, number, readable, header)
        texts += [""] * (len(header) - len(texts))
        code = texts[position["code"]]
        if not code:
            continue
        ind_cells.append(
            [
                code,
                texts[position["name"]],
                texts[position["category"]],
                texts[position["max_points"]],
                "",
            ]
        )
        ind_rows.append(number)
        for k in cluster_cols:
            letter = get_column_letter(k + 1)
            long_cells.append([header[k], code, texts[k]])
            long_rows.append(number)
            labels.append(
                {
                    "points": f"{header[k]} ({letter})",
                    "cluster_id": f"{header[k]} ({letter}{header_row})",
                    "indicator_code": _header("code"),
                }
            )
    indicators = Table(
        pd.DataFrame(
            ind_cells,
            columns=["code", "name", "category", "max_points", "significance_class"],
            dtype=object,
        ),
        tuple(ind_rows),
        str(path),
        title,
    )
    assessments = Table(
        pd.DataFrame(
            long_cells, columns=["cluster_id", "indicator_code", "points"], dtype=object
        ),
        tuple(long_rows),
        str(path),
        title,
        column_labels=tuple(labels),
    )
    return indicators, assessments


def _check_classification_sheet(classification: Table, indicators: Table) -> dict:
    """Class per indicator code; problems located in the classification sheet."""
    codes = list(indicators.frame["code"])
    known = set(codes)
    classes: dict[str, str] = {}
    first_row: dict[str, int] = {}
    frame = classification.frame
    for i, (code, text) in enumerate(
        zip(frame["code"], frame["significance_class"], strict=True)
    ):
        if code == REPORTED:
            continue
        with problem_guard:
            if code == "":
                raise classification.error(
                    pgettext("error", "empty indicator code"), index=i, column="code"
                )
            if code in first_row:
                raise classification.error(
                    pgettext(
                        "error",
                        "indicator {code!r} is classified twice (first at row "
                        "{first_row})",
                    ).format(code=code, first_row=first_row[code]),
                    index=i,
                    column="code",
                )
            first_row[code] = classification.rows[i]
            if code not in known:
                raise classification.error(
                    pgettext(
                        "error", "{code!r} is not an indicator of the assessments sheet"
                    ).format(code=code),
                    index=i,
                    column="code",
                )
        if text == REPORTED:
            classes[code] = REPORTED
            continue
        cls = class_from_text(text)
        if cls is None:
            classes[code] = REPORTED
            with problem_guard:
                raise classification.error(
                    pgettext(
                        "error",
                        "unknown significance class {text!r}; expected one of {names}",
                    ).format(
                        text=text, names=", ".join(class_label(c) for c in CLASSES)
                    ),
                    index=i,
                    column="significance_class",
                )
        else:
            classes[code] = cls
    for i, code in enumerate(codes):
        if code not in first_row and code != REPORTED:
            classes[code] = REPORTED
            with problem_guard:
                raise indicators.error(
                    pgettext(
                        "error",
                        "indicator {code!r} has no row in the classification sheet",
                    ).format(code=code),
                    index=i,
                    column="code",
                )
    return classes
