"""Ukrainian and Russian recognition on a tiny key index with the real pymorphy3 dictionaries.

Sentences are written for these tests. Each case exercises one mechanism: inflected single
and multiword names, hyphenated names, units after adjectives, coordinated lists of units,
region forms in -щина, units named by their centre, directions, and words of the language
that are not places.
"""

from __future__ import annotations

import pytest

from geo.text import _morph
from geo.text.recognise import recognise
from tests.test_recognise_unit import TinyKeys

NAMES = [
    "Новогродівка", "Селидове", "Вугледар", "Старий Салтів", "Великий Бурлук",
    "Красный Лиман", "Новая Каховка", "Кам'янець-Подільський", "Ростов-на-Дону",
    "Харківська область", "Сумская область", "Донецкая область", "Луганская область",
    "Краматорськ", "Шебекино", "Покровськ", "Бахмут", "Костянтинівка", "Азовське море",
    "Запоріжжя", "Покров", "Глушково", "Суджа", "Дніпро", "Київська", "Лозова",
    "Велика Писарівка", "Хотінь", "Хотон", "Марганець", "Пологи", "Рыльск", "Красная Яруга",
    # small places that share their spelling with words of the languages
    "По", "Тим", "Але", "Кроме", "Анна", "Володимир", "Восток", "Каб", "Сила", "Дружба",
]


@pytest.fixture(scope="module")
def keys() -> TinyKeys:
    return TinyKeys(NAMES)


def found(text: str, keys: TinyKeys) -> list[tuple[str, str, str]]:
    return [(s.surface, s.key, s.cue) for s in recognise(text, keys)]


@pytest.mark.parametrize(
    ("text", "surface", "key"),
    [
        ("Бої точилися у Новогродівці.", "Новогродівці", "новогродівка"),
        ("Ворог тисне в Селидовому.", "Селидовому", "селидове"),
        ("Штурми під Вугледаром тривають.", "Вугледаром", "вугледар"),
        ("Обстріл у Старому Салтові поранив двох людей.", "Старому Салтові", "старий салтів"),
        ("Евакуація у Великому Бурлуці триває.", "Великому Бурлуці", "великий бурлук"),
        ("Бои идут под Красным Лиманом.", "Красным Лиманом", "красный лиман"),
        ("Свет дали в Новой Каховке.", "Новой Каховке", "новая каховка"),
        ("Вибух у Кам'янці-Подільському.", "Кам'янці-Подільському", "камянець подільський"),
        ("Поезд пришёл в Ростове-на-Дону.", "Ростове-на-Дону", "ростов на дону"),
        ("Кораблі вийшли в Азовське море, а потім з Азовського моря.", "Азовського моря",
         "азовське море"),
    ],
)
def test_inflected_names(keys, text, surface, key):
    assert (surface, key) in [(s, k) for s, k, _ in found(text, keys)]


def test_region_form_in_shchyna_is_the_oblast(keys):
    assert ("Харківщині", "харківська область", "admin1") in found(
        "Вибухи пролунали на Харківщині.", keys)


def test_coordinated_units_give_one_span_per_adjective(keys):
    spans = found("Беспилотники сбиты в Донецкой и Луганской областях.", keys)
    assert [(s, k) for s, k, _ in spans] == [("Донецкой", "донецкая область"),
                                             ("Луганской областях", "луганская область")]


@pytest.mark.parametrize(
    ("text", "surface", "centre"),
    [
        ("Обстріли у Краматорському районі тривають.", "Краматорському районі", "краматорськ"),
        ("Евакуація з Бахмутської громади завершена.", "Бахмутської громади", "бахмут"),
        ("Атаке подвергся Шебекинский городской округ.", "Шебекинский городской округ",
         "шебекино"),
    ],
)
def test_unit_missing_from_the_gazetteer_is_read_by_its_centre(keys, text, surface, centre):
    assert (surface, centre, "unit_centre") in found(text, keys)


def test_a_unit_the_gazetteer_has_is_that_unit():
    keys = TinyKeys(["Краматорськ", "Краматорський район"])
    assert found("Обстріли у Краматорському районі.", keys) == [
        ("Краматорському районі", "краматорський район", "admin2")]


def test_direction_is_its_town(keys):
    assert ("Костянтинівському", "костянтинівка", "city") in found(
        "Бої на Костянтинівському напрямку.", keys)


@pytest.mark.parametrize(
    ("text", "surface", "centre"),
    [
        # a town in -ськ is the regular source of an adjective in -ський (not Покров)
        ("Бої на Покровському напрямку.", "Покровському", "покровськ"),
        # з + ськ -> зьк, and the noun's doubled -жж-
        ("Обстріли у Запорізькому районі.", "Запорізькому районі", "запоріжжя"),
        # an inserted -н- (Суджа -> суджанский), and the second member of a list of units
        ("Обстрелам подверглись села Глушковского и Суджанского районов.",
         "Суджанского районов", "суджа"),
        # -ецьк- of a town in -ець; -ів- of a town with a plural name
        ("Ворог бив по Марганецькій громаді.", "Марганецькій громаді", "марганець"),
        ("Вибухи на Пологівщині.", "Пологівщині", "пологи"),
        # a compound adjective of a two-word name
        ("Обстріляли Великописарівську громаду.", "Великописарівську громаду",
         "велика писарівка"),
        # a velar the suffix softened (г -> ж), in a compound: Красная Яруга
        ("Обстрелу подвергся Краснояружский район.", "Краснояружский район",
         "красная яруга"),
    ],
)
def test_centre_town_derivations(keys, text, surface, centre):
    assert any(s == surface and k == centre for s, k, _ in found(text, keys))


def test_first_member_of_a_list_of_units_is_read_by_its_centre(keys):
    spans = found("Обстрелам подверглись села Глушковского и Суджанского районов.", keys)
    assert [k for _, k, _ in spans] == ["глушково", "суджа"]
    spans = found("Обстреляны села Глушковского, Рыльского и Суджанского районов.", keys)
    assert [k for _, k, _ in spans] == ["глушково", "рыльск", "суджа"]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Бої точаться на правому березі Дніпра.", "water"),
        ("Човни перетнули русло Дніпра.", "water"),
        ("Вибухи пролунали у Дніпрі.", ""),
    ],
)
def test_river_words_make_a_name_a_river(keys, text, cue):
    assert [c for s, _, c in found(text, keys)] == [cue]


def test_a_river_takes_its_own_key_where_the_gazetteer_has_one():
    keys = TinyKeys(["Дніпро", "річка Дніпро"])
    assert [(s, k) for s, k, _ in found("Вибухи у Дніпрі й на березі Дніпра.", keys)] == [
        ("Дніпрі", "дніпро"), ("Дніпра", "річка дніпро")]


def test_adjective_opening_a_longer_name_is_not_a_place(keys):
    assert found("Київська міська військова адміністрація повідомила про удар.", keys) == []
    # a place noun after a preposition stays a place even before an agreeing word
    assert [s for s, _, _ in found("У Лозовій уламки пошкодили будинок.", keys)] == ["Лозовій"]


@pytest.mark.parametrize(
    "text",
    [
        "По данным штаба, ночь прошла спокойно.",  # preposition
        "Тим часом ворог продовжує штурми.",  # conjunction
        "Але ситуація змінюється.",  # conjunction
        "Кроме того, сбиты два беспилотника.",  # preposition
        "Анна сказала, що вибухів не чула.",  # given name
        "Володимир Зеленський провів нараду.",  # given name
        "Группировка «Восток» заявила об успехах.",  # an army group in quotes
        "Бійці бригади «Анна Київська» тримають оборону.",  # the last word of a quoted name
        "Ворог скинув кілька КАБами вночі.",  # an acronym with a case ending
        "Сили оборони відбили атаку.",  # a common noun opening a sentence
        "Про це повідомили Сили оборони півдня.",  # a common noun opening an institution's name
    ],
)
def test_words_of_the_language_are_not_places(keys, text):
    assert found(text, keys) == []


def test_a_name_the_text_treats_as_a_place_is_kept(keys):
    assert [s for s, _, _ in found("Вибухи пролунали у Володимирі та в Дружбі.", keys)] == [
        "Володимирі", "Дружбі"]


def test_article_language():
    assert _morph.article_language("Обстріл триває, що підтвердили в ОВА.") == "uk"
    assert _morph.article_language("Обстрел продолжается, это подтвердили.") == "ru"
    assert _morph.article_language("Обстрел Курской области продолжается.") == "ru"


def test_dictionary_marks_proper_nouns():
    """The Ukrainian dictionary's proper nouns are told from common nouns by where it puts
    their gender (see geo.text._morph._is_proper): checked on the installed dictionary."""
    assert _morph.read_word("покровськ", "uk").proper_noun
    assert not _morph.read_word("мир", "uk").proper_noun
    assert _morph.read_word("мир", "uk").common_noun
    assert _morph.read_word("покровск", "ru").proper_noun
    assert _morph.read_word("по", "ru").function_word


def test_without_the_ukrainian_dictionary_suffix_rules_still_read_case_forms(monkeypatch):
    """The Ukrainian dictionary is an optional extra (GPL-3.0): without it, the suffix rules
    still find the nominative of common case forms."""
    from geo.text import _cyrillic

    caches = (_morph.read_word, _morph.closed_class, _cyrillic._forms, _cyrillic._unit_lemma,
              _cyrillic._adjective)
    real = _morph._analyser

    def without_uk(lang):
        return None if lang == "uk" else real(lang)

    monkeypatch.setattr(_morph, "_analyser", without_uk)
    for c in caches:
        c.cache_clear()
    try:
        assert not _morph.available("uk")
        keys = TinyKeys(["Покровськ", "Харків"])
        assert [k for _, k, _ in found("Бої під Покровськом і в Харкові тривають.", keys)] == [
            "покровськ", "харків"]
    finally:
        for c in caches:
            c.cache_clear()


def test_hostile_words_are_not_read_part_by_part(keys):
    """A chain of thousands of hyphenated parts is one word, not a product of its parts' forms
    (which would grow without bound); it names no place."""
    from geo.text import _cyrillic

    chain = "-".join(["Селидове"] * 5000)
    assert len(_cyrillic._forms(chain, "uk")) < 8  # the whole word's own forms only
    assert found(f"Бої у {chain}.", keys) == []
    assert found("«Селидове»", keys) == []  # a quote at the very start of the text


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Резервы перебросили из-под Селидове к фронту.", "Селидове"),  # a hyphenated preposition
        ("Обстрел вели из района Дружба, сообщили военные.", "Дружба"),  # «район» = the area of
        ("В селе Анна повреждены дома.", "Анна"),  # a settlement word in the locative
    ],
)
def test_words_that_make_the_next_name_a_place(keys, text, surface):
    assert surface in [s for s, _, _ in found(text, keys)]


def test_common_noun_before_an_acronym_opens_an_institution(keys):
    assert found("Сили ППО збили дрони над містом.", keys) == []


def test_compound_adjective_chains_are_split_once(keys):
    word = "Ново" * 3000 + "писарівській"
    assert found(f"Обстріли у {word} громаді.", keys) == []


def test_what_a_first_word_finds_is_remembered_per_gazetteer():
    """Two indexes, the same sentence: each finds what it holds, whichever was asked first."""
    text = "Бої тривають під Покровськом і в Бахмуті."
    with_both = TinyKeys(["Покровськ", "Бахмут"])
    with_one = TinyKeys(["Бахмут"])
    assert [k for _, k, _ in found(text, with_both)] == ["покровськ", "бахмут"]
    assert [k for _, k, _ in found(text, with_one)] == ["бахмут"]
    assert [k for _, k, _ in found(text, with_both)] == ["покровськ", "бахмут"]


def test_a_declared_language_chooses_the_dictionary(keys, monkeypatch):
    """An article that says it is Ukrainian or Russian is not guessed again; an English one
    quoting a Ukrainian sentence is (its Cyrillic words are not English)."""
    guessed = []
    real = _morph.article_language

    def guess(text):
        guessed.append(text)
        return real(text)

    monkeypatch.setattr(_morph, "article_language", guess)
    text = "Бої точилися у Новогродівці."
    for lang in ("uk", "uk-UA", " UK"):
        assert [s.key for s in recognise(text, keys, lang=lang)] == ["новогродівка"]
    assert [s.key for s in recognise("Свет дали в Новой Каховке.", keys, lang="RU")] == [
        "новая каховка"]
    assert guessed == []
    assert [s.key for s in recognise(text, keys, lang="en")] == ["новогродівка"]
    assert guessed == [text]


#: places that share their spelling with given names, common nouns, weapons and bodies
TRAPS = TinyKeys(["Богдан", "Мир", "Дума", "Рада", "Дніпро", "Днепр", "річка Дніпро",
                  "река Днепр", "Оскіл", "річка Оскіл", "Покровськ", "Волчанск", "Щастя", "Кинджал",
                  "Ізюм", "Изюм", "Боровая", "Десна", "Азов", "Восток", "Россия"])


def spans(text: str, lang: str) -> list[tuple[str, str, bool]]:
    return [(s.surface, s.cue, s.locative) for s in recognise(text, TRAPS, lang=lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a given name after a preposition is a person unless the case is a place's
        ("Я говорив з Богданом про це.", "uk", []),  # «з» + instrumental: with someone
        ("У Богдана є брат.", "uk", []),  # «у» + genitive: someone has
        ("Вчера с Богданом связались журналисты.", "ru", []),
        ("Поліція звільнила Богдана.", "uk", []),  # a verb of taking: a person in custody
        ("Вибухи пролунали у Богдані.", "uk", [("Богдані", "", True)]),  # locative: in it
        ("Бої точаться біля Богдана.", "uk", [("Богдана", "", True)]),  # near it
    ],
)
def test_given_names_after_prepositions(text, lang, expected):
    assert spans(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ми говорили про Мир і безпеку.", "uk"),  # a topic: «про», «о»
        ("Переговоры о Мире продолжатся.", "ru"),
        ("Закон приняла Государственная Дума.", "ru"),  # an agreeing adjective before it
        ("Рішення ухвалила Верховна Рада.", "uk"),
        ("Росія атакувала Кинджалами.", "uk"),  # a common noun only in the plural: things
        ("Группировка Днепр отчиталась об успехах.", "ru"),  # a formation's name, unquoted
        ("Группировка войск Восток заняла позиции.", "ru"),
        ("Командир бригади Азов загинув.", "uk"),
    ],
)
def test_common_nouns_the_text_does_not_treat_as_places(text, lang):
    assert spans(text, lang) == []


def test_a_possessor_after_a_formation_is_a_place():
    assert spans("Группировка войск России сокращена.", "ru") == [("России", "", False)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Войска освободили Волчанск.", "ru", [("Волчанск", "", True)]),
        ("Росіяни обстріляли Щастя.", "uk", [("Щастя", "", True)]),
        ("Ворог знову обстріляв Покровськ.", "uk", [("Покровськ", "", True)]),
    ],
)
def test_the_object_of_a_verb_of_taking_or_shelling_is_a_place(text, lang, expected):
    assert spans(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "cue"),
    [
        ("Лодки переправлялись по Днепру.", "ru", "water"),  # sailing or crossing along it
        ("Катери пройшли вгору по Дніпру.", "uk", "water"),  # up or down it
        ("Баржи шли вниз по Днепру.", "ru", "water"),
        ("Росіяни зруйнували міст через Оскіл.", "uk", "water"),  # a bridge over it
        ("Патрули двигались вдоль Днепра.", "ru", "water"),  # along it
        ("Ворог вдарив по Дніпру ракетами.", "uk", ""),  # a strike on the city
        ("Тривогу оголошено по Дніпру.", "uk", ""),
    ],
)
def test_words_of_going_along_or_over_a_river(text, lang, cue):
    assert [c for _, c, _ in spans(text, lang)] == [cue]


def test_coordinated_names_share_the_preposition_and_the_river():
    assert spans("Резервы перебросили из-под Изюма и Боровой.", "ru") == [
        ("Изюма", "", True), ("Боровой", "", True)]
    assert spans("Бої на берегах Дніпра та Десни.", "uk") == [
        ("Дніпра", "water", True), ("Десни", "water", True)]
    # a given name after «та» is the person: «у Києві та Богдан ...» is no list of places
    assert spans("Зустріч у Покровську та Богдан Коваль.", "uk") == [("Покровську", "", True)]
