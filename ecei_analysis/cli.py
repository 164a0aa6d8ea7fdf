"""Command line: ``ecei rank | figures | report | template | validate | what-if | ...``.

Every command exits 0 on success and non-zero with one line on stderr for bad
input (``--debug`` shows the full traceback). Light commands (``--help``,
``--version``, ``rank``, ``validate``, ``template``, ``what-if``, ``weights``)
import no plotting or report stack: heavy modules are imported inside the
commands that need them.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from .core.defaults import DEFAULT_DRAWS
from .core.errors import EceiDataError
from .core.i18n import LANGUAGES, NP_, _, ngettext, pgettext, use_language
from .core.resources import NOTEBOOKS
from .core.vocabulary import CLASSES, class_label

__all__ = ["build_parser", "console", "main"]


class _Command(NamedTuple):
    """A subcommand: what it does, its help line and the options it adds."""

    run: Callable[[argparse.Namespace], int]
    help: str
    options: Callable[[argparse.ArgumentParser], None] | None


#: The subcommands in the order ``ecei --help`` lists them (registration order).
_COMMANDS: dict[str, _Command] = {}
_WEIGHTS_HELP = (
    "class weights as very_important:important:not_so_important (e.g. 3:2:1), "
    "class=number pairs (VI=3,I=2,NSI=1) or a named set (see 'ecei weights'); "
    "default: proposal (3:2:1)"
)


def _command(
    name: str,
    *,
    help: str,
    options: Callable[[argparse.ArgumentParser], None] | None = None,
) -> Callable:
    """Register a subcommand with its help line and its options."""

    def register(func: Callable[[argparse.Namespace], int]) -> Callable:
        _COMMANDS[name] = _Command(func, help, options)
        return func

    return register


def _version() -> str:
    from ._version import __version__

    return __version__


def _add_data(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help="data folder or filled template .xlsx (default: the bundled SYNTHETIC "
        "demonstration data)",
    )
    parser.add_argument(
        "--missing",
        choices=("error", "zero"),
        default="error",
        help="clusters lacking indicators: error (default) or score them 0",
    )


def _add_weights(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--weights", default=None, metavar="W", help=_WEIGHTS_HELP)


def _add_ties(parser: argparse.ArgumentParser, choices: Sequence[str]) -> None:
    parser.add_argument(
        "--ties",
        default="min",
        metavar="RULE",
        help=f"place basis: {', '.join(choices)} (default min: 1 + the clusters "
        "strictly ahead, 1, 2, 2, 4; dense numbers 1, 2, 2, 3 as published in 2015)",
    )


def build_parser() -> argparse.ArgumentParser:
    """Return the argparse parser with every subcommand (in registration order)."""
    parser = argparse.ArgumentParser(
        prog="ecei",
        description="ECEI cluster-management rankings under significance-class "
        "weights (very important / important / not so important).",
    )
    parser.add_argument("--version", action="version", version=f"ecei {_version()}")
    parser.add_argument("--debug", action="store_true", help="full tracebacks on error")
    parser.add_argument(
        "--allow-long",
        action="store_true",
        help="run work estimated above the 10-minute limit",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, command in _COMMANDS.items():
        options = sub.add_parser(name, help=command.help)
        if command.options is not None:
            command.options(options)
        options.add_argument(
            "--language",
            "--lang",
            dest="language",
            choices=LANGUAGES,
            default=None,
            help="language of the output: its text, captions, template or report "
            "(default en; for report, the notebook's language parameter)",
        )
    return parser


def _relative(path: Path) -> str:
    """Return a path as typed: relative to the current folder when inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # outside, or a looping link
        return str(path)


def _note(text: str) -> None:
    print(text, file=sys.stderr)


def _load(args: argparse.Namespace):
    from .data.loaders import load_study

    study = load_study(args.data, missing=args.missing)
    if study.absent_classes:
        _note(
            _(
                "note: no indicator is in the class(es) {classes}; ranking over the "
                "classes present"
            ).format(classes=", ".join(map(class_label, study.absent_classes)))
        )
    return study


def _weights(args: argparse.Namespace, study):
    from .scoring.weights import DEFAULT_WEIGHTS, as_weights

    return as_weights(args.weights or DEFAULT_WEIGHTS, study.classes)


def _rank_options(parser: argparse.ArgumentParser) -> None:
    _add_data(parser)
    _add_weights(parser)
    _add_ties(parser, ("dense", "min", "average"))
    parser.add_argument(
        "--format",
        choices=("table", "csv", "json", "md", "tex", "xlsx"),
        default=None,
        help="output format (default: from the --out extension, else table)",
    )
    parser.add_argument("--out", type=Path, default=None, help="write to this file")
    parser.add_argument(
        "--raw-csv",
        action="store_true",
        help="keep a leading =, +, - or @ in CSV cells (by default such cells are "
        "prefixed with ' so spreadsheets do not run them as formulas)",
    )


@_command(
    "rank",
    help="rank the clusters under given class weights",
    options=_rank_options,
)
def _rank(args: argparse.Namespace) -> int:
    from .core.vocabulary import check_ties
    from .reports.export import MACHINE_FORMATS, export_format, render_table
    from .reports.phrases import place_basis_note, weights_phrase
    from .reports.provenance import study_banner
    from .reports.tables import places_table
    from .scoring.ranking_table import ranking_table

    ties = check_ties(args.ties)
    fmt = export_format(args.format, args.out)
    study = _load(args)
    weights = _weights(args, study)
    if fmt in MACHINE_FORMATS:  # for programs: ids, raw columns, full precision
        table = ranking_table(study, weights, ties=ties)[list(_RANK_COLUMNS)]
        data = render_table(table, fmt, raw_csv=args.raw_csv)
    else:  # for people: the briefing's table, with its banner and weights
        header = [
            study_banner(study),
            _("Weights: {weights}.").format(weights=weights_phrase(weights)),
            place_basis_note(ties),
        ]
        data = render_table(places_table(study, weights, ties), fmt, header=header)
    _emit(data, args.out, "rank")
    return 0


#: The columns of ``ecei rank --format csv|json`` (a stable interface).
_RANK_COLUMNS = (
    "rank",
    "name",
    "score",
    "score_normalised",
    "baseline_rank",
    "rank_change",
    "published_points",
    "published_place",
    "data",
)


def _emit(data: bytes, out: Path | None, command: str) -> None:
    if out is None:
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text-only stream (e.g. redirected in Python)
            sys.stdout.write(data.decode("utf-8"))
        else:
            sys.stdout.flush()
            buffer.write(data)
            buffer.flush()
        return
    from .core.files import write_owned_file

    write_owned_file(out, data, command=command)
    _note(_("wrote {path}").format(path=_relative(out)))


def _figures_options(parser: argparse.ArgumentParser) -> None:
    _add_data(parser)
    _add_weights(parser)
    _add_ties(parser, ("dense", "min"))
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("reports/figures"),
        help="output folder (default reports/figures in the current folder); an "
        "earlier figure set there is replaced, anything else is left alone",
    )
    parser.add_argument(
        "--formats", default="png,svg,pdf", help="comma-separated: png, svg, pdf"
    )
    parser.add_argument(
        "--seed", type=int, default=None, help="random seed (default 2015)"
    )
    parser.add_argument(
        "--draws",
        type=int,
        default=DEFAULT_DRAWS,
        help=f"Monte Carlo draws (default {DEFAULT_DRAWS})",
    )
    parser.add_argument(
        "--highlight", default=None, help="cluster (id or name) for the place map"
    )
    parser.add_argument(
        "--style",
        default="publication",
        choices=("publication", "briefing"),
        help="figure style (default publication)",
    )


@_command(
    "figures",
    help="regenerate the publication figure set",
    options=_figures_options,
)
def _figures(args: argparse.Namespace) -> int:
    from .core.defaults import DEFAULT_SEED
    from .core.vocabulary import MONTE_CARLO_TIES, check_ties
    from .reports.figure_set import FigureSetOptions, build_figure_set
    from .reports.provenance import data_label

    ties = check_ties(args.ties, MONTE_CARLO_TIES)
    formats = tuple(f.strip().lower() for f in args.formats.split(",") if f.strip())
    bad = [f for f in formats if f not in ("png", "svg", "pdf")]
    if bad or not formats:
        raise EceiDataError(
            pgettext("error", "--formats takes png, svg, pdf; got {formats!r}").format(
                formats=args.formats
            )
        )
    study = _load(args)
    highlight = (
        None if args.highlight is None else study.resolve_cluster(args.highlight)
    )
    options = FigureSetOptions(
        weights=_weights(args, study),
        data_note=data_label(study),
        seed=DEFAULT_SEED if args.seed is None else args.seed,
        draws=args.draws,
        highlight=highlight,
        ties=ties,
        formats=formats,
        style=args.style,
    )
    manifest = build_figure_set(
        study, args.out, options, inputs=_inputs(args), progress=True
    )
    _note(
        _("wrote {path} ({manifest} lists every file)").format(
            path=_relative(manifest.parent), manifest=manifest.name
        )
    )
    return 0


def _inputs(args: argparse.Namespace) -> list[Path]:
    from .core.resources import bundled_data_dir

    return [Path(args.data) if args.data is not None else bundled_data_dir()]


def _template_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data", type=Path, default=None, help="framework folder (default: bundled)"
    )
    parser.add_argument(
        "--clusters",
        type=Path,
        default=None,
        help="clusters.csv/.xlsx to list (default: the framework's)",
    )
    parser.add_argument(
        "--panel",
        action="store_true",
        help="write the panel's voting sheet instead: one row per participant, one "
        "column per significance class of the framework",
    )
    parser.add_argument(
        "--classification-panel",
        action="store_true",
        help="write the experts' classification sheet instead: one row per "
        "indicator, one column per expert, each cell a class",
    )
    parser.add_argument(
        "--experts",
        type=int,
        default=8,
        help="expert columns of the classification sheet (default 8)",
    )
    parser.add_argument(
        "--out", type=Path, required=True, help="assessment.xlsx (or votes.xlsx)"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace an existing workbook that this command did not write",
    )


@_command(
    "template",
    help="write the Excel assessment template (or, with --panel, the panel's "
    "voting sheet)",
    options=_template_options,
)
def _template(args: argparse.Namespace) -> int:
    from .core.resources import bundled_data_dir
    from .data.loaders import load_clusters, load_indicators
    from .data.readers import find_data_file
    from .data.template import write_template

    base = args.data or bundled_data_dir()
    indicators = load_indicators(find_data_file(base, "indicators"))
    if args.panel and args.classification_panel:
        raise EceiDataError(
            pgettext("error", "choose --panel or --classification-panel, not both")
        )
    if args.classification_panel:
        from .data.classification_template import write_classification_template

        if args.clusters is not None:
            raise EceiDataError(
                pgettext(
                    "error", "--clusters does not apply to the classification sheet"
                )
            )
        path = write_classification_template(
            args.out,
            indicators,
            experts=args.experts,
            language=args.language or "en",
            force=args.force,
        )
        _note(
            _(
                "wrote {path} (classification sheet, {indicators} indicators × "
                "{experts} experts)"
            ).format(
                path=_relative(path), indicators=len(indicators), experts=args.experts
            )
        )
        return 0
    if args.panel:
        from .core.vocabulary import CLASSES
        from .data.panel_template import write_panel_template

        if args.clusters is not None:
            raise EceiDataError(
                pgettext("error", "--clusters does not apply to the voting sheet")
            )
        classes = [c for c in CLASSES if c in set(indicators["significance_class"])]
        path = write_panel_template(
            args.out, classes=classes, language=args.language or "en", force=args.force
        )
        _note(
            _("wrote {path} (voting sheet, {classes} classes)").format(
                path=_relative(path), classes=len(classes)
            )
        )
        return 0
    clusters = load_clusters(args.clusters or find_data_file(base, "clusters"))
    path = write_template(
        args.out, indicators, clusters, language=args.language or "en", force=args.force
    )
    _note(
        _("wrote {path} ({indicators} indicators × {clusters} clusters)").format(
            path=_relative(path), indicators=len(indicators), clusters=len(clusters)
        )
    )
    return 0


def _validate_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        help="data folders, template .xlsx or single CSV/xlsx files",
    )


#: What ``ecei validate`` checked a path as, in words.
_KINDS = {
    "study": NP_("data kind", "a study (indicators, clusters, assessments)"),
    "panel": NP_("data kind", "a panel's votes on the class weights"),
    "classification": NP_("data kind", "the experts' votes on the classes"),
    "indicators": NP_("data kind", "indicators"),
    "clusters": NP_("data kind", "clusters"),
    "assessments": NP_("data kind", "assessments"),
    "published_results": NP_("data kind", "published results"),
}


@_command(
    "validate",
    help="check data files and list every problem",
    options=_validate_options,
)
def _validate(args: argparse.Namespace) -> int:
    from .data.validate import validate
    from .reports.briefing_findings import published_record_note

    found = validate(args.paths)
    problems = found.problems
    for problem in problems:
        print(" ".join(str(problem).split()))
    for path, kind in found.checked:
        _note(
            _("checked {path}: {kind}").format(
                path=_relative(path), kind=pgettext("data kind", _KINDS[kind])
            )
        )
    for path in found.skipped:
        _note(
            _(
                "skipped {path}: not a data table, a panel's or the experts' votes"
            ).format(path=_relative(path))
        )
    for path, study in found.studies.items():
        _note(
            _("note: {path}: {note}").format(
                path=_relative(path), note=published_record_note(study)
            )
        )
    names = ", ".join(_relative(p) for p in args.paths)
    if problems:
        _note(
            ngettext(
                "{n} problem in {names}", "{n} problems in {names}", len(problems)
            ).format(n=len(problems), names=names)
        )
        return 1
    _note(_("no problems found in {names}").format(names=names))
    return 0


def _what_if_options(parser: argparse.ArgumentParser) -> None:
    _add_data(parser)
    _add_weights(parser)
    parser.add_argument("--cluster", required=True, help="cluster id or name")
    parser.add_argument(
        "--target-rank",
        type=int,
        default=None,
        help="target place (default: one cluster fewer ahead)",
    )
    parser.add_argument(
        "--rival", default=None, help="also: overtake this cluster (id or name)"
    )
    parser.add_argument("--top", type=int, default=5, help="indicator rows to show")


@_command(
    "what-if",
    help="what would it take to reach a place?",
    options=_what_if_options,
)
def _what_if(args: argparse.Namespace) -> int:
    from .reports.what_if import what_if_lines

    study = _load(args)
    lines = what_if_lines(
        study,
        study.resolve_cluster(args.cluster),
        _weights(args, study),
        target=args.target_rank,
        rival=study.resolve_cluster(args.rival) if args.rival else None,
        top=args.top,
    )
    print("\n".join(lines))
    return 0


def _importance_options(parser: argparse.ArgumentParser) -> None:
    _add_data(parser)
    _add_weights(parser)
    parser.add_argument(
        "--target",
        default=None,
        metavar="T",
        help="intended importance as a ratio (e.g. 3:2:1); default: the weights' "
        "own ratio",
    )
    parser.add_argument(
        "--method",
        choices=("pearson", "spearman", "kendall", "ratio"),
        default="pearson",
        help="importance measure: squared Pearson (default), Spearman or Kendall "
        "correlation with the score, or the correlation ratio (REML regression spline)",
    )
    parser.add_argument(
        "--optimiser",
        choices=("balance", "infomax"),
        default="balance",
        help="balance: match the target (default); infomax: the weights under "
        "which the classes explain the most together",
    )
    parser.add_argument(
        "--any-order",
        action="store_true",
        help="also advise weights that break very important >= important >= not so "
        "important (by default the advice keeps that order)",
    )
    parser.add_argument("--ordered", action="store_true", help=argparse.SUPPRESS)


@_command(
    "importance",
    help="nominal weights vs real importance of the classes, and the weights "
    "that deliver a target importance",
    options=_importance_options,
)
def _importance(args: argparse.Namespace) -> int:
    from .reports.importance_findings import importance_findings, infomax_sentence
    from .reports.provenance import study_banner
    from .scoring.points import class_points
    from .sensitivity.importance import weights_for_importance

    study = _load(args)
    points = class_points(study)
    report = importance_findings(
        points,
        _weights(args, study),
        study.labels(),
        target=args.target,
        method=args.method,
        ordered=not args.any_order,
    )
    sentences = [s for finding in report.findings for s in finding.sentences]
    if args.optimiser == "infomax":
        most = weights_for_importance(
            points, method=args.method, optimiser="infomax", ordered=not args.any_order
        )
        sentences = [*sentences[:2], infomax_sentence(points, most)]
    print("\n".join([study_banner(study), *(f"- {s}" for s in sentences)]))
    return 0


@_command(
    "weights",
    help="list the named weight sets",
)
def _weights_list(args: argparse.Namespace) -> int:
    from .scoring.weights import DEFAULT_WEIGHTS, WEIGHT_SET_ALIASES, WEIGHT_SETS

    classes = " : ".join(map(class_label, CLASSES))
    print(_("named weight sets ({classes}):").format(classes=classes))
    for name, values in WEIGHT_SETS.items():
        default = "  " + _("(default)") if name == DEFAULT_WEIGHTS else ""
        print(f"  {name:<10} {values.ratio_text(digits=3)}{default}")
    aliases = ", ".join(f"{a} = {n}" for a, n in WEIGHT_SET_ALIASES.items())
    print(_("also accepted: {aliases}").format(aliases=aliases))
    return 0


def _explore_options(parser: argparse.ArgumentParser) -> None:
    _add_data(parser)
    _add_weights(parser)
    _add_ties(parser, ("dense", "min"))
    parser.add_argument(
        "--html",
        type=Path,
        required=True,
        metavar="FILE",
        help="the page to write: one HTML file that opens offline in any browser",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace FILE even if ecei did not write it",
    )


@_command(
    "explore",
    help="write the offline explorer (one HTML file: sliders, ranking, weight map)",
    options=_explore_options,
)
def _explore(args: argparse.Namespace) -> int:
    from .core.files import write_owned_file
    from .core.vocabulary import check_ties
    from .reports.explorer_page import explorer_page

    ties = check_ties(args.ties, ("dense", "min"))
    study = _load(args)
    weights = _weights(args, study)
    page = explorer_page(
        study, weights, ties=ties, parameters={"weights": args.weights}
    )
    write_owned_file(
        args.html,
        page.encode("utf-8"),
        command="explore",
        force=args.force,
        option="--html",
    )
    _note(_("wrote {path}").format(path=_relative(args.html)))
    return 0


def _notebooks_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("notebooks"))


@_command(
    "notebooks",
    help="copy the analyst notebooks into a folder",
    options=_notebooks_options,
)
def _notebooks(args: argparse.Namespace) -> int:
    from .reports.runner import copy_notebooks

    folder = copy_notebooks(args.out)
    _note(
        _("wrote {path} (the analyst notebooks, without outputs)").format(
            path=_relative(folder)
        )
    )
    return 0


def _report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--notebook",
        default="briefing",
        help="briefing (default) or "
        + ", ".join(name for name in NOTEBOOKS if name != "briefing"),
    )
    parser.add_argument(
        "--params", type=Path, default=None, help="YAML file of parameters"
    )
    parser.add_argument(
        "-p",
        dest="param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="one parameter (repeatable; overrides --params)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="report folder (default reports/<notebook> in the current folder)",
    )
    parser.add_argument(
        "--pdf", action="store_true", help="also print a PDF (needs Chromium)"
    )
    parser.add_argument(
        "--list-parameters",
        action="store_true",
        help="print the notebook's parameters and exit",
    )


@_command(
    "report",
    help="run a parameterised notebook into a report",
    options=_report_options,
)
def _report(args: argparse.Namespace) -> int:
    from .reports.runner import (
        load_parameter_file,
        notebook_parameters,
        parse_parameter,
        run_report,
        skip_iri_grammar,
    )

    skip_iri_grammar()
    if args.list_parameters:
        for name, info in notebook_parameters(args.notebook).items():
            kind, default = info["inferred_type_name"], info["default"]
            print(f"{name}: {kind} = {default}  # {info['help']}")
        return 0
    params = load_parameter_file(args.params) if args.params else {}
    params.update(parse_parameter(p) for p in args.param)
    if args.language is not None:
        params["language"] = args.language
    html = run_report(args.notebook, params, args.out, pdf=args.pdf)
    _note(_("wrote {path}").format(path=_relative(html)))
    if args.pdf:
        _note(_("wrote {path}").format(path=_relative(html.with_suffix(".pdf"))))
    explorer = html.with_name("explorer.html")
    if explorer.is_file():
        _note(_("wrote {path}").format(path=_relative(explorer)))
    return 0


def _fix_negative_values(argv: list[str]) -> list[str]:
    """Join ``--weights -1:2:1`` into ``--weights=-1:2:1`` so argparse reads it."""
    out: list[str] = []
    value_options = {
        "--weights",
        "--target",
        "--target-rank",
        "--seed",
        "--draws",
        "--top",
    }
    i = 0
    while i < len(argv):
        item = argv[i]
        if item in value_options and i + 1 < len(argv) and argv[i + 1].startswith("-"):
            nxt = argv[i + 1]
            if nxt[1:2].isdigit() or nxt[1:2] == ".":
                out.append(f"{item}={nxt}")
                i += 2
                continue
        out.append(item)
        i += 1
    return out


def _quiet_after_interrupt() -> None:
    """Keep the interrupt message the last line a user sees.

    A notebook run cut short can leave asyncio tasks of the kernel client pending
    (e.g. its "kernel alive" poll). asyncio logs them when they are collected at
    exit, after the message, with a traceback that is only noise by then.
    """
    import logging

    logging.getLogger("asyncio").disabled = True


def console() -> int:
    """Run the ``ecei`` command (and ``python -m ecei_analysis``); return its status.

    :func:`main` in a process that collects garbage less often and puts its
    objects out of the collector's sight as it ends (see
    :mod:`~ecei_analysis.core.collector`). Library callers of :func:`main`
    (the tests) keep their process as it is.
    """
    from .core.collector import collect_less_often, freeze_before_exit

    collect_less_often()
    try:
        return main()
    finally:
        freeze_before_exit()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit status."""
    from .core.work import allow_long

    parser = build_parser()
    argv = _fix_negative_values(list(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    long_work = allow_long() if args.allow_long else contextlib.nullcontext()
    with use_language(args.language or "en"), _warnings_as_lines(args.command):
        return _run(args, long_work)


@contextlib.contextmanager
def _warnings_as_lines(command: str):
    """Show each warning once, as one line naming the command (no code path)."""
    import warnings

    shown: set[str] = set()  # libraries may add filters that repeat a warning

    def show(message, category, filename, lineno, file=None, line=None):
        text = " ".join(str(message).split())
        if text in shown:
            return
        shown.add(text)
        print(
            _("ecei {command}: warning: {text}").format(command=command, text=text),
            file=sys.stderr,
        )

    with warnings.catch_warnings():
        warnings.simplefilter("default")
        warnings.showwarning = show
        yield


def _run(args: argparse.Namespace, long_work) -> int:
    """Run one command; turn an interrupt or bad input into one line and a status."""
    import signal

    from .core.files import cleanup_on_signals

    try:
        with cleanup_on_signals(), long_work:
            return _COMMANDS[args.command].run(args)
    except KeyboardInterrupt:
        _quiet_after_interrupt()
        print(
            _("ecei {command}: interrupted; nothing was left half-written").format(
                command=args.command
            ),
            file=sys.stderr,
        )
        return 130
    except SystemExit as exc:
        if exc.code == 128 + signal.SIGTERM:
            _quiet_after_interrupt()
            print(
                _("ecei {command}: terminated; nothing was left half-written").format(
                    command=args.command
                ),
                file=sys.stderr,
            )
        raise
    except (EceiDataError, OSError) as exc:
        if args.debug:
            raise
        message = " ".join(str(exc).split())
        print(
            _("ecei {command}: error: {message}").format(
                command=args.command, message=message
            ),
            file=sys.stderr,
        )
        return 2
    except Exception as exc:  # a bug, not bad input: still one line without --debug
        if args.debug:
            raise
        message = " ".join(str(exc).split())
        print(
            _(
                "ecei {command}: internal error: {kind}: {message} (rerun with --debug "
                "for the traceback and please report it)"
            ).format(command=args.command, kind=type(exc).__name__, message=message),
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(console())
