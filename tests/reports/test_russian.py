"""Russian that a ministry reads: spelled, agreeing, and without English left in it.

The spell check reads the Debian hunspell-ru dictionary with spylls; the
agreement checks look for the errors a Russian reader notices first (numerals
with their nouns, places after a preposition, a bare name where the official
construction «кластера «X»» is needed).
"""

import os
import re
import unicodedata
from pathlib import Path

import pytest

from ecei_analysis import load_study
from ecei_analysis.reports.briefing_findings import briefing_findings
from ecei_analysis.reports.importance_findings import importance_findings

ROOT = Path(__file__).resolve().parents[2]
DICTIONARY = Path("/usr/share/hunspell/ru_RU")
WORD = re.compile(r"[А-Яа-яЁё]+")


def _plain(text: str) -> str:
    """Drop placeholders and stress marks (бо́льшим is one word)."""
    text = re.sub(r"\{[^}]*\}", " ", text)
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if ch != "\u0301")
    return unicodedata.normalize("NFC", text)


def _catalog_texts() -> list[str]:
    """Every Russian string of the compiled catalogue the package ships."""
    from babel.messages.mofile import read_mo

    import ecei_analysis

    package = Path(ecei_analysis.__file__).parent
    path = package / "locale/ru/LC_MESSAGES/ecei.mo"
    with open(path, "rb") as f:
        catalog = read_mo(f)
    texts = []
    for message in catalog:
        if message.id:
            s = message.string
            texts += list(s) if isinstance(s, (tuple, list)) else [s]
    return texts


@pytest.fixture(scope="module")
def study():
    return load_study()


def _findings_texts(study, weights, ties="min", top=4) -> list[str]:
    from ecei_analysis import class_points

    found = briefing_findings(
        study, weights, draws=400, ties=ties, top=top, language="ru"
    )
    found += importance_findings(
        class_points(study),
        weights,
        study.labels(language="ru"),
        ties=ties,
        language="ru",
    ).findings
    return [s for f in found for s in f.sentences]


def _part_of(study, ids):
    """The study restricted to some clusters (and their published totals)."""
    from dataclasses import replace

    return replace(
        study,
        clusters=study.clusters.loc[ids],
        points=study.points.loc[ids],
        published=study.published[study.published.index.isin(ids)],
    )


GRID = [
    ("3:2:1", "min"),
    ("1:0:0", "min"),
    ("1:1:0", "dense"),
    ("5:2:1", "dense"),
    ("1:1:1", "min"),
    ("0:1:1", "min"),
]


@pytest.fixture(scope="module")
def russian_texts(study):
    texts = _catalog_texts()
    for column in ("short_name_ru", "name_ru"):
        texts += [str(x) for x in study.clusters[column]]
    for weights, ties in GRID:
        texts += _findings_texts(study, weights, ties)
    four = _part_of(study, ["tomsk", "sarov", "dubna", "altai_biopharm"])
    texts += _findings_texts(four, "3:2:1")
    return texts


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_every_russian_word_is_spelled_as_the_dictionary_has_it(russian_texts):
    if not DICTIONARY.with_suffix(".dic").exists():
        if os.environ.get("ECEI_REQUIRE_HUNSPELL"):
            pytest.fail("ECEI_REQUIRE_HUNSPELL is set but hunspell-ru is missing")
        pytest.skip("the hunspell-ru dictionary is not installed (apt: hunspell-ru)")
    from spylls.hunspell import Dictionary

    dictionary = Dictionary.from_files(str(DICTIONARY))
    allowed = {
        line.strip()
        for line in (ROOT / "tests/data/russian_words.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    words = {w for t in russian_texts for w in WORD.findall(_plain(t)) if len(w) > 1}
    unknown = sorted(w for w in words - allowed if not dictionary.lookup(w))
    assert unknown == []


# Numerals and nouns -------------------------------------------------------------------
NOUNS = {
    "балл": ("балл", "балла", "баллов"),
    "место": ("место", "места", "мест"),
    "кластер": ("кластер", "кластера", "кластеров"),
    "эксперт": ("эксперт", "эксперта", "экспертов"),
    "участник": ("участник", "участника", "участников"),
    "голос": ("голос", "голоса", "голосов"),
}
GENITIVE_PREPOSITIONS = {"из", "от", "до", "для", "у", "около", "без", "кроме", "среди"}


def _numeral_errors(text: str) -> list[str]:
    """Numerals followed by a noun in a form that never agrees with them."""
    errors = []
    pattern = (
        r"(?:(\w+)\s)?(\d[\d\u00a0\u202f ]*)\s("
        + "|".join(f for forms in NOUNS.values() for f in forms)
        + r")\b"
    )
    for m in re.finditer(pattern, text):
        before = (m.group(1) or "").strip().lower()
        n = int(re.sub(r"\D", "", m.group(2)))
        word = m.group(3)
        one, few, many = next(forms for forms in NOUNS.values() if word in forms)
        last, last_two = n % 10, n % 100
        if last == 1 and last_two != 11:
            wrong = {many}
        elif 2 <= last <= 4 and not 12 <= last_two <= 14:
            # «из 3 кластеров», «первых 4 мест»: the numeral is in the genitive.
            genitive = before in GENITIVE_PREPOSITIONS or before.endswith(("ых", "их"))
            wrong = {one} | (set() if genitive else {many})
        else:
            wrong = {one, few}
        if word in wrong:
            errors.append(f"{m.group(2)} {word}".strip())
    return errors


def test_the_numeral_check_finds_what_a_reader_would():
    assert _numeral_errors("ИННОКАМ нужно +3 баллов") == ["3 баллов"]
    assert (
        _numeral_errors("впереди 3 кластера, из 3 кластеров, 5 баллов, 21 балл") == []
    )
    assert _numeral_errors("порядок первых 4 мест") == []
    assert _numeral_errors("5 балла") == ["5 балла"]


def test_numerals_agree_with_their_nouns(russian_texts):
    errors = [e for t in russian_texts for e in _numeral_errors(t)]
    assert errors == []


def test_places_after_a_preposition_are_in_the_genitive(russian_texts):
    """«от 1-го до 3-го места», never «от 1-е до 3-е»."""
    pattern = re.compile(r"\b(от|до|для|выше|ниже|с)\s+(?:общего\s+)?\d+-(\w+)")
    wrong = [
        m.group(0)
        for t in russian_texts
        for m in pattern.finditer(t)
        if m.group(2) not in ("го", "м")  # «с 1-го», «между 1-м»
    ]
    assert wrong == []


def test_no_bare_name_where_the_case_is_needed(study, russian_texts):
    """«выше Томск» and «Томск нужно» are errors; «выше, чем Томск» and «кластеру
    «Томск» нужно» are not."""
    names = set(study.clusters["short_name_ru"])
    wrong = []
    for t in russian_texts:
        for name in names:
            for m in re.finditer(
                rf"\b(выше|ниже|для|у|от|до)\s+{re.escape(name)}\b", t
            ):
                wrong.append(m.group(0))
            for m in re.finditer(rf"(?<!«){re.escape(name)}\s+нужно\b", t):
                wrong.append(m.group(0))
    assert wrong == []
