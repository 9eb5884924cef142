"""One prior for ``lookup`` and ``resolve`` (issue 14): the gazetteer's order.

On the real GeoNames index: ``lookup`` puts the sense a reader means first, and the resolver
scores exactly the senses that order puts first (``MAX_CANDIDATES`` of them), so what
``lookup`` shows and what ``resolve`` weighs cannot disagree about which senses count.
"""

from __future__ import annotations

import pytest

from geo.model import Span
from geo.text import scoring
from geo.text.resolve import MAX_CANDIDATES, score_article

pytestmark = pytest.mark.real_gazetteer


def first(gaz, name: str, n: int = 1) -> list[tuple[str, str, str]]:
    return [(c.place.name, c.place.cc, c.place.kind) for c in gaz.lookup(name, limit=n)]


def test_new_york_the_city_before_the_state(gaz):
    assert first(gaz, "New York", 2) == [("New York City", "US", "city"),
                                        ("New York", "US", "admin1")]


def test_artemivsk_is_bakhmut_first(gaz):
    assert first(gaz, "Artemivsk") == [("Bakhmut", "UA", "city")]


def test_paris_france_before_paris_texas(gaz):
    found = gaz.lookup("Paris", limit=20)
    order = [(c.place.cc, c.place.admin1) for c in found]
    assert order[0] == ("FR", "11")
    assert order.index(("FR", "11")) < order.index(("US", "TX"))


def test_pokrovsk_ukraine_before_engels(gaz):
    names = [(c.place.name, c.place.cc) for c in gaz.lookup("Pokrovsk", limit=5)]
    assert names[0] == ("Pokrovsk", "UA")
    assert names.index(("Pokrovsk", "UA")) < names.index(("Engels", "RU"))


@pytest.mark.parametrize("name", ["Springfield", "Washington", "Richmond"])
def test_resolve_scores_the_senses_lookup_shows_first(gaz, name):
    key = name.lower()
    assert len(gaz.candidates(key)) > MAX_CANDIDATES  # the shortlist has to choose
    s = score_article([Span(0, len(name), name, key)], gaz, lang=None,
                      weights=scoring.fitted(), text=f"{name}.")
    shown = [c.place.id for c in gaz.lookup(name, limit=MAX_CANDIDATES)]
    assert [c.place.id for c in s.candidates] == shown
