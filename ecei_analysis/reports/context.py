"""What a parameterised notebook needs, built and checked from its parameters."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..core.errors import EceiDataError
from ..core.files import confined_path
from ..core.i18n import check_language, set_language
from ..core.vocabulary import MONTE_CARLO_TIES, check_ties
from ..data.loaders import load_study
from ..scoring.points import class_points, score_clusters
from ..scoring.ranks import clusters_ahead, rank_clusters
from ..scoring.weights import DEFAULT_WEIGHTS, format_ratio, resolve_weights
from .provenance import data_label

__all__ = ["ReportContext"]


class ReportContext:
    """Validate a notebook's parameters (naming the bad one) and load the study.

    Parameters
    ----------
    data_dir
        Data folder or filled template ("" = bundled synthetic demonstration data).
    weights
        Weights text (``3:2:1``, ``VI=3,I=2,NSI=1`` or a named set).
    ties
        ``dense`` or ``min`` (the notebooks count whole places; ``average`` is
        refused with the package's one message).
    highlight
        Comma-separated cluster ids or names ("" = none).
    output_dir
        Figure folder relative to the working directory (no ``..``, not absolute).
    language
        ``en`` or ``ru``.
    panel
        A panel's votes (CSV or ``.xlsx``; "" = no panel), loaded with the
        study's classes as :attr:`panel`.
    classification_panel
        The experts' classification votes ("" = none), loaded with the study's
        indicators as :attr:`classification_panel`.
    **parameters
        The notebook's other parameters, recorded for provenance.
    """

    def __init__(
        self,
        *,
        data_dir: str = "",
        weights: str = DEFAULT_WEIGHTS,
        ties: str = "dense",
        highlight: str = "",
        output_dir: str = "figures",
        language: str = "en",
        panel: str = "",
        classification_panel: str = "",
        **parameters,
    ) -> None:
        try:
            set_language(check_language(language))
        except EceiDataError as exc:
            raise EceiDataError(f"parameter language: {exc}") from None
        try:
            ties = check_ties(ties, MONTE_CARLO_TIES)
        except EceiDataError as exc:
            raise EceiDataError(f"parameter ties: {exc}") from None
        self.study = load_study(data_dir or None)
        self.points = class_points(self.study)
        self.weights = resolve_weights(weights, self.study.classes)
        self.ties = ties
        self.language = language
        self.labels = self.study.labels()
        self.highlight = [
            self.study.resolve_cluster(h) for h in highlight.split(",") if h.strip()
        ]
        self.figure_dir = confined_path(Path.cwd(), output_dir)
        #: The panel's votes (``None`` without a panel).
        self.panel = None
        #: Input files beyond the study's (path -> sha256), for the provenance.
        self.files: dict[str, str] = {}
        if panel:
            from ..data.panel import load_panel

            self.panel = load_panel(panel, classes=self.study.classes)
            self.files[self.panel.source] = self.panel.sha256
        #: The experts' classification votes (``None`` without them).
        self.classification_panel = None
        if classification_panel:
            from ..data.classification_panel import load_classification_panel

            self.classification_panel = load_classification_panel(
                classification_panel, self.study.indicators
            )
            cp = self.classification_panel
            self.files[cp.source] = cp.sha256
        self.parameters = {
            "data_dir": data_dir,
            "weights": weights,
            "ties": ties,
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
        self.note = data_label(self.study)
        from ..figures.save import apply_style

        apply_style("publication")  # every figure of the notebook: the package look
        self.weights_text = format_ratio(self.weights)
        scores = score_clusters(self.points, self.weights)
        #: Clusters strictly ahead of each under the weights (movement semantics).
        self.ahead = clusters_ahead(scores)
        #: Places to display under the weights (by the tie rule).
        self.ranks = rank_clusters(scores, ties=ties)

    def provenance(self) -> pd.DataFrame:
        """Return the notebook's provenance record: parameters, files, versions."""
        from .provenance import provenance_record

        return provenance_record(self.study, self.parameters, self.files)

    @property
    def three_classes(self) -> bool:
        """Whether the study has the three classes the exact weight map needs."""
        return self.points.shape[1] == 3

    def scale_values(self) -> dict:
        """Values for the places caption: the weights, the rule and the scales."""
        from ..core.i18n import format_number
        from ..scoring.table import class_capacity

        caps = class_capacity(self.study)
        w = [self.weights[c] for c in caps.index]
        weighted = float(sum(x * c for x, c in zip(w, caps, strict=True)))
        return {
            "weights": self.weights_text,
            "rule": self.ties,
            "factor": format_number(weighted / float(caps.sum()), 2),
            "maximum": format_number(float(caps.sum())),
        }

    def not_three_classes_note(self) -> str:
        """Why the exact weight map is not shown for this study."""
        from ..core.i18n import _

        return _(
            "The exact weight map needs three significance classes; this study has "
            "{k}, so the map is not shown (the Monte Carlo analyses still apply)."
        ).format(k=self.points.shape[1])

    def leaders(self, top: int) -> list[str]:
        """Clusters with fewer than ``top`` clusters ahead, best first."""
        order = self.ahead.sort_values(kind="stable")
        return [c for c in order.index if order[c] < top]

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
        import base64
        import html

        import matplotlib.pyplot as plt
        from IPython.display import HTML, display

        from ..figures.captions import caption_of

        path = self.save(ax, stem)
        caption = caption_of(ax)
        plt.close(ax.figure)
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        text = html.escape(caption)
        display(
            HTML(
                f'<figure class="ecei-figure"><img src="data:image/png;base64,{data}"'
                f' alt="{text}"/><figcaption>{text}</figcaption></figure>'
            )
        )
