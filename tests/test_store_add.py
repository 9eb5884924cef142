"""Writing to the store: idempotence, replacement, batch atomicity, a full disk."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from geo.errors import InputError, StoreError
from geo.store import AddResult, Store, content_hash
from geo.store.parsed_io import parsed_from_dict
from tests.test_store_fixtures import KRAMATORSK, MYRNOHRAD, POKROVSK, POKROVSK_RU, parsed


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "geo.db") as s:
        yield s


def _dump(db) -> list[tuple]:
    conn = sqlite3.connect(db)
    return conn.execute('SELECT article_id, start, "end", surface, place_id, date FROM mentions '
                        "ORDER BY article_id, start").fetchall()


def test_same_articles_twice_adds_nothing(store):
    batch = [parsed("a1", [POKROVSK, MYRNOHRAD]), parsed("a2", [POKROVSK])]
    assert store.add(batch) == AddResult(added=2, mentions=3)
    before = _dump(store.path)
    assert store.add(batch) == AddResult(unchanged=2)
    assert _dump(store.path) == before
    assert store.counts() == {"articles": 2, "mentions": 3, "places": 2}


def test_changed_article_replaces_its_mentions_and_drops_orphan_places(store):
    store.add([parsed("a1", [POKROVSK, MYRNOHRAD]), parsed("a2", [POKROVSK])])
    changed = parsed("a1", [KRAMATORSK], text="Shelling hit Kramatorsk overnight.")
    assert store.add([changed]) == AddResult(replaced=1, mentions=1)
    rows = _dump(store.path)
    assert [(r[0], r[3]) for r in rows] == [("a1", "Kramatorsk"), ("a2", "Pokrovsk")]
    ids = {r[0] for r in sqlite3.connect(store.path).execute("SELECT id FROM places")}
    assert ids == {POKROVSK.id, KRAMATORSK.id}  # Myrnohrad no longer mentioned
    assert store.near(MYRNOHRAD.lat, MYRNOHRAD.lon, 1).empty


def test_duplicate_in_one_batch_is_stored_once(store):
    pa = parsed("a1", [POKROVSK])
    assert store.add([pa, pa]) == AddResult(added=1, unchanged=1, mentions=1)


def test_unchanged_tells_which_articles_need_no_parsing(store):
    a1, a2 = parsed("a1", [POKROVSK]), parsed("a2", [POKROVSK])
    store.add([a1])
    edited = dataclasses.replace(a1.article, title="New title")
    assert store.unchanged([a1.article, a2.article]) == {"a1"}
    assert store.unchanged([edited]) == set()
    assert content_hash(edited) != content_hash(a1.article)


def test_bad_record_rolls_back_the_whole_batch(store):
    store.add([parsed("a0", [POKROVSK])])
    broken = dataclasses.replace(POKROVSK, id=1, lat=123.0)
    with pytest.raises(InputError, match="invalid coordinates"):
        store.add([parsed("a1", [MYRNOHRAD]), parsed("a2", [broken])])
    assert store.counts() == {"articles": 1, "mentions": 1, "places": 1}


def test_alternatives_are_kept_and_come_back_as_lists(store):
    store.add([parsed("a1", [POKROVSK], alternatives=[POKROVSK_RU])])
    frame = store.mentions(POKROVSK.id)
    alternatives = frame.loc[0, "alternatives"]
    assert isinstance(alternatives, list)
    assert [a["place_id"] for a in alternatives] == [2017215]


def test_full_disk_keeps_earlier_batches(tmp_path):
    db = tmp_path / "geo.db"
    with Store(db) as s:
        s.add([parsed(f"a{i}", [POKROVSK]) for i in range(20)])
        pages = sqlite3.connect(db).execute("PRAGMA page_count").fetchone()[0]
    big = "x" * 50_000
    with Store(db, max_pages=pages + 5) as s:
        with pytest.raises(StoreError, match=r"full.*committed before this one are kept"):
            s.add([parsed(f"b{i}", [POKROVSK], text=big + str(i)) for i in range(20)])
        assert s.counts()["articles"] == 20
        assert s.add([parsed("a3", [POKROVSK])]) == AddResult(unchanged=1)
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_parsed_dict_round_trip():
    pa = parsed("a1", [POKROVSK, MYRNOHRAD], alternatives=[POKROVSK_RU])
    back = parsed_from_dict(pa.to_dict())
    assert back.article == pa.article
    assert [m.place for m in back.mentions] == [m.place for m in pa.mentions]
    assert back.mentions[0].alternatives[0].place.id == POKROVSK_RU.id
