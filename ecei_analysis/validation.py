"""Collect every problem instead of stopping at the first (one implementation).

The loaders run their checks row by row inside ``with problem_guard:``. Normally
an :class:`~ecei_analysis.errors.EceiDataError` propagates (the loaders fail on the
first problem). Inside :func:`collect_problems` the guard records it and the
loader moves on to the next row, so ``ecei validate`` reports every problem with
the same checks and messages as the loaders.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

from .errors import EceiDataError

__all__ = [
    "collect_problems",
    "collecting",
    "has_problems",
    "problem_guard",
    "validate_paths",
]

_SINK: ContextVar[list[EceiDataError] | None] = ContextVar(
    "ecei_problems", default=None
)
T = TypeVar("T")


class _ProblemGuard:
    """Context manager: record an EceiDataError when collecting, else re-raise."""

    def __enter__(self) -> _ProblemGuard:
        return self

    def __exit__(self, kind, error, traceback) -> bool:
        sink = _SINK.get()
        if kind is not None and issubclass(kind, EceiDataError) and sink is not None:
            sink.append(error)
            return True
        return False


#: Guard one row's (or one file's) checks.
problem_guard = _ProblemGuard()


def collecting() -> bool:
    """Return True inside :func:`collect_problems`."""
    return _SINK.get() is not None


def has_problems() -> bool:
    """Return True when collecting and at least one problem was recorded."""
    sink = _SINK.get()
    return bool(sink)


def collect_problems(func: Callable[..., T], *args, **kwargs) -> tuple[T | None, list]:
    """Run ``func`` collecting every EceiDataError its guarded checks raise.

    Returns
    -------
    result, problems
        ``result`` is None when a problem stopped ``func`` outright.
    """
    sink: list[EceiDataError] = []
    token = _SINK.set(sink)
    try:
        try:
            result = func(*args, **kwargs)
        except EceiDataError as exc:
            sink.append(exc)
            result = None
    finally:
        _SINK.reset(token)
    return result, sink


def validate_paths(paths) -> list[EceiDataError]:
    """Check folders, template workbooks or single files; list every problem.

    A folder or a template ``.xlsx`` is checked as a whole study. A single file is
    recognised by its name (``indicators``, ``clusters``, ``assessments``,
    ``published_results``); an assessments file is checked against the indicators
    and clusters beside it, or the bundled framework when there are none.

    Parameters
    ----------
    paths
        Paths to check.

    Returns
    -------
    list of EceiDataError
        Empty when everything is clean.
    """
    from pathlib import Path

    from .loading import (
        load_assessments,
        load_clusters,
        load_indicators,
        load_published_results,
        load_study,
    )
    from .paths import default_data_dir, find_data_file

    problems: list[EceiDataError] = []
    for raw in paths:
        path = Path(raw)
        stem = path.stem.lower()
        if path.is_dir() or (path.suffix.lower() == ".xlsx" and stem not in _TABLES):
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
                base = default_data_dir()
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
                    "folder or a filled template workbook",
                    file=path,
                )
            ]
        problems.extend(found)
    return problems


_TABLES = ("indicators", "clusters", "assessments", "published_results")
