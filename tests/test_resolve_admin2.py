"""A raion, hromada or okrug named in the article is containment evidence, like an oblast.

Twin villages of one name in one oblast, equally far from everything else named: the tie goes
to the smaller id. Naming the raion that holds the other twin decides for that twin, through
the index's record of which settlement lies in which unit (``admin2_of``); a raion named also
counts for its oblast where a settlement's own raion is not known. Places are made up for the
geometry.
"""

from __future__ import annotations

from geo.model import Candidate, Place, Span
from geo.text import scoring
from geo.text.resolve import score_article

# twins in oblast "UA", 1 degree of longitude apart; the raions' points halfway between them
TWIN_A = Place(1100, "Lypivka", "city", "UA", "UA", "Oblast A", 48.0, 37.0, 800)
TWIN_B = Place(1200, "Lypivka", "city", "UA", "UA", "Oblast A", 48.0, 38.0, 800)
RAION_A = Place(-300000010, "Alpha Raion", "admin2", "UA", "UA", "Oblast A", 48.0, 37.5, 0)
RAION_B = Place(-300000020, "Beta Raion", "admin2", "UA", "UA", "Oblast A", 48.0, 37.5, 0)
# twins in two countries, for the oblast a raion implies; context halfway between them
TWIN_RU = Place(100, "Zorivka", "city", "RU", "RA", "Russian Oblast A", 50.0, 45.0, 50_000)
TWIN_UA = Place(200, "Zorivka", "city", "UA", "UA", "Oblast A", 50.0, 35.0, 50_000)
RAION_MID = Place(-300000030, "Gamma Raion", "admin2", "UA", "UA", "Oblast A", 50.0, 40.0, 0)
RUSVILLE = Place(501, "Rusville", "city", "RU", "RB", "Russian Oblast B", 50.0, 40.0, 50_000)
RAION_C = Place(-300000050, "Epsilon Raion", "admin2", "UA", "UA", "Oblast A", 48.0, 37.5, 0)
WITHIN = {TWIN_A.id: (RAION_A.id,), TWIN_B.id: (RAION_B.id,)}


def _cands(*places: Place) -> tuple[Candidate, ...]:
    return tuple(Candidate(place=p, score=0.0, matched=p.name, match="primary") for p in places)


TABLE = {"lypivka": _cands(TWIN_A, TWIN_B), "alpha raion": _cands(RAION_A),
         "beta raion": _cands(RAION_B), "zorivka": _cands(TWIN_RU, TWIN_UA),
         "gamma raion": _cands(RAION_MID),
         "epsilon raion": _cands(RAION_C), "rusville": _cands(RUSVILLE)}


class Table:
    def candidates(self, key: str) -> tuple[Candidate, ...]:
        return TABLE.get(key, ())


class TableWithUnits(Table):
    def admin2_of(self, place_id: int) -> tuple[int, ...]:
        return WITHIN.get(place_id, ())

    def admin2_units(self) -> frozenset[int]:
        return frozenset({RAION_A.id, RAION_B.id, RAION_MID.id, RAION_C.id})


def probabilities(gazetteer, *keys: str, of: str) -> dict[int, float]:
    text = ". ".join(k.title() for k in keys) + "."
    spans, pos = [], 0
    for key in keys:
        start = text.index(key.title(), pos)
        spans.append(Span(start, start + len(key), text[start:start + len(key)], key))
        pos = start + len(key)
    scored = score_article(spans, gazetteer, lang=None, weights=scoring.fitted(), text=text)
    k = scored.keys.index(of)
    return {scored.candidates[j].place.id: float(scored.probability[j])
            for j in range(scored.starts[k], scored.starts[k + 1])}


class TableWithoutMembers(TableWithUnits):
    def admin2_units(self) -> frozenset[int]:  # like US counties: no settlements recorded
        return frozenset({RAION_A.id, RAION_B.id, RAION_C.id})


def test_the_raion_named_decides_between_twins_of_one_oblast():
    without = probabilities(Table(), "lypivka", "beta raion", of="lypivka")
    assert without[TWIN_A.id] >= without[TWIN_B.id] - 1e-9  # a tie: nothing tells them apart
    with_units = probabilities(TableWithUnits(), "lypivka", "beta raion", of="lypivka")
    assert with_units[TWIN_B.id] > with_units[TWIN_A.id] + 1e-6
    other = probabilities(TableWithUnits(), "lypivka", "alpha raion", of="lypivka")
    assert other[TWIN_A.id] > other[TWIN_B.id] + 1e-6


def test_a_raion_named_counts_for_its_oblast_where_a_settlements_raion_is_unknown():
    # Rusville (RU) keeps the share of countries even; the raion stands halfway between the
    # twins, in Zorivka (UA)'s oblast: with its settlements recorded it vouches for that oblast
    article = ("zorivka", "gamma raion", "rusville")
    recorded = probabilities(TableWithUnits(), *article, of="zorivka")
    unrecorded = probabilities(TableWithoutMembers(), *article, of="zorivka")
    assert recorded[TWIN_UA.id] > unrecorded[TWIN_UA.id] + 1e-6
    assert recorded[TWIN_UA.id] > recorded[TWIN_RU.id]


def test_a_raion_does_not_vouch_for_a_settlement_known_to_lie_in_another():
    # both twins in Oblast A with known raions: Epsilon Raion (same oblast, holding neither)
    # vouches for neither, and so decides nothing
    scores = probabilities(TableWithUnits(), "lypivka", "epsilon raion", of="lypivka")
    assert abs(scores[TWIN_A.id] - scores[TWIN_B.id]) < 1e-9


def test_a_unit_whose_settlements_are_not_recorded_is_no_containment_evidence():
    article = ("zorivka", "gamma raion", "rusville")
    unrecorded = probabilities(TableWithoutMembers(), *article, of="zorivka")
    assert unrecorded == probabilities(Table(), *article, of="zorivka")
