"""Display helpers for notebooks and reports: banner, captions, tables, findings.

Every data-derived text (cluster names, ids, codes, parameters) is escaped where
it lands: these helpers build HTML with :func:`html.escape` and never pass data
through Markdown.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import pandas as pd

from ..core.i18n import _, in_language
from ..data.study import Study
from .provenance import data_label, provenance_record, study_banner

__all__ = [
    "banner_html",
    "caption_html",
    "findings_html",
    "notes_html",
    "provenance_html",
    "show_banner",
    "show_caption",
    "show_findings",
    "show_notes",
    "show_provenance_compact",
    "show_table",
    "table_block_html",
]


def _display(obj) -> None:
    from IPython.display import display

    display(obj)


def _html(text: str) -> None:
    from IPython.display import HTML

    _display(HTML(text))


@in_language
def banner_html(study: Study, *, language: str | None = None) -> str:
    """Return the data-provenance banner (red for synthetic data) as HTML."""
    if study.is_synthetic:
        style = "background:#fdecea;border:2px solid #b03a2e;color:#7b241c"
    else:
        style = "background:#eaf2f8;border:1px solid #2e86c1;color:#1b4f72"
    return (
        f'<div class="ecei-banner" style="{style};padding:8px 12px;margin:6px 0;'
        f'font-weight:bold">{html.escape(study_banner(study))}</div>'
    )


@in_language
def caption_html(
    text: str, study: Study | None = None, *, language: str | None = None
) -> str:
    """Return a figure or table caption (escaped), with the data's provenance."""
    if study is not None:
        text += " " + _("Data: {label}.").format(label=data_label(study))
    return f'<p class="ecei-caption"><i>{html.escape(text)}</i></p>'


#: Most rows a report table shows; longer tables show their first rows and say so.
MAX_TABLE_ROWS = 40


@in_language
def table_block_html(
    frame: pd.DataFrame,
    caption: str,
    study: Study | None = None,
    *,
    max_rows: int = MAX_TABLE_ROWS,
    whole: str | None = None,
    language: str | None = None,
) -> str:
    """Return a captioned table as one block; the caption names the provenance.

    A table longer than ``max_rows`` (a large study, a large panel) shows its
    first rows, and the caption says how many are left out and, when the whole
    table was written to a file (``whole``, a path relative to the report), where.
    """
    from .formatting import table_html

    if len(frame) > max_rows:
        from ..core.i18n import format_number

        values = {"shown": max_rows, "n": format_number(len(frame)), "file": whole}
        if whole is None:
            caption += " " + _("The first {shown} of {n} rows are shown.").format(
                **values
            )
        else:
            caption += " " + _(
                "The first {shown} of {n} rows are shown; the whole table is in {file}."
            ).format(**values)
        frame = frame.head(max_rows)
    return (
        '<div class="ecei-table-block">'
        + caption_html(caption, study)
        + table_html(frame)
        + "</div>"
    )


def findings_html(findings: Sequence) -> str:
    """Return findings as a bulleted list, one bullet per sentence (escaped)."""
    items = "".join(
        f"<li>{html.escape(sentence)}</li>"
        for finding in findings
        for sentence in finding.sentences
    )
    return f'<ul class="ecei-findings">{items}</ul>'


def notes_html(notes: Sequence[str]) -> str:
    """Return plain sentences as a bulleted list (escaped)."""
    items = "".join(f"<li>{html.escape(note)}</li>" for note in notes)
    return f'<ul class="ecei-notes">{items}</ul>'


@in_language
def provenance_html(
    study: Study,
    parameters: Mapping[str, object],
    files: Mapping[str, str] | None = None,
    *,
    warnings: Sequence[str] = (),
    language: str | None = None,
) -> str:
    """Return the provenance record as one small paragraph (printed briefings)."""
    record = provenance_record(study, parameters, files, warnings=warnings)
    record = record.iloc[:, 0]
    parts = []
    for item, value in record.items():
        if str(value).startswith("sha256 "):
            value = value[:19] + "…"  # "sha256 " + 12 hex digits
        parts.append(f"<b>{html.escape(item)}</b> {html.escape(str(value))}")
    return '<p class="ecei-provenance">' + "; ".join(parts) + "</p>"


# For analysts' own notebooks: the same blocks, displayed at once.
@in_language
def show_banner(study: Study, *, language: str | None = None) -> None:
    """Show the data-provenance banner."""
    _html(banner_html(study))


@in_language
def show_caption(
    text: str, study: Study | None = None, *, language: str | None = None
) -> None:
    """Show a figure or table caption (escaped), with the data's provenance."""
    _html(caption_html(text, study))


@in_language
def show_table(
    frame: pd.DataFrame,
    caption: str,
    study: Study | None = None,
    *,
    max_rows: int = MAX_TABLE_ROWS,
    language: str | None = None,
) -> None:
    """Show a captioned table (see :func:`table_block_html`)."""
    _html(table_block_html(frame, caption, study, max_rows=max_rows))


def show_findings(findings: Sequence) -> None:
    """Show findings as a bulleted list, one bullet per sentence (escaped)."""
    _html(findings_html(findings))


def show_notes(notes: Sequence[str]) -> None:
    """Show plain sentences as a bulleted list (escaped)."""
    _html(notes_html(notes))


@in_language
def show_provenance_compact(
    study: Study,
    parameters: Mapping[str, object],
    files: Mapping[str, str] | None = None,
    *,
    language: str | None = None,
) -> None:
    """Show the provenance record as one small paragraph (for printed briefings)."""
    _html(provenance_html(study, parameters, files))
