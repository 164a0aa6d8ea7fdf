import numpy as np
import pandas as pd
from helpers import NOTE, W
from matplotlib.testing.decorators import check_figures_equal

from ecei_analysis import (
    class_points,
    load_study,
    plot_class_contributions,
)


def test_class_contributions_bar_widths(points):
    ax = plot_class_contributions(points, W, data_note=NOTE)
    widths = np.array([p.get_width() for p in ax.patches]).reshape(3, 19)
    order = (points * pd.Series(W)).sum(axis=1).sort_values(kind="stable").index
    for k, cls in enumerate(points.columns):
        np.testing.assert_allclose(widths[k], points.loc[order, cls] * W[cls])


@check_figures_equal(extensions=["png"])
def test_class_contributions_depend_on_weighted_points_only(fig_test, fig_ref):
    points = class_points(load_study())
    plot_class_contributions(
        points * 2, {k: v / 2 for k, v in W.items()}, ax=fig_test.subplots()
    )
    plot_class_contributions(points, W, ax=fig_ref.subplots())
