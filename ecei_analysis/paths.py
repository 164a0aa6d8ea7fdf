"""Where the bundled data and generated reports live."""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "ASSESSMENTS_FILE",
    "CLUSTERS_FILE",
    "INDICATORS_FILE",
    "PUBLISHED_FILE",
    "default_data_dir",
    "default_reports_dir",
    "find_data_file",
]

INDICATORS_FILE = "indicators"
CLUSTERS_FILE = "clusters"
ASSESSMENTS_FILE = "assessments"
PUBLISHED_FILE = "published_results"

_PACKAGE_DIR = Path(__file__).resolve().parent
_SUFFIXES = (".csv", ".xlsx", ".xls")


def default_data_dir() -> Path:
    """Return the bundled ``data/`` folder of the source checkout."""
    return _PACKAGE_DIR.parent / "data"


def default_reports_dir() -> Path:
    """Return the ``reports/`` folder of the source checkout."""
    return _PACKAGE_DIR.parent / "reports"


def find_data_file(data_dir: str | Path, stem: str) -> Path:
    """Return ``data_dir/stem.csv`` or ``data_dir/stem.xlsx``, whichever exists.

    Raises
    ------
    EceiDataError
        When neither or both exist (ambiguous input is never guessed at).
    """
    from .errors import EceiDataError

    data_dir = Path(data_dir)
    found = [
        data_dir / f"{stem}{s}"
        for s in _SUFFIXES
        if (data_dir / f"{stem}{s}").is_file()
    ]
    if not found:
        raise EceiDataError(
            f"no {stem}.csv or {stem}.xlsx in the data folder", file=data_dir
        )
    if len(found) > 1:
        raise EceiDataError(
            f"both {stem}.csv and {stem}.xlsx are present; keep one", file=data_dir
        )
    return found[0]
