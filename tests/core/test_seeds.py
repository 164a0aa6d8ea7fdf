import numpy as np
import pytest

from ecei_analysis import DEFAULT_SEED, EceiDataError
from ecei_analysis.core.seeds import handle_seed, seeded_generator, spawn_generators


def test_one_default_seed_everywhere():
    """Every public seeded function and every notebook default to DEFAULT_SEED."""
    import inspect
    import json

    import ecei_analysis as ea
    from ecei_analysis.core.resources import bundled_notebooks_dir

    seeded = []
    for name in ea.__all__:
        obj = getattr(ea, name)
        target = obj.__init__ if inspect.isclass(obj) else obj
        if not callable(target):
            continue
        try:
            parameters = inspect.signature(target).parameters
        except (TypeError, ValueError):
            continue
        if "seed" in parameters:
            seeded.append(name)
            assert parameters["seed"].default == DEFAULT_SEED, name
    assert {"smaa", "rank_uncertainty", "sobol_rank_indices"} <= set(seeded)
    for path in sorted(bundled_notebooks_dir().glob("*.ipynb")):
        book = json.loads(path.read_text(encoding="utf-8"))
        cells = [
            c for c in book["cells"] if "parameters" in c["metadata"].get("tags", [])
        ]
        for line in "".join(cells[0]["source"]).splitlines() if cells else []:
            if line.startswith("seed:"):
                assert f"= {DEFAULT_SEED} " in line, (path.name, line)
    np.testing.assert_array_equal(
        handle_seed().random(3), handle_seed(DEFAULT_SEED).random(3)
    )


@pytest.mark.parametrize("seed", [3, np.int64(3), np.uint8(3)])
def test_numpy_integers_are_recorded_as_ints(seed):
    streams, record = spawn_generators(seed, ("a", "b"))
    assert record == 3 and isinstance(record, int)
    again, _ = spawn_generators(3, ("a", "b"))
    assert streams["b"].random() == again["b"].random()


def test_streams_are_independent_of_each_other():
    streams, _ = spawn_generators(7, ("weights", "noise"))
    only, _ = spawn_generators(7, ("weights", "noise"))
    streams["noise"].random(10_000)  # drawing noise does not shift the weights
    assert streams["weights"].random() == only["weights"].random()


def test_fresh_entropy_is_recorded_and_reproduces():
    streams, record = spawn_generators(None, ("x",))
    value = streams["x"].random()
    sequence = np.random.SeedSequence(record["entropy"])
    assert np.random.default_rng(sequence.spawn(1)[0]).random() == value
    again, same = spawn_generators(record, ("x",))  # the record is a seed
    assert same == record and again["x"].random() == value


@pytest.mark.parametrize("seed", [11, None, "generator"])
def test_every_record_given_back_reproduces_the_streams(seed):
    if seed == "generator":
        seed = np.random.default_rng(11)
    rng, record = seeded_generator(seed)
    first = rng.random(3)
    again, same = seeded_generator(record)
    assert same == record
    np.testing.assert_array_equal(again.random(3), first)
    streams, record = spawn_generators(np.random.default_rng(4), ("a", "b"))
    twins, _ = spawn_generators(record, ("a", "b"))
    assert streams["b"].random() == twins["b"].random()


@pytest.mark.parametrize("bad", [{"state": 1}, {"entropy": "x"}, {"entropy": True}])
def test_bad_records(bad):
    with pytest.raises(EceiDataError, match="a seed record must be"):
        seeded_generator(bad)


@pytest.mark.parametrize("bad", [-1, 1.5, "7", True])
def test_bad_seeds(bad):
    with pytest.raises(EceiDataError, match="seed must be"):
        spawn_generators(bad, ("x",))
