"""The chunked Monte Carlo engine behind SMAA and rank uncertainty (the hot path).

Draws are processed in chunks so memory stays bounded whatever the number of
draws: per chunk one matrix product gives every cluster's score under every
weighting, one row-wise sort gives the order, and counts are accumulated with
``np.bincount`` on the sorted positions (no scatter back, no per-draw Python).
"""

from __future__ import annotations

import os
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from tqdm import tqdm

from .errors import EceiDataError
from .rng import SeedLike, handle_seed
from .samplers import Sampler
from .scoring import resolve_tolerance

__all__ = [
    "MEMORY_BUDGET",
    "AssessorNoise",
    "DrawCounts",
    "count_ranks",
    "sorted_ranks",
]

#: Bytes of working memory per chunk (the whole run stays near this).
MEMORY_BUDGET = 64 * 2**20
_MAX_CHUNK = 1 << 13
_PROGRESS_FROM = 2_000_000


@dataclass(frozen=True)
class AssessorNoise:
    """Assessor uncertainty: perturb indicator points before summing by class.

    Exactly one of ``levels`` and ``relative`` is set.

    Attributes
    ----------
    indicator_points
        ``(n_clusters, n_indicators)`` nominal points.
    max_points
        ``(n_indicators,)``; perturbed points are clipped to ``[0, max_points]``.
    membership
        ``(n_indicators, k)`` one-hot class membership.
    levels
        Whole-point noise: each indicator moves by a uniform integer in
        ``[-levels, levels]``.
    relative
        Multiplicative noise: each indicator is scaled by ``U(1 - x, 1 + x)``.
    """

    indicator_points: np.ndarray
    max_points: np.ndarray
    membership: np.ndarray
    levels: int | None = None
    relative: float | None = None

    def __post_init__(self) -> None:
        if (self.levels is None) == (self.relative is None):
            raise EceiDataError("give exactly one of levels= or relative= for noise")
        if self.levels is not None and (
            int(self.levels) != self.levels or self.levels < 0
        ):
            raise EceiDataError(
                f"levels must be a whole number >= 0, got {self.levels!r}"
            )
        if self.relative is not None and not (0 <= self.relative <= 1):
            raise EceiDataError(
                f"relative must be within [0, 1], got {self.relative!r}"
            )

    @classmethod
    def from_study(
        cls,
        study,
        *,
        levels: int | None = None,
        relative: float | None = None,
        classes: tuple[str, ...] | None = None,
    ) -> AssessorNoise:
        """Build the noise model for a :class:`~ecei_analysis.Study`."""
        classes = classes or study.classes
        membership = np.stack(
            [(study.classification == c).to_numpy(float) for c in classes], axis=1
        )
        return cls(
            indicator_points=study.points.to_numpy(float),
            max_points=study.indicators["max_points"].to_numpy(float),
            membership=membership,
            levels=levels,
            relative=relative,
        )

    @property
    def bytes_per_draw(self) -> int:
        """Working memory one draw needs."""
        return 3 * self.indicator_points.size * 8

    def describe(self) -> str:
        """One line for captions."""
        if self.levels is not None:
            return f"indicator points ±{self.levels} (uniform integers, clipped)"
        return f"indicator points ±{self.relative:.0%} (uniform, clipped)"

    def class_points(self, size: int, rng: np.random.Generator) -> np.ndarray:
        """Draw ``(size, n_clusters, k)`` perturbed class points."""
        base = self.indicator_points
        if self.levels is not None:
            shift = rng.integers(
                -self.levels, self.levels + 1, size=(size, *base.shape)
            )
            pts = base + shift
        else:
            pts = base * rng.uniform(
                1 - self.relative, 1 + self.relative, (size, *base.shape)
            )
        np.clip(pts, 0.0, self.max_points, out=pts)
        return pts @ self.membership


def sorted_ranks(
    scores: np.ndarray, *, ties: str = "dense", tol: float | None = None
) -> tuple[np.ndarray, np.ndarray | None]:
    """Order each row by score and rank the sorted positions.

    Scores are mapped to 64-bit integer keys (score quantised to 2^-(62 - b) of the
    chunk's score range, cluster index in the low b bits) and sorted in place:
    one SIMD integer sort replaces argsort + gather. The quantum is ~1e-15 of the
    range, far below the default tie tolerance.

    Parameters
    ----------
    scores
        ``(m, n)``.
    ties
        ``"dense"`` or ``"min"``.
    tol
        Absolute tie tolerance (``None``: relative default).

    Returns
    -------
    order : numpy.ndarray
        ``(m, n)`` cluster index at each sorted position (best first).
    ranks : numpy.ndarray or None
        ``(m, n)`` rank at each sorted position, or ``None`` when no row has a
        tie (then the rank is the position + 1).
    """
    if ties not in ("dense", "min"):
        raise EceiDataError(
            f"Monte Carlo rank counts take ties='dense' or 'min', got {ties!r}"
        )
    m, n = scores.shape
    tol = resolve_tolerance(scores, tol)
    index_bits = max(1, int(n - 1).bit_length())
    value_bits = 62 - index_bits
    low, high = float(scores.min()), float(scores.max())
    span = high - low
    scale = (2.0**value_bits - 1) / span if span > 0 else 0.0
    # Best score -> smallest key, so an ascending sort puts the best first.
    keys = np.subtract(high, scores)
    keys *= scale
    keys = keys.astype(np.int64)
    keys <<= index_bits
    keys |= np.arange(n, dtype=np.int64)
    keys.sort(axis=1)
    order = keys & ((1 << index_bits) - 1)
    keys >>= index_bits
    gaps = np.diff(keys, axis=1)
    limit = tol * scale
    if n < 2 or gaps.min() > limit:
        return order, None
    starts = np.empty((m, n), dtype=bool)
    starts[:, 0] = True
    np.greater(gaps, limit, out=starts[:, 1:])
    if ties == "dense":
        ranks = np.cumsum(starts, axis=1, dtype=np.int64)
    else:
        position = np.arange(1, n + 1, dtype=np.int64)
        ranks = np.maximum.accumulate(np.where(starts, position, 0), axis=1)
    return order, ranks


@dataclass
class DrawCounts:
    """What one Monte Carlo run accumulated.

    Attributes
    ----------
    rank_counts
        ``(n, n)``: ``[i, r - 1]`` = draws in which cluster i had rank r.
    winner_weight_sums
        ``(n, k)``: sums of normalised weights over draws in which i ranked 1.
    pairwise_counts
        ``(n, n)``: ``[i, j]`` = draws in which i ranked strictly better than j,
        or ``None`` when not requested.
    draws
        Number of draws.
    """

    rank_counts: np.ndarray
    winner_weight_sums: np.ndarray
    pairwise_counts: np.ndarray | None
    draws: int


def _add_pairwise_wins(
    pair_counts: np.ndarray, order: np.ndarray, ranks: np.ndarray
) -> None:
    """Add, for every pair (i, j), the draws in which i ranked strictly above j."""
    m, n = ranks.shape
    small = np.int16 if n < np.iinfo(np.int16).max else np.int64
    # Cluster-major layout: each row is one cluster's ranks over the chunk.
    by_cluster = np.empty((n, m), dtype=small)
    by_cluster[order, np.arange(m)[:, None]] = ranks
    for i in range(n):
        pair_counts[i] += np.count_nonzero(by_cluster[i] < by_cluster, axis=1)


def _chunk_counts(
    w: np.ndarray,
    scores: np.ndarray,
    ties: str,
    tol: float | None,
    pairwise: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Rank counts, winners' weight sums and pairwise wins of one chunk."""
    m, n = scores.shape
    k = w.shape[1]
    order, ranks = sorted_ranks(scores, ties=ties, tol=tol)
    if ranks is None:  # no ties: rank = position + 1, the winner is in front
        flat = order * n
        flat += np.arange(n)
        winners, rows = order[:, 0], slice(None)
        ranks = np.broadcast_to(np.arange(1, n + 1), (m, n))
    else:
        flat = order * n + ranks - 1
        rows, cols = np.nonzero(ranks == 1)
        winners = order[rows, cols]
    counts = np.bincount(flat.ravel(), minlength=n * n)
    chosen = w[rows]
    shares = chosen / chosen.sum(axis=1, keepdims=True)
    sums = np.stack(
        [np.bincount(winners, shares[:, c], minlength=n) for c in range(k)], axis=1
    )
    pairs = None
    if pairwise:
        pairs = np.zeros((n, n), dtype=np.int64)
        _add_pairwise_wins(pairs, order, ranks)
    return counts, sums, pairs


def _workers(workers: int | None) -> int:
    if workers is None:
        return max(1, min(2, os.cpu_count() or 1))
    if int(workers) != workers or workers < 1:
        raise EceiDataError(f"workers must be a whole number >= 1, got {workers!r}")
    return int(workers)


def _chunk_size(n: int, noise: AssessorNoise | None, chunk_size: int | None) -> int:
    if chunk_size is not None:
        if chunk_size < 1:
            raise EceiDataError(f"chunk_size must be >= 1, got {chunk_size}")
        return int(chunk_size)
    per_draw = n * 8 * 10 + (noise.bytes_per_draw if noise is not None else 0)
    return int(max(1, min(_MAX_CHUNK, MEMORY_BUDGET // per_draw)))


def count_ranks(
    points: np.ndarray,
    sampler: Sampler,
    draws: int,
    *,
    seed: SeedLike = None,
    ties: str = "dense",
    tol: float | None = None,
    noise: AssessorNoise | None = None,
    pairwise: bool = True,
    chunk_size: int | None = None,
    progress: bool | None = None,
    workers: int | None = None,
) -> DrawCounts:
    """Draw weights (and optionally noisy points) and count ranks, chunk by chunk.

    Parameters
    ----------
    points
        ``(n, k)`` class points.
    sampler
        Weight sampler with ``k`` classes.
    draws
        Number of Monte Carlo draws (> 0).
    seed
        Int, Generator or None.
    ties, tol
        Tie rule (``dense``/``min``) and tolerance.
    noise
        Optional assessor noise; then ``points`` is ignored in favour of
        ``noise.class_points``.
    pairwise
        Also count pairwise wins (``n²`` work per draw).
    chunk_size
        Draws per chunk; default keeps memory near :data:`MEMORY_BUDGET`.
    progress
        Show a tqdm bar; ``None`` shows it from 2 million draws on.
    workers
        Threads that rank and count chunks (numpy releases the GIL there);
        ``None``: up to 2, the cores of the reference machine. Results do not
        depend on it.

    Returns
    -------
    DrawCounts
    """
    points = np.asarray(points, dtype=float)
    n, k = points.shape
    if k != sampler.k:
        raise EceiDataError(f"points have {k} classes but the sampler has {sampler.k}")
    if int(draws) != draws or draws < 1:
        raise EceiDataError(f"draws must be a whole number >= 1, got {draws!r}")
    rng = handle_seed(seed)
    chunk = _chunk_size(n, noise, chunk_size)
    workers = _workers(workers)
    rank_counts = np.zeros(n * n, dtype=np.int64)
    winner_sums = np.zeros((n, k))
    pair_counts = np.zeros((n, n), dtype=np.int64) if pairwise else None

    def work(w: np.ndarray, class_pts: np.ndarray | None):
        if class_pts is None:
            scores = w @ points.T
        else:
            scores = np.einsum("mnk,mk->mn", class_pts, w)
        return _chunk_counts(w, scores, ties, tol, pairwise)

    def merge(result) -> None:
        counts, sums, pairs = result
        rank_counts[:] += counts
        winner_sums[:] += sums
        if pair_counts is not None:
            pair_counts[:] += pairs

    show = draws >= _PROGRESS_FROM if progress is None else progress
    bar = tqdm(total=int(draws), unit="draw", disable=not show, desc="Monte Carlo")
    # Draws are made in order in this thread (so results do not depend on the
    # number of workers or the chunk size); ranking and counting run in a pool.
    pool = ThreadPoolExecutor(max_workers=workers) if workers > 1 else None
    pending: deque = deque()
    done = 0
    try:
        while done < draws:
            m = min(chunk, int(draws) - done)
            w = sampler.draw(m, rng)
            class_pts = None if noise is None else noise.class_points(m, rng)
            if pool is None:
                merge(work(w, class_pts))
                bar.update(m)
            else:
                pending.append((pool.submit(work, w, class_pts), m))
                while len(pending) > 2 * workers:
                    future, size = pending.popleft()
                    merge(future.result())
                    bar.update(size)
            done += m
        while pending:
            future, size = pending.popleft()
            merge(future.result())
            bar.update(size)
    finally:
        for future, _ in pending:
            future.cancel()
        if pool is not None:
            pool.shutdown(wait=True)
        bar.close()
    return DrawCounts(
        rank_counts=rank_counts.reshape(n, n),
        winner_weight_sums=winner_sums,
        pairwise_counts=pair_counts,
        draws=int(draws),
    )
