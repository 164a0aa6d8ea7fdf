import numpy as np
import pytest

from ecei_analysis import (
    EceiDataError,
    classification_uncertainty,
    load_study,
    rank_matrix,
)


def test_classification_effects_hand_worked(small_dir):
    study = load_study(small_dir)
    weights = {"very_important": 1, "important": 1, "not_so_important": 1}
    # Equal weights: the class of an indicator cannot matter at all.
    flat = classification_uncertainty(
        study, weights, p=0.5, sampler="fixed", draws=2000, seed=1
    )
    assert (flat.effects["effect"].abs() < 1e-12).all()
    assert (flat.summary["p_nominal"] == 1).all()
    # Strongly unequal weights: moving B1 (x 12, y 10, z 20 points) out of NSI
    # into I raises its weight, which helps z most.
    weights = {"very_important": 1, "important": 10, "not_so_important": 0.1}
    res = classification_uncertainty(
        study, weights, p=0.3, sampler="fixed", draws=20000, seed=2
    )
    top_z = res.top_indicators("z", 1).iloc[0]
    assert top_z["indicator"] == "B1" and top_z["effect"] < 0  # z gains places
    assert 0.25 < top_z["moved_share"] < 0.35
    # Exact enumeration of every move pattern gives the effect the Monte Carlo
    # estimates.
    import itertools

    classes = ["very_important", "important", "not_so_important"]
    options = []
    for cls in study.classification:
        k = classes.index(cls)
        moves = [k - 1, k + 1] if 0 < k < 2 else [1]
        options.append([(k, 0.7, False)] + [(m, 0.3 / len(moves), True) for m in moves])
    w = np.array([weights[c] for c in classes])
    z = list(study.points.index).index("z")
    b1 = list(study.points.columns).index("B1")
    sums = {True: [0.0, 0.0], False: [0.0, 0.0]}
    for combo in itertools.product(*options):
        prob = np.prod([c[1] for c in combo])
        v = w[[c[0] for c in combo]]
        rank = rank_matrix(study.points.to_numpy() @ v)[z]
        sums[combo[b1][2]][0] += prob * rank
        sums[combo[b1][2]][1] += prob
    exact = sums[True][0] / sums[True][1] - sums[False][0] / sums[False][1]
    assert abs(top_z["effect"] - exact) < 4 * top_z["se"] + 1e-9


def test_classification_proposals(small_dir):
    study = load_study(small_dir)
    alt = study.classification.copy()
    alt["B1"] = "very_important"
    weights = {"very_important": 5, "important": 1, "not_so_important": 1}
    res = classification_uncertainty(
        study,
        weights,
        proposals=[study.classification, alt],
        sampler="fixed",
        draws=4000,
        seed=3,
    )
    # Deterministic per proposal: ranks equal the direct computation.
    for q, classes in enumerate([study.classification, alt]):
        v = classes.map(weights).to_numpy()
        expected = rank_matrix(study.points.to_numpy() @ v)
        np.testing.assert_allclose(
            res.proposals.loc[q, "mean_rank"].to_numpy(), expected
        )
    with pytest.raises(EceiDataError, match="unknown significance class"):
        bad = alt.copy()
        bad["A1"] = "vital"
        classification_uncertainty(study, weights, proposals=[bad], draws=10)


def test_the_cost_of_drawn_classifications_is_counted(study):
    """The guard counts the indicator products of each drawn classification
    (10^9 class draws were estimated at 4 minutes and took an hour)."""
    from ecei_analysis import EceiDataError, classification_uncertainty

    with pytest.raises(EceiDataError, match="would take about"):
        classification_uncertainty(study, "3:2:1", draws=10**9)
