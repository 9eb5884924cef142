"""Name keys: normalisation and transliteration variants (geo._names)."""

from __future__ import annotations

import pytest

from geo._names import ENGLISH_WORDS, normalise, variants


@pytest.mark.parametrize(("name", "key"), [
    ("Kup'yans'k", "kupyansk"),
    ("Kup’yans’k", "kupyansk"),
    ("KUPʼYANSʼK", "kupyansk"),
    ("Provence-Alpes-Côte d’Azur", "provence alpes cote dazur"),
    ("  St. Petersburg ", "st petersburg"),
    ("Washington, D.C.", "washington d c"),
    ("Łódź", "lodz"),
    ("Düsseldorf", "dusseldorf"),
    ("Straße", "strasse"),
    ("Покровськ", "покровськ"),
    ("Київ", "київ"),  # ї kept
    ("Ґалаґан", "ґалаґан"),  # ґ kept
    ("Запоріжжя", "запоріжжя"),
    ("Подільськ", "подільськ"),
    ("Йошкар-Ола", "йошкар ола"),  # й kept
    ("Орёл", "орел"),  # ё -> е
    ('"Kyiv"', "kyiv"),
    ("", ""),
    ("   ", ""),
])
def test_normalise(name, key):
    assert normalise(name) == key


def test_normalise_is_idempotent():
    for name in ("Kup'yans'k", "Słowiańsk", "Донецька область", "Côte-d’Ivoire"):
        assert normalise(normalise(name)) == normalise(name)


@pytest.mark.parametrize(("name", "expected"), [
    ("Kiev", {"kyiv"}),
    ("Kyiv", {"kiev"}),
    ("Kharkov", {"kharkiv"}),
    ("Zaporozhye", {"zaporizhzhia"}),
    ("Slavyansk", {"sloviansk", "slovyansk"}),
    ("Nikolaev", {"mykolaiv"}),
    ("Khmelnytskyi", {"khmelnytskiy", "khmelnytsky"}),
    ("Pokrovskiy", {"pokrovskyi", "pokrovsky"}),
    ("Novomykhailivka", {"novomykhailovka"}),
    ("Покровськ", {"pokrovsk"}),
    ("Київ", {"kyiv", "kiev"}),
    ("Слов'янськ", {"sloviansk", "slovyansk", "slavyansk"}),
    ("Харків", {"kharkiv"}),
    ("Новомихайлівка", {"novomykhailivka", "novomikhaylovka"}),
    ("Запоріжжя", {"zaporizhzhia", "zaporizhzhya"}),
])
def test_variants(name, expected):
    got = variants(name)
    assert expected <= got, got - expected
    assert normalise(name) not in got


def test_variants_of_empty_and_plain_names():
    assert variants("") == set()
    assert variants("Paris") == set()


def test_english_words_cover_measured_junk():
    for w in ("by", "at", "a", "media", "an", "thursday", "police", "make"):
        assert w in ENGLISH_WORDS
