"""Safe outputs: atomic writes, owned output files and folders, signal cleanup.

Rules every command follows:

* Writes are atomic (a temporary file or folder next to the target, then a
  rename): a reader never sees half a file, and a failure leaves the previous
  output intact.
* A command replaces only its own earlier output, recognised by a marker it
  wrote: for a folder, ``.ecei-output.json`` inside it listing every file and its
  sha256; for a single file, a hidden ``.NAME.ecei-output`` beside it with the
  file's sha256. An existing path without such a marker (or modified since) is
  refused with a clear message, unless it is an empty folder.
* Never into or over the run's input data, the current folder or one of its
  parents; such targets are refused before any work starts.
* Temporary names are unique; on SIGINT or SIGTERM they are removed (see
  :func:`cleanup_on_signals`).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import EceiDataError
from .i18n import pgettext

__all__ = [
    "MARKER",
    "OutputFolder",
    "cleanup_on_signals",
    "confined_path",
    "process_umask",
    "write_bytes_atomic",
    "write_owned_file",
    "write_text_atomic",
]

#: The marker file a command writes into every output folder it owns.
MARKER = ".ecei-output.json"
_TEMPORARY: set[Path] = set()


def process_umask() -> int:
    """Return the process umask (read without changing it)."""
    current = os.umask(0)
    os.umask(current)
    return current


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
    _TEMPORARY.discard(path)


def write_bytes_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file and an atomic rename.

    A reader never sees a half-written file, and a failure (a full disk, an
    interrupt) leaves any previous file intact.
    """
    path = Path(path)
    if path.is_dir():
        raise EceiDataError(
            pgettext("error", "is a folder; expected a file name"), file=path
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(name)
    _TEMPORARY.add(tmp)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~process_umask())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
        _TEMPORARY.discard(tmp)
    return path


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write UTF-8 text atomically; see :func:`write_bytes_atomic`."""
    return write_bytes_atomic(path, text.encode("utf-8"))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_marker(path: Path) -> Path:
    return path.with_name(f".{path.name}.ecei-output")


def _owned_file(path: Path, command: str) -> bool:
    try:
        record = json.loads(_file_marker(path).read_text(encoding="utf-8"))
        return record.get("command") == command and record.get("sha256") == _sha256(
            path.read_bytes()
        )
    except (OSError, ValueError, AttributeError):
        return False


def write_owned_file(
    path: str | Path,
    data: bytes,
    *,
    command: str,
    force: bool = False,
    option: str = "--out",
) -> Path:
    """Write a command's single-file output without destroying the user's files.

    An existing file is replaced only when this command wrote it and it is
    unchanged since (its marker says so), or with ``force``. ``option`` is the
    command-line option that named the file (for the error message).

    Raises
    ------
    EceiDataError
        The path is a folder, or an existing file the command did not write.
    """
    path = Path(path)
    if path.is_dir():
        raise EceiDataError(
            pgettext("error", "is a folder; expected a file name for {option}").format(
                option=option
            ),
            file=path,
        )
    if path.exists() and not force and not _owned_file(path, command):
        raise EceiDataError(
            pgettext(
                "error",
                "already exists and was not written by 'ecei {command}' (or was "
                "changed since); choose another {option}, remove it, or pass --force "
                "to replace it",
            ).format(command=command, option=option),
            file=path,
        )
    write_bytes_atomic(path, data)
    marker = {"command": command, "sha256": _sha256(data)}
    write_text_atomic(_file_marker(path), json.dumps(marker) + "\n")
    return path


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _folder_listing(folder: Path) -> dict[str, str]:
    out = {}
    for item in sorted(folder.rglob("*")):
        if item.is_file() and item.name != MARKER:
            out[item.relative_to(folder).as_posix()] = _sha256(item.read_bytes())
    return out


class OutputFolder:
    """An output folder a command builds in a temporary sibling and swaps in.

    Parameters
    ----------
    target
        The output folder.
    command
        The command that owns it (recorded in the marker).
    inputs
        Input files or folders of the run: the target may not be, contain or lie
        inside any of them (an input that cannot be resolved, a link loop, is
        left to the check that reads it).

    Raises
    ------
    EceiDataError
        Before any work starts, for a target that is a file, the current folder or
        a parent of it, inside or over an input, or an existing non-empty folder
        that this command did not write (or that was changed since).
    """

    def __init__(
        self, target: str | Path, *, command: str, inputs: Iterable[str | Path] = ()
    ) -> None:
        self.target = Path(target)
        self.command = command
        resolved = self.target.resolve()
        cwd = Path.cwd().resolve()
        if self.target.exists() and not self.target.is_dir():
            raise EceiDataError(
                pgettext("error", "is a file; expected a folder for the output"),
                file=self.target,
            )
        if _inside(cwd, resolved):
            raise EceiDataError(
                pgettext(
                    "error",
                    "is the current folder or one of its parents; choose a new folder "
                    "for the output (e.g. reports/briefing)",
                ),
                file=self.target,
            )
        for raw in inputs:
            try:
                source = Path(raw).resolve()
            except (OSError, RuntimeError):  # a link loop: its own check names it
                continue
            if _inside(resolved, source) or _inside(source, resolved):
                raise EceiDataError(
                    pgettext(
                        "error",
                        "overlaps the input data {raw}; write the output elsewhere",
                    ).format(raw=raw),
                    file=self.target,
                )
        if self.target.is_dir() and any(self.target.iterdir()):
            self._check_owned()

    def _check_owned(self) -> None:
        marker = self.target / MARKER
        try:
            record = json.loads(marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            record = None
        if not isinstance(record, dict) or record.get("command") != self.command:
            raise EceiDataError(
                pgettext(
                    "error",
                    "already holds files that 'ecei {command}' did not write; choose "
                    "another --out, or empty or remove that folder",
                ).format(command=self.command),
                file=self.target,
            )
        listing = _folder_listing(self.target)
        expected = record.get("files", {})
        changed = sorted(
            name for name in listing if expected.get(name) != listing[name]
        )
        if changed:
            raise EceiDataError(
                pgettext(
                    "error",
                    "holds {changed!r}, which 'ecei {command}' did not write there "
                    "(or which changed since); move it, or choose another --out",
                ).format(changed=changed[0], command=self.command),
                file=self.target,
            )

    @contextmanager
    def build(self) -> Iterator[Path]:
        """Yield a temporary folder to fill; swap it into place on success.

        One run at a time per output folder: a lock file beside it names the
        process writing it, a second run is refused while that process lives,
        and the lock and build folders of a run that died (``kill -9``) are
        swept by the next one.
        """
        parent = self.target.parent
        parent.mkdir(parents=True, exist_ok=True)
        lock = self._lock(parent)
        work = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.", dir=parent))
        _TEMPORARY.add(work)
        try:
            work.chmod(0o777 & ~process_umask())
            yield work
            record = {"command": self.command, "files": _folder_listing(work)}
            (work / MARKER).write_text(
                json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8"
            )
            self._swap(work)
        finally:
            if work.exists():
                _remove(work)
            _TEMPORARY.discard(work)
            _remove(lock)

    def _lock(self, parent: Path) -> Path:
        """Take the folder's lock; sweep what a dead run left; refuse a live one."""
        lock = parent / f".{self.target.name}.lock"
        record = json.dumps({"pid": os.getpid(), "command": self.command})
        for _attempt in range(2):
            # Written whole, then linked in: no reader ever sees a half-written lock.
            fd, draft = tempfile.mkstemp(prefix=f".{self.target.name}.", dir=parent)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(record)
            try:
                os.link(draft, lock)
            except FileExistsError:
                Path(draft).unlink(missing_ok=True)
                holder = _lock_holder(lock)
                if holder is not None:
                    raise EceiDataError(
                        pgettext(
                            "error",
                            "another 'ecei {command}' (process {pid}) is writing this "
                            "folder; wait for it to finish, or choose another --out",
                        ).format(command=holder.get("command", "?"), pid=holder["pid"]),
                        file=self.target,
                    ) from None
                self._sweep(parent, lock)  # the run that held it died
                continue
            Path(draft).unlink(missing_ok=True)
            _TEMPORARY.add(lock)
            return lock
        raise EceiDataError(  # pragma: no cover - a race lost twice
            pgettext("error", "could not take the lock {lock}").format(lock=lock.name),
            file=self.target,
        )

    def _sweep(self, parent: Path, lock: Path) -> None:
        """Remove a dead run's lock and its build and backup folders."""
        for leftover in parent.glob(f".{self.target.name}.*"):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)
        lock.unlink(missing_ok=True)

    def _swap(self, work: Path) -> None:
        backup = None
        if self.target.exists():
            if any(self.target.iterdir()):
                self._check_owned()  # unchanged since the checks before the work
            backup = Path(
                tempfile.mkdtemp(prefix=f".{self.target.name}.old-", dir=work.parent)
            )
            backup.rmdir()
            _TEMPORARY.add(backup)
            os.replace(self.target, backup)
        try:
            os.replace(work, self.target)
        except BaseException:
            if backup is not None:
                os.replace(backup, self.target)
            raise
        if backup is not None:
            _remove(backup)


def _lock_holder(lock: Path) -> dict | None:
    """Return the record of a lock whose process still runs (``None``: stale)."""
    try:
        record = json.loads(lock.read_text(encoding="utf-8"))
        pid = int(record["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # unreadable: not a lock this package wrote
    if pid == os.getpid():
        return record  # this process, in another build of the same folder
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return record  # alive, another user's
    return record


@contextmanager
def cleanup_on_signals() -> Iterator[None]:
    """Turn SIGTERM into ``SystemExit(143)`` so clean-up runs; remove temporaries.

    SIGINT already raises :class:`KeyboardInterrupt`. Either way the ``finally``
    blocks of the writers run, and any temporary file or folder still registered
    is removed on the way out.
    """

    def terminate(signum, frame):  # pragma: no cover - exercised in a subprocess
        raise SystemExit(128 + signum)

    import threading

    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, terminate) if main else None
    try:
        yield
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)
        for path in list(_TEMPORARY):
            _remove(path)


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
            pgettext(
                "error", "output path {relative!r} must be relative to {base!r}"
            ).format(relative=str(relative), base=str(base))
        )
    base_resolved = Path(base).resolve()
    target = (base_resolved / relative).resolve()
    if target != base_resolved and base_resolved not in target.parents:
        raise EceiDataError(
            pgettext(
                "error", "output path {relative!r} escapes the output folder {base!r}"
            ).format(relative=str(relative), base=str(base))
        )
    return target
