"""Fail when a built page loads anything from the network (scripts, styles, fonts).

Links a reader follows (``<a href="https://...">``) are fine; resources the
browser fetches to show the page are not: the site must work offline.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# src= of scripts, images and frames; href= of stylesheets, preloads and icons.
_FETCHED = re.compile(
    r"<(?:script|img|iframe)\b[^>]*\bsrc=[\"'](?P<src>(?:https?:)?//[^\"']+)"
    r"|<link\b[^>]*\bhref=[\"'](?P<href>(?:https?:)?//[^\"']+)",
    re.IGNORECASE,
)
# JavaScript and CSS that load from a URL themselves.
_IN_CODE = re.compile(r"(?:url\(|import\s*\(?|\.src\s*=\s*)[\"']?(https?://[^\"')\s]+)")


def remote_resources(site: Path) -> list[str]:
    """Return ``page: url`` for every resource a page of ``site`` fetches remotely."""
    found = []
    for page in sorted(site.rglob("*")):
        if page.suffix not in (".html", ".css", ".js") or not page.is_file():
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        pattern = _FETCHED if page.suffix == ".html" else _IN_CODE
        for match in pattern.finditer(text):
            url = next(g for g in match.groups() if g)
            found.append(f"{page.relative_to(site)}: {url}")
    return found


def main(argv: list[str]) -> int:
    """Check the site folder given (default ``docs/_build/html``); 1 if remote."""
    site = Path(argv[1] if len(argv) > 1 else "docs/_build/html")
    found = remote_resources(site)
    for line in found[:20]:
        print(f"remote resource: {line}", file=sys.stderr)
    if found:
        print(
            f"{len(found)} remote resource(s): the site must work offline",
            file=sys.stderr,
        )
        return 1
    print(f"docs: no remote resources in {site}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
