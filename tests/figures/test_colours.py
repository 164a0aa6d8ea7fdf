from ecei_analysis.figures.colours import CLASS_COLOURS, cluster_colours


def test_colours_are_fixed_and_distinct():
    ids = [f"c{i}" for i in range(20)]
    colours = cluster_colours(ids)
    assert len(set(colours.values())) == 20
    assert cluster_colours(ids) == colours
    assert set(CLASS_COLOURS) == {"very_important", "important", "not_so_important"}
