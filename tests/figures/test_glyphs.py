import warnings

import matplotlib.pyplot as plt
import pandas as pd
from helpers import NOTE, W

from ecei_analysis import plot_class_contributions, plot_rank_flow
from ecei_analysis.figures.captions import caption_of
from ecei_analysis.figures.glyphs import UNDRAWABLE_MARK, replace_undrawable
from ecei_analysis.figures.save import save_figure


def test_characters_the_font_lacks_are_marked_and_named(tmp_path):
    ranks = pd.DataFrame({"a": [1, 2], "b": [2, 1]}, index=["rocket", "heart"])
    names = {"rocket": "Rocket 🚀 cluster", "heart": "Heart ❤️ Томск"}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "Glyph ... missing" warning left
        ax = plot_rank_flow(ranks, labels=names, data_note=NOTE)
        save_figure(ax.figure, tmp_path / "emoji.png")
    drawn = " ".join(t.get_text() for t in ax.figure.findobj(plt.Text))
    assert f"Rocket {UNDRAWABLE_MARK} cluster" in drawn
    # the heart (U+2764) and its emoji selector are in DejaVu Sans: kept
    assert "Heart ❤️ Томск" in drawn
    assert "🚀" not in drawn
    assert "(🚀) are shown as □" in caption_of(ax)
    plt.close("all")


def test_a_figure_with_every_glyph_gets_no_note(points):

    ax = plot_class_contributions(points, W, data_note=NOTE)
    assert "cannot draw" not in caption_of(ax)
    plt.close("all")


def test_a_selector_after_a_replaced_character_goes_with_it():
    fig, ax = plt.subplots()
    label = ax.text(0, 0, "x🚀\ufe0fy 🛰 x")
    assert replace_undrawable(fig) == ["🚀", "🛰"]
    assert label.get_text() == "x□y □ x"
    assert replace_undrawable(fig) == []  # nothing left to replace
    plt.close(fig)
