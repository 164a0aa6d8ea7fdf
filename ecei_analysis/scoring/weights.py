"""Class weights: the :class:`Weights` value type, its one parser and the named sets.

Weights enter the package as text (``"3:2:1"``, ``"VI=3, I=2, NSI=1"``, a named
set), a mapping or a pandas Series, and become a :class:`Weights` once, at the
boundary: the command line, the report parameters, the explorer and the public
functions (through :func:`takes_weights`). Inside, every function works on
:class:`Weights`; nothing is parsed twice.

Classes are matched by **name**, never by position. A ratio such as ``3:2:1``
is always read in the canonical class order (very important : important : not so
important), whatever order the columns of a points frame are in.

When a study's indicators cover fewer classes, the weights of the absent classes
are dropped (:meth:`Weights.on`): the ranking is over the classes present.
"""

from __future__ import annotations

import functools
import inspect
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from ..core.errors import EceiDataError, short_repr
from ..core.i18n import decimal_mark, pgettext
from ..core.numbers import parse_number
from ..core.tolerances import EPS
from ..core.vocabulary import CLASS_SHORT, CLASSES, class_label

__all__ = [
    "DEFAULT_WEIGHTS",
    "WEIGHT_SETS",
    "WEIGHT_SET_ALIASES",
    "Weights",
    "WeightsLike",
    "as_weights",
    "canonical_classes",
    "normalise_weights",
    "takes_weights",
]


def canonical_classes(classes: Iterable[str]) -> tuple[str, ...]:
    """Return the given classes in the canonical order (most important first).

    Classes outside the three canonical ones keep their given order, after them.

    Examples
    --------
    >>> canonical_classes(["not_so_important", "very_important"])
    ('very_important', 'not_so_important')
    """
    given = list(dict.fromkeys(classes))
    return tuple(
        [c for c in CLASSES if c in given] + [c for c in given if c not in CLASSES]
    )


def _number(value: object, what: str) -> float:
    if isinstance(value, str):
        try:
            return parse_number(value)
        except ValueError as exc:
            raise EceiDataError(
                pgettext("error", "{what}: {exc}").format(what=what, exc=exc)
            ) from None
    if isinstance(value, bool):
        raise EceiDataError(
            pgettext("error", "{what} must be a number, got {value}").format(
                what=what, value=short_repr(value)
            )
        )
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        raise EceiDataError(
            pgettext("error", "{what} must be a number, got {value}").format(
                what=what, value=short_repr(value)
            )
        ) from None


#: Shares closer than this are the same weighting (rounding of the division).
SHARE_TOLERANCE = EPS


class Weights(Mapping[str, float]):
    """One weighting of the significance classes, checked once.

    A read-only mapping ``class -> weight`` in the canonical class order: every
    weight finite and non-negative, not all zero, and the largest small enough
    that any sum of weighted points stays finite. Two weightings are equal when
    they give the same weight to the same classes; the repr is stable (it is
    recorded in results).

    Parameters
    ----------
    values
        ``{class: weight}``; numbers or number text.

    Examples
    --------
    >>> w = Weights({"important": 2, "very_important": 3, "not_so_important": 1})
    >>> w
    Weights(very_important=3, important=2, not_so_important=1)
    >>> w.shares.vector.round(3).tolist()
    [0.5, 0.333, 0.167]
    >>> w == {"very_important": 3, "important": 2, "not_so_important": 1}
    True
    """

    __slots__ = ("_values",)

    #: Largest accepted weight: 1e300 × any points total stays finite.
    LIMIT = 1e300

    def __init__(self, values: Mapping[str, object]) -> None:
        if isinstance(values, Weights):
            self._values: dict[str, float] = dict(values._values)
            return
        if not isinstance(values, Mapping):
            raise EceiDataError(
                pgettext(
                    "error",
                    "weights must be a mapping class -> number or text such as "
                    "'3:2:1', got {name}",
                ).format(name=type(values).__name__)
            )
        out = {}
        for cls in canonical_classes(values):
            what = pgettext("error", "the weight of {cls}").format(cls=class_label(cls))
            value = _number(values[cls], what)
            if not np.isfinite(value) or value < 0:
                raise EceiDataError(
                    pgettext(
                        "error", "{what} must be a finite number >= 0, got {value}"
                    ).format(what=what, value=short_repr(values[cls]))
                )
            if value > self.LIMIT:  # its products with the points would overflow
                raise EceiDataError(
                    pgettext(
                        "error",
                        "{what} is too large ({value}; at most {limit:g}): only the "
                        "ratio of the weights matters, so 3:2:1 says the same as "
                        "3000:2000:1000",
                    ).format(what=what, value=short_repr(values[cls]), limit=self.LIMIT)
                )
            out[cls] = value + 0.0  # no negative zero
        if not out:
            raise EceiDataError(pgettext("error", "weights name no class"))
        if sum(out.values()) <= 0:
            raise EceiDataError(
                pgettext("error", "weights are all zero; at least one must be positive")
            )
        self._values = out

    # The mapping ---------------------------------------------------------------
    def __getitem__(self, cls: str) -> float:
        return self._values[cls]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self._values) == dict(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self._values.items()))

    def __repr__(self) -> str:
        inside = ", ".join(f"{c}={v:g}" for c, v in self._values.items())
        return f"Weights({inside})"

    # Views -----------------------------------------------------------------------
    @property
    def classes(self) -> tuple[str, ...]:
        """The weighted classes, in canonical order."""
        return tuple(self._values)

    @property
    def vector(self) -> np.ndarray:
        """The weights as an array in :attr:`classes` order."""
        return np.array(list(self._values.values()), dtype=float)

    @property
    def shares(self) -> Weights:
        """The same weighting scaled to sum 1 (rankings are unchanged by scale)."""
        total = sum(self._values.values())
        return Weights({c: v / total for c, v in self._values.items()})

    @property
    def zero_classes(self) -> tuple[str, ...]:
        """Classes given no weight."""
        return tuple(c for c, v in self._values.items() if v == 0)

    @property
    def is_ordered(self) -> bool:
        """Whether very important ≥ important ≥ not so important (present ones)."""
        values = [self._values[c] for c in CLASSES if c in self._values]
        return all(a >= b for a, b in itertools.pairwise(values))

    def proportional_to(self, other: Weights) -> bool:
        """Whether two weightings of the same classes have the same shares.

        Proportional weightings rank every study the same (to rounding:
        shares within ``SHARE_TOLERANCE``).

        Examples
        --------
        >>> WEIGHT_SETS["proposal"].proportional_to(as_weights("0.3:0.2:0.1"))
        True
        """
        if self.classes != other.classes:
            return False
        return bool(
            np.abs(self.shares.vector - other.shares.vector).max() <= SHARE_TOLERANCE
        )

    def to_dict(self) -> dict[str, float]:
        """Return a plain ``{class: weight}`` dict (for JSON and parameters)."""
        return dict(self._values)

    def on(self, classes: Iterable[str]) -> Weights:
        """Return the weighting of ``classes`` only, in canonical order.

        Weights of canonical classes outside ``classes`` are dropped (a study
        without such indicators); a class of ``classes`` without a weight, or
        weights left all zero, are refused.

        Examples
        --------
        >>> Weights({"very_important": 3, "important": 2, "not_so_important": 1}).on(
        ...     ["not_so_important", "very_important"])
        Weights(very_important=3, not_so_important=1)
        """
        wanted = canonical_classes(classes)
        if wanted == self.classes:
            return self
        unknown = [c for c in self._values if c not in wanted and c not in CLASSES]
        if unknown:
            raise EceiDataError(
                pgettext(
                    "error", "unknown class(es) {unknown} in weights; expected {names}"
                ).format(unknown=unknown, names=", ".join(wanted))
            )
        absent = [c for c in wanted if c not in self._values]
        if absent:
            raise EceiDataError(
                pgettext(
                    "error",
                    "no weight for class(es) {names}; expected one weight per class "
                    "({names2})",
                ).format(names=", ".join(absent), names2=", ".join(wanted))
            )
        kept = {c: self._values[c] for c in wanted}
        if sum(kept.values()) <= 0:
            dropped = [c for c in self._values if c not in wanted and self._values[c]]
            raise EceiDataError(
                pgettext(
                    "error",
                    "the only positive weights are on class(es) {names} that no "
                    "indicator of this study belongs to; give a positive weight to "
                    "{names2}",
                ).format(names=", ".join(dropped), names2=", ".join(wanted))
            )
        return Weights(kept)

    def vector_for(self, columns: Iterable[str]) -> np.ndarray:
        """Return the weights aligned to ``columns`` by name (a points frame's).

        Examples
        --------
        >>> w = Weights({"very_important": 3, "important": 2, "not_so_important": 1})
        >>> w.vector_for(["important", "not_so_important", "very_important"]).tolist()
        [2.0, 1.0, 3.0]
        """
        columns = list(columns)
        weights = self.on(columns)
        return np.array([weights[c] for c in columns], dtype=float)

    def ratio_text(self, language: str | None = None, digits: int = 2) -> str:
        """``"3:2:1"``: the ratio in class order, ``digits`` significant figures.

        Positional notation without grouping, with the language's decimal mark
        (``"4,3:0,7:1"`` in Russian): the text is also valid input.

        Examples
        --------
        >>> Weights({"very_important": 0.5, "important": 1/3,
        ...          "not_so_important": 1/6}).ratio_text()
        '0.5:0.33:0.17'
        >>> Weights({"very_important": 1234.5, "important": 1,
        ...          "not_so_important": 0}).ratio_text("ru")
        '1200:1:0'
        """
        mark = decimal_mark(language)
        return ":".join(
            np.format_float_positional(
                v, precision=digits, unique=True, fractional=False, trim="-"
            ).replace(".", mark)
            for v in self._values.values()
        )

    def formula_text(self, digits: int = 3) -> str:
        """``"w_VI = 3, w_I = 2, w_NSI = 1"``: the notation of the methods pages."""
        return ", ".join(
            f"w_{CLASS_SHORT.get(c, c)} = {v:.{digits}g}"
            for c, v in self._values.items()
        )


WeightsLike = Weights | str | Mapping[str, float] | pd.Series

#: Named weightings of (very_important, important, not_so_important).
WEIGHT_SETS: dict[str, Weights] = {
    name: Weights(dict(zip(CLASSES, ratio, strict=True)))
    for name, ratio in {
        "equal": (1.0, 1.0, 1.0),
        "proposal": (3.0, 2.0, 1.0),
        "geometric": (4.0, 2.0, 1.0),
        "vi_double": (2.0, 1.0, 1.0),
        "drop_nsi": (1.0, 1.0, 0.0),
        "vi_only": (1.0, 0.0, 0.0),
    }.items()
}

#: Earlier names of the sets, still accepted as text.
WEIGHT_SET_ALIASES: dict[str, str] = {"baseline": "equal", "linear": "proposal"}

#: The default weighting of every command and notebook: our proposal 3:2:1.
DEFAULT_WEIGHTS = "proposal"

_ALIASES = {short.lower(): name for name, short in CLASS_SHORT.items()} | {
    name: name for name in CLASSES
}


def _parse_text(text: str, classes: tuple[str, ...]) -> Weights:
    text = text.strip()
    if not text:
        raise EceiDataError(
            pgettext(
                "error",
                "weights are empty; expected e.g. 3:2:1 (very important : important : "
                "not so important) or a named set ({names})",
            ).format(names=", ".join(WEIGHT_SETS))
        )
    name = WEIGHT_SET_ALIASES.get(text.lower(), text.lower())
    if name in WEIGHT_SETS:
        return WEIGHT_SETS[name]
    if ":" in text and "=" not in text:
        parts = [p.strip() for p in text.split(":")]
        # One part per class present, or one per canonical class: by name, in the
        # canonical order, whatever the order of the caller's columns.
        order = classes if len(parts) == len(classes) else CLASSES
        if len(parts) != len(order):
            raise EceiDataError(
                pgettext(
                    "error",
                    "weights {text!r} give {n} ratio parts; expected {n2} ({names})",
                ).format(
                    text=text,
                    n=len(parts),
                    n2=len(classes),
                    names=":".join(CLASS_SHORT.get(c, c) for c in classes),
                )
            )
        values = [_number(p, f"weights {text!r}: ratio part {p!r}") for p in parts]
        return Weights(dict(zip(order, values, strict=True)))
    if "=" not in text:
        raise EceiDataError(
            pgettext(
                "error",
                "cannot read weights {text!r}; expected a ratio such as 3:2:1, "
                "class=number pairs such as VI=3,I=2,NSI=1, or one of {names}",
            ).format(text=text, names=", ".join(WEIGHT_SETS))
        )
    pairs: dict[str, object] = {}
    separator = ";" if ";" in text else ","
    for part in filter(None, (p.strip() for p in text.split(separator))):
        key, sep, value = part.partition("=")
        cls = _ALIASES.get(key.strip().lower(), key.strip())
        if not sep:
            raise EceiDataError(
                pgettext(
                    "error",
                    "cannot read {part!r} in weights {text!r}; expected class=number "
                    "pairs such as VI=3,I=2,NSI=1",
                ).format(part=part, text=text)
            )
        if cls in pairs:
            raise EceiDataError(
                pgettext(
                    "error", "class {cls!r} given twice in weights {text!r}"
                ).format(cls=cls, text=text)
            )
        pairs[cls] = value.strip()
    return Weights(pairs)


def as_weights(weights: WeightsLike, classes: Iterable[str] = CLASSES) -> Weights:
    """Return :class:`Weights` for ``classes`` from any accepted form: the one parser.

    Parameters
    ----------
    weights
        A :class:`Weights`; text: a named set from :data:`WEIGHT_SETS`
        (``"proposal"``), a ratio in canonical class order (``"3:2:1"``: very
        important : important : not so important; with fewer classes present, one
        part per class present) or ``class=number`` pairs with full or short class
        names (``"VI=3, I=2, NSI=1"``) separated by ``,`` or, with decimal commas,
        by ``;``; a mapping; or a Series indexed by class.
    classes
        The classes being weighted (a points frame's columns, in any order);
        weights of canonical classes outside them are dropped.

    Examples
    --------
    >>> as_weights("VI=3, I=2, NSI=1")
    Weights(very_important=3, important=2, not_so_important=1)
    >>> as_weights("3:2:1", classes=["important", "very_important"])
    Weights(very_important=3, important=2)
    >>> as_weights("3:1", classes=("very_important", "not_so_important"))
    Weights(very_important=3, not_so_important=1)
    >>> as_weights(pd.Series({"very_important": 1, "important": 0,
    ...                       "not_so_important": 0}))
    Weights(very_important=1, important=0, not_so_important=0)
    """
    wanted = canonical_classes(classes)
    if isinstance(weights, Weights):
        return weights.on(wanted)
    if isinstance(weights, str):
        return _parse_text(weights, wanted).on(wanted)
    if isinstance(weights, pd.Series):
        weights = weights.to_dict()
    if weights is None:
        raise EceiDataError(
            pgettext(
                "error",
                "weights are missing; expected e.g. '3:2:1' or a mapping class -> "
                "number",
            )
        )
    if not isinstance(weights, Mapping):
        raise EceiDataError(
            pgettext(
                "error",
                "weights must be a mapping class -> number or text such as '3:2:1', "
                "got {name}",
            ).format(name=type(weights).__name__)
        )
    return Weights(weights).on(wanted)


#: Argument names that :func:`takes_weights` converts.
WEIGHT_ARGUMENTS = ("weights", "nominal", "target")

F = TypeVar("F", bound=Callable[..., Any])


def _classes_of(bound: inspect.BoundArguments) -> Iterable[str]:
    """Return the classes being weighted: the call's study's, or its frame's."""
    study = bound.arguments.get("study")
    if study is not None and hasattr(study, "classes"):
        return study.classes
    for name in ("points", "data"):
        value = bound.arguments.get(name)
        value = getattr(value, "points", value)  # a WeightSpace's points frame
        if isinstance(value, pd.DataFrame):
            return value.columns
    return CLASSES


def takes_weights(func: F) -> F:
    """Decorate a public function so its weight arguments arrive as :class:`Weights`.

    The arguments named ``weights``, ``nominal`` or ``target`` are converted
    once, by :func:`as_weights`, for the classes of the call's ``study`` or of
    its ``points`` (or ``data``) frame: text, mappings and Series are parsed, a
    :class:`Weights` is aligned to those classes, and ``None`` or arrays (draws
    of many weightings) pass unchanged.
    """
    signature = inspect.signature(func)
    names = [n for n in WEIGHT_ARGUMENTS if n in signature.parameters]

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        for name in names:
            value = bound.arguments.get(name)
            if isinstance(value, str | Mapping | pd.Series):
                bound.arguments[name] = as_weights(value, _classes_of(bound))
        return func(*bound.args, **bound.kwargs)

    return wrapper  # type: ignore[return-value]


def normalise_weights(weights: np.ndarray) -> np.ndarray:
    """Scale rows of weights onto the simplex (sum 1); rankings are unchanged.

    For one weighting use :attr:`Weights.shares`.

    Parameters
    ----------
    weights
        An array ``(..., k)`` of non-negative rows, none all zero.

    Examples
    --------
    >>> normalise_weights(np.array([[3.0, 2.0, 1.0], [1.0, 1.0, 0.0]])).tolist()
    [[0.5, 0.3333333333333333, 0.16666666666666666], [0.5, 0.5, 0.0]]
    """
    try:
        arr = np.asarray(weights, dtype=float)
    except (TypeError, ValueError):
        raise EceiDataError(pgettext("error", "weights must be numbers")) from None
    total = arr.sum(axis=-1, keepdims=True)
    if not np.all(np.isfinite(arr)) or np.any(arr < 0) or np.any(total <= 0):
        raise EceiDataError(
            pgettext("error", "weights must be finite, non-negative and not all zero")
        )
    return arr / total
