"""How the package's own processes use Python's garbage collector.

A command imports pandas, SciPy and matplotlib (about a million objects), then
makes many short-lived ones. At CPython's default threshold (a collection of the
youngest objects every 700 net allocations, of older ones every tenth of those)
the older generations, which hold every imported object, are walked again and
again: about a tenth of ``ecei figures`` on the 2-core reference machine. And
the interpreter's shutdown collections walk them all once more, 0.3-0.5 s after
a report, to free memory the ending process returns anyway.

The ``ecei`` command, a report's kernel and the explorer page's process
therefore collect less often (:func:`collect_less_often`), and the command and
the page's process put their objects out of the collector's sight as they end
(:func:`freeze_before_exit`). A library caller's process is left as it is.
"""

from __future__ import annotations

import gc

__all__ = ["YOUNG_THRESHOLD", "collect_less_often", "freeze_before_exit"]

#: Net allocations between two collections of the youngest objects (CPython's
#: default is 700; the older generations' thresholds stay as they are).
YOUNG_THRESHOLD = 10_000


def collect_less_often() -> None:
    """Collect the youngest objects every :data:`YOUNG_THRESHOLD` allocations.

    Examples
    --------
    >>> import gc
    >>> saved = gc.get_threshold()
    >>> collect_less_often()
    >>> gc.get_threshold()[0]
    10000
    >>> gc.set_threshold(*saved)
    """
    gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])


def freeze_before_exit() -> None:
    """Keep the shutdown's collections from walking every object (call last).

    Exit handlers, file closing and flushing run as usual afterwards.
    """
    gc.freeze()
