"""The work-size guard: estimate long runs before they start; refuse the huge.

Commands and analyses estimate their run time before starting. Above
:data:`WORK_LIMIT_SECONDS` they refuse with the estimate and how to allow it
(``--allow-long`` on the command line, :func:`allow_long` in Python, or the
environment variable ``ECEI_ALLOW_LONG=1``, which the report runner passes on to
its notebook kernels).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .environment import inside_report, long_runs_allowed_by_environment
from .errors import EceiDataError
from .i18n import pgettext

__all__ = [
    "PROGRESS_FROM_SECONDS",
    "WORK_LIMIT_SECONDS",
    "allow_long",
    "check_work",
    "format_duration",
    "long_runs_allowed",
    "show_progress",
]

#: Runs estimated above this many seconds are refused unless allowed.
WORK_LIMIT_SECONDS = 600.0
#: Runs estimated above this many seconds show a progress bar (on a terminal).
PROGRESS_FROM_SECONDS = 2.0

_ALLOWED: ContextVar[bool] = ContextVar("ecei_allow_long", default=False)


@contextmanager
def allow_long() -> Iterator[None]:
    """Allow runs estimated above the work limit inside this block.

    Examples
    --------
    >>> with allow_long():
    ...     long_runs_allowed()
    True
    """
    token = _ALLOWED.set(True)
    try:
        yield
    finally:
        _ALLOWED.reset(token)


def long_runs_allowed() -> bool:
    """Return True inside :func:`allow_long` or with ``ECEI_ALLOW_LONG=1``."""
    return _ALLOWED.get() or long_runs_allowed_by_environment()


def format_duration(seconds: float) -> str:
    """``"3.2 s"``, ``"12 min"``, ``"35 h"``.

    Examples
    --------
    >>> format_duration(7300)
    '2.0 h'
    """
    if seconds < 60:
        return f"{seconds:.1f} s"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def check_work(seconds: float, what: str) -> None:
    """Refuse a run estimated above the limit unless long runs are allowed."""
    if seconds > WORK_LIMIT_SECONDS and not long_runs_allowed():
        raise EceiDataError(
            pgettext(
                "error",
                "{what} would take about {format_duration} on this machine (limit "
                "{format_duration2}); reduce the work, or allow it with --allow-long "
                "(ecei_analysis.allow_long() in Python)",
            ).format(
                what=what,
                format_duration=format_duration(seconds),
                format_duration2=format_duration(WORK_LIMIT_SECONDS),
            )
        )


def show_progress(seconds: float, progress: bool | None) -> bool:
    """Whether to show a progress bar: on request, or for long interactive runs.

    Interactive means a terminal or a Jupyter kernel. Never inside a report (the
    report runner sets ``ECEI_REPORT=1``), so report bytes do not depend on timing.
    """
    if inside_report():
        return False
    if progress is not None:
        return bool(progress)
    import sys

    interactive = sys.stderr.isatty() or "ipykernel" in sys.modules
    return seconds > PROGRESS_FROM_SECONDS and interactive
