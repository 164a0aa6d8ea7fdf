"""Where the package's bundled resources live: data, notebooks, styles, catalogs.

In an installed wheel the bundled data and notebooks are package resources
(``ecei_analysis/_bundled/``, mapped from the repository's ``data/`` and
``notebooks/`` at build time, so the repository keeps one source of truth). In a
source checkout (editable install) they are read from the repository folders.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = [
    "ASSESSMENTS_FILE",
    "CLASSIFICATION_PANEL_FILE",
    "CLUSTERS_FILE",
    "INDICATORS_FILE",
    "NOTEBOOKS",
    "PANEL_FILE",
    "PATH_PARAMETERS",
    "PUBLISHED_FILE",
    "bundled_classification_panel_file",
    "bundled_data_dir",
    "bundled_notebooks_dir",
    "bundled_panel_file",
    "package_file",
]

INDICATORS_FILE = "indicators"
CLUSTERS_FILE = "clusters"
ASSESSMENTS_FILE = "assessments"
PUBLISHED_FILE = "published_results"
PANEL_FILE = "demo_panel"
CLASSIFICATION_PANEL_FILE = "demo_classification_panel"

#: Notebooks shipped in ``notebooks/`` (name -> file).
NOTEBOOKS = {
    "01_baseline_ranking": "01_baseline_ranking.ipynb",
    "02_weight_sensitivity": "02_weight_sensitivity.ipynb",
    "03_uncertainty": "03_uncertainty.ipynb",
    "briefing": "briefing.ipynb",
    "04_explore": "04_explore.ipynb",
    "05_panel": "05_panel.ipynb",
    "06_classification_panel": "06_classification_panel.ipynb",
}

#: Notebook parameters naming input files or folders (resolved where ecei runs;
#: a report records their names only, never the absolute path of someone's
#: machine).
PATH_PARAMETERS = ("data_dir", "panel", "classification_panel")

_PACKAGE = "ecei_analysis"


def package_file(*parts: str) -> Path:
    """Return the path of a file shipped inside the package (styles, catalogs).

    Examples
    --------
    >>> package_file("figures", "styles", "publication.mplstyle").is_file()
    True
    """
    return Path(str(resources.files(_PACKAGE).joinpath(*parts)))


def _bundled(name: str) -> Path:
    installed = package_file("_bundled", name)
    if installed.is_dir():
        return installed
    checkout = package_file().parent / name
    if checkout.is_dir():
        return checkout
    return installed  # absent: callers report it with the path they looked in


def bundled_data_dir() -> Path:
    """Return the folder of the bundled SYNTHETIC demonstration data.

    Examples
    --------
    >>> (bundled_data_dir() / "indicators.csv").is_file()
    True
    """
    return _bundled("data")


def bundled_panel_file() -> Path:
    """Return the bundled SYNTHETIC demonstration votes of a panel.

    Examples
    --------
    >>> bundled_panel_file().name
    'demo_panel.csv'
    """
    return bundled_data_dir() / f"{PANEL_FILE}.csv"


def bundled_classification_panel_file() -> Path:
    """Return the bundled SYNTHETIC demonstration votes of a classification panel.

    Examples
    --------
    >>> bundled_classification_panel_file().name
    'demo_classification_panel.csv'
    """
    return bundled_data_dir() / f"{CLASSIFICATION_PANEL_FILE}.csv"


def bundled_notebooks_dir() -> Path:
    """Return the folder of the analyst notebooks shipped with the package."""
    return _bundled("notebooks")
