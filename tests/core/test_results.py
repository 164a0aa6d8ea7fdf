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
    assert demo.parameters_json() == '{"seed": 3}'
    assert demo.tidy()["x"].tolist() == [1]
    with pytest.raises(NotImplementedError):
        Result().tidy()
