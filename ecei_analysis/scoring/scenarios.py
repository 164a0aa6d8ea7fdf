"""Places under the named weightings: the scenarios of the rank-flow charts."""

from __future__ import annotations

import pandas as pd

from ..core.errors import EceiDataError
from ..core.vocabulary import weight_set_label
from .points import score_clusters
from .ranks import clusters_ahead
from .weights import (
    DEFAULT_WEIGHTS,
    WEIGHT_SETS,
    WeightsLike,
    format_ratio,
    normalise_weights,
    resolve_weights,
)

__all__ = ["scenario_places"]


def scenario_places(points: pd.DataFrame, weights: WeightsLike) -> pd.DataFrame:
    """Return places (1 + clusters strictly ahead) under the named sets and proposal.

    Columns are labelled ``name ratio`` (``"equal 1:1:1"``; the name in the
    current language), the proposal last.
    Sets that weight the same (after dropping classes the study lacks) are shown
    once, under their first name; a set equal to the proposal is shown as the
    proposal. Sets weighting only absent classes are left out.

    Examples
    --------
    >>> from ecei_analysis import class_points, load_study
    >>> list(scenario_places(class_points(load_study()), "3:2:1").columns)[:2]
    ['equal 1:1:1', 'geometric 4:2:1']
    """
    classes = list(points.columns)
    proposal = resolve_weights(weights, classes)
    seen = [normalise_weights(proposal, classes)]
    columns = {}
    for name, w in WEIGHT_SETS.items():
        try:
            resolved = resolve_weights(w, classes)
        except EceiDataError:  # the set weights only classes this study lacks
            continue
        shares = normalise_weights(resolved, classes)
        if any((shares - other).abs().max() < 1e-12 for other in seen):
            continue
        seen.append(shares)
        columns[f"{weight_set_label(name)} {format_ratio(resolved)}"] = resolved
    columns[f"{weight_set_label(DEFAULT_WEIGHTS)} {format_ratio(proposal)}"] = proposal
    return pd.DataFrame(
        {
            label: clusters_ahead(score_clusters(points, w)) + 1
            for label, w in columns.items()
        }
    )
