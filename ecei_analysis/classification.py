"""Robustness to the significance classification itself.

Which indicator is "very important" is a proposal under debate. We draw
alternative classifications — each indicator moves to a neighbouring class with
probability ``p`` (very important ↔ important ↔ not so important; an *important*
indicator moves up or down with equal chance), or one of several analyst-supplied
proposals — jointly with the class weights, and measure for every cluster how its
place depends on each indicator's class.

Per draw the score is ``points @ v`` where ``v[j]`` is the weight of indicator j's
drawn class: one matrix product per chunk, as in the SMAA engine.

The effect of indicator j on cluster i is the difference of i's mean rank between
draws in which j was moved and draws in which it was not (positive = moving j
costs i places), with its Monte Carlo standard error. Because moves are
independent across indicators this estimates j's average main effect.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from tqdm import tqdm

from .errors import EceiDataError
from .loading import Study, _check_classification
from .rng import SeedLike, handle_seed
from .samplers import Sampler, make_sampler_around
from .scoring import rank_matrix
from .uncertainty import rank_quantiles
from .weights import weight_vector

__all__ = ["ClassificationResult", "classification_uncertainty"]

_CHUNK = 4096


@dataclass(frozen=True)
class ClassificationResult:
    """Results of :func:`classification_uncertainty`.

    Attributes
    ----------
    summary
        Per cluster: ``nominal`` rank (default classification, nominal weights),
        ``mean_rank``, ``p_nominal`` (probability of keeping that place),
        ``low``/``high`` (5-95 % rank interval).
    effects
        Long table: ``cluster``, ``indicator``, ``class``, ``effect`` (mean rank
        when moved minus when not), ``se``, ``moved_share``; sorted by cluster
        and decreasing ``|effect|``.
    proposals
        With analyst proposals: mean rank and P(first) per proposal × cluster.
    parameters
        p, draws, seed, sampler measure.
    """

    summary: pd.DataFrame
    effects: pd.DataFrame
    proposals: pd.DataFrame | None
    parameters: dict = field(default_factory=dict)

    def top_indicators(self, cluster: str, k: int = 5) -> pd.DataFrame:
        """Return the ``k`` indicators whose classification moves ``cluster`` most."""
        sub = self.effects[self.effects["cluster"] == cluster]
        return sub.head(k).reset_index(drop=True)


def _neighbour_moves(
    codes: np.ndarray, k: int, size: int, p: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Draw class indices ``(size, n_ind)`` with neighbour moves, and the moved mask."""
    moved = rng.random((size, len(codes))) < p
    up = rng.random((size, len(codes))) < 0.5
    step = np.where(up, -1, 1)
    # At the ends there is only one neighbour.
    step = np.where(codes == 0, 1, np.where(codes == k - 1, -1, step))
    drawn = np.where(moved, codes + step, codes)
    return drawn, moved


def classification_uncertainty(
    study: Study,
    weights: Mapping[str, float],
    *,
    p: float = 0.1,
    proposals: Sequence[pd.Series] | None = None,
    sampler: str | Sampler = "dirichlet",
    draws: int = 20_000,
    seed: SeedLike = 0,
    ties: str = "dense",
    progress: bool | None = None,
    **sampler_options,
) -> ClassificationResult:
    """Monte Carlo over classifications (and weights): what each place hinges on.

    Parameters
    ----------
    study
        The study (indicator-level points, default classification).
    weights
        Nominal class weights (and the centre of ``dirichlet``/``box`` samplers).
    p
        Probability that an indicator moves to a neighbouring class (ignored when
        ``proposals`` are given).
    proposals
        Alternative classifications (Series code → class); each draw uses one,
        uniformly. Effects are then reported per indicator whose class differs
        from the default in the drawn proposal.
    sampler, draws, seed, ties, progress, **sampler_options
        Weight uncertainty drawn jointly; ``sampler="fixed"`` keeps the nominal
        weights.

    Returns
    -------
    ClassificationResult
    """
    classes = study.classes
    k = len(classes)
    w0 = weight_vector(weights, classes)
    if not 0 <= p <= 1:
        raise EceiDataError(f"p must be within [0, 1], got {p!r}")
    if int(draws) != draws or draws < 1:
        raise EceiDataError(f"draws must be a whole number >= 1, got {draws!r}")
    if sampler == "fixed":
        sampler_obj = None
    else:
        sampler_obj = make_sampler_around(sampler, w0, classes, **sampler_options)
    rng = handle_seed(seed)
    points = study.points.to_numpy(float)
    n, n_ind = points.shape
    codes = np.array([classes.index(c) for c in study.classification])
    proposal_codes = None
    if proposals:
        proposal_codes = np.array(
            [
                [
                    classes.index(c)
                    for c in _check_classification(pr, study.indicators.index).reindex(
                        study.indicators.index
                    )
                ]
                for pr in proposals
            ]
        )
    nominal = rank_matrix(points @ w0[codes], ties=ties)
    rank_sum = np.zeros(n)
    rank_hist = np.zeros((n, n))
    moved_rank_sum = np.zeros((n_ind, n))
    moved_rank_sq = np.zeros((n_ind, n))
    moved_count = np.zeros(n_ind)
    all_sq = np.zeros(n)
    proposal_rank = np.zeros((len(proposals or []), n))
    proposal_first = np.zeros((len(proposals or []), n))
    proposal_count = np.zeros(len(proposals or []))
    show = draws >= 200_000 if progress is None else progress
    done = 0
    with tqdm(total=int(draws), disable=not show, desc="classifications") as bar:
        while done < draws:
            m = min(_CHUNK, int(draws) - done)
            w = np.tile(w0, (m, 1)) if sampler_obj is None else sampler_obj.draw(m, rng)
            if proposal_codes is None:
                drawn, moved = _neighbour_moves(codes, k, m, p, rng)
            else:
                pick = rng.integers(0, len(proposal_codes), size=m)
                drawn = proposal_codes[pick]
                moved = drawn != codes
            v = np.take_along_axis(w, drawn, axis=1)  # (m, n_ind) indicator weights
            ranks = rank_matrix(v @ points.T, ties=ties).astype(float)
            rank_sum += ranks.sum(axis=0)
            all_sq += (ranks**2).sum(axis=0)
            flat = (np.arange(n) * n + ranks.astype(int) - 1).ravel()
            rank_hist += np.bincount(flat, minlength=n * n).reshape(n, n)
            mf = moved.astype(float)
            moved_rank_sum += mf.T @ ranks
            moved_rank_sq += mf.T @ ranks**2
            moved_count += mf.sum(axis=0)
            if proposal_codes is not None:
                for q in range(len(proposal_codes)):
                    sel = pick == q
                    proposal_rank[q] += ranks[sel].sum(axis=0)
                    proposal_first[q] += (ranks[sel] == 1).sum(axis=0)
                    proposal_count[q] += sel.sum()
            done += m
            bar.update(m)
    ids = study.points.index
    codes_index = study.points.columns
    hist = rank_hist / draws
    summary = pd.DataFrame(
        {
            "nominal": nominal,
            "mean_rank": rank_sum / draws,
            "p_nominal": hist[np.arange(n), nominal.astype(int) - 1],
            "low": rank_quantiles(hist, 0.05),
            "high": rank_quantiles(hist, 0.95),
        },
        index=ids,
    )
    records = []
    for j, code in enumerate(codes_index):
        n1 = moved_count[j]
        n0 = draws - n1
        for i, cid in enumerate(ids):
            if n1 == 0 or n0 == 0:
                effect, se = 0.0, np.nan
            else:
                s1, q1 = moved_rank_sum[j, i], moved_rank_sq[j, i]
                s0, q0 = rank_sum[i] - s1, all_sq[i] - q1
                mean1, mean0 = s1 / n1, s0 / n0
                var1 = max(q1 / n1 - mean1**2, 0.0)
                var0 = max(q0 / n0 - mean0**2, 0.0)
                effect = mean1 - mean0
                se = float(np.sqrt(var1 / n1 + var0 / n0))
            records.append(
                {
                    "cluster": cid,
                    "indicator": code,
                    "class": study.classification[code],
                    "effect": effect,
                    "se": se,
                    "moved_share": n1 / draws,
                }
            )
    effects = pd.DataFrame(records)
    effects["_abs"] = effects["effect"].abs()
    order = {c: k for k, c in enumerate(ids)}
    effects["_c"] = effects["cluster"].map(order)
    effects = effects.sort_values(
        ["_c", "_abs", "indicator"], ascending=[True, False, True], kind="stable"
    ).drop(columns=["_abs", "_c"])
    proposal_frame = None
    if proposal_codes is not None:
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = proposal_rank / proposal_count[:, None]
            first = proposal_first / proposal_count[:, None]
        proposal_frame = pd.concat(
            {
                "mean_rank": pd.DataFrame(mean, columns=ids),
                "p_first": pd.DataFrame(first, columns=ids),
            },
            axis=1,
        )
        proposal_frame.index.name = "proposal"
    return ClassificationResult(
        summary=summary,
        effects=effects.reset_index(drop=True),
        proposals=proposal_frame,
        parameters={
            "p": p if proposal_codes is None else None,
            "proposals": len(proposals or []),
            "draws": int(draws),
            "seed": seed if isinstance(seed, int) else None,
            "weights": "fixed at nominal"
            if sampler_obj is None
            else sampler_obj.describe(),
        },
    )
