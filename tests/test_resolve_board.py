"""The board's bookkeeping, which resolution's speed rests on, against the plain reading it
replaces (article-local ids as ``np.unique`` numbers them, a name's sense table as the
gazetteer's candidates say), and what its short cuts must keep: a third pass when the second
changed a choice, the tie order of alternatives, the kinds proximity counts for."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.model import Candidate, Place, Span
from geo.text import resolve as r
from geo.text import scoring as sc


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=-1, max_value=5000), max_size=60))
def test_local_ids_number_codes_as_np_unique_does_and_keep_none_as_minus_one(codes):
    local, n = r._local_ids(np.array(codes, dtype=float))
    known = sorted({c for c in codes if c >= 0})
    assert n == max(len(known), 1)
    assert local.tolist() == [known.index(c) if c >= 0 else -1 for c in codes]


def test_a_names_sense_table_reads_as_its_candidates(gaz):
    found = gaz.candidates("springfield")
    senses = r._senses(found, gaz)
    assert senses is r._senses(found, gaz)  # built once per candidate tuple
    assert senses.cands == r._shortlist(found) and len(senses.cands) == r.MAX_CANDIDATES
    for c, row in zip(senses.cands, senses.table, strict=True):
        assert row[r._T_POPULATION] == c.place.population and row[r._T_ID] == c.place.id
        assert bool(row[r._T_PRIMARY]) == (c.match == "primary")
        assert r._KIND_CODES[c.place.kind] == row[r._T_KIND]
        x, y, z = row[r._T_XYZ]
        assert abs(np.degrees(np.arcsin(z)) - c.place.lat) < 1e-9
        assert abs(np.degrees(np.arctan2(y, x)) - c.place.lon) < 1e-9
    assert not senses.names_country
    assert r._senses(gaz.candidates("poland"), gaz).names_country


# --- what the short cuts must keep: made-up places, the module's rules and fitted weights ---


def _place(i: int, name: str, *, lat: float, lon: float, pop: int = 100_000,
           kind: str = "city", cc: str = "") -> Place:
    # a country and unit of its own each, so that only distance relates the places
    return Place(i, name, kind, cc or f"Z{i}", "01", "Unit", lat, lon, pop)


def _cands(*places: Place) -> tuple[Candidate, ...]:
    return tuple(Candidate(place=p, score=0.0, matched=p.name, match="primary")
                 for p in places)


class _Table:
    def __init__(self, table: dict[str, tuple[Candidate, ...]]):
        self.table = table

    def candidates(self, key: str) -> tuple[Candidate, ...]:
        return self.table.get(key, ())


def _spans(text: str, *names: str) -> list[Span]:
    return [Span(text.index(n), text.index(n) + len(n), n, n.lower()) for n in names]


def test_a_choice_two_names_away_reaches_a_name_in_the_third_pass():
    """Charlie (one sense) draws Bravo to its near sense in pass 2; only then, in pass 3,
    does Bravo's new sense draw Alfa to the sense beside it (300 km against 600 km to
    Charlie, which alone does not outweigh the larger Alfa far away). A resolver that
    stopped after pass 2 would keep the far Alfa."""
    far_alfa = _place(1, "Alfa", lat=0.0, lon=0.0, pop=171_000)
    near_alfa = _place(2, "Alfa", lat=12.7, lon=0.0)
    far_bravo = _place(3, "Bravo", lat=-40.0, lon=100.0, pop=171_000)
    near_bravo = _place(4, "Bravo", lat=10.0, lon=0.0)
    charlie = _place(5, "Charlie", lat=7.3, lon=0.0, pop=50_000)
    text = "Fighting in Alfa. Shelling near Bravo. Drones over Charlie."
    s = r.score_article(_spans(text, "Alfa", "Bravo", "Charlie"),
                        _Table({"alfa": _cands(far_alfa, near_alfa),
                                "bravo": _cands(far_bravo, near_bravo),
                                "charlie": _cands(charlie)}),
                        lang=None, weights=sc.fitted(), text=text)
    assert [s.candidates[j].place.id for j in s.choice] == [2, 4, 5]


def test_alternatives_that_score_alike_are_shown_in_the_lookup_order_of_ties():
    """Equal scores: the larger population first, then the smaller id (as ``best`` breaks
    the tie for the choice); the sense the gazetteer puts first is shown when it lost."""
    twins = [_place(i, "Twin", lat=10.0, lon=10.0, cc="ZZ") for i in (5, 4, 3, 2, 1)]
    [m] = r.resolve(_spans("Twin.", "Twin"), _Table({"twin": _cands(*twins)}),
                    article_id="a", text="Twin.")
    assert m.place.id == 1
    assert [c.place.id for c in m.alternatives] == [2, 3, 5]


def test_only_settlements_sites_and_admin2_units_draw_on_proximity():
    """"proximity" is the distance to the places the other names chose; a country, a
    first-level unit, a sea or a continent is not near or far from a town in that sense."""
    text = "Shelling near Kappa and in Lima."
    kinds = ["city", "site", "admin2", "country", "admin1", "water", "continent", "region"]
    lima = [_place(10 + k, "Lima", lat=10.1, lon=10.0, kind=kind)
            for k, kind in enumerate(kinds)]
    s = r.score_article(_spans(text, "Kappa", "Lima"),
                        _Table({"kappa": _cands(_place(1, "Kappa", lat=10.0, lon=10.0)),
                                "lima": _cands(*lima)}),
                        lang=None, weights=sc.fitted(), text=text)
    proximity = sc.RANKING_NAMES.index("proximity")
    got = {s.candidates[j].place.kind: float(s.features[j, proximity])
           for j in range(len(s.candidates)) if s.candidates[j].place.name == "Lima"}
    assert all(got[k] > 0.9 for k in ("city", "site", "admin2", "region")), got
    assert all(got[k] == 0.0 for k in ("country", "admin1", "water", "continent")), got
