"""Each feature of resolution says what its name in ``geo.text.scoring`` says, for the text
that should set it and not for the text that should not.

``score_article`` is what the weight fit reads: the rows are read here by feature name, so a
feature that silently stops firing (a lost cue, a wrong regular expression, a threshold off by
a step) fails here, whatever weights the next fit gives it. Places are made up for the
geometry and the words; the rules are the module's.
"""

from __future__ import annotations

import math

import pytest

from geo.gazetteer import _format as gazetteer_format
from geo.model import Candidate, Place, Span
from geo.text import _lexicon as lex
from geo.text import scoring
from geo.text.resolve import MAX_ALTERNATIVES, MAX_CANDIDATES, resolve, score_article


def _p(i: int, name: str, kind: str = "city", cc: str = "UA", admin1: str = "A1",
       lat: float = 50.0, lon: float = 30.0, pop: int = 50_000) -> Place:
    return Place(i, name, kind, cc, admin1, f"Unit {admin1}", lat, lon, pop)


def _cands(*places: Place, match: str = "primary") -> tuple[Candidate, ...]:
    return tuple(Candidate(place=p, score=0.0, matched=p.name, match=match) for p in places)


class Table:
    def __init__(self, table: dict[str, tuple[Candidate, ...]]):
        self.table = table

    def candidates(self, key: str) -> tuple[Candidate, ...]:
        return self.table.get(key, ())


def _spans(text: str, *names: str, **fields) -> list[Span]:
    """A span for each listed name at its first occurrence after the previous one."""
    out, pos = [], 0
    for name in names:
        start = text.index(name, pos)
        out.append(Span(start, start + len(name), name, name.lower(), **fields.get(name, {})))
        pos = start + len(name)
    return out


def scored(text: str, table: dict, *names: str, lang: str | None = None, **fields):
    return score_article(_spans(text, *names, **fields), Table(table), lang=lang,
                         weights=scoring.fitted(), text=text)


def feature(s, place_id: int, name: str) -> float:
    """The ranking feature ``name`` of the candidate ``place_id``."""
    [j] = [j for j, c in enumerate(s.candidates) if c.place.id == place_id]
    return float(s.features[j, scoring.RANKING_NAMES.index(name)])


def confidence_feature(s, key: str, name: str) -> float:
    return float(s.confidence_features[s.keys.index(key), scoring.CONFIDENCE_NAMES.index(name)])


# --- static features ------------------------------------------------------------------------------


def test_the_capital_is_the_most_populous_settlement_of_its_name_in_its_country():
    big = _p(1, "Kyiv", pop=2_800_000)
    village = _p(2, "Kyiv", pop=500)
    abroad = _p(3, "Kyiv", cc="US", admin1="ND", pop=100)
    s = scored("Kyiv.", {"kyiv": _cands(big, village, abroad)}, "Kyiv")
    assert [feature(s, i, "capital") for i in (1, 2, 3)] == [1.0, 0.0, 0.0]


@pytest.mark.parametrize("lang,cc", [("uk", "UA"), ("ru", "RU"), ("be", "BY"), ("pl", "PL"),
                                     ("de", "DE"), ("fr", "FR"), ("uk-UA", "UA")])
def test_the_articles_language_points_to_its_country(lang, cc):
    here, there = _p(1, "Zorivka", cc=cc), _p(2, "Zorivka", cc="ZZ")
    s = scored("Zorivka.", {"zorivka": _cands(here, there)}, "Zorivka", lang=lang)
    assert feature(s, 1, "article_language") == 1.0
    assert feature(s, 2, "article_language") == 0.0
    none = scored("Zorivka.", {"zorivka": _cands(here, there)}, "Zorivka", lang="en")
    assert feature(none, 1, "article_language") == 0.0


def test_the_short_form_of_an_areas_own_name_is_not_another_name():
    """"the Atlantic" for the Atlantic Ocean drops the generic word: its own name, unlike
    "Atlantic" for East Rockaway or "Pokrovsk" for Engels."""
    ocean = _p(1, "Atlantic Ocean", kind="water", cc="", admin1="", pop=0)
    renamed = _p(2, "East Rockaway", cc="US", admin1="NY", pop=9_800)
    cands = (Candidate(place=ocean, score=0.0, matched="the Atlantic", match="alternate"),
             Candidate(place=renamed, score=0.0, matched="Atlantic", match="alternate"))
    s = scored("Storms over the Atlantic.", {"atlantic": cands}, "Atlantic")
    assert feature(s, 1, "alternate_name") == 0.0 and feature(s, 1, "native_name") == 1.0
    assert feature(s, 2, "alternate_name") == 1.0
    # a settlement named by the start of another settlement's name is still another name
    town = _p(3, "Atlantic City", cc="US", admin1="NJ", pop=38_000)
    s = scored("Atlantic.", {"atlantic": (Candidate(place=town, score=0.0, matched="Atlantic",
                                                     match="alternate"),)}, "Atlantic")
    assert feature(s, 3, "alternate_name") == 1.0


def test_the_words_before_a_name_say_water_or_the_definite_article():
    river = _p(1, "Dnipro", kind="water", pop=0)
    city = _p(2, "Dnipro", pop=1_000_000)
    table = {"dnipro": _cands(river, city)}
    for text in ("Boats on the left bank of the Dnipro.", "Troops went across the Dnipro.",
                 "The mouth of the Dnipro."):
        s = scored(text, table, "Dnipro")  # the words cue water, as "river" would
        assert feature(s, 1, "cue_fits") == 1.0 and feature(s, 2, "cue_fits") == 0.0, text
        assert feature(s, 2, "cue_conflicts") == 1.0, text
        assert feature(s, 1, "definite_area") == 1.0  # "the" before it, as for any river
        assert feature(s, 2, "definite_settlement") == 1.0
    plain = scored("Shelling in Dnipro.", table, "Dnipro")
    for name in ("cue_fits", "cue_conflicts", "definite_area", "definite_settlement"):
        assert feature(plain, 1, name) == feature(plain, 2, name) == 0.0, name


@pytest.mark.parametrize("cue,fits", [
    ("city", {"city"}), ("admin1", {"admin1", "region"}), ("admin2", {"admin2", "admin1"}),
    ("water", {"water"}), (lex.UNIT_CENTRE, {"city"}),
    ("unit", {"country", "admin1", "admin2", "region"}), ("qualifier", set()),
])
def test_a_cue_fits_some_kinds_and_conflicts_with_the_others(cue, fits):
    kinds = ["city", "admin1", "admin2", "region", "water", "country", "site"]
    places = [_p(i + 1, "Zorivka", kind=k) for i, k in enumerate(kinds)]
    s = scored("Zorivka.", {"zorivka": _cands(*places)}, "Zorivka", Zorivka={"cue": cue})
    for p in places:
        fit = feature(s, p.id, "cue_fits")
        expected = 1.0 if (p.kind in fits or cue == "qualifier") else 0.0
        assert fit == expected, (cue, p.kind)
        assert feature(s, p.id, "cue_conflicts") == 1.0 - fit, (cue, p.kind)


def test_a_units_bare_name_is_its_city_only_when_the_city_is_a_town_of_10000():
    unit = Candidate(place=_p(1, "Twinland", kind="admin1", admin1="TL", pop=0), score=0.0,
                     matched="Twinland", match="alternate")

    def flag(city_pop: int, cue: str = "") -> float:
        city = _p(2, "Twinland", admin1="TL", pop=city_pop)
        s = scored("Twinland.", {"twinland": (unit, *_cands(city))}, "Twinland",
                   Twinland={"cue": cue} if cue else {})
        return feature(s, 1, "unit_of_namesake_city")

    assert flag(10_000) == 1.0
    assert flag(9_999) == 0.0
    assert flag(50_000, cue="admin1") == 0.0  # "Twinland region" says it is the unit


def test_a_settlement_named_like_a_country_or_an_area_is_flagged_apart():
    country = _p(1, "Georgia", kind="country", cc="GE", admin1="", pop=3_700_000)
    town = _p(2, "Georgia", cc="US", admin1="VT", pop=4_000)
    state = _p(3, "Georgia", kind="admin1", cc="US", admin1="GA", pop=10_000_000)
    s = scored("Georgia.", {"georgia": _cands(country, town)}, "Georgia")
    assert feature(s, 2, "settlement_named_like_country") == 1.0
    assert feature(s, 2, "settlement_named_like_area") == 0.0
    assert feature(s, 1, "settlement_named_like_country") == 0.0
    s = scored("Georgia.", {"georgia": _cands(state, town)}, "Georgia")
    assert feature(s, 2, "settlement_named_like_area") == 1.0
    assert feature(s, 2, "settlement_named_like_country") == 0.0
    only_alternate = (*_cands(country, match="alternate"), *_cands(town))
    s = scored("Georgia.", {"georgia": only_alternate}, "Georgia")
    assert feature(s, 2, "settlement_named_like_country") == 0.0  # the country only by another name


def test_listed_kind_reads_a_list_of_country_names_as_countries():
    poland = _p(1, "Poland", kind="country", cc="PL", admin1="", pop=38_000_000)
    poland_town = _p(2, "Poland", cc="US", admin1="OH", pop=2_500)
    jordan = _p(3, "Jordan", kind="country", cc="JO", admin1="", pop=10_000_000)
    table = {"poland": _cands(poland, poland_town), "jordan": _cands(jordan)}
    s = scored("Leaders from Poland and Jordan met.", table, "Poland", "Jordan")
    assert feature(s, 1, "listed_kind") == 1.0
    assert feature(s, 2, "listed_kind") == -1.0  # the town of a country's name, listed so
    georgia = _cands(_p(4, "Georgia", kind="admin1", cc="US", admin1="GA", pop=10_000_000))
    s = scored("Leaders from Poland and Georgia met.", {**table, "georgia": georgia},
               "Poland", "Georgia")
    assert feature(s, 1, "listed_kind") == 0.0  # listed with a state, not a country
    assert feature(s, 4, "listed_kind") == 0.0  # first-level units are not read so
    s = scored("Leaders from Poland met envoys of Jordan.", table, "Poland", "Jordan")
    assert feature(s, 1, "listed_kind") == 0.0  # not one list
    assert feature(s, 2, "listed_kind") == 0.0


def test_a_qualifier_counts_for_places_inside_it_only():
    oblast = _p(10, "Bigland", kind="admin1", admin1="BL", pop=1_000_000)
    country = _p(11, "Ukraine", kind="country", admin1="", pop=40_000_000)
    inside = _p(1, "Zorivka", admin1="BL")
    elsewhere = _p(2, "Zorivka", admin1="XX")
    abroad = _p(3, "Zorivka", cc="RU", admin1="BL")
    table = {"zorivka": _cands(inside, elsewhere, abroad), "bigland": _cands(oblast),
             "ukraine": _cands(country)}
    s = scored("Zorivka, Bigland.", table, "Zorivka", Zorivka={"qualifier": "bigland"})
    assert [feature(s, i, "qualified") for i in (1, 2, 3)] == [1.0, 0.0, 0.0]
    s = scored("Zorivka, Ukraine.", table, "Zorivka", Zorivka={"qualifier": "ukraine"})
    assert [feature(s, i, "qualified") for i in (1, 2, 3)] == [1.0, 1.0, 0.0]
    table["kyiv"] = _cands(_p(12, "Kyiv", admin1="BL", pop=2_800_000))  # a city contains none
    s = scored("Zorivka, Kyiv.", table, "Zorivka", Zorivka={"qualifier": "kyiv"})
    assert [feature(s, i, "qualified") for i in (1, 2, 3)] == [0.0, 0.0, 0.0]


def test_a_name_with_more_senses_than_the_shortlist_keeps_the_gazetteers_first():
    """The gazetteer's order is the one prior: the resolver scores the senses ``lookup``
    would show first, whatever the fitted weights would make of them."""
    many = [_p(i, "Springfield", cc="US", admin1=f"S{i}", lat=40.0, lon=-90.0 + i * 0.5,
               pop=1_000 * i) for i in range(1, MAX_CANDIDATES + 6)]
    prior = {p.id: gazetteer_format.score(gazetteer_format.importance(p.kind, p.population),
                                          gazetteer_format.MATCH_WEIGHT[gazetteer_format.PRIMARY])
             for p in many}
    in_index_order = sorted(many, key=lambda p: -prior[p.id])
    s = scored("Springfield.", {"springfield": _cands(*in_index_order)}, "Springfield")
    kept = {c.place.id for c in s.candidates}
    assert kept == {p.id for p in in_index_order[:MAX_CANDIDATES]}
    assert kept == {p.id for p in many[-MAX_CANDIDATES:]}  # the most populous
    # an index that ranks otherwise is followed, not re-ranked
    s = scored("Springfield.", {"springfield": _cands(*many)}, "Springfield")
    assert {c.place.id for c in s.candidates} == {p.id for p in many[:MAX_CANDIDATES]}


def test_a_state_that_holds_a_sense_of_another_name_and_a_town_inside_it():
    """"Alexandria ... Virginia": before any choice, the state Virginia holds a sense of
    "Alexandria" and that Alexandria lies in a state "Virginia" may mean; the senses that fit
    nothing get neither."""
    state = _p(1, "Virginia", kind="admin1", cc="US", admin1="VA", pop=8_000_000)
    town = _p(2, "Virginia", cc="ZA", admin1="03", pop=120_000)
    in_state = _p(3, "Alexandria", cc="US", admin1="VA", pop=150_000)
    abroad = _p(4, "Alexandria", cc="EG", admin1="06", pop=5_000_000)
    table = {"virginia": _cands(state, town), "alexandria": _cands(in_state, abroad)}
    s = scored("Alexandria police. Virginia.", table, "Alexandria", "Virginia")
    holds = [feature(s, i, "holds_sense") for i in (1, 2, 3, 4)]
    inside = [feature(s, i, "in_sense") for i in (1, 2, 3, 4)]
    assert holds[0] > 0.0 and holds[1:] == [0.0, 0.0, 0.0]
    assert inside[2] > 0.0 and inside[:2] + inside[3:] == [0.0, 0.0, 0.0]
    # each counts as likely as the other sense is on its own evidence: a hamlet of the
    # other name in the state counts for less than a city
    hamlet = _p(6, "Alexandria", cc="US", admin1="VA", pop=200)
    s2 = scored("Alexandria police. Virginia.", {"virginia": _cands(state, town),
                                                 "alexandria": _cands(hamlet, abroad)},
                "Alexandria", "Virginia")
    assert 0.0 < feature(s2, 1, "holds_sense") < holds[0]
    # a state does not hold a sense of its own name
    alone = scored("Virginia.", {"virginia": _cands(state, _p(5, "Virginia", cc="US",
                                                                admin1="VA"))}, "Virginia")
    assert feature(alone, 1, "holds_sense") == 0.0 and feature(alone, 5, "in_sense") == 0.0


def test_kind_share_counts_the_other_names_that_chose_a_place_of_the_candidates_kind():
    """"Lebanon" beside Syria and Israel: the country gains from the two other countries; the
    town of the same name, a settlement, gets nothing from them."""
    country = _p(1, "Lebanon", kind="country", cc="LB", admin1="", pop=6_000_000)
    town = _p(2, "Lebanon", cc="US", admin1="PA", pop=25_000)
    syria = _p(3, "Syria", kind="country", cc="SY", admin1="", pop=20_000_000)
    israel = _p(4, "Israel", kind="country", cc="IL", admin1="", pop=9_000_000)
    haifa = _p(5, "Haifa", cc="IL", admin1="06", pop=280_000)
    table = {"lebanon": _cands(country, town), "syria": _cands(syria),
             "israel": _cands(israel), "haifa": _cands(haifa)}
    s = scored("Lebanon, Syria, Israel and Haifa.", table, "Lebanon", "Syria", "Israel",
               "Haifa")
    assert feature(s, 1, "kind_share") == pytest.approx(2 / 3)  # two of three others
    assert feature(s, 2, "kind_share") == 0.0
    assert feature(s, 5, "kind_share") == 0.0  # a settlement: not counted for its kind
    alone = scored("Lebanon.", {"lebanon": _cands(country, town)}, "Lebanon")
    assert feature(alone, 1, "kind_share") == 0.0


# --- what resolve reports -----------------------------------------------------------------------


def test_a_mention_lists_at_most_three_alternatives_likeliest_first():
    senses = [_p(i, "Zorivka", cc="UA", admin1=f"U{i}", lat=50.0, lon=25.0 + i,
                 pop=100_000 * i) for i in range(1, 7)]
    text = "Fighting in Zorivka."
    [m] = resolve(_spans(text, "Zorivka", Zorivka={"locative": True}),
                  Table({"zorivka": _cands(*senses)}), article_id="a", text=text)
    assert MAX_ALTERNATIVES == 3 and len(m.alternatives) == 3
    scores = [a.score for a in m.alternatives]
    assert scores == sorted(scores, reverse=True)
    assert m.place.id not in {a.place.id for a in m.alternatives}


def test_a_district_named_after_its_centre_is_the_unit_not_the_town():
    town = _p(7, "Kramatorsk", admin1="05", pop=150_000)
    text = "у Краматорському районі"
    span = Span(2, 23, "Краматорському районі", "kramatorsk", cue=lex.UNIT_CENTRE,
                locative=True)
    [m] = resolve([span], Table({"kramatorsk": _cands(town)}), article_id="a", text=text)
    assert (m.place.name, m.place.kind, m.place.population) == ("Kramatorsk district",
                                                               "admin2", 0)
    assert m.place.id == -((1 << 40) + 7)  # far below every real id, one per centre
    assert (m.place.lat, m.place.lon, m.place.cc) == (town.lat, town.lon, town.cc)
    plain = Span(2, 23, "Краматорському районі", "kramatorsk", cue="admin2", locative=True)
    [m] = resolve([plain], Table({"kramatorsk": _cands(town)}), article_id="a", text=text)
    assert m.place == town  # any other cue: the place as found


# --- confidence features ------------------------------------------------------------------------


def test_names_written_in_a_list_are_flagged():
    places = {n.lower(): _cands(_p(i, n, lon=30.0 + i)) for i, n in
              enumerate(["Lyman", "Siversk", "Bakhmut", "Kupiansk"], 1)}
    for sep in (", ", "; ", " / ", " and ", " or ", ", and ", " та ", " і ", " и ", " або ",
                " - "):
        text = f"Lyman{sep}Siversk."
        s = scored(text, places, "Lyman", "Siversk")
        assert confidence_feature(s, "lyman", "in_list") == 1.0, sep
        assert confidence_feature(s, "siversk", "in_list") == 1.0, sep
    s = scored("Lyman held. Later Siversk fell.", places, "Lyman", "Siversk")
    assert confidence_feature(s, "lyman", "in_list") == 0.0
    s = scored("Lyman, Siversk. Then Bakhmut.", places, "Lyman", "Siversk", "Bakhmut")
    assert confidence_feature(s, "bakhmut", "in_list") == 0.0


def test_a_name_before_a_lower_case_noun_modifies_it():
    town = _p(1, "Iskander", pop=3_000)
    table = {"iskander": _cands(town)}
    assert confidence_feature(scored("An Iskander missile hit.", table, "Iskander"),
                              "iskander", "modifies_noun") == 1.0
    for text in ("Iskander said so.", "Iskander and more.", "Iskander.", "Iskander Missile."):
        assert confidence_feature(scored(text, table, "Iskander"), "iskander",
                                  "modifies_noun") == 0.0, text


def test_a_small_settlement_named_like_a_word_or_a_surname_is_ambiguous():
    def ambiguous(name: str, pop: int, kind: str = "city") -> float:
        p = _p(1, name, kind=kind, pop=pop)
        s = scored(f"{name}.", {name.lower(): _cands(p)}, name)
        return confidence_feature(s, name.lower(), "ambiguous_word")

    assert ambiguous("Chase", 20_000) == 1.0  # a common English word
    assert ambiguous("Johnson", 20_000) == 1.0  # a common surname
    assert ambiguous("Tindall", 20_000) == 1.0  # 0.002 % of people: the rarest on the list
    assert ambiguous("Patrick", 20_000) == 1.0  # a given name
    assert ambiguous("Chase", 99_999) == 1.0
    assert ambiguous("Chase", 100_000) == 0.0  # a town that size is known by its name
    assert ambiguous("Chase", 20_000, kind="admin1") == 0.0  # not a settlement
    assert ambiguous("Zorivka", 20_000) == 0.0


def test_confidence_counts_repeats_words_acronyms_and_the_other_names():
    table = {"zorivka": _cands(_p(1, "Zorivka")), "nova zorivka": _cands(_p(2, "Nova Zorivka")),
             "un": _cands(_p(3, "UN", pop=1_000)), "uaville": _cands(_p(4, "Uaville", lon=31))}
    text = "Zorivka. Zorivka again. Nova Zorivka. UN. Uaville."
    spans = _spans(text, "Zorivka", "Zorivka", "Nova Zorivka", "UN", "Uaville")
    spans[2] = Span(spans[2].start, spans[2].end, "Nova Zorivka", "nova zorivka")
    s = score_article(spans, Table(table), lang=None, weights=scoring.fitted(), text=text)
    assert confidence_feature(s, "zorivka", "repeated") == pytest.approx(math.log(2))
    assert confidence_feature(s, "uaville", "repeated") == 0.0
    assert confidence_feature(s, "nova zorivka", "multiword") == 1.0
    assert confidence_feature(s, "zorivka", "multiword") == 0.0
    assert confidence_feature(s, "un", "acronym") == 1.0
    assert confidence_feature(s, "zorivka", "acronym") == 0.0
    assert confidence_feature(s, "zorivka", "other_names") == pytest.approx(math.log1p(3))
    assert confidence_feature(s, "zorivka", "bias") == 1.0
    assert confidence_feature(s, "zorivka", "point") == 1.0
    assert confidence_feature(s, "zorivka", "point_log_population") == \
        pytest.approx(math.log10(50_000 + 10))


def test_another_place_close_by_supports_a_name_and_counts_as_near():
    a = _p(1, "Zorivka", lat=50.0, lon=30.0)
    near = _p(2, "Uaville", lat=50.0, lon=30.5)  # ~36 km
    far = _p(3, "Farville", lat=50.0, lon=35.0)  # ~360 km
    text = "Zorivka. Uaville."
    s = scored(text, {"zorivka": _cands(a), "uaville": _cands(near)}, "Zorivka", "Uaville")
    assert confidence_feature(s, "zorivka", "supported") == 1.0
    d = float(s.d_km[0])
    assert 30 < d < 40
    assert confidence_feature(s, "zorivka", "near_other") == pytest.approx(math.exp(-d / 50))
    text = "Zorivka. Farville."
    s = scored(text, {"zorivka": _cands(a), "farville": _cands(far)}, "Zorivka", "Farville")
    assert confidence_feature(s, "zorivka", "supported") == 0.0


def test_sites_are_points_regions_are_areas_and_a_river_is_an_area_named_like_a_town():
    site = _p(1, "Azovstal", kind="site", lat=47.1, lon=37.6, pop=0)
    s = scored("Azovstal.", {"azovstal": _cands(site)}, "Azovstal")
    assert feature(s, 1, "site") == 1.0
    region = _p(3, "Donbas", kind="region", pop=0)
    river = _p(4, "Donets", kind="water", pop=0)
    town = _p(5, "Donets", pop=5_000)
    s = scored("The Donbas and the Donets.", {"donbas": _cands(region),
                                              "donets": _cands(river, town)},
               "Donbas", "Donets")
    assert feature(s, 3, "area") == 1.0 and feature(s, 3, "definite_area") == 1.0
    assert feature(s, 4, "area") == 1.0
    assert feature(s, 5, "settlement_named_like_area") == 1.0  # a river of that name
    assert feature(s, 5, "area") == 0.0


def test_a_site_counts_as_a_point_for_the_distance_to_another_names_senses():
    site = _p(1, "Azovstal", kind="site", lat=47.10, lon=37.60, pop=0)
    town = _p(2, "Illichivsk", lat=47.12, lon=37.60)  # ~2 km north
    text = "Azovstal. Illichivsk."
    s = scored(text, {"azovstal": _cands(site), "illichivsk": _cands(town)}, "Azovstal",
               "Illichivsk")
    assert float(s.pair_km[0]) == pytest.approx(2.2, abs=0.1)
    assert feature(s, 1, "pair") == pytest.approx(math.exp(-float(s.pair_km[0]) / scoring.PAIR_KM))


def test_kind_features_name_the_kind():
    kinds = {"country": 1, "admin1": 2, "admin2": 3, "site": 4, "region": 5, "city": 6}
    places = [_p(i, "Zorivka", kind=k, pop=0 if k != "city" else 5_000) for k, i in kinds.items()]
    s = scored("Zorivka.", {"zorivka": _cands(*places)}, "Zorivka")
    for kind, i in kinds.items():
        for name in ("country", "admin1", "admin2", "site"):
            assert feature(s, i, name) == float(kind == name), (kind, name)
        assert feature(s, i, "area") == float(kind == "region"), kind


def test_the_share_of_the_other_places_in_each_country():
    ru, ua = _p(1, "Zorivka", cc="RU"), _p(2, "Zorivka", cc="UA", lon=31.0)
    table = {"zorivka": _cands(ua, ru), "uaville": _cands(_p(3, "Uaville", lon=32.0)),
             "uatown": _cands(_p(4, "Uatown", lon=33.0)),
             "polville": _cands(_p(5, "Polville", cc="PL", lon=34.0)),
             "ukraine": _cands(_p(6, "Ukraine", kind="country", pop=40_000_000))}
    text = "Zorivka. Uaville. Uatown. Polville. Ukraine."
    s = scored(text, table, "Zorivka", "Uaville", "Uatown", "Polville", "Ukraine")
    # the other places (the country named counts elsewhere): two in UA, one in PL
    assert feature(s, 2, "country_share") == pytest.approx(2 / 3)
    assert feature(s, 1, "country_share") == 0.0
    assert feature(s, 5, "country_share") == 0.0  # no other place in Poland
    assert feature(s, 2, "country_named") == 1.0 and feature(s, 1, "country_named") == 0.0


def test_proximity_reaches_four_decay_lengths_and_no_further():
    a = _p(1, "Zorivka", lat=0.0, lon=0.0)

    def proximity(lon: float) -> tuple[float, float]:
        other = _p(2, "Farville", lat=0.0, lon=lon)
        s = scored("Zorivka. Farville.", {"zorivka": _cands(a), "farville": _cands(other)},
                   "Zorivka", "Farville")
        return float(s.d_km[0]), feature(s, 1, "proximity")

    d, near = proximity(8.0)  # ~890 km
    assert d < 4 * scoring.PROXIMITY_KM and near == pytest.approx(
        math.exp(-d / scoring.PROXIMITY_KM))
    d, far = proximity(10.0)  # ~1,110 km
    assert d > 4 * scoring.PROXIMITY_KM and far == 0.0


def test_a_name_in_another_script_is_native_and_a_latin_alternate_is_another_name():
    def conf(matched: str, match: str) -> tuple[float, float]:
        c = Candidate(place=_p(1, "Kyiv", pop=2_800_000), score=0.0, matched=matched,
                      match=match)
        s = score_article([Span(0, 4, "Kyiv", "kyiv")], Table({"kyiv": (c,)}), lang=None,
                          weights=scoring.fitted(), text="Kyiv.")
        return (confidence_feature(s, "kyiv", "alternate_name"),
                confidence_feature(s, "kyiv", "native_name"))

    assert conf("Kiev", "alternate") == (1.0, 0.0)
    assert conf("Київ", "alternate") == (0.0, 1.0)  # its own name in the article's script
    assert conf("Kyiv", "native") == (0.0, 1.0)
    assert conf("Kyiv", "primary") == (0.0, 0.0)
