"""Screenshot the offline explorer page in both languages for the user guide.

Run by ``make docs-figures`` (needs Chromium and Playwright): the bundled
SYNTHETIC demonstration data at 3:2:1, the map showing Zelenograd's places.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from ecei_analysis import load_study
from ecei_analysis.reports.explorer_page import write_explorer_page

FIGURES = Path(__file__).parent / "figures"
READY = (
    "() => window.Bokeh && Bokeh.documents.length && Bokeh.documents[0]"
    ".get_model_by_name('table-source').data.id.length > 0"
)


def main() -> int:
    """Write ``docs/figures/explorer_page_{en,ru}.png``."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium is not installed", file=sys.stderr)
        return 1
    study = load_study()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for language in ("en", "ru"):
            path = write_explorer_page(
                study, Path(tmp) / f"{language}.html", "3:2:1", language=language
            )
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto(path.as_uri())
            page.wait_for_function(READY)
            position = list(study.clusters.index).index("zelenograd")
            page.locator("select").nth(1).select_option(index=position + 1)
            page.evaluate(
                "() => new Promise(r => requestAnimationFrame(() => "
                "requestAnimationFrame(() => r(true))))"
            )
            page.screenshot(
                path=FIGURES / f"explorer_page_{language}.png",
                clip={"x": 0, "y": 0, "width": 1200, "height": 860},
            )
            page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
