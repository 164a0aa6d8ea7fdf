"""What a parameterised notebook needs, built and checked from its parameters.

A notebook makes one :class:`ReportContext` from its parameters and shows
everything through it: the context holds the report's language and passes it to
every text builder it calls, and scopes the package's figure style to each
figure it draws. Nothing is set for the whole process.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from ..core.errors import EceiDataError
from ..core.files import confined_path
from ..core.i18n import _, check_language, pgettext, use_language
from ..core.vocabulary import MONTE_CARLO_TIES, check_ties
from ..data.loaders import load_study
from ..scoring.points import class_points, score_clusters
from ..scoring.ranks import clusters_ahead, leading_clusters, rank_clusters
from ..scoring.weights import DEFAULT_WEIGHTS, as_weights
from .provenance import data_label

__all__ = ["ReportContext"]

# IPython's own names in a notebook's namespace (never report parameters).
_NOT_PARAMETERS = {"In", "Out", "exit", "quit", "get_ipython", "open"}


def _capture_warnings(sink: list[str]) -> None:
    """Send every warning of this process to ``sink`` instead of the output.

    A report's kernel runs one notebook: its warnings belong in the record of
    the run, not in the middle of the briefing with a file path of the machine.
    """
    import warnings

    def record(message, category, filename, lineno, file=None, line=None) -> None:
        sink.append(f"{category.__name__}: {message}")

    warnings.showwarning = record
    warnings.simplefilter("default")  # each distinct warning once


class ReportContext:
    """Validate a notebook's parameters (naming the bad one) and load the study.

    Parameters
    ----------
    data_dir
        Data folder or filled template ("" = bundled synthetic demonstration data).
    weights
        Weights text (``3:2:1``, ``VI=3,I=2,NSI=1`` or a named set).
    ties
        The place basis: ``min`` (1 + the clusters strictly ahead: 1, 2, 2, 4)
        or ``dense`` (1, 2, 2, 3); ``average`` is refused with the package's one
        message.
    highlight
        Comma-separated cluster ids or names ("" = none).
    output_dir
        Figure folder relative to the working directory (no ``..``, not absolute).
    language
        ``en`` or ``ru``: the language of everything the context shows.
    panel
        A panel's votes (CSV or ``.xlsx``; "" = no panel), loaded with the
        study's classes as :attr:`panel`.
    classification_panel
        The experts' classification votes ("" = none), loaded with the study's
        indicators as :attr:`classification_panel`.
    **parameters
        The notebook's other parameters, checked by
        :func:`~ecei_analysis.reports.parameters.check_parameters` and recorded
        for provenance.
    """

    def __init__(
        self,
        *,
        data_dir: str = "",
        weights: str = DEFAULT_WEIGHTS,
        ties: str = "min",
        highlight: str = "",
        output_dir: str = "figures",
        language: str = "en",
        panel: str = "",
        classification_panel: str = "",
        **parameters,
    ) -> None:
        #: Warnings raised while the report runs: recorded in its provenance
        #: (category and message), never printed into the report.
        self.warnings: list[str] = []
        #: Pages being written beside the report by other processes.
        self._pages: list = []
        _capture_warnings(self.warnings)
        try:
            self.language = check_language(language)
        except EceiDataError as exc:
            raise EceiDataError(
                pgettext("error", "parameter language: {exc}").format(exc=exc)
            ) from None
        try:
            self.ties = check_ties(ties, MONTE_CARLO_TIES)
        except EceiDataError as exc:
            raise EceiDataError(
                pgettext("error", "parameter ties: {exc}").format(exc=exc)
            ) from None
        self.study = load_study(data_dir or None)
        self.points = class_points(self.study)
        try:
            self.weights = as_weights(weights, self.study.classes)
        except EceiDataError as exc:
            raise EceiDataError(
                pgettext("error", "parameter weights: {exc}").format(exc=exc)
            ) from None
        from .parameters import check_parameters

        check_parameters(parameters, self.study, self.weights)
        self.labels = self.study.labels(language=self.language)
        try:
            self.highlight = [
                self.study.resolve_cluster(h) for h in highlight.split(",") if h.strip()
            ]
        except EceiDataError as exc:
            raise EceiDataError(
                pgettext("error", "parameter highlight: {exc}").format(exc=exc)
            ) from None
        self.figure_dir = confined_path(Path.cwd(), output_dir)
        #: The panel's votes (``None`` without a panel).
        self.panel = None
        #: Input files beyond the study's (path -> sha256), for the provenance.
        self.files: dict[str, str] = {}
        if panel:
            from ..data.panel_votes import load_panel

            self.panel = load_panel(panel, classes=self.study.classes)
            self.files[self.panel.source] = self.panel.sha256
        #: The experts' classification votes (``None`` without them).
        self.classification_panel = None
        if classification_panel:
            from ..data.classification_votes import load_classification_panel

            self.classification_panel = load_classification_panel(
                classification_panel, self.study.indicators
            )
            cp = self.classification_panel
            self.files[cp.source] = cp.sha256
        self.parameters = {
            "data_dir": data_dir,
            "weights": weights,
            "ties": self.ties,
            "highlight": highlight,
            "output_dir": output_dir,
            "language": language,
            **({"panel": panel} if panel else {}),
            **(
                {"classification_panel": classification_panel}
                if classification_panel
                else {}
            ),
            **parameters,
        }
        self.note = data_label(self.study, language=self.language)
        self.weights_text = self.weights.ratio_text(self.language)
        scores = score_clusters(self.points, self.weights)
        #: Clusters strictly ahead of each under the weights.
        self.ahead = clusters_ahead(scores)
        #: Places under the weights, on the report's basis (``ties``).
        self.ranks = rank_clusters(scores, ties=self.ties)

    @classmethod
    def from_notebook(cls, namespace: Mapping[str, object]) -> ReportContext:
        """Build the context from a notebook's parameters (its ``globals()``).

        The parameters are the notebook's public names holding text or numbers
        (what papermill injects); every one is checked or recorded.
        """
        parameters = {
            name: value
            for name, value in namespace.items()
            if not name.startswith("_")
            and name not in _NOT_PARAMETERS
            and isinstance(value, str | int | float)
            and not isinstance(value, bool)
        }
        return cls(**parameters)

    # Display ---------------------------------------------------------------------
    # A section's heading is shown with the block that follows it, in one output:
    # a printed page never ends on a heading whose text starts the next page.
    _pending = ""

    def _emit(self, body: str) -> None:
        from IPython.display import HTML, display

        if self._pending:
            body = f'<div class="ecei-section">{self._pending}{body}</div>'
            self._pending = ""
        display(HTML(body))

    def banner(self) -> None:
        """Show the data-provenance banner."""
        from .display import banner_html

        self._emit(banner_html(self.study, language=self.language))

    def section(self, key: str, *, level: int = 2) -> None:
        """Show a section's heading and paragraph (with the next block)."""
        from .sections import section_html

        if self._pending:  # a heading with nothing under it stands alone
            self._emit("")
        self._pending = section_html(key, level=level, language=self.language)

    def flush(self) -> None:
        """Show a pending heading now, before output displayed directly (widgets)."""
        if self._pending:
            self._emit("")

    def findings(self, findings: Sequence) -> None:
        """Show findings (built in this context's language) as bullets."""
        from .display import findings_html

        self._emit(findings_html(findings))

    def notes(self, notes: Sequence[str]) -> None:
        """Show sentences as bullets."""
        from .display import notes_html

        self._emit(notes_html(notes))

    def table(self, frame: pd.DataFrame, caption: str, **values: object) -> None:
        """Show a table under the caption ``caption`` (a key of the captions)."""
        from .display import MAX_TABLE_ROWS, table_block_html
        from .sections import caption as caption_text

        text = caption_text(caption, language=self.language, **values)
        whole = None
        if len(frame) > MAX_TABLE_ROWS:  # shown in part: all of it beside the report
            whole = self._write_whole_table(frame, caption)
        self._emit(
            table_block_html(
                frame, text, self.study, whole=whole, language=self.language
            )
        )

    def _write_whole_table(self, frame: pd.DataFrame, key: str) -> str:
        """Write a long table whole as CSV beside the report; return its path."""
        from ..core.files import write_bytes_atomic
        from .export import render_table

        relative = Path("tables") / f"{key}.csv"
        target = confined_path(Path.cwd(), relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(
            target, render_table(frame.set_index(frame.columns[0]), "csv")
        )
        return relative.as_posix()

    def provenance(self) -> pd.DataFrame:
        """Return the notebook's provenance record: parameters, files, versions."""
        from .provenance import provenance_record

        return provenance_record(
            self.study,
            self.parameters,
            self.files,
            warnings=self.warnings,
            language=self.language,
        )

    def provenance_table(self) -> None:
        """Show the provenance record as a table."""
        from .display import table_block_html
        from .sections import caption as caption_text

        text = caption_text("provenance", language=self.language)
        self._emit(table_block_html(self.provenance(), text, language=self.language))

    def provenance_compact(self) -> None:
        """Show the provenance record as one small paragraph (printed briefings)."""
        from .display import provenance_html

        self._emit(
            provenance_html(
                self.study,
                self.parameters,
                self.files,
                warnings=self.warnings,
                language=self.language,
            )
        )

    def start_explorer_page(self, file: str = "explorer.html") -> None:
        """Start writing the offline explorer beside the report; say nothing yet.

        The page is written by a process of its own
        (:mod:`~ecei_analysis.reports.page_process`) while the notebook goes on,
        so a notebook starts it early and calls :meth:`explorer_page` where the
        page is to be announced; :meth:`finish` waits for it. A page already
        being written to ``file`` is not started again.
        """
        from .page_process import start_explorer_page

        if not self.three_classes:
            return
        target = confined_path(Path.cwd(), file).resolve()
        if any(job.path == target for job in self._pages):
            return
        self._pages.append(
            start_explorer_page(
                self.study,
                target,
                self.weights,
                ties=self.ties,
                parameters=self.parameters,
                language=self.language,
            )
        )

    def explorer_page(self, file: str = "explorer.html") -> None:
        """Say how to open the offline explorer beside the report.

        The page is started here unless :meth:`start_explorer_page` started it
        (see there); :meth:`finish` waits for it.
        """
        if not self.three_classes:
            return
        self.start_explorer_page(file)
        with use_language(self.language):
            text = _(
                "To try other weights, open {file} (beside this briefing) in a web "
                "browser: the ranking follows the sliders at once, without network "
                "or Python."
            ).format(file="\0")
        before, after = (html.escape(part) for part in text.split("\0"))
        name = html.escape(Path(file).name)
        self._emit(
            f'<p class="ecei-explorer-link">{before}<a href="{name}">{name}</a>'
            f"{after}</p>"
        )

    def finish(self) -> None:
        """Wait for the pages being written beside the report (the explorer).

        Raises
        ------
        EceiDataError
            A page could not be written (the reason quoted).
        """
        while self._pages:
            self._pages.pop(0).wait()

    # Analysis shortcuts --------------------------------------------------------------
    @property
    def three_classes(self) -> bool:
        """Whether the study has the three classes the exact weight map needs."""
        return self.points.shape[1] == 3

    def scale_values(self) -> dict:
        """Values for the places caption: the weights, the rule and the scales."""
        from ..core.i18n import format_number
        from ..scoring.ranking_table import class_capacity

        caps = class_capacity(self.study)
        weighted = float(self.weights.vector_for(caps.index) @ caps.to_numpy())
        return {
            "weights": self.weights_text,
            "rule": self.ties,
            "factor": format_number(
                weighted / float(caps.sum()), 2, language=self.language
            ),
            "maximum": format_number(float(caps.sum()), language=self.language),
        }

    def not_three_classes_note(self) -> str:
        """Why the exact weight map is not shown for this study."""
        with use_language(self.language):
            return _(
                "The exact weight map needs three significance classes; this study "
                "has {k}, so the map is not shown (the Monte Carlo analyses still "
                "apply)."
            ).format(k=self.points.shape[1])

    def leaders(self, top: int) -> list[str]:
        """Clusters with fewer than ``top`` clusters ahead, best first."""
        return leading_clusters(self.ahead + 1, top)

    # Figures ---------------------------------------------------------------------
    @contextmanager
    def figure(self, stem: str, kind: str | None = None) -> Iterator:
        """Draw a figure in the package's style, then save and show it.

        Yields an Axes of the standard size of ``kind`` (default: ``stem``; see
        :data:`~ecei_analysis.figures.layout.LAYOUTS`) with the publication
        style in force for the block only. On leaving the block the figure is
        saved as ``<output_dir>/<stem>.png`` through the one save path and shown
        with its caption.

        Examples
        --------
        ``with ctx.figure("rank_flow") as ax: ea.plot_rank_flow(..., ax=ax)``
        """
        from ..figures.layout import new_axes
        from ..figures.save import use_style

        with use_style("publication"):
            ax = new_axes(kind or stem)
            yield ax
            self.show(ax, stem)

    def save(self, ax_or_fig, stem: str) -> Path:
        """Save a figure as ``<output_dir>/<stem>.png`` through the one save path."""
        from ..figures.save import save_figure

        fig = getattr(ax_or_fig, "figure", ax_or_fig)
        return save_figure(fig, self.figure_dir / f"{stem}.png")

    def show(self, ax, stem: str) -> None:
        """Save a figure and show it with its caption, kept together.

        The picture shown is the saved file itself (the one save path: package
        style, tight bounding box, 300 dpi), inside one ``<figure>`` with its
        caption, which is also the image's alt text.
        """
        import matplotlib.pyplot as plt

        from ..figures.captions import caption_of
        from .html import figure_html

        path = self.save(ax, stem)
        caption = caption_of(ax)
        plt.close(ax.figure)
        self._emit(figure_html(path.read_bytes(), caption))
