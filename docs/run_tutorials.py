"""Execute the analyst notebooks for the documentation's tutorial pages.

Each notebook runs through ``ecei report`` (papermill) on the bundled SYNTHETIC
demonstration data with small numbers of draws; the executed notebook is copied to
``docs/tutorials/<name>.ipynb`` (its introduction cell shown as the page title),
which Sphinx renders without executing again.
"""

from __future__ import annotations

import html
import re
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


def _heading(book) -> str:
    """Return the first ``<h1>`` an executed notebook displays, as plain text."""
    for cell in book.cells:
        for output in cell.get("outputs", []):
            found = re.search(
                r"<h1[^>]*>(.*?)</h1>",
                output.get("data", {}).get("text/html", ""),
                re.S,
            )
            if found:
                return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()
    raise SystemExit("a notebook without a heading cannot title its tutorial page")


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
        if not any(c.cell_type == "markdown" for c in book.cells):
            # No introduction (04 shows its heading from code, once, above its
            # widgets): the page's title is the report's own first heading.
            book.cells.insert(0, nbformat.v4.new_markdown_cell(f"# {_heading(book)}"))
        nbformat.write(book, HERE / f"{name}.ipynb")
        print(f"executed {name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
