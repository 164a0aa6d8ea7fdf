"""The Jupyter kernel a report runs on, started before anything else of the run.

A report's kernel takes about a second to boot and most of another to import
the package and matplotlib; the ``ecei report`` process meanwhile imports
pandas and papermill and checks every parameter. :func:`report_kernel` starts
the kernel first, with those imports as its start-up lines, so the two
processes work at once on two cores and the notebook's first cell finds its
imports done. This module imports nothing heavy itself, so a caller can start
the kernel before loading the rest of the report stack.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import chdir, contextmanager
from pathlib import Path

from ..core.environment import kernel_environment
from ..core.work import long_runs_allowed

__all__ = ["KERNEL_IMPORTS", "report_kernel"]

#: Imported by the kernel as it starts, while the report process works: what
#: every report notebook imports (a notebook imports them again for free).
KERNEL_IMPORTS = (
    "ecei_analysis",
    "ecei_analysis.reports.context",
    "ecei_analysis.reports.tables",
    "matplotlib.pyplot",
    "mpltern",
)
#: Seconds between asks whether a stopped kernel has ended.
_STOP_POLL = 0.005


@contextmanager
def report_kernel(work: Path) -> Iterator:
    """Yield a kernel manager whose kernel starts in ``work``; stop it at the end.

    The kernel imports :data:`KERNEL_IMPORTS` as it starts, collecting garbage
    less often (:func:`~ecei_analysis.core.collector.collect_less_often`); a
    client that connects meanwhile waits for them. At the end (on an error or
    an interrupt too) the kernel is stopped at once: its work is in the
    notebook by then, and a polite shutdown costs ipykernel about a second. Its
    socket files lie in ``work`` under relative names (a socket path has a
    length limit): a client connects from inside ``work`` (papermill's ``cwd``
    does that), and they are removed from there.

    Parameters
    ----------
    work
        The report's temporary folder: the kernel's working folder.
    """
    from jupyter_core.utils import run_sync

    manager = _kernel_manager()(kernel_name="python3")
    start_up = (
        "from ecei_analysis.core.collector import collect_less_often; "
        f"collect_less_often(); import {', '.join(KERNEL_IMPORTS)}"
    )
    run_sync(manager.start_kernel)(
        cwd=str(work),
        extra_arguments=[
            "--HistoryManager.hist_file=:memory:",
            f"--IPKernelApp.exec_lines={start_up}",
        ],
    )
    try:
        yield manager
    finally:
        for client in manager.clients:  # papermill leaves its client running
            client.stop_channels()
        if manager.has_kernel:
            with chdir(work):
                run_sync(manager.shutdown_kernel)(now=True)


def _kernel_manager():
    """Return the kernel manager of report runs.

    It talks over local sockets, not TCP; it starts the kernel with the report
    environment of :func:`~ecei_analysis.core.environment.kernel_environment`
    (this process's environment is left as it is); and it keeps the kernel's
    own stderr (shutdown noise when interrupted) out of the terminal: cell
    errors come back through the messaging protocol. A stopped kernel's end is
    awaited every :data:`_STOP_POLL` seconds, not every 0.1. It keeps the
    clients it makes (``clients``): papermill leaves the client of a kernel it
    did not start connected, and :func:`report_kernel` closes it, so no socket
    outlives the run.
    """
    from jupyter_client.manager import AsyncKernelManager

    env = kernel_environment(allow_long=long_runs_allowed())

    class ReportKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs) -> None:
            kwargs.setdefault("transport", "ipc")
            super().__init__(**kwargs)
            self.clients: list = []

        def client(self, **kwargs):
            made = super().client(**kwargs)
            self.clients.append(made)
            return made

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            kw["env"] = {**kw.get("env", {}), **env}
            kw.setdefault("stderr", subprocess.DEVNULL)
            return await super()._async_launch_kernel(kernel_cmd, **kw)

        async def _async_wait(self, pollinterval: float = 0.1) -> None:
            # A killed kernel is gone within milliseconds; asking every 0.1 s
            # cost every report up to a tenth of a second.
            await super()._async_wait(pollinterval=min(pollinterval, _STOP_POLL))

    return ReportKernelManager
