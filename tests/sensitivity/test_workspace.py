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


def test_positions_are_made_once_per_shape_and_cannot_be_written():
    space = Workspace()
    columns = space.positions((2, 3), axis=1)
    assert space.positions((2, 3), axis=1) is columns and columns.flags.c_contiguous
    np.testing.assert_array_equal(columns, [[0, 1, 2], [0, 1, 2]])
    np.testing.assert_array_equal(
        space.positions((2, 3), axis=0), [[0, 0, 0], [1, 1, 1]]
    )
    ranks = space.positions((2, 3), axis=1, start=1, dtype=np.int8)
    assert ranks.dtype == np.int8 and ranks.tolist() == [[1, 2, 3], [1, 2, 3]]
    assert space.positions((2, 3), axis=1) is columns  # kept beside the others
    with pytest.raises(ValueError, match="read-only"):
        columns[0, 0] = 5
