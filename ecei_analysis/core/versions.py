"""Versions of the package and the libraries that shape its results."""

from __future__ import annotations

import platform
from importlib import metadata

__all__ = ["library_versions"]

_LIBRARIES = (
    "ecei_analysis",
    "numpy",
    "pandas",
    "scipy",
    "matplotlib",
    "seaborn",
    "mpltern",
    "openpyxl",
    "krippendorff",
    "babel",
    "papermill",
    "nbconvert",
)


def library_versions() -> dict[str, str]:
    """Return ``{name: version}`` for Python and the libraries (or ``"absent"``)."""
    out = {"python": platform.python_version()}
    for name in _LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "absent"
    return out
