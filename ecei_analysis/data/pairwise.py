"""Pairwise comparisons of the classes (the analytic hierarchy process).

A participant used to the analytic hierarchy process (метод анализа иерархий)
compares the classes two at a time on Saaty's scale: "very important is 3 times
as important as important" is 3, the other way round 1/3, equal 1; the scale
runs from 1/9 to 9. For k classes the k(k - 1)/2 judgements fill a reciprocal
matrix A (a_ij = judgement of class i over class j, a_ji = 1 / a_ij).

==========================  ============================================================
quantity                    definition
==========================  ============================================================
weights                     the principal (Perron) eigenvector of A, scaled to sum to 1
geometric-mean weights      the geometric mean of each row, scaled: a check, equal to
                            the eigenvector for a consistent matrix (and for k = 3
                            whatever the matrix)
λ_max                       the principal eigenvalue (k for a consistent matrix)
consistency index CI        (λ_max - k) / (k - 1)
consistency ratio CR        CI / RI(k), Saaty's random index; 0 for k <= 2
==========================  ============================================================

A ratio above :data:`CR_THRESHOLD` (0.10, Saaty's usual limit) flags judgements
that do not hang together (A over B, B over C, but not A over C as much as
that implies): the vote is kept, and the reports say so.

A group's judgements are combined in one of two ways (Forman and Peniwati 1998):
aggregating the individual judgements (AIJ: the element-wise geometric mean of
the matrices, then its eigenvector), which treats the panel as one decision
maker, or aggregating the individual priorities (AIP: the geometric mean of the
participants' weights, scaled), which keeps each participant a separate voice.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = [
    "CR_THRESHOLD",
    "RANDOM_INDEX",
    "SCALE",
    "aggregate_judgements",
    "aggregate_priorities",
    "consistency_ratio",
    "geometric_mean_weights",
    "judgement_matrix",
    "principal_weights",
]

#: Saaty's usual limit on the consistency ratio.
CR_THRESHOLD = 0.10

#: Saaty's random index by the number of classes (Saaty 1980).
RANDOM_INDEX = {
    1: 0.0,
    2: 0.0,
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
}

#: Saaty's scale as the voting sheet offers it (its drop-down list).
SCALE = tuple(f"1/{v}" for v in range(9, 1, -1)) + tuple(str(v) for v in range(1, 10))


def judgement_matrix(judgements: Sequence[float], k: int) -> np.ndarray:
    """Build the reciprocal matrix from the upper-triangle judgements.

    Parameters
    ----------
    judgements
        a_12, a_13, ..., a_1k, a_23, ..., a_(k-1)k: how many times class i is
        more important than class j, for i < j in the classes' order.
    k
        The number of classes.

    Examples
    --------
    >>> judgement_matrix([3.0, 5.0, 3.0], 3).round(3).tolist()
    [[1.0, 3.0, 5.0], [0.333, 1.0, 3.0], [0.2, 0.333, 1.0]]
    """
    values = np.asarray(judgements, dtype=float)
    if len(values) != k * (k - 1) // 2:
        raise ValueError(f"{k} classes need {k * (k - 1) // 2} judgements")
    matrix = np.ones((k, k))
    upper = np.triu_indices(k, 1)
    matrix[upper] = values
    matrix[(upper[1], upper[0])] = 1.0 / values
    return matrix


def principal_weights(matrix: np.ndarray) -> tuple[np.ndarray, float]:
    """Return the principal eigenvector (summing to 1) and the eigenvalue λ_max.

    The Perron eigenvector of a positive matrix has one sign; numpy's general
    eigen-solver finds it (the largest real eigenvalue).

    Examples
    --------
    >>> w, lam = principal_weights(np.array([[1.0, 2.0], [0.5, 1.0]]))
    >>> w.round(4).tolist(), round(lam, 6)
    ([0.6667, 0.3333], 2.0)
    """
    values, vectors = np.linalg.eig(np.asarray(matrix, dtype=float))
    top = int(np.argmax(values.real))
    vector = np.abs(vectors[:, top].real)
    return vector / vector.sum(), float(values[top].real)


def geometric_mean_weights(matrix: np.ndarray) -> np.ndarray:
    """Return the geometric mean of each row, scaled to sum to 1 (a check).

    Examples
    --------
    >>> geometric_mean_weights(np.array([[1.0, 4.0], [0.25, 1.0]])).tolist()
    [0.8, 0.2]
    """
    rows = np.exp(np.log(np.asarray(matrix, dtype=float)).mean(axis=1))
    return rows / rows.sum()


def consistency_ratio(matrix: np.ndarray) -> float:
    """Return Saaty's consistency ratio CR = CI / RI(k) (0 for two classes).

    Examples
    --------
    >>> consistency_ratio(np.array([[1.0, 2.0, 4.0], [0.5, 1.0, 2.0], [0.25, 0.5, 1]]))
    0.0
    """
    k = len(matrix)
    if k <= 2:
        return 0.0
    _, lam = principal_weights(matrix)
    index = max(0.0, (lam - k) / (k - 1))  # rounding may dip below k
    ratio = index / RANDOM_INDEX[k]
    return 0.0 if ratio < 1e-12 else ratio


def aggregate_judgements(matrices: Sequence[np.ndarray]) -> np.ndarray:
    """AIJ: the eigenvector of the element-wise geometric mean of the matrices.

    Examples
    --------
    >>> a = judgement_matrix([2.0], 2)
    >>> b = judgement_matrix([8.0], 2)
    >>> aggregate_judgements([a, b]).round(4).tolist()  # the mean judgement is 4
    [0.8, 0.2]
    """
    stack = np.log(np.stack([np.asarray(m, dtype=float) for m in matrices]))
    return principal_weights(np.exp(stack.mean(axis=0)))[0]


def aggregate_priorities(weights: Sequence[np.ndarray]) -> np.ndarray:
    """AIP: the geometric mean of the participants' weights, scaled to sum to 1.

    Examples
    --------
    >>> aggregate_priorities([np.array([0.5, 0.5]), np.array([0.8, 0.2])]).round(4)
    array([0.6667, 0.3333])
    """
    stack = np.log(np.stack([np.asarray(w, dtype=float) for w in weights]))
    mean = np.exp(stack.mean(axis=0))
    return mean / mean.sum()
