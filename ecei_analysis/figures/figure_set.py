"""Regenerate the publication figure set with a MANIFEST (``ecei figures``)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt

from ..core.escape import escape_markdown, neutralise_csv
from ..core.files import OutputFolder, write_bytes_atomic, write_text_atomic
from ..core.i18n import in_language
from ..core.seeds import DEFAULT_SEED
from ..core.versions import library_versions
from ..data.study import Study
from ..scoring.points import class_points, score_clusters
from ..scoring.ranks import clusters_ahead
from ..scoring.scenarios import scenario_places
from ..sensitivity.rank_uncertainty import rank_uncertainty
from ..sensitivity.smaa import smaa
from ..sensitivity.sobol import sobol_rank_indices
from .acceptability import plot_rank_acceptability
from .captions import caption_of
from .contributions import plot_class_contributions
from .intervals import plot_rank_intervals
from .rank_flow import plot_rank_flow
from .save import figure_bytes, use_style
from .sobol_plot import plot_sobol
from .weight_map import plot_weight_map

__all__ = ["FigureSetOptions", "build_figure_set"]

#: Widths in inches: one journal column, two columns.
SINGLE, DOUBLE = 3.5, 7.0


@dataclass(frozen=True)
class FigureSetOptions:
    """Parameters of one figure set (all recorded in the MANIFEST)."""

    weights: Mapping[str, float]
    data_note: str = "data source not stated"
    seed: int = DEFAULT_SEED
    draws: int = 200_000
    concentration: float = 50.0
    sobol_n: int = 2**12
    highlight: str | None = None
    ties: str = "dense"
    formats: Sequence[str] = ("png", "svg", "pdf")
    style: str = "publication"


def _safe(cluster_id: str) -> str:
    """Return a cluster id made safe as part of a file name."""
    import re

    return re.sub(r"[^A-Za-z0-9_.-]+", "_", str(cluster_id))[:60] or "cluster"


@in_language
def build_figure_set(
    study: Study,
    out_dir: str | Path,
    options: FigureSetOptions,
    *,
    inputs: Sequence[str | Path] = (),
    language: str | None = None,
) -> Path:
    """Draw every publication figure, save each format, and write ``MANIFEST.csv``.

    Parameters
    ----------
    study
        The loaded study.
    out_dir
        Output folder. The command owns it: an earlier figure set there is
        replaced as a whole (no stale files stay behind); any other existing
        content is refused before any work starts.
    options
        Weights, seed, draws and formats.
    inputs
        The run's input data (the output may not overlap them).

    Returns
    -------
    pathlib.Path
        The MANIFEST path. It lists file, sha256, caption, the parameters (JSON)
        and the package and library versions.
    """
    output = OutputFolder(out_dir, command="figures", inputs=inputs)
    points = class_points(study)
    note = options.data_note
    labels = study.labels()
    weights = dict(options.weights)
    ahead = clusters_ahead(score_clusters(points, weights))
    order = ahead.sort_values(kind="stable").index
    highlight = options.highlight or (
        list(study.published.index)[1] if len(study.published) > 1 else order[0]
    )
    leaders = list(order[:4])
    three = points.shape[1] == 3
    acceptability = smaa(
        points,
        sampler="ordered",
        draws=options.draws,
        seed=options.seed,
        ties=options.ties,
        pairwise=False,
    )
    uncertainty = rank_uncertainty(
        points,
        weights,
        sampler="dirichlet",
        draws=options.draws,
        seed=options.seed,
        ties="min",
        concentration=options.concentration,
    )
    sobol = sobol_rank_indices(
        points, n=options.sobol_n, seed=options.seed, ties=options.ties
    )
    figures = {}
    if three:
        figures["weight_map_winner"] = (
            (DOUBLE, 5.0),
            "ternary",
            lambda ax: plot_weight_map(
                points, nominal=weights, labels=labels, data_note=note, ax=ax
            ),
        )
        figures[f"weight_map_place_{_safe(highlight)}"] = (
            (DOUBLE, 5.0),
            "ternary",
            lambda ax: plot_weight_map(
                points,
                colour_by=highlight,
                nominal=weights,
                labels=labels,
                data_note=note,
                ax=ax,
            ),
        )
    figures |= {
        "rank_flow": (
            (DOUBLE, 4.6),
            None,
            lambda ax: plot_rank_flow(
                scenario_places(points, weights),
                highlight=leaders,
                labels=labels,
                data_note=note,
                ax=ax,
            ),
        ),
        "rank_acceptability": (
            (DOUBLE, 5.5),
            None,
            lambda ax: plot_rank_acceptability(
                acceptability.acceptability,
                order=order,
                labels=labels,
                data_note=note,
                method=f"{acceptability.parameters['measure']}; {options.draws} draws, "
                f"seed {options.seed}.",
                ax=ax,
            ),
        ),
        "rank_intervals": (
            (SINGLE * 1.6, 4.6),
            None,
            lambda ax: plot_rank_intervals(
                uncertainty, labels=labels, data_note=note, ax=ax
            ),
        ),
        "class_contributions": (
            (SINGLE * 1.6, 4.6),
            None,
            lambda ax: plot_class_contributions(
                points, weights, labels=labels, data_note=note, ax=ax
            ),
        ),
        "sobol": (
            (DOUBLE, 5.0),
            None,
            lambda ax: plot_sobol(
                sobol, order=order, labels=labels, data_note=note, ax=ax
            ),
        ),
    }
    parameters = {
        "weights": weights,
        "seed": options.seed,
        "draws": options.draws,
        "concentration": options.concentration,
        "sobol_n": options.sobol_n,
        "highlight": highlight,
        "ties": options.ties,
        "style": options.style,
        "data": study.provenance,
        "data_files": study.files,
    }
    rows = []
    matplotlib.use("Agg")
    with output.build() as work, use_style(options.style):
        for stem, (size, projection, draw) in figures.items():
            fig = plt.figure(figsize=size)
            ax = (
                fig.add_subplot(projection=projection)
                if projection
                else fig.add_subplot()
            )
            ax = draw(ax)
            caption = caption_of(ax)
            for fmt in options.formats:
                data = figure_bytes(fig, fmt)
                path = write_bytes_atomic(work / f"{stem}.{fmt}", data)
                rows.append(
                    {
                        "file": path.name,
                        "sha256": hashlib.sha256(data).hexdigest(),
                        "caption": caption,
                    }
                )
            plt.close(fig)
        _write_manifest(work, rows, parameters)
    return Path(out_dir) / "MANIFEST.csv"


def _write_manifest(work: Path, rows: list[dict], parameters: dict) -> None:
    versions = library_versions()
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer,
        fieldnames=["file", "sha256", "caption", "parameters", "versions"],
        lineterminator="\n",
    )
    writer.writeheader()
    for row in rows:
        row = {k: neutralise_csv(v) for k, v in row.items()}
        writer.writerow(
            row
            | {
                "parameters": json.dumps(parameters, sort_keys=True),
                "versions": json.dumps(versions, sort_keys=True),
            }
        )
    write_text_atomic(work / "MANIFEST.csv", buffer.getvalue())
    captions = "\n".join(
        f"- **{r['file']}**: {escape_markdown(r['caption'])}"
        for r in rows
        if r["file"].endswith(".png")
    )
    write_text_atomic(work / "CAPTIONS.md", f"# Figure captions\n\n{captions}\n")
