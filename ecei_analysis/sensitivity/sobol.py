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

Estimator: Saltelli (2010), as :func:`scipy.stats.sobol_indices` computes it
(the same scrambled Sobol' design of 2k columns, centred outputs, the same
formulas), but **streamed**: the design is read in chunks and only running sums
are kept, so memory is bounded whatever ``n`` (up to 2^24 and beyond). Up to
rounding the result is the one :func:`scipy.stats.sobol_indices` gives (tested).

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

from ..core.checks import whole_number
from ..core.defaults import DEFAULT_SEED
from ..core.errors import EceiDataError
from ..core.results import Result
from ..core.seeds import SeedLike, seeded_generator
from ..core.tolerances import EPS
from ..core.vocabulary import Ties
from ..core.work import check_work
from ..scoring.points import check_points
from ..scoring.ranks import rank_matrix
from ..scoring.weights import WeightsLike, takes_weights
from .engine import estimate_seconds

__all__ = ["SobolResult", "check_base_size", "sobol_rank_indices"]

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


def check_base_size(n: object, name: str = "n") -> int:
    """Return the Sobol base sample size ``n``: a whole power of 2, at least 2.

    Examples
    --------
    >>> check_base_size(4096)
    4096
    """
    n = whole_number(n, name, low=2)
    if n & (n - 1):
        raise EceiDataError(f"{name} must be a power of 2 (>= 2), got {n}")
    return n


@takes_weights
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
    progress: bool | None = None,
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
    progress
        Progress bar (default: for interactive runs estimated over 2 s).

    Returns
    -------
    SobolResult
    """
    points = check_points(points)
    classes = list(points.columns)
    k = len(classes)
    n = check_base_size(n)
    evaluations = n * (k + 2)  # Saltelli's design: A, B and one A_B per class
    check_work(
        estimate_seconds(evaluations, len(points)),
        f"Sobol indices with n = {n:,} ({evaluations:,} rankings of "
        f"{len(points)} clusters)",
    )
    centre = np.ones(k) if nominal is None else nominal.vector_for(classes)
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

    outputs = [*points.index, SHIFT_ROW]
    rng, record = seeded_generator(seed)
    sums = _streamed_sums(model, k, len(outputs), n, rng, progress)
    first, total, var = _saltelli_2010(sums, n)
    variance = pd.Series(var, index=outputs, name="variance")
    invariant = pd.Series(variance.to_numpy() <= 0, index=outputs, name="invariant")
    first[invariant.to_numpy()] = 0.0
    total[invariant.to_numpy()] = 0.0
    first[~np.isfinite(first)] = 0.0
    total[~np.isfinite(total)] = 0.0
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


#: Memory of one chunk of the streamed design (model evaluations included).
CHUNK_BYTES = 64 * 2**20


def _streamed_sums(model, k: int, outputs: int, n: int, rng, progress) -> dict:
    """Accumulate the Saltelli (2010) estimators' sums over the design, by chunks.

    The design is scipy's: a scrambled Sobol' sequence of 2k columns, A the first
    k, B the last k, AB_i = A with column i from B.
    """
    from scipy.stats import qmc

    from ..core.work import show_progress
    from .engine import estimate_seconds

    engine = qmc.Sobol(d=2 * k, rng=rng, bits=64)
    per_row = 8 * outputs * (k + 2) * 4  # model outputs and temporaries
    chunk = int(max(1, min(n, CHUNK_BYTES // per_row)))
    chunk = 1 << (chunk.bit_length() - 1)  # a power of 2: the sequence stays balanced
    zeros = np.zeros(outputs)
    sums = {
        "a": zeros.copy(),
        "b": zeros.copy(),
        "aa": zeros.copy(),
        "bb": zeros.copy(),
        "b_ab_a": np.zeros((k, outputs)),
        "ab_a": np.zeros((k, outputs)),
        "a_ab_sq": np.zeros((k, outputs)),
    }
    seconds = estimate_seconds(n * (k + 2), max(outputs - 1, 1), pairwise=False)
    bar = None
    if show_progress(seconds, progress):
        from tqdm.auto import tqdm

        bar = tqdm(total=n, desc="Sobol", unit="base rows", leave=False)
    done = 0
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        while done < n:
            m = min(chunk, n - done)
            design = engine.random(m).T  # (2k, m)
            a, b = design[:k], design[k:]
            f_a, f_b = model(a), model(b)  # (outputs, m)
            sums["a"] += f_a.sum(axis=1)
            sums["b"] += f_b.sum(axis=1)
            sums["aa"] += (f_a**2).sum(axis=1)
            sums["bb"] += (f_b**2).sum(axis=1)
            for i in range(k):
                ab = a.copy()
                ab[i] = b[i]
                diff = model(ab) - f_a
                sums["b_ab_a"][i] += (f_b * diff).sum(axis=1)
                sums["ab_a"][i] += diff.sum(axis=1)
                sums["a_ab_sq"][i] += (diff**2).sum(axis=1)
            done += m
            if bar is not None:
                bar.update(m)
    if bar is not None:
        bar.close()
    return sums


def _saltelli_2010(sums: dict, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return first-order and total indices (outputs × classes), and variances.

    With the outputs centred on the mean m of A and B (as scipy does):
    S_i = mean(f_B (f_AB_i - f_A)) / V, S_Ti = mean((f_A - f_AB_i)²) / (2V).
    """
    mean = (sums["a"] + sums["b"]) / (2 * n)
    var = (sums["aa"] + sums["bb"]) / (2 * n) - mean**2
    var = np.where(var > EPS * np.maximum(mean**2, 1.0), var, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        first = ((sums["b_ab_a"] - mean * sums["ab_a"]) / n / var).T
        total = (0.5 * sums["a_ab_sq"] / n / var).T
    return first, total, var
