import numpy as np
import pandas as pd
import pytest

from ecei_analysis import (
    ClassificationPanel,
    EceiDataError,
    analyse_classification_panel,
    classification_agreement,
    consensus_classification,
    load_study,
)

VI, IMP, NSI = "very_important", "important", "not_so_important"


def panel_of(columns, index=None):
    votes = pd.DataFrame(columns, index=index)
    votes.index.name = "code"
    votes = votes.astype(object).where(votes.notna(), None)
    return ClassificationPanel(votes, pd.Series("", index=votes.index))


def alpha_by_definition(positions: np.ndarray, k: int = 3) -> float:
    """Krippendorff's ordinal alpha from its definition (coincidence matrix).

    ``positions``: experts × units, NaN for missing. Independent of the library.
    """
    o = np.zeros((k, k))
    for unit in positions.T:
        values = unit[np.isfinite(unit)].astype(int)
        m = len(values)
        if m < 2:
            continue
        for a in range(m):
            for b in range(m):
                if a != b:
                    o[values[a], values[b]] += 1.0 / (m - 1)
    n_c = o.sum(axis=1)
    n = n_c.sum()
    delta = np.zeros((k, k))
    for c in range(k):
        for g in range(k):
            lo, hi = min(c, g), max(c, g)
            delta[c, g] = (n_c[lo : hi + 1].sum() - (n_c[c] + n_c[g]) / 2) ** 2
    expected = (np.outer(n_c, n_c) * delta).sum()
    return 1 - (n - 1) * (o * delta).sum() / expected


def test_hand_worked_alpha():
    """Two experts, three indicators: (VI, VI), (IMP, IMP), (VI, IMP).

    Coincidences o = [[2, 1], [1, 2]], n_VI = n_I = 3, n = 6; the ordinal
    distance between VI and IMP is (6 - 3)² = 9. α = 1 - 5·(2·9)/(2·3·3·9) = 4/9.
    """
    panel = panel_of({"A": [VI, IMP, VI], "B": [VI, IMP, IMP]}, ["x", "y", "z"])
    result = classification_agreement(panel, bootstrap=0)
    assert result.alpha == pytest.approx(4 / 9, abs=1e-12)
    assert result.alpha_nominal == pytest.approx(1 - 5 * 2 / (2 * 3 * 3), abs=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_alpha_agrees_with_its_definition_with_abstentions(seed):
    rng = np.random.default_rng(seed)
    votes = rng.choice([VI, IMP, NSI, None], size=(12, 5), p=[0.3, 0.35, 0.3, 0.05])
    panel = panel_of(
        {f"e{j}": votes[:, j] for j in range(5)}, [f"i{u}" for u in range(12)]
    )
    result = classification_agreement(panel, bootstrap=200, seed=1)
    assert result.alpha == pytest.approx(
        alpha_by_definition(panel.codes().T), abs=1e-12
    )
    assert result.alpha_low <= result.alpha <= result.alpha_high or np.isnan(
        result.alpha_low
    )


def test_full_agreement_gives_alpha_one_and_the_consensus_equals_it():
    classes = [VI, IMP, NSI, IMP, VI]
    panel = panel_of({e: classes for e in "ABCD"}, [f"i{u}" for u in range(5)])
    result = classification_agreement(panel, bootstrap=100)
    assert result.alpha == 1.0 and result.alpha_low == result.alpha_high == 1.0
    assert result.consensus.tolist() == classes
    assert (result.experts["agreement"] == 1.0).all()
    assert result.disputed.empty


def test_a_single_expert_degrades_gracefully():
    study = load_study()
    classes = study.classification
    panel = panel_of({"Solo": classes.to_numpy()}, classes.index)
    result = analyse_classification_panel(study, panel, "3:2:1", draws=500)
    agreement = result.agreement
    assert np.isnan(agreement.alpha) and np.isnan(agreement.alpha_low)
    assert agreement.consensus.tolist() == classes.tolist()
    assert (result.expert_ahead["Solo"] == result.ahead["consensus"]).all()
    assert result.moves.empty


def test_the_consensus_reproduces_the_proposal_when_every_expert_votes_it():
    study = load_study()
    classes = study.classification.to_numpy()
    panel = panel_of({e: classes for e in "ABCDEF"}, study.indicators.index)
    result = analyse_classification_panel(study, panel, "3:2:1", draws=1000)
    assert (result.agreement.consensus == study.classification).all()
    assert (result.ahead["consensus"] == result.ahead["framework"]).all()
    # Every draw is the proposal: every cluster keeps its place.
    assert (result.uncertainty.summary["p_nominal"] == 1.0).all()


def test_the_consensus_rules():
    panel = panel_of(
        {
            "A": [VI, VI, VI, NSI, None],
            "B": [IMP, VI, IMP, NSI, None],
            "C": [NSI, IMP, IMP, VI, None],
            "D": [NSI, IMP, NSI, VI, None],
        },
        ["even", "split", "three", "ends", "none"],
    )
    # even: VI, IMP | NSI, NSI -> lower median IMP, upper NSI; NSI has more votes.
    # split: VI, VI | IMP, IMP -> an even split of neighbours: no framework class
    # given, so the more important (VI), flagged as a split.
    # three: VI, IMP, IMP, NSI -> median IMP.
    # ends: VI, VI | NSI, NSI -> the class between the two middle votes: IMP.
    fallback = pd.Series({"none": IMP})
    median = consensus_classification(panel, fallback=fallback)
    assert median.tolist() == [NSI, VI, IMP, IMP, IMP]
    agreement = classification_agreement(panel, fallback=fallback, bootstrap=0)
    assert agreement.indicators["split"].to_dict() == {
        "even": False,
        "split": True,
        "three": False,
        "ends": False,
        "none": False,
    }
    # The framework's class settles a split when it is one of the two.
    settled = consensus_classification(
        panel, fallback=pd.Series({"none": IMP, "split": IMP})
    )
    assert settled["split"] == IMP
    majority = consensus_classification(panel, rule="majority", fallback=fallback)
    assert majority.tolist() == [NSI, VI, IMP, VI, IMP]
    with pytest.raises(EceiDataError, match="no expert classified indicator 'none'"):
        consensus_classification(panel)
    with pytest.raises(EceiDataError, match="rule must be one of"):
        consensus_classification(panel, rule="mode")


def test_majority_differs_from_median_when_the_mode_is_extreme():
    panel = panel_of(
        {"A": [VI], "B": [VI], "C": [IMP], "D": [NSI], "E": [NSI], "F": [NSI]}, ["x"]
    )
    # Votes: VI 2, IMP 1, NSI 3. Median: lower IMP, upper NSI -> NSI (3 votes vs 1).
    assert consensus_classification(panel).tolist() == [NSI]
    panel = panel_of(
        {
            "A": [VI],
            "B": [VI],
            "C": [VI],
            "D": [IMP],
            "E": [NSI],
            "F": [NSI],
            "G": [NSI],
        },
        ["x"],
    )
    # Median is IMP (4th of 7); the majority is a tie VI 3 / NSI 3 -> nearest the
    # median, then the more important: VI.
    assert consensus_classification(panel).tolist() == [IMP]
    assert consensus_classification(panel, rule="majority").tolist() == [VI]


def test_a_disputed_indicator_moves_the_clusters_it_is_said_to_move():
    study = load_study()
    classes = study.classification.copy()
    flipped = classes.copy()
    code = classes.index[0]
    flipped[code] = NSI if classes[code] != NSI else VI
    panel = panel_of(
        {"A": classes.to_numpy(), "B": classes.to_numpy(), "C": flipped.to_numpy()},
        classes.index,
    )
    result = analyse_classification_panel(study, panel, "3:2:1", draws=0)
    move = result.moves.iloc[0]
    assert move["indicator"] == code and move["to"] == flipped[code]
    # Recompute directly: the ranking with that one indicator moved.
    from ecei_analysis import class_points, clusters_ahead, score_clusters

    before = clusters_ahead(score_clusters(class_points(study), "3:2:1"))
    after = clusters_ahead(
        score_clusters(class_points(study.with_classification(flipped)), "3:2:1")
    )
    assert move["up"] == [c for c in after.index if after[c] < before[c]]
    assert move["down"] == [c for c in after.index if after[c] > before[c]]
    assert (result.expert_ahead["C"] == after).all()
    assert result.uncertainty is None


def test_the_panel_must_list_the_study_indicators():
    study = load_study()
    panel = panel_of({"A": [VI]}, ["1.1.0"])
    with pytest.raises(EceiDataError, match="load it with the study's indicators"):
        analyse_classification_panel(study, panel, "3:2:1")


def test_votes_for_a_class_the_study_lacks_are_refused_by_name(tmp_path):
    from dataclasses import replace

    from ecei_analysis import (
        EceiDataError,
        analyse_classification_panel,
        load_classification_panel,
        load_study,
    )

    study = load_study()
    indicators = study.indicators.assign(
        significance_class=study.indicators["significance_class"].replace(
            {"not_so_important": "important"}
        )
    )
    two = replace(study, indicators=indicators)
    rows = "\n".join(f"{c},very_important,not_so_important" for c in indicators.index)
    path = tmp_path / "votes.csv"
    path.write_text("code,Anna,Boris\n" + rows + "\n", encoding="utf-8")
    panel = load_classification_panel(path, indicators)
    with pytest.raises(EceiDataError, match=r"'not so important' \(Boris\)"):
        analyse_classification_panel(two, panel, "1:1", seed=1)
