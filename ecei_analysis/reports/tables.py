"""The tables of the briefing and the notebooks, for people.

Names instead of ids, places, scales explained.

Each function takes numbers from the analysis and returns a frame with
translated column headers, names instead of ids and values ready for
:func:`~ecei_analysis.reports.tables.table_html` (which rounds, shows "—" for
not applicable and yes/no for booleans).
"""

from __future__ import annotations

import pandas as pd

from ..core.i18n import in_language, pgettext
from ..core.vocabulary import class_label, provenance_label
from ..data.study import Study
from ..scoring.ranking_table import ranking_table
from ..scoring.weights import WeightsLike, takes_weights
from .parameters import SWEEP_STEPS_UP_TO

__all__ = [
    "caveats",
    "class_points_table",
    "classification_table",
    "clusters_table",
    "comparison_table",
    "data_files_table",
    "intervals_table",
    "method_text",
    "methods_notes",
    "named_places_table",
    "noise_text",
    "panel_measure_values",
    "panel_places_table",
    "places_table",
    "smaa_table",
    "stability_table",
    "swaps_table",
    "sweep_places",
    "votes_table",
    "what_if_table",
]

#: Most votes shown one column each in the panel's places table.
VOTE_COLUMNS_UP_TO = 12


@in_language
@takes_weights
def places_table(
    study: Study, weights: WeightsLike, ties: str, *, language: str | None = None
) -> pd.DataFrame:
    """Places under ``weights`` beside equal weights and the published record.

    Columns: place, cluster (short name), score (raw weighted sum), score on the
    equal-weights scale, place under equal weights, change (clusters strictly
    ahead under equal weights minus now; positive = moved up), published place.
    """
    table = ranking_table(study, weights, ties=ties)
    labels = study.labels()
    frame = pd.DataFrame(
        {
            pgettext("column", "place"): table["rank"].to_numpy(),
            pgettext("column", "cluster"): [labels[c] for c in table.index],
            pgettext("column", "score (weighted sum)"): table["score"].to_numpy(),
            pgettext("column", "score (0–max scale)"): table[
                "score_normalised"
            ].to_numpy(),
            pgettext("column", "place, equal weights"): table[
                "baseline_rank"
            ].to_numpy(),
            pgettext("column", "change"): table["rank_change"].to_numpy(),
            pgettext("column", "published place"): table["published_place"].to_numpy(),
        }
    )
    return frame


@in_language
def what_if_table(finding, *, language: str | None = None) -> pd.DataFrame:
    """Tabulate the what-if finding: each leader's way up, as the text says it.

    Built from the finding's values, so the table and the sentences state the
    same weights and points.
    """
    from .phrases import points_text, ratio_text

    rows = []
    for r in finding.values["rows"]:
        ind = r["indicator"]
        one = (
            f"+{points_text(ind['delta'])} {ind['code']} "
            f"({points_text(ind['points'])} → "
            f"{points_text(ind['points'] + ind['delta'])} / "
            f"{points_text(ind['max_points'])})"
            if ind["state"] == "found"
            else "—"
        )
        rows.append(
            {
                pgettext("column", "cluster"): r["name"],
                pgettext("column", "draws level with"): ", ".join(r["rivals"]),
                pgettext("column", "weights then"): ratio_text(r["weights"])
                if r["feasible"]
                else "—",
                pgettext("column", "or one indicator"): one,
            }
        )
    return pd.DataFrame(rows)


@in_language
def classification_table(study: Study, *, language: str | None = None) -> pd.DataFrame:
    """Tabulate the classification in use, with each rationale (not cut)."""
    ind = study.indicators
    frame = pd.DataFrame(
        {
            pgettext("column", "code"): ind.index,
            pgettext("column", "indicator"): study.indicator_text("name").to_numpy(),
            pgettext("column", "class"): [
                class_label(c) for c in ind["significance_class"]
            ],
        }
    )
    if "significance_rationale" in ind.columns:
        frame[pgettext("column", "rationale")] = study.indicator_text(
            "significance_rationale"
        ).to_numpy()
    return frame


@in_language
def clusters_table(study: Study, *, language: str | None = None) -> pd.DataFrame:
    """Cluster ids, short names and full names (the appendix)."""
    labels = study.labels()
    return pd.DataFrame(
        {
            pgettext("column", "id"): study.clusters.index,
            pgettext("column", "cluster"): [labels[c] for c in study.clusters.index],
            pgettext("column", "full name"): study.localised(
                study.clusters, "name"
            ).to_numpy(),
        }
    )


@in_language
@takes_weights
def caveats(
    study: Study, weights: WeightsLike, ties: str, *, language: str | None = None
) -> list[str]:
    """Return the caveats of a briefing, true for its data and parameters."""
    from ..core.i18n import _, ngettext
    from ..core.vocabulary import class_label as label
    from .phrases import names_list

    out = []
    ind = study.indicators
    if ind.get("significance_provenance", pd.Series(dtype=str)).eq("assumed").any():
        out.append(
            _(
                "The significance classification is a documented proposal (Silver-"
                "audit indicators praised in the 2015 Kaluga case are very "
                "important, other Silver-audit ones important, Gold-only ones not so "
                "important); AIRR has not published one."
            )
        )
    if ind.get("max_points_provenance", pd.Series(dtype=str)).eq("assumed").any():
        out.append(
            _(
                "AIRR's point scale is not public; the bundled framework assumes {m} "
                "points per indicator ({k} indicators)."
            ).format(m=int(ind["max_points"].max()), k=len(ind))
        )
    zero = list(weights.zero_classes)
    if zero:
        out.append(
            ngettext(
                "The proposed weights give {classes} no weight: those indicators do "
                "not count, and the weights drawn around the proposal keep it at 0.",
                "The proposed weights give {classes} no weight: those indicators do "
                "not count, and the weights drawn around the proposal keep them at 0.",
                len(zero),
            ).format(classes=names_list([label(c) for c in zero]))
        )
    if study.absent_classes:
        out.append(
            _(
                "No indicator of this study is in {classes}; the analysis uses the "
                "classes present."
            ).format(classes=names_list([label(c) for c in study.absent_classes]))
        )
    out.append(
        _(
            "Two kinds of shares appear. Over every weighting that keeps very "
            "important ≥ important ≥ not so important, all equally likely: how the "
            "ranking could turn out for any ordered weighting the meeting might "
            "agree on. Around the proposal: how far the places move if the proposed "
            "weights are only roughly right."
        )
    )
    return out


@in_language
def data_files_table(study: Study, *, language: str | None = None) -> pd.DataFrame:
    """Rows and provenance flag of each data file."""
    return pd.DataFrame(
        {
            pgettext("column", "file"): [
                "indicators",
                "clusters",
                "assessments",
                "published_results",
            ],
            pgettext("column", "rows"): [
                len(study.indicators),
                len(study.clusters),
                study.points.size,
                len(study.published),
            ],
            pgettext("column", "provenance"): [
                provenance_label(study.provenance.get(k, "—"))
                for k in ("indicators", "clusters", "assessments", "published")
            ],
        }
    )


@in_language
def class_points_table(study: Study, *, language: str | None = None) -> pd.DataFrame:
    """Points per class and total, clusters by total (names, not ids)."""
    from ..scoring.points import class_points

    points = class_points(study)
    total = points.sum(axis=1)
    order = total.sort_values(ascending=False, kind="stable").index
    labels = study.labels()
    frame = pd.DataFrame({pgettext("column", "cluster"): [labels[c] for c in order]})
    for cls in points.columns:
        frame[class_label(cls)] = points.loc[order, cls].to_numpy()
    frame[pgettext("column", "total")] = total[order].to_numpy()
    return frame


@in_language
def named_places_table(
    places: pd.DataFrame, labels: dict[str, str], *, language: str | None = None
) -> pd.DataFrame:
    """Places under each weighting, clusters by the last column (the proposal)."""
    from ..figures.captions import scenario_labels

    order = places.iloc[:, -1].sort_values(kind="stable").index
    frame = places.loc[order].copy()
    frame.columns = scenario_labels(places)
    frame.insert(0, pgettext("column", "cluster"), [labels[c] for c in order])
    return frame.reset_index(drop=True)


@in_language
def comparison_table(
    places: pd.DataFrame, *, language: str | None = None
) -> pd.DataFrame:
    """Every weighting against the first (equal weights): τ, ρ, top-4 kept, shifts."""
    from ..figures.captions import scenario_labels
    from ..scoring.comparison import compare_rankings

    base = places.iloc[:, 0]
    top = min(4, len(places))
    frame = compare_rankings(places, base, top_k=top)
    frame.insert(0, pgettext("column", "weighting"), scenario_labels(places))
    frame.columns = [
        pgettext("column", "weighting"),
        pgettext("column", "Kendall τ"),
        pgettext("column", "Spearman ρ"),
        pgettext("column", "top 4 kept"),
        pgettext("column", "largest shift"),
        pgettext("column", "mean shift"),
        pgettext("column", "clusters moved"),
    ]
    return frame.reset_index(drop=True)


@in_language
def sweep_places(
    points: pd.DataFrame,
    weights: WeightsLike,
    cls: str,
    steps: int,
    *,
    language: str | None = None,
) -> pd.DataFrame:
    """Places (1 + clusters ahead) as one class's share goes from 0 to 1."""
    import numpy as np

    from ..core.checks import whole_number
    from ..sensitivity.sweeps import sweep_weight

    steps = whole_number(steps, "sweep_steps", low=2, high=SWEEP_STEPS_UP_TO)
    values = np.linspace(0, 1, steps)
    sweep = sweep_weight(points, weights, cls, values, keep="ratio", ties="min")
    places = sweep.pivot(index="cluster_id", columns="step", values="rank")
    places = places.reindex(points.index)
    places.columns = [f"{v:.0%}" for v in values]
    return places


@in_language
def stability_table(
    points: pd.DataFrame,
    weights: WeightsLike,
    labels: dict[str, str],
    *,
    language: str | None = None,
) -> pd.DataFrame:
    """Stability radius: any change, and a change among the top 4."""
    from ..sensitivity.geometry.stability import stability_radius

    rows = []
    for what, top in (
        (pgettext("row", "any change of the ranking"), None),
        (pgettext("row", "a change among the top 4"), min(4, len(points))),
    ):
        r = stability_radius(points, weights, top=top)
        rows.append(
            {
                pgettext("column", "what changes"): what,
                pgettext("column", "radius"): r.radius,
                pgettext("column", "nearest swap"): " / ".join(
                    labels[c] for c in r.pair
                )
                if r.pair
                else None,
            }
        )
    return pd.DataFrame(rows)


@in_language
@takes_weights
def swaps_table(
    points: pd.DataFrame,
    weights: WeightsLike,
    labels: dict[str, str],
    *,
    language: str | None = None,
) -> pd.DataFrame:
    """Each adjacent pair of places with the sentence saying what swaps it."""
    from ..sensitivity.geometry.stability import swap_thresholds
    from .briefing_findings import classify_swap, sentence_swap

    swaps = swap_thresholds(points, weights)
    return pd.DataFrame(
        {
            pgettext("column", "upper"): [labels[c] for c in swaps["upper"]],
            pgettext("column", "lower"): [labels[c] for c in swaps["lower"]],
            pgettext("column", "score gap"): swaps["margin"].to_numpy(),
            pgettext("column", "what would swap them"): [
                sentence_swap(classify_swap(row, weights, labels))
                for _, row in swaps.iterrows()
            ],
        }
    )


@in_language
def method_text(result, *, language: str | None = None) -> str:
    """Return the measure, draws and seed of a Monte Carlo result (captions)."""
    from ..core.i18n import _, format_number
    from ..figures.captions import measure_text, seed_text

    p = result.parameters
    measure = measure_text(p["measure"])
    return _("{measure}; {draws} draws, seed {seed}.").format(
        measure=measure[:1].upper() + measure[1:],
        draws=format_number(p["draws"]),
        seed=seed_text(p["seed"]),
    )


@in_language
def noise_text(result, *, language: str | None = None) -> str:
    """Say how a result's assessed points varied (its ``noise`` parameter)."""
    from ..figures.captions import noise_text as words

    return words(result.parameters.get("noise"))


@in_language
def panel_measure_values(result, *, language: str | None = None) -> dict:
    """Return the consensus's ``measure``, ``draws`` and ``seed`` (for captions).

    The seed is the panel analysis's own (the one to pass to reproduce it); the
    consensus ran on a stream spawned from it.
    """
    from ..core.i18n import format_number
    from ..figures.captions import measure_text, seed_text

    p = result.consensus.parameters
    return {
        "measure": measure_text(p["measure"]),
        "draws": format_number(p["draws"]),
        "seed": seed_text(result.parameters["seed"]),
    }


@in_language
def smaa_table(
    result, order, labels: dict[str, str], *, language: str | None = None
) -> pd.DataFrame:
    """SMAA-2 summary per cluster: first-rank share, central weights, confidence."""
    frame = pd.DataFrame({pgettext("column", "cluster"): [labels[c] for c in order]})
    frame[pgettext("column", "first")] = result.first_rank_share()[order].to_numpy()
    for cls in result.central_weights.columns:
        frame[f"w {class_label(cls)}"] = result.central_weights.loc[
            order, cls
        ].to_numpy()
    frame[pgettext("column", "confidence")] = result.confidence[order].to_numpy()
    frame[pgettext("column", "holistic")] = result.holistic()[order].to_numpy()
    return frame


@in_language
def intervals_table(
    intervals, with_noise, labels: dict[str, str], *, language: str | None = None
) -> pd.DataFrame:
    """Rank intervals with weights only and with assessor noise, side by side."""
    a, b = intervals.table, with_noise.table
    order = a.sort_values(["nominal", "median"], kind="stable").index
    noise = pgettext("column", "+ noise")
    return pd.DataFrame(
        {
            pgettext("column", "cluster"): [labels[c] for c in order],
            pgettext("column", "place"): a.loc[order, "nominal"].to_numpy(),
            pgettext("column", "median"): a.loc[order, "median"].to_numpy(),
            pgettext("column", "5–95 %"): [
                f"{lo}–{hi}"
                for lo, hi in zip(
                    a.loc[order, "low"], a.loc[order, "high"], strict=True
                )
            ],
            f"{pgettext('column', 'median')} {noise}": b.loc[
                order, "median"
            ].to_numpy(),
            f"5–95 % {noise}": [
                f"{lo}–{hi}"
                for lo, hi in zip(
                    b.loc[order, "low"], b.loc[order, "high"], strict=True
                )
            ],
        }
    )


@in_language
def votes_table(panel, *, language: str | None = None) -> pd.DataFrame:
    """List the panel's votes as entered, numbered, and the weighting of each.

    Columns: vote number, participant, form, the numbers entered per class, the
    weighting (normalised, as a ratio) and the comment where the file has one.
    """
    from ..core.i18n import format_number
    from ..data.panel_votes import form_label

    weights = panel.weights
    frame = pd.DataFrame(
        {
            pgettext("column", "vote"): range(1, len(weights) + 1),
            pgettext("column", "participant"): panel.participants,
            pgettext("column", "form"): [form_label(f) for f in panel.forms],
        }
    )
    for cls in panel.classes:
        frame[class_label(cls)] = panel.votes[cls].to_numpy()
    frame[pgettext("column", "weighting")] = [
        " : ".join(format_number(100 * x, 1) for x in row) for row in weights.to_numpy()
    ]
    if panel.comments is not None:
        frame[pgettext("column", "comment")] = panel.comments.to_numpy()
    return frame


@in_language
def panel_places_table(
    result,
    labels: dict[str, str],
    *,
    per_vote: bool | None = None,
    language: str | None = None,
) -> pd.DataFrame:
    """Each cluster's places over the votes, and its place in the consensus.

    Rows follow the consensus (most likely place, then best place). Columns:
    cluster, most likely place and its probability under the consensus, best
    and worst place over the votes, and (``per_vote``; default up to
    :data:`VOTE_COLUMNS_UP_TO` votes) the place under each vote, headed by the
    vote number. ``attrs["caption"]`` names the caption that describes exactly
    these columns.
    """
    from ..core.i18n import format_percent

    spread = result.spread
    order = spread.sort_values(
        ["consensus_place", "best", "worst"], kind="stable"
    ).index
    places = result.places
    frame = pd.DataFrame(
        {
            pgettext("column", "cluster"): [labels[c] for c in order],
            pgettext("column", "most likely place"): [
                _places_text(spread.at[c, "consensus_places"]) for c in order
            ],
            pgettext("column", "probability"): [
                format_percent(x, 0) for x in spread.loc[order, "consensus_share"]
            ],
            pgettext("column", "best–worst"): [
                f"{b}–{w}" if b != w else str(b)
                for b, w in zip(
                    spread.loc[order, "best"], spread.loc[order, "worst"], strict=True
                )
            ],
        }
    )
    if per_vote is None:
        per_vote = places.shape[1] <= VOTE_COLUMNS_UP_TO
    if per_vote:
        for k, participant in enumerate(places.columns, start=1):
            frame[str(k)] = places.loc[order, participant].to_numpy()
    # The caption that describes these columns (a section key of reports.sections).
    frame.attrs["caption"] = "panel_places_per_vote" if per_vote else "panel_places"
    return frame


def _places_text(places: list[int]) -> int | str:
    """One place as a number; equally likely places as "1 or 2"."""
    if len(places) == 1:
        return int(places[0])
    from ..core.i18n import _

    return _("{first} or {last}").format(
        first=", ".join(map(str, places[:-1])), last=places[-1]
    )


@in_language
def methods_notes(parameters: dict, *, language: str | None = None) -> list[str]:
    """Return the briefing's "Methods in brief": how each number is computed.

    The notation (w_VI, L1, κ, the simplex) appears here and only here, each
    symbol explained; the body of the briefing speaks in words.

    Parameters
    ----------
    parameters
        The report's parameters (``ties``, ``draws``, ``seed``,
        ``concentration``, ``importance_method``).
    """
    from ..core.i18n import _, format_number
    from ..core.vocabulary import importance_measure

    ties = parameters.get("ties", "min")
    places = (
        _(
            "Places: tied clusters share a place and the next place follows on "
            "(1, 2, 2, 3), as in the published table; a move is a change of that "
            "number."
        )
        if ties == "dense"
        else _(
            "Places: a cluster's place is 1 + the number of clusters with a strictly "
            "higher score (1, 2, 2, 4); a move is a change of that number."
        )
    )
    return [
        places,
        _(
            "Weights: w_VI, w_I and w_NSI are the weights of very important, "
            "important and not so important. Only their ratio matters, so they are "
            "compared as shares, w / (w_VI + w_I + w_NSI). All the shares form a "
            "triangle (the simplex); its ordered region is w_VI ≥ w_I ≥ w_NSI."
        ),
        _(
            "Shares over the ordered region are exact areas: the lines where two "
            "clusters tie cut the triangle into polygons of constant ranking, and "
            "every weighting counts equally."
        ),
        _(
            "Around the proposal the shares are drawn from a Dirichlet law centred on "
            "the proposed shares with concentration κ = {kappa} (a share w varies by "
            "about √(w(1 − w)/(κ + 1))); a class weighted 0 stays at 0; {draws} "
            "draws, seed {seed}; the 9-in-10 range runs from the 5% to the 95% "
            "quantile of the place."
        ).format(
            kappa=format_number(float(parameters.get("concentration", 50.0))),
            draws=format_number(int(parameters.get("draws", 0))),
            seed=parameters.get("seed", ""),
        ),
        _(
            "What would change the ranking: a linear program (HiGHS) finds the "
            "shares nearest the proposal, in the L1 distance (the sum of the "
            "changes of the shares), within the ordered region, at which the "
            "cluster draws level; the one-indicator answer is the fewest whole "
            "points Δ on one indicator of class c with w_c·Δ closing the gap."
        ),
        _(
            "The nearest change of the leaders' order is measured as the straight "
            "(Euclidean) distance, between shares, from the proposal to the nearest "
            "line where two of them tie."
        ),
        _(
            "Relative importance: each class's {measure}, scaled to sum to 100%. "
            "The advised weights minimise the squared difference from the target "
            "shares (a grid, then Nelder–Mead), by default within the ordered "
            "region; they are stated as whole per cent summing to 100, and the "
            "importance beside them is computed at exactly those weights."
        ).format(
            measure=importance_measure(parameters.get("importance_method", "pearson"))
        ),
    ]
