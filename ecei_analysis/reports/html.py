"""Finish an exported notebook into a self-contained, safe, printable page.

* Offline: CDN scripts and styles (require.js, MathJax, mermaid) are dropped;
  the reports use none of them, and no script of any kind is left.
* Safe: a Content-Security-Policy forbids scripts (inline, remote and inline
  event handlers), remote content, forms and plugins. Inline styles and
  ``data:`` images are all a report needs.
* Titled: the document title is the report's own first heading.
* Printable: an A4 print style keeps captions with their figures and tables,
  shows figures at full text width, and wraps long cells instead of cutting them.
"""

from __future__ import annotations

import html
import re

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "PRINT_CSS",
    "figure_html",
    "finish_html",
]

#: What a report page may load or run.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
    "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
)

#: Screen and print layout of the reports' own elements.
PRINT_CSS = """<style>
.ecei-figure { margin: 10px 0 14px; break-inside: avoid; page-break-inside: avoid; }
.ecei-figure img { width: 100%; height: auto; max-width: 100%; display: block; }
.ecei-figure figcaption, .ecei-caption { font-style: italic; font-size: 0.9em;
  color: #333; margin: 4px 0 6px; }
table.ecei-table.short { break-inside: avoid; page-break-inside: avoid; }
.ecei-caption { break-after: avoid; page-break-after: avoid; }
.ecei-section > h1, .ecei-section > h2, .ecei-section > p {
  break-after: avoid; page-break-after: avoid; }
table.ecei-table { border-collapse: collapse; font-size: 0.9em; width: auto;
  max-width: 100%; }
table.ecei-table th, table.ecei-table td { text-align: left !important; }
table.ecei-table th { font-weight: bold;
  border-bottom: 1px solid #888; padding: 2px 8px 2px 0; vertical-align: bottom; }
table.ecei-table td { padding: 2px 8px 2px 0; border-bottom: 1px solid #e4e4e4;
  white-space: normal; overflow-wrap: anywhere; vertical-align: top; }
table.ecei-table td.token { white-space: nowrap; overflow-wrap: normal; }
table.ecei-table td.num { text-align: right !important;
  font-variant-numeric: tabular-nums;
  white-space: nowrap; }
.ecei-banner { break-inside: avoid; }
.jp-RenderedHTMLCommon h1, .jp-RenderedHTMLCommon h2 { break-after: avoid;
  page-break-after: avoid; }
.ecei-provenance { font-size: 9px; line-height: 1.3; color: #444; }
@page { size: A4; margin: 12mm 13mm; }
@media print {
  body { font-size: 10px; }
  .jp-Cell { padding: 0 !important; }
  .jp-RenderedHTMLCommon h1 { font-size: 18px; margin: 4px 0; }
  .jp-RenderedHTMLCommon h2 { font-size: 13px; margin: 10px 0 3px; }
  .jp-RenderedHTMLCommon p, .jp-RenderedHTMLCommon li { font-size: 10px;
    margin: 2px 0; }
  table.ecei-table { font-size: 8.5px; }
  .ecei-banner { font-size: 10px; padding: 4px 8px !important; }
  /* JupyterLab keeps every output whole (avoid-page); ours choose: figures and
     short tables stay whole, long tables and lists break between rows. */
  .jp-OutputArea-child { break-inside: auto !important; }
  /* Two figures with their captions fit a page: no half-empty pages. */
  .ecei-figure img { max-height: 95mm; width: auto !important; margin: 0 auto; }
  ul.ecei-notes, ul.ecei-findings { break-inside: auto; }
  ul.ecei-notes li, ul.ecei-findings li { break-inside: avoid; }
}
</style>
"""

_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>\s*", re.S | re.I)
_EXTERNAL_LINK = re.compile(r"<link[^>]*\bhref=\"https?://[^\"]*\"[^>]*>\s*", re.I)
_TITLE = re.compile(r"<title>.*?</title>", re.S | re.I)
_FIRST_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


def finish_html(body: str, *, language: str = "en") -> str:
    """Return the exported page offline, script-free, titled and printable.

    The page's ``lang`` attribute names ``language`` (hyphenation, the reader's
    voice and spell checkers follow it).

    Examples
    --------
    >>> page = "<html><head><title>Notebook</title></head><body><h1>Brief</h1>"
    >>> page += "<script>alert(1)</script></body></html>"
    >>> out = finish_html(page)
    >>> "<script" in out, "<title>Brief</title>" in out, "Content-Security" in out
    (False, True, True)
    """
    body = _SCRIPT.sub("", body)
    body = _EXTERNAL_LINK.sub("", body)
    found = _FIRST_H1.search(body)
    if found:
        title = html.escape(html.unescape(_TAG.sub("", found.group(1))).strip())
        body = _TITLE.sub(f"<title>{title}</title>", body, count=1)
    meta = (
        '<meta http-equiv="Content-Security-Policy" '
        f'content="{CONTENT_SECURITY_POLICY}"/>'
    )
    body = re.sub(r"(<head[^>]*>)", r"\1" + meta.replace("\\", "\\\\"), body, count=1)
    body = _set_language(body, language)
    return body.replace("</head>", PRINT_CSS + "</head>", 1)


def _set_language(page: str, language: str) -> str:
    """Set (or add) the ``lang`` attribute of the page's ``<html>`` tag."""
    opening = re.search(r"<html\b[^>]*>", page)
    if opening is None:
        return page
    tag = re.sub(r'\slang="[^"]*"', "", opening.group(0))
    tag = tag[:5] + f' lang="{html.escape(language)}"' + tag[5:]
    return page[: opening.start()] + tag + page[opening.end() :]


def figure_html(
    png: bytes,
    caption: str,
    *,
    alt: str | None = None,
    max_width: int | None = None,
    narrow: tuple[bytes, int, int] | None = None,
) -> str:
    """Return a PNG and its caption as one ``<figure>`` (escaped, self-contained).

    The picture shrinks to its space; ``alt`` is the image's alternative text
    (default: the caption); ``max_width`` caps the width in CSS pixels.
    ``narrow``: another drawing of the picture for narrow spaces, ``(png, width,
    below)``: the figure shows it instead where the figure is narrower than
    ``below`` CSS pixels (a CSS container query in the figure's own style), so
    that no text of the wide drawing is shrunk out of reach.

    Examples
    --------
    >>> figure_html(b"png", "Ranks <b>.", alt="Short").count("&lt;b&gt;")
    1
    >>> figure_html(b"a", "A.", narrow=(b"b", 300, 600)).count("<img")
    2
    """
    import base64

    def image(data: bytes, attributes: str, css: str) -> str:
        encoded = base64.b64encode(data).decode("ascii")
        return (
            f'<img{attributes} src="data:image/png;base64,{encoded}" '
            f'alt="{html.escape(alt if alt is not None else caption)}" '
            f'style="{css}"/>'
        )

    text = html.escape(caption)
    style = f' style="margin:0;max-width:{int(max_width)}px"' if max_width else ""
    if narrow is None:
        return (
            f'<figure class="ecei-figure"{style}>'
            + image(png, "", "width:100%;height:auto;display:block")
            + f"<figcaption>{text}</figcaption></figure>"
        )
    narrow_png, narrow_width, below = narrow
    switch = f"ecei-below-{int(below)}"  # one style per threshold
    return (
        f"<style>.{switch}{{container-type:inline-size}}"
        f".{switch} img{{display:block}}.{switch} .ecei-narrow{{display:none}}"
        f"@container (max-width:{int(below) - 1}px){{.{switch} .ecei-wide"
        f"{{display:none}}.{switch} .ecei-narrow{{display:block}}}}</style>"
        f'<figure class="ecei-figure {switch}"{style}>'
        + image(png, ' class="ecei-wide"', "width:100%;height:auto")
        + image(
            narrow_png,
            ' class="ecei-narrow"',
            f"max-width:{int(narrow_width)}px;width:100%;height:auto",
        )
        + f"<figcaption>{text}</figcaption></figure>"
    )
