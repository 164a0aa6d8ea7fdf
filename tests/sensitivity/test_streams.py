import numpy as np

from ecei_analysis.sensitivity.streams import ArrayStream, BlockStream


def test_block_stream_reads_the_same_rows_whatever_the_requests():
    def block(rng):
        x = rng.random((100, 2))
        keep = x[:, 0] > 0.5  # a rejection step: blocks of varying length
        return x[keep], np.flatnonzero(keep)

    whole = BlockStream(block, np.random.default_rng(1)).take(500)
    stream = BlockStream(block, np.random.default_rng(1))
    parts = [stream.take(m) for m in (1, 7, 250, 242)]
    for k in range(2):
        np.testing.assert_array_equal(whole[k], np.concatenate([p[k] for p in parts]))


def test_array_stream_slices_in_order():
    stream = ArrayStream(np.arange(10), np.arange(10) * 2)
    a, _b = stream.take(4)
    _c, d = stream.take(6)
    assert a.tolist() == [0, 1, 2, 3] and d.tolist() == [8, 10, 12, 14, 16, 18]
