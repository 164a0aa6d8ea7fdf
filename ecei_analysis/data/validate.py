"""``ecei validate``: check folders, workbooks or single files; list every problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import EceiDataError
from ..core.i18n import pgettext
from ..core.resources import bundled_data_dir
from .classification_votes import (
    is_classification_panel_file,
    load_classification_panel,
)
from .loaders import (
    load_assessments,
    load_clusters,
    load_indicators,
    load_published_results,
    load_study,
)
from .panel_votes import is_panel_file, load_panel
from .problems import collect_problems
from .readers import find_data_file, usable_path
from .study import Study

__all__ = ["Validation", "validate", "validate_paths"]


@dataclass
class Validation:
    """What ``ecei validate`` found.

    Attributes
    ----------
    problems
        Every problem, located (file, row, column).
    studies
        The whole studies (folders, template workbooks) that loaded without a
        problem, by the path given, for the notes about them (e.g. which
        published clusters they hold).
    checked
        Every path checked and what it was checked as: ``study``, ``panel``,
        ``classification``, or the table it is (``indicators``, ...).
    skipped
        Files of a study folder that are no kind of data (not checked).
    """

    problems: list[EceiDataError] = field(default_factory=list)
    studies: dict[Path, Study] = field(default_factory=dict)
    checked: list[tuple[Path, str]] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


def validate_paths(paths) -> list[EceiDataError]:
    """Check folders, workbooks or single files; list every problem.

    :func:`validate` with only its problems.
    """
    return validate(paths).problems


def validate(paths) -> Validation:
    """Check folders, template workbooks or single files; list every problem.

    A folder or a template ``.xlsx`` is checked as a whole study. A panel's votes
    (a voting sheet, or any file with a ``participant`` column) are checked as
    votes, and an experts' classification sheet against the framework of a
    study folder given in the same call, else the indicators beside it, else the
    bundled framework. A study folder's other files that are votes (a panel's or
    the experts') are checked too; any other file there is listed as skipped. A
    single file is recognised by its name (``indicators``, ``clusters``,
    ``assessments``, ``published_results``); an assessments file is checked
    against the indicators and clusters beside it, or the bundled framework when
    there are none.

    Parameters
    ----------
    paths
        Paths to check.

    Returns
    -------
    Validation
        The problems (none when everything is clean) and the studies loaded.
    """
    result = Validation()
    usable = []
    for raw in paths:
        try:
            usable.append(usable_path(raw, "file or folder"))
        except EceiDataError as exc:
            result.problems.append(exc)
    framework = _given_framework(usable)
    for path in usable:
        _check_path(path, result, framework)
        if path.is_dir():
            for other in _other_files(path):
                _check_path(other, result, framework, inner=True)
    return result


def _check_path(
    path: Path, result: Validation, framework, *, inner: bool = False
) -> None:
    """Check one path by its kind; record the kind, or the skip, and the problems."""
    stem = path.stem.lower()
    if path.is_file() and stem not in _TABLES and is_panel_file(path):
        kind, (_, found) = "panel", collect_problems(load_panel, path)
    elif path.is_file() and stem not in _TABLES and is_classification_panel_file(path):
        indicators = framework if framework is not None else _framework(path)
        kind = "classification"
        _, found = collect_problems(load_classification_panel, path, indicators)
    elif inner:  # a file in a study folder that is no kind of data: said, not guessed
        result.skipped.append(path)
        return
    elif path.is_dir() or (path.suffix.lower() == ".xlsx" and stem not in _TABLES):
        kind = "study"
        study, found = collect_problems(load_study, path)
        if study is not None and not found:
            result.studies[path] = study
    elif stem in ("indicators", "clusters"):
        loader = load_indicators if stem == "indicators" else load_clusters
        kind, (_, found) = stem, collect_problems(loader, path)
    elif stem in ("assessments", "published_results"):
        base = path.parent
        if (
            not (base / "indicators.csv").exists()
            and not (base / "indicators.xlsx").exists()
        ):
            base = bundled_data_dir()
        indicators = load_indicators(find_data_file(base, "indicators"))
        clusters = load_clusters(find_data_file(base, "clusters"))
        kind = stem
        if stem == "assessments":
            _, found = collect_problems(load_assessments, path, indicators, clusters)
        else:
            _, found = collect_problems(load_published_results, path, clusters)
    else:
        kind = None
        found = [
            EceiDataError(
                pgettext(
                    "error",
                    "cannot tell what this file is; name it indicators, clusters, "
                    "assessments or published_results (.csv/.xlsx), or pass a "
                    "data folder, a filled template workbook or a panel's votes "
                    "(with a participant column)",
                ),
                file=path,
            )
        ]
    if kind is not None:
        result.checked.append((path, kind))
    result.problems.extend(found)


def _other_files(folder: Path) -> list[Path]:
    """Return the data-looking files of a study folder beyond its four tables."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and p.suffix.lower() in (".csv", ".xlsx")
        and p.stem.lower() not in _TABLES
        and not p.name.startswith(".")
    )


def _given_framework(paths: list[Path]):
    """Return the indicators of the first study folder given, if any."""
    for path in paths:
        if path.is_dir() and any(
            (path / f"indicators{s}").exists() for s in (".csv", ".xlsx")
        ):
            try:
                return load_indicators(find_data_file(path, "indicators"))
            except EceiDataError:
                return None  # reported when the folder itself is checked
    return None


_TABLES = ("indicators", "clusters", "assessments", "published_results")


def _framework(path):
    """Return the indicators beside ``path``, else the bundled framework's."""
    base = path.parent
    if (
        not (base / "indicators.csv").exists()
        and not (base / "indicators.xlsx").exists()
    ):
        base = bundled_data_dir()
    return load_indicators(find_data_file(base, "indicators"))
