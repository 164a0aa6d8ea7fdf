import numpy as np
import pytest
from scipy import stats

from ecei_analysis import AssessorNoise, EceiDataError


def tiny(**law):
    return AssessorNoise(
        indicator_points=np.array([[1.0, 9.0, 5.0]]),
        max_points=np.array([10.0, 10.0, 10.0]),
        membership=np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]]),
        **law,
    )


def test_exact_levels_law_equals_brute_force_enumeration():
    """Class 0 = ind 0 (1 ± 2 clipped at 0) + ind 1 (9 ± 2 clipped at 10)."""
    noise = tiny(levels=2)
    draws = noise.draw(200_000, np.random.default_rng(3))[:, 0, 0]
    a = np.clip(np.arange(-1, 4), 0, 10)
    b = np.clip(np.arange(7, 12), 0, 10)
    exact = (a[:, None] + b[None, :]).ravel()
    values, counts = np.unique(exact, return_counts=True)
    for v, c in zip(values, counts, strict=True):
        assert np.mean(draws == v) == pytest.approx(c / exact.size, abs=0.005)
    assert set(np.unique(draws)) == set(values)


@pytest.mark.parametrize("law", [{"levels": 2}, {"relative": 0.2}, {"sd": 1.5}])
def test_the_stream_serves_the_same_draws_whatever_the_request_sizes(law):
    """The stream maps fixed blocks of uniforms to class points, so requests of any
    size read the draws one call of ``draw`` makes (the block is 1024 draws)."""
    noise = tiny(**law)
    whole = noise.draw(1024, np.random.default_rng(8))
    stream = noise.stream(np.random.default_rng(8))
    pieces = [stream.take(m)[0] for m in (300, 1, 699, 24)]
    np.testing.assert_array_equal(np.concatenate(pieces), whole)
    assert whole.shape == (1024, 1, 2)
    assert np.all((whole >= 0) & (whole <= [20.0, 10.0]))


def test_fast_and_per_indicator_paths_agree_in_distribution():
    fast = tiny(levels=1)
    # Non-whole points take the per-indicator path; shifted by 0.5 it is the
    # same law as the exact whole-point path (no clipping is reached here).
    noise = AssessorNoise(
        indicator_points=np.array([[1.5, 9.0, 5.0]]),
        max_points=np.array([10.0, 10.0, 10.0]),
        membership=fast.membership,
        levels=1,
    )
    x = noise.draw(100_000, np.random.default_rng(1))[:, 0, 0]
    y = fast.draw(100_000, np.random.default_rng(1))[:, 0, 0] + 0.5
    assert x.mean() == pytest.approx(y.mean(), abs=0.02)
    assert x.var() == pytest.approx(y.var(), abs=0.03)


def test_gaussian_is_truncated_not_clipped():
    noise = tiny(sd=3.0)
    x = noise.draw(100_000, np.random.default_rng(2))[:, 0, 1]  # indicator 2 alone
    assert (x >= 0).all() and (x <= 10).all()
    law = stats.truncnorm((0 - 5) / 3, (10 - 5) / 3, loc=5, scale=3)
    assert x.std() == pytest.approx(law.std(), rel=0.02)
    assert np.mean(x == 10) == 0  # no mass piled on the bound


def test_triangular_law():
    noise = tiny(half_width=2.0)
    x = noise.draw(100_000, np.random.default_rng(4))[:, 0, 1]
    assert stats.kstest(x, stats.triang(c=0.5, loc=3, scale=4).cdf).pvalue > 1e-3


def test_per_indicator_spread_and_spec(study):
    study.indicators["sd_points"] = 1.0
    try:
        noise = AssessorNoise.from_study(study, sd="sd_points")
        assert noise.spec() == {"law": "gaussian", "spread": 1.0}
        study.indicators["sd_points"] = np.arange(len(study.indicators), dtype=float)
        varied = AssessorNoise.from_study(study, sd="sd_points").spec()
        assert varied["spread"] == list(range(len(study.indicators)))
    finally:
        del study.indicators["sd_points"]
    with pytest.raises(EceiDataError, match="no column 'nope'"):
        AssessorNoise.from_study(study, sd="nope")


@pytest.mark.parametrize(
    ("law", "message"),
    [
        ({}, "exactly one of"),
        ({"levels": 1, "sd": 1}, "exactly one of"),
        ({"levels": 1.5}, "whole numbers"),
        ({"relative": 2}, r"within \[0, 1\]"),
        ({"sd": -1}, ">= 0"),
    ],
)
def test_bad_laws(law, message):
    with pytest.raises(EceiDataError, match=message):
        tiny(**law)


def test_noise_must_match_the_points(study, points):
    noise = AssessorNoise.from_study(study, levels=1)
    noise.check_matches(points)
    with pytest.raises(EceiDataError, match="other clusters"):
        noise.check_matches(points.iloc[::-1])
    with pytest.raises(EceiDataError, match="differ from the points"):
        noise.check_matches(points * 2)
    with pytest.raises(EceiDataError, match="clusters × 3 classes"):
        noise.check_matches(points.iloc[:5])
