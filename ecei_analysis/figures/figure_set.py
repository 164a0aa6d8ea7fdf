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
import pandas as pd

from ..core.escape import escape_markdown
from ..core.files import OutputFolder, write_bytes_atomic, write_text_atomic
from ..core.seeds import DEFAULT_SEED
from ..core.versions import library_versions
from ..data.study import Study
from ..scoring.points import class_points, score_clusters
from ..scoring.ranks import rank_clusters
from ..scoring.weights import WEIGHT_SETS
from ..sensitivity.geometry.arrangement import weight_space
from ..sensitivity.rank_uncertainty import rank_uncertainty
from ..sensitivity.smaa import smaa
from ..sensitivity.sobol import sobol_rank_indices
from ._common import caption_of
from .acceptability import plot_rank_acceptability
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


def _scenario_ranks(
    study: Study, weights: Mapping[str, float], ties: str
) -> pd.DataFrame:
    points = class_points(study)
    scenarios = dict(WEIGHT_SETS)
    scenarios["nominal"] = dict(weights)
    return pd.DataFrame(
        {
            name: rank_clusters(score_clusters(points, w), ties=ties)
            for name, w in scenarios.items()
        }
    )


def build_figure_set(
    study: Study,
    out_dir: str | Path,
    options: FigureSetOptions,
    *,
    inputs: Sequence[str | Path] = (),
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
    nominal_order = rank_clusters(score_clusters(points, weights), ties=options.ties)
    order = nominal_order.sort_values(kind="stable").index
    highlight = options.highlight or (
        list(study.published.index)[1] if len(study.published) > 1 else order[0]
    )
    leaders = list(order[:4])
    space = weight_space(points, region="simplex", ties=options.ties)
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
        ties=options.ties,
        concentration=options.concentration,
    )
    sobol = sobol_rank_indices(
        points, n=options.sobol_n, seed=options.seed, ties=options.ties
    )

    def weight_map(ax):
        return plot_weight_map(
            space,
            nominal=weights,
            leaders=leaders,
            labels=labels,
            data_note=note,
            ax=ax,
        )

    def place_map(ax):
        return plot_weight_map(
            space,
            colour_by=highlight,
            nominal=weights,
            leaders=leaders,
            labels=labels,
            data_note=note,
            ax=ax,
        )

    figures = {
        "weight_map_winner": ((DOUBLE, 5.2), "ternary", weight_map),
        f"weight_map_place_{highlight}": ((DOUBLE, 5.2), "ternary", place_map),
        "rank_flow": (
            (DOUBLE, 5.0),
            None,
            lambda ax: plot_rank_flow(
                _scenario_ranks(study, weights, options.ties),
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
            (SINGLE * 1.4, 4.5),
            None,
            lambda ax: plot_rank_intervals(
                uncertainty, labels=labels, data_note=note, ax=ax
            ),
        ),
        "class_contributions": (
            (SINGLE * 1.4, 4.5),
            None,
            lambda ax: plot_class_contributions(
                points, weights, labels=labels, data_note=note, ax=ax
            ),
        ),
        "sobol": (
            (DOUBLE, 5.0),
            None,
            lambda ax: plot_sobol(sobol, labels=labels, data_note=note, ax=ax),
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
