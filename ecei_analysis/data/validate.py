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
    """

    problems: list[EceiDataError] = field(default_factory=list)
    studies: dict[Path, Study] = field(default_factory=dict)


def validate_paths(paths) -> list[EceiDataError]:
    """Check folders, workbooks or single files; list every problem.

    :func:`validate` with only its problems.
    """
    return validate(paths).problems


def validate(paths) -> Validation:
    """Check folders, template workbooks or single files; list every problem.

    A folder or a template ``.xlsx`` is checked as a whole study. A panel's votes
    (a voting sheet, or any file with a ``participant`` column) are checked as
    votes, and an experts' classification sheet against the indicators beside
    it (or the bundled framework). A single file is recognised by its name
    (``indicators``, ``clusters``, ``assessments``, ``published_results``); an
    assessments file is checked against the indicators and clusters beside it,
    or the bundled framework when there are none.

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
    problems = result.problems
    for raw in paths:
        try:
            path = usable_path(raw, "file or folder")
        except EceiDataError as exc:
            problems.append(exc)
            continue
        stem = path.stem.lower()
        if path.is_file() and stem not in _TABLES and is_panel_file(path):
            _, found = collect_problems(load_panel, path)
        elif (
            path.is_file()
            and stem not in _TABLES
            and is_classification_panel_file(path)
        ):
            _, found = collect_problems(
                load_classification_panel, path, _framework(path)
            )
        elif path.is_dir() or (path.suffix.lower() == ".xlsx" and stem not in _TABLES):
            study, found = collect_problems(load_study, path)
            if study is not None and not found:
                result.studies[path] = study
        elif stem in ("indicators", "clusters"):
            loader = load_indicators if stem == "indicators" else load_clusters
            _, found = collect_problems(loader, path)
        elif stem in ("assessments", "published_results"):
            base = path.parent
            if (
                not (base / "indicators.csv").exists()
                and not (base / "indicators.xlsx").exists()
            ):
                base = bundled_data_dir()
            indicators = load_indicators(find_data_file(base, "indicators"))
            clusters = load_clusters(find_data_file(base, "clusters"))
            if stem == "assessments":
                _, found = collect_problems(
                    load_assessments, path, indicators, clusters
                )
            else:
                _, found = collect_problems(load_published_results, path, clusters)
        else:
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
        problems.extend(found)
    return result


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
