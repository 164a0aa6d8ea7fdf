import json
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest

from ecei_analysis.core.results import Result, jsonable


def test_jsonable_turns_numpy_into_plain_values():
    value = {"a": np.int64(2), "b": (np.float64(0.5), np.array([1, 2])), 3: "x"}
    assert jsonable(value) == {"a": 2, "b": [0.5, [1, 2]], "3": "x"}
    json.dumps(jsonable(value))


def test_result_base():
    @dataclass(frozen=True)
    class Demo(Result):
        table: pd.DataFrame

        def tidy(self):
            return self.table

    demo = Demo(table=pd.DataFrame({"x": [1]}), parameters={"seed": np.int64(3)})
    assert json.dumps(jsonable(demo.parameters)) == '{"seed": 3}'
    assert demo.tidy()["x"].tolist() == [1]
    with pytest.raises(NotImplementedError):
        Result().tidy()


# --- Every analysis result, one contract -------------------------------------------
# Built with seed=None where the analysis is random, so that the record of fresh
# entropy is what reproduces it.
def _results(study, points, seed):
    import ecei_analysis as ea
    from ecei_analysis.core.resources import (
        bundled_classification_panel_file,
        bundled_panel_file,
    )
    from ecei_analysis.sensitivity.geometry.first_place import first_place_map

    panel = ea.load_panel(bundled_panel_file(), classes=study.classes)
    experts = ea.load_classification_panel(
        bundled_classification_panel_file(), study.indicators
    )
    noise = ea.AssessorNoise.from_study(study, levels=1)
    return {
        "smaa": lambda s=seed: ea.smaa(points, draws=3000, seed=s),
        "smaa_noise": lambda s=seed: ea.smaa(
            points, draws=1000, seed=s, noise=noise, sampler="ordered"
        ),
        "rank_uncertainty": lambda s=seed: ea.rank_uncertainty(
            points, "3:2:1", draws=3000, seed=s, noise=noise
        ),
        "classification": lambda s=seed: ea.classification_uncertainty(
            study, "3:2:1", draws=500, seed=s
        ),
        "sobol": lambda s=seed: ea.sobol_rank_indices(points, n=64, seed=s),
        "panel": lambda s=seed: ea.analyse_panel(points, panel, draws=1000, seed=s),
        "agreement": lambda s=seed: ea.classification_agreement(
            experts, bootstrap=30, seed=s
        ),
        "experts": lambda s=seed: ea.analyse_classification_panel(
            study, experts, "3:2:1", draws=200, bootstrap=20, seed=s
        ),
        "importance": lambda s=None: ea.class_importance(points, "3:2:1"),
        "matched": lambda s=None: ea.weights_for_importance(points, "3:2:1"),
        "reach": lambda s=None: ea.weights_to_reach(points, "zelenograd", 3, "3:2:1"),
        "points": lambda s=None: ea.points_to_reach(study, "zelenograd", 3, "3:2:1"),
        "region": lambda s=None: ea.ranking_region(points, list(points.index[:3])),
        "stability": lambda s=None: ea.stability_radius(points, "3:2:1"),
        "first_place": lambda s=None: first_place_map(points),
    }


KINDS = [
    "smaa",
    "smaa_noise",
    "rank_uncertainty",
    "classification",
    "sobol",
    "panel",
    "agreement",
    "experts",
    "importance",
    "matched",
    "reach",
    "points",
    "region",
    "stability",
    "first_place",
]


@pytest.mark.parametrize("kind", KINDS)
def test_every_result_is_tidy_plain_and_reproducible(kind, study, points):
    from ecei_analysis.core.i18n import use_language

    make = _results(study, points, None)[kind]
    result = make()
    tidy = result.tidy()
    assert isinstance(tidy, pd.DataFrame) and len(tidy)
    assert not tidy.columns.duplicated().any()
    # Parameters are plain specifications: the same in every language.
    fixed = _results(study, points, 7)[kind]
    english = json.dumps(jsonable(fixed().parameters), sort_keys=True)
    with use_language("ru"):
        russian = json.dumps(jsonable(fixed().parameters), sort_keys=True)
    assert russian == english
    assert not any("а" <= ch <= "я" for ch in english.lower())
    # A random result re-run from its recorded seed is the same result.
    if "seed" in result.parameters:
        again = make(result.parameters["seed"])
        pd.testing.assert_frame_equal(again.tidy(), tidy)
