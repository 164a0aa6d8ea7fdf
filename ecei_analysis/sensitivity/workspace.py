"""Arrays one thread reuses from one Monte Carlo chunk to the next.

A chunk's arrays (2,048 draws × 19 clusters of 8 bytes: 311 KB each) are larger
than the block size from which the C allocator hands fresh pages back to the
system, so a new array per step costs page faults that outweigh the arithmetic:
on the 2-core reference machine, the scores of a chunk (a 2,048 × 3 by 3 × 19
product) take 13 µs written into a reused array and 170 µs into a new one. A
:class:`Workspace` keeps one array per name and shape, and the index arrays the
steps read (each entry's column or row number); the engine gives each of its
threads one for the length of a run, so nothing outlives the run.
"""

from __future__ import annotations

import numpy as np

__all__ = ["Workspace"]


class Workspace:
    """Named arrays, reused while their shape and type stay the same.

    An array handed out is overwritten by the next request of the same name,
    so it must be used up before then (one chunk at a time, in one thread).
    """

    def __init__(self) -> None:
        self._arrays: dict[str, np.ndarray] = {}
        self._constants: dict[tuple, np.ndarray] = {}

    def array(
        self, name: str, shape: tuple[int, ...], dtype: np.dtype | type = np.float64
    ) -> np.ndarray:
        """Return the array called ``name`` with ``shape`` and ``dtype``.

        Its contents are whatever the last user left (as ``numpy.empty``).
        """
        found = self._arrays.get(name)
        if found is None or found.shape != shape or found.dtype != dtype:
            found = self._arrays[name] = np.empty(shape, dtype)
        return found

    def positions(
        self,
        shape: tuple[int, int],
        axis: int,
        *,
        start: int = 0,
        dtype: np.dtype | type = np.int64,
    ) -> np.ndarray:
        """Return the read-only ``shape`` array of each entry's index along ``axis``.

        ``start`` is added (1: ranks in order). Made once per shape and type.
        """
        key = ("positions", shape, axis, start, np.dtype(dtype).str)
        found = self._constants.get(key)
        if found is None:
            line = np.arange(start, start + shape[axis], dtype=dtype)
            found = np.ascontiguousarray(
                np.broadcast_to(line if axis == 1 else line[:, None], shape)
            )
            found.flags.writeable = False
            self._constants[key] = found
        return found
