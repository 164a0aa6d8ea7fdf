"""The panel's votes on the class weights: load, check, and read each vote.

A brainstorm panel votes on how much each significance class should weigh. A
panel file (CSV or ``.xlsx``: the voting sheet of
:func:`~ecei_analysis.data.panel_template.write_panel_template`) has one row per
participant and one column per class, in one of three forms,
stated per row in a ``form`` column or for the whole file with ``form=``:

=========  ====================================================================
form       what a row holds, and the weights it stands for
=========  ====================================================================
weights    class weights on any positive scale (``3, 2, 1``): normalised
points     100 points split between the classes (``50, 30, 20``): the shares
ranks      the classes ranked 1 (most important) to k, ties allowed
           (``1, 1, 2``): the *region* of weightings that honour the order
pairwise   the classes compared two at a time on Saaty's scale, in the
           comparison columns ("very important / important": 3 means three
           times as important, 1/3 a third): the principal-eigenvector
           weighting, with its consistency ratio (see
           :mod:`~ecei_analysis.data.pairwise`); the class columns stay empty
=========  ====================================================================

A ranking does not say how much more one class matters than the next, so it
stands for a region, not a point: every weighting with the ranked classes in
that order and the tied ones equal (:func:`vote_region`). Where one weighting is
needed (a participant's own ranking of the clusters, a mark on the weight map)
the region's centre is used: for a strict ranking of three classes this is the
rank-order-centroid weighting (11/18, 5/18, 2/18).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.errors import EceiDataError
from ..core.i18n import NP_, every_translation, pgettext
from ..core.numbers import parse_number
from ..core.tolerances import SLACK
from ..core.vocabulary import CLASSES, class_from_text, class_label
from .pairwise import consistency_ratio, judgement_matrix, principal_weights
from .problems import REPORTED, has_problems, problem_guard
from .readers import (
    FirstRows,
    Table,
    check_provenance,
    keyed_headers,
    read_keyed_sheet,
    usable_path,
)

__all__ = [
    "FORMS",
    "POINTS_TOTAL",
    "Panel",
    "form_from_text",
    "form_label",
    "is_panel_file",
    "load_panel",
    "pair_header",
    "vote_region",
]

#: The forms a vote may take.
FORMS = ("weights", "points", "ranks", "pairwise")
#: The points a participant splits between the classes in the ``points`` form.
POINTS_TOTAL = 100.0
_MARKED = (
    NP_("panel form", "weights"),
    NP_("panel form", "points"),
    NP_("panel form", "ranks"),
    NP_("panel form", "pairwise"),
    NP_("template sheet", "votes"),
    NP_("template column", "participant"),
    NP_("template column", "form"),
    NP_("template column", "comment"),
    NP_("template column", "source"),
    NP_("template column", "provenance"),
)
_OTHER_COLUMNS = ("participant", "form", "comment", "source", "provenance")


def form_label(form: str) -> str:
    """Return the name of a vote form in the current language."""
    return pgettext("panel form", form)


def form_from_text(text: str) -> str | None:
    """Return the form a person typed (its name in any language), or ``None``.

    Examples
    --------
    >>> form_from_text(" Points "), form_from_text("rank") is None
    ('points', True)
    """
    wanted = " ".join(str(text).split()).casefold()
    for form in FORMS:
        if wanted in {t.casefold() for t in every_translation("panel form", form)}:
            return form
    return None


def vote_region(values: np.ndarray, form: str) -> np.ndarray:
    """Vertices ``(g, k)`` of the weightings a vote stands for.

    Weights and points stand for one weighting (their shares). A ranking
    stands for the ordered region: with the classes grouped by rank, best
    first, its vertices are the equal weightings of the first 1, 2, ..., g
    groups, and the region is their simplex.

    Examples
    --------
    >>> vote_region(np.array([1.0, 2.0, 3.0]), "ranks").round(3).tolist()
    [[1.0, 0.0, 0.0], [0.5, 0.5, 0.0], [0.333, 0.333, 0.333]]
    >>> vote_region(np.array([1.0, 1.0, 2.0]), "ranks").round(3).tolist()
    [[0.5, 0.5, 0.0], [0.333, 0.333, 0.333]]
    >>> vote_region(np.array([50.0, 30.0, 20.0]), "points").tolist()
    [[0.5, 0.3, 0.2]]
    """
    values = np.asarray(values, dtype=float)
    if form != "ranks":
        return (values / values.sum())[None, :]
    vertices = []
    for rank in np.unique(values):
        chosen = values <= rank
        vertices.append(chosen / chosen.sum())
    return np.array(vertices)


@dataclass(frozen=True)
class Panel:
    """The panel's votes, checked.

    Attributes
    ----------
    votes
        Participants × classes: the numbers as entered (for a pairwise vote,
        the weights its judgements give).
    forms
        The form of each participant's vote (``weights``, ``points``,
        ``ranks``).
    source
        The file read (or a description).
    provenance
        The ``provenance`` column's flag(s) (``synthetic`` for the bundled
        demonstration votes), or ``unknown``.
    comments
        Participants' comments (empty text where none).
    sha256
        The file's SHA-256 digest (for a report's provenance record).
    judgements
        The reciprocal judgement matrix of each ``pairwise`` vote (classes in
        the order of :attr:`votes`' columns); its ``votes`` row holds the
        principal-eigenvector weights.
    """

    votes: pd.DataFrame
    forms: pd.Series
    source: str = ""
    provenance: str = "unknown"
    comments: pd.Series | None = None
    sha256: str = ""
    judgements: dict = field(default_factory=dict)

    @property
    def consistency(self) -> pd.Series:
        """Saaty's consistency ratio of each pairwise vote (participant -> CR)."""
        return pd.Series(
            {p: consistency_ratio(m) for p, m in self.judgements.items()},
            name="consistency_ratio",
            dtype=float,
        )

    @property
    def participants(self) -> list[str]:
        """Participant names, in file order."""
        return list(self.votes.index)

    @property
    def classes(self) -> list[str]:
        """The classes voted on."""
        return list(self.votes.columns)

    def region(self, participant: str) -> np.ndarray:
        """Vertices of the weightings one participant's vote stands for."""
        return vote_region(
            self.votes.loc[participant].to_numpy(float), self.forms[participant]
        )

    @property
    def weights(self) -> pd.DataFrame:
        """One weighting per vote (normalised): the centre of its region."""
        values = self.votes.to_numpy(float)
        forms = self.forms.reindex(self.votes.index).to_numpy()
        rows = [
            vote_region(v, f).mean(axis=0) for v, f in zip(values, forms, strict=True)
        ]
        return pd.DataFrame(rows, index=self.votes.index, columns=self.votes.columns)

    @property
    def synthetic(self) -> bool:
        """Whether the votes are flagged synthetic (demonstration data)."""
        return "synthetic" in self.provenance

    def form_counts(self) -> dict[str, int]:
        """How many votes take each form (forms present only, in FORMS order)."""
        counts = self.forms.value_counts()
        return {f: int(counts[f]) for f in FORMS if f in counts}


def is_panel_file(path: Path) -> bool:
    """Whether ``path`` looks like a panel file: a participant column.

    Used by ``ecei validate`` to tell a panel file from the study's files; told
    from the header row alone, so a bad cell does not change the file's kind.
    """
    names = {n.casefold() for n in every_translation("template column", "participant")}
    return any(h.casefold() in names for h in keyed_headers(path, "votes"))


#: Joins the two classes of a comparison column's key (``very_important|important``).
PAIR_SEPARATOR = "|"


def pair_header(first: str, second: str) -> str:
    """Return the header of the column comparing two classes, in the language.

    Examples
    --------
    >>> pair_header("very_important", "important")
    'very important / important'
    """
    return pgettext("template column", "{first} / {second}").format(
        first=class_label(first), second=class_label(second)
    )


def _pair_key(header: str) -> str | None:
    """Return the comparison a header names (``a|b``, as written), or ``None``."""
    parts = [p for p in header.replace("\\", "/").split("/")]
    if len(parts) != 2:
        return None
    first, second = (class_from_text(p) for p in parts)
    if first is None or second is None or first == second:
        return None
    return f"{first}{PAIR_SEPARATOR}{second}"


def _column_keys(table: Table, classes: list[str] | None) -> dict[str, str]:
    """Map each header to ``participant``/``form``/... or a class; refuse others."""
    wanted = list(CLASSES) if classes is None else classes
    lookup = {}
    for key in _OTHER_COLUMNS:
        for name in every_translation("template column", key):
            lookup[name.casefold()] = key
    keys: dict[str, str] = {}
    for header in table.frame.columns:
        key = (
            lookup.get(header.strip().casefold())
            or class_from_text(header)
            or _pair_key(header)
        )
        if key is None:
            expected = ", ".join(
                ["participant", "form", *(class_label(c) for c in wanted)]
            )
            raise EceiDataError(
                pgettext(
                    "error",
                    "unknown column {header!r}; expected {expected} (and optionally "
                    "comment, provenance)",
                ).format(header=header, expected=expected),
                file=table.file,
                row=1,
                sheet=table.sheet,
            )
        if key in keys.values():
            raise EceiDataError(
                pgettext("error", "two columns stand for {key!r}").format(key=key),
                file=table.file,
                row=1,
                sheet=table.sheet,
            )
        pair = key.split(PAIR_SEPARATOR) if PAIR_SEPARATOR in key else ()
        if any(c not in wanted for c in pair):
            raise EceiDataError(
                pgettext(
                    "error",
                    "column {header!r} compares a class the study does not have (its "
                    "classes: {names})",
                ).format(
                    header=header, names=", ".join(class_label(c) for c in wanted)
                ),
                file=table.file,
                row=1,
                sheet=table.sheet,
            )
        if key in CLASSES and key not in wanted:
            raise EceiDataError(
                pgettext(
                    "error",
                    "column {header!r} is the class {class_label!r}, which the study "
                    "does not have (its classes: {names})",
                ).format(
                    header=header,
                    class_label=class_label(key),
                    names=", ".join(class_label(c) for c in classes),
                ),
                file=table.file,
                row=1,
                sheet=table.sheet,
            )
        keys[header] = key
    compared = {
        c
        for key in keys.values()
        if PAIR_SEPARATOR in key
        for c in key.split(PAIR_SEPARATOR)
    }
    if classes is None:
        present = [c for c in CLASSES if c in keys.values() or c in compared]
        if len(present) < 2:
            raise EceiDataError(
                pgettext(
                    "error",
                    "expected a column for each significance class voted on (at least "
                    "two of {names}); found {value}",
                ).format(
                    names=", ".join(class_label(c) for c in CLASSES),
                    value=", ".join(map(repr, present)) or "none",
                ),
                file=table.file,
                row=1,
                sheet=table.sheet,
            )
        classes = present
    # Class columns hold weights, points and ranks; a file of pairwise votes only
    # may have comparison columns alone.
    needed = ("participant",) if compared else ("participant", *classes)
    missing = [c for c in needed if c not in keys.values()]
    if missing:
        raise EceiDataError(
            pgettext(
                "error",
                "missing column(s) {names}; expected a participant column and one "
                "column per class",
            ).format(names=", ".join(map(repr, missing))),
            file=table.file,
            row=1,
            sheet=table.sheet,
        )
    return keys


def load_panel(
    path: str | Path,
    *,
    classes: Sequence[str] | None = None,
    form: str | None = None,
) -> Panel:
    """Load and check a panel's votes (CSV or ``.xlsx``, e.g. the voting sheet).

    Parameters
    ----------
    path
        One row per participant: a ``participant`` column, one column per class
        (headed by the class id or its name in any language), optionally
        ``form``, ``comment`` and ``provenance``.
    classes
        The classes of the study the votes are for (each needs a column, and
        no other class may have one); ``None``: the class columns the file has
        (at least two).
    form
        The form of every vote (``weights``, ``points`` or ``ranks``) when the
        file has no ``form`` column; give it one way, not both.

    Returns
    -------
    Panel

    Raises
    ------
    EceiDataError
        Naming the file, row and column: an unknown or missing column, an empty
        or repeated participant, an unknown form, a negative or non-numeric
        value, all-zero weights, points not adding up to 100, or a rank that is
        not a whole number from 1 to the number of classes.
    """
    path = usable_path(path)
    table = read_keyed_sheet(path, "votes")
    table.require_non_empty()
    keys = _column_keys(table, None if classes is None else list(classes))
    compared = {
        c
        for key in keys.values()
        if PAIR_SEPARATOR in key
        for c in key.split(PAIR_SEPARATOR)
    }
    classes = [c for c in CLASSES if c in keys.values() or c in compared]
    header = {key: name for name, key in keys.items()}
    pairs = {key: name for name, key in keys.items() if PAIR_SEPARATOR in key}
    has_form = "form" in header
    if has_form and form is not None:
        raise EceiDataError(
            pgettext(
                "error",
                "the file has a form column and form= was given too; state the form "
                "once",
            ),
            file=path,
        )
    if not has_form:
        if form is None:
            raise EceiDataError(
                pgettext(
                    "error",
                    "say which form the votes take: a 'form' column (weights, points "
                    "or ranks) or form= for the whole file",
                ),
                file=path,
            )
        if form not in FORMS:
            raise EceiDataError(
                pgettext("error", "form must be one of {names}, got {form!r}").format(
                    names=", ".join(FORMS), form=form
                )
            )
    if "provenance" in header:
        check_provenance(table, header["provenance"])
    names: list[str] = []
    forms: list[str] = []
    judgements: dict[str, np.ndarray] = {}
    values = np.full((len(table.frame), len(classes)), np.nan)
    voters = FirstRows(
        table,
        header["participant"],
        pgettext(
            "error",
            "participant {value!r} voted twice (first at row {row}); keep one row "
            "per participant",
        ),
    )
    for i in range(len(table.frame)):
        name = REPORTED
        with problem_guard:
            name = table.cell(i, header["participant"])
            voters.add(i, name)
        names.append(name)
        row_form = form
        if has_form:
            row_form = None
            with problem_guard:
                text = table.cell(i, header["form"])
                row_form = form_from_text(text)
                if row_form is None:
                    raise table.error(
                        pgettext(
                            "error", "unknown form {text!r}; expected {names}"
                        ).format(
                            text=text, names=", ".join(form_label(f) for f in FORMS)
                        ),
                        index=i,
                        column=header["form"],
                    )
        forms.append(row_form)
        if row_form == "pairwise":
            with problem_guard:
                matrix = _read_judgements(table, i, classes, header, pairs)
                judgements[name] = matrix
                values[i] = principal_weights(matrix)[0]
            continue
        with problem_guard:
            _refuse_filled(table, i, list(pairs.values()), row_form)
        absent = [c for c in classes if c not in header]
        if absent:
            with problem_guard:
                raise table.error(
                    pgettext(
                        "error",
                        "a vote of the form {form!r} needs a column for each class; "
                        "missing {names}",
                    ).format(
                        form=form_label(row_form or "weights"),
                        names=", ".join(class_label(c) for c in absent),
                    ),
                    index=i,
                )
            continue
        for j, cls in enumerate(classes):
            with problem_guard:
                values[i, j] = table.number(i, header[cls], low=0)
        if row_form is not None and np.all(np.isfinite(values[i])):
            with problem_guard:
                _check_vote(table, i, values[i], row_form, [header[c] for c in classes])
    if has_problems():
        return None  # only reachable while collecting problems (ecei validate)
    index = pd.Index(names, name="participant")
    comments = (
        pd.Series(list(table.frame[header["comment"]]), index=index, name="comment")
        if "comment" in header
        else None
    )
    provenance = (
        "+".join(sorted(set(table.frame[header["provenance"]])))
        if "provenance" in header
        else "unknown"
    )
    return Panel(
        votes=pd.DataFrame(values, index=index, columns=classes),
        forms=pd.Series(forms, index=index, name="form"),
        source=str(path),
        provenance=provenance,
        comments=comments,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        judgements=judgements,
    )


#: Saaty's scale: a judgement from 1/9 to 9.
SCALE_LIMITS = (1 / 9, 9.0)


def _read_judgements(
    table: Table, i: int, classes: list[str], header: dict, pairs: dict
) -> np.ndarray:
    """Read one pairwise vote's judgements into its reciprocal matrix.

    Every pair of the classes needs its comparison column and a value on
    Saaty's scale (``3``, ``1/3``, ``0,5``); the class columns stay empty.
    """
    _refuse_filled(table, i, [header[c] for c in classes if c in header], "pairwise")
    upper = []
    for a, b in ((a, b) for k, a in enumerate(classes) for b in classes[k + 1 :]):
        forward = pairs.get(f"{a}{PAIR_SEPARATOR}{b}")
        backward = pairs.get(f"{b}{PAIR_SEPARATOR}{a}")
        if forward is None and backward is None:
            raise table.error(
                pgettext(
                    "error",
                    "a pairwise vote needs the column {header!r}, comparing {a} with "
                    "{b}",
                ).format(header=pair_header(a, b), a=class_label(a), b=class_label(b)),
                index=i,
            )
        column = forward if forward is not None else backward
        value = _judgement(table, i, column)
        upper.append(value if forward is not None else 1.0 / value)
    return judgement_matrix(upper, len(classes))


def _judgement(table: Table, i: int, column: str) -> float:
    """One judgement on Saaty's scale: a number or a fraction such as 1/3."""
    text = table.cell(i, column)
    try:
        if "/" in text:
            top, bottom = text.split("/", 1)
            value = parse_number(top) / parse_number(bottom)
        else:
            value = parse_number(text, decimal=table.decimal)
    except (ValueError, ZeroDivisionError):
        value = float("nan")
    low, high = SCALE_LIMITS
    if not np.isfinite(value) or not low * (1 - SLACK) <= value <= high * (1 + SLACK):
        raise table.error(
            pgettext(
                "error",
                "expected a judgement on Saaty's scale, from 1/9 to 9 (3: three times "
                "as important; 1/3: a third as important), got {text!r}",
            ).format(text=text),
            index=i,
            column=column,
        )
    return value


def _refuse_filled(table: Table, i: int, columns: list[str], form: str | None) -> None:
    """Refuse cells a vote of this form leaves empty (nothing is silently ignored)."""
    filled = [
        c
        for c in columns
        if table.frame.at[table.frame.index[i], c] not in ("", REPORTED)
    ]
    if not filled:
        return
    if form == "pairwise":
        message = pgettext(
            "error",
            "a pairwise vote fills the comparison columns and leaves the class "
            "columns empty",
        )
    else:
        message = pgettext(
            "error",
            "a vote of the form {form!r} fills the class columns and leaves the "
            "comparison columns empty (or choose the form {pairwise!r})",
        ).format(form=form_label(form or "weights"), pairwise=form_label("pairwise"))
    raise table.error(message, index=i, column=filled[0])


def _check_vote(
    table: Table, i: int, values: np.ndarray, form: str, columns: list[str]
) -> None:
    k = len(values)
    if form == "weights" and values.sum() <= 0:
        raise table.error(
            pgettext(
                "error", "every weight is 0; give at least one class a positive weight"
            ),
            index=i,
        )
    if form == "points":
        total = float(values.sum())
        if abs(total - POINTS_TOTAL) > SLACK * POINTS_TOTAL:
            raise table.error(
                pgettext(
                    "error",
                    "the points add up to {total:g}; expected {POINTS_TOTAL:g} split "
                    "between the classes",
                ).format(total=total, POINTS_TOTAL=POINTS_TOTAL),
                index=i,
            )
    if form == "ranks":
        for value, column in zip(values, columns, strict=True):
            if value != int(value) or not 1 <= value <= k:
                raise table.error(
                    pgettext(
                        "error",
                        "rank {value:g} is not a whole number from 1 to {k} (1 = most "
                        "important; ties allowed)",
                    ).format(value=value, k=k),
                    index=i,
                    column=column,
                )
