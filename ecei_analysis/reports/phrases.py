"""Phrases every section of a report shares: weights, places, shares, name lists.

One precision rule per quantity, used by the sentences and the tables alike, so
that a number in a sentence is the number in the table beside it:

* shares of weightings, draws or importance: whole per cent
  (:func:`share_text`), with one decimal near 0 % and 100 %;
* weights: a ratio in the meeting's words with two significant figures
  (:func:`weights_phrase`, :func:`ratio_text`);
* points: as the data give them (whole points stay whole).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..core.i18n import _, format_number, format_percent, format_place, pgettext
from ..core.vocabulary import class_label
from ..scoring.weights import Weights

__all__ = [
    "Name",
    "Place",
    "move_phrase",
    "names_list",
    "place_basis_note",
    "place_phrase",
    "points_text",
    "ratio_text",
    "share_text",
    "weights_phrase",
]


def share_text(share: float) -> str:
    """Write a share as per cent: whole, one decimal near the ends, never a false 0 %.

    Examples
    --------
    >>> [share_text(x) for x in (0.894, 0.0046, 0.9996, 0.00004, 0.0, 1.0)]
    ['89%', '0.5%', '99.96%', 'under 0.1%', '0%', '100%']
    """
    share = float(share)
    if share in (0.0, 1.0):
        return format_percent(share, 0)
    if share < 0.001:
        return _("under {share}").format(share=format_percent(0.001, 1))
    if 0.01 <= share <= 0.99:
        text = format_percent(share, 0)
        if text not in (format_percent(0.0, 0), format_percent(1.0, 0)):
            return text
    digits = 1 if 0.001 <= share <= 0.999 else 2
    return format_percent(share, digits)


def ratio_text(weights: Mapping[str, float]) -> str:
    """``"3:2:1"``: a weighting as a ratio in the language in force (2 figures)."""
    from ..core.i18n import current_language

    return Weights(weights).ratio_text(current_language())


def weights_phrase(weights: Mapping[str, float]) -> str:
    """``"very important 3 : important 2 : not so important 1"``.

    The meeting's words with the ratio's numbers (two significant figures).
    """
    parts = ratio_text(weights).split(":")
    return " : ".join(
        f"{class_label(c)} {p}" for c, p in zip(weights, parts, strict=True)
    )


# Grammar by construction. A sentence names a place or a cluster through these
# objects; a translation picks the case it needs with an attribute
# (``{place.gen}``, ``{name.dat}``), so a message is one whole sentence and the
# words around a number or a name agree with it. Russian follows the official
# construction for names: the generic noun takes the case and the name stays
# in the nominative, in quotes («кластера «Томск»»); places inflect the ordinal
# and the noun («2-го места»). The case forms are catalog entries.
_PLACE = {
    "nom": lambda: pgettext("place, nominative", "{ordinal}"),
    "gen": lambda: pgettext("place, genitive", "{ordinal}"),
    "dat": lambda: pgettext("place, dative", "{ordinal}"),
    "acc": lambda: pgettext("place, accusative", "{ordinal}"),
    "ins": lambda: pgettext("place, instrumental", "{ordinal}"),
    "prep": lambda: pgettext("place, prepositional", "{ordinal}"),
}
_SHARED_PLACE = {
    "nom": lambda: pgettext("shared place, nominative", "shared {ordinal}"),
    "gen": lambda: pgettext("shared place, genitive", "shared {ordinal}"),
    "dat": lambda: pgettext("shared place, dative", "shared {ordinal}"),
    "acc": lambda: pgettext("shared place, accusative", "shared {ordinal}"),
    "ins": lambda: pgettext("shared place, instrumental", "shared {ordinal}"),
    "prep": lambda: pgettext("shared place, prepositional", "shared {ordinal}"),
}
_CLUSTER = {
    "nom": lambda: pgettext("cluster, nominative", "{name}"),
    "gen": lambda: pgettext("cluster, genitive", "{name}"),
    "dat": lambda: pgettext("cluster, dative", "{name}"),
    "acc": lambda: pgettext("cluster, accusative", "{name}"),
    "ins": lambda: pgettext("cluster, instrumental", "{name}"),
    "prep": lambda: pgettext("cluster, prepositional", "{name}"),
}


class Place:
    """A place in a sentence: ``str()`` is the plain form, attributes the cases.

    ``{place}`` gives ``"2nd"`` (``"2-е место"`` in Russian); ``{place.gen}``
    ``"2-го места"``; ``{place.num}`` the bare ordinal (``"2-е"``).

    Examples
    --------
    >>> str(Place(2, shared=True)), Place(3).gen
    ('shared 2nd', '3rd')
    """

    __slots__ = ("place", "shared")

    def __init__(self, place: int, shared: bool = False) -> None:
        self.place = int(place)
        self.shared = bool(shared)

    def form(self, case: str) -> str:
        """Return the place in ``case`` (nom, gen, dat, acc, ins, prep)."""
        table = _SHARED_PLACE if self.shared else _PLACE
        return table[case]().format(ordinal=format_place(self.place, case=case))

    def __str__(self) -> str:
        return self.form("nom")

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __eq__(self, other: object) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    nom = property(lambda self: self.form("nom"))
    gen = property(lambda self: self.form("gen"))
    dat = property(lambda self: self.form("dat"))
    acc = property(lambda self: self.form("acc"))
    ins = property(lambda self: self.form("ins"))
    prep = property(lambda self: self.form("prep"))
    num = property(lambda self: format_place(self.place))
    # The bare ordinal in a case, for two places sharing one noun
    # ("между 1-м и 3-м местом": ``{low.num_ins} и {high.ins}``).
    num_gen = property(lambda self: format_place(self.place, case="gen"))
    num_dat = property(lambda self: format_place(self.place, case="dat"))
    num_ins = property(lambda self: format_place(self.place, case="ins"))
    num_prep = property(lambda self: format_place(self.place, case="prep"))


class Name:
    """A cluster's name in a sentence: ``str()`` the name, attributes the cases.

    In Russian ``{name.gen}`` is «кластера «Томск»»: the noun inflects and the
    name keeps its nominative in quotes (quotes inside a name become „лапки“).

    Examples
    --------
    >>> str(Name("Tomsk")), Name("Tomsk").dat
    ('Tomsk', 'Tomsk')
    """

    __slots__ = ("text",)

    def __init__(self, text: object) -> None:
        self.text = str(text)

    def form(self, case: str) -> str:
        """Return the name in ``case``, in the official construction where needed."""
        inner = self.text.replace("«", "„").replace("»", "“")
        return _CLUSTER[case]().format(name=inner)

    def __str__(self) -> str:
        return self.text

    def __format__(self, spec: str) -> str:
        return format(self.text, spec)

    nom = property(lambda self: self.text)
    gen = property(lambda self: self.form("gen"))
    dat = property(lambda self: self.form("dat"))
    acc = property(lambda self: self.form("acc"))
    ins = property(lambda self: self.form("ins"))
    prep = property(lambda self: self.form("prep"))


def place_basis_note(ties: str) -> str:
    """One sentence saying how places are numbered under a tie rule.

    Examples
    --------
    >>> place_basis_note("dense")[:40]
    'Places: tied clusters share a place and '
    """
    if ties == "dense":
        return _(
            "Places: tied clusters share a place and the next place follows on "
            "(1, 2, 2, 3), as in the published table."
        )
    if ties == "average":
        return _(
            "Places: tied clusters share the average of the places they cover "
            "(1, 2.5, 2.5, 4); the published table numbered them 1, 2, 2, 3."
        )
    return _(
        "Places: 1 + the clusters strictly ahead (1, 2, 2, 4); the published table "
        "numbered tied clusters 1, 2, 2, 3."
    )


def place_phrase(place: int, shared: bool = False) -> Place:
    """Return a :class:`Place`: ``"2nd"`` or ``"shared 2nd"`` as plain text."""
    return Place(place, shared)


def points_text(value: float) -> str:
    """Points as the data give them: whole points stay whole (``"825"``)."""
    value = float(value)
    return format_number(value, 0 if value == round(value) else None)


def names_list(names: Sequence[str]) -> str:
    """``"Tomsk, Kaluga and INNOKAM"`` in the language in force.

    Examples
    --------
    >>> names_list(["Tomsk"]), names_list(["Tomsk", "Kaluga", "INNOKAM"])
    ('Tomsk', 'Tomsk, Kaluga and INNOKAM')
    """
    names = [str(n) for n in names]
    if len(names) <= 1:
        return "".join(names)
    return _("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])


def move_phrase(move: Mapping) -> str:
    """``"Kaluga moves up from shared 2nd to 1st"``: a move between two places.

    ``move``: ``name``, ``before`` and ``after`` (places) and, optionally,
    ``before_shared`` and ``after_shared``.
    """
    words = (
        _("{name} moves up from {before} to {after}")
        if move["after"] < move["before"]
        else _("{name} moves down from {before} to {after}")
    )
    return words.format(
        name=Name(move["name"]),
        before=Place(move["before"], move.get("before_shared", False)),
        after=Place(move["after"], move.get("after_shared", False)),
    )
