"""The store's SQLite schema, its ordered migrations, and opening a file safely.

``PRAGMA user_version`` holds the schema version; ``PRAGMA application_id`` marks the file as a
geo store so that a foreign SQLite file is refused instead of being written into. Migrations are
applied in order, each in its own ``BEGIN IMMEDIATE`` transaction, so two processes opening a new
file at the same time migrate it once.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from geo.errors import InputFileError, StoreError

#: "geo1" as a 32-bit integer, written to ``PRAGMA application_id``.
APPLICATION_ID = 0x67656F31

#: Seconds a writer waits for another process's transaction before giving up.
BUSY_TIMEOUT_S = 120.0

_SQLITE_MAGIC = b"SQLite format 3\x00"

#: Ordered migrations: MIGRATIONS[i] takes a store from version i to version i + 1.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: articles, places used, mentions, and the R*Tree over place points
    (
        """CREATE TABLE articles (
            id     TEXT PRIMARY KEY,
            hash   TEXT NOT NULL,
            title  TEXT,
            date   TEXT,
            url    TEXT,
            source TEXT,
            lang   TEXT,
            text   TEXT NOT NULL,
            added  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )""",
        "CREATE INDEX articles_date ON articles(date)",
        """CREATE TABLE places (
            id          INTEGER PRIMARY KEY,
            name        TEXT NOT NULL,
            key         TEXT NOT NULL,
            kind        TEXT NOT NULL,
            cc          TEXT NOT NULL,
            admin1      TEXT NOT NULL,
            admin1_name TEXT NOT NULL,
            lat         REAL NOT NULL,
            lon         REAL NOT NULL,
            population  INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX places_key ON places(key)",
        "CREATE INDEX places_admin ON places(cc, admin1)",
        # clustered by place then date: one place's mentions are contiguous on disk and come
        # out in date order without a sort
        """CREATE TABLE mentions (
            place_id     INTEGER NOT NULL REFERENCES places(id),
            date         TEXT NOT NULL,  -- the article's date ('' if unknown), for filters
            article_id   TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start        INTEGER NOT NULL,
            "end"        INTEGER NOT NULL,
            surface      TEXT NOT NULL,
            sentence     TEXT NOT NULL,
            confidence   REAL NOT NULL,
            reason       TEXT NOT NULL,
            alternatives TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (place_id, date, article_id, start, "end")
        ) WITHOUT ROWID""",
        "CREATE INDEX mentions_article ON mentions(article_id)",
        # covers per-place counts, distinct articles and first/last dates (no sentence reads)
        "CREATE INDEX mentions_place_article ON mentions(place_id, article_id)",
        "CREATE INDEX mentions_date ON mentions(date)",
        # what a mention listing shows of its article, without touching the article's text
        "CREATE INDEX articles_listing ON articles(id, date, title, source, url)",
        # one point per place used; mentions inherit their place's point
        "CREATE VIRTUAL TABLE place_points USING rtree(id, min_lat, max_lat, min_lon, max_lon)",
    ),
    # 2: events, a placeholder the event-extraction issue fills in
    (
        """CREATE TABLE events (
            id         INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            place_id   INTEGER REFERENCES places(id),
            date       TEXT,
            type       TEXT NOT NULL,
            data       TEXT NOT NULL DEFAULT '{}'
        )""",
        "CREATE INDEX events_article ON events(article_id)",
        "CREATE INDEX events_place ON events(place_id)",
    ),
    # 3: real events (extracted from articles or imported from ACLED, UCDP, CSV, GeoJSON)
    # replace the placeholder; an R*Tree over their points is kept in step by triggers
    (
        "DROP TABLE events",
        """CREATE TABLE events (
            n              INTEGER PRIMARY KEY,
            id             TEXT NOT NULL UNIQUE,
            event_type     TEXT NOT NULL,
            sub_event_type TEXT NOT NULL DEFAULT '',
            date           TEXT NOT NULL,  -- ISO day, '' if unknown
            time_precision INTEGER NOT NULL,
            lat            REAL NOT NULL,
            lon            REAL NOT NULL,
            geo_precision  INTEGER NOT NULL,
            place_id       INTEGER REFERENCES places(id),
            location       TEXT NOT NULL DEFAULT '',
            country        TEXT NOT NULL DEFAULT '',
            admin1         TEXT NOT NULL DEFAULT '',
            actors         TEXT NOT NULL DEFAULT '[]',
            quantity       INTEGER,
            quantity_unit  TEXT NOT NULL DEFAULT '',
            fatalities     INTEGER,
            text           TEXT NOT NULL DEFAULT '',
            article_id     TEXT REFERENCES articles(id) ON DELETE CASCADE,
            source         TEXT NOT NULL DEFAULT '',
            source_row     INTEGER,
            added          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )""",
        "CREATE INDEX events_date ON events(date)",
        "CREATE INDEX events_type ON events(event_type, date)",
        "CREATE INDEX events_article ON events(article_id)",
        "CREATE INDEX events_place ON events(place_id)",
        "CREATE VIRTUAL TABLE event_points USING rtree(n, min_lat, max_lat, min_lon, max_lon)",
        """CREATE TRIGGER events_point_insert AFTER INSERT ON events BEGIN
            INSERT INTO event_points VALUES (new.n, new.lat, new.lat, new.lon, new.lon);
        END""",
        """CREATE TRIGGER events_point_update AFTER UPDATE OF lat, lon ON events BEGIN
            UPDATE event_points SET min_lat = new.lat, max_lat = new.lat, min_lon = new.lon,
                max_lon = new.lon WHERE n = new.n;
        END""",
        """CREATE TRIGGER events_point_delete AFTER DELETE ON events BEGIN
            DELETE FROM event_points WHERE n = old.n;
        END""",
    ),
    # 4: how far an event can be trusted, whose claim it is, and the real event it reports:
    # ``grp`` is the id of the first stored report of the same real event (its own id when it
    # is the first); every article's own extraction stays a row of its own
    (
        "ALTER TABLE events ADD COLUMN confidence REAL",
        "ALTER TABLE events ADD COLUMN claimed INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE events ADD COLUMN claimant TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE events ADD COLUMN grp TEXT",
        "UPDATE events SET grp = id",
        "CREATE INDEX events_grp ON events(grp)",
        # the first report of each real event, by type and day: where a new report looks
        "CREATE INDEX events_leads ON events(event_type, date) WHERE grp = id",
    ),
    # 5: whether an article's events were extracted and stored: an article stored without them
    # (extraction failed, was skipped with --no-events, or the run was killed between the two
    # transactions) is extracted again by the next ingest instead of passing for done. Stores
    # of before hold no such record: an article with events there was extracted.
    (
        "ALTER TABLE articles ADD COLUMN events_extracted INTEGER NOT NULL DEFAULT 0",
        "UPDATE articles SET events_extracted = 1 WHERE id IN "
        "(SELECT article_id FROM events WHERE article_id IS NOT NULL)",
    ),
)

#: The schema version this geo writes.
SCHEMA_VERSION = len(MIGRATIONS)


def connect(path: str | Path, *, create: bool = True, max_pages: int | None = None,
            migrations: tuple[tuple[str, ...], ...] = MIGRATIONS) -> sqlite3.Connection:
    """Open (and create or migrate) a store file; raise StoreError on a foreign or broken file."""
    path = Path(path)
    if path.is_dir():
        raise InputFileError(f"{path} is a directory, not a store file")
    exists = path.exists() and path.stat().st_size > 0
    if not exists and not create:
        raise InputFileError(f"no store at {path} (run `geo ingest` first)")
    if exists:
        _check_header(path)
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                               check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open store {path}: {exc}") from exc
    try:
        if max_pages is not None:
            conn.execute(f"PRAGMA max_page_count = {int(max_pages)}")
        _check_identity(conn, path, len(migrations))  # before anything could change the file
        mode = _when_free(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        if mode.lower() != "wal":
            raise StoreError(f"cannot switch store {path} to WAL mode (got {mode})")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA cache_size = -65536")  # 64 MiB
        conn.execute("PRAGMA mmap_size = 1073741824")  # reads without a syscall per page
        _migrate(conn, path, migrations)
    except sqlite3.Error as exc:
        conn.close()
        raise translate(exc, path) from exc
    except StoreError:
        conn.close()
        raise
    return conn


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"cannot read store {path}: {exc.strerror or exc}") from exc
    if head != _SQLITE_MAGIC:
        raise StoreError(f"{path} is not a geo store (not an SQLite database)")


def _check_identity(conn: sqlite3.Connection, path: Path, latest: int) -> None:
    """Refuse a foreign SQLite file or one from a newer geo; read as one consistent snapshot
    (another process may be creating the store right now)."""
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")
    try:
        _identity(conn, path, latest)
    finally:
        if own and conn.in_transaction:
            conn.execute("COMMIT")


def _identity(conn: sqlite3.Connection, path: Path, latest: int) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if app_id == APPLICATION_ID:
        if version > latest:
            raise StoreError(
                f"{path} was created by a newer geo (schema {version} > {latest}); upgrade geo"
            )
        return
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    if app_id != 0 or tables or version != 0:
        shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
        raise StoreError(
            f"{path} is an SQLite database but not a geo store"
            + (f" (tables: {shown})" if shown else "")
        )


def _when_free(step):
    """Run ``step``, retrying while another process holds a lock SQLite will not wait for
    (switching a new file to WAL), for up to the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    delay = 0.01
    while True:
        try:
            return step()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def _migrate(conn: sqlite3.Connection, path: Path,
             migrations: tuple[tuple[str, ...], ...]) -> None:
    """Check the file is a geo store and bring its schema up to date.

    A current store is read without a lock. Creating or migrating happens under the write
    lock, with the identity read again there: two processes opening one new file at once
    (two ingesters) see either nothing or a finished schema, never one half-made.
    """
    latest = len(migrations)
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if app_id == APPLICATION_ID and version == latest:
        return
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            _check_identity(conn, path, latest)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version >= latest:
                conn.execute("COMMIT")
                if version > latest:
                    raise StoreError(f"{path} was created by a newer geo "
                                     f"(schema {version} > {latest}); upgrade geo")
                return
            for statement in migrations[version]:
                conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def translate(exc: sqlite3.Error, path: str | Path) -> StoreError:
    """A one-line StoreError for an SQLite error (disk full, corrupt file, locked too long)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    message = str(exc)
    if name == "SQLITE_FULL" or "full" in message:
        return StoreError(f"store {path} is full ({message}); batches committed before "
                          "this one are kept")
    if name.startswith("SQLITE_IOERR"):
        return StoreError(f"cannot write store {path} ({message}, {name}: disk full or a file "
                          "size limit?); batches committed before this one are kept")
    if name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or "malformed" in message:
        return StoreError(f"store {path} is corrupt ({message})")
    if name.startswith("SQLITE_BUSY") or "locked" in message:
        return StoreError(f"store {path} stayed locked by another process for "
                          f"{BUSY_TIMEOUT_S:.0f} s ({message})")
    return StoreError(f"store {path}: {message}")
