import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ecei_analysis import EceiDataError
from ecei_analysis.reports.runner import (
    NOTEBOOKS,
    ReportError,
    chromium_command,
    notebook_parameters,
    parse_parameter,
    run_report,
)

pytestmark = pytest.mark.slow  # papermill kernels, subprocesses

FAST = {
    "01_baseline_ranking": {},
    "02_weight_sensitivity": {"sweep_steps": 5},
    "03_uncertainty": {"draws": 2000, "sobol_n": 128, "noise_levels": 1},
    "briefing": {"draws": 2000},
    "04_explore": {},
    "05_panel": {"draws": 2000},
    "06_classification_panel": {"draws": 1000},
}


def _chromium():
    found = shutil.which("chromium")
    if found is None and os.environ.get("ECEI_REQUIRE_CHROMIUM"):
        pytest.fail("ECEI_REQUIRE_CHROMIUM is set but chromium is not installed")
    if found is None:
        pytest.skip("chromium not installed (apt-get install chromium)")
    return found


@pytest.mark.parametrize("name", list(NOTEBOOKS))
def test_notebook_executes_and_reports_provenance(name, tmp_path):
    html = run_report(name, FAST[name], tmp_path / name, progress=False)
    text = html.read_text(encoding="utf-8")
    assert "SYNTHETIC DEMONSTRATION DATA" in text
    assert "sha256" in text and "version: numpy" in text
    assert (tmp_path / name / f"{name}.ipynb").exists()
    assert "Traceback" not in text and "Warning" not in text
    assert not re.search(r'src="https?://', text)
    if name == "04_explore":
        assert "Static snapshot" in text  # no widget front-end under papermill
        # One page: one heading, one banner, no second table under the explorer.
        assert text.count("<h1") == 1
        assert text.index("<h1") < text.index("Static snapshot")  # heading on top
        assert text.count("SYNTHETIC DEMONSTRATION DATA") == 1
        assert text.count("<table") == 2  # the ranking and the provenance
    else:
        assert any((tmp_path / name / "figures").glob("*.png"))


def test_briefing_with_non_default_weights(tmp_path):
    html = run_report(
        "briefing",
        {"draws": 2000, "weights": "geometric", "highlight": "zelenograd,tomsk"},
        tmp_path / "b",
        progress=False,
    )
    text = html.read_text(encoding="utf-8")
    assert "very important 4 : important 2 : not so important 1" in text
    assert "Zelenograd lies between" in text or "Zelenograd stays" in text
    # The offline explorer beside it, linked, opening at the briefing's weights.
    assert '<a href="explorer.html">explorer.html</a>' in text
    import html as markup

    page = (html.parent / "explorer.html").read_text(encoding="utf-8")
    shown = markup.unescape(markup.unescape(page))  # Bokeh escapes the document
    assert "opened with weights 4:2:1" in shown
    assert '<b>parameter: weights</b> "geometric"' in shown


def test_parameters_are_documented():
    for name in NOTEBOOKS:
        params = notebook_parameters(name)
        expected = {"data_dir", "weights"} | (
            {"static"}
            if name == "04_explore"
            else {"ties", "highlight", "output_dir", "language"}
        )
        assert expected <= set(params), name
        for info in params.values():
            assert info["help"], info
            assert info["inferred_type_name"] in {"str", "int", "float"}
    assert {"draws", "seed", "sampler", "concentration"} <= set(
        notebook_parameters("03_uncertainty")
    )


def test_failed_run_keeps_previous_report(tmp_path, monkeypatch):
    import nbformat

    import ecei_analysis.reports.runner as runner

    out = tmp_path / "briefing"
    html = run_report("briefing", {"draws": 2000}, out, progress=False)
    before = {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    broken = tmp_path / "notebooks"
    shutil.copytree(runner.notebooks_dir(), broken)
    path = broken / NOTEBOOKS["briefing"]
    book = nbformat.read(path, as_version=4)
    book.cells.insert(5, nbformat.v4.new_code_cell("raise RuntimeError('broken')"))
    nbformat.write(book, path)
    monkeypatch.setattr(runner, "notebooks_dir", lambda: broken)
    with pytest.raises(ReportError, match=r"failed in cell \d+ .*RuntimeError: broken"):
        run_report("briefing", {"draws": 2000}, out, progress=False)
    after = {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert before == after and html.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"colour": "red"}, "unknown parameter"),
        ({"output_dir": "../outside"}, "must be a relative folder"),
        ({"output_dir": "/tmp/abs"}, "must be a relative folder"),
        ({"weights": "3:2"}, "parameter weights: .*2 ratio parts"),
        ({"highlight": "atlantis"}, "parameter highlight: 'atlantis' is not a cluster"),
        ({"draws": 0}, "parameter draws: draws must be a whole number >= 1"),
        ({"top": 0}, "parameter top:"),
        ({"seed": -5}, "parameter seed:"),
        ({"concentration": 0.0}, "parameter concentration:"),
        ({"panel_concentration": -1.0}, "parameter panel_concentration:"),
        ({"importance_method": "gini"}, "parameter importance_method:"),
        ({"importance_target": "1:2"}, "parameter importance_target:"),
        ({"ties": "average"}, "parameter ties:"),
        ({"language": "de"}, "parameter language:"),
    ],
)
def test_bad_parameters_rejected_before_running(params, message, tmp_path):
    with pytest.raises(ReportError, match=message):
        run_report("briefing", params, tmp_path / "x", progress=False)
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize(
    ("notebook", "params", "message"),
    [
        ("02_weight_sensitivity", {"sweep_class": "urgent"}, "parameter sweep_class:"),
        ("02_weight_sensitivity", {"sweep_steps": 1}, "parameter sweep_steps:"),
        ("03_uncertainty", {"sobol_n": 1000}, "parameter sobol_n: .*power of 2"),
        ("03_uncertainty", {"sampler": "normal"}, "parameter sampler:"),
        ("03_uncertainty", {"spread": 1.5}, "parameter spread:"),
        ("03_uncertainty", {"noise_levels": -1}, "parameter noise_levels:"),
        ("04_explore", {"static": "no"}, "parameter static:"),
        ("06_classification_panel", {"rule": "mean"}, "parameter rule:"),
    ],
)
def test_every_notebook_refuses_bad_values_before_running(
    notebook, params, message, tmp_path
):
    with pytest.raises(ReportError, match=f"{message}.*nothing was run"):
        run_report(notebook, params, tmp_path / "x", progress=False)
    assert not (tmp_path / "x").exists()


def test_every_notebook_parameter_is_checked():
    """A new parameter needs a check: the context's own, or one by name."""
    import inspect

    from ecei_analysis.reports.context import ReportContext
    from ecei_analysis.reports.parameters import PARAMETER_CHECKS

    own = set(inspect.signature(ReportContext).parameters) - {"parameters"}
    for name in NOTEBOOKS:
        unchecked = set(notebook_parameters(name)) - own - set(PARAMETER_CHECKS)
        assert not unchecked, (name, unchecked)


def test_parameters_typed_from_the_notebook(tmp_path):
    from ecei_analysis.reports.runner import _check_parameters, load_parameter_file

    assert parse_parameter("weights=3:2:1") == ("weights", "3:2:1")
    assert parse_parameter("highlight=") == ("highlight", "")
    with pytest.raises(ReportError, match="name=value"):
        parse_parameter("draws")
    typed = _check_parameters(
        "03_uncertainty", {"draws": "1000", "concentration": "2,5", "weights": "3:2:1"}
    )
    assert typed == {"draws": 1000, "concentration": 2.5, "weights": "3:2:1"}
    with pytest.raises(ReportError, match="parameter draws expects int, got 'many'"):
        _check_parameters("briefing", {"draws": "many"})
    path = tmp_path / "p.yaml"
    path.write_text("weights: 3:2:1\ndraws: 500\n")
    assert load_parameter_file(path) == {"weights": "3:2:1", "draws": "500"}
    path.write_text("weights: [1, 2]\n")
    with pytest.raises(ReportError, match="flat mapping"):
        load_parameter_file(path)
    path.write_text("!!python/object/apply:os.system ['echo hi']\n")
    with pytest.raises(ReportError):
        load_parameter_file(path)


def test_determinism_of_report_html(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1424995200")
    a = run_report("briefing", {"draws": 2000}, tmp_path / "a", progress=False)
    b = run_report("briefing", {"draws": 2000}, tmp_path / "b", progress=False)
    assert a.read_bytes() == b.read_bytes()
    assert "27 February 2015" in a.read_text(encoding="utf-8")


def test_html_renders_in_headless_chromium(tmp_path):
    binary = _chromium()
    html = run_report(
        "briefing", {"draws": 2000}, tmp_path / "r", progress=False, pdf=True
    )
    pdf = (tmp_path / "r" / "briefing.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 2 <= pages <= 8, pages  # a 2-4 page decision brief
    shot = tmp_path / "shot.png"
    subprocess.run(
        chromium_command(
            binary,
            "--window-size=1200,1600",
            f"--screenshot={shot}",
            html.resolve().as_uri(),
        ),
        check=True,
        capture_output=True,
        timeout=120,
    )
    import matplotlib.image as mpimg

    pixels = mpimg.imread(shot)[..., :3]
    assert pixels.shape[0] >= 1000
    assert pixels.std() > 0.05  # not a blank page
    # The red synthetic banner is drawn near the top.
    top = pixels[:500]
    reddish = (top[..., 0] > 0.9) & (top[..., 1] < 0.95) & (top[..., 2] < 0.95)
    assert reddish.mean() > 0.001


def _tags(html):
    """Every start tag of the page with its attributes, as a browser parses them."""
    from html.parser import HTMLParser

    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collect().feed(html)
    return found


def test_hostile_names_stay_inert_in_the_briefing(tmp_path):
    from conftest import write_hostile_study

    evil = write_hostile_study(tmp_path / "evil")
    html = run_report(
        "briefing",
        {"data_dir": str(tmp_path / "evil"), "draws": 2000, "top": 3},
        tmp_path / "out",
        progress=False,
    ).read_text(encoding="utf-8")
    tags = _tags(html)
    assert not [(t, a) for t, attrs in tags for a, _ in attrs if a.startswith("on")]
    assert not [
        v
        for _, attrs in tags
        for a, v in attrs
        if a in ("href", "src", "action")
        and (v or "").strip().lower().startswith("javascript:")
    ]
    assert "script" not in {t for t, _ in tags}
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Content-Security-Policy" in html
    # Markup never lands raw; Markdown syntax is plain text in HTML (no <a> made).
    assert all(name not in html for name in evil.values() if "<" in name)
    assert "y[z](javascript:alert(2))" in html


# A copy of the shipped notebooks whose briefing, after its findings cell, tells
# the test that the kernel is inside the work and then waits: the signal is sent
# on that event, never after a guessed delay.
_INSIDE_THE_WORK = """\
import os, socket
_sync = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
_sync.connect(os.environ["ECEI_TEST_SYNC_SOCKET"])
_sync.sendall(b"inside")
_sync.recv(1)  # blocks until the test hangs up
"""

REPORT_ARGS = ("report", "-p", "draws=2000", "--out", "out")

# Runs the command line with the notebooks taken from the folder in argv[1].
_DRIVER = """\
import sys
from pathlib import Path
import ecei_analysis.reports.runner as runner
runner.notebooks_dir = lambda: Path(sys.argv[1])
from ecei_analysis.cli import main
raise SystemExit(main(sys.argv[2:]))
"""


def _notebooks_waiting_inside_the_work(folder):
    import nbformat

    from ecei_analysis.reports.runner import notebooks_dir

    shutil.copytree(notebooks_dir(), folder)
    path = folder / NOTEBOOKS["briefing"]
    book = nbformat.read(path, as_version=4)
    after = next(
        k for k, cell in enumerate(book.cells) if "briefing_findings" in cell.source
    )
    book.cells.insert(after + 1, nbformat.v4.new_code_cell(_INSIDE_THE_WORK))
    nbformat.write(book, path)
    return folder


@pytest.mark.interrupt
@pytest.mark.parametrize(("signal_name", "code"), [("SIGINT", 130), ("SIGTERM", 143)])
def test_an_interrupt_leaves_the_old_report_and_no_temporary(
    tmp_path, signal_name, code
):
    import signal
    import socket
    import sys
    import tempfile

    run = tmp_path / "run"
    old = run_report("briefing", {"draws": 2000}, run / "out", progress=False)
    before = old.read_bytes()
    notebooks = _notebooks_waiting_inside_the_work(tmp_path / "notebooks")
    sync = Path(tempfile.mkdtemp(prefix="ecei-")) / "s"  # short: AF_UNIX limit
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(sync))
        server.listen(1)
        server.settimeout(600)  # a bound for a broken run, not a guess at timing
        process = subprocess.Popen(
            [sys.executable, "-c", _DRIVER, str(notebooks), *REPORT_ARGS],
            cwd=run,
            env={**os.environ, "ECEI_TEST_SYNC_SOCKET": str(sync)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            kernel, _ = server.accept()
        except TimeoutError:
            process.kill()
            pytest.fail(f"the kernel never reached the work: {process.communicate()}")
        with kernel:
            assert kernel.recv(6) == b"inside"
            # The kernel is inside the work and the report's temporary exists.
            assert [p for p in run.iterdir() if p.name.startswith(".out.")]
            process.send_signal(getattr(signal, signal_name))
            _, err = process.communicate(timeout=600)
    shutil.rmtree(sync.parent)
    assert process.returncode == code, err
    last = err.strip().splitlines()[-1]
    assert last.startswith("ecei report: "), err
    assert "nothing was left half-written" in last, err
    assert "Traceback" not in err, err
    assert sorted(p.name for p in run.iterdir()) == ["out"]
    assert old.read_bytes() == before


def test_pdf_without_chromium_fails_up_front_and_writes_nothing(tmp_path, monkeypatch):
    import ecei_analysis.reports.runner as runner

    monkeypatch.setattr(runner, "_chromium", lambda: None)
    with pytest.raises(ReportError, match="--pdf needs Chromium"):
        run_report("briefing", {"draws": 100}, tmp_path / "out", pdf=True)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("weights", ["1:1:1", "3:2:1", "1:1:0", "1:0:0", "5:2:1"])
@pytest.mark.parametrize("ties", ["dense", "min"])
def test_the_briefing_renders_true_at_every_key_weighting(tmp_path, weights, ties):
    from helpers import border_is_clean

    html = run_report(
        "briefing",
        {"weights": weights, "ties": ties, "draws": 2000},
        tmp_path / "b",
        progress=False,
    )
    text = html.read_text(encoding="utf-8")
    assert "The data reproduce the 4 published totals and their order" in text
    if ties == "dense":
        assert "Places are numbered as in the published table" in text
    else:
        assert "Places count 1 + the clusters strictly ahead (1, 2, 2, 4)" in text
        assert "Places are numbered as in the published table" not in text
    visible = _visible_text(text)
    assert not re.search(r"from (shared )?(\d+\w*) to \1?\2\b", visible)
    body = visible.split("Methods in brief")[0]  # symbols live in the appendix
    for bad in ("Traceback", "decides 0", "nan%", "nan %", "<NA>", "w_VI", "L1", "κ"):
        assert bad not in body, bad
    if weights in ("1:1:0", "1:0:0"):
        assert "no weight" in text  # the zero class is named in the caveats
    for png in (tmp_path / "b" / "figures").glob("*.png"):
        assert border_is_clean(png), png


def test_the_printed_briefing_keeps_each_figure_with_its_caption(tmp_path):
    import shutil as sh

    chromium = _chromium()
    if sh.which("pdfimages") is None or sh.which("pdftotext") is None:
        if os.environ.get("ECEI_REQUIRE_CHROMIUM"):
            pytest.fail("poppler-utils (pdfimages, pdftotext) are needed with Chromium")
        pytest.skip("poppler-utils not installed")
    assert chromium
    html = run_report(
        "briefing", {"draws": 2000}, tmp_path / "b", pdf=True, progress=False
    )
    pdf = html.with_suffix(".pdf")
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    image_pages = [int(line.split()[0]) for line in listing]
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert 3 <= pages <= 8, pages  # a short decision brief, appendix included
    caption_pages = []
    for page in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        starts = re.findall(
            r"^(?:Nominal weight vs real importance|Weight map|Rank flow|Rank "
            r"intervals)",
            text,
            re.M,
        )
        caption_pages += [page] * len(starts)
    assert len(image_pages) == len(caption_pages) == 4
    assert image_pages == caption_pages  # each figure shares a page with its caption
    assert half_empty_pages(pdf, tmp_path) == []


def _page_text(pdf, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def half_empty_pages(pdf, folder) -> list[int]:
    """Pages less than half full that are not the last page of a section.

    A page's fill is how far down its lowest mark reaches; a page may be less
    than half full only where the next page opens a new section (its first line
    is a section heading) or it is the last page.
    """
    import numpy as np
    from PIL import Image

    from ecei_analysis.reports.sections import SECTIONS

    headings = {heading for heading, _ in SECTIONS.values()}
    subprocess.run(
        ["pdftoppm", "-r", "30", "-gray", str(pdf), str(folder / "page")],
        check=True,
    )
    pages = sorted(folder.glob("page-*.pgm"))
    bad = []
    for number, path in enumerate(pages, start=1):
        ink = np.asarray(Image.open(path)) < 200
        rows = np.flatnonzero(ink.any(axis=1))
        fill = (rows.max() + 1) / ink.shape[0] if len(rows) else 0.0
        if fill >= 0.5 or number == len(pages):
            continue
        following = [
            line for line in _page_text(pdf, number + 1).splitlines() if line.strip()
        ]
        if not following or following[0].strip() not in headings:
            bad.append(number)
    return bad


def test_the_panel_runs_from_the_voting_sheet_to_the_briefing(tmp_path, monkeypatch):
    """Voting sheet -> filled by hand -> briefing section and notebook 05."""
    from openpyxl import load_workbook

    from ecei_analysis.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["template", "--panel", "--out", "votes.xlsx"]) == 0
    wb = load_workbook("votes.xlsx")
    ws = wb["votes"]
    votes = [
        ["<img src=x onerror=alert(1)>", "weights", 3, 2, 1],
        ["Bo", "points", 20, 60, 20],
        ["Cy", "ranks", 1, 1, 2],
    ]
    for r, row in enumerate(votes, start=2):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c).value = value
    wb.save("votes.xlsx")
    html = run_report(
        "briefing", {"draws": 2000, "panel": "votes.xlsx"}, "brief", progress=False
    ).read_text(encoding="utf-8")
    assert "What the panel's weights imply" in html
    assert (
        "The panel cast 3 votes: 1 as weights, 1 as 100 points split, 1 as a " in html
    )
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img src=x" not in html
    assert (tmp_path / "brief" / "figures" / "weight_map_votes.png").is_file()
    assert "file: votes.xlsx" in html  # its sha256 in the provenance
    notebook = run_report(
        "05_panel", {"draws": 2000, "panel": "votes.xlsx"}, "p05", progress=False
    ).read_text(encoding="utf-8")
    assert "05 · The panel" in notebook and "Numbered dots: 3 votes" in notebook
    assert "SYNTHETIC demonstration votes" not in notebook
    # The default 05 report runs on the bundled synthetic votes, labelled so.
    default = (tmp_path / "p05d").resolve()
    text = run_report("05_panel", {"draws": 2000}, default, progress=False).read_text(
        encoding="utf-8"
    )
    assert "demo_panel.csv: SYNTHETIC demonstration votes, not real views" in text


def test_a_bad_panel_is_named_before_any_work(tmp_path):
    path = tmp_path / "votes.csv"
    path.write_text(
        "participant,form,very_important,important,not_so_important\n"
        "Ann,points,50,30,15\n",
        encoding="utf-8",
    )
    with pytest.raises(EceiDataError, match=r"votes.csv, row 2: the points add up"):
        run_report("briefing", {"panel": str(path)}, tmp_path / "out", progress=False)
    assert not (tmp_path / "out").exists()


def test_the_classification_sheet_runs_to_the_briefing_in_russian(
    tmp_path, monkeypatch
):
    from openpyxl import load_workbook

    from ecei_analysis import load_study
    from ecei_analysis.cli import main

    monkeypatch.chdir(tmp_path)
    assert (
        main(
            [
                "template",
                "--classification-panel",
                "--experts",
                "3",
                "--lang",
                "ru",
                "--out",
                "классы.xlsx",
            ]
        )
        == 0
    )
    study = load_study()
    wb = load_workbook("классы.xlsx")
    ws = wb.worksheets[1]
    labels = {
        "very_important": "очень важные",
        "important": "важные",
        "not_so_important": "не очень важные",
    }
    for row, code in enumerate(study.indicators.index, start=2):
        cls = study.classification[code]
        ws.cell(row=row, column=4).value = labels[cls]
        ws.cell(row=row, column=5).value = labels[cls]
        ws.cell(row=row, column=6).value = labels["important"]
    wb.save("классы.xlsx")
    html = run_report(
        "briefing",
        {"draws": 2000, "classification_panel": "классы.xlsx"},
        "brief",
        progress=False,
    ).read_text(encoding="utf-8")
    assert "How the panel classified the criteria" in html
    assert "3 experts classified the 29 indicators" in html
    assert "file: классы.xlsx" in html


def _visible_text(html_text: str) -> str:
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts, self.skip = [], 0

        def handle_starttag(self, tag, attrs):
            self.skip += tag in ("style", "script")
            self.parts += [v for k, v in attrs if k == "alt" and v]

        def handle_endtag(self, tag):
            self.skip -= tag in ("style", "script")

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(html_text)
    return " ".join(parser.parts)


def test_the_russian_briefing_has_no_english_words(tmp_path):
    """Latin words allowed: ids, parameter and file names, library names, symbols."""
    from ecei_analysis import load_study
    from ecei_analysis.core.versions import library_versions

    html = run_report(
        "briefing", {"draws": 2000, "language": "ru"}, tmp_path / "ru", progress=False
    )
    text = _visible_text(html.read_text(encoding="utf-8"))
    study = load_study()
    allowed = {
        *(w for cid in study.clusters.index for w in re.findall(r"[A-Za-z_]+", cid)),
        *notebook_parameters("briefing"),
        *library_versions(),
        "indicators",
        "clusters",
        "assessments",
        "published",
        "published_results",
        "csv",
        "sha",
        "ECEI",
        "XXI",
        "HiGHS",
        "w_",
        "dense",
        "min",
        "pearson",
        "ru",
        "figures",
        "explorer",  # the offline page's file name: explorer.html
        "html",
        "Python",
    }
    words = set(re.findall(r"[A-Za-z][A-Za-z_\-']+", text))
    words = {w for w in words if not re.fullmatch(r"[0-9a-f]+", w)}  # hashes
    assert words - allowed == set(), sorted(words - allowed)
    assert "Справка: как классы значимости меняют порядок кластеров" in text
    assert "СИНТЕТИЧЕСКИЕ ДЕМОНСТРАЦИОННЫЕ ДАННЫЕ" in text
    assert '<html lang="ru"' in html.read_text(encoding="utf-8")


def test_the_russian_and_english_findings_carry_the_same_numbers():
    import numbers

    from ecei_analysis import briefing_findings, load_study, use_language

    def numbers_in(value, path=""):
        if isinstance(value, dict):
            for k, v in sorted(value.items(), key=lambda kv: str(kv[0])):
                yield from numbers_in(v, f"{path}/{k}")
        elif isinstance(value, (list, tuple)):
            for i, v in enumerate(value):
                yield from numbers_in(v, f"{path}/{i}")
        elif isinstance(value, numbers.Number) and not isinstance(value, bool):
            yield path, float(value)

    study = load_study()
    english = briefing_findings(study, "3:2:1", draws=3000, seed=1)
    with use_language("ru"):
        russian = briefing_findings(study, "3:2:1", draws=3000, seed=1)
    assert [f.key for f in english] == [f.key for f in russian]
    for en, ru in zip(english, russian, strict=True):
        assert list(numbers_in(en.values)) == list(numbers_in(ru.values)), en.key
        assert en.sentences != ru.sentences


def test_the_russian_pdf_renders_cyrillic(tmp_path):
    chromium = _chromium()
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils not installed")
    assert chromium
    html = run_report(
        "briefing",
        {"draws": 2000, "language": "ru"},
        tmp_path / "ru",
        pdf=True,
        progress=False,
    )
    text = subprocess.run(
        ["pdftotext", str(html.with_suffix(".pdf")), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Справка" in text and "Главные выводы" in text
    assert "Томск" in text and "\ufffd" not in text


def test_the_briefing_of_a_large_study_stays_short_and_legible(tmp_path):
    """300 clusters: every section runs; long tables show their first rows."""
    import numpy as np
    import pandas as pd

    from ecei_analysis.core.resources import bundled_data_dir

    data = tmp_path / "big"
    data.mkdir()
    shutil.copy(bundled_data_dir() / "indicators.csv", data / "indicators.csv")
    ids = [f"c{i:03d}" for i in range(300)]
    pd.DataFrame({"cluster_id": ids, "name": ids}).to_csv(
        data / "clusters.csv", index=False
    )
    codes = pd.read_csv(data / "indicators.csv")["code"]
    rng = np.random.default_rng(300)
    rows = [(c, code, int(rng.integers(5, 41))) for c in ids for code in codes]
    pd.DataFrame(rows, columns=["cluster_id", "indicator_code", "points"]).to_csv(
        data / "assessments.csv", index=False
    )
    pd.DataFrame(columns=["cluster_id", "points", "place"]).to_csv(
        data / "published_results.csv", index=False
    )
    html = run_report(
        "briefing",
        {"data_dir": str(data), "draws": 5000},
        tmp_path / "out",
        progress=False,
    ).read_text(encoding="utf-8")
    assert "The first 40 of 300 rows are shown" in html
    assert "The first 30 of 300 clusters are shown" in html  # the figures
    assert html.count("<tr>") < 300  # no table lists every cluster


@pytest.mark.parametrize(
    ("notebook", "params", "what"),
    [
        ("06_classification_panel", {"draws": 10**9}, "06_classification_panel"),
        ("03_uncertainty", {"sobol_n": 2**30, "draws": 1000}, "03_uncertainty"),
    ],
)
def test_huge_work_is_refused_before_the_notebook_runs(
    notebook, params, what, tmp_path
):
    with pytest.raises(EceiDataError, match=f"the {what} report .* would take about"):
        run_report(notebook, params, tmp_path / "x", progress=False)
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize(
    ("language", "form", "consistent", "review"),
    [
        (
            "en",
            "pairwise",
            "judgements consistent (consistency ratio 0.03)",
            "please review",
        ),
        (
            "ru",
            "попарно",
            "суждения согласованы (отношение согласованности 0,03)",
            "пересмотрите их",
        ),
    ],
)
def test_pairwise_votes_run_from_the_sheet_to_the_reports(
    tmp_path, monkeypatch, language, form, consistent, review
):
    """A filled pairwise sheet validates and runs through 05 and the briefing."""
    from openpyxl import load_workbook

    from ecei_analysis.cli import main

    monkeypatch.chdir(tmp_path)
    args = ["template", "--panel", "--out", "votes.xlsx", "--lang", language]
    assert main(args) == 0
    wb = load_workbook("votes.xlsx")
    ws = wb.worksheets[1]
    votes = [
        ["Anna", form, None, None, None, "3", "5", "3"],
        ["Boris", form, None, None, None, "9", "1/9", "9"],
    ]
    for r, row in enumerate(votes, start=2):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c).value = value
    wb.save("votes.xlsx")
    assert main(["validate", "votes.xlsx"]) == 0
    for notebook in ("05_panel", "briefing"):
        html = run_report(
            notebook,
            {"draws": 2000, "panel": "votes.xlsx", "language": language},
            f"out_{notebook}",
            progress=False,
        ).read_text(encoding="utf-8")
        assert consistent in html and review in html, notebook


_IRI_PROBE = """
import sys
from ecei_analysis.reports.runner import skip_iri_grammar
{before}
skip_iri_grammar()
import nbformat
from jsonschema import FormatChecker
notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
nbformat.validate(notebook)
grammar = sys.modules.get("rfc3987_syntax", "absent")
print(grammar is None, "iri" in FormatChecker().checkers)
"""


@pytest.mark.parametrize(
    ("before", "expected"),
    [("", "True False"), ("import jsonschema", "False True")],
)
def test_the_iri_grammar_is_skipped_only_in_a_process_without_jsonschema(
    before, expected
):
    pytest.importorskip("rfc3987_syntax")  # JupyterLab installs it
    probe = _IRI_PROBE.format(before=before)
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    # skipped: notebooks still validate, IRI strings go unchecked; else untouched
    assert done.stdout.split() == expected.split()
