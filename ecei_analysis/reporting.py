"""Display helpers for notebooks and reports: banner, captioned tables, provenance."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from .loading import Study
from .ranking_table import SYNTHETIC_BANNER, data_label
from .versions import library_versions

__all__ = [
    "provenance_record",
    "report_date",
    "show_banner",
    "show_caption",
    "show_findings",
    "show_provenance_compact",
    "show_table",
]


def _display(obj) -> None:
    from IPython.display import display

    display(obj)


def report_date() -> str:
    """ISO date of the report: ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        stamp = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    else:
        stamp = dt.datetime.now(tz=dt.UTC)
    return stamp.date().isoformat()


def show_banner(study: Study) -> None:
    """Show the data-provenance banner (red for synthetic data)."""
    from IPython.display import HTML

    if study.is_synthetic:
        style = "background:#fdecea;border:2px solid #b03a2e;color:#7b241c"
        text = SYNTHETIC_BANNER
    else:
        style = "background:#eaf2f8;border:1px solid #2e86c1;color:#1b4f72"
        text = f"Data: {data_label(study)}."
    _display(
        HTML(
            f'<div class="ecei-banner" style="{style};padding:8px 12px;margin:6px 0;'
            f'font-weight:bold">{html.escape(text)}</div>'
        )
    )


def show_caption(text: str) -> None:
    """Show a figure or table caption in italics."""
    from IPython.display import Markdown

    _display(Markdown(f"*{text}*"))


def show_table(frame: pd.DataFrame, caption: str, study: Study | None = None) -> None:
    """Show a captioned table; the caption names the data's provenance."""
    note = f" Data: {data_label(study)}." if study is not None else ""
    show_caption(caption + note)
    _display(frame)


def show_findings(findings) -> None:
    """Show findings as a bulleted list (a finding with several sentences: one each)."""
    from IPython.display import Markdown

    lines = []
    for finding in findings:
        lines += finding.values.get("sentences", [finding.text])
    _display(Markdown("\n".join(f"- {line}" for line in lines)))


def show_provenance_compact(study: Study, parameters: Mapping[str, object]) -> None:
    """Show the provenance record as one small paragraph (for printed briefings)."""
    from IPython.display import HTML

    record = provenance_record(study, parameters)["value"]
    parts = []
    for item, value in record.items():
        if item.startswith("file: "):
            value = value[:19] + "…"  # "sha256 " + 12 hex digits
        parts.append(f"<b>{html.escape(item)}</b> {html.escape(str(value))}")
    _display(
        HTML(
            '<p class="ecei-provenance" style="font-size:9px;line-height:1.3">'
            + "; ".join(parts)
            + "</p>"
        )
    )


def provenance_record(study: Study, parameters: Mapping[str, object]) -> pd.DataFrame:
    """Everything needed to reproduce a report, as a two-column table.

    Rows: date (``SOURCE_DATE_EPOCH`` if set), each parameter, each data file with
    its sha256 and provenance, and the package and library versions.
    """
    rows = [("date", report_date())]
    rows += [(f"parameter: {k}", json.dumps(v)) for k, v in parameters.items()]
    for path, digest in study.files.items():
        rows.append((f"file: {Path(path).name}", f"sha256 {digest}"))
    for name, flag in study.provenance.items():
        rows.append((f"provenance: {name}", flag))
    rows += [(f"version: {k}", v) for k, v in library_versions().items()]
    return pd.DataFrame(rows, columns=["item", "value"]).set_index("item")


class ReportContext:
    """What a parameterised notebook needs, built from its parameters.

    Validates the parameters (naming the bad one), loads the study, parses the
    weights and the highlighted clusters, and saves figures inside the output
    folder only.

    Parameters
    ----------
    data_dir
        Data folder ("" = bundled synthetic demonstration data).
    weights
        Weights text (``very_important=3,...`` or a named set).
    ties
        ``dense`` or ``min``.
    highlight
        Comma-separated cluster ids ("" = none).
    output_dir
        Figure folder relative to the working directory (no ``..``, not absolute).
    language
        Only ``en`` is available.
    """

    def __init__(
        self,
        *,
        data_dir: str = "",
        weights: str = "linear",
        ties: str = "dense",
        highlight: str = "",
        output_dir: str = "figures",
        language: str = "en",
        **parameters,
    ) -> None:
        from .errors import EceiDataError
        from .loading import load_study
        from .saving import confined_path
        from .weights import parse_weights

        if language != "en":
            raise EceiDataError(
                f"parameter language={language!r}: only 'en' is available"
            )
        if ties not in ("dense", "min"):
            raise EceiDataError(f"parameter ties={ties!r}: expected 'dense' or 'min'")
        self.study = load_study(data_dir or None)
        self.weights = parse_weights(weights, self.study.classes)
        self.ties = ties
        self.labels = self.study.labels()
        ids = [h.strip() for h in highlight.split(",") if h.strip()]
        unknown = [h for h in ids if h not in self.study.clusters.index]
        if unknown:
            raise EceiDataError(
                f"parameter highlight: unknown cluster id(s) {unknown}; expected ids "
                f"from clusters ({', '.join(self.study.clusters.index[:5])}, ...)"
            )
        self.highlight = ids
        self.figure_dir = confined_path(Path.cwd(), output_dir)
        self.parameters = {
            "data_dir": data_dir,
            "weights": weights,
            "ties": ties,
            "highlight": highlight,
            "output_dir": output_dir,
            "language": language,
            **parameters,
        }
        self.note = data_label(self.study)

    def save(self, ax_or_fig, stem: str) -> Path:
        """Save a figure as ``<output_dir>/<stem>.png`` (reproducible bytes)."""
        from .figure_io import save_figure

        fig = getattr(ax_or_fig, "figure", ax_or_fig)
        return save_figure(fig, self.figure_dir / f"{stem}.png")
