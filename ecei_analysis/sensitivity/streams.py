"""Random draws served in any request sizes, independent of those sizes.

The engine asks for draws chunk by chunk, and the chunk size depends on memory.
A :class:`BlockStream` always *generates* in fixed-size blocks from its own
Generator and serves requests from a buffer, so the sequence of draws is the same
whatever sizes are requested (rejection sampling included). Results therefore do
not depend on the chunk size or the number of worker threads.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["BLOCK", "ArrayStream", "BlockStream", "MappedStream"]

#: Rows generated per block (a property of the stream, never of the request).
BLOCK = 4096

Arrays = tuple[np.ndarray, ...]


class BlockStream:
    """Serve rows from a generator function in fixed-size blocks.

    Parameters
    ----------
    draw_block
        ``draw_block(rng) -> tuple of arrays`` with the same number of rows each
        (rejection samplers may return fewer rows than usual, or none).
    rng
        The stream's own Generator (see
        :func:`~ecei_analysis.core.seeds.spawn_generators`).
    """

    def __init__(
        self, draw_block: Callable[[np.random.Generator], Arrays], rng
    ) -> None:
        self._draw_block = draw_block
        self._rng = rng
        self._buffer: list[Arrays] = []
        self._have = 0

    def take(self, m: int) -> Arrays:
        """Return the next ``m`` rows of every array."""
        while self._have < m:
            block = self._draw_block(self._rng)
            rows = len(block[0])
            if rows:
                self._buffer.append(block)
                self._have += rows
        parts = list(zip(*self._buffer, strict=True))
        joined = [p[0] if len(p) == 1 else np.concatenate(p) for p in parts]
        out = tuple(a[:m] for a in joined)
        rest = tuple(a[m:] for a in joined)
        self._have -= m
        self._buffer = [rest] if self._have else []
        return out


class ArrayStream:
    """Serve rows of given arrays in order (samples supplied by the analyst)."""

    def __init__(self, *arrays: np.ndarray) -> None:
        self._arrays = arrays
        self._at = 0

    def take(self, m: int) -> Arrays:
        """Return the next ``m`` rows of every array."""
        out = tuple(a[self._at : self._at + m] for a in self._arrays)
        self._at += m
        return out


class MappedStream:
    """Serve another stream's rows through a function (e.g. uniforms -> draws).

    The function maps a batch of rows to a batch of the same length, row by row,
    so the rows served do not depend on the request sizes either.
    """

    def __init__(self, stream, function: Callable[[np.ndarray], np.ndarray]) -> None:
        self._stream = stream
        self._function = function

    def take(self, m: int) -> Arrays:
        """Return the next ``m`` rows, mapped."""
        (rows,) = self._stream.take(m)
        return (self._function(rows),)
