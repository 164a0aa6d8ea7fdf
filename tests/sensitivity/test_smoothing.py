import numpy as np
import pytest

from ecei_analysis.sensitivity.smoothing import reml_smooth

# mgcv 1.8-41 (R 4.2.2): var(fitted(gam(y ~ s(x), method = "REML"))) / var(y),
# for the data sets built the same way in R (i = 0, 1, ...; %% for %).
MGCV_RATIOS = {
    "sine": 0.9386129288,  # i = 0:29; x = i; y = sin(x/4)*10 + (i*7)%%5
    "ties": 0.9405515356,  # i = 0:59; x = (i*13)%%11; y = (x-5)^2 + (i*17)%%7
}


def _ratio_of(x, y):
    return reml_smooth(x, y[None, :])[0].var() / y.var()


def test_the_reml_spline_gives_mgcvs_fit():
    i = np.arange(30.0)
    assert _ratio_of(i, np.sin(i / 4) * 10 + (i * 7) % 5) == pytest.approx(
        MGCV_RATIOS["sine"], abs=1e-5
    )
    i = np.arange(60.0)
    x = (i * 13) % 11  # 11 distinct values, each repeated
    assert _ratio_of(x, (x - 5) ** 2 + (i * 17) % 7) == pytest.approx(
        MGCV_RATIOS["ties"], abs=1e-5
    )


def test_the_reml_spline_keeps_lines_and_reaches_a_curve():
    x = np.arange(25.0)
    rows = np.stack([3 * x - 2, np.full(25, 4.0), (x - 12) ** 2])
    fitted = reml_smooth(x, rows)
    np.testing.assert_allclose(fitted[0], rows[0], atol=1e-9)  # a line: itself
    np.testing.assert_allclose(fitted[1], 4.0, atol=1e-9)
    # a parabola is smooth: the ten-function basis keeps nearly all of it.
    assert fitted[2].var() / rows[2].var() > 0.999
    with pytest.raises(ValueError, match="3 distinct"):
        reml_smooth(np.array([1.0, 1.0, 2.0]), np.ones((1, 3)))


def test_a_basis_as_large_as_the_distinct_values_is_mgcvs_too():
    # R: i <- 0:29; x <- i %% 6; y <- x^3 + (i*5) %% 4; gam(y ~ s(x, k = 6), method = "REML")
    i = np.arange(30.0)
    x = i % 6
    y = x**3 + (i * 5) % 4
    fitted = reml_smooth(x, y[None, :], k=6)[0]
    assert fitted.var() / y.var() == pytest.approx(0.9993682872, abs=1e-6)
    # k above the distinct values is capped at them: the same fit
    np.testing.assert_allclose(reml_smooth(x, y[None, :], k=10)[0], fitted)
