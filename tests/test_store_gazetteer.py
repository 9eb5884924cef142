"""The store with the real gazetteer index (skipped when it is not built)."""

from __future__ import annotations

import pytest

from geo.errors import IndexCorruptError, IndexMissingError
from geo.store import Store
from tests.test_store_fixtures import parsed

pytestmark = pytest.mark.real_gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    try:
        from geo.gazetteer import Gazetteer

        return Gazetteer.open()
    except (ImportError, IndexMissingError, IndexCorruptError) as exc:
        pytest.fail(f"no gazetteer index: {exc}")


def test_names_regions_and_suggestions_through_the_real_gazetteer(gazetteer, tmp_path):
    pokrovsk = next(c.place for c in gazetteer.lookup("Pokrovsk", limit=20)
                    if c.place.cc == "UA" and c.place.kind == "city")
    kyiv = gazetteer.lookup("Kyiv", limit=1)[0].place
    with Store(tmp_path / "geo.db") as store:
        store.add([parsed("a1", [pokrovsk, kyiv])])
        oblast = gazetteer.admin1(pokrovsk.cc, pokrovsk.admin1)
        assert oblast is not None
        inside = store.within(oblast.name, gazetteer=gazetteer)
        assert set(inside["place_id"]) == {pokrovsk.id}
        country = store.within("Ukraine", gazetteer=gazetteer)
        assert set(country["place_id"]) == {pokrovsk.id, kyiv.id}
        assert "Pokrovsk" in store.suggest("Pokrovk", gazetteer=gazetteer)
        # a place the store has never seen: the gazetteer gives its point, no mentions
        kramatorsk = store.resolve("Kramatorsk", gazetteer=gazetteer)
        assert kramatorsk and kramatorsk[0].cc == "UA"
        assert store.mentions(kramatorsk[0].id).empty


def test_within_a_named_region_opens_the_default_index_as_the_cli_does(gazetteer, tmp_path):
    """``Store.within('Donetsk Oblast')`` with no gazetteer argument finds the built index."""
    pokrovsk = next(c.place for c in gazetteer.lookup("Pokrovsk", limit=20)
                    if c.place.cc == "UA" and c.place.kind == "city")
    with Store(tmp_path / "geo.db") as store:
        store.add([parsed("a1", [pokrovsk])])
        inside = store.within("Donetsk Oblast")
        assert set(inside["place_id"]) == {pokrovsk.id}
