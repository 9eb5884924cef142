"""Names made of several words on the real gazetteer: water bodies, landforms and regions named
after a place ("Gulf of Finland", "Korean Peninsula", "North Africa") and outlets named after a
city ("the Washington Post"). The whole is one thing; the place inside it is not a mention.

Sentences are written for these tests. Expected kinds are the gazetteer's ("water", "region").
"""

from __future__ import annotations

import pytest

from tests.test_parse_real import mentions

pytestmark = pytest.mark.real_gazetteer


@pytest.mark.parametrize(
    ("text", "lang", "surface", "kind", "not_named"),
    [
        ("Tankers waited for days in the Gulf of Finland.", None, "Gulf of Finland", "water",
         "Finland"),
        ("Oil rigs in the Gulf of Mexico were evacuated before the storm.", None,
         "Gulf of Mexico", "water", "Mexico"),
        ("Two missiles splashed into the Sea of Japan on Tuesday.", None, "Sea of Japan",
         "water", "Japan"),
        ("Tensions over the Korean Peninsula rose after the test.", None, "Korean Peninsula",
         "region", "Korea"),
        ("Thousands of migrants set out from North Africa last year.", None, "North Africa",
         "region", "Africa"),
        ("Кораблі стояли у Фінській затоці.", "uk", "Фінській затоці", "water", "Фінлянд"),
        ("Ракеты упали в Японское море.", "ru", "Японское море", "water", "Япони"),
    ],
)
def test_a_known_compound_area_is_one_mention(gaz, text, lang, surface, kind, not_named):
    ms = mentions(text, gaz, lang=lang)
    got = {m.surface: m for m in ms}
    assert surface in got, [(m.surface, m.place.name) for m in ms]
    assert got[surface].place.kind == kind
    # the country or continent inside the name is not a mention of its own
    assert [m.surface for m in ms] == [surface]
    assert not any(m.place.kind in ("country", "continent") for m in ms), not_named


def test_a_country_named_beside_its_sea_is_still_the_country(gaz):
    ms = mentions("China claims most of the South China Sea.", gaz)
    assert [(m.surface, m.place.kind) for m in ms] == [("China", "country"),
                                                      ("South China Sea", "water")]


@pytest.mark.parametrize(
    ("text", "compound"),
    [
        # water bodies and landforms the index may lack: nothing inside them is a mention
        # unless the whole is one
        ("Fishing boats left the Gulf of Trieste at dawn.", "Gulf of Trieste"),
        ("A ferry sank in the Bay of Kotor.", "Bay of Kotor"),
        ("Whales were seen off the Kamchatka Peninsula.", "Kamchatka Peninsula"),
        ("Storms crossed the Scandinavian Peninsula.", "Scandinavian Peninsula"),
        ("Shipping in the Strait of Messina was halted.", "Strait of Messina"),
        ("Rescuers searched the Philippine Sea.", "Philippine Sea"),
    ],
)
def test_nothing_inside_a_compound_is_a_place_of_its_own(gaz, text, compound):
    start = text.index(compound)
    end = start + len(compound)
    for m in mentions(text, gaz):
        inside = start <= m.start and m.end <= end
        assert not inside or (m.start, m.end) == (start, end), (m.surface, m.place.name)


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("The Washington Post reported the talks had stalled.", "Washington"),
        ("According to the New York Times, the deal is off.", "New York"),
        ("The Kyiv Independent said sirens sounded overnight.", "Kyiv"),
        ("The Moscow Times could not confirm the report.", "Moscow"),
        ("An editorial in the Los Angeles Times backed the plan.", "Los Angeles"),
    ],
)
def test_an_outlet_named_after_a_city_is_not_the_city(gaz, text, outlet):
    assert [m.surface for m in mentions(text, gaz)] == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Ships of the Black Sea Fleet left port.", ["Black Sea"]),
        ("The Kyiv Metro closed three stations.", ["Kyiv"]),
        # a rare word after a place is not a head: two places side by side stay two
        ("The tour went from Paris Texas to Dallas.", ["Paris", "Texas", "Dallas"]),
    ],
)
def test_a_common_word_after_a_place_heads_a_name_there(gaz, text, names):
    from geo.text.recognise import recognise

    assert [s.surface for s in recognise(text, gaz)] == names


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Police in Washington closed two roads.", "Washington"),
        # a head word followed by another capitalised word names a place in the city
        ("Crowds filled Times Square in New York on Sunday.", "New York"),
        ("Queues formed at the Kyiv Post Office in Kyiv.", "Kyiv"),
        # an airport or a port is a site in the place: the place stays a mention
        ("Flights from Kyiv airport were cancelled.", "Kyiv"),
    ],
)
def test_the_city_itself_is_still_a_mention(gaz, text, surface):
    assert surface in [m.surface for m in mentions(text, gaz)]


def test_lookup_finds_the_region_not_a_fuzzy_continent(gaz):
    assert gaz.lookup("North Africa")[0].place.name == "North Africa"
    # with the exact name filtered out, a fuzzy match may not swap a correctly spelt word:
    # "North Africa" is no typo of "North America"
    assert [c.place.name for c in gaz.lookup("North Africa", kind="continent")] == []
    assert [c.place.name for c in gaz.lookup("South Africa", kind="region")] == []


def test_lookup_still_forgives_a_typo_in_a_compound(gaz):
    best = gaz.lookup("Gulf of Finlnad")[0]
    assert (best.place.name, best.match) == ("Gulf of Finland", "fuzzy")
    best = gaz.lookup("Norht Africa")[0]
    assert (best.place.name, best.match) == ("North Africa", "fuzzy")


@pytest.mark.parametrize(
    ("text", "lang", "surface", "name"),
    [
        ("Напруга на Корейському півострові зростає.", "uk", "Корейському півострові",
         "Korean Peninsula"),
        ("Напряжённость на Корейском полуострове растёт.", "ru", "Корейском полуострове",
         "Korean Peninsula"),
        ("Судна стояли в Мексиканській затоці.", "uk", "Мексиканській затоці", "Gulf of Mexico"),
    ],
)
def test_an_inflected_peninsula_or_gulf_is_read_whole(gaz, text, lang, surface, name):
    ms = mentions(text, gaz, lang=lang)
    assert [(m.surface, m.place.name) for m in ms] == [(surface, name)]
