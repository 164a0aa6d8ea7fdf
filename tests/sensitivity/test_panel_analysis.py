import numpy as np
import pandas as pd
import pytest

from ecei_analysis import EceiDataError, class_points, load_study, smaa
from ecei_analysis.core.resources import bundled_data_dir
from ecei_analysis.data.panel_votes import Panel, load_panel
from ecei_analysis.sensitivity.panel_analysis import (
    analyse_panel,
    panel_places,
    panel_sampler,
)

CLASSES = ["very_important", "important", "not_so_important"]


def hand_worked():
    """Three clusters, three participants (one per form); worked out by hand.

    a = (10, 0, 0), b = (0, 10, 0), c = (4, 4, 4) points per class.
    P1 weights (1, 0, 0):  a 10, b 0, c 4         -> a 1, c 2, b 3.
    P2 points (20, 60, 20): a 2, b 6, c 4         -> b 1, c 2, a 3.
    P3 ranks (1, 1, 2): the segment w = λ(1/2, 1/2, 0) + (1 - λ)(1/3, 1/3, 1/3),
    λ ~ U(0, 1). There a = b = 10 w_VI and c = 4; w_VI = 1/3 + λ/6 > 0.4 iff
    λ > 0.4. So with probability 0.6 a and b tie first (c 3rd), with 0.4 c is
    first (a and b tie 2nd, "min" places). Its centre w = (5/12, 5/12, 1/6)
    gives a = b = 4.17 > 4: a and b share 1st, c 3rd.
    """
    points = pd.DataFrame(
        [[10.0, 0, 0], [0, 10.0, 0], [4.0, 4.0, 4.0]],
        index=list("abc"),
        columns=CLASSES,
    )
    votes = pd.DataFrame(
        [[1.0, 0, 0], [20.0, 60.0, 20.0], [1.0, 1.0, 2.0]],
        index=["P1", "P2", "P3"],
        columns=CLASSES,
    )
    panel = Panel(votes, pd.Series(["weights", "points", "ranks"], index=votes.index))
    return points, panel


def test_the_hand_worked_panel():
    points, panel = hand_worked()
    places = panel_places(points, panel)
    assert places.to_dict() == {
        "P1": {"a": 1, "b": 3, "c": 2},
        "P2": {"a": 3, "b": 1, "c": 2},
        "P3": {"a": 1, "b": 1, "c": 3},
    }
    draws = 200_000
    result = analyse_panel(points, panel, draws=draws, seed=3, concentration=None)
    expected = np.array(
        [
            [1 / 3 + 0.6 / 3, 0.4 / 3, 1 / 3],
            [1 / 3 + 0.6 / 3, 0.4 / 3, 1 / 3],
            [0.4 / 3, 2 / 3, 0.6 / 3],
        ]
    )
    se = np.sqrt(expected * (1 - expected) / draws)
    got = result.consensus.acceptability.to_numpy()
    assert (np.abs(got - expected) <= 5 * se).all(), got
    spread = result.spread
    assert spread.loc["a", ["best", "worst", "range"]].tolist() == [1, 3, 2]
    assert spread.loc["a", "best_by"] == ["P1", "P3"]
    assert spread.loc["a", "worst_by"] == ["P2"]
    assert spread.loc["c", "best_by"] == ["P1", "P2"]
    assert spread.loc["c", "consensus_place"] == 2
    assert list(result.contested) == ["a", "b", "c"]
    assert result.smoothed is None
    assert result.parameters["forms"] == {"weights": 1, "points": 1, "ranks": 1}


def test_the_empirical_consensus_of_point_votes_is_the_share_of_participants(points):
    votes = pd.DataFrame(
        np.random.default_rng(0).dirichlet(np.ones(3), size=7) * 10,
        index=[f"p{i}" for i in range(7)],
        columns=CLASSES,
    )
    panel = Panel(votes, pd.Series("weights", index=votes.index))
    exact = smaa(points, weights=panel.weights.to_numpy(), ties="min").acceptability
    # Each participant's ranking, counted: the same shares.
    places = panel_places(points, panel)
    for rank in (1, 2, 5):
        np.testing.assert_allclose(exact[rank], (places == rank).mean(axis=1))
    draws = 100_000
    mc = analyse_panel(points, panel, draws=draws, seed=1).consensus.acceptability
    se = np.sqrt(exact * (1 - exact) / draws)
    assert (np.abs(mc - exact) <= 5 * se + 1e-12).all().all()


def test_smoothing_tightens_to_the_votes_as_kappa_grows(points):
    """Generic votes (no vote on a swap line): large κ gives the votes' shares."""
    votes = pd.DataFrame(
        np.random.default_rng(5).dirichlet(np.ones(3), size=6),
        index=[f"p{i}" for i in range(6)],
        columns=CLASSES,
    )
    panel = Panel(votes, pd.Series("points", index=votes.index))
    centres = smaa(points, weights=panel.weights.to_numpy(), ties="min")
    gaps = []
    for kappa in (5.0, 50.0, 1e6):
        smoothed = analyse_panel(
            points, panel, draws=50_000, concentration=kappa
        ).smoothed
        assert smoothed.parameters["measure"]["concentration"] == kappa
        gap = (smoothed.acceptability - centres.acceptability).abs().max().max()
        gaps.append(float(gap))
    assert gaps[0] > gaps[1] > gaps[2]
    assert gaps[2] < 0.01


def test_zero_weights_stay_zero_when_smoothed():
    votes = pd.DataFrame(
        [[1.0, 0.0, 0.0], [0.0, 1.0, 1.0]], index=["A", "B"], columns=CLASSES
    )
    panel = Panel(votes, pd.Series("weights", index=votes.index))
    sampler = panel_sampler(panel, concentration=10.0)
    w = sampler.draw(20_000, np.random.default_rng(0))
    vertex = w[:, 0] == 1.0
    assert 0.45 < vertex.mean() < 0.55  # A's vote: the vertex itself
    assert np.all(w[~vertex][:, 0] == 0.0)  # B's: on the face w_VI = 0


def test_reproducible_and_seeded(points):
    panel = load_panel(bundled_data_dir() / "demo_panel.csv", classes=CLASSES)
    a = analyse_panel(points, panel, draws=5000, seed=7)
    b = analyse_panel(points, panel, draws=5000, seed=7)
    c = analyse_panel(points, panel, draws=5000, seed=8)
    pd.testing.assert_frame_equal(a.consensus.acceptability, b.consensus.acceptability)
    pd.testing.assert_frame_equal(a.smoothed.acceptability, b.smoothed.acceptability)
    assert not a.smoothed.acceptability.equals(c.smoothed.acceptability)
    assert a.parameters["seed"] == 7
    assert len(a.tidy()) == 19 * 9


def test_a_panel_must_vote_on_the_study_classes(tmp_path):
    study = load_study()
    points = class_points(study)
    path = tmp_path / "votes.csv"
    path.write_text("participant,form,very_important,important\nA,weights,1,1\n")
    panel = load_panel(path)
    with pytest.raises(EceiDataError, match="load the panel with the study's classes"):
        analyse_panel(points, panel, draws=10)
    with pytest.raises(EceiDataError, match="must be a Panel"):
        panel_places(points, object())
    # A two-class study and a two-class panel work together.
    two = points[["very_important", "important"]]
    places = panel_places(two, panel)
    assert places.shape == (19, 1)


def test_the_panel_set_up_is_linear_in_the_votes(monkeypatch, tmp_path):
    """Each vote's region is worked out a fixed number of times, not once per vote
    per vote (600 votes took 36 s before any draw)."""
    import pandas as pd

    import ecei_analysis.data.panel_votes as votes_module
    from ecei_analysis import analyse_panel, class_points, load_panel, load_study

    study = load_study()
    calls = {"n": 0}
    original = votes_module.vote_region

    def counted(*args, **kwargs):
        calls["n"] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(votes_module, "vote_region", counted)
    per_vote = []
    for n in (10, 200):
        rows = [
            {
                "participant": f"P{i}",
                "form": "weights",
                "very important": 1 + i % 4,
                "important": 1 + i % 3,
                "not so important": 1,
            }
            for i in range(n)
        ]
        pd.DataFrame(rows).to_csv(tmp_path / f"v{n}.csv", index=False)
        panel = load_panel(tmp_path / f"v{n}.csv", classes=study.classes)
        calls["n"] = 0
        analyse_panel(class_points(study), panel, draws=200, concentration=30)
        per_vote.append(calls["n"] / n)
    assert per_vote[1] <= per_vote[0] + 1  # a constant per vote, not growing with n


def test_a_finite_panel_of_weightings_gives_exact_consensus_places(tmp_path):
    """Two votes, 1:0:0 and 0:1:0: each cluster's place under each vote, counted."""
    import pandas as pd

    from ecei_analysis import analyse_panel, class_points, load_panel, load_study

    study = load_study()
    points = class_points(study)
    rows = [
        {
            "participant": "A",
            "form": "weights",
            "very important": 1,
            "important": 0,
            "not so important": 0,
        },
        {
            "participant": "B",
            "form": "weights",
            "very important": 0,
            "important": 1,
            "not so important": 0,
        },
    ]
    pd.DataFrame(rows).to_csv(tmp_path / "v.csv", index=False)
    panel = load_panel(tmp_path / "v.csv", classes=study.classes)
    result = analyse_panel(points, panel, draws=50, concentration=None)
    for cluster in points.index:
        own = sorted(int(p) for p in result.places.loc[cluster])
        spread = result.spread.loc[cluster]
        if own[0] == own[1]:
            assert spread["consensus_places"] == own[:1]
            assert spread["consensus_share"] == 1.0
        else:  # two places, each given by one of the two votes: a tie, said so
            assert spread["consensus_places"] == own
            assert spread["consensus_share"] == 0.5
            assert spread["consensus_place"] == own[0]
