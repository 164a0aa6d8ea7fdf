"""SMAA-2 stochastic multicriteria acceptability analysis.

:func:`smaa` draws the weights from a sampler (a stated measure) or takes weight
samples the analyst supplies (elicited weights, posterior draws, another tool's
samples), and takes the criteria measurements fixed, with assessor noise, or as
supplied samples. With three significance classes the criteria are the classes;
with supplied samples any number of criteria works (names from the columns).

Measures (Lahdelma and Salminen 2001):

* rank acceptability b_i^r: the share of scenarios giving cluster i rank r;
* central weights w_i^c: the mean normalised weights of the scenarios that rank
  i first; undefined (NaN) for a cluster that is never first;
* confidence factor p_i^c: the probability that i is first when its central
  weights are used, over the measurement distribution; undefined (NaN) where
  the central weights are;
* pairwise winning index: the share of scenarios in which i ranks strictly
  above j.

References
----------
Lahdelma, R. and Salminen, P. (2001). SMAA-2: Stochastic multicriteria
acceptability analysis for group decision making. *Operations Research* 49(3),
444-454.

Tervonen, T. and Lahdelma, R. (2007). Implementing stochastic multicriteria
acceptability analysis. *European Journal of Operational Research* 178(2),
500-513.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.checks import whole_number
from ..core.defaults import DEFAULT_SEED
from ..core.errors import EceiDataError
from ..core.results import Result
from ..core.seeds import SeedLike, spawn_generators
from ..core.vocabulary import MONTE_CARLO_TIES, Ties, check_ties
from ..scoring.points import check_points
from ..scoring.ranks import rank_matrix, row_tolerance
from .engine import WeightModel, resolve_pairwise, run_engine
from .noise import AssessorNoise
from .samplers import Sampler, make_sampler

__all__ = ["SmaaResult", "smaa", "smaa_confidence"]


@dataclass(frozen=True)
class SmaaResult(Result):
    """Results of :func:`smaa`, as DataFrames indexed by cluster id.

    Attributes
    ----------
    acceptability
        Clusters × ranks (1..n): share of draws giving each cluster each rank.
    standard_error
        Monte Carlo standard error of each acceptability, sqrt(b (1 - b) / draws).
    central_weights
        Clusters × criteria: mean normalised weights over draws that rank the
        cluster first (NaN for a cluster that never ranks first: undefined).
    confidence
        Probability that the cluster ranks first at its central weights, over the
        measurement distribution (NaN where the central weights are undefined).
    pairwise
        Clusters × clusters: share of draws in which the row cluster ranks
        strictly above the column cluster (``None`` if not computed).
    parameters
        Measure, draws, the seed's record, ties, noise: for captions and
        provenance.
    """

    acceptability: pd.DataFrame
    standard_error: pd.DataFrame
    central_weights: pd.DataFrame
    confidence: pd.Series
    pairwise: pd.DataFrame | None

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

    def tidy(self) -> pd.DataFrame:
        """Long format: ``cluster, measure, key, value`` for every measure."""
        parts = [
            _long(self.acceptability, "acceptability"),
            _long(self.central_weights, "central_weight"),
            self.confidence.rename("value")
            .rename_axis("cluster")
            .reset_index()
            .assign(key="", measure="confidence"),
        ]
        if self.pairwise is not None:
            parts.append(_long(self.pairwise, "pairwise"))
        out = pd.concat(parts, ignore_index=True)
        out["key"] = out["key"].astype(str)
        return out[["cluster", "measure", "key", "value"]]


def _long(frame: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Return a clusters × keys frame as rows ``cluster, key, value, measure``."""
    long = frame.stack(future_stack=True).rename("value")
    long.index = long.index.set_names(["cluster", "key"])
    return long.reset_index().assign(measure=measure)


def _given_weights(weights, criteria: list[str] | None) -> tuple[np.ndarray, list[str]]:
    if isinstance(weights, pd.DataFrame):
        names = [str(c) for c in weights.columns]
        array = weights.to_numpy()
    elif isinstance(weights, pd.Series):
        names = [str(c) for c in weights.index]
        array = weights.to_numpy()
    else:
        array = weights
        names = None
    try:
        array = np.asarray(array, dtype=float)
    except (TypeError, ValueError):
        raise EceiDataError("weight samples must be numbers") from None
    if array.ndim == 1:
        array = array[None, :]
    if array.ndim != 2 or array.shape[0] < 1 or array.shape[1] < 1:
        raise EceiDataError(
            "weight samples must be an (N, criteria) array or DataFrame, or one "
            "weight vector, got shape "
            f"{array.shape}"
        )
    if criteria is not None and names is not None and names != criteria:
        raise EceiDataError(
            f"the weight samples' columns {names} differ from the criteria {criteria}"
        )
    names = names or criteria or [f"c{j + 1}" for j in range(array.shape[1])]
    if len(names) != array.shape[1]:
        raise EceiDataError(
            f"weight samples have {array.shape[1]} columns for {len(names)} criteria"
        )
    if not np.all(np.isfinite(array)) or np.any(array < 0):
        raise EceiDataError("weight samples must be finite and >= 0")
    total = array.sum(axis=1)
    if np.any(total <= 0):
        row = int(np.flatnonzero(total <= 0)[0])
        raise EceiDataError(f"weight sample {row} is all zero")
    return array / total[:, None], names


def _given_measurements(measurements, n: int | None, k: int | None) -> np.ndarray:
    try:
        array = np.asarray(measurements, dtype=float)
    except (TypeError, ValueError):
        raise EceiDataError("measurement samples must be numbers") from None
    if array.ndim != 3 or 0 in array.shape:
        raise EceiDataError(
            "measurement samples must be an (N, clusters, criteria) array, got shape "
            f"{array.shape}"
        )
    if (n is not None and array.shape[1] != n) or (
        k is not None and array.shape[2] != k
    ):
        raise EceiDataError(
            f"measurement samples are {array.shape[1]} clusters × {array.shape[2]} "
            f"criteria, but the points are {n} × {k}"
        )
    if not np.all(np.isfinite(array)):
        raise EceiDataError("measurement samples must be finite")
    return array


def smaa(
    points: pd.DataFrame | None,
    *,
    weights: np.ndarray | pd.DataFrame | None = None,
    measurements: np.ndarray | None = None,
    sampler: str | Sampler = "uniform",
    draws: int = 100_000,
    seed: SeedLike = DEFAULT_SEED,
    ties: Ties = "dense",
    tol: float | None = None,
    noise: AssessorNoise | None = None,
    pairwise: bool | None = None,
    confidence_draws: int = 10_000,
    chunk_size: int | None = None,
    progress: bool | None = None,
    **sampler_options,
) -> SmaaResult:
    """Run SMAA-2 over the class weights, or over given samples.

    Parameters
    ----------
    points
        Clusters × criteria (usually the three classes, from
        :func:`~ecei_analysis.class_points`). With ``measurements`` it may be
        ``None`` (clusters are then numbered) or a frame giving the labels.
    weights
        Given weight samples: an ``(N, criteria)`` array or DataFrame (criteria
        from its columns), any positive scale per row (normalised). Replaces the
        sampler; ``draws`` becomes N. One weight vector (shape ``(criteria,)``)
        is a fixed weighting, used with every measurement sample.
    measurements
        Given measurement samples: an ``(N, clusters, criteria)`` array. With
        given weights both must have N rows (used pairwise, in order); alone, the
        weights are drawn from ``sampler``.
    sampler
        Weight measure when no weights are given: ``uniform``, ``ordered``,
        ``dirichlet``, ``box``, ``fixed`` or a
        :class:`~ecei_analysis.sensitivity.samplers.Sampler`.
    draws
        Monte Carlo draws (ignored when samples are given). Memory is bounded by
        chunking whatever the number.
    seed
        Int, Generator or None (default: the package's one default seed).
    ties, tol
        ``dense`` (default) or ``min`` ranks; score tolerance.
    noise
        Optional :class:`~ecei_analysis.AssessorNoise` drawn jointly with the
        weights; checked to describe the same study as ``points``.
    pairwise
        Compute pairwise winning indices (n² work per draw); ``None``: only up to
        200 clusters.
    confidence_draws
        Measurement draws for the confidence factors under ``noise``.
    chunk_size, progress
        Engine settings; see :func:`~ecei_analysis.sensitivity.engine.run_engine`.
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
    ties = check_ties(ties, MONTE_CARLO_TIES)
    given = _smaa_inputs(points, weights, measurements, sampler, sampler_options)
    draws = whole_number(given.draws or draws, "draws", low=1)
    if noise is not None:
        if given.measurements is not None:
            raise EceiDataError("give either noise= or measurements=, not both")
        if not isinstance(noise, AssessorNoise):
            raise EceiDataError("noise must be an AssessorNoise")
        noise.check_matches(points)
    measurement_source = given.measurements if given.measurements is not None else noise
    model = WeightModel(given.matrix, given.weights, measurement_source)
    n = len(given.index)
    pairwise = resolve_pairwise(pairwise, n, draws)
    streams, record = spawn_generators(seed, ("engine", "confidence"))
    counts = run_engine(
        model,
        draws,
        seed=streams["engine"],
        ties=ties,
        tol=tol,
        pairwise=pairwise,
        chunk_size=chunk_size,
        progress=progress,
        what="SMAA",
    )
    if given.measurements is not None:
        conf_measurements = given.measurements
    elif noise is not None:
        conf_draws = whole_number(confidence_draws, "confidence_draws", low=1)
        conf_measurements = noise.draw(conf_draws, streams["confidence"])
    else:
        conf_measurements = given.matrix
    parameters = {
        "method": "SMAA-2",
        "sampler": given.sampler_name,
        "measure": given.measure,
        "measurements": (
            {"name": "given", "draws": len(given.measurements)}
            if given.measurements is not None
            else (noise.spec() if noise is not None else {"name": "fixed"})
        ),
        "draws": counts.draws,
        "seed": record,
        "ties": ties,
        "tol": tol,
        "pairwise": pairwise,
    }
    return _smaa_result(counts, given, conf_measurements, parameters)


@dataclass(frozen=True)
class _SmaaInputs:
    """What SMAA runs on, checked: clusters, criteria, weights, measurements."""

    index: pd.Index
    criteria: list[str]
    matrix: np.ndarray
    weights: Sampler | np.ndarray
    measurements: np.ndarray | None
    measure: dict
    sampler_name: str
    draws: int | None  # the number of given samples (None: as asked)


def _smaa_inputs(
    points: pd.DataFrame | None,
    weights: np.ndarray | pd.DataFrame | None,
    measurements: np.ndarray | None,
    sampler: str | Sampler,
    sampler_options: dict,
) -> _SmaaInputs:
    """Check the points, the given samples and the sampler against each other."""
    if points is None and measurements is None:
        raise EceiDataError("smaa needs points, or measurement samples")
    if points is not None:
        points = check_points(points)
    n = None if points is None else len(points)
    k = None if points is None else points.shape[1]
    given_m = None
    if measurements is not None:
        given_m = _given_measurements(measurements, n, k)
        n, k = given_m.shape[1], given_m.shape[2]
    criteria = None if points is None else [str(c) for c in points.columns]
    given_w = None
    if weights is not None:
        if sampler_options:
            raise EceiDataError(
                f"sampler options {sorted(sampler_options)} do not apply to given "
                "weight samples"
            )
        given_w, criteria = _given_weights(weights, criteria)
        if k is not None and given_w.shape[1] != k:
            raise EceiDataError(
                f"weight samples have {given_w.shape[1]} criteria, the measurements {k}"
            )
    if criteria is None:
        criteria = [f"c{j + 1}" for j in range(k)]
    index = points.index if points is not None else pd.RangeIndex(n, name="cluster")
    if given_w is not None and given_m is not None and len(given_w) == 1:
        given_w = np.repeat(given_w, len(given_m), axis=0)
    if given_w is not None and given_m is not None and len(given_w) != len(given_m):
        raise EceiDataError(
            f"given weight samples ({len(given_w)}) and measurement samples "
            f"({len(given_m)}) must have the same number of rows"
        )
    matrix = points.to_numpy(float) if points is not None else given_m.mean(axis=0)
    if given_w is not None:
        return _SmaaInputs(
            index,
            criteria,
            matrix,
            given_w,
            given_m,
            {"name": "given", "draws": len(given_w)},
            "given",
            len(given_w),
        )
    source = make_sampler(sampler, criteria, **sampler_options)
    if source.k != k:
        raise EceiDataError(f"the sampler has {source.k} classes, the points {k}")
    draws = len(given_m) if given_m is not None else None
    return _SmaaInputs(
        index, criteria, matrix, source, given_m, source.spec(), source.name, draws
    )


def _smaa_result(
    counts, given: _SmaaInputs, conf_measurements: np.ndarray, parameters: dict
) -> SmaaResult:
    """Turn the engine's counts into acceptabilities, central weights, confidence."""
    index = given.index
    ties, tol = parameters["ties"], parameters["tol"]
    ranks = pd.Index(range(1, len(index) + 1), name="rank")
    acceptability = pd.DataFrame(
        counts.rank_counts / counts.draws, index=index, columns=ranks
    )
    standard_error = np.sqrt(acceptability * (1 - acceptability) / counts.draws)
    firsts = counts.rank_counts[:, 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        central = counts.winner_weight_sums / firsts[:, None]
    central[firsts == 0] = np.nan
    central_weights = pd.DataFrame(central, index=index, columns=given.criteria)
    confidence = smaa_confidence(conf_measurements, central_weights, ties=ties, tol=tol)
    pair = None
    if counts.pairwise_counts is not None:
        pair = pd.DataFrame(
            counts.pairwise_counts / counts.draws, index=index, columns=index
        )
    return SmaaResult(
        acceptability=acceptability,
        standard_error=standard_error,
        central_weights=central_weights,
        confidence=confidence,
        pairwise=pair,
        parameters=parameters,
    )


def smaa_confidence(
    measurements: np.ndarray | pd.DataFrame,
    central_weights: pd.DataFrame | np.ndarray,
    *,
    ties: Ties = "dense",
    tol: float | None = None,
) -> pd.Series:
    """SMAA-2 confidence factors: P(first) of each cluster at its central weights.

    Parameters
    ----------
    measurements
        ``(N, clusters, criteria)`` measurement samples, or ``(clusters,
        criteria)`` fixed points (then each factor is 0 or 1).
    central_weights
        Clusters × criteria (from :class:`SmaaResult`); a row of NaN (a cluster
        never ranked first) gives a NaN factor: undefined, not 0.
    ties, tol
        A cluster tied for first counts as first.

    Returns
    -------
    pandas.Series
        Indexed like ``central_weights`` (or 0..n-1), named ``confidence``.

    Examples
    --------
    >>> pts = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> cw = pd.DataFrame([[0.75, 0.25], [np.nan, np.nan]], index=["a", "b"])
    >>> smaa_confidence(pts, cw).tolist()
    [1.0, nan]
    """
    ties = check_ties(ties, MONTE_CARLO_TIES)
    if isinstance(measurements, pd.DataFrame):
        measurements = measurements.to_numpy(float)
    try:
        meas = np.asarray(measurements, dtype=float)
    except (TypeError, ValueError):
        raise EceiDataError("measurements must be numbers") from None
    if meas.ndim == 2:
        meas = meas[None, :, :]
    if meas.ndim != 3 or not np.all(np.isfinite(meas)):
        raise EceiDataError(
            "measurements must be finite, (N, clusters, criteria) or (clusters, "
            "criteria)"
        )
    index = (
        central_weights.index
        if isinstance(central_weights, pd.DataFrame)
        else pd.RangeIndex(meas.shape[1])
    )
    central = np.asarray(central_weights, dtype=float)
    if central.shape != meas.shape[1:]:
        raise EceiDataError(
            f"central weights are {central.shape}, measurements per sample "
            f"{meas.shape[1:]}"
        )
    out = np.full(len(central), np.nan)
    valid = [i for i, w in enumerate(central) if not np.isnan(w).any()]
    if not valid:
        return pd.Series(out, index=index, name="confidence")
    n, k = meas.shape[1], max(1, meas.shape[2])
    # One pass over the samples for every central weight at once: the block is
    # laid out (criteria, clusters, samples), so one matrix product gives each
    # weight's scores with the samples contiguous (fast reductions per sample).
    chunk = max(1, (64 * 2**20) // (8 * n * max(k, len(valid))))
    first = np.zeros(len(central), dtype=np.int64)
    for start in range(0, len(meas), chunk):
        block = np.ascontiguousarray(meas[start : start + chunk].transpose(2, 1, 0))
        scores = np.tensordot(central[valid], block, axes=(1, 0))  # (v, n, c)
        for j, i in enumerate(valid):
            first[i] += np.count_nonzero(
                _ranked_first(scores[j].T, i, ties=ties, tol=tol)
            )
    out[valid] = first[valid] / len(meas)
    return pd.Series(out, index=index, name="confidence")


def _ranked_first(
    scores: np.ndarray, i: int, *, ties: Ties, tol: float | None
) -> np.ndarray:
    """Rows where cluster ``i`` ranks first, exactly as :func:`rank_matrix` says.

    Ties chain (a ≈ b ≈ c), so a cluster within the tolerance of the best is
    first, and one further below can still be first through a chain of small
    gaps: only those rows, where another cluster lies within the tolerance above
    ``i``, are ranked in full. Every other row needs a maximum, not a sort.
    """
    # Column-major: every reduction over a row's few clusters then runs over
    # contiguous columns (about ten times faster than row by row); the caller's
    # layout is already so, and this makes no copy then.
    scores = np.asfortranarray(scores)
    limit = row_tolerance(scores, tol)
    own = scores[:, i]
    first = scores.max(axis=1) - own <= limit
    above = scores - own[:, None]
    chained = ~first & ((above > 0) & (above <= limit[:, None])).any(axis=1)
    if chained.any():
        ranks = rank_matrix(scores[chained], ties=ties, tol=tol)
        first[chained] = ranks[:, i] == 1
    return first
