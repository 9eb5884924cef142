"""Events into the store article by article (Store.add_extraction, Store.add_events with
on_problem): one article or dataset row whose events cannot be stored is reported and
skipped, the rest are stored, nothing stored is lost, and the store knows which articles
still lack their events so that the next run extracts them again. Real SQLite stores,
events and articles written here."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from geo.errors import InputError, StoreError
from geo.model import Article, Event, Origin, ParsedArticle, Place
from geo.store import Store
from geo.store.event_queries import MAX_INTEGER, event_row

KHARKIV = Place(706483, "Kharkiv", "city", "UA", "07", "Kharkiv Oblast", 49.98, 36.25, 0)
ODESA = Place(698740, "Odesa", "city", "UA", "17", "Odesa Oblast", 46.48, 30.73, 0)


def article(aid, text=None):
    return Article(id=aid, text=text or f"Text of {aid}.", date="2025-03-14",
                   origin=Origin("news.jsonl", {"a": 1, "b": 2, "c": 3}.get(aid, 9)))


def report(eid, aid, place=KHARKIV, **kw):
    base = dict(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                date="2025-03-14", time_precision=1, lat=place.lat, lon=place.lon,
                geo_precision=1, place=place, actors=("Military Forces of Russia",),
                article_id=aid, source="geo extract", location=place.name,
                text=f"sentence of {eid}")
    base.update(kw)
    return Event(id=eid, **base)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "e.db") as s:
        s.add([ParsedArticle(article(a), ()) for a in ("a", "b", "c")])
        yield s


def stored_ids(store):
    return sorted(r[0] for r in store.event_rows())


def test_counts_sqlite_cannot_hold_are_refused_by_name():
    for what, bad in (("fatalities", 10**30), ("quantity", MAX_INTEGER + 1),
                      ("fatalities", -1), ("source_row", 2**64)):
        with pytest.raises(InputError, match=r"^event x: .* out of range"):
            event_row(report("x", "a", **{what: bad}))
    assert event_row(report("x", "a", fatalities=MAX_INTEGER))[15] == MAX_INTEGER
    with pytest.raises(InputError, match="must be a whole number"):
        event_row(report("x", "a", quantity=2.5))


def test_one_article_with_an_impossible_count_is_skipped_and_the_others_stored(store):
    problems = []
    new = store.add_extraction(
        [(article("a"), [report("a:1", "a")]),
         (article("b"), [report("b:1", "b", place=ODESA),
                         report("b:2", "b", fatalities=10**23)]),  # one bad event
         (article("c"), [])],  # an article with no event is a result too
        on_problem=problems.append)
    assert new == 1 and stored_ids(store) == ["a:1"]  # none of b's: all or nothing
    [problem] = problems
    assert str(problem).startswith("news.jsonl:2: article b: ")
    assert "fatalities 100000000000000000000000 is out of range" in str(problem)
    assert str(problem).endswith("; skipped")
    assert store.unextracted(["a", "b", "c"]) == {"b"}  # b is tried again next time
    # the next run, with b's events fixed, stores them
    assert store.add_extraction([(article("b"), [report("b:1", "b", place=ODESA)])],
                                on_problem=problems.append) == 1
    assert stored_ids(store) == ["a:1", "b:1"] and store.unextracted(["a", "b", "c"]) == set()


def test_any_error_of_one_record_skips_only_that_record(store):
    """A value SQLite refuses whatever the checks (a lone surrogate cannot be encoded)."""
    problems = []
    store.add_extraction([(article("a"), [report("a:1", "a", text="bad \ud800 text")]),
                          (article("b"), [report("b:1", "b")])], on_problem=problems.append)
    assert stored_ids(store) == ["b:1"]
    assert "article a: UnicodeEncodeError" in str(problems[0])


def test_without_a_handler_the_first_bad_article_raises_and_nothing_is_written(store):
    with pytest.raises(InputError, match="out of range"):
        store.add_extraction([(article("a"), [report("a:1", "a")]),
                              (article("b"), [report("b:1", "b", quantity=-5)])])
    assert stored_ids(store) == [] and store.unextracted(["a", "b"]) == {"a", "b"}


def test_events_of_an_article_version_not_stored_are_refused(store):
    problems = []
    changed = article("a", text="Another text altogether.")
    store.add_extraction([(changed, [report("a:1", "a")]),
                          (article("z"), [report("z:1", "z")]),  # never stored
                          (article("b"), [report("a:2", "a")])],  # another article's event
                         on_problem=problems.append)
    assert stored_ids(store) == []
    assert ["stored with other content" in str(problems[0]),
            "article z is not in the store" in str(problems[1]),
            "event a:2 is of article 'a', not 'b'" in str(problems[2])] == [True] * 3


def test_a_new_extraction_replaces_the_articles_reports_and_their_groups(store):
    store.add_extraction([(article("a"), [report("a:1", "a"), report("a:2", "a", place=ODESA)]),
                          (article("b"), [report("b:1", "b")])])
    assert _groups(store) == {"a:1": "a:1", "a:2": "a:2", "b:1": "a:1"}
    store.add_extraction([(article("a"), [report("a:2", "a", place=ODESA)])])
    assert _groups(store) == {"a:2": "a:2", "b:1": "b:1"}  # a:1 gone, b's report stands alone


def test_dataset_rows_that_cannot_be_stored_are_reported_with_their_line(store):
    rows = [report(f"UKR{i}", None, source="acled.csv", source_row=i + 1) for i in range(3)]
    rows[1] = dataclasses.replace(rows[1], fatalities=10**25)
    problems = []
    assert store.add_events(rows, on_problem=problems.append) == 2
    assert stored_ids(store) == ["UKR0", "UKR2"]
    assert [str(p) for p in problems] == [
        f"acled.csv:2: event UKR1: fatalities {10**25} is out of range "
        f"(0 to {MAX_INTEGER:,}); skipped"]
    with pytest.raises(InputError, match="out of range"):  # without a handler: all or nothing
        store.add_events([report("UKR9", None), rows[1]])
    assert "UKR9" not in stored_ids(store)


def test_a_full_store_stops_the_batch_instead_of_skipping_every_article(tmp_path):
    db = tmp_path / "e.db"
    with Store(db) as s:
        s.add([ParsedArticle(article(f"a{i}"), ()) for i in range(30)])
        pages = sqlite3.connect(db).execute("PRAGMA page_count").fetchone()[0]
    long = "x" * 20_000
    problems = []
    with Store(db, max_pages=pages + 3) as s:
        with pytest.raises(StoreError, match="full"):
            s.add_extraction([(article(f"a{i}"), [report(f"a{i}:1", f"a{i}", text=long + str(i))])
                              for i in range(30)], on_problem=problems.append)
        assert problems == [] and s.event_rows() == []
        assert s.unextracted([f"a{i}" for i in range(30)]) == {f"a{i}" for i in range(30)}


def test_bad_arguments_are_refused_before_anything_is_written(store):
    from geo.errors import InputTypeError

    with pytest.raises(InputTypeError, match="on_problem= wants a function"):
        store.add_extraction([(article("a"), [report("a:1", "a")])], on_problem="print")
    with pytest.raises(InputTypeError, match=r"item 0 is not a \(geo.Article, events\) pair"):
        store.add_extraction([("a", [report("a:1", "a")])])
    with pytest.raises(InputTypeError, match=r"not geo\.Event"):
        store.add_extraction([(article("a"), ["a:1"])])
    assert stored_ids(store) == []


def test_a_store_of_the_schema_before_knows_articles_with_events_as_extracted(tmp_path):
    from geo.store.schema import MIGRATIONS, connect

    db = tmp_path / "old.db"
    conn = connect(db, migrations=MIGRATIONS[:4])
    conn.execute("INSERT INTO articles (id, hash, text) VALUES ('a', 'h', 't'), ('b', 'h', 't')")
    conn.execute("INSERT INTO events (id, event_type, date, time_precision, lat, lon, "
                 "geo_precision, article_id, grp) VALUES ('a:1', 'Battles', '', 1, 48, 37, 1, "
                 "'a', 'a:1')")
    conn.close()
    with Store(db) as s:
        assert s.unextracted(["a", "b"]) == {"b"}


def _groups(store):
    from geo.store.event_queries import EVENT_COLUMNS

    at = EVENT_COLUMNS.index("grp")
    return {r[0]: r[at] for r in store.event_rows()}
