"""The named tolerances sit between rounding noise and real differences."""

import numpy as np

from ecei_analysis import rank_clusters
from ecei_analysis.core import tolerances as tol


def test_the_plane_zero_is_above_rounding_and_below_any_real_difference():
    # Shares of the weight triangle are of order 1: rounding leaves ~1e-16.
    noise = abs((0.1 + 0.2) - 0.3)
    assert noise < tol.EPS < 1e-6
    assert tol.HEIGHT_EPS < tol.EPS  # a sliver is thinner than a zero length
    assert 10.0**-tol.COORDINATE_DIGITS < tol.EPS  # merging keeps real points apart
    assert 10.0**-tol.AREA_DIGITS == tol.EPS


def test_the_score_tolerance_ties_rounding_and_splits_a_point():
    import pandas as pd

    scores = pd.Series([1000.0, 1000.0 + 1e-10, 999.0], index=list("abc"))
    ranks = rank_clusters(scores, ties="min")
    assert ranks.tolist() == [1, 1, 3]  # 1e-10 of 1000 is rounding; 1 point is not
    assert tol.SCORE_RTOL * 1000 < 1 and np.isclose(tol.SLACK, tol.SCORE_RTOL)
