"""Nominal weights vs real importance, for the briefing, notebook 02 and the CLI.

:func:`importance_findings` measures each class's real importance under the
proposed weights, finds the weights that deliver the intended importance (by
default the proposed ratio itself: "3:2:1 should decide the ranking 3:2:1"),
and states what those weights change in the ranking.

The advice keeps the meeting's order by default: the weights proposed to reach a
target keep very important ≥ important ≥ not so important. When no ordered
weighting reaches the target, the closest ordered one is given with what it
delivers, and the unordered answer follows only as a marked alternative, with
the reason in one sentence (which classes' points move together). Stated
weights are whole per cent summing to 100, and the importance stated beside
them is computed at exactly those weights.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.i18n import (
    _,
    format_number,
    format_percent,
    in_language,
    ngettext,
    pgettext,
)
from ..core.vocabulary import class_label, importance_measure
from ..scoring.weights import Weights, WeightsLike, takes_weights
from ..sensitivity.importance import (
    ImportanceResult,
    MatchedWeights,
    class_importance,
    weights_for_importance,
)
from .briefing_findings import SMALL_STUDY, standing
from .finding import Finding
from .phrases import move_phrase, names_list, share_text

__all__ = [
    "ImportanceReport",
    "importance_findings",
    "importance_mark",
    "importance_places_table",
    "importance_table",
    "infomax_sentence",
    "whole_percent",
]


@dataclass(frozen=True)
class ImportanceReport:
    """The numbers and findings of :func:`importance_findings`.

    Attributes
    ----------
    importance
        Real importance under the proposed weights.
    matched
        The weights advised for the target (ordered by default), as found.
    advised
        The advised weights as stated: whole per cent summing to 100.
    achieved
        The importance shares at exactly the stated weights.
    alternative
        The unordered answer when the ordered search cannot reach the target
        (``None`` otherwise).
    places
        Clusters × {``proposed``, ``matched``}: places on the report's basis.
    findings
        The sentences, with their values.
    """

    importance: ImportanceResult
    matched: MatchedWeights
    advised: pd.Series
    achieved: pd.Series
    alternative: MatchedWeights | None
    places: pd.DataFrame
    findings: list[Finding]


def whole_percent(shares: pd.Series) -> pd.Series:
    """Shares as whole per cent summing to exactly 100 (largest remainders).

    Examples
    --------
    >>> whole_percent(pd.Series([0.5714, 0.2143, 0.2143])).tolist()
    [57, 22, 21]
    """
    raw = 100 * shares.to_numpy(float) / shares.sum()
    base = np.floor(raw).astype(int)
    left = 100 - base.sum()
    order = np.argsort(-(raw - base), kind="stable")[:left]
    base[order] += 1
    return pd.Series(base, index=shares.index)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _percents(values) -> str:
    """Write whole per cent in class order: ``"57 : 22 : 21"``."""
    return " : ".join(format_number(float(x), 0) for x in values)


def _importance_percents(shares) -> str:
    """Write shares as whole per cent each (``"50 : 33 : 17"``), ``<1`` a trace."""
    values = [0.0 if not np.isfinite(x) else float(x) for x in shares]
    return " : ".join(
        "<1" if 0 < x < 0.005 else format_number(100 * x, 0) for x in values
    )


def _achieved_at(points, percents: pd.Series, method: str) -> pd.Series:
    weights = Weights({c: float(v) for c, v in percents.items()})
    table = class_importance(points, weights, method=method).table
    return table["importance_share"]


def _class_lines(table: pd.DataFrame, points: pd.DataFrame) -> tuple[str, ...]:
    lines = []
    for cls in table.index:
        weight = float(table.at[cls, "weight"])
        share = float(table.at[cls, "importance_share"])
        constant = np.ptp(points[cls].to_numpy(float)) == 0
        label = _capital(class_label(cls))
        if constant:
            text = (
                _(
                    "{cls}: {weight} of the weight, but its points are the same for "
                    "every cluster, so it decides nothing."
                )
                if weight > 0
                else _(
                    "{cls}: no weight, and its points are the same for every cluster."
                )
            )
        elif weight == 0:
            text = _(
                "{cls}: no weight, so it decides nothing; its points go with the "
                "total only through the weighted classes ({importance} of the "
                "measured importance)."
            )
        else:
            text = _(
                "{cls}: {weight} of the weight, {importance} of the real importance."
            )
        lines.append(
            text.format(
                cls=label,
                weight=share_text(weight),
                importance=share_text(share if np.isfinite(share) else 0.0),
            )
        )
    return tuple(lines)


def _together(points: pd.DataFrame) -> dict | None:
    """Return the two classes whose points move together most (Pearson)."""
    varying = [c for c in points.columns if np.ptp(points[c].to_numpy(float)) > 0]
    if len(varying) < 2:
        return None
    corr = points[varying].corr().to_numpy().copy()
    np.fill_diagonal(corr, -np.inf)
    i, j = np.unravel_index(np.argmax(corr), corr.shape)
    return {"classes": [varying[i], varying[j]], "correlation": float(corr[i, j])}


def _advice(points, goal: Weights, method: str, ordered: bool) -> dict:
    """Return the advised weights for ``goal``, as stated, and any alternative."""
    matched = weights_for_importance(points, goal, method=method, ordered=ordered)
    advised = whole_percent(matched.weights)
    achieved = _achieved_at(points, advised, method)
    alternative = None
    if ordered and not matched.reachable and matched.reason == "beyond_reach":
        free = weights_for_importance(points, goal, method=method, ordered=False)
        if free.reachable:
            alternative = free
    return {
        "matched": matched,
        "advised": advised,
        "achieved": achieved,
        "alternative": alternative,
    }


def _advice_finding(points, goal: Weights, advice: dict, ordered: bool) -> Finding:
    matched, advised, achieved = (advice[k] for k in ("matched", "advised", "achieved"))
    target = pd.Series(goal.shares.to_dict())
    values = {
        "state": "reached" if matched.reachable else str(matched.reason),
        "ordered": ordered,
        "target": (100 * target).round(6).to_dict(),
        "advised": advised.to_dict(),
        "achieved": achieved.to_dict(),
        "alternative": None,
    }
    order_words = (
        _("keeping very important ≥ important ≥ not so important")
        if ordered
        else _("in any order")
    )
    measure = _importance_percents(achieved)
    if matched.reachable:
        sentences = [
            _(
                "To make the classes matter {target} (per cent of the relative "
                "importance), weigh them {advised} ({order}); they then matter "
                "{achieved}."
            ).format(
                target=_importance_percents(target),
                advised=_percents(advised),
                order=order_words,
                achieved=measure,
            )
        ]
    elif matched.reason == "constant_class":
        sentences = [
            _(
                "No weighting makes the classes matter {target}: a class the target "
                "counts on has the same points for every cluster. The closest, "
                "{advised}, makes them matter {achieved}."
            ).format(
                target=_importance_percents(target),
                advised=_percents(advised),
                achieved=measure,
            )
        ]
    else:
        sentences = [
            _(
                "No weighting {order} makes the classes matter {target}; the "
                "weights that come closest, {advised}, make them matter {achieved}."
            ).format(
                order=order_words,
                target=_importance_percents(target),
                advised=_percents(advised),
                achieved=measure,
            )
        ]
        unwanted = [c for c, v in target.items() if v == 0]
        if unwanted:
            values["state"] = "target_leaves_out"
            sentences.append(
                ngettext(
                    "{classes}, given no importance in the target, still goes with "
                    "the total through the other classes' points.",
                    "{classes}, given no importance in the target, still go with "
                    "the total through the other classes' points.",
                    len(unwanted),
                ).format(classes=_capital(names_list(map(class_label, unwanted))))
            )
    free = advice["alternative"]
    if free is not None:
        free_advised = whole_percent(free.weights)
        free_achieved = _achieved_at(points, free_advised, free.parameters["method"])
        together = _together(points)
        values["alternative"] = {
            "advised": free_advised.to_dict(),
            "achieved": free_achieved.to_dict(),
            "together": together,
        }
        sentences.append(
            _(
                "Alternative that breaks the order: {advised} makes them matter "
                "{achieved}."
            ).format(
                advised=_percents(free_advised),
                achieved=_importance_percents(free_achieved),
            )
        )
        if together is not None:
            sentences.append(
                _(
                    "The reason: {a} and {b} points go together (correlation "
                    "{r}), so weight given to one also makes the other matter."
                ).format(
                    a=class_label(together["classes"][0]),
                    b=class_label(together["classes"][1]),
                    r=format_number(together["correlation"], 2),
                )
            )
    return Finding("importance", tuple(sentences), values)


def _moves_finding(now, then, labels: dict, top: int) -> tuple[Finding, list]:
    changed = [c for c in now.order if now.places[c] != then.places[c]]
    moves = [
        {
            "cluster": c,
            "name": labels[c],
            "before": int(now.places[c]),
            "after": int(then.places[c]),
            "before_shared": bool(now.shared[c]),
            "after_shared": bool(then.shared[c]),
            "before_text": str(now.phrase(c)),
            "after_text": str(then.phrase(c)),
        }
        for c in changed
        if min(now.places[c], then.places[c]) <= top
    ]
    n = len(now.places)
    if not changed:
        text = _("Under the advised weights every cluster keeps its place.")
    else:
        count = ngettext(
            "{k} of {n} clusters changes place",
            "{k} of {n} clusters change place",
            len(changed),
        ).format(k=len(changed), n=n)
        details = "; ".join(move_phrase(m) for m in moves)
        text = (
            _("Under the advised weights {details}; in all, {count}.").format(
                details=details, count=count
            )
            if details
            else _(
                "Under the advised weights the leading places hold; {count}."
            ).format(count=count)
        )
    values = {"moves": moves, "changed": changed}
    return Finding("importance", (text,), values), changed


@in_language
@takes_weights
def importance_findings(
    points: pd.DataFrame,
    weights: WeightsLike,
    labels: dict[str, str],
    *,
    target: WeightsLike | None = None,
    method: str = "pearson",
    ordered: bool = True,
    ties: str = "min",
    top: int = 4,
    language: str | None = None,
) -> ImportanceReport:
    """Compute the "nominal weights vs real importance" findings.

    Parameters
    ----------
    points
        Clusters × classes.
    weights
        The proposed weights.
    labels
        Cluster display names.
    target
        The intended importance ratios (default: the proposed weights' ratio).
    method
        The importance measure (see :func:`~ecei_analysis.class_importance`).
    ordered
        Advise only weights that keep very important ≥ important ≥ not so
        important (default); when none reaches the target the unordered answer
        follows as a marked alternative.
    ties
        The place basis (``min`` or ``dense``).
    top
        Moves are told for clusters within the first ``top`` places.
    language
        The language of the sentences.

    Returns
    -------
    ImportanceReport
    """
    goal = target if target is not None else weights
    importance = class_importance(points, weights, method=method)
    advice = _advice(points, goal, method, ordered)
    findings = [
        Finding(
            "importance",
            (
                _(
                    "Real importance here is relative: each class's {measure}, "
                    "scaled so that the classes' shares add up to 100%. A class "
                    "whose points hardly differ between clusters decides little, "
                    "whatever its weight."
                ).format(measure=importance_measure(method)),
            ),
            {"method": method},
        ),
        Finding(
            "importance",
            _class_lines(importance.table, points),
            {"table": importance.table.to_dict("index")},
        ),
        _advice_finding(points, goal, advice, ordered),
    ]
    if len(points) < SMALL_STUDY:
        findings.append(
            Finding(
                "importance",
                (
                    _(
                        "With only {n} clusters these correlations are unreliable: "
                        "take the advice as indicative."
                    ).format(n=len(points)),
                ),
                {"state": "small", "n": len(points)},
            )
        )
    advised = Weights({c: float(v) for c, v in advice["advised"].items()})
    now = standing(points, weights, ties)
    then = standing(points, advised, ties)
    moves, _changed = _moves_finding(now, then, labels, top)
    findings.append(moves)
    places = pd.DataFrame({"proposed": now.places, "matched": then.places})
    return ImportanceReport(
        importance=importance,
        matched=advice["matched"],
        advised=advice["advised"],
        achieved=advice["achieved"],
        alternative=advice["alternative"],
        places=places,
        findings=findings,
    )


@in_language
def importance_table(
    report: ImportanceReport, *, language: str | None = None
) -> pd.DataFrame:
    """Per class: weight, real importance, the target, the advised weights.

    Per cent as the sentences give them (whole per cent; the advised weights sum
    to 100 and their importance is computed at exactly those weights).
    """
    table = report.importance.table
    classes = list(table.index)
    target = report.matched.target[classes]
    return pd.DataFrame(
        {
            pgettext("column", "class"): [class_label(c) for c in classes],
            pgettext("column", "weight"): [share_text(x) for x in table["weight"]],
            pgettext("column", "real importance"): [
                share_text(x if np.isfinite(x) else 0.0)
                for x in table["importance_share"]
            ],
            pgettext("column", "target"): [share_text(v) for v in target],
            pgettext("column", "advised weights"): [
                format_percent(report.advised[c] / 100, 0) for c in classes
            ],
            pgettext("column", "their importance"): [
                share_text(report.achieved[c]) for c in classes
            ],
        }
    )


@in_language
def importance_places_table(
    report: ImportanceReport, labels: dict[str, str], *, language: str | None = None
) -> pd.DataFrame:
    """Places under the proposed and the advised weights, and the change.

    The change is the difference of the two place columns (positive: moves up).
    """
    places = report.places
    order = places.sort_values(["proposed", "matched"], kind="stable").index
    return pd.DataFrame(
        {
            pgettext("column", "cluster"): [labels[c] for c in order],
            pgettext("column", "place, proposed weights"): places.loc[
                order, "proposed"
            ].to_numpy(),
            pgettext("column", "place, advised weights"): places.loc[
                order, "matched"
            ].to_numpy(),
            pgettext("column", "change"): (
                places.loc[order, "proposed"] - places.loc[order, "matched"]
            ).to_numpy(),
        }
    )


@in_language
def importance_mark(
    report: ImportanceReport, *, language: str | None = None
) -> dict[str, dict[str, float]]:
    """Return the advised weights as a weight-map mark: ``{label: weights}``."""
    label = pgettext("figure", "weights giving importance {shares}").format(
        shares=_importance_percents(report.matched.target)
    )
    return {label: {c: float(v) for c, v in report.advised.items()}}


@in_language
def infomax_sentence(
    points: pd.DataFrame, most: MatchedWeights, *, language: str | None = None
) -> str:
    """Word the weights under which the classes explain the most together."""
    advised = whole_percent(most.weights)
    achieved = _achieved_at(points, advised, most.parameters["method"])
    return _(
        "The classes explain the most together when weighted {advised}; they then "
        "matter {achieved}."
    ).format(advised=_percents(advised), achieved=_importance_percents(achieved))
