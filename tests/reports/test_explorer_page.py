"""The offline explorer page: the package's numbers, offline, with inert names.

The page in a real Chromium with every request blocked,
against :func:`~ecei_analysis.scoring.ranking_table.ranking_table` for a grid of
weightings set through every control and through clicks on the map.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

from ecei_analysis import EceiDataError, class_points, load_study
from ecei_analysis.explorer import project_ordered
from ecei_analysis.reports.explorer_page import (
    EXPLORER_SIZE_LIMIT,
    explorer_page,
    page_data,
    write_explorer_page,
)
from ecei_analysis.scoring.ranking_table import ranking_table
from ecei_analysis.sensitivity.geometry.place_cells import place_cells
from ecei_analysis.sensitivity.geometry.plane import polygon_area

CLASSES = ["very_important", "important", "not_so_important"]


# --- The page, as a file ------------------------------------------------------------


@pytest.fixture(scope="module")
def study():
    return load_study()


@pytest.fixture(scope="module")
def english_page(study):
    return explorer_page(study, "3:2:1", ties="min", language="en")


def test_the_page_is_one_file_that_asks_for_nothing(english_page):
    page = english_page
    assert len(page.encode()) < EXPLORER_SIZE_LIMIT
    # The markup outside the scripts loads nothing: no src, no href, no link.
    markup = re.sub(r"(<script[^>]*>).*?</script>", r"\1</script>", page, flags=re.S)
    assert not re.search(r"<[a-z]+\b[^>]*\b(src|href)=", markup)
    assert "<link" not in markup
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert policy is not None
    assert "connect-src 'none'" in policy.group(1)
    assert "default-src 'none'" in policy.group(1)
    assert "'unsafe-inline'" not in policy.group(1).split("style-src")[0]
    # Every inline script runs by its hash; the policy names exactly those.
    import base64
    import hashlib

    scripts = re.findall(
        r"<script(?![^>]*application/json)[^>]*>(.*?)</script>", page, re.S
    )
    hashes = {
        "'sha256-"
        + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()
        + "'"
        for s in scripts
    }
    assert hashes and hashes == set(re.findall(r"'sha256-[^']+'", policy.group(1)))
    assert '<html lang="en">' in page


def test_the_page_carries_the_banner_and_the_provenance(english_page):
    assert "SYNTHETIC DEMONSTRATION DATA" in english_page
    assert "sha256" in english_page and "ecei_analysis" in english_page


def test_the_first_place_patches_are_the_exact_map(study, english_page):
    from ecei_analysis.sensitivity.geometry.first_place import first_place_map

    args = _callback_args(english_page)
    first = json.loads(args["first_json"])
    fmap = first_place_map(class_points(study))
    names = study.labels()
    expected = {names[c]: share for c, share in fmap.shares.items() if share > 0}
    triangle = np.sqrt(3) / 4  # the drawn triangle's area (side 1)
    got = {}
    for label, xs, ys in zip(first["label"], first["xs"], first["ys"], strict=True):
        area = polygon_area(np.column_stack([xs, ys]))
        got[label] = got.get(label, 0) + area / triangle
    assert got == pytest.approx(expected, abs=1e-5)


def _callback_args(page: str) -> dict:
    """The arguments of the page's one callback, from the embedded document."""
    document = next(iter(page_data(page).values()))
    for reference in _walk(document):
        if isinstance(reference, dict) and reference.get("name") == "CustomJS":
            return {
                key: value
                for key, value in reference["attributes"]["args"]["entries"]
                if isinstance(value, str)
            }
    raise AssertionError("no CustomJS in the page")


def _walk(node):
    yield node
    if isinstance(node, dict):
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def test_two_class_studies_are_refused(tmp_path, small_dir):
    from dataclasses import replace

    study = load_study(small_dir)
    two = replace(
        study,
        indicators=study.indicators.assign(
            significance_class=["very_important", "important", "important", "important"]
        ),
    )
    with pytest.raises(EceiDataError, match="three significance classes"):
        explorer_page(two)


def test_hostile_names_travel_as_data(tmp_path):
    from conftest import write_hostile_study

    evil = write_hostile_study(tmp_path / "evil")
    page = explorer_page(load_study(tmp_path / "evil"))
    for name in evil.values():
        if "<" in name:
            assert name not in page
    assert "<script>alert(3)" not in page and "<img src=x" not in page


def test_written_atomically_and_never_over_a_folder(tmp_path, study):
    path = write_explorer_page(study, tmp_path / "explorer.html")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    (tmp_path / "folder.html").mkdir()
    with pytest.raises(EceiDataError):
        write_explorer_page(study, tmp_path / "folder.html")


# --- The page in a real browser, every request blocked ----------------------------


def _chromium():
    import os
    import shutil

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        chromium = None
    if chromium is None:
        if os.environ.get("ECEI_REQUIRE_CHROMIUM"):
            pytest.fail(
                "ECEI_REQUIRE_CHROMIUM is set but chromium/playwright is missing"
            )
        pytest.skip("not installed: chromium or playwright")
    return chromium


class Session:
    """One page opened offline, with what it asked for and what it complained of."""

    def __init__(self, browser, path):
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        context = browser.new_context(viewport={"width": 1280, "height": 1100})
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri())
        self.page.wait_for_function(
            "() => window.Bokeh && Bokeh.documents.length && "
            "Bokeh.documents[0].get_model_by_name('table-source').data.id.length > 0"
        )

    def _route(self, route):
        url = route.request.url
        if url.startswith("file:"):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def _console(self, message):
        if message.type in ("error", "warning"):
            self.errors.append(f"{message.type}: {message.text}")

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def model(self, name):
        return f"Bokeh.documents[0].get_model_by_name({json.dumps(name)})"

    def state(self) -> dict:
        """The weights, options and the table as the page holds them."""
        return self.page.evaluate(
            f"""() => ({{
              sliders: [0, 1, 2].map(k =>
                Bokeh.documents[0].get_model_by_name('weight-slider-' + k).value),
              entries: [0, 1, 2].map(k =>
                Bokeh.documents[0].get_model_by_name('weight-entry-' + k).value),
              ordered: {self.model("ordered")}.active,
              ties: {self.model("ties")}.value,
              table: {self.model("table-source")}.data,
              note: {self.model("note")}.text,
              used: {self.model("used")}.text,
              map: {self.model("map-source")}.data.label.length,
              rows: (() => {{
                const view = Bokeh.index.find_one({self.model("ranking-table")});
                const rows = [...view.shadow_el.querySelectorAll(".slick-row")];
                rows.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
                return rows.map(r =>
                  [...r.querySelectorAll(".slick-cell")].map(c => c.textContent));
              }})(),
            }})"""
        )

    def settle(self):
        """Wait for two animation frames (the page's work is then drawn)."""
        self.page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => "
            "requestAnimationFrame(() => r(true))))"
        )

    def type_weight(self, k: int, text: str):
        box = self.page.locator("input.bk-input[type=text]").nth(k)
        box.fill(text)
        box.press("Enter")
        self.settle()

    def click_map(self, weights):
        w = np.asarray(weights, float) / sum(weights)
        x, y = w[2] + 0.5 * w[0], np.sqrt(3) / 2 * w[0]
        point = self.page.evaluate(
            f"""() => {{
              const view = Bokeh.index.find_one({self.model("weight-map")});
              const box = view.el.getBoundingClientRect();
              return [box.left + view.frame.x_scale.compute({x}),
                      box.top + view.frame.y_scale.compute({y})];
            }}"""
        )
        self.page.mouse.click(*point)
        self.settle()


def _expected(study, weights, ordered, ties):
    w = np.asarray(weights, float)
    if ordered:
        w = project_ordered(w)
    table = ranking_table(study, dict(zip(CLASSES, w, strict=True)), ties=ties)
    return {
        "id": list(table.index),
        "place": table["rank"].tolist(),
        "baseline": table["baseline_rank"].tolist(),
        "change": table["rank_change"].tolist(),
        "score": table["score_normalised"].tolist(),
        "published": [None if pd.isna(p) else int(p) for p in table["published_place"]],
    }


def _shown(state):
    table = state["table"]
    return {
        "id": table["id"],
        "place": table["place"],
        "baseline": table["baseline"],
        "change": table["change"],
        "score": table["score"],
        "published": [None if p is None or p != p else p for p in table["published"]],
    }


def _displayed(expected, labels):
    """The rows the table must show: place, name, equal weights, change, published."""
    return [
        [
            str(place),
            labels[c],
            str(base),
            f"{change:+d}" if change else "0",
            "—" if published is None else str(published),
        ]
        for c, place, base, change, published in zip(
            expected["id"],
            expected["place"],
            expected["baseline"],
            expected["change"],
            expected["published"],
            strict=True,
        )
    ]


def _check(session, study, language="en"):
    state = session.state()
    expected = _expected(study, state["sliders"], state["ordered"], state["ties"])
    rows = [[r[0], r[1], r[3], r[4], r[5]] for r in state["rows"]]
    labels = study.labels(language=language)
    assert rows == _displayed(expected, labels), state["sliders"]
    shown = _shown(state)
    assert shown["score"] == pytest.approx(expected.pop("score"), rel=1e-12)
    shown.pop("score")
    assert shown == expected, state["sliders"]
    return state


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    chromium = _chromium()
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield launched
        launched.close()


GRID = ["3:2:1", "1:0:0", "0:0:1", "1:1:1", "0:1:1", "5:2:1", "1:1:0", "0.33:0.33:0.33"]


@pytest.mark.slow
def test_the_page_ranks_as_the_package_does(browser, study, tmp_path):
    path = write_explorer_page(study, tmp_path / "explorer.html", "3:2:1", ties="min")
    session = Session(browser, path)
    state = _check(session, study)
    assert state["entries"] == ["3", "2", "1"]
    for index, ties in enumerate(("min", "dense")):
        session.page.locator("select").nth(0).select_option(index=index)
        session.settle()
        assert session.state()["ties"] == ties
        for weights in GRID:
            for k, value in enumerate(weights.split(":")):
                session.type_weight(k, value)
            state = _check(session, study)
            assert state["sliders"] == [float(v) for v in weights.split(":")]
    assert session.requests == [] and session.errors == [] and session.dialogs == []


@pytest.mark.slow
def test_the_order_option_and_the_map(browser, study, tmp_path):
    path = write_explorer_page(study, tmp_path / "explorer.html", "1:3:2", ties="dense")
    session = Session(browser, path)
    _check(session, study)
    box = session.page.locator("input[type=checkbox]").first
    box.check()
    session.settle()
    state = _check(session, study)
    assert state["ordered"] and state["sliders"] == [1, 3, 2]  # never moved
    assert "nearest weights that keep it" in state["used"]
    box.uncheck()  # unticked: the weights as set
    session.settle()
    state = _check(session, study)
    assert not state["ordered"] and "nearest" not in state["used"]
    for weights in [
        (0.2, 0.5, 0.3),
        (0.8, 0.1, 0.1),
        (0.05, 0.05, 0.9),
        (0.4, 0.4, 0.2),
    ]:
        session.click_map(weights)
        state = _check(session, study)
        shares = np.asarray(state["sliders"]) / sum(state["sliders"])
        np.testing.assert_allclose(shares, weights, atol=0.02)
    # A cluster's places: its exact cells replace who is first.
    position = list(class_points(study).index).index("zelenograd")
    session.page.locator("select").nth(1).select_option(index=position + 1)
    session.settle()
    cells = place_cells(class_points(study), "zelenograd")
    assert session.state()["map"] == len(cells)
    assert session.requests == [] and session.errors == [] and session.dialogs == []


@pytest.mark.slow
def test_russian_entries_take_a_decimal_comma_and_say_what_they_refuse(
    browser, study, tmp_path
):
    path = write_explorer_page(
        study, tmp_path / "explorer.html", "3:2:1", language="ru"
    )
    session = Session(browser, path)
    assert '<html lang="ru">' in path.read_text(encoding="utf-8")
    session.type_weight(0, "3,5")
    state = _check(session, study, "ru")
    assert state["sliders"][0] == 3.5 and state["entries"][0] == "3,5"
    session.type_weight(1, "abc")
    state = session.state()
    assert state["sliders"][1] == 2 and "abc" in state["note"]
    session.type_weight(2, "25")
    state = _check(session, study, "ru")
    assert state["sliders"][2] == 10 and "25" in state["note"]
    for k in range(3):
        session.type_weight(k, "0")
    state = session.state()
    assert state["table"]["id"] == [] and state["note"]
    assert session.page.get_by_text("Попробовать другие веса").count() >= 1
    assert session.requests == [] and session.errors == [] and session.dialogs == []


@pytest.mark.slow
def test_hostile_names_render_as_text(browser, tmp_path):
    from conftest import write_hostile_study

    evil = write_hostile_study(tmp_path / "evil")
    study = load_study(tmp_path / "evil")
    path = write_explorer_page(study, tmp_path / "explorer.html")
    session = Session(browser, path)
    _check(session, study)
    for name in evil.values():
        assert session.page.get_by_text(name, exact=True).count() >= 1, name
    assert session.page.locator("img").count() == 0
    assert session.dialogs == [] and session.requests == [] and session.errors == []
