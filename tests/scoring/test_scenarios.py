from ecei_analysis import scenario_places


def test_scenarios_show_the_proposal_once(points):
    places = scenario_places(points, "3:2:1")
    assert list(places.columns)[-1] == "proposal 3:2:1"
    assert not any(c.startswith("proposal ") for c in list(places.columns)[:-1])
    assert "equal 1:1:1" in places.columns and "drop_nsi 1:1:0" in places.columns
    custom = scenario_places(points, "5:2:1")
    assert "proposal 5:2:1" in custom.columns and "proposal 3:2:1" in custom.columns
    ahead = places["equal 1:1:1"]
    assert ahead["zelenograd"] == 4  # 1 + the three clusters strictly ahead


def test_a_study_without_a_class_keeps_the_sets_it_can_use(study):
    from ecei_analysis import class_points

    two = study.with_classification(
        study.classification.replace("not_so_important", "important")
    )
    points = class_points(two)
    short, full = scenario_places(points, "3:2"), scenario_places(points, "3:2:1")
    assert list(short.columns) == list(full.columns)
    assert "proposal 3:2" in short.columns and "equal 1:1" in short.columns
    # drop_nsi (1:1:0) is equal weights here: shown once, under its first name.
    assert not any(c.startswith("drop_nsi") for c in short.columns)
