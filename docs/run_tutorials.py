"""Execute the analyst notebooks for the documentation's tutorial pages.

Each notebook runs through ``ecei report`` (papermill) on the bundled SYNTHETIC
demonstration data with small numbers of draws; the executed notebook is copied to
``docs/tutorials/<name>.ipynb`` (its introduction cell shown as the page title),
which Sphinx renders without executing again.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

from ecei_analysis.reports.runner import NOTEBOOKS, run_report

HERE = Path(__file__).resolve().parent / "tutorials"
QUICK = {
    "briefing": {"draws": 5000},
    "03_uncertainty": {"draws": 5000, "sobol_n": 256},
    "05_panel": {"draws": 5000},
    "06_classification_panel": {"draws": 2000},
}


def main() -> int:
    """Run every notebook and copy the executed ones next to the index page."""
    runs = HERE / "_runs"
    for name in NOTEBOOKS:
        out = runs / name
        run_report(name, QUICK.get(name, {}), out, progress=False)
        book = nbformat.read(out / f"{name}.ipynb", as_version=4)
        for cell in book.cells:  # the analysts' introduction is the page's title
            tags = cell.metadata.get("tags", [])
            if cell.cell_type == "markdown" and "remove-cell" in tags:
                cell.metadata["tags"] = [t for t in tags if t != "remove-cell"]
        nbformat.write(book, HERE / f"{name}.ipynb")
        print(f"executed {name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
