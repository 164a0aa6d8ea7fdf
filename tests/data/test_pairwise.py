"""Pairwise comparisons, checked against a second method and hand-worked cases."""

import numpy as np
import pytest

from ecei_analysis.data.pairwise import (
    CR_THRESHOLD,
    aggregate_judgements,
    aggregate_priorities,
    consistency_ratio,
    geometric_mean_weights,
    judgement_matrix,
    principal_weights,
)


def power_iteration(matrix, steps=500):
    """The principal eigenpair by repeated multiplication (a second method)."""
    w = np.ones(len(matrix)) / len(matrix)
    for _ in range(steps):
        v = matrix @ w
        w = v / v.sum()
    lam = float((matrix @ w / w).mean())
    return w, lam


@pytest.mark.parametrize(
    "judgements",
    [[3, 5, 3], [1 / 2, 2, 9], [9, 9, 1 / 9], [1, 1, 1], [2, 1 / 7, 5]],
)
def test_weights_and_ratio_agree_with_power_iteration(judgements):
    matrix = judgement_matrix(judgements, 3)
    w, lam = principal_weights(matrix)
    w2, lam2 = power_iteration(matrix)
    np.testing.assert_allclose(w, w2, atol=1e-10)
    assert lam == pytest.approx(lam2, abs=1e-9)
    cr = consistency_ratio(matrix)
    assert cr == pytest.approx(max(0.0, (lam2 - 3) / 2) / 0.58, abs=1e-9)
    # For three classes the row geometric means give the eigenvector itself.
    np.testing.assert_allclose(geometric_mean_weights(matrix), w, atol=1e-10)


def test_the_textbook_matrix():
    """1 : 3 : 5 / 1 : 3: weights 0.637, 0.258, 0.105, λ_max 3.039, CR 0.033."""
    matrix = judgement_matrix([3, 5, 3], 3)
    w, lam = principal_weights(matrix)
    assert w.round(3).tolist() == [0.637, 0.258, 0.105]
    assert lam == pytest.approx(3.0385, abs=1e-4)
    assert consistency_ratio(matrix) == pytest.approx(0.0332, abs=1e-4)


def test_consistent_judgements_give_their_weights_and_ratio_zero():
    weights = np.array([0.5, 0.3, 0.2])
    matrix = weights[:, None] / weights[None, :]
    upper = matrix[np.triu_indices(3, 1)]
    np.testing.assert_allclose(judgement_matrix(upper, 3), matrix)
    np.testing.assert_allclose(principal_weights(matrix)[0], weights)
    assert consistency_ratio(matrix) == 0.0


def test_an_intransitive_vote_is_flagged():
    """A over B by 9, B over C by 9, yet C over A by 9: no weighting fits."""
    matrix = judgement_matrix([9, 1 / 9, 9], 3)
    assert consistency_ratio(matrix) > CR_THRESHOLD


def test_the_two_group_rules_by_hand():
    """Two consistent votes 4 : 2 : 1 and 1 : 1 : 1: both rules give the scaled
    geometric mean of the weights, sqrt(4 * 1) : sqrt(2 * 1) : sqrt(1 * 1) =
    2 : sqrt(2) : 1."""
    a = np.array([4, 2, 1]) / 7
    b = np.ones(3) / 3
    expected = np.array([2, np.sqrt(2), 1]) / (3 + np.sqrt(2))
    np.testing.assert_allclose(aggregate_priorities([a, b]), expected)
    matrices = [w[:, None] / w[None, :] for w in (a, b)]
    np.testing.assert_allclose(aggregate_judgements(matrices), expected)
