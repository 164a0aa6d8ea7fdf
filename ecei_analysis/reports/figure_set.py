"""Regenerate the publication figure set with a MANIFEST (``ecei figures``).

The analyses (SMAA, rank intervals, Sobol indices) run once; each figure is then
a :class:`FigureJob`: a plot function and its inputs, drawn at the size of its
kind (:data:`~ecei_analysis.figures.layout.LAYOUTS`) and saved in every format
through the one save path.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..core.defaults import DEFAULT_CONCENTRATION, DEFAULT_DRAWS, DEFAULT_SEED
from ..core.escape import escape_markdown, neutralise_csv
from ..core.files import OutputFolder, write_bytes_atomic, write_text_atomic
from ..core.i18n import in_language, pgettext, use_language
from ..core.results import jsonable
from ..core.versions import library_versions
from ..data.study import Study
from ..scoring.points import class_points, score_clusters
from ..scoring.ranks import clusters_ahead
from ..scoring.scenarios import scenario_places
from ..scoring.weights import Weights
from ..sensitivity.rank_uncertainty import rank_uncertainty
from ..sensitivity.smaa import smaa
from ..sensitivity.sobol import sobol_rank_indices

__all__ = ["FigureJob", "FigureSetOptions", "build_figure_set", "figure_jobs"]


@dataclass(frozen=True)
class FigureSetOptions:
    """Parameters of one figure set (all recorded in the MANIFEST)."""

    weights: Weights
    data_note: str = "data source not stated"
    seed: int = DEFAULT_SEED
    draws: int = DEFAULT_DRAWS
    concentration: float = DEFAULT_CONCENTRATION
    sobol_n: int = 2**12
    highlight: str | None = None
    ties: str = "min"
    formats: Sequence[str] = ("png", "svg", "pdf")
    style: str = "publication"


@dataclass(frozen=True)
class FigureJob:
    """One figure: its file stem, its kind (size) and how to draw it.

    ``plot`` is a module-level plot function called as
    ``plot(*args, ax=ax, **kwargs)``, so a job can be drawn anywhere.
    """

    stem: str
    kind: str
    plot: Callable
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)


def _safe(cluster_id: str) -> str:
    """Return a cluster id made safe as part of a file name."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", str(cluster_id))[:60] or "cluster"


def _analyses(points, options: FigureSetOptions) -> dict:
    """Run the Monte Carlo analyses the figures show, once each."""
    return {
        "acceptability": smaa(
            points,
            sampler="ordered",
            draws=options.draws,
            seed=options.seed,
            ties=options.ties,
            pairwise=False,
        ),
        "uncertainty": rank_uncertainty(
            points,
            options.weights,
            sampler="dirichlet",
            draws=options.draws,
            seed=options.seed,
            ties=options.ties,
            concentration=options.concentration,
        ),
        "sobol": sobol_rank_indices(
            points, n=options.sobol_n, seed=options.seed, ties=options.ties
        ),
    }


def figure_jobs(
    study: Study, options: FigureSetOptions, *, language: str = "en"
) -> list[FigureJob]:
    """Return the figures of the publication set, analyses done, ready to draw."""
    ready, later = _staged_jobs(study, options, language)
    return _in_set_order(ready + later())


#: The figures' order in the set (the MANIFEST, the progress lines), by kind.
_SET_ORDER = (
    "weight_map",
    "rank_flow",
    "rank_acceptability",
    "rank_intervals",
    "class_contributions",
    "sobol",
)


def _in_set_order(jobs: list[FigureJob]) -> list[FigureJob]:
    """Return ``jobs`` in the set's order (stable: the two weight maps keep theirs)."""
    return sorted(jobs, key=lambda job: _SET_ORDER.index(job.kind))


def _staged_jobs(
    study: Study, options: FigureSetOptions, language: str
) -> tuple[list[FigureJob], Callable[[], list[FigureJob]]]:
    """Return the figures drawable at once and a call that returns the others.

    The weight maps, the rank flow and the class contributions need only the
    class points; the call runs the Monte Carlo analyses the other figures
    show, so they can run while the first figures are drawn.
    """
    from ..figures.acceptability_plot import plot_rank_acceptability
    from ..figures.contributions import plot_class_contributions
    from ..figures.intervals import plot_rank_intervals
    from ..figures.rank_flow import plot_rank_flow
    from ..figures.sobol_plot import plot_sobol
    from ..figures.weight_map import plot_weight_map
    from .tables import method_text

    points = class_points(study)
    weights = options.weights
    order = clusters_ahead(score_clusters(points, weights)).sort_values(kind="stable")
    highlight = options.highlight or (
        list(study.published.index)[1] if len(study.published) > 1 else order.index[0]
    )
    common = {
        "labels": study.labels(language=language),
        "data_note": options.data_note,
        "language": language,
    }
    ready = []
    if points.shape[1] == 3:
        ready += [
            FigureJob(
                "weight_map_winner",
                "weight_map",
                plot_weight_map,
                (points,),
                {"nominal": weights, **common},
            ),
            FigureJob(
                f"weight_map_place_{_safe(highlight)}",
                "weight_map",
                plot_weight_map,
                (points,),
                {"colour_by": highlight, "nominal": weights, **common},
            ),
        ]
    ready += [
        FigureJob(
            "rank_flow",
            "rank_flow",
            plot_rank_flow,
            (scenario_places(points, weights, ties=options.ties),),
            common,
        ),
        FigureJob(
            "class_contributions",
            "class_contributions",
            plot_class_contributions,
            (points, weights),
            common,
        ),
    ]

    def later() -> list[FigureJob]:
        done = _analyses(points, options)
        acceptability = done["acceptability"]
        return [
            FigureJob(
                "rank_acceptability",
                "rank_acceptability",
                plot_rank_acceptability,
                (acceptability.acceptability,),
                {
                    "order": order.index,
                    "method": method_text(acceptability, language=language),
                    **common,
                },
            ),
            FigureJob(
                "rank_intervals",
                "rank_intervals",
                plot_rank_intervals,
                (done["uncertainty"],),
                common,
            ),
            FigureJob(
                "sobol",
                "sobol",
                plot_sobol,
                (done["sobol"],),
                {"order": order.index, **common},
            ),
        ]

    return ready, later


def render_job(job: FigureJob, formats: Sequence[str], style: str) -> list[tuple]:
    """Draw one figure and return ``(file name, bytes, caption)`` per format."""
    import matplotlib.pyplot as plt

    from ..figures.captions import caption_of
    from ..figures.layout import new_axes
    from ..figures.save import figure_bytes, tight_bbox, use_style

    with use_style(style):
        ax = new_axes(job.kind)
        ax = job.plot(*job.args, ax=ax, **job.kwargs)
        caption = caption_of(ax)
        # One layout for the tight box, whatever the number of formats.
        bbox = tight_bbox(ax.figure) if len(formats) > 1 else None
        out = [
            (f"{job.stem}.{fmt}", figure_bytes(ax.figure, fmt, bbox=bbox), caption)
            for fmt in formats
        ]
        plt.close(ax.figure)
    return out


@in_language
def build_figure_set(
    study: Study,
    out_dir: str | Path,
    options: FigureSetOptions,
    *,
    inputs: Sequence[str | Path] = (),
    progress: bool = False,
    language: str | None = None,
) -> Path:
    """Draw every publication figure, save each format, and write ``MANIFEST.csv``.

    The figures are independent: they are drawn in parallel processes (up to
    :data:`FIGURE_WORKERS`), each by the same code as a serial run, so the bytes
    are the same.

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
    progress
        Say each figure as it is written (one line each, on stderr).
    language
        The language of every label and caption (default: the one in force).

    Returns
    -------
    pathlib.Path
        The MANIFEST path. It lists file, sha256, caption, the parameters (JSON)
        and the package and library versions.
    """
    import matplotlib

    from ..core.i18n import current_language

    language = language or current_language()
    output = OutputFolder(out_dir, command="figures", inputs=inputs)
    ready, later = _staged_jobs(study, options, language)
    matplotlib.use("Agg")
    rows = []
    jobs = []
    with output.build() as work:
        drawn = _render_all(ready, later, options.formats, options.style, progress)
        for job, rendered in drawn:
            jobs.append(job)
            for name, data, caption in rendered:
                write_bytes_atomic(work / name, data)
                rows.append(
                    {
                        "file": name,
                        "sha256": hashlib.sha256(data).hexdigest(),
                        "caption": caption,
                    }
                )
        _write_manifest(work, rows, _parameters(study, options, jobs), language)
    return Path(out_dir) / "MANIFEST.csv"


#: Most processes drawing figures at once.
FIGURE_WORKERS = 2


def _render_all(
    ready: list[FigureJob],
    later: Callable[[], list[FigureJob]],
    formats: Sequence[str],
    style: str,
    progress: bool,
):
    """Yield each figure's job and rendered files, in the set's order.

    With more than one core (and where the platform forks), the figures that
    need no analysis start drawing in worker processes while this process runs
    the analyses for the others; the workers start with matplotlib loaded.
    Every figure is drawn by :func:`render_job` either way, so the bytes are
    those of a serial run.
    """
    import multiprocessing
    import os
    import sys
    from concurrent.futures import ProcessPoolExecutor

    workers = min(FIGURE_WORKERS, os.cpu_count() or 1)

    def said(jobs: list[FigureJob], draw: Callable[[FigureJob], list]):
        for k, job in enumerate(jobs, start=1):
            rendered = draw(job)
            if progress:
                line = f"  {k}/{len(jobs)} {rendered[0][0]}"
                print(line, file=sys.stderr, flush=True)
            yield job, rendered

    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        jobs = _in_set_order(ready + later())
        yield from said(jobs, lambda job: render_job(job, formats, style))
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:

        def submit(jobs: list[FigureJob]) -> dict:
            return {j.stem: pool.submit(render_job, j, formats, style) for j in jobs}

        futures = submit(ready)
        rest = later()  # the analyses run here while the workers draw
        futures |= submit(rest)
        jobs = _in_set_order(ready + rest)
        yield from said(jobs, lambda job: futures[job.stem].result())


def _parameters(study: Study, options: FigureSetOptions, jobs) -> dict:
    highlight = next(
        (j.kwargs["colour_by"] for j in jobs if "colour_by" in j.kwargs), None
    )
    return jsonable(
        {
            "weights": options.weights.to_dict(),
            "seed": options.seed,
            "draws": options.draws,
            "concentration": options.concentration,
            "sobol_n": options.sobol_n,
            "highlight": highlight,
            "ties": options.ties,
            "style": options.style,
            "data": study.provenance,
            "data_files": {Path(p).name: d for p, d in study.files.items()},
        }
    )


def _write_manifest(
    work: Path, rows: list[dict], parameters: Mapping, language: str
) -> None:
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
    with use_language(language):
        title = pgettext("figure", "Figure captions")
    write_text_atomic(work / "CAPTIONS.md", f"# {title}\n\n{captions}\n")
