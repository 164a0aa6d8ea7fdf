"""JRC/COINr-style rank uncertainty: nominal, median, 5-95 % interval, mean shift.

The quantiles come exactly from each cluster's rank histogram, accumulated by the
shared chunked engine (no per-draw storage).

References
----------
Saisana, M., Saltelli, A. and Tarantola, S. (2005). Uncertainty and sensitivity
analysis techniques as tools for the quality assessment of composite indicators.
*J. R. Statist. Soc. A* 168(2), 307-323.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.checks import interval_pair
from ..core.defaults import DEFAULT_SEED
from ..core.results import Result
from ..core.seeds import SeedLike
from ..core.tolerances import EPS
from ..core.vocabulary import MONTE_CARLO_TIES, Ties, check_ties
from ..scoring.points import check_points
from ..scoring.ranks import rank_matrix
from ..scoring.weights import WeightsLike, takes_weights
from .engine import WeightModel, run_engine
from .noise import AssessorNoise
from .samplers import Sampler, make_sampler_around

__all__ = ["RankUncertaintyResult", "rank_quantiles", "rank_uncertainty"]


def rank_quantiles(histogram: np.ndarray, q: float) -> np.ndarray:
    """Return, per row of a rank histogram, the smallest rank r with CDF(r) >= q.

    Examples
    --------
    >>> rank_quantiles(np.array([[0.2, 0.5, 0.3]]), 0.5)
    array([2])
    """
    cdf = np.cumsum(histogram, axis=1) / histogram.sum(axis=1, keepdims=True)
    return np.argmax(cdf >= q - EPS, axis=1) + 1


@dataclass(frozen=True)
class RankUncertaintyResult(Result):
    """Rank uncertainty of each cluster (see :func:`rank_uncertainty`).

    Attributes
    ----------
    table
        Indexed by cluster: ``nominal``, ``median``, ``low``, ``high`` (the
        interval), ``mean_abs_shift`` (expected ``|rank - nominal|``), ``p_nominal``
        (probability of keeping the nominal rank).
    histogram
        Clusters × ranks: share of draws giving each rank.
    parameters
        Measure, draws, the seed's record, ties, interval, noise.
    """

    table: pd.DataFrame
    histogram: pd.DataFrame

    @property
    def mean_abs_shift(self) -> float:
        """Mean over clusters of the expected absolute rank shift."""
        return float(self.table["mean_abs_shift"].mean())

    def tidy(self) -> pd.DataFrame:
        """Long format: ``cluster, statistic, value``."""
        long = self.table.stack().rename("value").reset_index()
        long.columns = ["cluster", "statistic", "value"]
        return long


@takes_weights
def rank_uncertainty(
    points: pd.DataFrame,
    weights: WeightsLike,
    *,
    sampler: str | Sampler = "dirichlet",
    draws: int = 100_000,
    seed: SeedLike = DEFAULT_SEED,
    ties: Ties = "dense",
    tol: float | None = None,
    noise: AssessorNoise | None = None,
    interval: tuple[float, float] = (0.05, 0.95),
    chunk_size: int | None = None,
    progress: bool | None = None,
    **sampler_options,
) -> RankUncertaintyResult:
    """Rank uncertainty of each cluster under weight (and assessor) uncertainty.

    Parameters
    ----------
    points
        Clusters × classes.
    weights
        Nominal weights (the ranking everyone compares against), in any accepted
        form (``"3:2:1"``, a mapping). For the ``dirichlet``, ``box`` and
        ``fixed`` samplers they are also the sampler's centre unless ``nominal=``
        is given.
    sampler, draws, seed, ties, tol, noise, chunk_size, progress, **sampler_options
        As in :func:`~ecei_analysis.smaa`. With ``ties="min"`` places count the
        clusters strictly ahead (the movement semantics).
    interval
        Lower and upper quantile of the reported rank interval.

    Returns
    -------
    RankUncertaintyResult
    """
    points = check_points(points)
    ties = check_ties(ties, MONTE_CARLO_TIES)
    interval = interval_pair(interval, "interval")
    classes = tuple(points.columns)
    nominal_vec = weights.vector_for(classes)
    sampler = make_sampler_around(sampler, nominal_vec, classes, **sampler_options)
    matrix = points.to_numpy(float)
    if noise is not None:
        noise.check_matches(points)
    nominal = rank_matrix(matrix @ nominal_vec, ties=ties, tol=tol)
    counts = run_engine(
        WeightModel(matrix, sampler, noise),
        draws,
        seed=seed,
        ties=ties,
        tol=tol,
        chunk_size=chunk_size,
        progress=progress,
        what="rank uncertainty",
    )
    hist = counts.rank_counts / counts.draws
    n = len(points)
    rank_values = np.arange(1, n + 1)
    shift = (np.abs(rank_values[None, :] - nominal[:, None]) * hist).sum(axis=1)
    table = pd.DataFrame(
        {
            "nominal": nominal,
            "median": rank_quantiles(hist, 0.5),
            "low": rank_quantiles(hist, interval[0]),
            "high": rank_quantiles(hist, interval[1]),
            "mean_abs_shift": shift,
            "p_nominal": hist[np.arange(n), nominal - 1],
        },
        index=points.index,
    )
    histogram = pd.DataFrame(
        hist, index=points.index, columns=pd.Index(rank_values, name="rank")
    )
    return RankUncertaintyResult(
        table=table,
        histogram=histogram,
        parameters={
            "method": "rank uncertainty",
            "sampler": sampler.name,
            "measure": sampler.spec(),
            "nominal": dict(zip(classes, nominal_vec.tolist(), strict=True)),
            "draws": counts.draws,
            "seed": counts.seed,
            "ties": ties,
            "tol": tol,
            "interval": list(interval),
            "noise": noise.spec() if noise is not None else None,
        },
    )
