import numpy as np
from helpers import NOTE

from ecei_analysis import (
    plot_rank_acceptability,
    smaa,
)


def test_acceptability_heatmap_values(points):
    res = smaa(points, sampler="ordered", draws=5000, seed=1, pairwise=False)
    order = list(points.index[::-1])
    ax = plot_rank_acceptability(res.acceptability, order=order, data_note=NOTE)
    values = np.asarray(ax.collections[0].get_array()).reshape(19, 19)
    np.testing.assert_allclose(values, res.acceptability.loc[order].to_numpy() * 100)
    assert [t.get_text() for t in ax.get_yticklabels()] == order
