"""Command-line interface: ``ecei rank | figures | report | what-if | ...``.

Every command exits 0 on success and non-zero with one line on stderr for bad
input (``--debug`` shows the full traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import EceiDataError
from .figure_io import STYLES
from .loading import load_study
from .paths import default_reports_dir
from .ranking_table import SYNTHETIC_BANNER, ranking_table
from .saving import write_text_atomic
from .vocabulary import TIE_RULES
from .weights import WEIGHT_SETS, parse_weights

__all__ = ["build_parser", "main"]

_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def _command(name: str) -> Callable:
    def register(func: Callable[[argparse.Namespace], int]) -> Callable:
        _COMMANDS[name] = func
        return func

    return register


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help="data folder (default: bundled synthetic)",
    )
    parser.add_argument(
        "--weights",
        default="baseline",
        help="class weights, e.g. very_important=3,important=2,not_so_important=1 "
        f"(or VI=3,I=2,NSI=1, or a named set: {', '.join(WEIGHT_SETS)})",
    )
    parser.add_argument("--ties", choices=TIE_RULES, default="dense", help="tie rule")
    parser.add_argument(
        "--missing",
        choices=("error", "zero"),
        default="error",
        help="clusters lacking indicators: error (default) or score them 0",
    )


def build_parser() -> argparse.ArgumentParser:
    """Return the argparse parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="ecei",
        description="ECEI cluster-management rankings under significance-class "
        "weights.",
    )
    parser.add_argument("--debug", action="store_true", help="full tracebacks on error")
    sub = parser.add_subparsers(dest="command", required=True)

    rank = sub.add_parser("rank", help="rank the clusters under given class weights")
    _add_common(rank)
    rank.add_argument("--format", choices=("table", "csv", "json"), default="table")
    rank.add_argument("--out", type=Path, default=None, help="write to this file")

    figures = sub.add_parser("figures", help="regenerate the publication figure set")
    _add_common(figures)
    figures.set_defaults(weights="linear")
    figures.add_argument("--out", type=Path, default=default_reports_dir() / "figures")
    figures.add_argument("--formats", default="png,svg,pdf", help="comma-separated")
    figures.add_argument("--seed", type=int, default=2015)
    figures.add_argument("--draws", type=int, default=200_000)
    figures.add_argument(
        "--highlight", default=None, help="cluster id for the place map"
    )
    figures.add_argument("--style", default="publication", choices=STYLES)

    template = sub.add_parser("template", help="write the Excel assessment template")
    template.add_argument(
        "--data", type=Path, default=None, help="framework folder (default: bundled)"
    )
    template.add_argument(
        "--clusters",
        type=Path,
        default=None,
        help="clusters.csv/.xlsx to list (default: the framework's)",
    )
    template.add_argument("--lang", choices=("en", "ru"), default="en")
    template.add_argument("--out", type=Path, required=True, help="assessment.xlsx")

    validate = sub.add_parser(
        "validate", help="check data files and list every problem"
    )
    validate.add_argument(
        "paths",
        nargs="+",
        type=Path,
        help="data folders, template .xlsx or single CSV/xlsx files",
    )

    what_if = sub.add_parser("what-if", help="what would it take to reach a place?")
    _add_common(what_if)
    what_if.set_defaults(weights="linear")
    what_if.add_argument("--cluster", required=True, help="cluster id")
    what_if.add_argument(
        "--target-rank",
        type=int,
        default=None,
        help="target place (default: one place up)",
    )
    what_if.add_argument("--rival", default=None, help="also: overtake this cluster")
    what_if.add_argument("--top", type=int, default=5, help="indicator rows to show")

    report = sub.add_parser("report", help="run a parameterised notebook into a report")
    report.add_argument(
        "--notebook", default="briefing", help="briefing, 01_..., 02_..., 03_..."
    )
    report.add_argument(
        "--params", type=Path, default=None, help="YAML file of parameters"
    )
    report.add_argument(
        "-p",
        dest="param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="one parameter (repeatable; overrides --params)",
    )
    report.add_argument(
        "--out", type=Path, default=None, help="default reports/<notebook>"
    )
    report.add_argument(
        "--pdf", action="store_true", help="also print a PDF (Chromium)"
    )
    report.add_argument(
        "--list-parameters",
        action="store_true",
        help="print the notebook's parameters and exit",
    )
    return parser


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
    else:
        write_text_atomic(out, text)
        print(f"wrote {out}", file=sys.stderr)


@_command("rank")
def _rank(args: argparse.Namespace) -> int:
    study = load_study(args.data, missing=args.missing)
    weights = parse_weights(args.weights, study.classes)
    table = ranking_table(study, weights, ties=args.ties)
    columns = [
        "rank",
        "name",
        "score",
        "baseline_rank",
        "rank_change",
        "published_points",
        "published_place",
        "data",
    ]
    table = table[columns]
    if args.format == "csv":
        text = table.to_csv(lineterminator="\n", float_format="%.6g")
    elif args.format == "json":
        text = table.reset_index().to_json(
            orient="records", indent=2, force_ascii=False
        )
        text += "\n"
    else:
        header = f"weights: {args.weights}   ties: {args.ties}\n"
        if study.is_synthetic:
            header = f"{SYNTHETIC_BANNER}\n{header}"
        text = header + table.drop(columns="data").to_string(float_format="%.6g") + "\n"
    _emit(text, args.out)
    return 0


@_command("figures")
def _figures(args: argparse.Namespace) -> int:
    from .figure_set import FigureSetOptions, build_figure_set

    study = load_study(args.data, missing=args.missing)
    formats = tuple(f.strip().lower() for f in args.formats.split(",") if f.strip())
    bad = [f for f in formats if f not in ("png", "svg", "pdf")]
    if bad or not formats:
        raise EceiDataError(f"--formats takes png, svg, pdf; got {args.formats!r}")
    if args.highlight is not None and args.highlight not in study.clusters.index:
        raise EceiDataError(f"--highlight {args.highlight!r} is not a cluster id")
    options = FigureSetOptions(
        weights=parse_weights(args.weights, study.classes),
        seed=args.seed,
        draws=args.draws,
        highlight=args.highlight,
        ties=args.ties,
        formats=formats,
        style=args.style,
    )
    manifest = build_figure_set(study, args.out, options)
    print(
        f"wrote {manifest.parent} ({manifest.name} lists every file)", file=sys.stderr
    )
    return 0


@_command("template")
def _template(args: argparse.Namespace) -> int:
    from .loading import load_clusters, load_indicators
    from .paths import default_data_dir, find_data_file
    from .template import write_template

    base = args.data or default_data_dir()
    indicators = load_indicators(find_data_file(base, "indicators"))
    clusters = load_clusters(args.clusters or find_data_file(base, "clusters"))
    path = write_template(args.out, indicators, clusters, lang=args.lang)
    print(
        f"wrote {path} ({len(indicators)} indicators x {len(clusters)} clusters)",
        file=sys.stderr,
    )
    return 0


@_command("validate")
def _validate(args: argparse.Namespace) -> int:
    from .validation import validate_paths

    problems = validate_paths(args.paths)
    for problem in problems:
        print(" ".join(str(problem).split()))
    names = ", ".join(str(p) for p in args.paths)
    if problems:
        print(f"{len(problems)} problem(s) in {names}", file=sys.stderr)
        return 1
    print(f"no problems found in {names}", file=sys.stderr)
    return 0


@_command("what-if")
def _what_if(args: argparse.Namespace) -> int:
    from .inverse import points_to_reach, weights_to_overtake, weights_to_reach
    from .scoring import class_points, rank_clusters, score_clusters

    study = load_study(args.data, missing=args.missing)
    if args.cluster not in study.clusters.index:
        raise EceiDataError(f"--cluster {args.cluster!r} is not a cluster id")
    weights = parse_weights(args.weights, study.classes)
    points = class_points(study)
    labels = study.labels()
    now = int(
        rank_clusters(score_clusters(points, weights), ties=args.ties)[args.cluster]
    )
    target = args.target_rank if args.target_rank is not None else max(1, now - 1)
    lines = []
    if study.is_synthetic:
        lines.append(SYNTHETIC_BANNER)
    lines.append(
        f"{labels[args.cluster]} is at place {now} under {args.weights}; "
        f"target: place {target}."
    )
    for ordered in (False, True):
        for norm in ("l1", "linf"):
            result = weights_to_reach(
                points,
                args.cluster,
                target,
                weights,
                norm=norm,
                ordered=ordered,
                labels=labels,
            )
            lines.append(
                f"- weights ({norm.upper()}, "
                f"{'ordered region' if ordered else 'simplex'}): {result.sentence}"
            )
    if args.rival:
        if args.rival not in study.clusters.index:
            raise EceiDataError(f"--rival {args.rival!r} is not a cluster id")
        result = weights_to_overtake(
            points, args.cluster, args.rival, weights, labels=labels
        )
        lines.append(f"- overtaking: {result.sentence}")
    changes = points_to_reach(study, args.cluster, target, weights, labels=labels)
    lines.append("- one indicator alone (smallest changes first):")
    lines += [f"    {s}" for s in changes["sentence"].head(args.top)]
    print("\n".join(lines))
    return 0


@_command("report")
def _report(args: argparse.Namespace) -> int:
    from .report import (
        load_parameter_file,
        notebook_parameters,
        parse_parameter,
        run_report,
    )

    if args.list_parameters:
        for name, info in notebook_parameters(args.notebook).items():
            kind, default = info["inferred_type_name"], info["default"]
            print(f"{name}: {kind} = {default}  # {info['help']}")
        return 0
    params = load_parameter_file(args.params) if args.params else {}
    params.update(parse_parameter(p) for p in args.param)
    html = run_report(args.notebook, params, args.out, pdf=args.pdf)
    print(f"wrote {html}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except (EceiDataError, OSError) as exc:
        if args.debug:
            raise
        message = " ".join(str(exc).split())
        print(f"ecei {args.command}: error: {message}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug, not bad input: still one line without --debug
        if args.debug:
            raise
        message = " ".join(str(exc).split())
        print(
            f"ecei {args.command}: internal error: {type(exc).__name__}: {message} "
            "(rerun with --debug for the traceback and please report it)",
            file=sys.stderr,
        )
        return 3
    except KeyboardInterrupt:  # pragma: no cover
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
