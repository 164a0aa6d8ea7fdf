"""An explorer anyone can open: one offline HTML file, no Python, no server.

The page is a Bokeh standalone document with BokehJS inlined, so nothing is
fetched: three weight sliders with number entry, the order option and the place
basis; the ranking table, the scores as bars and the flow of places from equal
weights; the exact weight-space map (who is first, or one cluster's places),
clicked to set the weights. A ranking of n clusters under three weights is an
n × 3 matrix times a vector, so the page recomputes it in the browser on every
change, with the same tie tolerance as :func:`~ecei_analysis.rank_matrix`
(``explorer_page.js``). The map's regions are computed here, exactly, by the
package's geometry.

Why Bokeh: it ships real widgets (sliders, text entry, drop-downs, a data table)
and a tap event on plots, which a weight map clicked to set weights needs;
its JavaScript runtime inlines into one file of a few megabytes; and the
recomputation is a short, tested callback. Vega-Lite would express the scores
as transforms but not the order projection, the number entry with a decimal
comma or the map click without as much expression code, and its offline
converter is a large native package.

Safety: every text from the data (names, ids) travels as data and is shown as
text (table cells, drop-down options, tooltips); the few HTML blocks (heading,
banner, notes, provenance) are escaped here. A Content-Security-Policy allows
only the page's own inline scripts, by their hashes, and no request at all.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.errors import EceiDataError
from ..core.i18n import _, current_language, in_language, pgettext
from ..core.resources import package_file
from ..core.vocabulary import check_ties, class_label
from ..data.study import Study
from ..scoring.points import class_points
from ..scoring.ranking_table import class_capacity
from ..scoring.weights import WEIGHT_SETS, WeightsLike, as_weights
from ..sensitivity.geometry.first_place import first_place_map
from ..sensitivity.geometry.place_cells import place_cells
from .explorer_widgets import build_layout, hex_colour, place_palette

__all__ = [
    "EXPLORER_CSP",
    "EXPLORER_SIZE_LIMIT",
    "MAP_PLACES_UP_TO",
    "SLIDER_END",
    "explorer_page",
    "page_data",
    "weight_sentences",
    "write_explorer_page",
]

#: Largest weight a slider or number box takes (only the ratios matter).
SLIDER_END = 10.0
#: The page stays under this size (bytes): BokehJS is about 2 MB, the data the rest.
EXPLORER_SIZE_LIMIT = 4_000_000
#: Largest study whose every cluster's place map is shipped in the page.
MAP_PLACES_UP_TO = 40
#: The page's policy; ``{scripts}`` is replaced by the inline scripts' hashes.
#: BokehJS compiles the page's callback with ``new Function`` ('unsafe-eval').
EXPLORER_CSP = (
    "default-src 'none'; script-src {scripts} 'unsafe-eval'; "
    "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
    "connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
)
_HEIGHT = np.sqrt(3.0) / 2.0


def _plane(weights: np.ndarray) -> tuple[list[float], list[float]]:
    """Ternary plot coordinates: very important at the top, important left."""
    shares = weights / weights.sum(axis=1, keepdims=True)
    x = shares[:, 2] + 0.5 * shares[:, 0]
    y = _HEIGHT * shares[:, 0]
    return np.round(x, 6).tolist(), np.round(y, 6).tolist()


def _unique_labels(ids: list[str], labels: Mapping[str, str]) -> list[str]:
    """Display names, with the id added where two clusters share a name."""
    names = [str(labels.get(c, c)) for c in ids]
    counts = pd.Series(names).value_counts()
    return [
        f"{n} ({c})" if counts[n] > 1 else n for n, c in zip(names, ids, strict=True)
    ]


def _first_place_patches(points: pd.DataFrame, names: list[str]) -> dict:
    from ..figures.colours import cluster_colours

    colours = cluster_colours(points.index)
    result = first_place_map(points)
    position = {c: i for i, c in enumerate(points.index)}
    data: dict[str, list] = {"xs": [], "ys": [], "label": [], "colour": []}
    for cluster, polygon in result.polygons.items():
        xs, ys = _plane(np.asarray(polygon))
        data["xs"].append(xs)
        data["ys"].append(ys)
        data["label"].append(names[position[cluster]])
        data["colour"].append(hex_colour(colours[cluster]))
    return data


def _place_patches(points: pd.DataFrame) -> dict[str, dict]:
    """Each cluster's exact place cells, as patches with the place's colour."""
    palette = place_palette(len(points))
    out = {}
    for cluster in points.index:
        data: dict[str, list] = {"xs": [], "ys": [], "label": [], "colour": []}
        for place, polygon in place_cells(points, cluster):
            xs, ys = _plane(polygon)
            data["xs"].append(xs)
            data["ys"].append(ys)
            data["label"].append(
                pgettext("explorer page", "place {place}").format(place=place)
            )
            data["colour"].append(palette[place - 1])
        out[cluster] = data
    return out


def weight_sentences() -> dict[str, str]:
    """Return the templates both explorers say about weights (language in force).

    ``not_a_number`` and ``clipped`` (a number box's refusal or clip: ``text``,
    ``cls``, ``value``, ``end``) and ``projected`` (the ordered weights used:
    ``weights``); this page fills them in its script, the live explorer in Python.
    """
    return {
        "not_a_number": pgettext(
            "explorer page",
            "“{text}” is not a number; the weight of the class “{cls}” stays {value}.",
        ),
        "clipped": pgettext(
            "explorer page",
            "{text} is outside 0 to {end}; the weight of the class “{cls}” is set "
            "to {value}.",
        ),
        "projected": pgettext(
            "explorer page",
            "The weights set break the order very important ≥ important ≥ not so "
            "important; the nearest weights that keep it are used: {weights}.",
        ),
    }


def _texts(classes: list[str]) -> dict[str, object]:
    """Return the sentences the page's script fills in (the language in force)."""
    return {
        "classes": [class_label(c) for c in classes],
        **weight_sentences(),
        "all_zero": pgettext(
            "explorer page",
            "Every weight is zero: at least one must be positive to rank the clusters.",
        ),
        "used": pgettext("explorer page", "Weights used: {weights}."),
        "marker": pgettext("explorer page", "current weights"),
        "first_places": pgettext("explorer page", "who is first"),
        "places_of": pgettext("explorer page", "places of {name}"),
        "place": pgettext("explorer page", "place"),
    }


def _study_data(study: Study, points: pd.DataFrame, names: list[str]) -> dict:
    published = study.published["place"].reindex(points.index)
    return {
        "ids": list(points.index),
        "names": names,
        "points": points.to_numpy(float).tolist(),
        "capacity": class_capacity(study).reindex(points.columns).tolist(),
        "published": [None if pd.isna(p) else int(p) for p in published],
        "end": SLIDER_END,
    }


def _heading_html(study: Study, weights) -> str:
    from .display import banner_html

    title = _("Try other weights")
    intro = _(
        "Move the sliders or type a weight for each class, or click the map: the "
        "ranking, the bars and the flow of places follow at once. Only the ratios "
        "of the weights matter. The page opened with weights {weights}; it needs "
        "no network and no Python."
    ).format(weights=weights.ratio_text())
    return (
        banner_html(study) + f"<h1>{html.escape(title)}</h1><p>{html.escape(intro)}</p>"
    )


def _captions(study: Study) -> dict[str, str]:
    """Captions (HTML, escaped) naming the data under the table and the figures."""
    from .provenance import data_label

    label = data_label(study)
    style = '<p style="font-size:12px;font-style:italic;margin:2px 0">'
    return {
        "table": style
        + html.escape(
            _("Ranking under the current weights. Data: {label}.").format(label=label)
        )
        + "</p>",
        "figures": style
        + html.escape(_("Data: {label}.").format(label=label))
        + "</p>",
    }


def _basis_words(ties: str) -> str:
    if ties == "dense":
        return pgettext(
            "explorer page",
            "numbered as published: tied clusters share a place, "
            "the next place follows on (1, 2, 2, 3)",
        )
    return pgettext("explorer page", "1 + the clusters strictly ahead (1, 2, 2, 4)")


@in_language
def explorer_page(
    study: Study,
    weights: WeightsLike | None = None,
    *,
    ties: str = "min",
    parameters: Mapping[str, object] | None = None,
    language: str | None = None,
) -> str:
    """Return the offline explorer of a three-class study as one HTML page.

    Parameters
    ----------
    study
        The study (its three classes' points are shipped in the page).
    weights
        The weights the page opens with (default equal weights).
    ties
        The place basis the page opens with: ``"min"`` or ``"dense"``.
    parameters
        Recorded in the page's provenance (e.g. the briefing's parameters).
    language
        ``"en"`` or ``"ru"`` (default: the language in force).

    Returns
    -------
    str
        A self-contained page: no request is made when it is opened.
    """
    from bokeh.embed import file_html
    from bokeh.resources import INLINE

    ties = check_ties(ties, ("min", "dense"))
    points = class_points(study)
    if points.shape[1] != 3:
        raise EceiDataError(
            pgettext(
                "error",
                "the explorer page needs exactly three significance classes; this "
                "study has {n}",
            ).format(n=points.shape[1])
        )
    classes = list(points.columns)
    start = WEIGHT_SETS["equal"] if weights is None else as_weights(weights, classes)
    layout = _layout(study, points, start.on(classes), ties, parameters or {})
    page = file_html(layout, INLINE, title=_("Try other weights"))
    return _secured(page, current_language())


def _layout(study, points, weights, ties, parameters):
    from .display import provenance_html

    labels = study.labels()
    names = _unique_labels(list(points.index), labels)
    places = len(points) <= MAP_PLACES_UP_TO
    return build_layout(
        heading=_heading_html(study, weights),
        captions=_captions(study),
        provenance='<div style="font-size:11px;color:#444">'
        + provenance_html(study, {**parameters, "ties": ties})
        + "</div>",
        data=_study_data(study, points, names),
        texts=_texts(list(points.columns)),
        first=_first_place_patches(points, names),
        places=_place_patches(points) if places else {},
        weights=[min(v, SLIDER_END) for v in _opening_values(weights)],
        ties=ties,
        basis={"min": _basis_words("min"), "dense": _basis_words("dense")},
        script=package_file("reports", "explorer_page.js").read_text("utf-8"),
    )


def _opening_values(weights) -> list[float]:
    """Return the sliders' opening values (scaled down when one is above 10)."""
    values = np.asarray(weights.vector, float)
    if values.max() > SLIDER_END:
        values = values * (SLIDER_END / values.max())
    return np.round(values, 2).tolist()


_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)


def _secured(page: str, language: str) -> str:
    """Add the Content-Security-Policy (inline scripts by hash) and the language."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(page):
        if "application/json" in match.group(1):
            continue
        digest = hashlib.sha256(match.group(2).encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    policy = EXPLORER_CSP.format(scripts=" ".join(sorted(set(hashes))))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    page = page.replace("<head>", "<head>\n" + meta, 1)
    return re.sub(r"<html\b[^>]*>", f'<html lang="{language}">', page, count=1)


def write_explorer_page(
    study: Study,
    path: str | Path,
    weights: WeightsLike | None = None,
    *,
    ties: str = "min",
    parameters: Mapping[str, object] | None = None,
    language: str | None = None,
) -> Path:
    """Write :func:`explorer_page` to ``path`` (atomically); return the path."""
    from ..core.files import write_bytes_atomic

    page = explorer_page(
        study, weights, ties=ties, parameters=parameters, language=language
    )
    path = Path(path)
    write_bytes_atomic(path, page.encode("utf-8"))
    return path


def page_data(page: str) -> dict:
    """Return the Bokeh document embedded in a page (for tests and checks)."""
    found = re.search(
        r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S
    )
    if found is None:
        raise EceiDataError("no Bokeh document in the page")
    return json.loads(found.group(1))
