from helpers import contrast_on_white

from ecei_analysis.figures.colours import CLASS_COLOURS, cluster_colours


def test_colours_are_fixed_and_distinct():
    ids = [f"c{i}" for i in range(20)]
    colours = cluster_colours(ids)
    assert len(set(colours.values())) == 20
    assert cluster_colours(ids) == colours
    assert set(CLASS_COLOURS) == {"very_important", "important", "not_so_important"}


def test_darkened_colours_reach_their_contrast_and_keep_dark_ones():
    from ecei_analysis.figures.colours import darkened, mark_colour, text_colour

    for colour in cluster_colours([f"c{i}" for i in range(20)]).values():
        assert contrast_on_white(mark_colour(colour)) >= 3.0
        assert contrast_on_white(text_colour(colour)) >= 4.5
    assert darkened((0.1, 0.1, 0.1), 3.0) == (0.1, 0.1, 0.1)
    assert darkened((1.0, 1.0, 1.0), 3.0) != (1.0, 1.0, 1.0)
