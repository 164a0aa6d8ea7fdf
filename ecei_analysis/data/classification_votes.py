"""The experts' own classification: each expert sorts the indicators into classes.

A classification panel file (CSV or ``.xlsx``: the sheet of
:func:`~ecei_analysis.data.classification_template.write_classification_template`)
has one row per indicator (``code``, optionally ``name`` and ``what it
measures``) and one column per expert, each cell a significance class (its id or
its name in any language). A blank cell is an abstention: the expert gives no
class to that indicator; it is kept as such and reported, never filled in.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.errors import EceiDataError
from ..core.i18n import NP_, every_translation, pgettext
from ..core.vocabulary import CLASSES, class_from_text, class_label
from .problems import REPORTED, has_problems, problem_guard
from .readers import (
    FirstRows,
    Table,
    check_provenance,
    keyed_headers,
    read_keyed_sheet,
    usable_path,
)

__all__ = [
    "ClassificationPanel",
    "is_classification_panel_file",
    "load_classification_panel",
]

_MARKED = (
    NP_("template sheet", "classification votes"),
    NP_("template column", "what it measures"),
)
#: Columns that are not experts (any language).
_FIXED = ("code", "name", "what it measures", "source", "provenance")


@dataclass(frozen=True)
class ClassificationPanel:
    """The experts' classification votes, checked.

    Attributes
    ----------
    votes
        Indicators (code) × experts: a class id, or ``None`` for an abstention.
    names
        Indicator names as the sheet gives them (may be empty).
    source, sha256
        The file read and its digest.
    provenance
        The ``provenance`` column's flag(s) (``synthetic`` for the bundled
        demonstration votes), or ``unknown``.
    """

    votes: pd.DataFrame
    names: pd.Series
    source: str = ""
    sha256: str = ""
    provenance: str = "unknown"

    @property
    def experts(self) -> list[str]:
        """Expert names, in sheet order."""
        return list(self.votes.columns)

    @property
    def synthetic(self) -> bool:
        """Whether the votes are flagged synthetic (demonstration data)."""
        return "synthetic" in self.provenance

    @property
    def abstentions(self) -> list[tuple[str, str]]:
        """``(indicator code, expert)`` of every blank cell."""
        missing = self.votes.isna()
        return [
            (code, expert)
            for code in self.votes.index
            for expert in self.votes.columns
            if missing.at[code, expert]
        ]

    def codes(self, classes: tuple[str, ...] = CLASSES) -> np.ndarray:
        """Return indicators × experts as class positions 0..k-1 (NaN: abstained)."""
        position = {c: float(i) for i, c in enumerate(classes)}
        return self.votes.apply(lambda col: col.map(position)).to_numpy(float)

    def shares(self, classes: tuple[str, ...] = CLASSES) -> pd.DataFrame:
        """Return indicators × classes: the share of the votes cast for each class."""
        codes = self.codes(classes)
        counts = np.stack(
            [(codes == j).sum(axis=1) for j in range(len(classes))], axis=1
        ).astype(float)
        cast = counts.sum(axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            shares = np.where(cast > 0, counts / cast, np.nan)
        return pd.DataFrame(shares, index=self.votes.index, columns=list(classes))


def _fixed_keys(headers) -> dict[str, str]:
    """Map the non-expert headers (any language) to their keys."""
    lookup = {}
    for key in _FIXED:
        for name in every_translation("template column", key):
            lookup[name.casefold()] = key
    return {
        h: lookup[h.strip().casefold()]
        for h in headers
        if h.strip().casefold() in lookup
    }


def _check_fixed_columns(table: Table, fixed: dict[str, str]) -> None:
    """Refuse an expert's column that a fixed column's name would swallow.

    An expert headed "name", "Название" or "source" would be read as a fixed
    column and their votes would vanish: two headers for one fixed key, or a
    fixed column (other than the code) whose every cell is a class, are refused
    with both names.
    """
    by_key: dict[str, str] = {}
    for header, key in fixed.items():
        if key in by_key:
            raise EceiDataError(
                pgettext(
                    "error",
                    "columns {first!r} and {second!r} both stand for {key!r}; if one "
                    "of them is an expert, give the column the expert's name",
                ).format(first=by_key[key], second=header, key=key),
                file=table.file,
                row=1,
                sheet=table.sheet,
            )
        by_key[key] = header
    for header, key in fixed.items():
        if key == "code":
            continue
        cells = [v for v in table.frame[header] if isinstance(v, str) and v.strip()]
        if cells and all(class_from_text(v) is not None for v in cells):
            raise EceiDataError(
                pgettext(
                    "error",
                    "column {header!r} holds significance classes like an expert's "
                    "votes, but {header!r} is a fixed column of the sheet ({key}); "
                    "give the column the expert's name",
                ).format(header=header, key=key),
                file=table.file,
                row=1,
                sheet=table.sheet,
            )


def is_classification_panel_file(path: Path) -> bool:
    """Whether ``path`` looks like a classification panel (its sheet or columns).

    A ``code`` column, no ``significance_class`` column and at least one
    other (expert) column, told from the header row alone.
    """
    headers = [h.casefold() for h in keyed_headers(path, "classification votes")]
    fixed = _fixed_keys(headers)
    experts = [h for h in headers if h not in fixed]
    return (
        "code" in fixed.values()
        and "significance_class" not in headers
        and bool(experts)
        and not any(h in ("max_points", "points", "cluster_id") for h in experts)
    )


def load_classification_panel(
    path: str | Path, indicators: pd.DataFrame | None = None
) -> ClassificationPanel:
    """Load and check the experts' classification votes.

    Parameters
    ----------
    path
        CSV or ``.xlsx``: a ``code`` column, one column per expert (headed by
        the expert's name), optionally ``name``, ``what it measures``,
        ``source`` and ``provenance``.
    indicators
        The framework (from :func:`~ecei_analysis.load_indicators` or a study):
        every indicator needs a row, and no other code may have one.

    Returns
    -------
    ClassificationPanel

    Raises
    ------
    EceiDataError
        Naming the file, row and column: no expert column, an empty or repeated
        code, a code of no indicator, a missing indicator, an unknown class.
        Blank cells are abstentions, not errors.
    """
    path = usable_path(path)
    table = read_keyed_sheet(path, "classification votes")
    table.require_non_empty()
    fixed = _fixed_keys(table.frame.columns)
    _check_fixed_columns(table, fixed)
    header = {key: name for name, key in fixed.items()}
    if "code" not in header:
        raise EceiDataError(
            pgettext(
                "error",
                "missing column 'code'; expected a code column and one column per "
                "expert",
            ),
            file=table.file,
            row=1,
            sheet=table.sheet,
        )
    experts = [h for h in table.frame.columns if h not in fixed]
    if not experts:
        raise EceiDataError(
            pgettext(
                "error",
                "no expert column; expected one column per expert, headed by the "
                "expert's name",
            ),
            file=table.file,
            row=1,
            sheet=table.sheet,
        )
    known = None if indicators is None else set(indicators.index)
    codes: list[str] = []
    rows = FirstRows(
        table,
        header["code"],
        pgettext("error", "indicator {value!r} appears twice (first at row {row})"),
    )
    votes = []
    for i in range(len(table.frame)):
        code = REPORTED
        with problem_guard:
            code = table.cell(i, header["code"])
            rows.add(i, code)
            if known is not None and code not in known:
                raise table.error(
                    pgettext(
                        "error", "{code!r} is not an indicator of the framework"
                    ).format(code=code),
                    index=i,
                    column=header["code"],
                )
        codes.append(code)
        row = []
        for expert in experts:
            text = table.frame.iat[i, table.frame.columns.get_loc(expert)]
            cls = None
            if text == REPORTED:
                cls = REPORTED
            elif text != "":
                cls = class_from_text(text)
                if cls is None:
                    cls = REPORTED
                    with problem_guard:
                        raise table.error(
                            pgettext(
                                "error",
                                "unknown significance class {text!r}; expected "
                                "{names} (or a blank cell to abstain)",
                            ).format(
                                text=text,
                                names=", ".join(class_label(c) for c in CLASSES),
                            ),
                            index=i,
                            column=expert,
                        )
            row.append(cls)
        votes.append(row)
    if indicators is not None:
        absent = [c for c in indicators.index if c not in rows.rows]
        if absent:
            with problem_guard:
                raise EceiDataError(
                    pgettext(
                        "error",
                        "no row for indicator(s) {names}; every indicator needs a row "
                        "(leave a cell blank to abstain)",
                    ).format(names=", ".join(absent)),
                    file=table.file,
                    column=header["code"],
                    sheet=table.sheet,
                )
    if "provenance" in header:
        check_provenance(table, header["provenance"])
    if has_problems():
        return None  # only reachable while collecting problems (ecei validate)
    frame = pd.DataFrame(
        votes,
        index=pd.Index(codes, name="code"),
        columns=[table.typed_header(e) for e in experts],
        dtype=object,
    )
    frame = frame.where(frame.notna(), None)
    if indicators is not None:
        frame = frame.reindex(indicators.index)
    names = (
        pd.Series(list(table.frame[header["name"]]), index=codes, name="name")
        if "name" in header
        else pd.Series("", index=codes, name="name")
    ).reindex(frame.index)
    provenance = (
        "+".join(sorted(set(table.frame[header["provenance"]])))
        if "provenance" in header
        else "unknown"
    )
    return ClassificationPanel(
        votes=frame,
        names=names,
        source=str(path),
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        provenance=provenance,
    )
