"""Places under the named weightings and the chosen one: the rank-flow scenarios."""

from __future__ import annotations

import pandas as pd

from ..core.errors import EceiDataError
from .points import score_clusters
from .ranks import rank_clusters
from .weights import WEIGHT_SETS, Weights, WeightsLike, takes_weights

__all__ = ["CHOSEN", "scenario_places", "scenario_weights"]

#: The id of the chosen weighting's column when it is none of the named sets.
CHOSEN = "chosen"


@takes_weights
def scenario_weights(points: pd.DataFrame, weights: WeightsLike) -> dict[str, Weights]:
    """Return the scenarios of a rank flow, ``{id: Weights}``, the chosen one last.

    The named sets of :data:`~ecei_analysis.WEIGHT_SETS`, each on the classes of
    ``points``, are listed once per distinct weighting (sets that weight the same
    after dropping classes the study lacks are shown under their first name; sets
    weighting only absent classes are left out). The chosen weighting comes last:
    under its set's name when it is one of the sets (``"proposal"``), else under
    :data:`CHOSEN`; no other column weights the same.

    Examples
    --------
    >>> from ecei_analysis import class_points, load_study
    >>> points = class_points(load_study())
    >>> list(scenario_weights(points, "3:2:1"))
    ['equal', 'geometric', 'vi_double', 'drop_nsi', 'vi_only', 'proposal']
    >>> list(scenario_weights(points, "5:2:1"))[-2:]
    ['vi_only', 'chosen']
    """
    classes = list(points.columns)
    chosen_name = CHOSEN
    out: dict[str, Weights] = {}
    seen = [weights]
    for name, named in WEIGHT_SETS.items():
        try:
            on = named.on(classes)
        except EceiDataError:  # the set weights only classes this study lacks
            continue
        if on.proportional_to(weights):
            chosen_name = name if chosen_name == CHOSEN else chosen_name
            continue
        if any(on.proportional_to(other) for other in seen):
            continue
        seen.append(on)
        out[name] = on
    out[chosen_name] = weights
    return out


@takes_weights
def scenario_places(
    points: pd.DataFrame, weights: WeightsLike, *, ties: str = "min"
) -> pd.DataFrame:
    """Return each cluster's place under the scenarios of :func:`scenario_weights`.

    Parameters
    ----------
    points
        Clusters × classes.
    weights
        The chosen weighting.
    ties
        The place basis: ``min`` (default: 1 + the clusters strictly ahead) or
        ``dense``.

    Returns
    -------
    pandas.DataFrame
        Clusters × scenario ids (the chosen weighting last); ``attrs["weights"]``
        holds each scenario's :class:`Weights` and ``attrs["chosen"]`` the last
        column's id. Display labels are made where the frame is shown.

    Examples
    --------
    >>> from ecei_analysis import class_points, load_study
    >>> places = scenario_places(class_points(load_study()), "3:2:1")
    >>> places.loc["zelenograd", ["equal", "proposal"]].tolist()
    [4, 4]
    """
    scenarios = scenario_weights(points, weights)
    frame = pd.DataFrame(
        {
            name: rank_clusters(score_clusters(points, w), ties=ties)
            for name, w in scenarios.items()
        }
    )
    frame.attrs["weights"] = scenarios
    frame.attrs["chosen"] = list(scenarios)[-1]
    return frame
