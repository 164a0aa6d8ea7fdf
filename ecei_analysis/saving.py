"""Atomic file writes confined to an output folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import EceiDataError

__all__ = ["confined_path", "process_umask", "write_bytes_atomic", "write_text_atomic"]


def process_umask() -> int:
    """Return the process umask (read without changing it)."""
    current = os.umask(0)
    os.umask(current)
    return current


def write_bytes_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file and an atomic rename.

    A reader never sees a half-written file, and a failure leaves any previous
    file intact.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~process_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write UTF-8 text atomically; see :func:`write_bytes_atomic`."""
    return write_bytes_atomic(path, text.encode("utf-8"))


def confined_path(base: str | Path, relative: str | Path) -> Path:
    """Resolve ``relative`` inside ``base``; reject absolute paths and ``..`` escapes.

    Raises
    ------
    EceiDataError
        When the result would lie outside ``base``.
    """
    relative = Path(relative)
    if relative.is_absolute():
        raise EceiDataError(
            f"output path {str(relative)!r} must be relative to {str(base)!r}"
        )
    base_resolved = Path(base).resolve()
    target = (base_resolved / relative).resolve()
    if target != base_resolved and base_resolved not in target.parents:
        raise EceiDataError(
            f"output path {str(relative)!r} escapes the output folder {str(base)!r}"
        )
    return target
