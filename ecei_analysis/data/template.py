"""The Excel assessment template: write it, and read a filled one back.

Layout (one workbook):

* ``instructions`` — how to fill it in (English or Russian);
* ``assessments`` — one row per indicator (code, name, category, significance
  class looked up from ``classification``, max points) and one column per
  cluster; each input cell accepts only a number in ``0..max_points`` (Excel data
  validation);
* ``classification`` — the significance class of every indicator (a drop-down),
  which the analyst may edit;
* ``clusters`` — the participating clusters.

:func:`read_template_tables` turns a filled workbook into the same tables the CSV
route produces, so the loaders (and ``ecei validate``) run the very same checks;
problems are located by sheet, row and cluster column.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..core.errors import EceiDataError
from ..core.files import write_owned_file
from ..core.vocabulary import CLASSES
from .tables import Table, excel_text

__all__ = ["read_template_tables", "write_template"]

_FIXED = ("code", "name", "category", "significance_class", "max_points")
_INSTRUCTIONS = {
    "en": [
        "ECEI cluster-management assessment template (ecei_analysis)",
        "",
        "1. Sheet 'assessments': enter the points of each cluster (columns) for each "
        "indicator (rows). Only numbers from 0 to the indicator's max_points are "
        "accepted; decimals are allowed.",
        "2. Leave no cell empty: every cluster needs every indicator.",
        "3. Sheet 'classification': you may change the significance class of an "
        "indicator (very_important, important, not_so_important); the 'assessments' "
        "sheet shows the class it looks up.",
        "4. Sheet 'clusters': the participating clusters; add a column in "
        "'assessments' for each new cluster id.",
        "5. Do not rename sheets or the header row. Paste values, not formulas, "
        "into the point cells.",
        "6. Check the file: ecei validate assessment.xlsx  —  then analyse it: "
        "ecei rank --data assessment.xlsx",
    ],
    "ru": [
        "Шаблон оценки управления кластером по методике ECEI (ecei_analysis)",
        "",
        "1. Лист 'assessments': введите баллы каждого кластера (столбцы) по каждому "
        "показателю (строки). Допускаются только числа от 0 до max_points данного "
        "показателя; дробные значения разрешены.",
        "2. Не оставляйте пустых ячеек: у каждого кластера должны быть баллы по всем "
        "показателям.",
        "3. Лист 'classification': можно изменить класс значимости показателя "
        "(very_important — очень важный, important — важный, not_so_important — не "
        "очень важный); лист 'assessments' показывает класс по этой таблице.",
        "4. Лист 'clusters': участвующие кластеры; для нового кластера добавьте "
        "столбец с его идентификатором на листе 'assessments'.",
        "5. Не переименовывайте листы и строку заголовков. Вставляйте в ячейки с "
        "баллами значения, а не формулы.",
        "6. Проверка файла: ecei validate assessment.xlsx  —  анализ: "
        "ecei rank --data assessment.xlsx",
    ],
}
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")


def write_template(
    path: str | Path,
    indicators: pd.DataFrame,
    clusters: pd.DataFrame,
    *,
    lang: str = "en",
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
    lang
        ``"en"`` or ``"ru"`` for the instructions.
    force
        Replace an existing workbook that ``ecei template`` did not write (a
        filled template, say). Without it such a file is refused; the write is
        atomic either way.

    Returns
    -------
    pathlib.Path
    """
    if lang not in _INSTRUCTIONS:
        raise EceiDataError(f"lang must be 'en' or 'ru', got {lang!r}")
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise EceiDataError("the template must be written as .xlsx", file=path)
    wb = Workbook()
    info = wb.active
    info.title = "instructions"
    for line in _INSTRUCTIONS[lang]:
        info.append([line])
    info["A1"].font = Font(bold=True, size=13)
    info.column_dimensions["A"].width = 120
    for row in info.iter_rows(min_row=3):
        row[0].alignment = Alignment(wrap_text=True)

    sheet = wb.create_sheet("assessments")
    ids = list(clusters.index)
    sheet.append([*_FIXED, *ids])
    n = len(indicators)
    for k, (code, row) in enumerate(indicators.iterrows(), start=2):
        lookup = f"=VLOOKUP($A{k},classification!$A:$C,3,FALSE)"
        sheet.append(
            [
                code,
                row["name"],
                row["category"],
                lookup,
                float(row["max_points"]),
                *([None] * len(ids)),
            ]
        )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    first, last = (
        get_column_letter(len(_FIXED) + 1),
        get_column_letter(len(_FIXED) + len(ids)),
    )
    if ids:
        validation = DataValidation(
            type="decimal",
            operator="between",
            formula1="0",
            formula2="$E2",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Invalid points",
            error="Enter a number from 0 to the indicator's max_points (column E).",
        )
        validation.add(f"{first}2:{last}{n + 1}")
        sheet.add_data_validation(validation)
        for row in sheet.iter_rows(min_row=2, min_col=len(_FIXED) + 1, max_row=n + 1):
            for cell in row:
                cell.fill = _INPUT_FILL
    sheet.freeze_panes = "F2"
    sheet.column_dimensions["B"].width = 50
    sheet.column_dimensions["D"].width = 18

    classes = wb.create_sheet("classification")
    classes.append(["code", "name", "significance_class", "significance_rationale"])
    for code, row in indicators.iterrows():
        classes.append(
            [
                code,
                row["name"],
                row["significance_class"],
                row.get("significance_rationale", ""),
            ]
        )
    choice = DataValidation(
        type="list", formula1=f'"{",".join(CLASSES)}"', showErrorMessage=True
    )
    choice.add(f"C2:C{n + 1}")
    classes.add_data_validation(choice)
    classes.column_dimensions["B"].width = 50
    classes.column_dimensions["C"].width = 18

    people = wb.create_sheet("clusters")
    columns = [
        c
        for c in ("name", "short_name", "name_ru", "region", "specialisation")
        if c in clusters.columns
    ]
    people.append(["cluster_id", *columns])
    for cid, row in clusters.iterrows():
        people.append([cid, *[row[c] for c in columns]])
    for ws in (classes, people):
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = _HEADER_FILL
    buffer = io.BytesIO()
    wb.save(buffer)
    return write_owned_file(path, buffer.getvalue(), command="template", force=force)


def _sheet(wb, path: Path, name: str):
    if name not in wb.sheetnames:
        raise EceiDataError(
            f"no sheet {name!r}; expected the template's sheets assessments, "
            "classification and clusters",
            file=path,
        )
    return wb[name]


def _plain_table(path: Path, ws, required: tuple[str, ...]) -> Table:
    rows = list(ws.iter_rows(values_only=False))
    if not rows:
        raise EceiDataError(
            "empty sheet; expected a header row", file=path, sheet=ws.title
        )
    header = [excel_text(c.value).lower() for c in rows[0]]
    while header and header[-1] == "":
        header.pop()
    cells, numbers = [], []
    for row in rows[1:]:
        values = [excel_text(c.value) for c in row[: len(header)]]
        values += [""] * (len(header) - len(values))
        if not any(values):
            continue
        cells.append(values)
        numbers.append(row[0].row)
    table = Table(
        pd.DataFrame(cells, columns=header, dtype=object),
        tuple(numbers),
        str(path),
        ws.title,
    )
    table.require_columns(required)
    return table


def read_template_tables(path: str | Path) -> dict[str, Table]:
    """Read a filled template into ``indicators``, ``clusters`` and ``assessments``.

    The assessments come back in long format (``cluster_id, indicator_code,
    points``), each row remembering its sheet row and cluster column so errors
    point at the cell the assessor typed.
    """
    path = Path(path)
    try:
        wb = load_workbook(path, data_only=False)
    except Exception as exc:  # corrupt or not a workbook
        raise EceiDataError(
            f"cannot open as an Excel workbook ({type(exc).__name__})", file=path
        ) from None
    classification = _plain_table(
        path, _sheet(wb, path, "classification"), ("code", "significance_class")
    )
    clusters = _plain_table(path, _sheet(wb, path, "clusters"), ("cluster_id", "name"))
    ws = _sheet(wb, path, "assessments")
    rows = list(ws.iter_rows())
    header = [excel_text(c.value) for c in rows[0]] if rows else []
    while header and header[-1] == "":
        header.pop()
    lowered = [h.lower() for h in header]
    missing = [
        c for c in ("code", "name", "category", "max_points") if c not in lowered
    ]
    if missing:
        raise EceiDataError(
            f"missing column(s) {missing} in the header row; expected "
            f"{', '.join(_FIXED)} then one column per cluster id",
            file=path,
            row=1,
            sheet=ws.title,
        )
    fixed = {c: lowered.index(c) for c in _FIXED if c in lowered}
    cluster_cols = [k for k in range(len(header)) if k not in fixed.values()]
    classes = dict(
        zip(
            classification.frame["code"],
            classification.frame["significance_class"],
            strict=True,
        )
    )
    ind_cells, ind_rows, long_cells, long_rows, labels = [], [], [], [], []
    for row in rows[1:]:
        code = excel_text(row[fixed["code"]].value)
        if not code:
            continue
        ind_cells.append(
            [
                code,
                excel_text(row[fixed["name"]].value),
                excel_text(row[fixed["category"]].value),
                excel_text(row[fixed["max_points"]].value),
                classes.get(code, ""),
            ]
        )
        ind_rows.append(row[0].row)
        for k in cluster_cols:
            cell = row[k] if k < len(row) else None
            value = None if cell is None else cell.value
            if isinstance(value, str) and value.startswith("="):
                raise EceiDataError(
                    f"formula {value!r}; expected a plain number (paste values)",
                    file=path,
                    row=row[0].row,
                    sheet=ws.title,
                    column=f"{header[k]} ({get_column_letter(k + 1)})",
                )
            long_cells.append([header[k], code, excel_text(value)])
            long_rows.append(row[0].row)
            labels.append(
                {
                    "points": f"{header[k]} ({get_column_letter(k + 1)})",
                    "cluster_id": f"{header[k]} ({get_column_letter(k + 1)}1)",
                    "indicator_code": "code",
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
        ws.title,
    )
    assessments = Table(
        pd.DataFrame(
            long_cells, columns=["cluster_id", "indicator_code", "points"], dtype=object
        ),
        tuple(long_rows),
        str(path),
        ws.title,
        column_labels=tuple(labels),
    )
    unclassified = [c for c in indicators.frame["code"] if c not in classes]
    if unclassified:
        raise EceiDataError(
            f"indicator(s) {unclassified} have no row in the classification sheet",
            file=path,
            sheet="classification",
            column="code",
        )
    return {"indicators": indicators, "clusters": clusters, "assessments": assessments}
