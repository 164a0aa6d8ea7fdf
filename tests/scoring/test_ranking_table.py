import pytest

from ecei_analysis import load_study, ranking_table
from ecei_analysis.scoring.ranking_table import class_capacity, normalised_scores


def test_equal_weights_reproduce_the_published_record(study):
    table = ranking_table(study, "equal", ties="dense")  # numbered as published
    pub = table.dropna(subset=["published_points"])
    assert (pub["score"] == pub["published_points"]).all()
    assert (pub["rank"] == pub["published_place"]).all()
    # On the package's basis (1 + the clusters strictly ahead) Zelenograd, with
    # Tomsk, Kaluga and INNOKAM ahead, is 4th: the published 3rd numbered densely.
    competition = ranking_table(study, "equal")
    assert competition.loc[list(pub.index), "rank"].tolist() == [1, 2, 2, 4]
    assert (table["rank_change"] == 0).all()
    assert (table["score_normalised"] == table["score"]).all()


def test_movement_counts_the_clusters_ahead(small_dir):
    # Hand-worked (conftest): equal weights x=35, y=36, z=35 (x and z tie 2nd);
    # 3:2:1 gives x=66, y=64, z=60: x overtakes y (1 ahead -> 0), z keeps 1 ahead
    # -> 2 ahead (y is now between).
    table = ranking_table(load_study(small_dir), "3:2:1")
    assert table.loc["x", "rank_change"] == 1
    assert table.loc["y", "rank_change"] == -1
    assert table.loc["z", "rank_change"] == -1
    assert table.loc["x", "ahead"] == 0 and table.loc["z", "ahead"] == 2


def test_the_change_is_the_difference_of_the_places_on_either_basis():
    """x, y tie above z; then y pulls ahead: z keeps 2 clusters ahead."""
    import pandas as pd

    from ecei_analysis.data.study import Study

    points = pd.DataFrame(
        {"A1": [5.0, 4.0, 1.0], "A2": [5.0, 6.0, 1.0]}, index=list("xyz")
    )
    study = Study(
        indicators=pd.DataFrame(
            {
                "name": ["a", "b"],
                "max_points": [10.0, 10.0],
                "significance_class": ["very_important", "important"],
            },
            index=pd.Index(["A1", "A2"], name="code"),
        ),
        clusters=pd.DataFrame({"name": ["X", "Y", "Z"]}, index=list("xyz")),
        points=points,
        published=pd.DataFrame(columns=["points", "place"]),
    )
    # One place basis: the change is always the difference of the two places.
    table = ranking_table(study, {"very_important": 1, "important": 2})
    assert table.loc["z", "rank"] == 3 and table.loc["z", "baseline_rank"] == 3
    assert table.loc["z", "rank_change"] == 0  # 2 clusters ahead before and after
    dense = ranking_table(study, {"very_important": 1, "important": 2}, ties="dense")
    assert dense.loc["z", "rank"] == 3 and dense.loc["z", "baseline_rank"] == 2
    assert dense.loc["z", "rank_change"] == -1  # numbered 2nd, then 3rd
    for frame in (table, dense):
        assert (frame["rank_change"] == frame["baseline_rank"] - frame["rank"]).all()


def test_normalised_scores_use_the_capacity(study):
    caps = class_capacity(study)
    assert caps.sum() == 1160
    table = ranking_table(study, "3:2:1")
    factor = 1160 / (3 * caps.iloc[0] + 2 * caps.iloc[1] + caps.iloc[2])
    assert table.loc["tomsk", "score_normalised"] == pytest.approx(
        table.loc["tomsk", "score"] * factor
    )
    again = normalised_scores(study, table["score"], "6:4:2")
    assert again["tomsk"] == pytest.approx(table.loc["tomsk", "score"] * factor / 2)
