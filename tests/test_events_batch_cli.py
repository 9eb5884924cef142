"""``geo ingest``, ``geo events extract --db`` and ``geo events import`` with one poisoned
record: it is reported in the batch format, the rest is stored, the exit code is 1 with a
summary, and a re-run (with the cause gone) stores what was skipped.

A poisoned record is simulated the way tests/poison.py does it: the real extractor wrapped so
that one article's extraction raises and another's yields a count no SQLite INTEGER holds
(the way "killing 99999999999999999999999 people" once did); files, reader, gazetteer,
extractor and store are real.
"""

from __future__ import annotations

import dataclasses
import json

import pytest

from geo.cli import main
from geo.store import Store

ARTICLES = [
    {"id": "ok1", "date": "2025-03-14",
     "text": "Russian drones attacked Kharkiv overnight, killing two people."},
    {"id": "huge2", "date": "2025-03-14",
     "text": "Russian drones attacked Odesa overnight, killing three people."},
    {"id": "bad3", "date": "2025-03-14",
     "text": "Russian artillery shelled Kherson on Friday, killing one person."},
]


@pytest.fixture
def poisoned(monkeypatch):
    import geo.events.extract as extract

    real = extract.extract_events

    def extract_events(pa, **kw):
        if pa.article.id == "bad3":
            raise ValueError("year 0 is out of range")
        events = real(pa, **kw)
        if pa.article.id == "huge2":
            return [dataclasses.replace(e, fatalities=10**23) for e in events]
        return events

    monkeypatch.setattr(extract, "extract_events", extract_events)
    return monkeypatch


def corpus(tmp_path):
    src = tmp_path / "news.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return src


def events_by_article(db):
    with Store(db, create=False) as store:
        return sorted({r[17] for r in store.event_rows()})


def test_ingest_skips_the_poisoned_articles_events_and_a_rerun_recovers_them(
        poisoned, tmp_path, capsys):
    src, db = corpus(tmp_path), tmp_path / "g.db"
    for _ in range(2):  # the second run tries the two again (and fails again)
        assert main(["ingest", str(src), "--db", str(db)]) == 1
        err = capsys.readouterr().err
        assert f"{src}:2: article huge2: InputError: event huge2:" in err
        assert f"fatalities {10**23} is out of range" in err
        assert f"{src}:3: article bad3: ValueError: year 0 is out of range; skipped" in err
        assert "3 article(s) done, 2 record(s) skipped (each reported above)" in err
        assert events_by_article(db) == ["ok1"]
        with Store(db, create=False) as store:
            assert store.counts()["articles"] == 3  # the articles themselves are kept
            assert store.unextracted(["ok1", "huge2", "bad3"]) == {"huge2", "bad3"}
    poisoned.undo()  # the cause fixed: the next ingest extracts what was skipped
    assert main(["ingest", str(src), "--db", str(db), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["unchanged"], summary["events_new"]) == (3, 2)
    assert events_by_article(db) == ["bad3", "huge2", "ok1"]
    assert main(["ingest", str(src), "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["events_new"] == 0  # all done: nothing again


def test_events_extract_db_stores_the_rest_and_shows_only_what_was_stored(
        poisoned, tmp_path, capsys):
    src, db = corpus(tmp_path), tmp_path / "g.db"
    assert main(["events", "extract", str(src), "--db", str(db), "--json"]) == 1
    captured = capsys.readouterr()
    shown = [json.loads(line)["article_id"] for line in captured.out.splitlines()]
    assert shown == ["ok1"] and events_by_article(db) == ["ok1"]
    assert "article huge2: " in captured.err and "article bad3: ValueError" in captured.err
    assert "geo: 3 articles, 1 event, 1 new report in" in captured.err
    poisoned.undo()
    assert main(["events", "extract", str(src), "--db", str(db)]) == 0
    assert events_by_article(db) == ["bad3", "huge2", "ok1"]


def test_events_import_stores_the_good_rows_of_a_file_with_an_impossible_count(
        tmp_path, capsys):
    src, db = tmp_path / "acled.csv", tmp_path / "g.db"
    header = ("event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,"
              "actor2,country,admin1,location,latitude,longitude,geo_precision,source,notes,"
              "fatalities\n")
    src.write_text(header + "UKR1,2025-03-14,1,Battles,Armed clash,Military Forces of Russia,,"
                   "Ukraine,Donetsk,Pokrovsk,48.28,37.17,1,X,note,99999999999999999999999\n"
                   "UKR2,2025-03-14,1,Battles,Armed clash,Military Forces of Russia,,Ukraine,"
                   "Donetsk,Toretsk,48.39,37.84,1,X,note,3\n", encoding="utf-8")
    assert main(["events", "import", str(src), "--db", str(db), "--json"]) == 1
    captured = capsys.readouterr()
    assert f"geo: {src}:2: " in captured.err  # the importer or the store refuses that row
    assert json.loads(captured.out)["imported"] == 1
    with Store(db, create=False) as store:
        assert [r[0] for r in store.event_rows()] == ["UKR2"]


@pytest.mark.real_gazetteer
def test_a_corrected_article_takes_over_no_real_event(tmp_path, capsys):
    """g1 told of Kramatorsk with g2 and g3, then was corrected to Lviv: its old report leaves
    the group (g2 now stands for it, with g3), and its new one is an event of its own."""
    first = [{"id": f"g{i}", "date": "2025-03-14", "source": s, "text": t} for i, s, t in (
        (1, "A", "Russian missiles struck Kramatorsk on Friday, killing four people."),
        (2, "B", "A Russian missile hit Kramatorsk on Friday, killing four people."),
        (3, "C", "Russian missiles hit Kramatorsk on Friday, killing four."))]
    src, db = tmp_path / "g.jsonl", tmp_path / "g.db"
    src.write_text("".join(json.dumps(a) + "\n" for a in first), encoding="utf-8")
    assert main(["ingest", str(src), "--db", str(db)]) == 0
    assert main(["events", "--db", str(db), "--json"]) == 0
    [before] = json.loads(capsys.readouterr().out)["events"]
    assert before["sources"] == 3 and before["location"] == "Kramatorsk"
    fix = tmp_path / "g1.jsonl"
    fix.write_text(json.dumps({**first[0], "text": first[0]["text"].replace(
        "Kramatorsk", "Lviv")}) + "\n", encoding="utf-8")
    assert main(["ingest", str(fix), "--db", str(db)]) == 0
    assert main(["events", "--db", str(db), "--json"]) == 0
    after = {e["location"]: e for e in json.loads(capsys.readouterr().out)["events"]}
    assert sorted(after) == ["Kramatorsk", "Lviv"]
    assert (after["Kramatorsk"]["sources"], after["Kramatorsk"]["article_id"]) == (2, "g2")
    assert after["Lviv"]["sources"] == 1
    # the same offsets in the two versions of g1 are two ids
    assert after["Lviv"]["id"] != before["id"] and after["Lviv"]["id"].startswith("g1:")


def test_events_import_reads_a_utf16_export_and_refuses_a_false_mark(tmp_path, capsys):
    import codecs

    csv_text = ("event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,"
                "actor2,country,admin1,location,latitude,longitude,geo_precision,source,notes,"
                "fatalities\nUKR7,2025-03-14,1,Battles,Armed clash,Military Forces of Russia,,"
                "Ukraine,Donetsk,Покровськ,48.28,37.17,1,X,note,3\n")
    good, bad = tmp_path / "utf16.csv", tmp_path / "false.csv"
    good.write_bytes(codecs.BOM_UTF16_LE + csv_text.encode("utf-16-le"))
    bad.write_bytes(codecs.BOM_UTF16_LE + csv_text.encode())
    db = tmp_path / "g.db"
    assert main(["events", "import", str(good), "--db", str(db)]) == 0
    with Store(db, create=False) as store:
        assert [(r[0], r[9]) for r in store.event_rows()] == [("UKR7", "Покровськ")]
    capsys.readouterr()
    assert main(["events", "import", str(bad), "--db", str(tmp_path / "b.db")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "a UTF-16 LE byte-order mark, but the bytes" in err
    assert not (tmp_path / "b.db").exists()
