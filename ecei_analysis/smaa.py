"""SMAA-2 stochastic multicriteria acceptability analysis over class weights.

References
----------
Lahdelma, R. and Salminen, P. (2001). SMAA-2: Stochastic multicriteria
acceptability analysis for group decision making. *Operations Research* 49(3),
444-454.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .errors import EceiDataError
from .montecarlo import AssessorNoise, count_ranks
from .rng import SeedLike, handle_seed
from .samplers import Sampler, make_sampler
from .scoring import rank_matrix

__all__ = ["SmaaResult", "smaa"]


@dataclass(frozen=True)
class SmaaResult:
    """Results of :func:`smaa`, as DataFrames indexed by cluster id.

    Attributes
    ----------
    acceptability
        Clusters × ranks (1..n): share of draws giving each cluster each rank.
    standard_error
        Monte Carlo standard error of each acceptability, sqrt(b (1 - b) / draws).
    central_weights
        Clusters × classes: mean normalised weights over draws that rank the
        cluster first (NaN for a cluster that never ranks first).
    confidence
        Probability that the cluster ranks first at its central weights (under
        assessor noise when given, else 0 or 1).
    pairwise
        Clusters × clusters: share of draws in which the row cluster ranks
        strictly above the column cluster (``None`` if not computed).
    parameters
        Sampler measure, draws, seed, ties, noise, for captions and provenance.
    """

    acceptability: pd.DataFrame
    standard_error: pd.DataFrame
    central_weights: pd.DataFrame
    confidence: pd.Series
    pairwise: pd.DataFrame | None
    parameters: dict = field(default_factory=dict)

    def first_rank_share(self) -> pd.Series:
        """Share of draws in which each cluster is first (b^1)."""
        return self.acceptability[1].rename("first")

    def holistic(self, meta_weights: np.ndarray | None = None) -> pd.Series:
        """Holistic acceptability ``sum_r a_r b^r`` (default a_r = (n - r)/(n - 1))."""
        n = self.acceptability.shape[1]
        if meta_weights is None:
            meta_weights = np.linspace(1.0, 0.0, n) if n > 1 else np.ones(1)
        return (
            (self.acceptability * np.asarray(meta_weights))
            .sum(axis=1)
            .rename("holistic")
        )


def smaa(
    points: pd.DataFrame,
    *,
    sampler: str | Sampler = "uniform",
    draws: int = 100_000,
    seed: SeedLike = 0,
    ties: str = "dense",
    tol: float | None = None,
    noise: AssessorNoise | None = None,
    pairwise: bool = True,
    confidence_draws: int = 10_000,
    chunk_size: int | None = None,
    progress: bool | None = None,
    **sampler_options,
) -> SmaaResult:
    """Run SMAA-2 over the class weights.

    Parameters
    ----------
    points
        Clusters × classes, from :func:`~ecei_analysis.class_points`.
    sampler
        Weight measure: ``uniform``, ``ordered``, ``dirichlet``, ``box`` or a
        :class:`~ecei_analysis.samplers.Sampler`.
    draws
        Monte Carlo draws. Memory is bounded by chunking whatever the number.
    seed
        Int (reproducible), Generator or None.
    ties, tol
        ``dense`` (default) or ``min`` ranks; score tolerance.
    noise
        Optional :class:`~ecei_analysis.montecarlo.AssessorNoise` drawn jointly
        with the weights.
    pairwise
        Compute pairwise winning indices (n² work per draw).
    confidence_draws
        Noise draws per cluster for the confidence factors (with ``noise``).
    chunk_size, progress
        Engine settings; see :func:`~ecei_analysis.montecarlo.count_ranks`.
    **sampler_options
        ``nominal``, ``concentration``, ``spread``, ``bounds``.

    Returns
    -------
    SmaaResult

    Examples
    --------
    >>> from ecei_analysis import load_study, class_points
    >>> result = smaa(class_points(load_study()), sampler="ordered", draws=20_000,
    ...               seed=1)
    >>> float(result.acceptability.sum(axis=1).round(12).max())
    1.0
    """
    if not isinstance(points, pd.DataFrame):
        raise EceiDataError("points must be a clusters × classes DataFrame")
    classes = tuple(points.columns)
    sampler = make_sampler(sampler, classes, **sampler_options)
    rng = handle_seed(seed)
    matrix = points.to_numpy(float)
    counts = count_ranks(
        matrix,
        sampler,
        draws,
        seed=rng,
        ties=ties,
        tol=tol,
        noise=noise,
        pairwise=pairwise,
        chunk_size=chunk_size,
        progress=progress,
    )
    n = len(points)
    index = points.index
    ranks = pd.Index(range(1, n + 1), name="rank")
    acceptability = pd.DataFrame(
        counts.rank_counts / counts.draws, index=index, columns=ranks
    )
    standard_error = np.sqrt(acceptability * (1 - acceptability) / counts.draws)
    firsts = counts.rank_counts[:, 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        central = counts.winner_weight_sums / firsts[:, None]
    central[firsts == 0] = np.nan
    central_weights = pd.DataFrame(central, index=index, columns=list(classes))
    confidence = _confidence(matrix, central, noise, confidence_draws, rng, ties, tol)
    pair = None
    if counts.pairwise_counts is not None:
        pair = pd.DataFrame(
            counts.pairwise_counts / counts.draws, index=index, columns=index
        )
    return SmaaResult(
        acceptability=acceptability,
        standard_error=standard_error,
        central_weights=central_weights,
        confidence=pd.Series(confidence, index=index, name="confidence"),
        pairwise=pair,
        parameters={
            "sampler": sampler.name,
            "measure": sampler.describe(),
            "draws": counts.draws,
            "seed": seed if isinstance(seed, int) else None,
            "ties": ties,
            "noise": noise.describe() if noise is not None else None,
        },
    )


def _confidence(
    matrix: np.ndarray,
    central: np.ndarray,
    noise: AssessorNoise | None,
    draws: int,
    rng: np.random.Generator,
    ties: str,
    tol: float | None,
) -> np.ndarray:
    n = len(matrix)
    out = np.zeros(n)
    for i in range(n):
        if np.isnan(central[i]).any():
            continue
        if noise is None:
            ranks = rank_matrix(matrix @ central[i], ties=ties, tol=tol)
            out[i] = float(ranks[i] == 1)
        else:
            scores = noise.class_points(draws, rng) @ central[i]
            out[i] = float(np.mean(rank_matrix(scores, ties=ties, tol=tol)[:, i] == 1))
    return out
