import numpy as np
import pandas as pd
from helpers import NOTE

from ecei_analysis import (
    ClassificationPanel,
    caption_of,
    classification_agreement,
    plot_classification_votes,
)


def test_rows_follow_agreement_and_abstentions_stay_blank():
    votes = pd.DataFrame(
        {
            "$A$": ["very_important", "important", "important"],
            "B": ["very_important", "not_so_important", None],
            "C": ["very_important", "very_important", "important"],
        },
        index=pd.Index(["u", "d", "a"], name="code"),
    ).astype(object)
    votes = votes.where(votes.notna(), None)
    panel = ClassificationPanel(
        votes, pd.Series(["unanimous", "disputed", "abst"], index=votes.index)
    )
    agreement = classification_agreement(panel, bootstrap=0)
    ax = plot_classification_votes(panel, agreement, data_note=NOTE)
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    # Most disputed first; "a" is unanimous among the votes cast (one abstained).
    assert ticks == ["d disputed", "u unanimous", "a abst"]
    columns = [t.get_text() for t in ax.get_xticklabels()]
    assert columns == [r"\$A\$", "B", "C", "consensus"]
    grid = ax.images[0].get_array()
    assert np.ma.is_masked(grid[2, 1])  # B abstained on "a"
    assert grid[2, 3] == 1  # the consensus of "a": important
    assert "Krippendorff's alpha (ordinal) =" in caption_of(ax)
    assert "SYNTHETIC" in caption_of(ax)
