import numpy as np
import pytest
from scipy import stats

from ecei_analysis import EceiDataError, sample_weights
from ecei_analysis.sensitivity.samplers import make_sampler

N = 40_000


def test_uniform_simplex_marginal_is_beta_1_2():
    w = sample_weights("uniform", N, seed=1)
    np.testing.assert_allclose(w.sum(axis=1), 1.0)
    for c in range(3):
        assert stats.kstest(w[:, c], stats.beta(1, 2).cdf).pvalue > 1e-3


def test_ordered_region_marginals_are_order_statistics():
    w = sample_weights("ordered", N, seed=2)
    assert (np.diff(w, axis=1) <= 0).all()
    # Expected sorted uniform spacings: E[w_(k)] = (1/3) * sum_{i>=k} 1/i.
    np.testing.assert_allclose(w.mean(axis=0), [11 / 18, 5 / 18, 1 / 9], atol=0.005)

    # The smallest weight: P(min <= t) = 1 - (1 - 3t)^2 on [0, 1/3].
    def cdf(t):
        return 1 - (1 - 3 * np.clip(t, 0, 1 / 3)) ** 2

    assert stats.kstest(w[:, 2], cdf).pvalue > 1e-3


def test_dirichlet_centres_on_nominal_and_concentrates():
    loose = sample_weights("dirichlet", N, seed=3, nominal=(3, 2, 1), concentration=20)
    np.testing.assert_allclose(loose.mean(axis=0), [0.5, 1 / 3, 1 / 6], atol=0.005)
    tight = sample_weights(
        "dirichlet", 2000, seed=3, nominal=(3, 2, 1), concentration=1e7
    )
    assert np.abs(tight - [0.5, 1 / 3, 1 / 6]).max() < 1e-3
    assert loose.std(axis=0).min() > tight.std(axis=0).max() * 100


def test_box_stays_in_box_and_is_uniform():
    w = sample_weights("box", N, seed=4, nominal=(3, 2, 1), spread=0.2)
    assert (w >= np.array([2.4, 1.6, 0.8]) - 1e-12).all()
    assert (w <= np.array([3.6, 2.4, 1.2]) + 1e-12).all()
    assert stats.kstest((w[:, 0] - 2.4) / 1.2, "uniform").pvalue > 1e-3


def test_bounds_are_respected_and_empty_region_is_an_error():
    w = sample_weights("uniform", 5000, seed=5, bounds={"very_important": (0.5, 0.8)})
    assert (w[:, 0] >= 0.5).all() and (w[:, 0] <= 0.8).all()
    with pytest.raises(EceiDataError, match="weight region is empty"):
        sample_weights("ordered", 10, bounds={"not_so_important": (0.5, 1.0)})
    with pytest.raises(EceiDataError, match="weight region is empty"):
        sample_weights(
            "uniform", 10, bounds={"very_important": (0.6, 1), "important": (0.6, 1)}
        )


def test_seed_determinism():
    a = sample_weights("ordered", 100, seed=7)
    b = sample_weights("ordered", 100, seed=7)
    c = sample_weights("ordered", 100, seed=8)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


@pytest.mark.parametrize(
    ("name", "options", "message"),
    [
        ("nope", {}, "unknown sampler"),
        ("dirichlet", {"concentration": -1}, "concentration must be a number in"),
        ("dirichlet", {"concentration": 1e308}, "concentration must be a number in"),
        ("dirichlet", {"nominal": (np.nan, 1, 1)}, "finite"),
        ("box", {"nominal": (np.inf, 1, 1)}, "finite"),
        ("box", {"spread": 2}, "spread must be within"),
        ("box", {"nominal": (-1, 1, 1)}, "non-negative"),
        ("uniform", {"bounds": {"very_important": (0.9, 0.1)}}, "low <= high"),
        ("uniform", {"colour": 1}, "bad options"),
    ],
)
def test_bad_sampler_options(name, options, message):
    with pytest.raises(EceiDataError, match=message):
        make_sampler(name, **options)


@pytest.mark.parametrize("name", ["dirichlet", "box"])
def test_centred_samplers_stay_on_the_face_of_a_zero_nominal(name):
    """1:1:0 ("drop not so important"): the neighbourhood lies on that face."""
    w = sample_weights(name, 20_000, seed=3, nominal=(1.0, 1.0, 0.0))
    assert np.all(w[:, 2] == 0)
    share = w[:, 0] / w.sum(axis=1)
    assert abs(share.mean() - 0.5) < 0.01 and share.std() > 0.01
    spec = make_sampler(name, nominal=(1.0, 1.0, 0.0)).spec()
    assert spec["zero_classes"] == ["not_so_important"] and spec["name"] == name


def test_dirichlet_at_a_vertex_is_the_vertex():
    w = sample_weights("dirichlet", 100, seed=3, nominal=(2.0, 0.0, 0.0))
    np.testing.assert_array_equal(w, np.tile([1.0, 0.0, 0.0], (100, 1)))
    spec = make_sampler("dirichlet", nominal=(1, 0, 0)).spec()
    assert spec["zero_classes"] == ["important", "not_so_important"]


@pytest.mark.parametrize("name", ["uniform", "ordered", "dirichlet", "box"])
def test_draws_do_not_depend_on_request_sizes(name):
    """Bounded (rejection) samplers too: one stream, any request sizes."""
    sampler = make_sampler(name, bounds={"very_important": (0.3, 0.9)})
    whole = sampler.draw(10_000, np.random.default_rng(5))
    stream = sampler.stream(np.random.default_rng(5))
    parts = np.concatenate([stream.take(m)[0] for m in (1, 999, 4096, 4904)])
    np.testing.assert_array_equal(whole, parts)


def test_a_region_sampler_on_the_ordered_corners_is_the_ordered_sampler():
    from scipy.stats import ks_2samp

    from ecei_analysis.sensitivity.samplers import RegionSampler

    corners = ((1.0, 0.0, 0.0), (0.5, 0.5, 0.0), (1 / 3, 1 / 3, 1 / 3))
    region = RegionSampler(vertices=corners).draw(50_000, np.random.default_rng(1))
    ordered = make_sampler("ordered").draw(50_000, np.random.default_rng(2))
    assert (np.diff(region, axis=1) <= 1e-12).all()
    for j in range(3):
        assert ks_2samp(region[:, j], ordered[:, j]).pvalue > 1e-3
    # One vertex: a fixed weighting.
    fixed = RegionSampler(vertices=((0.2, 0.3, 0.5),)).draw(5, np.random.default_rng(0))
    np.testing.assert_array_equal(fixed, np.tile([0.2, 0.3, 0.5], (5, 1)))


def test_a_mixture_draws_each_component_by_its_share():
    from ecei_analysis.sensitivity.samplers import FixedSampler, MixtureSampler

    mixture = MixtureSampler(
        components=(
            FixedSampler(nominal=(1, 0, 0)),
            FixedSampler(nominal=(0, 2, 0)),
            make_sampler("uniform"),
        ),
        shares=(2, 1, 1),
    )
    w = mixture.draw(40_000, np.random.default_rng(0))
    np.testing.assert_allclose(w.sum(axis=1), 1.0)
    first = (w[:, 0] == 1.0).mean()
    second = (w[:, 1] == 1.0).mean()
    assert abs(first - 0.5) < 0.01 and abs(second - 0.25) < 0.01
    spec = mixture.spec()
    assert spec["components"] == 3 and spec["shares"] == [0.5, 0.25, 0.25]
    assert spec["component"] == ["fixed", "uniform"]
    equal = MixtureSampler(components=mixture.components, label="three")
    assert equal.spec()["shares"] is None and equal.spec()["of"] == "three"


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda S: S["MixtureSampler"](components=()), "at least one component"),
        (
            lambda S: S["MixtureSampler"](
                components=(S["FixedSampler"](nominal=(1, 1, 1)),), shares=(1, 2)
            ),
            "shares must be 1",
        ),
        (
            lambda S: S["MixtureSampler"](
                components=(
                    S["FixedSampler"](
                        classes=("very_important", "important"), nominal=(1, 1)
                    ),
                )
            ),
            "a mixture component has classes",
        ),
        (
            lambda S: S["MixtureSampler"](
                components=(make_sampler("uniform", bounds={"important": (0, 0.5)}),)
            ),
            "cannot have bounds",
        ),
        (lambda S: S["RegionSampler"](vertices=((1.0, 1.0, 0.0),)), "sum to 1"),
        (lambda S: S["RegionSampler"](vertices=((1.0, 0.0),)), "vertices of 3"),
    ],
)
def test_mixture_and_region_check_their_input(build, message):
    import ecei_analysis.sensitivity.samplers as samplers

    with pytest.raises(EceiDataError, match=message):
        build(vars(samplers))


def test_the_ordered_sampler_orders_by_class_name_not_by_column():
    """Columns sorted by name: very important is still the largest weight."""
    by_name = ("important", "not_so_important", "very_important")
    w = make_sampler("ordered", by_name).draw(5000, np.random.default_rng(2))
    vi, i, nsi = w[:, 2], w[:, 0], w[:, 1]
    assert (vi >= i).all() and (i >= nsi).all()
    canonical = make_sampler("ordered").draw(5000, np.random.default_rng(2))
    np.testing.assert_array_equal(w[:, [2, 0, 1]], canonical)
    assert make_sampler("ordered", by_name).spec()["order"] == [
        "very_important",
        "important",
        "not_so_important",
    ]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_specs_hold_no_words(language):
    """The same plain specification whatever the language in force."""
    from ecei_analysis.core.i18n import use_language

    samplers = [
        make_sampler("uniform"),
        make_sampler("ordered"),
        make_sampler("dirichlet", nominal=(3, 2, 0)),
        make_sampler("box", nominal=(3, 2, 1), bounds={"important": (0.1, 0.5)}),
        make_sampler("fixed", nominal=(1, 1, 1)),
    ]
    english = [s.spec() for s in samplers]
    with use_language(language):
        assert [s.spec() for s in samplers] == english
