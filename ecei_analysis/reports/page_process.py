"""The offline explorer page written by a process of its own while a report goes on.

A briefing's explorer page is about a second of Bokeh work (more with Bokeh's
import) that nothing else in the briefing reads. :func:`start_explorer_page`
hands it to a fresh Python process (``python -m
ecei_analysis.reports.page_process``, its inputs pickled on standard input) and
returns at once, so a second core writes the page while the notebook draws its
figures; :meth:`PageJob.wait` waits for the file and raises the process's
error. A fresh interpreter, not a fork: the Jupyter kernel that calls this runs
threads, and a fork would copy their locks.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import EceiDataError, last_line
from ..core.i18n import pgettext

if TYPE_CHECKING:
    from ..data.study import Study

__all__ = ["PageJob", "start_explorer_page"]


@dataclass
class PageJob:
    """A page being written by another process."""

    process: subprocess.Popen
    path: Path
    #: Writes the inputs to the process (a large study fills the pipe before
    #: the process reads it, so the caller does not wait for that).
    feeder: threading.Thread

    def wait(self) -> Path:
        """Wait for the page; return its path.

        Raises
        ------
        EceiDataError
            The process failed (its last error line is quoted) or left no page.
        """
        self.feeder.join()
        with self.process.stderr:
            errors = self.process.stderr.read()
        self.process.wait()
        if self.process.returncode != 0 or not self.path.is_file():
            last = last_line(errors.decode("utf-8", "replace"))
            raise EceiDataError(
                pgettext(
                    "error", "the explorer page {file} could not be written: {last}"
                ).format(file=self.path.name, last=last)
            )
        return self.path


def start_explorer_page(study: Study, path: str | Path, *args, **kwargs) -> PageJob:
    """Start writing :func:`~ecei_analysis.reports.explorer_page.write_explorer_page`.

    Parameters
    ----------
    study, path, *args, **kwargs
        As for ``write_explorer_page`` (the weights, ``ties``, ``parameters``,
        ``language``).

    Returns
    -------
    PageJob
        Call :meth:`PageJob.wait` before the page is read.
    """
    path = Path(path).resolve()
    process = subprocess.Popen(
        [sys.executable, "-m", __name__],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    inputs = pickle.dumps((study, path, args, kwargs))

    def feed() -> None:
        with process.stdin:
            process.stdin.write(inputs)

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    return PageJob(process, path, feeder)


def main() -> int:
    """Write the page whose inputs are pickled on standard input."""
    from .explorer_page import write_explorer_page

    study, path, args, kwargs = pickle.load(sys.stdin.buffer)
    write_explorer_page(study, path, *args, **kwargs)
    return 0


if __name__ == "__main__":
    from ..core.collector import collect_less_often, freeze_before_exit

    collect_less_often()
    try:
        raise SystemExit(main())
    finally:
        freeze_before_exit()
