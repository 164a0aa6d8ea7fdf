"""Load and validate the study files into one typed bundle.

The loaders accept CSV and Excel (see :mod:`ecei_analysis.data.readers`) and raise
:class:`~ecei_analysis.EceiDataError` naming file, row and column for any
problem. Nothing is silently dropped, coerced or overwritten.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from ..core.errors import EceiDataError
from ..core.i18n import NP_, pgettext
from ..core.resources import (
    ASSESSMENTS_FILE,
    CLUSTERS_FILE,
    INDICATORS_FILE,
    PUBLISHED_FILE,
    bundled_data_dir,
)
from ..core.vocabulary import CLASSES
from .problems import REPORTED, has_problems, problem_guard
from .readers import (
    FirstRows,
    Table,
    check_provenance,
    find_data_file,
    read_table,
    usable_path,
)
from .study import Study

__all__ = [
    "load_assessments",
    "load_classification",
    "load_clusters",
    "load_indicators",
    "load_published_results",
    "load_study",
]

MissingPolicy = Literal["error", "zero"]

_INDICATOR_COLUMNS = ("code", "name", "category", "max_points", "significance_class")
_CLUSTER_COLUMNS = ("cluster_id", "name")
_ASSESSMENT_COLUMNS = ("cluster_id", "indicator_code", "points")
_PUBLISHED_COLUMNS = ("cluster_id", "points", "place")
_YES_NO = {
    "yes": True,
    "no": False,
    "true": True,
    "false": False,
    "1": True,
    "0": False,
}


def _sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _provenance_flags(table: Table) -> str:
    """Return the provenance flag(s) of a table joined with ``+`` (not validated)."""
    if "provenance" not in table.frame.columns:
        return "unknown"
    return "+".join(sorted(set(table.frame["provenance"]))) or "unknown"


#: The values that must be unique in a column, marked for translation.
_UNIQUE = {
    "cluster id": NP_("unique", "cluster id"),
    "indicator code": NP_("unique", "indicator code"),
}


def _check_unique(table: Table, column: str, what: str) -> None:
    what = pgettext("unique", _UNIQUE[what])
    seen = FirstRows(
        table,
        column,
        pgettext("error", "duplicate {what} {value!r} (first at row {row})"),
        what=what,
    )
    for i, value in enumerate(table.frame[column]):
        with problem_guard:
            if value == REPORTED:
                continue
            if value == "":
                raise table.error(
                    pgettext("error", "empty {what}").format(what=what),
                    index=i,
                    column=column,
                )
            seen.add(i, value)


def _open(path: str | Path | Table) -> Table:
    return path if isinstance(path, Table) else read_table(path)


def load_indicators(path: str | Path) -> pd.DataFrame:
    """Load the indicator framework (one row per indicator).

    Parameters
    ----------
    path
        CSV or xlsx with columns ``code, name, category, max_points,
        significance_class`` (and optionally ``in_silver_audit``, ``source``,
        ``provenance``, rationale columns ...).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``code``; ``max_points`` float, ``in_silver_audit`` bool.

    Raises
    ------
    EceiDataError
        Duplicate or empty codes, non-positive ``max_points``, empty class.
    """
    table = _open(path)
    table.require_columns(_INDICATOR_COLUMNS)
    table.require_non_empty()
    _check_unique(table, "code", "indicator code")
    check_provenance(table)
    _validate_classes(table)
    frame = table.frame.copy()
    max_points = np.full(len(frame), np.nan)
    for i in range(len(frame)):
        with problem_guard:
            max_points[i] = table.number(i, "max_points", low=0)
            if max_points[i] <= 0:
                raise table.error(
                    pgettext("error", "max_points must be > 0"),
                    index=i,
                    column="max_points",
                )
        with problem_guard:
            table.cell(i, "name")
    frame["max_points"] = max_points
    if "in_silver_audit" in frame.columns:
        flags = []
        for i, value in enumerate(frame["in_silver_audit"]):
            flags.append(_YES_NO.get(value.lower()))
            with problem_guard:
                if value.lower() not in _YES_NO:
                    raise table.error(
                        pgettext("error", "expected yes or no, got {value!r}").format(
                            value=value
                        ),
                        index=i,
                        column="in_silver_audit",
                    )
        frame["in_silver_audit"] = flags
    return frame.set_index("code")


def load_clusters(path: str | Path) -> pd.DataFrame:
    """Load the participating clusters (one row per cluster).

    Parameters
    ----------
    path
        CSV or xlsx with columns ``cluster_id, name`` (optionally ``name_ru``,
        ``region``, ``specialisation``, ``source``, ``provenance``).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``cluster_id``.
    """
    table = _open(path)
    table.require_columns(_CLUSTER_COLUMNS)
    table.require_non_empty()
    _check_unique(table, "cluster_id", "cluster id")
    check_provenance(table)
    for i in range(len(table.frame)):
        with problem_guard:
            table.cell(i, "name")
    return table.frame.set_index("cluster_id")


def load_published_results(
    path: str | Path, clusters: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Load published totals and places.

    Parameters
    ----------
    path
        CSV or xlsx with ``cluster_id, points, place``.
    clusters
        When given, every cluster id must be one of its index.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``cluster_id``; ``points`` float, ``place`` int.
    """
    table = _open(path)
    table.require_columns(_PUBLISHED_COLUMNS)
    _check_unique(table, "cluster_id", "cluster id")
    check_provenance(table)
    frame = table.frame.copy()
    points = np.full(len(frame), np.nan)
    places = np.zeros(len(frame), dtype=int)
    for i in range(len(frame)):
        with problem_guard:
            points[i] = table.number(i, "points", low=0)
        with problem_guard:
            place = table.number(i, "place", low=1)
            if not float(place).is_integer():
                raise table.error(
                    pgettext("error", "expected a whole place number"),
                    index=i,
                    column="place",
                )
            places[i] = int(place)
        with problem_guard:
            if (
                clusters is not None
                and frame["cluster_id"].iat[i] not in clusters.index
            ):
                raise table.error(
                    pgettext(
                        "error",
                        "unknown cluster id {iat!r}; expected one of the ids in "
                        "clusters",
                    ).format(iat=frame["cluster_id"].iat[i]),
                    index=i,
                    column="cluster_id",
                )
    frame["points"] = points
    frame["place"] = places
    return frame.set_index("cluster_id")


def load_assessments(
    path: str | Path,
    indicators: pd.DataFrame,
    clusters: pd.DataFrame,
    *,
    missing: MissingPolicy = "error",
) -> tuple[pd.DataFrame, str | None, tuple[tuple[str, str], ...]]:
    """Load indicator-level points in long format into a clusters × indicators matrix.

    Parameters
    ----------
    path
        CSV or xlsx with ``cluster_id, indicator_code, points`` (one row per
        cluster and indicator).
    indicators, clusters
        From :func:`load_indicators` and :func:`load_clusters`; ids are checked
        against them and ``points`` against ``[0, max_points]``.
    missing
        ``"error"`` (default): every cluster must have every indicator.
        ``"zero"``: explicit opt-in for partial data; missing cells score 0 and are
        listed in the third return value.

    Returns
    -------
    points : pandas.DataFrame
        Clusters (rows, in ``clusters`` order) × indicators (columns, in
        ``indicators`` order).
    provenance : str or None
        The provenance flag(s) found in the file.
    filled : tuple of (cluster_id, indicator_code)
        Cells filled with 0 under ``missing="zero"``.
    """
    if missing not in ("error", "zero"):
        raise EceiDataError(
            pgettext(
                "error", "missing must be 'error' or 'zero', got {missing!r}"
            ).format(missing=missing)
        )
    table = _open(path)
    table.require_columns(_ASSESSMENT_COLUMNS)
    table.require_non_empty()
    provenance = check_provenance(table)
    frame = table.frame
    cluster_pos = {c: k for k, c in enumerate(clusters.index)}
    indicator_pos = {c: k for k, c in enumerate(indicators.index)}
    max_points = indicators["max_points"].to_numpy()
    matrix = np.full((len(cluster_pos), len(indicator_pos)), np.nan)
    first_row = np.zeros(matrix.shape, dtype=int)
    cluster_col = frame["cluster_id"].tolist()
    code_col = frame["indicator_code"].tolist()
    for i in range(len(frame)):
        with problem_guard:
            _assessment_row(
                table,
                i,
                cluster_col[i],
                code_col[i],
                cluster_pos,
                indicator_pos,
                max_points,
                matrix,
                first_row,
            )
    # Cells no row named (a row that failed its checks is reported already).
    holes = np.argwhere(first_row == 0)
    filled: tuple[tuple[str, str], ...] = ()
    if len(holes):
        pairs = [(clusters.index[r], indicators.index[c]) for r, c in holes]
        if missing == "error":
            shown = "; ".join(f"{a} / {b}" for a, b in pairs[:5])
            more = f" and {len(pairs) - 5} more" if len(pairs) > 5 else ""
            with problem_guard:
                raise EceiDataError(
                    pgettext(
                        "error",
                        "{n} cluster/indicator pair(s) have no points: {shown}{more}; "
                        "expected one row per cluster and indicator (to score missing "
                        "indicators as 0 on purpose: --missing zero on the command "
                        "line, missing='zero' in Python)",
                    ).format(n=len(pairs), shown=shown, more=more),
                    file=table.file,
                    column="points",
                    sheet=table.sheet,
                )
        matrix[first_row == 0] = 0.0
        filled = tuple(pairs)
    points = pd.DataFrame(
        matrix, index=clusters.index.copy(), columns=indicators.index.copy()
    )
    points.index.name = "cluster_id"
    points.columns.name = "indicator_code"
    return points, provenance, filled


def _assessment_row(
    table, i, cluster, code, cluster_pos, indicator_pos, max_points, matrix, first_row
) -> None:
    """Check one assessment row and place its points in the matrix."""
    if cluster not in cluster_pos:
        raise table.error(
            pgettext(
                "error",
                "unknown cluster id {cluster!r}; expected one of the ids in clusters",
            ).format(cluster=cluster),
            index=i,
            column="cluster_id",
        )
    if code not in indicator_pos:
        raise table.error(
            pgettext(
                "error",
                "unknown indicator code {code!r}; expected one of the codes in "
                "indicators",
            ).format(code=code),
            index=i,
            column="indicator_code",
        )
    r, c = cluster_pos[cluster], indicator_pos[code]
    if first_row[r, c]:
        raise table.error(
            pgettext(
                "error",
                "duplicate points for cluster {cluster!r}, indicator {code!r} (first "
                "at row {first_row})",
            ).format(cluster=cluster, code=code, first_row=first_row[r, c]),
            index=i,
            column="indicator_code",
        )
    first_row[r, c] = table.rows[i]
    matrix[r, c] = table.number(i, "points", low=0, high=float(max_points[c]))


def _validate_classes(table: Table) -> None:
    for i, value in enumerate(table.frame["significance_class"]):
        with problem_guard:
            if value != REPORTED and value not in CLASSES:
                raise table.error(
                    pgettext(
                        "error",
                        "unknown significance class {value!r}; expected one of {names}",
                    ).format(value=value, names=", ".join(CLASSES)),
                    index=i,
                    column="significance_class",
                )


def load_classification(path: str | Path, indicators: pd.DataFrame) -> pd.Series:
    """Load an alternative significance classification (``code, significance_class``).

    Parameters
    ----------
    path
        CSV or xlsx; every indicator of ``indicators`` exactly once.
    indicators
        The framework it classifies.

    Returns
    -------
    pandas.Series
        Class per indicator code, in ``indicators`` order.
    """
    table = _open(path)
    table.require_columns(("code", "significance_class"))
    table.require_non_empty()
    _check_unique(table, "code", "indicator code")
    _validate_classes(table)
    for i, code in enumerate(table.frame["code"]):
        if code not in indicators.index:
            raise table.error(
                pgettext("error", "unknown indicator code {code!r}").format(code=code),
                index=i,
                column="code",
            )
    series = table.frame.set_index("code")["significance_class"]
    absent = [c for c in indicators.index if c not in series.index]
    if absent:
        raise EceiDataError(
            pgettext(
                "error", "no class for indicator(s) {names}; expected every indicator"
            ).format(names=", ".join(absent)),
            file=table.file,
            column="code",
            sheet=table.sheet,
        )
    return series.reindex(indicators.index).rename("significance_class")


def load_study(
    data_dir: str | Path | None = None, *, missing: MissingPolicy = "error"
) -> Study:
    """Load and cross-validate the four study files of a data folder.

    Parameters
    ----------
    data_dir
        Folder holding ``indicators``, ``clusters``, ``assessments`` and
        (optionally) ``published_results`` as ``.csv`` or ``.xlsx``. ``None`` uses
        the bundled synthetic demonstration data.
    missing
        Policy for clusters lacking indicators; see :func:`load_assessments`.

    Returns
    -------
    Study
        (Inside :func:`~ecei_analysis.data.problems.collect_problems`, as used by
        ``ecei validate``, ``None`` when any problem was found.)

    Examples
    --------
    >>> study = load_study()
    >>> study.points.shape
    (19, 29)
    >>> study.is_synthetic
    True
    """
    if data_dir is None:
        data_dir = bundled_data_dir()
    if isinstance(data_dir, bool) or not isinstance(data_dir, str | os.PathLike):
        raise EceiDataError(
            pgettext(
                "error",
                "data_dir must be a data folder or a filled template .xlsx, got {name}",
            ).format(name=type(data_dir).__name__)
        )
    if missing not in ("error", "zero"):
        raise EceiDataError(
            pgettext(
                "error", "missing must be 'error' or 'zero', got {missing!r}"
            ).format(missing=missing)
        )
    data_dir = Path(data_dir)
    if data_dir.suffix.lower() in (".xlsx", ".xlsm"):
        from .template import read_template_tables

        tables = read_template_tables(usable_path(data_dir))
        paths = {name: data_dir for name in tables}
    else:
        usable_path(data_dir, "folder")
        paths = {}
        for name, stem in (
            ("indicators", INDICATORS_FILE),
            ("clusters", CLUSTERS_FILE),
            ("assessments", ASSESSMENTS_FILE),
        ):
            with problem_guard:
                paths[name] = find_data_file(data_dir, stem)
        if any(
            os.path.lexists(data_dir / f"{PUBLISHED_FILE}{suffix}")
            for suffix in (".csv", ".xlsx", ".xls")
        ):  # optional, but when present it is checked like every file
            with problem_guard:
                paths["published"] = find_data_file(data_dir, PUBLISHED_FILE)
        tables = {}
        for name, path in paths.items():
            with problem_guard:
                tables[name] = read_table(path)
    provenance = {name: _provenance_flags(t) for name, t in tables.items()}
    indicators = clusters = points = None
    filled: tuple = ()
    if "indicators" in tables:
        with problem_guard:
            indicators = load_indicators(tables["indicators"])
    if "clusters" in tables:
        with problem_guard:
            clusters = load_clusters(tables["clusters"])
    # While collecting problems a table may come back with duplicates (already
    # reported); check the rest against its first occurrences.
    if indicators is not None:
        indicators = indicators[~indicators.index.duplicated()]
    if clusters is not None:
        clusters = clusters[~clusters.index.duplicated()]
    if "assessments" in tables and indicators is not None and clusters is not None:
        with problem_guard:
            points, _, filled = load_assessments(
                tables["assessments"], indicators, clusters, missing=missing
            )
    published = pd.DataFrame(
        {"points": pd.Series(dtype=float), "place": pd.Series(dtype=int)},
        index=pd.Index([], name="cluster_id"),
    )
    if "published" in tables and clusters is not None:
        with problem_guard:
            published = load_published_results(tables["published"], clusters)
    if indicators is None or clusters is None or points is None or has_problems():
        return None  # only reachable while collecting problems (ecei validate)
    return Study(
        indicators=indicators,
        clusters=clusters,
        points=points,
        published=published,
        provenance=provenance,
        files={str(p): _sha256(p) for p in dict.fromkeys(paths.values())},
        filled=filled,
    )
