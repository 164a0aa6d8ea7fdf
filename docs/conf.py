"""Sphinx configuration of the ecei_analysis documentation (built offline)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MPLBACKEND", "Agg")

from ecei_analysis import __version__  # noqa: E402

project = "ecei_analysis"
author = "The ecei_analysis developers"
copyright = "2026, the ecei_analysis developers"
version = release = __version__

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "sphinx-mathjax-offline",  # MathJax served from _static: the site works offline
    "matplotlib.sphinxext.plot_directive",
]
templates_path = ["_templates"]
exclude_patterns = ["_build", "figures", "tutorials/_runs", "generated/*.md"]
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}

# The API: every public name of the facade, numpydoc docstrings.
autosummary_generate = True
autodoc_default_options = {"members": True, "inherited-members": False}
autodoc_typehints = "description"
autodoc_member_order = "bysource"
napoleon_numpy_docstring = True
napoleon_google_docstring = False
napoleon_use_ivar = True  # dataclass "Attributes" as fields, not duplicate entries

# Tutorials: the notebooks as ``make docs`` executed them (no execution here).
nb_execution_mode = "off"
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_heading_anchors = 3

# The gallery: each plot function run at build time.
plot_include_source = True
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 110)]
plot_rcparams = {"figure.max_open_warning": 0}
plot_pre_code = (
    "import matplotlib.pyplot as plt\n"
    "from ecei_analysis.figures.save import apply_style\n"
    "apply_style('publication')  # the package's look, tight bounding box\n"
    "plt.rcParams['figure.figsize'] = (6.6, 4.6)\n"
)

html_theme = "pydata_sphinx_theme"
html_title = f"ecei_analysis {release}"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
}
html_static_path: list[str] = []


def _constant_docs(app, what, name, obj, options, lines):
    """Document the facade's constants with the ``#:`` comment of their module.

    ``ecei_analysis`` loads its names lazily, so autodoc finds no comment for a
    constant there and would show the docstring of its type (``dict``).
    """
    from sphinx.pycode import ModuleAnalyzer

    from ecei_analysis import _EXPORTS

    short = name.rsplit(".", 1)[-1]
    if what not in ("data", "attribute") or short not in _EXPORTS:
        return
    module = f"ecei_analysis.{_EXPORTS[short]}"
    docs = ModuleAnalyzer.for_module(module).find_attr_docs()
    lines[:] = list(docs.get(("", short), [f"See :mod:`{module}`."]))


def setup(app):
    """Register the constant-docstring hook."""
    app.connect("autodoc-process-docstring", _constant_docs)
