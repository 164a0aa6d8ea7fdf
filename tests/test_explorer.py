"""The live explorer: update function, projection, widgets wiring, static fallback."""

import io
from pathlib import Path

import numpy as np
import pytest
from helpers import W, start_server, stop_server
from PIL import Image

import ecei_analysis
from ecei_analysis import (
    class_points,
    explore,
    explorer_state,
    rank_clusters,
    score_clusters,
)
from ecei_analysis.explorer import Explorer, project_ordered

#: The Voilà template make explore serves with (no remote stylesheets).
VOILA_TEMPLATES = Path(ecei_analysis.__file__).parent / "reports" / "voila_templates"


@pytest.fixture(scope="module")
def explorer(study):
    return Explorer(study)


def test_state_table_matches_direct_ranking(study):
    state = explorer_state(study, W)
    points = class_points(study)
    ranks = rank_clusters(score_clusters(points, W), ties="min")
    assert state.table["rank"].to_dict() == ranks.to_dict()
    # The change is the difference of the two place columns, on either basis.
    for ties in ("min", "dense"):
        table = explorer_state(study, W, ties=ties).table
        change = table["baseline_rank"] - table["rank"]
        assert (table["change"] == change).all(), ties
    dense = explorer_state(study, W, ties="dense").table
    assert dense.loc["zelenograd", ["baseline_rank", "rank", "change"]].tolist() == [
        3,
        4,
        -1,
    ]
    assert state.table.loc["kaluga", "change"] == 1
    np.testing.assert_allclose(state.shares, [0.5, 1 / 3, 1 / 6])
    assert list(state.flow.columns) == ["equal weights", "current"]


def test_ordered_toggle_projects_the_sliders(study):
    state = explorer_state(
        study,
        {"very_important": 1, "important": 3, "not_so_important": 2},
        ordered=True,
    )
    assert state.projected
    assert state.weights == {
        "very_important": 2.0,
        "important": 2.0,
        "not_so_important": 2.0,
    }
    free = explorer_state(
        study, {"very_important": 1, "important": 3, "not_so_important": 2}
    )
    assert not free.projected and free.weights["important"] == 3


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([3, 2, 1], [3, 2, 1]),
        ([1, 2, 3], [2, 2, 2]),
        ([1, 3, 2], [2, 2, 2]),
        ([3, 1, 2], [3, 1.5, 1.5]),
    ],
)
def test_project_ordered_is_isotonic_least_squares(values, expected):
    np.testing.assert_allclose(project_ordered(np.array(values, float)), expected)


def test_update_images_show_the_marker_where_the_weights_are(explorer):
    state, html, map_png, flow_png = explorer.update(W)
    image = np.asarray(Image.open(io.BytesIO(map_png)).convert("RGB"))
    x, y = explorer._to_pixel(state.shares)
    assert tuple(image[y, x]) == (255, 215, 0)
    other = explorer.update(
        {"very_important": 0.1, "important": 5, "not_so_important": 0.1}
    )
    image2 = np.asarray(Image.open(io.BytesIO(other[2])).convert("RGB"))
    x2, y2 = explorer._to_pixel(other[0].shares)
    assert (x2, y2) != (x, y) and tuple(image2[y2, x2]) == (255, 215, 0)
    assert tuple(image2[y, x]) != (255, 215, 0)
    assert Image.open(io.BytesIO(flow_png)).size[0] > 200
    assert "Kaluga" in html and 'class="ecei-table"' in html
    assert "SYNTHETIC DEMONSTRATION" not in html  # the banner is shown once, above
    map_html, flow_html = explorer.pictures_html(state, map_png, flow_png)
    assert (
        'alt="Weight map:' in map_html and "Gold dot: the current weights" in map_html
    )
    assert 'alt="Rank flow:' in flow_html and "width:100%" in flow_html
    # Short alternative texts: one sentence, the current leader and weights named.
    import re

    alts = [re.search(r'alt="([^"]*)"', h).group(1) for h in (map_html, flow_html)]
    assert all(len(a) < 160 for a in alts), alts
    assert "3:2:1" in alts[0] and "first now: Kaluga" in alts[1]


def test_live_widgets_update_on_slider_move(study):
    live = explore(study, W, static=False)
    table = live.widgets["table"]

    def rows():
        return table.value.split("<table")[1]

    before = rows()
    assert before.index("Kaluga") < before.index("Tomsk")  # Kaluga first at 3:2:1
    live.widgets["very_important"].value = 0.5  # favour important / not so important
    after = rows()
    assert after != before and after.index("Tomsk") < after.index("Kaluga")
    # The ordinal box: the nearest ordered weights are used and said; the
    # sliders keep what was set, however often the box is ticked.
    live.widgets["important"].value = 4.0  # 0.5 : 4 : 1 breaks the order
    for _ in range(3):
        live.widgets["ordered"].value = True
        assert "the nearest weights that keep it are used" in live.widgets["used"].value
        assert [live.widgets[c].value for c in W] == [0.5, 4.0, 1.0]
        used = project_ordered(np.array([0.5, 4.0, 1.0]))
        assert list(live.state.weights.values()) == pytest.approx(used)
        live.widgets["ordered"].value = False
        assert live.widgets["used"].value == ""
        assert list(live.state.weights.values()) == [0.5, 4.0, 1.0]
    # The change column says what it counts.
    assert "minus the place now" in table.value
    # The number boxes: a decimal comma is read; a refusal or a clip is said.
    box = live.widgets["important_box"]
    box.value = "3,5"
    assert live.widgets["important"].value == 3.5 and box.value == "3.5"
    assert live.widgets["messages"].value == ""
    box.value = "abc"
    assert live.widgets["important"].value == 3.5 and box.value == "3.5"
    assert "“abc” is not a number" in live.widgets["messages"].value
    box.value = "25"
    assert live.widgets["important"].value == 10 and box.value == "10"
    assert "25 is outside 0 to 10" in live.widgets["messages"].value
    live.widgets["important"].value = 4.25  # a slider move shows in its box
    assert box.value == "4.25"
    assert live.widgets["status"].value == ""  # no busy sign once done
    # All weights zero: no stale pictures or table, a note instead.
    for c in W:
        live.widgets[c].value = 0.0
    assert live.widgets["pictures"].layout.display == "none"
    assert live.widgets["table"].layout.display == "none"
    assert live.widgets["placeholder"].layout.display is None
    live.widgets["important"].value = 1.0
    assert live.widgets["pictures"].layout.display == "flex"
    assert live.widgets["placeholder"].layout.display == "none"
    # Every control explains itself.
    for name in (*W, "ordered", "ties"):
        assert live.widgets[name].tooltip, name


def test_the_live_explorer_speaks_the_language_it_was_opened_in(study):
    live = explore(study, W, static=False, language="ru")
    live.widgets["very_important"].value = 2.5  # the callback runs later, in ru
    assert live.widgets["very_important_box"].value == "2,5"
    assert "Рейтинг при текущих весах" in live.widgets["table"].value
    live.widgets["important_box"].value = "1,25"
    assert live.widgets["important"].value == 1.25


def test_outside_jupyter_the_repr_is_the_ranking(study, capsys):
    explorer = explore(study, "5:2:1")  # weights as text
    assert capsys.readouterr().out == ""  # no "<IPython ... object>" noise
    text = repr(explorer)
    assert text.startswith("SYNTHETIC DEMONSTRATION DATA")
    assert "Ranking under the current weights (5:2:1)." in text
    lines = text.splitlines()
    assert lines[3].split()[1] == explorer.state.table["cluster"].iloc[0]


def test_static_snapshot(study, capsys, monkeypatch):
    from IPython.display import HTML

    import ecei_analysis.explorer as module

    monkeypatch.setattr(module, "_in_kernel", lambda: True)  # as in a notebook

    shown = []
    import IPython.display

    original = IPython.display.display
    IPython.display.display = lambda *objs, **kw: shown.extend(objs)
    try:
        snap = explore(study, W, static=True)
    finally:
        IPython.display.display = original
    assert snap.widgets == {}
    assert len(shown) == 1 and isinstance(shown[0], HTML)
    page = shown[0].data
    # the map in two drawings (wide and narrow, one shown by width) and the flow
    assert page.count("<img ") == 3 and page.count('alt="') == 3
    assert page.count('class="ecei-figure ecei-below-') == 1
    assert page.count("SYNTHETIC DEMONSTRATION") == 1
    assert "Static snapshot" in page


def write_explorer_notebook(path, weights: str) -> None:
    """Write a one-cell notebook that opens the explorer at ``weights`` (code)."""
    import nbformat

    book = nbformat.v4.new_notebook()
    book.cells = [
        nbformat.v4.new_code_cell(
            f"import ecei_analysis as ea\nex = ea.explore(ea.load_study(), {weights})"
        )
    ]
    book.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(book, path)


@pytest.mark.slow
def test_live_widgets_carry_the_snapshot_for_static_renders(tmp_path, monkeypatch):
    """Beside the live widgets, the snapshot: a static render shows it."""
    import nbformat
    import papermill
    from nbconvert import HTMLExporter

    monkeypatch.delenv("ECEI_STATIC", raising=False)  # not through ecei report
    write_explorer_notebook(tmp_path / "in.ipynb", "'5:2:1'")
    papermill.execute_notebook(
        str(tmp_path / "in.ipynb"),
        str(tmp_path / "out.ipynb"),
        kernel_name="python3",
        progress_bar=False,
        cwd=str(tmp_path),
    )
    ran = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    snapshot, output, script = [
        o for o in ran.cells[0].outputs if o.output_type == "display_data"
    ]
    assert "aria-label" in script.data["application/javascript"]  # handle names
    # A front-end with widgets still gets the widgets (their style hides the
    # snapshot output before them) ...
    assert "application/vnd.jupyter.widget-view+json" in output.data
    assert output.data["text/html"] == ""
    assert 'class="ecei-snapshot"' in snapshot.data["text/html"]
    # ... and a static render without widget state (JupyterLab saves none by
    # default; GitHub and nbviewer show none) the snapshot instead of a gap.
    ran.metadata.pop("widgets", None)
    page, _ = HTMLExporter().from_notebook_node(ran)
    assert '<script type="application/vnd.jupyter.widget-view+json">' not in page
    assert page.count('alt="Weight map:') == 2 and page.count('alt="Rank flow:') == 1
    assert "Static snapshot (no live widgets here): weights" in page
    assert page.count("SYNTHETIC DEMONSTRATION") >= 1


# --- In a real browser: Voilà serving the explorer, driven by Playwright ----------


def _browser_tools():
    import os
    import shutil

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    missing = []
    if chromium is None:
        missing.append("chromium")
    try:
        import playwright.sync_api  # noqa: F401
        import voila  # noqa: F401
    except ImportError:
        missing.append("playwright/voila (pip install -e '.[test]')")
    if missing:
        if os.environ.get("ECEI_REQUIRE_CHROMIUM"):
            pytest.fail(f"ECEI_REQUIRE_CHROMIUM is set but {missing} are missing")
        pytest.skip(f"not installed: {', '.join(missing)}")
    return chromium


@pytest.fixture(scope="module")
def served_explorer(tmp_path_factory):
    import os
    import socket
    import sys

    chromium = _browser_tools()
    folder = tmp_path_factory.mktemp("voila")
    write_explorer_notebook(
        folder / "explore.ipynb",
        "{'very_important': 3, 'important': 2, 'not_so_important': 1}",
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "ECEI_STATIC"}
    # as make explore serves it: the template without remote stylesheets
    env["JUPYTER_PATH"] = str(VOILA_TEMPLATES)
    server = start_server(
        [
            sys.executable,
            "-m",
            "voila",
            "explore.ipynb",
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            "--template=ecei",
        ],
        f"http://127.0.0.1:{port}/",
        cwd=folder,
        env=env,
    )
    try:
        yield f"http://127.0.0.1:{port}/", chromium
    finally:
        stop_server(server)


#: Labels for screen readers only (the number boxes' class names), clipped on purpose.
SCREEN_READER_ONLY = ".ecei-weight-box .widget-label"
#: Smallest text drawn in the explorer's pictures: 7 pt at 90 dpi, in CSS px.
SMALLEST_TEXT_PX = 7 * 90 / 72


def _assert_pictures_legible(page) -> None:
    """Every picture shown keeps its smallest text at 8 CSS px or more."""
    scales = page.evaluate(
        "[...document.querySelectorAll('.ecei-explorer img')]"
        ".filter(i => i.offsetParent !== null)"
        ".map(i => [i.alt.slice(0, 12), i.getBoundingClientRect().width / i.naturalWidth])"
    )
    assert len(scales) == 2, scales
    for alt, scale in scales:
        assert scale * SMALLEST_TEXT_PX >= 8, (alt, scale)


def _set_slider(page, index: int, value: float) -> None:
    """Type a weight into the number box beside a slider (read on Enter)."""
    box = page.locator(".ecei-live .widget-text input").nth(index)
    box.fill(f"{value}")
    box.press("Enter")


def _drag_important(page, *, hold: bool) -> str:
    """Drag the "important" handle to 90 % of its track; return its box's value.

    ``hold``: keep the mouse down until the kernel has answered the drag (the
    note naming the weights used is shown), else release at once. Either way the
    value is read once the kernel has answered every message of the drag.
    """
    handle = page.locator(".ecei-live .noUi-handle").nth(1).bounding_box()
    track = page.locator(".ecei-live .slider-container").nth(1).bounding_box()
    y = handle["y"] + handle["height"] / 2
    page.mouse.move(handle["x"] + handle["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(track["x"] + 0.9 * track["width"], y, steps=8)
    box = page.locator(".ecei-live .widget-text input").nth(1)
    if hold:
        page.wait_for_function(
            "() => [...document.querySelectorAll('.ecei-live .widget-text input')]"
            "[1].value > 5 && document.body.innerText.includes('nearest weights')",
            timeout=30_000,
        )
    page.mouse.up()
    _round_trip(page)  # every message of the drag has been answered
    return box.input_value()


def _round_trip(page) -> None:
    """Wait until the kernel has answered everything sent so far.

    The kernel handles messages in order: switching the place basis and seeing
    the table's caption change means every earlier slider message is answered.
    """
    select = page.locator(".ecei-live select").first
    for index, words in ((1, "as in the published table"), (0, "1 + the")):
        select.select_option(index=index)  # dense, then min again
        page.wait_for_function(
            "words => [...document.querySelectorAll('.ecei-live i')]"
            ".some(e => e.textContent.includes('Places: ' ) && "
            "e.textContent.includes(words))",
            arg=words,
            timeout=30_000,
        )


@pytest.mark.slow
@pytest.mark.interrupt
def test_the_explorer_in_a_browser_at_800_px(served_explorer, study):
    from playwright.sync_api import sync_playwright

    url, chromium = served_explorer
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 800, "height": 1000})
        remote = []
        page.on(
            "request",
            lambda r: (
                None if r.url.startswith((url, "data:")) else remote.append(r.url)
            ),
        )
        page.goto(url, timeout=120_000)
        page.wait_for_selector(".ecei-live .ecei-table", timeout=120_000)
        page.wait_for_load_state("networkidle")
        assert remote == [], remote  # no CDN: fonts and scripts come from Voilà
        assert page.locator(".ecei-snapshot").first.is_hidden()  # widgets live
        # The widgets render, without a widget error.
        body = page.inner_text("body")
        assert "Error displaying widget" not in body and "Model not found" not in body
        assert page.locator(".ecei-live .widget-slider").count() == 3
        # Nothing overflows 800 px; the slider tracks are usable (>= 300 px).
        widths = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1] <= 800, widths
        inner = page.evaluate(
            "Array.from(document.querySelectorAll('.ecei-explorer *'))"
            f".filter(e => !e.matches('{SCREEN_READER_ONLY}'))"
            ".filter(e => e.scrollWidth > e.clientWidth + 1 && "
            "getComputedStyle(e).overflowX !== 'visible').map(e => e.className)"
        )
        assert inner == [], inner
        # Every control has a name for screen readers: the number boxes and the
        # order box by their labels, the place basis by its own.
        names = page.evaluate(
            "[...document.querySelectorAll('.ecei-live input, .ecei-live select')]"
            ".map(e => [...e.labels].map(l => l.textContent.trim()).join(' '))"
        )
        assert names == [
            "very important",
            "important",
            "not so important",
            "keep VI ≥ I ≥ NSI",
            "ties",
        ], names
        page.wait_for_selector(".ecei-live .noUi-handle[aria-label]")
        handles = page.evaluate(
            "[...document.querySelectorAll('.ecei-live .noUi-handle')]"
            ".map(h => h.getAttribute('aria-label'))"
        )
        assert handles == ["very important", "important", "not so important"]
        track = page.locator(".ecei-live .slider-container").first.bounding_box()
        assert track["width"] >= 300, track
        assert (
            page.locator(".ecei-explorer img[alt^='Weight map:']:visible").count() == 1
        )
        assert (
            page.locator(".ecei-explorer img[alt^='Rank flow:']:visible").count() == 1
        )
        _assert_pictures_legible(page)
        # At 1920 px: the wide map beside the flow chart, no gap opening between.
        page.set_viewport_size({"width": 1920, "height": 1000})
        page.wait_for_function(
            "() => [...document.querySelectorAll('.ecei-live img.ecei-wide')]"
            ".some(i => i.offsetParent !== null)"
        )
        _assert_pictures_legible(page)
        gap = page.evaluate(
            "(() => { const [a, b] = [...document.querySelectorAll('.ecei-live img')]"
            ".filter(i => i.offsetParent !== null).map(i => i.getBoundingClientRect());"
            "return b.left - a.right; })()"
        )
        assert 0 < gap < 60, gap
        page.set_viewport_size({"width": 800, "height": 1000})
        # Moving a weight changes the table as explorer_state predicts.
        _set_slider(page, 0, 0.5)
        expected = (
            explorer_state(
                study, {"very_important": 0.5, "important": 2, "not_so_important": 1}
            )
            .table["cluster"]
            .iloc[0]
        )
        page.wait_for_function(
            "name => document.querySelector('.ecei-live .ecei-table tbody tr td:nth-child(2)')"
            ".textContent === name",
            arg=expected,
            timeout=30_000,
        )
        # The order box never fights a drag: dragging "important" far above "very
        # important" leaves the slider where the hand put it, whether the mouse is
        # held until the kernel has answered or released at once; the weights used
        # are named under the box.
        page.locator(".ecei-live input[type=checkbox]").first.check()
        _set_slider(page, 1, 2)
        first = _drag_important(page, hold=True)
        assert float(first) > 5
        used = page.locator(".ecei-live", has_text="nearest weights that keep it")
        assert used.count() >= 1
        assert page.locator(".ecei-live .widget-text input").nth(0).input_value() == (
            "0.5"
        )
        _set_slider(page, 1, 2)
        assert _drag_important(page, hold=False) == first
        page.locator(".ecei-live input[type=checkbox]").first.uncheck()
        # All weights zero: the pictures and the table give way to a note.
        for index in range(3):
            _set_slider(page, index, 0)
        page.wait_for_selector(
            "text=At least one weight must be positive", state="visible", timeout=30_000
        )
        assert not page.locator(".ecei-live img").first.is_visible()
        assert not page.locator(".ecei-live .ecei-table").is_visible()
        browser.close()


# --- In JupyterLab: the default layout at 800 px, and the notebook reopened -------


@pytest.fixture(scope="module")
def served_lab(tmp_path_factory):
    import os
    import shutil
    import socket
    import sys

    from ecei_analysis.core.resources import bundled_notebooks_dir

    chromium = _browser_tools()
    try:
        import jupyterlab  # noqa: F401
    except ImportError:
        pytest.skip("not installed: jupyterlab (pip install -e '.[test]')")
    folder = tmp_path_factory.mktemp("lab")
    shutil.copy(bundled_notebooks_dir() / "04_explore.ipynb", folder)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "ECEI_STATIC"}
    env["JUPYTER_CONFIG_DIR"] = str(folder / "config")  # no user settings
    server = start_server(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--allow-root",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            "--IdentityProvider.token=",
            "--ServerApp.password=",
            f"--ServerApp.root_dir={folder}",
            "--LabApp.news_url=",
        ],
        f"http://127.0.0.1:{port}/lab",
        cwd=folder,
        env=env,
    )
    try:
        yield f"http://127.0.0.1:{port}/lab/tree/04_explore.ipynb", chromium
    finally:
        stop_server(server)


def _lab_menu(page, menu: str, item: str) -> None:
    page.locator(f".lm-MenuBar-itemLabel:text-is('{menu}')").click()
    page.locator(f".lm-Menu-itemLabel:text-is('{item}')").click()


@pytest.mark.slow
@pytest.mark.interrupt
def test_the_explorer_in_jupyterlab_at_800_px_and_reopened(served_lab):
    from playwright.sync_api import sync_playwright

    url, chromium = served_lab
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        # 800 px wide; tall enough that JupyterLab renders every output at once
        # (it skips the layout of outputs outside the window).
        page = browser.new_page(viewport={"width": 800, "height": 4000})
        page.goto(url, timeout=120_000)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
        # JupyterLab's default layout: the file browser open beside the notebook.
        assert page.locator(".jp-FileBrowser").is_visible()
        # The notebook is the current widget (its commands are enabled only
        # then) and its kernel is ready, as the status bar says.
        page.locator(".jp-Notebook .jp-Cell").first.click()
        page.wait_for_selector("text=Python 3 (ipykernel) | Idle", timeout=120_000)
        _lab_menu(page, "Run", "Run All Cells")
        page.wait_for_selector(".ecei-live .ecei-table", timeout=180_000)
        output = page.evaluate(
            "document.querySelector('.ecei-live').closest('.jp-OutputArea-output')"
            ".getBoundingClientRect().width"
        )
        assert output < 420, output  # the narrow case: about 368 px
        # Nothing is cut off: no clipped element, nothing beyond the output area
        # except inside a scrolling box (the table's).
        beyond = page.evaluate(
            """sel => {
              const root = document.querySelector('.ecei-live');
              const edge = root.closest('.jp-OutputArea-output')
                .getBoundingClientRect().right + 1;
              const scrolls = e => e.closest('[style*="overflow"]') !== null &&
                getComputedStyle(e.closest('[style*="overflow"]')).overflowX !== 'visible';
              return [...root.querySelectorAll('*')]
                .filter(e => !e.matches(sel))
                .filter(e => e.offsetParent !== null && !scrolls(e))
                .filter(e => e.getBoundingClientRect().right > edge ||
                  (getComputedStyle(e).overflowX === 'hidden' &&
                   e.scrollWidth > e.clientWidth + 1))
                .map(e => e.tagName + '.' + e.className).slice(0, 5);
            }""",
            SCREEN_READER_ONLY,
        )
        assert beyond == [], beyond
        _assert_pictures_legible(page)
        page.wait_for_selector(".ecei-live .noUi-handle[aria-label]")
        assert page.locator(".ecei-live .noUi-handle:not([aria-label])").count() == 0
        # One heading and one banner; the snapshot beside the widgets is hidden.
        assert page.locator(".jp-Notebook h1:visible").count() == 1
        assert page.locator(".jp-Notebook .ecei-banner:visible").count() == 1
        assert page.locator(".ecei-snapshot").first.is_hidden()
        # Saved, the kernel shut down and the page reopened: the widgets' models
        # are gone ("model not found"), and the snapshot shows in their place.
        page.locator(".jp-Notebook").first.click()
        page.keyboard.press("Control+s")
        page.wait_for_function(
            "() => !document.querySelector('.jp-mod-dirty')", timeout=60_000
        )
        _lab_menu(page, "Kernel", "Shut Down Kernel")
        page.wait_for_function(
            "async () => (await (await fetch('/api/kernels')).json()).length === 0",
            timeout=60_000,
        )
        page.reload()
        page.wait_for_selector(".ecei-snapshot .ecei-table", timeout=120_000)
        assert page.locator(".ecei-snapshot").first.is_visible()
        assert page.locator(".ecei-snapshot img:visible").count() == 2
        assert page.locator(".jp-Notebook .ecei-banner:visible").count() == 1
        browser.close()


def test_the_flow_chart_is_redrawn_only_when_the_places_change(study):
    explorer = Explorer(study)
    base = {"very_important": 3.0, "important": 2.0, "not_so_important": 1.0}
    nudged = {**base, "important": 2.001}  # the same places
    moved = {**base, "very_important": 0.5}  # other places
    first = explorer.update(base)
    same = explorer.update(nudged)
    other = explorer.update(moved)
    assert same[0].flow.equals(first[0].flow) and same[3] is first[3]
    assert not other[0].flow.equals(first[0].flow) and other[3] != first[3]
    # what was reused is what a fresh drawing gives
    assert Explorer(study).update(nudged)[3] == same[3]
