"""Shared constants, frames and strategies of the test suite (not a test module)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

C3 = ["very_important", "important", "not_so_important"]
W = {"very_important": 3.0, "important": 2.0, "not_so_important": 1.0}
NOTE = "SYNTHETIC demonstration data"

matrices = arrays(
    np.int64, st.tuples(st.integers(2, 7), st.just(3)), elements=st.integers(0, 40)
)
weights = st.tuples(*[st.floats(0.01, 10)] * 3)


def frame(rows, index=None) -> pd.DataFrame:
    """A clusters × three classes frame (clusters a, b, c, ... by default)."""
    rows = np.asarray(rows, dtype=float)
    index = index or [chr(ord("a") + i) for i in range(len(rows))]
    return pd.DataFrame(rows, index=index, columns=C3)


def grid(step: float = 1 / 300) -> np.ndarray:
    """A regular grid over the weight simplex (rows sum to 1)."""
    g = np.arange(0, 1 + 1e-12, step)
    x, y = np.meshgrid(g, g)
    keep = x + y <= 1 + 1e-12
    return np.column_stack([x[keep], y[keep], np.clip(1 - x[keep] - y[keep], 0, 1)])


def border_is_clean(path, width: int = 2) -> bool:
    """True when a PNG's outer ``width`` pixels are all background (white)."""
    from PIL import Image

    pixels = np.asarray(Image.open(path).convert("RGB"))
    frame = np.concatenate(
        [
            pixels[:width].reshape(-1, 3),
            pixels[-width:].reshape(-1, 3),
            pixels[:, :width].reshape(-1, 3),
            pixels[:, -width:].reshape(-1, 3),
        ]
    )
    return bool((frame == 255).all())


def start_server(command, ready: str, *, timeout: float = 300, **popen):
    """Start a server process; return it once a line of its log contains ``ready``.

    Synchronises on the server's own announcement (an event), never on a guessed
    delay. The log (stdout and stderr, merged) keeps being drained by a thread so
    that a full pipe never blocks the server; the lines read are kept in
    ``process.log_lines`` for failure messages.
    """
    import subprocess
    import threading

    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **popen,
    )
    seen = threading.Event()
    process.log_lines = []

    def drain():
        for line in process.stdout:
            process.log_lines.append(line)
            if ready in line:
                seen.set()
        seen.set()  # the server ended: stop waiting

    process.drain = threading.Thread(target=drain, daemon=True)
    process.drain.start()
    if not seen.wait(timeout) or process.poll() is not None:
        stop_server(process)
        raise RuntimeError(
            f"{command[:3]} did not announce {ready!r}:\n{''.join(process.log_lines)}"
        )
    return process


def stop_server(process) -> None:
    """Stop a process of :func:`start_server` and close its log pipe."""
    import subprocess

    process.terminate()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    process.drain.join()
    process.stdout.close()


def contrast_on_white(colour) -> float:
    """WCAG contrast ratio of an RGB(A) colour (0-1 floats) against white."""

    def channel(v):
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(float(v)) for v in colour[:3])
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)
