import numpy as np
import pytest

from ecei_analysis import (
    EceiDataError,
    rank_matrix,
    sweep_weight,
)


def test_sweep_ranks_match_direct_computation(points):
    nominal = {"very_important": 3, "important": 2, "not_so_important": 1}
    frame = sweep_weight(points, nominal, "important", [0.0, 1.0, 4.0])
    for value, sub in frame.groupby("value"):
        w = np.array([3.0, value, 1.0])
        expected = rank_matrix(points.to_numpy() @ w)
        np.testing.assert_array_equal(sub["rank"].to_numpy(), expected)
    ratio = sweep_weight(points, nominal, "very_important", [0.2, 0.5], keep="ratio")
    row = ratio[ratio["step"] == 0].iloc[0]
    assert row["w_very_important"] == 0.2
    assert row["w_important"] == pytest.approx(0.8 * 2 / 3)
    with pytest.raises(EceiDataError, match="shares in"):
        sweep_weight(points, nominal, "important", [1.5], keep="ratio")
