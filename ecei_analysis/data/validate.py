"""``ecei validate``: check folders, workbooks or single files; list every problem."""

from __future__ import annotations

from ..core.errors import EceiDataError
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

__all__ = ["validate_paths"]


def validate_paths(paths) -> list[EceiDataError]:
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
    list of EceiDataError
        Empty when everything is clean.
    """
    problems: list[EceiDataError] = []
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
            _, found = collect_problems(load_study, path)
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
                    "cannot tell what this file is; name it indicators, clusters, "
                    "assessments or published_results (.csv/.xlsx), or pass a data "
                    "folder, a filled template workbook or a panel's votes (with a "
                    "participant column)",
                    file=path,
                )
            ]
        problems.extend(found)
    return problems


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
