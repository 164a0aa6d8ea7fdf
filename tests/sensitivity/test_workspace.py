import numpy as np
import pytest

from ecei_analysis.sensitivity.workspace import Workspace


def test_an_array_is_reused_while_its_shape_and_type_stay():
    space = Workspace()
    first = space.array("scores", (4, 3))
    assert space.array("scores", (4, 3)) is first
    assert space.array("other", (4, 3)) is not first
    assert space.array("scores", (2, 3)).shape == (2, 3)
    ints = space.array("scores", (2, 3), np.int64)
    assert ints.dtype == np.int64 and space.array("scores", (2, 3), np.int64) is ints


def test_a_constant_is_made_once_per_shape_and_cannot_be_written():
    space = Workspace()
    made = []

    def make():
        made.append(1)
        return np.broadcast_to(np.arange(3), (2, 3))  # a view: stored contiguous

    tiled = space.constant("index", (2, 3), make)
    assert space.constant("index", (2, 3), make) is tiled and len(made) == 1
    assert tiled.flags.c_contiguous
    np.testing.assert_array_equal(tiled, [[0, 1, 2], [0, 1, 2]])
    with pytest.raises(ValueError, match="read-only"):
        tiled[0, 0] = 5
    space.constant("index", (5, 3), lambda: np.zeros((5, 3)))
    assert len(made) == 1
