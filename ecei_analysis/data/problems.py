"""Collect every problem instead of stopping at the first (one implementation).

The loaders run their checks row by row inside ``with problem_guard:``. Normally
an :class:`~ecei_analysis.EceiDataError` propagates (the loaders fail on the
first problem). Inside :func:`collect_problems` the guard records it and the
loader moves on to the next row, so ``ecei validate`` reports every problem with
the same checks and messages as the loaders.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

from ..core.errors import EceiDataError

__all__ = [
    "REPORTED",
    "AlreadyReported",
    "collect_problems",
    "collecting",
    "has_problems",
    "problem_guard",
]

_SINK: ContextVar[list[EceiDataError] | None] = ContextVar(
    "ecei_problems", default=None
)
T = TypeVar("T")


class _Reported:
    """The type of :data:`REPORTED`: one instance, equal only to itself."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "REPORTED"

    def __reduce__(self) -> str:  # a copy or a pickle is the same instance
        return "REPORTED"


#: Stands in for a cell whose problem is already reported (while collecting), so
#: later checks of the same cell stay silent instead of reporting it twice. No
#: text read from a file can equal it.
REPORTED = _Reported()


class AlreadyReported(EceiDataError):
    """A check met a cell whose problem was already reported; not a new problem."""


class _ProblemGuard:
    """Context manager: record an EceiDataError when collecting, else re-raise."""

    def __enter__(self) -> _ProblemGuard:
        return self

    def __exit__(self, kind, error, traceback) -> bool:
        sink = _SINK.get()
        if kind is not None and issubclass(kind, EceiDataError) and sink is not None:
            if not issubclass(kind, AlreadyReported):
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
        except AlreadyReported:
            result = None
        except EceiDataError as exc:
            sink.append(exc)
            result = None
    finally:
        _SINK.reset(token)
    return result, sink
