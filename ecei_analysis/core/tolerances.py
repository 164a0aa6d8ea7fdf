"""Named numerical tolerances, one home for each.

Every comparison with a small number in the package uses one of these, so a
tolerance is chosen once, with its reason, and a reader sees what it is for.
"""

from __future__ import annotations

__all__ = [
    "AREA_DIGITS",
    "COORDINATE_DIGITS",
    "EPS",
    "HEIGHT_EPS",
    "SCORE_RTOL",
    "SLACK",
]

#: Zero in the plane of the weight triangle (coordinates, line coefficients,
#: lengths, weight differences): values of order 1, so 1e-12 is far below any
#: real difference and far above accumulated rounding.
EPS = 1e-12

#: A trapezoid thinner than this is a sliver left by rounding, not a cell.
HEIGHT_EPS = 1e-13

#: Decimals kept when merging coordinates that are equal up to rounding.
COORDINATE_DIGITS = 13

#: Decimals kept when ordering or merging area shares.
AREA_DIGITS = 12

#: Relative score tolerance for ties: two scores tie when they differ by less
#: than this times the score spread (see :func:`~ecei_analysis.rank_clusters`).
SCORE_RTOL = 1e-9

#: Slack on an equality of numbers read or computed at human scale (a sum of
#: probabilities equal to 1, points reaching a maximum, a total of 100 points).
SLACK = 1e-9
