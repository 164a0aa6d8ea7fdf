"""Weight sets: parsing, validation, normalisation and the named scenarios."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .errors import EceiDataError
from .vocabulary import CLASS_SHORT, CLASSES

__all__ = [
    "WEIGHT_SETS",
    "check_weights",
    "format_weights",
    "normalise_weights",
    "parse_weights",
    "weight_vector",
]

#: Named weightings of (very_important, important, not_so_important).
#: ``baseline`` is the plain unweighted sum that reproduces the published totals.
WEIGHT_SETS: dict[str, dict[str, float]] = {
    "baseline": {"very_important": 1.0, "important": 1.0, "not_so_important": 1.0},
    "linear": {"very_important": 3.0, "important": 2.0, "not_so_important": 1.0},
    "geometric": {"very_important": 4.0, "important": 2.0, "not_so_important": 1.0},
    "vi_double": {"very_important": 2.0, "important": 1.0, "not_so_important": 1.0},
    "vi_only": {"very_important": 1.0, "important": 0.0, "not_so_important": 0.0},
    "drop_nsi": {"very_important": 1.0, "important": 1.0, "not_so_important": 0.0},
}

_ALIASES = {short.lower(): name for name, short in CLASS_SHORT.items()} | {
    name: name for name in CLASSES
}


def check_weights(
    weights: Mapping[str, float], classes: Sequence[str] = CLASSES
) -> dict[str, float]:
    """Validate a class → weight mapping and return it in ``classes`` order.

    Parameters
    ----------
    weights
        One finite, non-negative weight per class; not all zero.
    classes
        The classes that must be present (extra keys are an error).

    Returns
    -------
    dict
        ``{class: float}`` in ``classes`` order.

    Raises
    ------
    EceiDataError
        Unknown or missing class, negative, NaN/inf or all-zero weights.
    """
    if isinstance(weights, str):
        raise EceiDataError(
            f"weights must be a mapping class -> number, got the text {weights!r} "
            "(use parse_weights for text)"
        )
    unknown = [k for k in weights if k not in classes]
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
        value = weights[cls]
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise EceiDataError(
                f"weight of {cls} must be a number, got {value!r}"
            ) from None
        if not np.isfinite(value) or value < 0:
            raise EceiDataError(
                f"weight of {cls} must be a finite number >= 0, got {value!r}"
            )
        out[cls] = value
    if sum(out.values()) <= 0:
        raise EceiDataError("weights are all zero; at least one must be positive")
    return out


def parse_weights(text: str, classes: Sequence[str] = CLASSES) -> dict[str, float]:
    """Parse ``"very_important=3,important=2,not_so_important=1"`` or a named set.

    Class names may be abbreviated ``VI``, ``I``, ``NSI`` (any case), and a named
    set from :data:`WEIGHT_SETS` (``"linear"``) and a ratio in class order
    (``"3:2:1"``) are accepted. Pairs are separated by ``,`` or, to allow decimal
    commas (``VI=2,5;I=1;NSI=1``), by ``;``.

    Examples
    --------
    >>> parse_weights("VI=3, I=2, NSI=1")
    {'very_important': 3.0, 'important': 2.0, 'not_so_important': 1.0}
    >>> parse_weights("4:2:1")["very_important"]
    4.0
    """
    text = text.strip()
    if text in WEIGHT_SETS:
        return check_weights(WEIGHT_SETS[text], classes)
    if ":" in text and "=" not in text:
        parts = [p.strip() for p in text.split(":")]
        if len(parts) != len(classes):
            raise EceiDataError(
                f"weights {text!r} give {len(parts)} ratio parts; expected "
                f"{len(classes)} ({':'.join(CLASS_SHORT.get(c, c) for c in classes)})"
            )
        try:
            values = [float(p.replace(",", ".")) for p in parts]
        except ValueError:
            raise EceiDataError(
                f"weights {text!r}: every ratio part must be a number"
            ) from None
        return check_weights(dict(zip(classes, values, strict=True)), classes)
    weights: dict[str, float] = {}
    separator = ";" if ";" in text else ","
    for part in filter(None, (p.strip() for p in text.split(separator))):
        key, sep, value = part.partition("=")
        name = _ALIASES.get(key.strip().lower(), key.strip())
        if not sep:
            raise EceiDataError(
                f"cannot read {part!r} in weights {text!r}; expected class=number "
                f"pairs such as very_important=3,important=2,not_so_important=1 or "
                f"one of {', '.join(WEIGHT_SETS)}"
            )
        if name in weights:
            raise EceiDataError(f"class {name!r} given twice in weights {text!r}")
        try:
            weights[name] = float(value.strip().replace(",", "."))
        except ValueError:
            raise EceiDataError(
                f"weight {value.strip()!r} for {name} is not a number"
            ) from None
    return check_weights(weights, classes)


def weight_vector(
    weights: Mapping[str, float], classes: Sequence[str] = CLASSES
) -> np.ndarray:
    """Return the validated weights as an array in ``classes`` order."""
    return np.array(list(check_weights(weights, classes).values()))


def format_weights(weights: Mapping[str, float], digits: int = 3) -> str:
    """``"w_VI = 3, w_I = 2, w_NSI = 1"`` for captions and sentences.

    Examples
    --------
    >>> format_weights({"very_important": 4.3051, "important": 0.7})
    'w_VI = 4.31, w_I = 0.7'
    """
    return ", ".join(
        f"w_{CLASS_SHORT.get(c, c)} = {float(v):.{digits}g}" for c, v in weights.items()
    )


def normalise_weights(
    weights: Mapping[str, float] | np.ndarray, classes: Sequence[str] = CLASSES
) -> np.ndarray | pd.Series:
    """Scale weights onto the simplex (sum 1); rankings are unchanged by this.

    Parameters
    ----------
    weights
        A mapping (validated) or an array ``(..., k)`` of non-negative rows.

    Returns
    -------
    numpy.ndarray or pandas.Series
        Same shape; a Series indexed by class for a mapping.

    Examples
    --------
    >>> normalise_weights({"very_important": 3, "important": 2, "not_so_important": 1})
    very_important      0.500000
    important           0.333333
    not_so_important    0.166667
    dtype: float64
    """
    if isinstance(weights, Mapping):
        vec = weight_vector(weights, classes)
        return pd.Series(vec / vec.sum(), index=list(classes))
    arr = np.asarray(weights, dtype=float)
    total = arr.sum(axis=-1, keepdims=True)
    if np.any(arr < 0) or np.any(total <= 0) or not np.all(np.isfinite(arr)):
        raise EceiDataError("weights must be finite, non-negative and not all zero")
    return arr / total
