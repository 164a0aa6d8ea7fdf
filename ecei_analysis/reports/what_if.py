"""The what-if answer in words: what it would take a cluster to reach a place.

``ecei what-if`` prints these lines; the numbers come from
:mod:`ecei_analysis.sensitivity.inverse`.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..core.i18n import _, format_number, format_place, in_language, ngettext, pgettext
from ..core.vocabulary import class_label
from ..data.study import Study
from ..scoring.points import class_points, score_clusters
from ..scoring.ranks import clusters_ahead
from ..scoring.weights import takes_weights
from ..sensitivity.inverse import points_to_reach, weights_to_overtake, weights_to_reach
from .provenance import study_banner
from .sentences import sentence_indicator_change, sentence_inverse

__all__ = ["what_if_lines"]


@in_language
@takes_weights
def what_if_lines(
    study: Study,
    cluster: str,
    weights: Mapping[str, float],
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
        Class weights (resolved).
    target
        Place to reach; ``None``: one place better than now (first stays first).
    rival
        Cluster id to draw level with or overtake, if any.
    top
        Rows of the single-indicator table to show.
    """
    points = class_points(study)
    labels = study.labels()
    name = labels[cluster]
    ahead = int(clusters_ahead(score_clusters(points, weights))[cluster])
    place = ahead + 1
    target = max(1, ahead) if target is None else int(target)
    lines = [
        study_banner(study),
        _(
            "{name} is {place} ({ahead}) under {ratio}; target: {target} place (at "
            "most {limit} ahead)."
        ).format(
            name=name,
            place=format_place(place),
            ahead=ngettext(
                "{n} cluster strictly ahead", "{n} clusters strictly ahead", ahead
            ).format(n=ahead),
            ratio=weights.ratio_text(digits=3),
            target=format_place(target),
            limit=target - 1,
        ),
    ]
    if target >= place:
        lines.append(
            "- "
            + _("{name} already holds {place} place or better.").format(
                name=name, place=format_place(target)
            )
        )
    else:
        for ordered in (False, True):
            for norm in ("l1", "linf"):
                result = weights_to_reach(
                    points, cluster, target, weights, norm=norm, ordered=ordered
                )
                region = _("the ordered region") if ordered else _("the simplex")
                lines.append(
                    "- "
                    + _("weights ({norm}, {region}): {answer}").format(
                        norm=norm.upper(),
                        region=region,
                        answer=sentence_inverse(result, labels),
                    )
                )
        change = points_to_reach(study, cluster, target, weights)
        lines.append(
            "- "
            + _("one indicator alone: {answer}").format(
                answer=sentence_indicator_change(change, labels)
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
                    room=format_number(row.room)
                )
            )
            lines.append(
                f"    {row.indicator} ({class_label(row._2)}): "
                f"+{format_number(row.delta_whole)} {within}"
            )
    if rival is not None:
        result = weights_to_overtake(points, cluster, rival, weights)
        lines.append(
            "- "
            + _("overtaking: {answer}").format(answer=sentence_inverse(result, labels))
        )
    return lines
