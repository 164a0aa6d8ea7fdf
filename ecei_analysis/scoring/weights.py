"""Class weights: the named sets, parsing, validation and normalisation.

Weights may be given as a mapping ``{class: weight}``, a pandas Series, or text:
a ratio in class order (``"3:2:1"``), ``class=number`` pairs
(``"very_important=3,important=2,not_so_important=1"``, also ``VI=3,I=2,NSI=1``)
or the name of a set in :data:`WEIGHT_SETS`. Every public function of the package
that takes weights accepts all of these forms (:func:`resolve_weights`).

Weights are given for the three canonical classes. When a study's indicators
cover fewer classes, the weights of the absent classes are dropped: the ranking
is over the classes present (``Study.absent_classes`` says which are absent).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ..core.errors import EceiDataError, short_repr
from ..core.i18n import current_language
from ..core.numbers import parse_number
from ..core.vocabulary import CLASS_SHORT, CLASSES

__all__ = [
    "DEFAULT_WEIGHTS",
    "WEIGHT_SETS",
    "WEIGHT_SET_ALIASES",
    "WeightsLike",
    "check_weights",
    "format_ratio",
    "format_weights",
    "normalise_weights",
    "parse_weights",
    "resolve_weights",
    "weight_vector",
]

#: Named weightings of (very_important, important, not_so_important).
WEIGHT_SETS: dict[str, dict[str, float]] = {
    "equal": {"very_important": 1.0, "important": 1.0, "not_so_important": 1.0},
    "proposal": {"very_important": 3.0, "important": 2.0, "not_so_important": 1.0},
    "geometric": {"very_important": 4.0, "important": 2.0, "not_so_important": 1.0},
    "vi_double": {"very_important": 2.0, "important": 1.0, "not_so_important": 1.0},
    "drop_nsi": {"very_important": 1.0, "important": 1.0, "not_so_important": 0.0},
    "vi_only": {"very_important": 1.0, "important": 0.0, "not_so_important": 0.0},
}

#: Earlier names of the sets, still accepted as text.
WEIGHT_SET_ALIASES: dict[str, str] = {"baseline": "equal", "linear": "proposal"}

#: The default weighting of every command and notebook: our proposal 3:2:1.
DEFAULT_WEIGHTS = "proposal"

WeightsLike = str | Mapping[str, float] | pd.Series

_ALIASES = {short.lower(): name for name, short in CLASS_SHORT.items()} | {
    name: name for name in CLASSES
}


def _number(value: object, what: str) -> float:
    if isinstance(value, str):
        try:
            return parse_number(value)
        except ValueError as exc:
            raise EceiDataError(f"{what}: {exc}") from None
    if isinstance(value, bool):
        raise EceiDataError(f"{what} must be a number, got {short_repr(value)}")
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise EceiDataError(
            f"{what} must be a number, got {short_repr(value)}"
        ) from None


def check_weights(
    weights: Mapping[str, float], classes: Sequence[str] = CLASSES
) -> dict[str, float]:
    """Validate a class → weight mapping and return it in ``classes`` order.

    Parameters
    ----------
    weights
        One finite, non-negative weight per class; not all zero. Weights of
        canonical classes absent from ``classes`` are dropped.
    classes
        The classes that must be present.

    Returns
    -------
    dict
        ``{class: float}`` in ``classes`` order.

    Raises
    ------
    EceiDataError
        Unknown or missing class, negative, NaN/inf or all-zero weights.
    """
    if not isinstance(weights, Mapping):
        raise EceiDataError(
            "weights must be a mapping class -> number or text such as '3:2:1', "
            f"got {type(weights).__name__}"
        )
    classes = list(classes)
    unknown = [k for k in weights if k not in classes and k not in CLASSES]
    if unknown:
        raise EceiDataError(
            f"unknown class(es) {unknown} in weights; expected {', '.join(classes)}"
        )
    absent = [c for c in classes if c not in weights]
    if absent:
        raise EceiDataError(
            f"no weight for class(es) {', '.join(absent)}; expected one weight per "
            f"class ({', '.join(classes)})"
        )
    out: dict[str, float] = {}
    for cls in classes:
        value = _number(weights[cls], f"weight of {cls}")
        if not np.isfinite(value) or value < 0:
            raise EceiDataError(
                f"weight of {cls} must be a finite number >= 0, "
                f"got {short_repr(weights[cls])}"
            )
        out[cls] = value
    if sum(out.values()) <= 0:
        dropped = {k: v for k, v in weights.items() if k not in classes}
        if any(_number(v, f"weight of {k}") > 0 for k, v in dropped.items()):
            raise EceiDataError(
                f"the only positive weights are on class(es) "
                f"{', '.join(k for k in dropped)} that no indicator of this study "
                f"belongs to; give a positive weight to {', '.join(classes)}"
            )
        raise EceiDataError("weights are all zero; at least one must be positive")
    return out


def parse_weights(text: str, classes: Sequence[str] = CLASSES) -> dict[str, float]:
    """Parse weights written as text.

    Accepted forms: a named set from :data:`WEIGHT_SETS` (``"proposal"``), a ratio
    in class order (``"3:2:1"``: very important : important : not so important),
    or ``class=number`` pairs with full or short class names (``"VI=3, I=2,
    NSI=1"``) separated by ``,`` or, with decimal commas, by ``;``
    (``"VI=2,5; I=1; NSI=1"``). Numbers follow :func:`ecei_analysis.core.numbers.
    parse_number`.

    Parameters
    ----------
    text
        The weights.
    classes
        The classes the weights are for (a study's classes; weights of canonical
        classes the study lacks are dropped).

    Examples
    --------
    >>> parse_weights("VI=3, I=2, NSI=1")
    {'very_important': 3.0, 'important': 2.0, 'not_so_important': 1.0}
    >>> parse_weights("4:2:1")["very_important"]
    4.0
    >>> parse_weights("3:2:1", classes=("very_important", "important"))
    {'very_important': 3.0, 'important': 2.0}
    >>> parse_weights("3:1", classes=("very_important", "not_so_important"))
    {'very_important': 3.0, 'not_so_important': 1.0}
    """
    if not isinstance(text, str):
        raise EceiDataError(
            f"weights text must be a string such as '3:2:1', got {type(text).__name__}"
        )
    text = text.strip()
    if not text:
        raise EceiDataError(
            "weights are empty; expected e.g. 3:2:1 (very important : important : "
            f"not so important) or a named set ({', '.join(WEIGHT_SETS)})"
        )
    name = WEIGHT_SET_ALIASES.get(text.lower(), text.lower())
    if name in WEIGHT_SETS:
        return check_weights(WEIGHT_SETS[name], classes)
    ratio_classes = list(CLASSES) if set(classes) <= set(CLASSES) else list(classes)
    if ":" in text and "=" not in text:
        parts = [p.strip() for p in text.split(":")]
        if len(parts) == len(classes):  # one part per class present, in order
            ratio_classes = list(classes)
        if len(parts) != len(ratio_classes):
            raise EceiDataError(
                f"weights {text!r} give {len(parts)} ratio parts; expected "
                f"{len(ratio_classes)} "
                f"({':'.join(CLASS_SHORT.get(c, c) for c in ratio_classes)})"
            )
        values = [_number(p, f"weights {text!r}: ratio part {p!r}") for p in parts]
        return check_weights(dict(zip(ratio_classes, values, strict=True)), classes)
    if "=" not in text:
        raise EceiDataError(
            f"cannot read weights {text!r}; expected a ratio such as 3:2:1, "
            "class=number pairs such as VI=3,I=2,NSI=1, or one of "
            f"{', '.join(WEIGHT_SETS)}"
        )
    weights: dict[str, float] = {}
    separator = ";" if ";" in text else ","
    for part in filter(None, (p.strip() for p in text.split(separator))):
        key, sep, value = part.partition("=")
        cls = _ALIASES.get(key.strip().lower(), key.strip())
        if not sep:
            raise EceiDataError(
                f"cannot read {part!r} in weights {text!r}; expected class=number "
                "pairs such as VI=3,I=2,NSI=1"
            )
        if cls in weights:
            raise EceiDataError(f"class {cls!r} given twice in weights {text!r}")
        weights[cls] = _number(value.strip(), f"weight of {cls}")
    return check_weights(weights, classes)


def resolve_weights(
    weights: WeightsLike, classes: Sequence[str] = CLASSES
) -> dict[str, float]:
    """Return validated ``{class: weight}`` from any accepted form of weights.

    Parameters
    ----------
    weights
        Text (see :func:`parse_weights`), a mapping or a Series indexed by class.
    classes
        The classes of the points being weighted.

    Examples
    --------
    >>> resolve_weights("proposal")["important"]
    2.0
    >>> resolve_weights({"very_important": 1, "important": 0, "not_so_important": 0})
    {'very_important': 1.0, 'important': 0.0, 'not_so_important': 0.0}
    """
    if isinstance(weights, str):
        return parse_weights(weights, classes)
    if isinstance(weights, pd.Series):
        weights = weights.to_dict()
    if weights is None:
        raise EceiDataError(
            "weights are missing; expected e.g. '3:2:1' or a mapping class -> number"
        )
    return check_weights(weights, classes)


def weight_vector(weights: WeightsLike, classes: Sequence[str] = CLASSES) -> np.ndarray:
    """Return the validated weights as an array in ``classes`` order."""
    return np.array(list(resolve_weights(weights, classes).values()))


def format_weights(weights: Mapping[str, float], digits: int = 3) -> str:
    """``"w_VI = 3, w_I = 2, w_NSI = 1"``: a formula-style notation of weights.

    Examples
    --------
    >>> format_weights({"very_important": 4.3051, "important": 0.7})
    'w_VI = 4.31, w_I = 0.7'
    """
    return ", ".join(
        f"w_{CLASS_SHORT.get(c, c)} = {float(v):.{digits}g}" for c, v in weights.items()
    )


def format_ratio(weights: Mapping[str, float], digits: int = 2) -> str:
    """``"3:2:1"``: weights as a ratio in class order, ``digits`` significant figures.

    Positional notation without thousands separators, with the current language's
    decimal mark (``"4,3:0,7:1"`` in Russian): the text is also valid input.

    Examples
    --------
    >>> format_ratio({"very_important": 0.5, "important": 1/3, "not_so_important": 1/6})
    '0.5:0.33:0.17'
    >>> format_ratio({"very_important": 1234.5, "important": 1, "not_so_important": 0})
    '1200:1:0'
    """
    mark = "," if current_language() == "ru" else "."
    return ":".join(
        np.format_float_positional(
            float(v), precision=digits, unique=True, fractional=False, trim="-"
        ).replace(".", mark)
        for v in weights.values()
    )


def normalise_weights(
    weights: WeightsLike | np.ndarray, classes: Sequence[str] = CLASSES
) -> np.ndarray | pd.Series:
    """Scale weights onto the simplex (sum 1); rankings are unchanged by this.

    Parameters
    ----------
    weights
        Any accepted form of one weighting (then a Series comes back), or an
        array ``(..., k)`` of non-negative rows.

    Returns
    -------
    numpy.ndarray or pandas.Series
        Same shape; a Series indexed by class for one weighting.

    Examples
    --------
    >>> normalise_weights({"very_important": 3, "important": 2, "not_so_important": 1})
    very_important      0.500000
    important           0.333333
    not_so_important    0.166667
    dtype: float64
    """
    if isinstance(weights, str | Mapping | pd.Series):
        resolved = resolve_weights(weights, classes)
        vec = np.array(list(resolved.values()))
        return pd.Series(vec / vec.sum(), index=list(resolved))
    try:
        arr = np.asarray(weights, dtype=float)
    except (TypeError, ValueError):
        raise EceiDataError("weights must be numbers") from None
    total = arr.sum(axis=-1, keepdims=True)
    if not np.all(np.isfinite(arr)) or np.any(arr < 0) or np.any(total <= 0):
        raise EceiDataError("weights must be finite, non-negative and not all zero")
    return arr / total
