import pandas as pd

from ecei_analysis import (
    plot_sobol,
    sobol_rank_indices,
)


def test_sobol_plot_marks_invariant():
    pts = pd.DataFrame(
        [[1.0, 0, 0], [0, 1.0, 0], [5.0, 5.0, 5.0]],
        index=list("abc"),
        columns=["very_important", "important", "not_so_important"],
    )
    res = sobol_rank_indices(pts, n=256, seed=1)
    ax = plot_sobol(res)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "c (never moves)" in labels and "a" in labels
