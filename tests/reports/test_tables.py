from ecei_analysis import load_study, ranking_table
from ecei_analysis.reports import tables


def test_places_table_shows_names_and_the_movement(study):
    frame = tables.places_table(study, "3:2:1", "dense")
    direct = ranking_table(study, "3:2:1", ties="dense")
    assert frame["cluster"].tolist()[:3] == ["Kaluga", "Tomsk", "INNOKAM"]
    assert frame["change"].tolist() == direct["rank_change"].tolist()
    assert "cluster_id" not in frame.columns and len(frame.columns) == 7


def test_caveats_follow_the_parameters(study):
    proposal = tables.caveats(study, "3:2:1", "min")
    assert not any("no weight" in c for c in proposal)
    assert any(c.startswith("Two kinds of shares appear.") for c in proposal)
    edge = tables.caveats(study, "1:1:0", "min")
    assert any(
        c.startswith("The proposed weights give not so important no weight")
        for c in edge
    )
    vertex = tables.caveats(study, "1:0:0", "min")
    assert any("important and not so important no weight" in c for c in vertex)
    # The place basis is stated once, in the headline findings, not here.
    assert not any("1, 2, 2, 4" in c or "1, 2, 2, 3" in c for c in proposal + edge)


def test_sweep_places_have_every_share(points):
    sweep = tables.sweep_places(points, "1:0:0", "very_important", 5)
    assert list(sweep.columns) == ["0%", "25%", "50%", "75%", "100%"]
    assert sweep.index.tolist() == points.index.tolist()


def test_stability_and_swaps_tables(points):
    labels = {c: c for c in points.index}
    stab = tables.stability_table(points, "3:2:1", labels)
    assert stab["radius"].iloc[1] >= stab["radius"].iloc[0]
    swaps = tables.swaps_table(points, "3:2:1", labels)
    assert len(swaps) == len(points) - 1
    assert swaps["what would swap them"].str.len().min() > 20


def test_class_points_and_clusters(small_dir):
    study = load_study(small_dir)
    table = tables.class_points_table(study)
    assert table["total"].tolist() == [36, 35, 35]
    assert tables.clusters_table(study)["full name"].tolist() == [
        "Cluster X",
        "Cluster Y",
        "Cluster Z",
    ]
    assert list(tables.classification_table(study).columns) == [
        "code",
        "indicator",
        "class",
    ]


def test_panel_tables():
    from ecei_analysis import analyse_panel, class_points, load_panel, load_study
    from ecei_analysis.core.resources import bundled_panel_file
    from ecei_analysis.reports.tables import panel_places_table, votes_table

    study = load_study()
    panel = load_panel(bundled_panel_file(), classes=study.classes)
    votes = votes_table(panel)
    assert list(votes.columns) == [
        "vote",
        "participant",
        "form",
        "very important",
        "important",
        "not so important",
        "weighting",
        "comment",
    ]
    assert votes["weighting"].iloc[4] == "61.1 : 27.8 : 11.1"  # ranks 1, 2, 3
    assert votes["form"].tolist().count("ranks") == 2
    result = analyse_panel(class_points(study), panel, draws=2000, concentration=None)
    places = panel_places_table(result, study.labels())
    assert list(places.columns)[:4] == [
        "cluster",
        "most likely place",
        "probability",
        "best–worst",
    ]
    assert list(places.columns)[4:] == [str(k) for k in range(1, 10)]
    assert places["most likely place"].is_monotonic_increasing
    row = places.set_index("cluster").loc["Perm"]
    assert row["best–worst"] == "8–16"
    assert min(int(row[str(k)]) for k in range(1, 10)) == 8
    short = panel_places_table(result, study.labels(), per_vote=False)
    assert list(short.columns) == [
        "cluster",
        "most likely place",
        "probability",
        "best–worst",
    ]
    # Each table names the caption that describes its columns.
    from ecei_analysis.reports.sections import caption

    assert "under each vote" in caption(places.attrs["caption"], **_measure(result))
    assert "under each vote" not in caption(short.attrs["caption"], **_measure(result))


def _measure(result):
    from ecei_analysis.reports.tables import panel_measure_values

    return panel_measure_values(result)
