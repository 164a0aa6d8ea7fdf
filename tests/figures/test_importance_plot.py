import numpy as np
import pytest
from helpers import NOTE

from ecei_analysis import (
    caption_of,
    class_importance,
    plot_importance,
    weights_for_importance,
)


def test_the_bars_show_weights_importance_and_matched_weights(points):
    result = class_importance(points, "3:2:1")
    matched = weights_for_importance(points, "3:2:1")
    ax = plot_importance(result, matched=matched, data_note=NOTE)
    widths = sorted(round(p.get_width(), 12) for p in ax.patches)
    expected = sorted(
        round(float(v), 12)
        for v in np.concatenate(
            [
                result.table["weight"],
                result.table["importance_share"],
                matched.weights,
            ]
        )
    )
    assert widths == expected
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "very important",
        "important",
        "not so important",
    ]
    text = caption_of(ax)
    assert "squared Pearson correlation with the score" in text
    assert "largest gap" in text and "SYNTHETIC" in text
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [
        "nominal weight",
        "real importance",
        "weights for the target importance",
    ]


@pytest.mark.parametrize("method", ["spearman", "kendall"])
def test_without_matched_weights_two_bars_per_class(points, method):
    ax = plot_importance(class_importance(points, "1:1:1", method=method))
    assert len(ax.patches) == 6
    assert "rank correlation" in caption_of(ax)
