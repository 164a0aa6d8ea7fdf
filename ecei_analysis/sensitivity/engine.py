"""The one chunked Monte Carlo engine behind every stochastic analysis (hot path).

A *scenario model* turns random streams into chunks of scenarios: weights, and
the scores of every cluster under each. It takes each chunk's random numbers in
draw order and hands back the function that builds the chunk from them, so the
building runs in the worker threads. The engine ranks each chunk and counts:

* ``rank_counts[i, r - 1]``: draws in which cluster i had rank r;
* ``winner_weight_sums[i]``: sums of normalised weights over draws that rank i
  first (SMAA-2 central weights);
* ``pairwise_counts[i, j]``: draws in which i ranked strictly above j (optional);

and hands each ranked chunk to optional *observers* for analysis-specific sums
(classification effects, per-proposal ranks). Memory is bounded by chunking
whatever the number of draws. Every random source is a
:class:`~ecei_analysis.sensitivity.streams.BlockStream` on its own spawned
Generator, so results do not depend on the chunk size or the number of threads.

Per chunk one matrix product gives every score, the scores are mapped to 64-bit
integer keys (score quantised, cluster index in the low bits) so one integer
sort replaces argsort + gather, tie handling is skipped when a chunk has no
ties, and counts use ``np.bincount``. Chunks are sized to stay in a core's
cache (about 2^16 cluster-draws), and a second thread is used only when a
chunk's work pays for handing it over; pairwise wins compare each pair once.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from ..core.checks import whole_number
from ..core.defaults import DEFAULT_SEED
from ..core.errors import EceiDataError
from ..core.seeds import SeedLike, spawn_generators
from ..core.vocabulary import MONTE_CARLO_TIES, Ties, check_ties
from ..core.work import check_work, show_progress
from ..scoring.ranks import DEFAULT_RTOL, ROUNDING_RTOL, row_tolerance
from .noise import AssessorNoise
from .samplers import Sampler
from .streams import ArrayStream
from .workspace import Workspace

__all__ = [
    "MEMORY_BUDGET",
    "PAIRWISE_AUTO_LIMIT",
    "Chunk",
    "DrawCounts",
    "Observer",
    "WeightModel",
    "estimate_seconds",
    "normalise_rows",
    "ranks_by_cluster",
    "row_sums",
    "run_engine",
    "sorted_ranks",
]

#: Bytes of working memory per chunk (the whole run stays near this).
MEMORY_BUDGET = 64 * 2**20
#: Pairwise winning indices are computed by default up to this many clusters.
PAIRWISE_AUTO_LIMIT = 200
_MAX_CHUNK = 1 << 13
#: Fewest draws per chunk, and the cluster-draws a chunk aims at: a chunk's
#: (draws, clusters) arrays then stay in a core's cache (measured on the 2-core
#: reference machine, 1 MiB of L2 per core, with the arrays reused: 4,096 draws
#: of 19 clusters rank 5-9% faster than 2,048 and 2.5x faster than 16,384).
#: Counting pairwise wins adds every pair's comparison (n² bytes a draw) to the
#: working set, and halves the chunk (2,048 draws: 3-6% faster than 4,096).
_MIN_CHUNK, _CACHE_CELLS = 256, 1 << 17
#: Estimated seconds of work per chunk from which two threads pay (measured).
_THREADED_CHUNK_SECONDS = 1.5e-3
# Seconds per unit of work on the 2-core reference machine (measured, rounded up).
_COST_SORT = 3e-9  # per cluster-draw × log2(clusters)
_COST_PAIR = 1.2e-9  # per pair-draw
_COST_NOISE = 8e-9  # per uniform of whole-point or relative assessor noise


@dataclass
class Chunk:
    """One chunk of scenarios.

    Attributes
    ----------
    weights
        ``(m, k)`` weights (any positive scale).
    scores
        ``(m, n)`` every cluster's score in each scenario.
    extras
        Per-draw arrays an observer needs (e.g. which indicators moved).
    """

    weights: np.ndarray
    scores: np.ndarray
    extras: dict[str, np.ndarray] = field(default_factory=dict)


class Observer(Protocol):
    """Extra sums over ranked chunks (e.g. classification effects)."""

    def partial(self, chunk: Chunk, ranks: np.ndarray) -> Any:
        """Return this chunk's contribution (``ranks``: ``(m, n)`` by cluster)."""

    def merge(self, partial: Any) -> None:
        """Add a chunk's contribution (called in draw order)."""


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
    seed
        The seed's record (see :func:`~ecei_analysis.core.seeds.spawn_generators`).
    """

    rank_counts: np.ndarray
    winner_weight_sums: np.ndarray
    pairwise_counts: np.ndarray | None
    draws: int
    seed: Any = None


class WeightModel:
    """Scenarios from weights (sampled or given) and class points (fixed or noisy).

    Parameters
    ----------
    points
        ``(n, k)`` class points (used when ``measurements`` is None).
    weights
        A :class:`~ecei_analysis.sensitivity.samplers.Sampler`, or an ``(N, k)``
        array of given weight samples.
    measurements
        ``None``, an :class:`~ecei_analysis.sensitivity.noise.AssessorNoise`, or an
        ``(N, n, k)`` array of given class-point samples.
    """

    stream_names = ("weights", "noise")

    def __init__(
        self,
        points: np.ndarray,
        weights: Sampler | np.ndarray,
        measurements: AssessorNoise | np.ndarray | None = None,
    ) -> None:
        self.points = np.asarray(points, dtype=float)
        self.n, self.k = self.points.shape
        self.weights = weights
        self.measurements = measurements

    @property
    def bytes_per_draw(self) -> int:
        """Working memory one draw needs."""
        extra = 0
        if isinstance(self.measurements, AssessorNoise):
            extra = self.measurements.bytes_per_draw
        elif self.measurements is not None:
            extra = 2 * self.n * self.k * 8
        return self.n * 8 * 10 + extra

    @property
    def noise_work_per_draw(self) -> float:
        """Assessor-noise work per draw, in uniforms of the cheapest laws.

        The uniforms one draw reads, times their law's relative cost
        (:data:`~ecei_analysis.sensitivity.noise.LAW_COST`); for the time estimate.
        """
        noise = self.measurements
        if not isinstance(noise, AssessorNoise):
            return 0.0
        rows, columns = noise.uniforms_per_draw
        return rows * columns * noise.cost_per_uniform

    def open(
        self, streams: dict[str, np.random.Generator]
    ) -> Callable[[int], Callable[[], Chunk]]:
        """Return ``next_chunk(m)`` reading the model's streams in order.

        ``next_chunk(m)`` takes the random numbers of the next ``m`` draws and
        returns the function that builds their :class:`Chunk` (run in a worker,
        given the worker's :class:`~ecei_analysis.sensitivity.workspace.Workspace`).
        """
        if isinstance(self.weights, Sampler):
            weight_stream = self.weights.stream(streams["weights"])
        else:
            weight_stream = ArrayStream(self.weights)
        noise_stream, to_points = None, None
        if isinstance(self.measurements, AssessorNoise):
            # Only the uniforms are taken in draw order; the class points are
            # made from them in the workers.
            noise_stream = self.measurements.uniform_stream(streams["noise"])
            to_points = self.measurements.class_points
        elif self.measurements is not None:
            noise_stream = ArrayStream(self.measurements)

        def next_chunk(m: int) -> Callable[[Workspace], Chunk]:
            w = normalise_rows(weight_stream.take(m)[0])
            if noise_stream is None:

                def build_fixed(space: Workspace) -> Chunk:
                    scores = space.array("scores", (m, self.n))
                    return Chunk(w, np.matmul(w, self.points.T, out=scores))

                return build_fixed
            (taken,) = noise_stream.take(m)

            def build(space: Workspace) -> Chunk:
                class_pts = taken if to_points is None else to_points(taken)
                scores = space.array("scores", (m, self.n, 1))
                return Chunk(
                    w, np.matmul(class_pts, w[:, :, None], out=scores)[:, :, 0]
                )

            return build

        return next_chunk


def sorted_ranks(
    scores: np.ndarray,
    *,
    ties: Ties = "dense",
    tol: float | None = None,
    space: Workspace | None = None,
) -> tuple[np.ndarray, np.ndarray | None]:
    """Order each row by score and rank the sorted positions.

    Scores are mapped to 64-bit integer keys (score quantised to 2^-(62 - b) of the
    chunk's score range, cluster index in the low b bits) and sorted in place:
    one SIMD integer sort replaces argsort + gather. The quantum is ~1e-17 of the
    range, so rows must share a scale (the engine normalises every weight sample);
    ties use each row's relative tolerance (see
    :func:`~ecei_analysis.scoring.ranks.row_tolerance`), read off the sorted keys.

    Parameters
    ----------
    scores
        ``(m, n)``.
    ties
        ``"dense"`` or ``"min"``.
    tol
        Absolute tie tolerance (``None``: the relative default).
    space
        Where the working arrays live (the engine's, reused chunk after chunk);
        ``None``: new arrays. ``order`` is then one of them.

    Returns
    -------
    order : numpy.ndarray
        ``(m, n)`` cluster index at each sorted position (best first).
    ranks : numpy.ndarray or None
        ``(m, n)`` rank at each sorted position, or ``None`` when no row has a
        tie (then the rank is the position + 1).
    """
    check_ties(ties, MONTE_CARLO_TIES)
    space = space or Workspace()
    m, n = scores.shape
    index_bits = max(1, int(n - 1).bit_length())
    value_bits = 62 - index_bits
    low, high = float(scores.min()), float(scores.max())
    if not (np.isfinite(low) and np.isfinite(high)):  # a NaN makes both NaN
        raise EceiDataError("scores of a sample are not finite (check the samples)")
    span = high - low
    scale = (2.0**value_bits - 1) / span if span > 0 else 0.0
    # Best score -> smallest key, so an ascending sort puts the best first.
    values = np.subtract(high, scores, out=space.array("key values", (m, n)))
    values *= scale
    keys = space.array("keys", (m, n), np.int64)
    np.copyto(keys, values, casting="unsafe")  # truncated, as astype(int64)
    keys <<= index_bits
    keys |= space.positions((m, n), axis=1)  # the cluster's index in the low bits
    keys.sort(axis=1)
    order = space.array("order", (m, n), np.int64)
    np.bitwise_and(keys, (1 << index_bits) - 1, out=order)
    keys >>= index_bits
    # Gaps between neighbours, taken over the whole block at once (one contiguous
    # pass); each row's last entry would compare it with the next row, so it is
    # set out of reach.
    steps = space.array("gaps", (m, n), np.int64)
    flat = keys.reshape(-1)
    np.subtract(flat[1:], flat[:-1], out=steps.reshape(-1)[:-1])
    steps[:, -1] = np.iinfo(np.int64).max
    gaps = steps[:, :-1]
    if n < 2:
        return order, None
    smallest = steps.min()
    if tol is None:
        # The relative default of row_tolerance, read off the sorted keys: each
        # row's best and worst keys give its spread and its largest |score|.
        best, worst = keys[:, :1], keys[:, -1:]
        # No row's limit exceeds the chunk's (its whole key range, its largest
        # |score|; a margin for rounding): most chunks stop here, tie-free.
        bound = max(
            DEFAULT_RTOL * (2.0**value_bits - 1),
            ROUNDING_RTOL * max(abs(low), abs(high)) * scale,
        )
        if scale > 0 and smallest > bound * (1 + 1e-6):
            return order, None
        if scale == 0:  # every score of the chunk is equal: all tie
            limit = np.zeros((m, 1))
        else:
            magnitude = np.maximum(
                np.abs(high - best / scale), np.abs(high - worst / scale)
            )
            limit = np.maximum(
                DEFAULT_RTOL * (worst - best), ROUNDING_RTOL * magnitude * scale
            )
    else:
        limit = row_tolerance(scores[:1], tol)[0] * scale
    if smallest > np.max(limit) or not np.any(gaps <= limit):
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


def ranks_by_cluster(order: np.ndarray, ranks: np.ndarray | None) -> np.ndarray:
    """Turn sorted ``(order, ranks)`` into ``(m, n)`` ranks indexed by cluster."""
    m, n = order.shape
    sorted_rank = (
        np.broadcast_to(np.arange(1, n + 1), (m, n)) if ranks is None else ranks
    )
    out = np.empty((m, n), dtype=np.int64)
    np.put_along_axis(out, order, sorted_rank, axis=1)
    return out


def _add_pairwise_wins(
    pair_counts: np.ndarray,
    order: np.ndarray,
    ranks: np.ndarray | None,
    space: Workspace,
) -> None:
    """Add, for every pair (i, j), the draws in which i ranked strictly above j.

    ``ranks`` is ``None`` without ties (the rank is the position + 1). Every pair
    of a block of clusters is compared in one pass, with ranks in the narrowest
    integers (one instruction compares the most draws). The answers, one byte
    each, are added eight at a time as 64-bit words, in groups of at most 255
    words so that no byte overflows; the bytes of the sums are added last.
    Counting the answers one row at a time was four times slower.
    """
    m, n = order.shape
    small = next(t for t in (np.int8, np.int16, np.int64) if n <= np.iinfo(t).max)
    if ranks is None:
        ranks = space.positions((m, n), axis=1, start=1, dtype=small)
    # ranks by cluster, (n, m): cluster order[d, p] gets ranks[d, p] in draw d
    cells = np.multiply(order, m, out=space.array("cells by cluster", (m, n), np.int64))
    cells += space.positions((m, n), axis=0)
    by_cluster = space.array("ranks by cluster", (n, m), small)
    by_cluster.reshape(-1)[cells] = ranks  # indexed assignment: a third of np.put
    words = -(-m // 8)
    groups = -(-words // 255)
    per_group = -(-words // groups)
    width = 8 * groups * per_group  # draws, padded to whole groups of words
    block = max(1, min(n, _PAIR_BLOCK_BYTES // (n * width)))
    ahead = space.array("ahead", (block, n, width), bool)
    ahead[:, :, m:] = False
    for start in range(0, n, block):
        rows = ahead[: min(block, n - start)]
        pair = by_cluster[start : start + len(rows), None, :]
        np.less(pair, by_cluster[None, :, :], out=rows[:, :, :m])
        lanes = rows.view(np.uint64).reshape(len(rows), n, groups, per_group)
        sums = lanes.sum(axis=3).view(np.uint8).reshape(len(rows), n, -1)
        pair_counts[start : start + len(rows)] += sums.sum(axis=2, dtype=np.int64)


#: Bytes of comparisons held at once when counting pairwise wins.
_PAIR_BLOCK_BYTES = 1 << 20


def _chunk_counts(
    chunk: Chunk,
    ties: str,
    tol: float | None,
    pairwise: bool,
    observers: Sequence[Observer],
    space: Workspace,
):
    """Rank counts, winners' weight sums, pairwise wins and observer partials.

    The working arrays live in ``space``; what is returned does not.
    """
    w, scores = chunk.weights, chunk.scores
    m, n = scores.shape
    k = w.shape[1]
    order, ranks = sorted_ranks(scores, ties=ties, tol=tol, space=space)
    if ranks is None:  # no ties: rank = position + 1, the winner is in front
        cells = np.multiply(order, n, out=space.array("cells", (m, n), np.int64))
        cells += space.positions((m, n), axis=1)
        winners, rows = order[:, 0], slice(None)
    else:
        cells = order * n + ranks - 1
        rows, cols = np.nonzero(ranks == 1)
        winners = order[rows, cols]
    counts = np.bincount(cells.ravel(), minlength=n * n)
    chosen = w[rows]
    shares = chosen / row_sums(chosen)[:, None]
    # every winner's share of each class, summed per cluster (one pass)
    classes = (winners * k)[:, None] + np.arange(k)
    sums = np.bincount(classes.ravel(), shares.ravel(), minlength=n * k).reshape(n, k)
    pairs = None
    if pairwise:
        pairs = np.zeros((n, n), dtype=np.int64)
        _add_pairwise_wins(pairs, order, ranks, space)
    partials = []
    if observers:
        by_cluster = ranks_by_cluster(order, ranks)
        partials = [obs.partial(chunk, by_cluster) for obs in observers]
    return counts, sums, pairs, partials


def _workers(workers: int | None, chunk_seconds: float) -> int:
    """Worker threads: the user's, or 2 when a chunk's work pays for the hand-off.

    A light chunk (ranking a few thousand draws of a small study) costs less
    than handing it to a thread: one thread is then as fast and spends less CPU
    time (measured on the 2-core reference machine: 19 clusters, 10^6 draws,
    0.24 s of CPU on one thread against 0.33 s on two, in the same wall time).
    """
    if workers is None:
        heavy = chunk_seconds >= _THREADED_CHUNK_SECONDS
        return max(1, min(2 if heavy else 1, os.cpu_count() or 1))
    return whole_number(workers, "workers", low=1)


def _chunk_size(
    bytes_per_draw: int, n: int, chunk_size: int | None, *, pairwise: bool = False
) -> int:
    """Draws per chunk: the user's, or as many as keep a chunk in a core's cache.

    A study too large for a cached chunk of :data:`_MIN_CHUNK` draws gets the
    memory budget's chunk instead (up to :data:`_MAX_CHUNK` draws).
    """
    if chunk_size is not None:
        return whole_number(chunk_size, "chunk_size", low=1)
    memory = max(1, min(_MAX_CHUNK, MEMORY_BUDGET // bytes_per_draw))
    cached = (_CACHE_CELLS // (2 if pairwise else 1)) // max(n, 1)
    if cached < _MIN_CHUNK:
        return int(memory)
    return int(min(memory, 1 << (cached.bit_length() - 1)))


def estimate_seconds(
    draws: int, n: int, *, pairwise: bool = False, noise_work: float = 0.0
) -> float:
    """Rough run time of the engine on the 2-core reference machine.

    Examples
    --------
    >>> round(estimate_seconds(10**6, 19), 2)
    0.24
    """
    log_n = max(1.0, float(np.log2(max(n, 2))))
    seconds = draws * n * log_n * _COST_SORT
    if pairwise:
        seconds += draws * n * n * _COST_PAIR
    return seconds + draws * noise_work * _COST_NOISE


def resolve_pairwise(pairwise: bool | None, n: int, draws: int) -> bool:
    """``None`` means: pairwise indices up to :data:`PAIRWISE_AUTO_LIMIT` clusters."""
    if pairwise is None:
        return n <= PAIRWISE_AUTO_LIMIT
    if not isinstance(pairwise, bool | np.bool_):
        raise EceiDataError(f"pairwise must be True, False or None, got {pairwise!r}")
    return bool(pairwise)


def run_engine(
    model,
    draws: int,
    *,
    seed: SeedLike = DEFAULT_SEED,
    ties: Ties = "dense",
    tol: float | None = None,
    pairwise: bool = False,
    observers: Sequence[Observer] = (),
    chunk_size: int | None = None,
    progress: bool | None = None,
    workers: int | None = None,
    what: str = "Monte Carlo",
) -> DrawCounts:
    """Draw scenarios chunk by chunk and count ranks.

    Parameters
    ----------
    model
        A scenario model (:class:`WeightModel` or the classification model) with
        ``n``, ``k``, ``bytes_per_draw``, ``stream_names`` and ``open(streams)``.
    draws
        Number of draws (> 0).
    seed
        Int, Generator or None; one independent stream per stage of the model.
    ties, tol
        Tie rule (``dense``/``min``) and tolerance.
    pairwise
        Also count pairwise wins (``n²`` work per draw).
    observers
        Extra sums over each ranked chunk.
    chunk_size
        Draws per chunk; default keeps memory near :data:`MEMORY_BUDGET`. Results
        do not depend on it.
    progress
        Show a progress bar; ``None``: for runs estimated over 2 s, interactively.
    workers
        Threads that rank and count chunks (numpy releases the GIL there);
        ``None``: 2 when a chunk's work is heavy enough to pay for the hand-off,
        else 1. Results do not depend on it.
    what
        Name of the run (progress bar, work-size message).

    Returns
    -------
    DrawCounts
    """
    ties = check_ties(ties, MONTE_CARLO_TIES)
    draws = whole_number(draws, "draws", low=1)
    n, k = model.n, model.k
    estimate = estimate_seconds(
        draws,
        n,
        pairwise=pairwise,
        noise_work=getattr(model, "noise_work_per_draw", 0.0),
    )
    check_work(estimate, f"{what} with {draws:,} draws of {n} clusters")
    streams, record = spawn_generators(seed, model.stream_names)
    next_chunk = model.open(streams)
    chunk = _chunk_size(model.bytes_per_draw, n, chunk_size, pairwise=pairwise)
    workers = _workers(workers, estimate * min(chunk, draws) / draws)
    rank_counts = np.zeros(n * n, dtype=np.int64)
    winner_sums = np.zeros((n, k))
    pair_counts = np.zeros((n, n), dtype=np.int64) if pairwise else None

    # One workspace per thread, for this run only.
    spaces: dict[int, Workspace] = {}

    def work(build: Callable[[Workspace], Chunk]):
        space = spaces.setdefault(threading.get_ident(), Workspace())
        scenarios = build(space)
        return _chunk_counts(scenarios, ties, tol, pairwise, observers, space)

    def merge(result) -> None:
        counts, sums, pairs, partials = result
        rank_counts[:] += counts
        winner_sums[:] += sums
        if pair_counts is not None:
            pair_counts[:] += pairs
        for obs, part in zip(observers, partials, strict=True):
            obs.merge(part)

    bar = _progress_bar(draws, what, show_progress(estimate, progress))
    # Random numbers are taken in order in this thread; building the scenarios
    # from them, ranking and counting run in a pool and are merged in draw order.
    pool = ThreadPoolExecutor(max_workers=workers) if workers > 1 else None
    pending: deque = deque()
    done = 0
    try:
        while done < draws:
            m = min(chunk, draws - done)
            build = next_chunk(m)
            if pool is None:
                merge(work(build))
                bar(m)
            else:
                pending.append((pool.submit(work, build), m))
                while len(pending) > 2 * workers:
                    future, size = pending.popleft()
                    merge(future.result())
                    bar(size)
            done += m
        while pending:
            future, size = pending.popleft()
            merge(future.result())
            bar(size)
    finally:
        for future, _ in pending:
            future.cancel()
        if pool is not None:
            pool.shutdown(wait=True)
        bar(None)
    return DrawCounts(
        rank_counts=rank_counts.reshape(n, n),
        winner_weight_sums=winner_sums,
        pairwise_counts=pair_counts,
        draws=draws,
        seed=record,
    )


def normalise_rows(w: np.ndarray) -> np.ndarray:
    """Scale each weight sample onto the simplex; refuse non-finite or zero rows."""
    # one pass each, no temporary: a NaN fails the first test, an infinity either
    if not (w.min() >= 0 and np.isfinite(w.max())):
        raise EceiDataError("weight samples must be finite and non-negative")
    total = row_sums(w)[:, None]
    if np.any(total <= 0):
        raise EceiDataError(
            "a weight sample is all zero; every sample needs a positive weight"
        )
    return w / total


def row_sums(w: np.ndarray) -> np.ndarray:
    """Return each row's sum of ``(m, k)`` ``w``: the bits of ``w.sum(axis=1)``.

    numpy sums a row of fewer than 8 numbers one after the other but pays a
    start-up per row, which dominates rows of 3 (a weight sample); adding the
    columns gives the same sums in the same order, about twice as fast. From 8
    columns numpy sums pairwise, and is used as it is.
    """
    if w.shape[1] >= 8:
        return w.sum(axis=1)
    total = w[:, 0].copy()
    for column in w.T[1:]:
        total += column
    return total


def _progress_bar(total: int, what: str, show: bool) -> Callable[[int | None], None]:
    """Return ``tick(m)`` (``tick(None)`` closes); a no-op when not shown."""
    if not show:
        return lambda _m: None
    from tqdm import tqdm

    bar = tqdm(total=total, unit="draw", desc=what, mininterval=0.5)

    def tick(m: int | None) -> None:
        if m is None:
            bar.close()
        else:
            bar.update(m)

    return tick
