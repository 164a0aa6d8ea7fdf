import gc
import subprocess
import sys

from ecei_analysis.core.collector import YOUNG_THRESHOLD, collect_less_often


def test_only_the_young_threshold_is_raised():
    saved = gc.get_threshold()
    try:
        gc.set_threshold(700, 7, 9)
        collect_less_often()
        assert gc.get_threshold() == (YOUNG_THRESHOLD, 7, 9)
    finally:
        gc.set_threshold(*saved)


def test_frozen_objects_are_out_of_the_collectors_sight():
    code = (
        "import gc\n"
        "from ecei_analysis.core.collector import freeze_before_exit\n"
        "tracked = len(gc.get_objects())\n"
        "freeze_before_exit()\n"
        "print(gc.get_freeze_count() >= tracked, len(gc.get_objects()) < 100)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["True", "True"]
