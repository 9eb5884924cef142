"""Display names: the Ukrainian national transliteration where the place's names attest it."""

from __future__ import annotations

from geo.gazetteer.display import display_name, ukrainian_latin
from geo.model import Place


def place(name: str, cc: str = "UA") -> Place:
    return Place(1, name, "city", cc, "05", "", 48.0, 37.0, 1000)


def test_transliteration_table() -> None:
    # examples from the KMU 2010 table itself
    assert ukrainian_latin("Згорани") == "Zghorany"
    assert ukrainian_latin("Єнакієве") == "Yenakiieve"
    assert ukrainian_latin("Їжакевич") == "Yizhakevych"
    assert ukrainian_latin("Йосипівка") == "Yosypivka"
    assert ukrainian_latin("Юрій") == "Yurii"
    assert ukrainian_latin("Знам'янка") == "Znamianka"
    assert ukrainian_latin("Щербухи") == "Shcherbukhy"


def test_news_spelling_when_attested_and_close() -> None:
    assert display_name(place("Kupyansk"), ["Kupyansk", "Kupiansk", "Kupetskyi", "Купецький",
                                            "Купянськ", "Купянск"]) == "Kupiansk"
    assert display_name(place("Slovyansk"), ["Sloviansk", "Слов'янськ", "Славянск"]) == \
        "Sloviansk"
    assert display_name(place("Zaporizhzhya"), ["Zaporizhzhia", "Запоріжжя", "Запорожье"]) == \
        "Zaporizhzhia"


def test_primary_name_stays_without_evidence() -> None:
    # the transliteration is not among the Latin names: no spelling is invented
    assert display_name(place("Kupyansk"), ["Купянськ"]) == "Kupyansk"
    # a former name (far from the primary one) is not a spelling of it
    assert display_name(place("Pokrovsk"), ["Krasnoarmiisk", "Красноармійськ"]) == "Pokrovsk"
    # outside Ukraine the gazetteer's name stays
    assert display_name(place("Moskva", "RU"), ["Moskva", "Москва"]) == "Moskva"
