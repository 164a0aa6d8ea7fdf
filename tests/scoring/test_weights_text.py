import numpy as np
import pytest

from ecei_analysis import Weights, as_weights

CLASSES = ["very_important", "important", "not_so_important"]


@pytest.mark.parametrize(
    ("values", "digits", "en", "ru"),
    [
        ((3, 2, 1), 2, "3:2:1", "3:2:1"),
        ((4.3, 0.7, 1), 3, "4.3:0.7:1", "4,3:0,7:1"),
        ((0.5, 1 / 3, 1 / 6), 2, "0.5:0.33:0.17", "0,5:0,33:0,17"),
        ((1234.5, 1, 0), 2, "1200:1:0", "1200:1:0"),  # no exponent, no grouping
        ((1e-5, 2.5e6, 0.05), 2, "0.00001:2500000:0.05", "0,00001:2500000:0,05"),
    ],
)
def test_ratio_text_in_each_language_reads_back_as_the_same_weights(
    values, digits, en, ru
):
    weights = Weights(dict(zip(CLASSES, values, strict=True)))
    assert weights.ratio_text("en", digits) == en
    assert weights.ratio_text("ru", digits) == ru
    expected = [float(f"{v:.{digits}g}") for v in values]
    for text in (en, ru):
        read = as_weights(text, CLASSES)
        np.testing.assert_allclose(read.vector, expected, rtol=1e-12)
