"""Robustness to the significance classification itself.

Which indicator is "very important" is a proposal under debate. We draw
alternative classifications jointly with the class weights and measure for every
cluster how its place depends on each indicator's class. Three ways to draw a
classification:

* ``p``: each indicator moves to a neighbouring class with probability ``p``
  (very important ↔ important ↔ not so important; an *important* indicator
  moves up or down with equal chance);
* ``proposals``: one of several analyst-supplied classifications, uniformly;
* ``class_probabilities``: each indicator independently takes a class with given
  probabilities (e.g. the shares of a panel's votes).

Per draw the score is ``points @ v`` where ``v[j]`` is the weight of indicator j's
drawn class. The draws run on the shared engine
(:func:`~ecei_analysis.sensitivity.engine.run_engine`), with observers for the
classification-specific sums.

The effect of indicator j on cluster i is the difference of i's mean rank between
draws in which j's class differs from the default and draws in which it does not
(positive = the change costs i places), with its Monte Carlo standard error.
Because indicators are drawn independently (for ``p`` and
``class_probabilities``) this estimates j's average main effect.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.checks import finite_number, interval_pair
from ..core.defaults import DEFAULT_SEED
from ..core.errors import EceiDataError
from ..core.results import Result
from ..core.seeds import SeedLike
from ..core.tolerances import SLACK
from ..core.vocabulary import MONTE_CARLO_TIES, Ties, check_ties
from ..data.study import Study, check_classification
from ..scoring.ranks import rank_matrix
from ..scoring.weights import WeightsLike, takes_weights
from .engine import Chunk, normalise_rows, run_engine
from .rank_uncertainty import rank_quantiles
from .samplers import Sampler, make_sampler_around
from .streams import BLOCK, BlockStream
from .workspace import Workspace

__all__ = ["ClassificationModel", "ClassificationResult", "classification_uncertainty"]


@dataclass(frozen=True)
class ClassificationResult(Result):
    """Results of :func:`classification_uncertainty`.

    Attributes
    ----------
    summary
        Per cluster: ``nominal`` rank (default classification, nominal weights),
        ``mean_rank``, ``p_nominal`` (probability of keeping that place),
        ``low``/``high`` (5-95 % rank interval).
    effects
        Long table: ``cluster``, ``indicator``, ``class``, ``effect`` (mean rank
        when the class differs minus when not), ``se``, ``moved_share``; sorted by
        cluster and decreasing ``|effect|``.
    proposals
        With analyst proposals: mean rank and P(first) per proposal × cluster.
    histogram
        Clusters × ranks: share of draws giving each rank.
    parameters
        How classifications and weights were drawn, draws, the seed's record.
    """

    summary: pd.DataFrame
    effects: pd.DataFrame
    proposals: pd.DataFrame | None
    histogram: pd.DataFrame

    def top_indicators(self, cluster: str, k: int = 5) -> pd.DataFrame:
        """Return the ``k`` indicators whose classification moves ``cluster`` most."""
        sub = self.effects[self.effects["cluster"] == cluster]
        return sub.head(k).reset_index(drop=True)

    def tidy(self) -> pd.DataFrame:
        """Long format: one row per cluster and indicator (the effects)."""
        return self.effects.copy()


class _Effects:
    """Observer: rank sums over draws in which each indicator's class moved."""

    def __init__(self, n: int, n_ind: int) -> None:
        self.rank_sum = np.zeros((n_ind, n))
        self.rank_sq = np.zeros((n_ind, n))
        self.count = np.zeros(n_ind)

    def partial(self, chunk: Chunk, ranks: np.ndarray):
        moved = chunk.extras["moved"].astype(float)
        r = ranks.astype(float)
        return moved.T @ r, moved.T @ r**2, moved.sum(axis=0)

    def merge(self, partial) -> None:
        s, q, c = partial
        self.rank_sum += s
        self.rank_sq += q
        self.count += c


class _Proposals:
    """Observer: rank sums and firsts per proposal."""

    def __init__(self, n: int, count: int) -> None:
        self.rank = np.zeros((count, n))
        self.first = np.zeros((count, n))
        self.count = np.zeros(count)

    def partial(self, chunk: Chunk, ranks: np.ndarray):
        pick = chunk.extras["pick"]
        q = len(self.count)
        rank = np.stack([ranks[pick == i].sum(axis=0) for i in range(q)])
        first = np.stack([(ranks[pick == i] == 1).sum(axis=0) for i in range(q)])
        return rank, first, np.bincount(pick, minlength=q)

    def merge(self, partial) -> None:
        r, f, c = partial
        self.rank += r
        self.first += f
        self.count += c

    def frame(self, ids: pd.Index) -> pd.DataFrame:
        """Mean place and share of first place of each cluster, per proposal."""
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = self.rank / self.count[:, None]
            first = self.first / self.count[:, None]
        frame = pd.concat(
            {
                "mean_rank": pd.DataFrame(mean, columns=ids),
                "p_first": pd.DataFrame(first, columns=ids),
            },
            axis=1,
        )
        frame.index.name = "proposal"
        return frame


#: Cost of one cluster × indicator product of a drawn classification, in units
#: of the engine's per-uniform noise cost (measured; see ``noise_work_per_draw``).
CLASS_DRAW_COST = 0.4


class ClassificationModel:
    """Scenarios from drawn weights and drawn classifications.

    Parameters
    ----------
    indicator_points
        ``(n, n_indicators)``.
    codes
        ``(n_indicators,)`` default class index of each indicator.
    weights
        Weight sampler over the k classes.
    draw_classes
        ``draw_classes(size, rng) -> (classes (size, n_ind), moved (size, n_ind),
        pick (size,))``.
    """

    stream_names = ("weights", "classification")

    def __init__(
        self,
        indicator_points: np.ndarray,
        codes: np.ndarray,
        weights: Sampler,
        draw_classes: Callable,
    ) -> None:
        self.points = np.asarray(indicator_points, dtype=float)
        self.n, self.n_ind = self.points.shape
        self.k = weights.k
        self.codes = codes
        self.weights = weights
        self.draw_classes = draw_classes

    @property
    def bytes_per_draw(self) -> int:
        """Working memory one draw needs."""
        return self.n * 8 * 10 + self.n_ind * 8 * 6

    @property
    def noise_work_per_draw(self) -> float:
        """Work per draw beyond the ranking, in the engine's noise units.

        A drawn classification gives every indicator a weight and every cluster
        a new score (clusters × indicators products); measured on the reference
        machine at 0.4 noise units per product (19 clusters × 29 indicators,
        2 × 10^5 draws: 0.38 s against an estimate of 0.05 s without it).
        """
        return CLASS_DRAW_COST * self.n * self.n_ind

    def open(self, streams):
        """Return ``next_chunk(m)``."""
        weight_stream = self.weights.stream(streams["weights"])
        class_stream = BlockStream(
            lambda rng: self.draw_classes(BLOCK, rng), streams["classification"]
        )

        def next_chunk(m: int) -> Callable[[Workspace], Chunk]:
            w = normalise_rows(weight_stream.take(m)[0])
            drawn, moved, pick = class_stream.take(m)

            def build(space: Workspace) -> Chunk:
                v = np.take_along_axis(w, drawn, axis=1)  # (m, n_ind) weights
                scores = np.matmul(
                    v, self.points.T, out=space.array("scores", (m, self.n))
                )
                return Chunk(w, scores, {"moved": moved, "pick": pick})

            return build

        return next_chunk


def _neighbour_mover(codes: np.ndarray, k: int, p: float):
    def draw(size: int, rng: np.random.Generator):
        moved = rng.random((size, len(codes))) < p
        up = rng.random((size, len(codes))) < 0.5
        step = np.where(up, -1, 1)
        step = np.where(codes == 0, 1, np.where(codes == k - 1, -1, step))
        drawn = np.where(moved, codes + step, codes)
        return drawn, moved, np.zeros(size, dtype=np.int64)

    return draw


def _proposal_mover(codes: np.ndarray, proposal_codes: np.ndarray):
    def draw(size: int, rng: np.random.Generator):
        pick = rng.integers(0, len(proposal_codes), size=size)
        drawn = proposal_codes[pick]
        return drawn, drawn != codes, pick

    return draw


def _probability_mover(codes: np.ndarray, probabilities: np.ndarray):
    cdf = np.cumsum(probabilities, axis=1)
    cdf[:, -1] = 1.0

    def draw(size: int, rng: np.random.Generator):
        u = rng.random((size, len(codes)))
        drawn = (u[:, :, None] >= cdf[None, :, :]).sum(axis=2)
        return drawn, drawn != codes, np.zeros(size, dtype=np.int64)

    return draw


def _check_probabilities(table, study: Study, classes) -> np.ndarray:
    if not isinstance(table, pd.DataFrame):
        raise EceiDataError(
            "class_probabilities must be a DataFrame: indicators × classes"
        )
    frame = table.reindex(index=study.indicators.index, columns=list(classes))
    missing = [c for c in study.indicators.index if c not in table.index]
    if missing or frame.isna().any().any():
        raise EceiDataError(
            "class_probabilities must give every indicator a probability for every "
            f"class ({', '.join(classes)}); missing for {missing or 'some cells'}"
        )
    probs = frame.to_numpy(float)
    sums = probs.sum(axis=1)
    if np.any(probs < 0) or np.any(np.abs(sums - 1) > SLACK):
        raise EceiDataError("class_probabilities rows must be >= 0 and sum to 1")
    return probs


@takes_weights
def classification_uncertainty(
    study: Study,
    weights: WeightsLike,
    *,
    p: float = 0.1,
    proposals: Sequence[pd.Series] | None = None,
    class_probabilities: pd.DataFrame | None = None,
    sampler: str | Sampler = "dirichlet",
    draws: int = 20_000,
    seed: SeedLike = DEFAULT_SEED,
    ties: Ties = "dense",
    tol: float | None = None,
    interval: tuple[float, float] = (0.05, 0.95),
    chunk_size: int | None = None,
    progress: bool | None = None,
    **sampler_options,
) -> ClassificationResult:
    """Monte Carlo over classifications (and weights): what each place hinges on.

    Parameters
    ----------
    study
        The study (indicator-level points, default classification).
    weights
        Nominal class weights (and the centre of ``dirichlet``/``box``/``fixed``
        samplers), in any accepted form.
    p
        Probability that an indicator moves to a neighbouring class (used when
        neither ``proposals`` nor ``class_probabilities`` is given).
    proposals
        Alternative classifications (Series code → class); each draw uses one,
        uniformly. Effects are then per indicator whose class differs from the
        default in the drawn proposal.
    class_probabilities
        Indicators × classes probabilities (rows sum to 1): each draw gives each
        indicator a class independently.
    sampler, draws, seed, ties, tol, chunk_size, progress, **sampler_options
        Weight uncertainty drawn jointly (``sampler="fixed"`` keeps the nominal
        weights) and engine settings; see :func:`~ecei_analysis.smaa`.
    interval
        Quantiles of the reported rank interval.

    Returns
    -------
    ClassificationResult
    """
    if not isinstance(study, Study):
        raise EceiDataError(f"study must be a Study, got {type(study).__name__}")
    ties = check_ties(ties, MONTE_CARLO_TIES)
    classes = study.classes
    w0 = weights.vector_for(classes)
    weight_sampler = make_sampler_around(sampler, w0, classes, **sampler_options)
    points = study.points.to_numpy(float)
    n, n_ind = points.shape
    codes = np.array([classes.index(c) for c in study.classification])
    interval = interval_pair(interval, "interval")
    mover, moves = _classification_mover(
        study, codes, proposals, class_probabilities, p
    )
    n_prop = moves.get("count", 0) if moves["name"] == "proposals" else 0
    effects_obs = _Effects(n, n_ind)
    observers = [effects_obs]
    proposal_obs = None
    if n_prop:
        proposal_obs = _Proposals(n, n_prop)
        observers.append(proposal_obs)
    nominal = rank_matrix(points @ w0[codes], ties=ties, tol=tol)
    counts = run_engine(
        ClassificationModel(points, codes, weight_sampler, mover),
        draws,
        seed=seed,
        ties=ties,
        tol=tol,
        observers=observers,
        chunk_size=chunk_size,
        progress=progress,
        what="classifications",
    )
    draws = counts.draws
    hist = counts.rank_counts / draws
    ids = study.points.index
    summary = _rank_summary(hist, nominal, interval, ids)
    effects = _indicator_effects(effects_obs, hist, draws, study)
    proposal_frame = None if proposal_obs is None else proposal_obs.frame(ids)
    return ClassificationResult(
        summary=summary,
        effects=effects,
        proposals=proposal_frame,
        histogram=pd.DataFrame(
            hist, index=ids, columns=pd.Index(np.arange(1, n + 1), name="rank")
        ),
        parameters={
            "method": "classification uncertainty",
            "classifications": moves,
            "weights": weight_sampler.spec(),
            "draws": draws,
            "seed": counts.seed,
            "ties": ties,
            "interval": list(interval),
        },
    )


def _classification_mover(
    study: Study,
    codes: np.ndarray,
    proposals: Sequence[pd.Series] | None,
    class_probabilities: pd.DataFrame | None,
    p: float,
):
    """Return how each draw reclassifies the indicators, and its plain spec."""
    classes = study.classes
    if proposals and class_probabilities is not None:
        raise EceiDataError("give proposals or class_probabilities, not both")
    if proposals:
        proposal_codes = np.array(
            [
                [
                    classes.index(c) if c in classes else -1
                    for c in check_classification(pr, study.indicators.index)
                ]
                for pr in proposals
            ]
        )
        if np.any(proposal_codes < 0):
            raise EceiDataError(
                f"a proposal uses a class no indicator of the study has; this study's "
                f"classes are {', '.join(classes)}"
            )
        spec = {"name": "proposals", "count": len(proposal_codes)}
        return _proposal_mover(codes, proposal_codes), spec
    if class_probabilities is not None:
        probs = _check_probabilities(class_probabilities, study, classes)
        return _probability_mover(codes, probs), {"name": "probabilities"}
    p = finite_number(p, "p", low=0, high=1)
    return _neighbour_mover(codes, len(classes), p), {"name": "neighbour", "p": p}


def _rank_summary(
    hist: np.ndarray, nominal: np.ndarray, interval: tuple, ids: pd.Index
) -> pd.DataFrame:
    """Nominal place, mean place, share at the nominal place and the interval."""
    n = len(ids)
    return pd.DataFrame(
        {
            "nominal": nominal,
            "mean_rank": hist @ np.arange(1, n + 1),
            "p_nominal": hist[np.arange(n), nominal - 1],
            "low": rank_quantiles(hist, interval[0]),
            "high": rank_quantiles(hist, interval[1]),
        },
        index=ids,
    )


def _indicator_effects(
    observed: _Effects, hist: np.ndarray, draws: int, study: Study
) -> pd.DataFrame:
    """Each indicator's effect on each cluster's mean place when it moves.

    The mean place in the draws where the indicator moved minus the mean place
    where it did not, with its standard error (0 and NaN when it always or never
    moved); rows by cluster in study order, then by the size of the effect.
    """
    ids = study.points.index
    n, n_ind = study.points.shape
    rank_values = np.arange(1, n + 1)
    mean_rank = hist @ rank_values
    mean_sq = hist @ rank_values**2
    n1 = observed.count[:, None]
    n0 = draws - n1
    with np.errstate(invalid="ignore", divide="ignore"):
        s1, q1 = observed.rank_sum, observed.rank_sq
        s0 = mean_rank[None, :] * draws - s1
        q0 = mean_sq[None, :] * draws - q1
        mean1, mean0 = s1 / n1, s0 / n0
        var1 = np.maximum(q1 / n1 - mean1**2, 0.0)
        var0 = np.maximum(q0 / n0 - mean0**2, 0.0)
        effect = mean1 - mean0
        se = np.sqrt(var1 / n1 + var0 / n0)
    undefined = ((n1 == 0) | (n0 == 0)).ravel()
    effect[undefined] = 0.0
    se[undefined] = np.nan
    effects = pd.DataFrame(
        {
            "cluster": np.tile(ids.to_numpy(), n_ind),
            "indicator": np.repeat(study.points.columns.to_numpy(), n),
            "class": np.repeat(study.classification.to_numpy(), n),
            "effect": effect.ravel(),
            "se": se.ravel(),
            "moved_share": np.repeat(observed.count / draws, n),
        }
    )
    effects["_abs"] = effects["effect"].abs()
    effects["_c"] = effects["cluster"].map({c: i for i, c in enumerate(ids)})
    return (
        effects.sort_values(
            ["_c", "_abs", "indicator"], ascending=[True, False, True], kind="stable"
        )
        .drop(columns=["_abs", "_c"])
        .reset_index(drop=True)
    )
