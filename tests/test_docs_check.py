"""The offline check of the documentation site (docs/check_offline.py)."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def load_checker():
    if not (ROOT / "docs" / "check_offline.py").exists():
        pytest.skip("docs/ is not part of this installation")
    spec = importlib.util.spec_from_file_location(
        "check_offline", ROOT / "docs" / "check_offline.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fetched_resources_are_flagged_followed_links_are_not(tmp_path):
    checker = load_checker()
    (tmp_path / "page.html").write_text(
        '<a href="https://example.org/read">a link</a>'
        '<script defer src="../_static/mathjax/tex-chtml.js"></script>'
        '<script src="https://cdn.jsdelivr.net/npm/mathjax@4/tex-mml-chtml.js"></script>'
        '<link rel="stylesheet" href="//fonts.example.com/a.css">'
        '<img alt="x" src="_images/local.png">',
        encoding="utf-8",
    )
    (tmp_path / "style.css").write_text(
        "@font-face { src: url('https://fonts.example.com/f.woff2'); }"
        " .x { background: url(local.png); }",
        encoding="utf-8",
    )
    assert checker.remote_resources(tmp_path) == [
        "page.html: https://cdn.jsdelivr.net/npm/mathjax@4/tex-mml-chtml.js",
        "page.html: //fonts.example.com/a.css",
        "style.css: https://fonts.example.com/f.woff2",
    ]
    assert checker.main(["check", str(tmp_path)]) == 1
    for name in ("page.html", "style.css"):
        (tmp_path / name).unlink()
    (tmp_path / "ok.html").write_text('<a href="https://example.org">x</a>')
    assert checker.main(["check", str(tmp_path)]) == 0


def test_every_file_in_docs_figures_is_shown_somewhere():
    """docs/figures holds only pictures the README or a docs page shows."""
    folder = ROOT / "docs" / "figures"
    if not folder.is_dir():
        pytest.skip("docs/ is not part of this installation")
    pages = [ROOT / "README.md", *(ROOT / "docs").rglob("*.md")]
    pages += [*(ROOT / "docs").rglob("*.rst")]
    text = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    unshown = [p.name for p in folder.iterdir() if f"figures/{p.name}" not in text]
    assert unshown == []
