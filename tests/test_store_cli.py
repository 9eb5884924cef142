"""The store's commands as a user runs them: real ``geo`` subprocesses, no gazetteer index."""

from __future__ import annotations

import json
import os
import pty
import sqlite3
import subprocess

import pytest

from geo.store import SCHEMA_VERSION
from tests.test_store_fixtures import (
    KRAMATORSK,
    MYRNOHRAD,
    POKROVSK,
    POKROVSK_RU,
    ROOT,
    geo_cmd,
    parsed,
    run_geo,
    write_parsed,
)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cli")
    records = [
        parsed("a1", [POKROVSK, MYRNOHRAD], date="2024-01-10"),
        parsed("a2", [POKROVSK, KRAMATORSK], date="2024-03-05"),
        parsed("a3", [POKROVSK_RU], date="2024-02-01",
               title="Yakutia \x1b[31mnews\x1b[0m"),  # escape codes in untrusted text
    ]
    src = write_parsed(tmp / "parsed.jsonl", records)
    path = tmp / "geo.db"
    first = run_geo("ingest", "--parsed", str(src), "--db", str(path), "--json")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["added"] == 3
    again = run_geo("ingest", "--parsed", str(src), "--db", str(path), "--json")
    summary = json.loads(again.stdout)
    assert (summary["added"], summary["unchanged"]) == (0, 3)
    return path


def test_mentions_human_and_json(db):
    out = run_geo("mentions", "Pokrovsk", "--db", str(db), "--until", "2024-12-31")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("Pokrovsk (city, Donetsk Oblast, UA; id 704679): 2 mentions")
    assert "2024-01-10  Title a1 — Example News" in out.stdout
    assert "https://example.com/a2" in out.stdout
    assert "\x1b" not in out.stdout  # no ANSI codes when stdout is not a terminal
    doc = json.loads(run_geo("mentions", "704679", "--db", str(db), "--json").stdout)
    assert [m["article_id"] for m in doc["mentions"]] == ["a1", "a2"]
    assert doc["mentions"][0]["sentence"].startswith("Fighting was reported near Pokrovsk")


def test_mentions_on_a_terminal_bold_toponym_and_no_injected_escapes(db):
    master, slave = pty.openpty()
    proc = subprocess.run(geo_cmd("mentions", "pokrovsk", "--db", str(db)), stdout=slave,
                          stderr=subprocess.PIPE, cwd=ROOT, timeout=60,
                          env={**os.environ, "GEO_INDEX_DIR": "/nonexistent"})
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    text = b"".join(chunks).decode()
    assert proc.returncode == 0, proc.stderr
    assert "near \x1b[1mPokrovsk\x1b[0m on" in text
    assert "\x1b[31m" not in text and "Yakutia  [31mnews" in text


def test_unknown_place_suggests_closest_names(db):
    out = run_geo("mentions", "Pokrovk", "--db", str(db))
    assert out.returncode == 2
    assert out.stderr.strip() == "geo: error: unknown place 'Pokrovk'; did you mean: Pokrovsk?"
    assert out.stdout == ""


def test_near_by_name_and_coordinates(db):
    out = run_geo("near", "Pokrovsk", "--km", "10", "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("2 places within 10 km of Pokrovsk")
    assert "2 places named 'Pokrovsk'" in out.stderr  # the Yakutian one is in the store too
    doc = json.loads(run_geo("near", "48.72,37.55", "--km", "5", "--db", str(db), "--json").stdout)
    assert [p["name"] for p in doc["places"]] == ["Kramatorsk"]
    assert [m["article_id"] for m in doc["mentions"]] == ["a2"]
    bad = run_geo("near", "91,0", "--km", "5", "--db", str(db))
    assert bad.returncode == 2 and "coordinates out of range" in bad.stderr


def test_within_geojson_and_places(db, tmp_path):
    area = tmp_path / "area.geojson"
    area.write_text(json.dumps({"type": "Polygon", "coordinates": [
        [[37.0, 48.0], [37.4, 48.0], [37.4, 48.5], [37.0, 48.5], [37.0, 48.0]]]}))
    out = run_geo("within", str(area), "--db", str(db), "--mentions")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("2 places inside area.geojson: 3 mentions")
    top = json.loads(run_geo("places", "--top", "1", "--db", str(db), "--json").stdout)
    assert [(p["name"], p["mentions"], p["first_seen"], p["last_seen"])
            for p in top["places"]] == [("Pokrovsk", 2, "2024-01-10", "2024-03-05")]
    named = run_geo("within", "Donetsk oblast", "--db", str(db))
    assert named.returncode == 2 and "geo gazetteer build" in named.stderr


def test_export_geojson(db, tmp_path):
    out = tmp_path / "pokrovsk.geojson"
    res = run_geo("export", "-o", str(out), "--place", "704679", "--db", str(db))
    assert res.returncode == 0, res.stderr
    doc = json.loads(out.read_text())
    assert len(doc["features"]) == 2
    assert doc["features"][0]["geometry"]["coordinates"] == [POKROVSK.lon, POKROVSK.lat]
    bad = run_geo("export", "-o", str(tmp_path / "x.xlsx"), "--db", str(db))
    assert bad.returncode == 2 and "--format on the command line" in bad.stderr


@pytest.mark.parametrize("case", ["missing", "foreign", "text", "newer"])
def test_bad_store_files_exit_2_with_one_line(tmp_path, case):
    path = tmp_path / "geo.db"
    if case == "foreign":
        sqlite3.connect(path).execute("CREATE TABLE t (x)").close()
    elif case == "text":
        path.write_text("hello\n" * 100)
    elif case == "newer":
        assert run_geo("places", "--db", str(path)).returncode == 2  # missing: not created
        src = write_parsed(tmp_path / "p.jsonl", [parsed("a1", [POKROVSK])])
        assert run_geo("ingest", "--parsed", str(src), "--db", str(path)).returncode == 0
        conn = sqlite3.connect(path)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.close()
    out = run_geo("mentions", "Pokrovsk", "--db", str(path))
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and out.stderr.startswith("geo: error: ")
    expected = {"missing": "no store at", "foreign": "not a geo store", "text": "not an SQLite",
                "newer": "created by a newer geo"}[case]
    assert expected in out.stderr


def test_ingest_bad_input_line_is_reported_and_the_rest_stored(tmp_path):
    src = tmp_path / "bad.jsonl"
    src.write_text('{"id": "a1", "text": "x", "mentions": []}\n{"oops": 1}\n'
                   '{"id": "a3", "text": "y", "mentions": []}\n')
    out = run_geo("ingest", "--parsed", str(src), "--db", str(tmp_path / "g.db"), "--batch", "1")
    assert out.returncode == 1  # done, with a record skipped
    assert "bad.jsonl:2: not a parsed article" in out.stderr
    assert "1 record(s) skipped" in out.stderr
    assert sqlite3.connect(tmp_path / "g.db").execute(
        "SELECT count(*) FROM articles").fetchone()[0] == 2  # the lines before and after it
