"""Opening store files: creation, WAL, migrations, and refusing foreign/corrupt/newer files."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from geo.errors import InputFileError, StoreError
from geo.store import SCHEMA_VERSION, Store
from geo.store.schema import APPLICATION_ID, MIGRATIONS, connect
from tests.test_store_fixtures import POKROVSK, parsed


def test_new_store_is_wal_versioned_and_marked(tmp_path):
    db = tmp_path / "geo.db"
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "mentions", "places", "events", "place_points"} <= tables


def test_old_schema_is_migrated_in_order_keeping_data(tmp_path):
    db = tmp_path / "geo.db"
    conn = connect(db, migrations=MIGRATIONS[:1])  # a store written by an older geo
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
    with Store(db) as store:  # opening it migrates to the current version...
        assert store.schema_version == SCHEMA_VERSION
        store.add([parsed("a1", [POKROVSK])])
        assert store.counts()["mentions"] == 1
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 0


def test_newer_schema_is_refused(tmp_path):
    db = tmp_path / "geo.db"
    Store(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(StoreError, match=rf"newer geo \(schema {SCHEMA_VERSION + 5} > "
                                         rf"{SCHEMA_VERSION}\)"):
        Store(db)


def test_foreign_sqlite_file_is_refused_and_left_alone(tmp_path):
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE customers (id INTEGER)")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(StoreError, match=r"not a geo store.*customers"):
        Store(db)
    assert db.read_bytes() == before


def test_non_sqlite_file_is_refused(tmp_path):
    db = tmp_path / "notes.txt"
    db.write_text("just some notes, not a database\n" * 10)
    with pytest.raises(StoreError, match="not a geo store \\(not an SQLite database\\)"):
        Store(db)


def test_corrupt_store_gives_one_line_store_error(tmp_path):
    db = tmp_path / "geo.db"
    with Store(db) as store:
        store.add([parsed(f"a{i}", [POKROVSK]) for i in range(200)])
    sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    data = bytearray(db.read_bytes())
    data[100:len(data)] = b"\xff" * (len(data) - 100)  # keep the header, wreck every page
    db.write_bytes(bytes(data))
    with pytest.raises(StoreError) as info:
        Store(db).mentions(POKROVSK.id)
    assert "\n" not in str(info.value)
    assert "corrupt" in str(info.value) or "not a geo store" in str(info.value)


def test_missing_store_without_create(tmp_path):
    with pytest.raises(InputFileError, match="no store at"):
        Store(tmp_path / "nope.db", create=False)
    assert not (tmp_path / "nope.db").exists()
    with pytest.raises(InputFileError, match="is a directory"):
        Store(tmp_path)


def test_import_store_loads_no_heavy_dependency():
    code = ("import sys, geo.store, geo.cli.ingest, geo.cli.queries, geo.cli.export\n"
            "heavy = {'numpy', 'pandas', 'shapely', 'geopandas', 'geopy', 'pyarrow', 'tqdm'}\n"
            "print(sorted(heavy & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
