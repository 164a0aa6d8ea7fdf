"""Run a parameterised notebook with papermill into a self-contained HTML report.

The run is atomic: everything is produced in a temporary folder next to the
target and swapped in only on success, so a failed run leaves the previous
report intact and says which cell failed and why. The report's kernel starts
first (:mod:`~ecei_analysis.reports.kernel`) and boots while this process
checks the parameters; this module imports nothing heavy at its top, so
``ecei report`` reaches that point quickly.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import EceiDataError, last_line, short_repr
from ..core.files import OutputFolder
from ..core.i18n import pgettext
from ..core.resources import NOTEBOOKS, PATH_PARAMETERS, bundled_notebooks_dir
from .html import finish_html
from .kernel import report_kernel

if TYPE_CHECKING:
    from ..data.study import Study

__all__ = [
    "NOTEBOOKS",
    "PATH_PARAMETERS",
    "ReportError",
    "notebook_parameters",
    "notebooks_dir",
    "parse_parameter",
    "run_report",
    "skip_iri_grammar",
]


class ReportError(EceiDataError):
    """A report could not be produced (the previous report is left intact)."""


def notebooks_dir() -> Path:
    """Return the folder of the analyst notebooks shipped with the package."""
    return bundled_notebooks_dir()


def _notebook_path(name: str) -> Path:
    if name not in NOTEBOOKS:
        raise ReportError(
            pgettext(
                "error", "unknown notebook {name!r}; expected one of {names}"
            ).format(name=name, names=", ".join(NOTEBOOKS))
        )
    path = notebooks_dir() / NOTEBOOKS[name]
    if not path.is_file():
        raise ReportError(
            pgettext(
                "error",
                "notebook {name!r} is missing from this installation (looked for "
                "{path}); reinstall ecei_analysis",
            ).format(name=name, path=path)
        )
    return path


def notebook_parameters(name: str) -> dict[str, dict]:
    """Return the notebook's documented parameters (``papermill.inspect_notebook``)."""
    import papermill

    return papermill.inspect_notebook(str(_notebook_path(name)))


def parse_parameter(text: str) -> tuple[str, str]:
    """Split ``name=value``; the value is typed later from the notebook's parameters."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise ReportError(
            pgettext("error", "-p takes name=value, got {text!r}").format(text=text)
        )
    return name.strip(), value.strip()


def load_parameter_file(path: str | Path) -> dict[str, str]:
    """Read a YAML mapping of parameters safely, every value as text.

    Values are typed from the notebook's parameters cell, not by YAML (whose 1.1
    rules would read ``3:2:1`` as the sexagesimal number 10921). The file must be
    UTF-8; a name given twice is refused (YAML would keep the last silently).
    """
    import yaml

    from ..data.readers import usable_path

    class UniqueKeys(yaml.BaseLoader):
        """The base loader, refusing a key given twice."""

    def mapping(loader, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = loader.construct_scalar(key_node)
            if key in seen:
                raise ReportError(
                    pgettext(
                        "error",
                        "parameter {key!r} is given twice (lines {seen} and {value})",
                    ).format(
                        key=key, seen=seen[key], value=key_node.start_mark.line + 1
                    ),
                    file=path,
                )
            seen[key] = key_node.start_mark.line + 1
        return yaml.BaseLoader.construct_mapping(loader, node, deep=deep)

    UniqueKeys.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    path = usable_path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReportError(
            pgettext("error", "the parameter file is not UTF-8 text; save it as UTF-8"),
            file=path,
        ) from None
    try:
        data = yaml.load(text, Loader=UniqueKeys)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = where.line + 1 if where is not None else None
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise ReportError(
            pgettext("error", "cannot read the parameter file: {problem}").format(
                problem=problem
            ),
            file=path,
            row=line,
        ) from None
    if data is None or data == "":
        return {}
    if not isinstance(data, dict) or any(
        isinstance(v, dict | list) for v in data.values()
    ):
        raise ReportError(
            pgettext("error", "expected a flat mapping of name: value"), file=path
        )
    return data


_CASTS = {"int": int, "float": float, "str": str}


def _typed(name: str, value: object, type_name: str) -> object:
    cast = _CASTS.get(type_name, str)
    if isinstance(value, str) and cast is not str:
        try:
            return cast(value.replace(",", ".") if cast is float else value)
        except ValueError:
            raise ReportError(
                pgettext(
                    "error", "parameter {name} expects {type_name}, got {value}"
                ).format(name=name, type_name=type_name, value=short_repr(value))
            ) from None
    if cast is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, cast) or isinstance(value, bool):
        raise ReportError(
            pgettext(
                "error", "parameter {name} expects {type_name}, got {value}"
            ).format(name=name, type_name=type_name, value=short_repr(value))
        )
    return value


def _check_parameters(name: str, parameters: Mapping[str, object]) -> dict:
    from ..data.readers import usable_path

    documented = notebook_parameters(name)
    unknown = sorted(set(parameters) - set(documented))
    if unknown:
        raise ReportError(
            pgettext(
                "error",
                "unknown parameter(s) {unknown} for notebook {name!r}; it takes "
                "{names}",
            ).format(unknown=unknown, name=name, names=", ".join(documented))
        )
    out = {
        key: _typed(key, value, documented[key]["inferred_type_name"])
        for key, value in parameters.items()
    }
    for key in PATH_PARAMETERS:  # input files: relative to where ecei runs
        if out.get(key):
            try:
                path = usable_path(str(out[key]), "file or folder")
            except EceiDataError as exc:
                raise ReportError(
                    pgettext("error", "parameter {name}: {exc}").format(
                        name=key, exc=exc
                    )
                ) from None
            out[key] = str(path.resolve())
    output_dir = str(out.get("output_dir", "figures"))
    if Path(output_dir).is_absolute() or ".." in Path(output_dir).parts:
        raise ReportError(
            pgettext(
                "error",
                "parameter output_dir={output_dir!r} must be a relative folder inside "
                "the report folder (no '..', not absolute)",
            ).format(output_dir=output_dir)
        )
    return out


def skip_iri_grammar() -> None:
    """Keep jsonschema from compiling its IRI grammar when papermill loads.

    papermill and nbconvert import nbformat, which imports jsonschema, whose
    optional IRI format check (the ``rfc3987-syntax`` package, installed with
    JupyterLab) compiles a Lark grammar on import: 0.75-1 s of every
    ``ecei report`` on a 2-core machine. Notebook schemas never ask for IRI
    formats, so in a process that has not loaded jsonschema yet the grammar is
    marked absent; jsonschema then leaves IRI strings unchecked, as it does where
    that package is not installed. The command line calls this; a library caller
    keeps its process as it is.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


def _prepare_html() -> None:
    """Make :func:`_to_html` ready: nbconvert imported, its templates compiled.

    nbconvert compiles its page template and loads its Markdown renderer on its
    first export (0.2-0.4 s); a notebook of one Markdown cell and one displayed
    output makes that first export while the kernel works.
    """
    import nbformat

    sample = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# A *first* export"),
            nbformat.v4.new_code_cell(
                outputs=[
                    nbformat.v4.new_output(
                        "display_data", data={"text/html": "<p>ready</p>"}
                    )
                ]
            ),
        ]
    )
    try:
        _html_exporter().from_notebook_node(sample)
    except Exception:  # the report's own export says what is wrong
        return


def _html_exporter():
    """Return the exporter of report pages: outputs only, images embedded."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    # Cells tagged remove-cell explain the notebook to analysts; reports omit them.
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags={"remove-cell"}, enabled=True), True
    )
    return exporter


def _to_html(notebook, language: str) -> str:
    """Return the report page of an executed notebook (a ``NotebookNode``)."""
    body, _ = _html_exporter().from_notebook_node(notebook)
    return finish_html(body, language=language)


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def chromium_command(binary: str, *args: str) -> list[str]:
    """Headless Chromium flags that work as root on a closed network."""
    return [
        binary,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tempfile.mkdtemp(prefix='ecei-chromium-')}",
        *args,
    ]


def _print_pdf(html_path: Path, pdf_path: Path) -> None:
    binary = _chromium()
    command = chromium_command(
        binary,
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf_path}",
        html_path.resolve().as_uri(),
    )
    result = subprocess.run(command, capture_output=True, text=True, timeout=180)
    if result.returncode != 0 or not pdf_path.exists():
        last = last_line(result.stderr)
        raise ReportError(
            pgettext("error", "Chromium could not print the PDF: {last}").format(
                last=last
            )
        )


def run_report(
    notebook: str = "briefing",
    parameters: Mapping[str, object] | None = None,
    out_dir: str | Path | None = None,
    *,
    pdf: bool = False,
    progress: bool = True,
) -> Path:
    """Execute a notebook with papermill and write ``<name>.html`` + ``.ipynb``.

    Parameters
    ----------
    notebook
        A name from :data:`NOTEBOOKS`.
    parameters
        Notebook parameters (checked against the notebook's parameters cell).
    out_dir
        Report folder (default ``reports/<notebook>`` in the current folder);
        replaced atomically.
    pdf
        Also print a PDF with a system Chromium when present (else a note).
    progress
        Show papermill's progress bar.

    Returns
    -------
    pathlib.Path
        The HTML report.

    Raises
    ------
    ReportError
        Unknown notebook or parameter, or a failing cell (named, with the
        error); the previous report is left intact.
    """
    source = _notebook_path(notebook)
    if pdf and _chromium() is None:
        raise ReportError(
            pgettext(
                "error",
                "--pdf needs Chromium, which is not installed here (apt-get install "
                "chromium); run without --pdf for the HTML report",
            )
        )
    out_dir = Path(out_dir) if out_dir is not None else Path("reports") / notebook
    given = dict(parameters or {})
    inputs = [str(given[key]) for key in PATH_PARAMETERS if given.get(key)]
    output = OutputFolder(out_dir, command=f"report {notebook}", inputs=inputs)
    # The kernel boots and imports while this process checks the parameters.
    with output.build() as work, report_kernel(work) as kernel:
        params = _check_parameters(notebook, given)
        study, study_language, values = _check_values(notebook, params)
        _check_report_work(notebook, values, study)
        import nbformat
        import papermill
        from papermill.exceptions import PapermillExecutionError

        # nbconvert (for the HTML) gets ready while this process waits on the kernel
        html_ready = threading.Thread(target=_prepare_html, daemon=True)
        html_ready.start()

        executed = work / f"{notebook}.ipynb"
        try:
            # Written once at the end, not after every cell (a pause between cells).
            result = papermill.execute_notebook(
                str(source),
                str(executed),
                parameters=params,
                cwd=str(work),
                kernel_name=kernel.kernel_name,
                km=kernel,
                progress_bar=progress,
                log_output=False,
                request_save_on_cell_execute=False,
            )
        except PapermillExecutionError as exc:
            raise ReportError(
                f"notebook {notebook!r} failed in cell {exc.exec_count} "
                f"(cell index {exc.cell_index}): {exc.ename}: {exc.evalue}; "
                + _previous(out_dir)
            ) from None
        _fix_injected_cell_id(result)
        nbformat.write(result, executed)
        html_path = work / f"{notebook}.html"
        html_ready.join()
        html_path.write_text(_to_html(result, study_language), encoding="utf-8")
        if pdf:
            _print_pdf(html_path, work / f"{notebook}.pdf")
    return out_dir / f"{notebook}.html"


#: Engine runs of each notebook over ``draws`` weightings, and whether they
#: compute pairwise indices (a panel adds its two consensus runs).
_MONTE_CARLO_RUNS = {
    "briefing": (2, False),
    "03_uncertainty": (3, True),
    "05_panel": (0, True),
    "06_classification_panel": (0, False),
}


def _check_values(
    notebook: str, params: Mapping[str, object]
) -> tuple[Study, str, dict]:
    """Check every parameter's value before any work, as the notebook will.

    The notebook's defaults with ``params`` over them build the notebook's own
    :class:`~ecei_analysis.reports.context.ReportContext` (the study, weights,
    place basis, language, panels and every parameter with a check), so a bad
    value (``weights=3:2``, a vote sheet with an error) is named before the
    kernel starts. Returns the study, the report's language and every
    parameter's value (the defaults with ``params`` over them).
    """
    import ast

    from .context import ReportContext

    values = {
        name: ast.literal_eval(info["default"])
        for name, info in notebook_parameters(notebook).items()
    }
    values.update(params)
    try:
        context = ReportContext(**values)
    except EceiDataError as exc:
        raise ReportError(
            pgettext("error", "{exc} (notebook {notebook!r}; nothing was run)").format(
                exc=exc, notebook=notebook
            )
        ) from None
    return context.study, context.language, values


def _check_report_work(notebook: str, values: Mapping[str, object], study) -> None:
    """Estimate a report's work before starting; refuse the huge.

    The analyses' own cost model: engine draws, drawn classifications (the
    briefing draws 20,000 of them), Sobol designs.
    """
    from ..core.work import check_work
    from ..sensitivity.classification import CLASS_DRAW_COST
    from ..sensitivity.engine import estimate_seconds

    if notebook not in _MONTE_CARLO_RUNS:
        return
    n, n_ind = study.points.shape
    k = len(study.classes)
    draws = int(values.get("draws", 0))
    runs, pairwise = _MONTE_CARLO_RUNS[notebook]
    if values.get("panel") or notebook == "05_panel":
        runs += 2
    seconds = runs * estimate_seconds(draws, n, pairwise=pairwise and n <= 200)
    if values.get("classification_panel") or notebook == "06_classification_panel":
        class_draws = draws if notebook == "06_classification_panel" else 20_000
        seconds += estimate_seconds(
            class_draws, n, noise_work=CLASS_DRAW_COST * n * n_ind
        )
    if "sobol_n" in values:
        seconds += estimate_seconds(int(values["sobol_n"]) * (k + 2), n)
    check_work(seconds, f"the {notebook} report with {draws:,} draws")


def _previous(out_dir: Path) -> str:
    if out_dir.is_dir() and any(out_dir.iterdir()):
        return f"the previous report in {out_dir} is left intact"
    return "no report was written"


def copy_notebooks(out_dir: str | Path) -> Path:
    """Copy the analyst notebooks (without outputs) into ``out_dir``.

    The folder is owned like every output: an earlier copy is replaced, any
    other existing content is refused.
    """
    output = OutputFolder(out_dir, command="notebooks")
    with output.build() as work:
        for name in NOTEBOOKS.values():
            shutil.copyfile(notebooks_dir() / name, work / name)
    return Path(out_dir)


def _fix_injected_cell_id(notebook) -> None:
    """Give papermill's injected-parameters cell a fixed id (it is random)."""
    for cell in notebook.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"
