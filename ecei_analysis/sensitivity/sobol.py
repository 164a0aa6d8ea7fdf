"""Variance-based (Sobol) sensitivity of every cluster's rank to the class weights.

Sobol indices need independent inputs, but weights on the simplex are not
independent. We reparameterise with independent inputs ``x_c ~ U(0, 1)``:

``"dirichlet"``
    ``w_c = -log(1 - x_c)`` (independent Exp(1) raw weights). Normalised, these are
    exactly uniform on the simplex (Dirichlet(1)); since rankings depend only on
    weight ratios, no normalisation is needed. Index of class c = share of rank
    variance due to class c's raw weight.
``"box"``
    ``w_c = nominal_c · (1 + spread · (2 x_c - 1))``: the JRC/COINr ±x % box.

Estimator: Saltelli (2010) via :func:`scipy.stats.sobol_indices` (no bootstrap,
which would hold ``n_resamples × n`` evaluations in memory).

References
----------
Saltelli, A. et al. (2010). Variance based sensitivity analysis of model output.
*Computer Physics Communications* 181(2), 259-270.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.errors import EceiDataError
from ..core.results import Result
from ..core.seeds import DEFAULT_SEED, SeedLike, handle_seed, seed_record
from ..core.vocabulary import Ties
from ..scoring.points import check_points
from ..scoring.ranks import rank_matrix
from ..scoring.weights import WeightsLike, weight_vector

__all__ = ["SobolResult", "sobol_rank_indices"]

SHIFT_ROW = "mean_abs_shift"


@dataclass(frozen=True)
class SobolResult(Result):
    """First-order and total Sobol indices of each cluster's rank.

    Attributes
    ----------
    first_order, total
        Outputs (clusters, then ``mean_abs_shift``) × classes. A rank-invariant
        output has indices 0 and ``invariant`` True (never NaN).
    variance
        Variance of each output over the input distribution.
    invariant
        True where the output never changes (variance 0).
    parameters
        Reparameterisation, nominal, spread, n, seed.
    """

    first_order: pd.DataFrame
    total: pd.DataFrame
    variance: pd.Series
    invariant: pd.Series

    def tidy(self) -> pd.DataFrame:
        """Long format: ``output, class, index (first/total), value, invariant``."""
        parts = []
        for kind, frame in (("first", self.first_order), ("total", self.total)):
            long = frame.stack().rename("value").reset_index()
            long.columns = ["output", "class", "value"]
            long["index"] = kind
            parts.append(long)
        out = pd.concat(parts, ignore_index=True)
        out["invariant"] = out["output"].map(self.invariant)
        return out[["output", "class", "index", "value", "invariant"]]


def sobol_rank_indices(
    points: pd.DataFrame,
    *,
    reparameterisation: str = "dirichlet",
    nominal: WeightsLike | None = None,
    spread: float = 0.25,
    n: int = 2**12,
    seed: SeedLike = DEFAULT_SEED,
    ties: Ties = "dense",
    tol: float | None = None,
) -> SobolResult:
    """Sobol indices of each cluster's rank with respect to the class weights.

    Parameters
    ----------
    points
        Clusters × classes.
    reparameterisation
        ``"dirichlet"`` (uniform on the simplex) or ``"box"`` (±spread around
        ``nominal``); see the module docstring.
    nominal
        Nominal weights: the box centre, and the reference ranking of the
        ``mean_abs_shift`` output (default: equal weights).
    spread
        Relative half-width of the box.
    n
        Base sample size (power of 2); the model is evaluated ``n (k + 2)`` times.
    seed
        Int, Generator or None.
    ties, tol
        Rank tie rule and tolerance.

    Returns
    -------
    SobolResult
    """
    from scipy.stats import sobol_indices, uniform

    points = check_points(points)
    classes = list(points.columns)
    k = len(classes)
    record = seed_record(seed)
    if n < 2 or n & (n - 1):
        raise EceiDataError(f"n must be a power of 2 (>= 2), got {n}")
    centre = np.ones(k) if nominal is None else weight_vector(nominal, classes)
    if reparameterisation == "box":
        if not 0 < spread <= 1:
            raise EceiDataError(f"spread must be within (0, 1], got {spread}")
    elif reparameterisation != "dirichlet":
        raise EceiDataError(
            "reparameterisation must be 'dirichlet' or 'box', got "
            f"{reparameterisation!r}"
        )
    matrix = points.to_numpy(float)
    nominal_ranks = rank_matrix(matrix @ centre, ties=ties, tol=tol)

    def weights_from(x: np.ndarray) -> np.ndarray:
        if reparameterisation == "dirichlet":
            return -np.log1p(-np.clip(x.T, 0.0, 1.0 - 1e-16))
        return centre * (1.0 + spread * (2.0 * x.T - 1.0))

    def model(x: np.ndarray) -> np.ndarray:
        ranks = rank_matrix(weights_from(x) @ matrix.T, ties=ties, tol=tol)
        shift = np.abs(ranks - nominal_ranks).mean(axis=1)
        return np.vstack([ranks.T.astype(float), shift[None, :]])

    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        result = sobol_indices(
            func=model, n=n, dists=[uniform(0, 1)] * k, rng=handle_seed(seed)
        )
    outputs = [*points.index, SHIFT_ROW]
    # Variance of each output over A and B (the estimator's own samples).
    sample = handle_seed(0).random((k, 2048))
    variance = pd.Series(model(sample).var(axis=1), index=outputs, name="variance")
    first = np.asarray(result.first_order, dtype=float)
    total = np.asarray(result.total_order, dtype=float)
    flat = np.isnan(first).all(axis=1) | np.isnan(total).all(axis=1)
    invariant = pd.Series(
        flat | (variance.to_numpy() == 0), index=outputs, name="invariant"
    )
    first[invariant.to_numpy()] = 0.0
    total[invariant.to_numpy()] = 0.0
    return SobolResult(
        first_order=pd.DataFrame(first, index=outputs, columns=classes),
        total=pd.DataFrame(total, index=outputs, columns=classes),
        variance=variance,
        invariant=invariant,
        parameters={
            "reparameterisation": reparameterisation,
            "nominal": dict(zip(classes, centre.tolist(), strict=True)),
            "spread": spread if reparameterisation == "box" else None,
            "n": n,
            "evaluations": n * (k + 2),
            "seed": record,
        },
    )
