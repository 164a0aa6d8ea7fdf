"""The what-if answer in words: what it would take a cluster to reach a place.

``ecei what-if`` prints these lines; the numbers come from
:mod:`ecei_analysis.sensitivity.inverse`. The distances are named as in the
briefing's methods appendix: L1 (the sum of the changes of the weights' shares)
and L∞ (the largest change of one share).
"""

from __future__ import annotations

from ..core.checks import whole_number
from ..core.i18n import _, format_number, in_language, ngettext, pgettext
from ..core.vocabulary import class_label
from ..data.study import Study
from ..scoring.points import class_points, score_clusters
from ..scoring.ranks import clusters_ahead
from ..scoring.weights import Weights, WeightsLike, takes_weights
from ..sensitivity.inverse import points_to_reach, weights_to_overtake, weights_to_reach
from .phrases import Name, Place, points_text, ratio_text
from .provenance import study_banner

__all__ = ["NORM_NAMES", "what_if_lines"]

#: The distances' names, the same in the command line and the briefing.
NORM_NAMES = {"l1": "L1", "linf": "L∞"}


def _weights_answer(result, labels: dict, ordered: bool) -> str:
    region = (
        _("keeping very important ≥ important ≥ not so important")
        if ordered
        else _("in any order")
    )
    if not result.feasible:
        return _("no weighting {region} does it").format(region=region)
    if result.already:
        return _("the proposed weights already do it")
    return _("{ratio} ({region}; {norm} distance {distance})").format(
        ratio=ratio_text(result.weights_nominal_scale.to_dict()),
        region=region,
        norm=NORM_NAMES[result.parameters["norm"]],
        distance=format_number(result.distance, 3),
    )


def _indicator_answer(change) -> str:
    if change.already:
        return _("no change is needed")
    table = change.table
    feasible = table[table["feasible"]]
    if len(feasible):
        best = feasible.iloc[0]
        return _(
            "{delta} more points on indicator {code} ({now} → {then} of {top})"
        ).format(
            delta=points_text(best["delta_whole"]),
            code=best["indicator"],
            now=points_text(best["points"]),
            then=points_text(best["points"] + best["delta_whole"]),
            top=points_text(best["max_points"]),
        )
    return _("no single indicator can do it within its maximum")


@in_language
@takes_weights
def what_if_lines(
    study: Study,
    cluster: str,
    weights: WeightsLike,
    *,
    target: int | None = None,
    rival: str | None = None,
    top: int = 5,
    language: str | None = None,
) -> list[str]:
    """Return the banner and the what-if answer, one line each.

    Parameters
    ----------
    study
        The study.
    cluster
        Cluster id (resolved).
    weights
        Class weights.
    target
        Place to reach (1 + the clusters strictly ahead), 1 to the number of
        clusters; ``None``: one place better than now (first stays first).
    rival
        Cluster id to draw level with or overtake, if any.
    top
        Rows of the single-indicator table to show.
    language
        The language of the lines.
    """
    top = whole_number(top, "top", low=1)
    points = class_points(study)
    labels = study.labels()
    name = labels[cluster]
    n = len(points)
    ahead = int(clusters_ahead(score_clusters(points, weights))[cluster])
    place = ahead + 1
    target = (
        max(1, ahead)
        if target is None
        else whole_number(target, "the target place", low=1, high=n)
    )
    lines = [
        study_banner(study),
        _("{name} is {place} under {ratio} ({ahead}); target: {target} place.").format(
            name=Name(name),
            place=Place(place),
            ahead=ngettext(
                "{n} cluster strictly ahead", "{n} clusters strictly ahead", ahead
            ).format(n=ahead),
            ratio=Weights(weights).ratio_text(digits=3),
            target=Place(target),
        ),
    ]
    if target >= place:
        lines.append(
            "- "
            + _("{name} already holds {place} place, {target} or better.").format(
                name=Name(name), place=Place(place), target=Place(target)
            )
        )
    else:
        for ordered in (True, False):
            for norm in ("l1", "linf"):
                result = weights_to_reach(
                    points, cluster, target, weights, norm=norm, ordered=ordered
                )
                lines.append(
                    "- "
                    + _("weights: {answer}").format(
                        answer=_weights_answer(result, labels, ordered)
                    )
                )
        change = points_to_reach(study, cluster, target, weights)
        lines.append(
            "- "
            + _("one indicator alone: {answer}").format(
                answer=_indicator_answer(change)
            )
        )
        lines.append(
            "  " + _("smallest changes first (indicator, class, +points, within max):")
        )
        for row in change.table.head(top).itertuples():
            within = (
                pgettext("what-if", "yes")
                if row.feasible
                else pgettext("what-if", "no ({room} left)").format(
                    room=points_text(row.room)
                )
            )
            lines.append(
                f"    {row.indicator} ({class_label(row._2)}): "
                f"+{points_text(row.delta_whole)} {within}"
            )
    if rival is not None:
        result = weights_to_overtake(points, cluster, rival, weights)
        lines.append(
            "- "
            + _("to draw level with {rival}: {answer}").format(
                rival=Name(labels[rival]),
                answer=_weights_answer(result, labels, ordered=False),
            )
        )
    return lines
