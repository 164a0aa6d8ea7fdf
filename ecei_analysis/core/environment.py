"""The ``ECEI_*`` environment variables: read here and nowhere else.

They carry settings from the report runner into its notebook kernels, which run
in other processes:

``ECEI_REPORT=1``
    The code runs inside a report: no progress bars (report bytes must not
    depend on timing).
``ECEI_STATIC=1``
    No widget front-end: the explorer shows its static snapshot.
``ECEI_ALLOW_LONG=1``
    Work estimated above the 10-minute limit may run (``--allow-long``).

The package never sets them in its own process; the runner passes them to the
kernels it starts (:func:`kernel_environment`).
"""

from __future__ import annotations

import os

__all__ = [
    "ALLOW_LONG",
    "REPORT",
    "STATIC",
    "inside_report",
    "kernel_environment",
    "long_runs_allowed_by_environment",
    "static_output_requested",
]

ALLOW_LONG = "ECEI_ALLOW_LONG"
REPORT = "ECEI_REPORT"
STATIC = "ECEI_STATIC"


def _on(name: str) -> bool:
    return os.environ.get(name) == "1"


def inside_report() -> bool:
    """Whether this process is a report's notebook kernel."""
    return _on(REPORT)


def static_output_requested() -> bool:
    """Whether widgets must give way to static output (no front-end runs)."""
    return bool(os.environ.get(STATIC))


def long_runs_allowed_by_environment() -> bool:
    """Whether the environment allows work above the limit (a report's kernel)."""
    return _on(ALLOW_LONG)


def kernel_environment(*, allow_long: bool) -> dict[str, str]:
    """Return the environment of a report's kernel: this one, with ours set.

    Examples
    --------
    >>> env = kernel_environment(allow_long=False)
    >>> env["ECEI_REPORT"], env["ECEI_STATIC"], "ECEI_ALLOW_LONG" in env
    ('1', '1', False)
    """
    env = {k: v for k, v in os.environ.items() if k != ALLOW_LONG}
    env |= {REPORT: "1", STATIC: "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    if allow_long:
        env[ALLOW_LONG] = "1"
    return env
