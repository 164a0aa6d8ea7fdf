"""The panel in words: the hand-worked panel of tests/sensitivity/test_panel_analysis."""

import pandas as pd
import pytest

from ecei_analysis import analyse_panel, load_panel, load_study
from ecei_analysis.core.resources import bundled_panel_file
from ecei_analysis.data.panel_votes import Panel
from ecei_analysis.reports.panel_findings import average_weighting, panel_findings

CLASSES = ["very_important", "important", "not_so_important"]


@pytest.fixture(scope="module")
def hand_worked():
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
    result = analyse_panel(points, panel, draws=50_000, seed=1, concentration=20.0)
    labels = {"a": "Alpha", "b": "Beta", "c": "Gamma"}
    found = panel_findings(
        result, labels, points=points, panel=panel, weights="1:1:1", top=3
    )
    return points, panel, result, found


def test_the_votes_and_who_each_puts_first(hand_worked):
    _, _, _, found = hand_worked
    assert found[0].text == (
        "The panel cast 3 votes: 1 as weights, 1 as 100 points split, 1 as a "
        "ranking of the classes."
    )
    # P1 puts a first, P2 b, P3 (its region's centre, 5:5:2) a and b shared.
    assert found[1].values["first_votes"] == {"a": 2, "b": 2}
    assert found[1].text == (
        "Under each participant's own weights, first place goes to Alpha in 2 votes "
        "and Beta in 2 votes (a shared first counts for each)."
    )


def test_the_average_weighting_and_the_votes_that_decide_its_leader(hand_worked):
    _, panel, _, found = hand_worked
    # The votes' shares: (1, 0, 0), (0.2, 0.6, 0.2) and P3's region centre,
    # the mean of (1/2, 1/2, 0) and (1/3, 1/3, 1/3) = (5/12, 5/12, 1/6).
    expected = (
        pd.DataFrame(
            [[1, 0, 0], [0.2, 0.6, 0.2], [5 / 12, 5 / 12, 1 / 6]], columns=CLASSES
        )
        .mean()
        .to_dict()
    )
    average = found[2].values["average"]
    assert average == pytest.approx(expected)
    assert average_weighting(panel.weights).shares.to_dict() == pytest.approx(expected)
    # Under the average (0.539, 0.339, 0.122): a 5.39, b 3.39, c 4: Alpha first,
    # then Gamma, then Beta. Equal weights (the proposal here) give Gamma 12 first.
    assert found[2].values["panel_order"] == ["a", "c", "b"]
    assert found[2].values["proposal_order"] == ["c", "a", "b"]
    assert (
        "under it the first 3 are Alpha, Gamma, Beta, under the proposal Gamma, "
        "Alpha, Beta." in found[2].sentences[0]
    )
    # Without P1 the average is (0.308, 0.508, 0.183): b 5.08 > a 3.08, c 4: Beta.
    assert found[2].values["pivotal"] == [{"vote": 1, "leader_without": "b"}]
    assert found[2].sentences[1] == (
        "Vote 1 alone decides who leads the average: without it Beta would be first "
        "instead of Alpha."
    )


def test_the_chance_of_first_place_is_derived_by_hand(hand_worked):
    _, _, _, found = hand_worked
    # Drawing one vote at random (each with probability 1/3): P1 puts a first,
    # P2 puts b first; P3's region is the segment from (1/2, 1/2, 0) to
    # (1/3, 1/3, 1/3), drawn uniformly, i.e. w = (t, t, 1 - 2t) with t uniform on
    # [1/3, 1/2]. There a and b tie at 10t and c scores 4, so a and b share first
    # where t >= 0.4: a fraction (1/2 - 0.4) / (1/6) = 0.6 of the segment, and c
    # is first in the other 0.4. Hence P(a first) = P(b first) = (1 + 0.6) / 3 =
    # 8/15 and P(c first) = 0.4 / 3 = 2/15.
    first = found[3].values["first"]
    for cluster, exact in (("a", 8 / 15), ("b", 8 / 15), ("c", 2 / 15)):
        standard_error = (exact * (1 - exact) / 50_000) ** 0.5
        assert first[cluster] == pytest.approx(exact, abs=5 * standard_error)
    assert found[3].text.startswith("Drawing one vote at random")
    assert found[4].values["loose"] is True
    assert "κ" not in found[4].text and "Dirichlet" not in found[4].text


def test_who_decides_which_places(hand_worked):
    _, _, _, found = hand_worked
    assert found[5].values["kept"] == 0
    contested = found[5].values["contested"]
    assert contested[0] == {
        "name": "Alpha",
        "best": 1,
        "worst": 3,
        "best_by": [1, 3],
        "worst_by": [2],
    }
    assert "Alpha from 1st (votes 1, 3) to 3rd (vote 2)" in found[5].text


def test_the_bundled_panel_reads_cleanly(study, points):
    panel = load_panel(bundled_panel_file(), classes=study.classes)
    result = analyse_panel(points, panel, draws=2000)
    found = panel_findings(
        result, study.labels(), points=points, panel=panel, weights="3:2:1"
    )
    text = " ".join(f.text for f in found)
    assert "nan" not in text.lower() and "κ" not in text
    assert len(found) == 6


def test_a_single_vote():
    study = load_study()
    votes = pd.DataFrame([[3.0, 2.0, 1.0]], index=["Only"], columns=CLASSES)
    panel = Panel(votes, pd.Series(["weights"], index=votes.index))
    from ecei_analysis import class_points

    points = class_points(study)
    result = analyse_panel(points, panel, draws=500)
    found = panel_findings(
        result, study.labels(), points=points, panel=panel, weights="3:2:1"
    )
    assert found[1].text == "The one vote puts Kaluga first."
    assert found[2].values["pivotal"] == []
    assert "as under the proposal" in found[2].text


def test_pairwise_votes_are_reported_with_their_consistency(tmp_path):
    """Weights and consistency ratios as an independent computation gives them;
    the inconsistent vote set aside in a line of its own."""
    import numpy as np
    import pandas as pd

    from ecei_analysis import analyse_panel, class_points, load_panel, load_study
    from ecei_analysis.reports.panel_findings import panel_findings

    study = load_study()
    points = class_points(study)
    header = [
        "participant",
        "form",
        "very important",
        "important",
        "not so important",
        "very important / important",
        "very important / not so important",
        "important / not so important",
    ]
    rows = [
        ["A", "pairwise", "", "", "", "3", "5", "3"],  # the textbook matrix
        ["B", "weights", "3", "2", "1", "", "", ""],
        ["C", "pairwise", "", "", "", "9", "1/9", "9"],  # intransitive
    ]
    pd.DataFrame(rows, columns=header).to_csv(tmp_path / "v.csv", index=False)
    panel = load_panel(tmp_path / "v.csv", classes=study.classes)
    result = analyse_panel(points, panel, draws=500, concentration=None)
    found = panel_findings(
        result, study.labels(), points=points, panel=panel, weights="3:2:1"
    )
    pairwise = next(f for f in found if f.values.get("votes"))
    a, c = pairwise.values["votes"]
    # Power iteration on the textbook matrix: 0.637, 0.258, 0.105; CR 0.033.
    matrix = np.array([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]])
    w = np.ones(3) / 3
    for _ in range(500):
        w = matrix @ w
        w /= w.sum()
    assert list(a["weights"].values()) == pytest.approx(w.tolist(), abs=1e-10)
    lam = float((matrix @ w / w).mean())
    assert a["consistency_ratio"] == pytest.approx((lam - 3) / 2 / 0.58, abs=1e-9)
    assert a["consistent"] and not c["consistent"]
    text = " ".join(pairwise.sentences)
    assert "Vote 1 compares the classes in pairs" in text
    assert "judgements consistent (consistency ratio 0.03)" in text
    assert "Vote 3" in text and "please review" in text
    assert "Setting aside the inconsistent judgements (vote 3)" in text
    assert pairwise.values["set_aside"] == [3]
