"""The common shape of every analysis result: numbers, parameters, a tidy frame."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

__all__ = ["Result", "jsonable"]


def jsonable(value: Any) -> Any:
    """Return ``value`` with numpy scalars, arrays and tuples made JSON-friendly.

    Examples
    --------
    >>> import numpy as np
    >>> jsonable({"a": np.int64(2), "b": (1, np.float64(0.5))})
    {'a': 2, 'b': [1, 0.5]}
    """
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if hasattr(value, "tolist") and not isinstance(value, str):
        return jsonable(value.tolist())
    if hasattr(value, "item") and not isinstance(value, str):
        return value.item()
    return value


@dataclass(frozen=True)
class Result:
    """Base of every analysis result.

    Attributes
    ----------
    parameters
        Everything needed to reproduce the result: method, measure, draws, the
        seed's record (see :func:`~ecei_analysis.core.seeds.spawn_generators`), tie
        rule and the like. JSON-friendly.
    """

    parameters: dict = field(default_factory=dict, kw_only=True)

    def tidy(self) -> pd.DataFrame:
        """Return the result as one long (tidy) DataFrame."""
        raise NotImplementedError
