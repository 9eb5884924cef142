"""One prior: ``geo lookup`` ranks the senses of a bare name as resolution does.

The fixture gazetteer (tests/fixtures/gazetteer) holds names with several senses: Pokrovsk (two
towns and Engels by a historic name), Paris (France, Texas), Washington (the capital and the
state). For each, the order ``lookup``
gives must be the order of the resolver's scores for an article that is only that name, with
the same probabilities, and the resolver's choice must be lookup's first answer.
"""

from __future__ import annotations

import pytest

from geo._names import normalise
from geo.gazetteer import Gazetteer
from geo.model import Span
from geo.text import scoring
from geo.text.resolve import score_article


@pytest.fixture(scope="module")
def gaz(fixture_index):
    g = Gazetteer.open(fixture_index)
    yield g
    g.close()


@pytest.mark.parametrize("name", ["Pokrovsk", "Paris", "Washington"])
def test_lookup_ranks_a_bare_name_as_resolution_does(gaz, name):
    looked = gaz.lookup(name, fuzzy=False, limit=1000)
    assert len(looked) >= 2, "the test needs a name with several senses"
    scored = score_article([Span(0, len(name), name, normalise(name))], gaz, lang=None,
                           weights=scoring.fitted(), text=name)
    lo, hi = scored.starts[0], scored.starts[1]
    order = sorted(range(lo, hi), key=lambda j: (-scored.total[j],
                                                 -scored.candidates[j].place.population,
                                                 scored.candidates[j].place.id))
    assert [c.place.id for c in looked] == [scored.candidates[j].place.id for j in order]
    assert [c.score for c in looked] == pytest.approx(
        [float(scored.probability[j]) for j in order])
    assert scored.candidates[int(scored.choice[0])].place.id == looked[0].place.id


def test_a_filter_keeps_the_order_and_the_probabilities_of_all_senses(gaz):
    everything = {c.place.id: c.score for c in gaz.lookup("Pokrovsk", fuzzy=False)}
    russian = gaz.lookup("Pokrovsk", country="RU", fuzzy=False)
    assert [c.place.cc for c in russian] == ["RU"] * len(russian)
    assert [c.score for c in russian] == sorted((c.score for c in russian), reverse=True)
    assert all(c.score == pytest.approx(everything[c.place.id]) for c in russian)
