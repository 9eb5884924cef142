"""Each piece of resolution evidence on its own decides between otherwise equal senses.

The fixture is two twin settlements called "Zorivka": same population, same kind, both primary
names, one in Russia (the smaller id, so it wins a tie) and one in Ukraine, 10 degrees of
longitude apart on the same parallel. Context places stand on the meridian halfway between
them (equally far from both) unless distance is the evidence under test, and a Russian and a
Ukrainian context place are paired where the share of countries must stay even. So in each
test exactly one kind of evidence (a country named, the share of the article's countries, a
unit named, the same unit, proximity, a nearby namesake, a qualifier, a kind cue) separates the
twins; switching that evidence off makes the test fail. Places here are made up for the
geometry; the rules are the issue's.
"""

from __future__ import annotations

import pytest

from geo.model import Candidate, Place, Span
from geo.text.resolve import resolve

T_RU = Place(100, "Zorivka", "city", "RU", "RA", "Russian Oblast A", 50.0, 45.0, 50_000)
T_UA = Place(200, "Zorivka", "city", "UA", "UA", "Ukrainian Oblast A", 50.0, 35.0, 50_000)
PLACES = {
    "ukraine": Place(690791, "Ukraine", "country", "UA", "", "", 49.0, 32.0, 44_622_516),
    "russia": Place(2017370, "Russia", "country", "RU", "", "", 60.0, 100.0, 140_702_000),
    "oblast a": Place(300, "Ukrainian Oblast A", "admin1", "UA", "UA", "Ukrainian Oblast A",
                      50.0, 35.0, 0),
    # halfway between the twins (lon 40): as near to one as to the other
    "uaville": Place(401, "Uaville", "city", "UA", "UB", "Ukrainian Oblast B", 50.0, 40.0,
                     50_000),
    "uaville a": Place(402, "Uaville A", "city", "UA", "UA", "Ukrainian Oblast A", 50.0, 40.0,
                       50_000),
    "rusville": Place(501, "Rusville", "city", "RU", "RB", "Russian Oblast B", 50.0, 40.0,
                      50_000),
    # a third country, so the share of countries stays even: 143 km from Zorivka (UA), 930 km
    # from Zorivka (RU)
    "polville": Place(601, "Polville", "city", "PL", "PA", "Polish Voivodeship A", 50.0, 32.0,
                      50_000),
}
# a name with two senses: a big town far from both twins (chosen) and a hamlet 14 km from
# Zorivka (UA) (not chosen): only the namesake-pair evidence sees the hamlet
FARTOWN = Place(701, "Pairtown", "city", "PL", "PA", "Polish Voivodeship A", 30.0, 40.0,
                900_000)
HAMLET = Place(702, "Pairtown", "city", "PL", "PB", "Polish Voivodeship B", 50.1, 35.1, 50)
# a unit and its namesake city: the unit is likelier alone, the city of the same name smaller
UNIT = Place(801, "Twinland", "admin1", "UA", "TL", "Twinland", 47.0, 30.0, 1_000_000)
UNIT_CITY = Place(802, "Twinland", "city", "UA", "TL", "Twinland", 47.0, 30.0, 20_000)
BIG_CITY = Place(803, "Bigland", "city", "UA", "BL", "Bigland", 46.0, 30.0, 5_000_000)
BIG_UNIT = Place(804, "Bigland", "admin1", "UA", "BL", "Bigland", 46.0, 30.0, 1_000_000)


def _cands(*places: Place) -> tuple[Candidate, ...]:
    return tuple(Candidate(place=p, score=0.0, matched=p.name, match="primary") for p in places)


TABLE = {key: _cands(p) for key, p in PLACES.items()}
TABLE |= {"zorivka": _cands(T_RU, T_UA), "pairtown": _cands(FARTOWN, HAMLET),
          "twinland": _cands(UNIT, UNIT_CITY), "bigland": _cands(BIG_CITY, BIG_UNIT)}


class Table:
    def candidates(self, key: str) -> tuple[Candidate, ...]:
        return TABLE.get(key, ())


def resolve_text(*items: tuple[str, dict] | str):
    """Resolve names written one after another ("Twin. Ukraine. ..."), first occurrence each."""
    names = [i if isinstance(i, str) else i[0] for i in items]
    text = ". ".join(n.title() for n in names) + "."
    spans, pos = [], 0
    for item in items:
        key, extra = (item, {}) if isinstance(item, str) else item
        start = text.index(key.title(), pos)
        spans.append(Span(start, start + len(key), text[start:start + len(key)], key, **extra))
        pos = start + len(key)
    mentions = resolve(spans, Table(), article_id="t", sentence_of=lambda offset: text)
    return {m.surface: m for m in mentions}


def twin(*context: tuple[str, dict] | str, **span_fields):
    return resolve_text(("zorivka", span_fields), *context)["Zorivka"]


def test_alone_the_twins_tie_and_the_tie_goes_to_the_smaller_id():
    alone = twin()
    assert alone.place.id == T_RU.id
    assert alone.confidence == pytest.approx(0.5)  # two equal senses: a coin toss
    assert {a.place.id for a in alone.alternatives} == {T_UA.id}


def _decided_for_ukraine(m, *reason_words: str) -> None:
    assert m.place.id == T_UA.id
    assert m.confidence > 0.5 + 1e-6
    assert [a.place.id for a in m.alternatives] == [T_RU.id]
    for word in reason_words:
        assert word in m.reason


def test_a_country_named_in_the_article():
    # Ukraine and Rusville: countries shared evenly, Rusville equally far from both twins
    _decided_for_ukraine(twin("ukraine", "rusville"), "UA named")


def test_the_share_of_the_articles_places_in_a_country():
    _decided_for_ukraine(twin("uaville"), "in UA")


def test_a_unit_named_in_the_article():
    # the oblast (UA) and Rusville (RU) keep the share even
    _decided_for_ukraine(twin(("oblast a", {"cue": "admin1"}), "rusville"),
                         "Ukrainian Oblast A")


def test_the_same_unit_as_other_places():
    _decided_for_ukraine(twin("uaville a", "rusville"), "same admin-1 unit")


def test_proximity_to_the_articles_other_places():
    _decided_for_ukraine(twin("polville"), "km from other places")


def test_a_namesake_of_another_name_right_next_to_it():
    m = twin("pairtown")
    _decided_for_ukraine(m, "km from a place of another name")
    assert resolve_text("pairtown")["Pairtown"].place.id == FARTOWN.id  # the pair did not move it


def test_an_explicit_qualifier():
    _decided_for_ukraine(twin("ukraine", "rusville", qualifier="ukraine"), "qualified by")


def test_a_qualifier_is_the_unit_that_contains_the_qualified_name():
    """"Bigtwin, Bigland": Bigland is the unit Bigtwin lies in, though alone the name means
    the city of five million."""
    got = resolve_text(("bigland", {}))
    assert got["Bigland"].place.id == BIG_CITY.id  # alone: the city of five million
    TABLE["bigtwin"] = _cands(Place(900, "Bigtwin", "city", "UA", "BL", "Bigland", 46.1, 30.1,
                                    50_000))
    try:
        got = resolve_text(("bigtwin", {"qualifier": "bigland"}), "bigland")
    finally:
        del TABLE["bigtwin"]
    assert got["Bigland"].place.id == BIG_UNIT.id


def test_a_city_cue_wants_the_settlement_and_a_unit_cue_the_unit():
    assert resolve_text("twinland")["Twinland"].place.id == UNIT.id  # alone: the unit
    city = resolve_text(("twinland", {"cue": "city"}))["Twinland"]
    assert city.place.id == UNIT_CITY.id and "'city' cue" in city.reason
    assert resolve_text("bigland")["Bigland"].place.id == BIG_CITY.id  # alone: the city
    unit = resolve_text(("bigland", {"cue": "unit"}))["Bigland"]
    assert unit.place.id == BIG_UNIT.id and "'unit' cue" in unit.reason
    admin = resolve_text(("bigland", {"cue": "admin1"}))["Bigland"]
    assert admin.place.id == BIG_UNIT.id


def test_more_evidence_gives_more_confidence():
    one = twin("polville")
    two = twin("polville", "uaville a")
    assert 0.5 < one.confidence < two.confidence <= 1.0


def test_a_weak_name_needs_the_text_to_treat_it_as_a_place():
    """A small settlement named like a common word or a surname is dropped unless the text
    reads it as a place (after "in", with a cue or a qualifier) or other places vouch for it."""
    chase = Place(990, "Chase", "city", "US", "KS", "Kansas", 38.35, -98.35, 20_000)
    TABLE["chase"] = _cands(chase)
    try:
        assert resolve_text("chase") == {}
        assert resolve_text(("chase", {"locative": True}))["Chase"].place.id == 990
    finally:
        del TABLE["chase"]


def test_the_articles_language_favours_its_country():
    assert twin().place.id == T_RU.id
    text = "Zorivka."
    span = Span(0, 7, "Zorivka", "zorivka")
    got = resolve([span], Table(), article_id="t", lang="uk", sentence_of=lambda o: text)
    assert got[0].place.id == T_UA.id and got[0].confidence > 0.5
    got = resolve([span], Table(), article_id="t", lang="ru", sentence_of=lambda o: text)
    assert got[0].place.id == T_RU.id and got[0].confidence > 0.5


def test_a_primary_name_beats_the_same_place_known_by_an_alternate_name():
    old_name = Candidate(place=T_RU, score=0.0, matched="Zorivka", match="alternate")
    TABLE["oldname"] = (old_name, *_cands(T_UA))
    try:
        got = resolve_text("oldname")["Oldname"]
    finally:
        del TABLE["oldname"]
    assert got.place.id == T_UA.id and "primary name" in got.reason
    assert "population 50,000" in got.reason


def test_a_units_bare_name_means_its_namesake_city():
    """"Kherson" is the city unless the text says "Kherson region": the oblast matched by an
    alternate name yields to a city of that name in it."""
    unit = Candidate(place=UNIT, score=0.0, matched="Twinland", match="alternate")
    TABLE["khersonish"] = (unit, *_cands(UNIT_CITY))
    try:
        bare = resolve_text("khersonish")["Khersonish"]
        region = resolve_text(("khersonish", {"cue": "admin1"}))["Khersonish"]
    finally:
        del TABLE["khersonish"]
    assert bare.place.id == UNIT_CITY.id
    assert region.place.id == UNIT.id


def test_a_place_too_small_to_stand_alone_is_not_reported():
    hamlet = Place(991, "Qyzylbash", "city", "KZ", "", "", 45.0, 65.0, 10)
    TABLE["qyzylbash"] = _cands(hamlet)
    try:
        assert resolve_text(("qyzylbash", {"locative": True})) == {}
    finally:
        del TABLE["qyzylbash"]


def test_a_weak_name_is_kept_when_another_place_vouches_for_it():
    chase = Place(990, "Chase", "city", "US", "KS", "Kansas", 38.35, -98.35, 20_000)
    near = Place(992, "Ellinwood", "city", "US", "KS", "Kansas", 38.36, -98.58, 2_000_000)
    TABLE["chase"], TABLE["ellinwood"] = _cands(chase), _cands(near)
    try:
        assert resolve_text("chase") == {}
        got = resolve_text("chase", "ellinwood")
    finally:
        del TABLE["chase"], TABLE["ellinwood"]
    assert got["Chase"].place.id == 990


def test_a_qualifier_that_contains_the_name_says_so():
    TABLE["bigtwin"] = _cands(Place(900, "Bigtwin", "city", "UA", "BL", "Bigland", 46.1, 30.1,
                                    50_000))
    try:
        got = resolve_text(("bigtwin", {"qualifier": "bigland"}), "bigland")
    finally:
        del TABLE["bigtwin"]
    assert "qualifies a place inside it" in got["Bigland"].reason
    assert "qualified by 'bigland'" in got["Bigtwin"].reason
