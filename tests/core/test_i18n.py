import pytest

from ecei_analysis import EceiDataError, use_language
from ecei_analysis.core.i18n import (
    current_language,
    format_number,
    format_percent,
    format_place,
)


def test_english_is_the_default_and_languages_are_checked():
    assert current_language() == "en"
    with pytest.raises(EceiDataError, match="language 'de' is not available"):
        with use_language("de"):
            pass


def test_english_numbers_and_places():
    assert format_number(1160) == "1,160"
    assert format_percent(0.8944) == "89.4%"  # CLDR: no space in English
    assert [format_place(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "101st",
    ]


def test_russian_numbers_and_places():
    with use_language("ru"):
        assert format_number(1160) == "1\u00a0160"  # CLDR's grouping for ru
        assert format_number(0.5, 2) == "0,50"
        assert format_percent(0.894) == "89,4\u00a0%"
        assert format_place(2) == "2-е"
    assert current_language() == "en"


def _catalog():
    from babel.messages.pofile import read_po

    from ecei_analysis.core.resources import package_file

    path = package_file("locale", "ru", "LC_MESSAGES", "ecei.po")
    with open(path, "rb") as handle:
        return read_po(handle, locale="ru")


def test_every_catalog_entry_is_translated_with_the_same_placeholders():
    import re

    fields = re.compile(r"\{(\w*)[^}]*\}")
    catalog = _catalog()
    assert catalog.num_plurals == 3
    missing, broken = [], []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = (
            message.string if isinstance(message.string, tuple) else (message.string,)
        )
        if not all(strings) or "fuzzy" in message.flags:
            missing.append(ids[0])
            continue
        wanted = set().union(*(set(fields.findall(i)) for i in ids))
        for text in strings:
            # A plural form may drop the count ({k}) where the word says it.
            got = set(fields.findall(text))
            if not got <= wanted or not (wanted - got) <= {"k", "n", "top"}:
                broken.append((ids[0], text))
    assert missing == []
    assert broken == []


def test_the_compiled_catalog_is_the_catalog():
    """Readers see the .mo: it must carry every translation of the .po."""
    from babel.messages.mofile import read_mo

    from ecei_analysis.core.resources import package_file

    path = package_file("locale", "ru", "LC_MESSAGES", "ecei.mo")
    with open(path, "rb") as handle:
        compiled = read_mo(handle)

    def strings(message):
        s = message.string
        return tuple(s) if isinstance(s, (tuple, list)) else (s,)

    def key(message):
        ids = message.id
        return message.context, tuple(ids) if isinstance(ids, (tuple, list)) else ids

    source = {key(m): strings(m) for m in _catalog() if m.id}
    shipped = {key(m): strings(m) for m in compiled if m.id}
    assert shipped == source


@pytest.mark.parametrize(
    ("n", "form"),
    [
        (1, "воздержание"),
        (2, "воздержания"),
        (5, "воздержаний"),
        (11, "воздержаний"),
        (21, "воздержание"),
        (22, "воздержания"),
    ],
)
def test_russian_plural_forms(n, form):
    from ecei_analysis.core.i18n import ngettext

    with use_language("ru"):
        text = ngettext("({k} abstention)", "({k} abstentions)", n).format(k=n)
    assert text == f"({n} {form})"


def test_the_russian_date():

    from ecei_analysis.core.i18n import format_date

    with use_language("ru"):
        assert format_date("2015-02-27") == "27 февраля 2015\u202fг."


def test_the_study_reads_in_russian(study):
    with use_language("ru"):
        labels = study.labels()
        names = study.indicator_text("name")
    assert labels["zelenograd"] == "Зеленоград" and labels["innokam"] == "ИННОКАМ"
    assert all(any("а" <= ch <= "я" for ch in name.lower()) for name in names)
    assert study.labels()["zelenograd"] == "Zelenograd"  # back in English
    assert (study.clusters["name_ru_provenance"] == "assumed").all()
    assert (study.indicators["name_ru_provenance"] == "translated").all()
