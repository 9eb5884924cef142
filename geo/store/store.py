"""The mention store: one SQLite file of articles, the places they name, and their mentions.

>>> from geo.pipeline import parse
>>> with Store("geo.db") as store:
...     store.add([parse("Shelling in Pokrovsk.", date="2024-03-01")])
...     frame = store.mentions("Pokrovsk", since="2024-01-01")   # a GeoDataFrame
AddResult(added=1, replaced=0, unchanged=0, mentions=1)
>>> frame.loc[0, ["surface", "date", "cc"]].tolist()
['Pokrovsk', Timestamp('2024-03-01 00:00:00'), 'UA']
"""

from __future__ import annotations

import hashlib
import json
import numbers
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo import _checks
from geo._files import check_output
from geo.errors import InputError, InputTypeError, StoreError
from geo.geodesy import distances_from_km
from geo.model import Article, Event, ParsedArticle, Place
from geo.store import queries as q
from geo.store import spatial
from geo.store.names import closest, name_key
from geo.store.schema import connect, translate

if TYPE_CHECKING:
    from geo.events.corroborate import Group

_REGION_KINDS = ("admin1", "country")


@dataclass(frozen=True, slots=True)
class AddResult:
    """What one ``Store.add`` did: articles added, replaced (content changed), unchanged."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    mentions: int = 0  # mention rows written

    def __add__(self, other: AddResult) -> AddResult:
        return AddResult(self.added + other.added, self.replaced + other.replaced,
                         self.unchanged + other.unchanged, self.mentions + other.mentions)


def content_hash(article: Article) -> str:
    """A hash of everything an article says (not its id): a change means re-parse and replace."""
    doc = json.dumps([article.text, article.title, article.date, article.url, article.source,
                      article.lang], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(doc.encode("utf-8", "surrogatepass")).hexdigest()[:32]


class Store:
    """An embedded SQLite mention store (WAL, R*Tree, versioned schema).

    ``Store(path, create=False)`` refuses a missing file; a foreign, corrupt or newer-schema file
    raises :class:`~geo.errors.StoreError`. Query methods return GeoDataFrames in EPSG:4326.
    """

    def __init__(self, path: str | os.PathLike[str] = "geo.db", *, create: bool = True,
                 max_pages: int | None = None) -> None:
        if not isinstance(path, str | os.PathLike):
            raise InputTypeError(f"Store() wants a file path (str or Path), not "
                                 f"{type(path).__name__}")
        self.path = Path(path)
        self._conn = connect(self.path, create=create, max_pages=max_pages)

    # ----------------------------------------------------------------- lifecycle
    def close(self) -> None:
        """Close the connection (idempotent)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None  # type: ignore[assignment]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    @property
    def schema_version(self) -> int:
        with self._reading() as conn:
            return conn.execute("PRAGMA user_version").fetchone()[0]

    def counts(self) -> dict[str, int]:
        """{"articles": n, "mentions": n, "places": n}."""
        with self._reading() as conn:
            return q.counts(conn)

    # ----------------------------------------------------------------- writing
    def add(self, parsed: Iterable[ParsedArticle]) -> AddResult:
        """Store a batch of parsed articles in one transaction.

        Idempotent by article id and content hash: an unchanged article is skipped, a changed
        one has its row and mentions replaced. Either the whole batch is committed or nothing.
        """
        parsed = _checks.items(parsed, ParsedArticle, "Store.add()",
                               "geo.ParsedArticle (from geo.parse or geo.parse_articles)")
        batch = [(pa, content_hash(pa.article)) for pa in parsed]
        if not batch:
            return AddResult()
        with self._writing() as conn:
            stored = dict(conn.execute(
                "SELECT id, hash FROM articles WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps([pa.article.id for pa, _ in batch]),)))
            todo: dict[str, tuple[ParsedArticle, str]] = {}
            unchanged = 0
            for pa, digest in batch:
                aid = pa.article.id
                current = todo[aid][1] if aid in todo else stored.get(aid)
                if current == digest:
                    unchanged += 1
                else:
                    todo[aid] = (pa, digest)  # a later version in the same batch wins
            replaced = [aid for aid in todo if aid in stored]
            stale: set[int] = set()
            if replaced:
                from geo.store import event_queries as eq

                ids = json.dumps(replaced)
                stale.update(r[0] for r in conn.execute(
                    "SELECT DISTINCT place_id FROM mentions "
                    "WHERE article_id IN (SELECT value FROM json_each(?))", (ids,)))
                # the real events the old version reported lose those reports: grouped again
                groups = eq.groups_of(conn, eq.article_events(conn, replaced))
                # cascades to the article's mentions (and events)
                conn.execute("DELETE FROM articles WHERE id IN (SELECT value FROM json_each(?))",
                             (ids,))
                eq.regroup(conn, groups)
            self._put_places(conn, {m.place.id: m.place for pa, _ in todo.values()
                                    for m in pa.mentions}.values())
            conn.executemany(
                "INSERT INTO articles (id, hash, title, date, url, source, lang, text) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(a.id, digest, a.title, a.date, a.url, a.source, a.lang, a.text)
                 for a, digest in ((pa.article, d) for pa, d in todo.values())])
            rows = [(pa.article.id, m.start, m.end, m.surface, m.sentence, m.place.id,
                     float(m.confidence), m.reason, _alternatives_json(m), pa.article.date or "")
                    for pa, _ in todo.values() for m in pa.mentions]
            before = conn.total_changes
            # a mention repeated verbatim (same span, same place) is stored once
            conn.executemany(
                'INSERT OR IGNORE INTO mentions (article_id, start, "end", surface, sentence, '
                "place_id, confidence, reason, alternatives, date) "
                "VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
            written = conn.total_changes - before
            if stale:
                self._drop_orphans(conn, stale)
        return AddResult(len(todo) - len(replaced), len(replaced), unchanged, written)

    def unchanged(self, articles: Iterable[Article]) -> set[str]:
        """Ids of the articles already stored with the same content (no need to parse them)."""
        wanted = {a.id: content_hash(a) for a in articles}
        if not wanted:
            return set()
        with self._reading() as conn:
            rows = conn.execute("SELECT id, hash FROM articles WHERE id IN "
                                "(SELECT value FROM json_each(?))", (json.dumps(list(wanted)),))
            return {aid for aid, digest in rows if wanted.get(aid) == digest}

    @staticmethod
    def _put_places(conn: sqlite3.Connection, places: Iterable[Place]) -> None:
        """Insert new places, update changed ones; the R*Tree gets only new or moved points."""
        rows = {p.id: (p.id, p.name, name_key(p.name), p.kind, p.cc or "", p.admin1 or "",
                       p.admin1_name or "", float(p.lat), float(p.lon), int(p.population or 0))
                for p in places}
        if not rows:
            return
        for r in rows.values():
            spatial.check_point(r[7], r[8])
        known = {r[0]: r for r in conn.execute(
            "SELECT id, name, key, kind, cc, admin1, admin1_name, lat, lon, population "
            "FROM places WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(list(rows)),))}
        changed = [r for pid, r in rows.items() if known.get(pid) != r]
        if not changed:
            return
        conn.executemany(
            "INSERT INTO places (id, name, key, kind, cc, admin1, admin1_name, lat, lon, "
            "population) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET "
            "name = excluded.name, key = excluded.key, kind = excluded.kind, cc = excluded.cc, "
            "admin1 = excluded.admin1, admin1_name = excluded.admin1_name, lat = excluded.lat, "
            "lon = excluded.lon, population = excluded.population", changed)
        moved = [r for r in changed if known.get(r[0], ())[7:9] != r[7:9]]
        conn.executemany("INSERT OR REPLACE INTO place_points VALUES (?, ?, ?, ?, ?)",
                         [(r[0], r[7], r[7], r[8], r[8]) for r in moved])

    @staticmethod
    def _drop_orphans(conn: sqlite3.Connection, place_ids: set[int]) -> None:
        ids = json.dumps(sorted(place_ids))
        orphans = [r[0] for r in conn.execute(
            "SELECT p.id FROM places AS p WHERE p.id IN (SELECT value FROM json_each(?)) "
            "AND NOT EXISTS (SELECT 1 FROM mentions AS m WHERE m.place_id = p.id) "
            "AND NOT EXISTS (SELECT 1 FROM events AS e WHERE e.place_id = p.id)", (ids,))]
        conn.executemany("DELETE FROM places WHERE id = ?", [(i,) for i in orphans])
        conn.executemany("DELETE FROM place_points WHERE id = ?", [(i,) for i in orphans])

    # ----------------------------------------------------------------- names
    def resolve(self, query: str | int, *, gazetteer: Any = None) -> list[Place]:
        """The places a name or id means: places in the store first (most mentioned first),
        else the gazetteer's candidates (those in the store first). [] when nothing matches."""
        if isinstance(query, bool) or not isinstance(query, str | numbers.Integral):
            raise InputTypeError(f"a place is a name (str) or an id (int), not "
                                 f"{type(query).__name__}")
        text = str(query).strip()
        if not text:
            raise InputError("empty place name")
        with self._reading() as conn:
            if text.lstrip("-").isdigit():
                rows = q.places_by_ids(conn, [int(text)])
                if rows:
                    return [_place(r) for r in rows]
                place = gazetteer.get(int(text)) if gazetteer is not None else None
                return [place] if place is not None else []
            rows = q.places_by_key(conn, name_key(text))
            if rows or gazetteer is None:
                return [_place(r) for r in rows]
            candidates = [c.place for c in gazetteer.lookup(text, limit=10)]
            if not candidates:
                return []
            stored = {r[0]: _place(r) for r in q.places_by_ids(conn, [p.id for p in candidates])}
        if stored:
            return [stored[p.id] for p in candidates if p.id in stored]
        return candidates[:1]

    def suggest(self, query: str, *, gazetteer: Any = None, limit: int = 5) -> list[str]:
        """Names close to ``query``: from the store (rapidfuzz) and the gazetteer's fuzzy lookup."""
        with self._reading() as conn:
            names = closest(query, q.place_names(conn), limit=limit)
        if gazetteer is not None:
            for c in gazetteer.lookup(query, limit=limit):
                if c.place.name not in names:
                    names.append(c.place.name)
        return names[:limit]

    def _place_ids(self, place: Any, gazetteer: Any) -> tuple[int, ...] | None:
        if place is None:
            return None
        if isinstance(place, Place):
            return (place.id,)
        if isinstance(place, numbers.Integral) and not isinstance(place, bool):
            return (int(place),)
        if isinstance(place, str):
            if place.strip().lstrip("-").isdigit():
                return (int(place),)
            return tuple(p.id for p in self.resolve(place, gazetteer=gazetteer))
        if not isinstance(place, Iterable) or isinstance(place, bytes | dict):
            raise InputTypeError("place= wants a name, an id, a geo.Place or a list of ids or "
                                 f"Places, not {type(place).__name__}")
        places = _checks.items(place, (Place, numbers.Integral), "place=",
                               "place ids or geo.Place records")
        return tuple(p.id if isinstance(p, Place) else int(p) for p in places)

    def _filters(self, place: Any, since: Any, until: Any, gazetteer: Any) -> q.Filters:
        return q.Filters(self._place_ids(place, gazetteer), q.iso_date(since, what="since"),
                         q.iso_date(until, what="until"))

    # ----------------------------------------------------------------- row queries (no pandas)
    def mention_rows(self, filters: q.Filters, *, listing: bool = False) -> list[tuple]:
        """Mention rows (``queries.MENTION_COLUMNS``, or ``LISTING_COLUMNS``) matching
        ``filters``, in date order."""
        if filters.place_ids == ():
            return []
        with self._reading() as conn:
            return q.mentions(conn, filters, listing=listing)

    def place_info(self, ids: Iterable[int]) -> dict[int, Place]:
        """The stored places with these ids."""
        with self._reading() as conn:
            return {r[0]: _place(r) for r in q.places_by_ids(conn, ids)}

    def _mentions_frame(self, rows: list[tuple],
                        distance_km: dict[int, float] | None = None) -> Any:
        from geo.store.frames import mentions_frame

        return mentions_frame(rows, self.place_info({r[9] for r in rows}),
                              distance_km=distance_km)

    def place_rows(self, filters: q.Filters, *, top: int | None = None) -> list[tuple]:
        """Place-summary rows (``queries.PLACE_COLUMNS``), most mentioned first."""
        if filters.place_ids == ():
            return []
        _checks.integer(top, "top=", optional=True)
        if top is not None and top < 1:
            raise InputError(f"--top must be at least 1, got {top}")
        with self._reading() as conn:
            return q.place_summary(conn, filters, top=top)

    def near_ids(self, lat: float, lon: float, km: float) -> dict[int, float]:
        """{place id: geodesic km} of stored places within ``km`` of (lat, lon), nearest first."""
        lat, lon, km = (_checks.number(v, w) for v, w in ((lat, "lat"), (lon, "lon"),
                                                           (km, "km")))
        boxes = spatial.boxes_around(lat, lon, km)
        with self._reading() as conn:
            rows = q.places_in_boxes(conn, boxes)
        dists = distances_from_km(lat, lon, [(r[1], r[2]) for r in rows])
        hits = sorted((d, r[0]) for r, d in zip(rows, dists, strict=True) if d <= km)
        return {pid: d for d, pid in hits}

    def within_ids(self, geometry: Any, *, admin: tuple[str, str] | None = None) -> list[int]:
        """Ids of stored places inside ``geometry`` (R*Tree box, then point-in-polygon); with
        ``admin=(cc, admin1)`` also places the gazetteer put in that unit (coasts the simplified
        polygon misses)."""
        spatial.check_region(geometry)
        with self._reading() as conn:
            rows = q.places_in_boxes(conn, spatial.region_boxes(geometry))
            extra = q.places_in_admin(conn, admin[0], admin[1]) if admin else []
        inside = spatial.contains(geometry, [r[1] for r in rows], [r[2] for r in rows])
        ids = [r[0] for r, ok in zip(rows, inside, strict=True) if ok]
        return sorted(set(ids).union(extra))

    def region(self, region: Any, *, gazetteer: Any = None) -> tuple[Any, tuple[str, str] | None,
                                                                      str]:
        """(geometry, (cc, admin1) or None, label) for a shapely geometry, a GeoJSON file path
        or an admin-1/country name (looked up in the gazetteer)."""
        if not isinstance(region, str | os.PathLike) and not hasattr(region, "geom_type"):
            raise InputTypeError("a region is a name (str), a GeoJSON path or a shapely "
                                 f"polygon, not {type(region).__name__}")
        if hasattr(region, "geom_type"):
            return spatial.check_region(region), None, region.geom_type
        text = str(region)
        if isinstance(region, os.PathLike) or text.lower().endswith((".geojson", ".json")) \
                or spatial.is_file(text):
            return spatial.load_geojson_geometry(text), None, Path(text).name
        if not text.strip():
            raise InputError("empty region name")
        p, geometry = named_region(text, gazetteer)
        admin = (p.cc, p.admin1 if p.kind == "admin1" else "")
        label = p.name if p.kind == "country" else f"{p.name}, {p.cc}"
        return spatial.check_region(geometry), admin, label

    # ----------------------------------------------------------------- GeoDataFrame queries
    def mentions(self, place: Any = None, *, since: Any = None, until: Any = None,
                 gazetteer: Any = None) -> Any:
        """Mentions of a place (id, name, Place, or ids; None for all) as a GeoDataFrame with
        article title, date, source, url, sentence and the place's columns; empty if none."""
        return self._mentions_frame(self.mention_rows(self._filters(place, since, until,
                                                                    gazetteer)))

    def near(self, lat: float, lon: float, km: float, *, since: Any = None,
             until: Any = None) -> Any:
        """Mentions of places within ``km`` (geodesic) of (lat, lon), with ``distance_km``."""
        dist = self.near_ids(lat, lon, km)
        rows = self.mention_rows(self._filters(list(dist), since, until, None))
        return self._mentions_frame(rows, dist)

    def places_near(self, lat: float, lon: float, km: float, *, since: Any = None,
                    until: Any = None) -> Any:
        """Places within ``km`` of (lat, lon) with counts and ``distance_km``, nearest first."""
        from geo.store.frames import places_frame

        dist = self.near_ids(lat, lon, km)
        rows = self.place_rows(self._filters(list(dist), since, until, None))
        rows.sort(key=lambda r: dist[r[0]])
        return places_frame(rows, distance_km=dist)

    def within(self, region: Any, *, since: Any = None, until: Any = None,
               gazetteer: Any = None) -> Any:
        """Mentions inside a region: a shapely polygon, a GeoJSON file, or an admin-1/country
        name resolved with ``gazetteer`` (its polygon plus the places coded in it)."""
        geometry, admin, _label = self.region(region, gazetteer=gazetteer)
        ids = self.within_ids(geometry, admin=admin)
        return self._mentions_frame(self.mention_rows(self._filters(ids, since, until, None)))

    def places_within(self, region: Any, *, since: Any = None, until: Any = None,
                      gazetteer: Any = None) -> Any:
        """Places inside a region (as ``within``) with counts, most mentioned first."""
        from geo.store.frames import places_frame

        geometry, admin, _label = self.region(region, gazetteer=gazetteer)
        ids = self.within_ids(geometry, admin=admin)
        return places_frame(self.place_rows(self._filters(ids, since, until, None)))

    def places(self, top: int | None = None, *, since: Any = None, until: Any = None) -> Any:
        """Most-mentioned places with mention/article counts and first/last seen dates."""
        from geo.store.frames import places_frame

        return places_frame(self.place_rows(self._filters(None, since, until, None), top=top))

    def export(self, path: str | os.PathLike[str], *, format: str | None = None,
               place: Any = None, since: Any = None, until: Any = None,
               gazetteer: Any = None, overwrite: bool = True) -> int:
        """Write the matching mentions as GeoJSON, GeoParquet, CSV, GeoPackage, KML or
        FlatGeobuf (``format``, else the file suffix); returns the row count.

        The file appears complete or not at all (written beside it, then renamed); without
        ``overwrite`` an existing file is refused (:class:`~geo.errors.OutputError`).
        """
        from geo.vectorfile import format_of, write_frame

        if not isinstance(path, str | os.PathLike):
            raise InputTypeError(f"export() wants a file path, not {type(path).__name__}")
        fmt = format_of(path, format)
        check_output(path, overwrite=overwrite)  # before the query
        frame = self.mentions(place, since=since, until=until, gazetteer=gazetteer)
        return write_frame(frame, path, format=fmt, describe=_mention_description,
                           overwrite=overwrite)

    # ----------------------------------------------------------------- events
    def add_events(self, events: Iterable[Event], *, on_problem: Any = None) -> int:
        """Store events in one transaction; returns how many were new.

        Idempotent by event id: an id already stored has its row updated, never duplicated.
        An event's place is stored with it; an event citing an article the store does not
        hold raises InputError (store the article first, ``Store.add``) and nothing is written.

        With ``on_problem`` (a callable taking a :class:`geo.text.read.Problem`) an event that
        cannot be stored (a value out of range, its article missing, a value SQLite refuses)
        is reported there as ``SOURCE:ROW: event ID: ERROR; skipped`` and the others are
        stored: a dataset's bad row does not stop its import. A failure of the store itself
        (disk full, locked, corrupt) still raises :class:`~geo.errors.StoreError`.
        """
        from geo.store import event_queries as eq

        batch = _checks.items(events, Event, "Store.add_events()", "geo.Event")
        _check_handler(on_problem, "Store.add_events()")
        if on_problem is not None:
            return self._add_each([(e, (e,)) for e in batch],
                                  lambda e, exc: _event_failure(e, exc, on_problem))
        rows = [eq.event_row(e) for e in batch]  # validates before the transaction
        if not rows:
            return 0
        with self._writing() as conn:
            missing = eq.missing_articles(conn, {e.article_id for e in batch if e.article_id})
            if missing:
                shown = ", ".join(missing[:3]) + (", ..." if len(missing) > 3 else "")
                raise InputError(f"{len(missing)} article(s) cited by events are not in the "
                                 f"store ({shown}); store the articles first")
            self._put_places(conn, {e.place.id: e.place for e in batch
                                    if e.place is not None}.values())
            return eq.write(conn, rows)

    def add_extraction(self, extracted: Iterable[tuple[Article, Iterable[Event]]], *,
                       on_problem: Any = None) -> int:
        """Store the whole extraction of each article (pairs of a stored article and every
        event found in it, none being a result too) in one transaction; returns how many
        reports were new.

        Each article's reports replace those stored for it before: a report no longer
        found leaves its real event (whose other reports are grouped again). The article is
        then known as extracted (:meth:`unextracted`). An article whose events cannot be
        stored (a value out of range, an event of another article, an article not stored
        with this content) is all or nothing: with ``on_problem`` it is reported there as
        ``FILE:LINE: article ID: ERROR; skipped`` and left unextracted, so that the next
        ``geo ingest`` extracts it again, while the other articles are stored; without it
        the error is raised and nothing is written. A failure of the store itself (disk
        full, locked, corrupt) raises :class:`~geo.errors.StoreError` either way.
        """
        from geo._batch import failure

        _check_handler(on_problem, "Store.add_extraction()")
        pairs = []
        for n, pair in enumerate(_checks.items(extracted, tuple, "Store.add_extraction()",
                                               "(geo.Article, events) pairs")):
            if len(pair) != 2 or not isinstance(pair[0], Article):
                raise InputTypeError(f"Store.add_extraction(): item {n} is not a "
                                     "(geo.Article, events) pair")
            pairs.append((pair[0], tuple(_checks.items(pair[1], Event,
                                                       "Store.add_extraction()",
                                                       "geo.Event"))))
        if on_problem is None:
            def report(article: Article, exc: BaseException) -> None:
                raise exc
        else:
            def report(article: Article, exc: BaseException) -> None:
                on_problem(failure(article, exc))
        return self._add_each(pairs, report, whole_article=True)

    def _add_each(self, records: list[tuple[Any, tuple[Event, ...]]], failed: Any, *,
                  whole_article: bool = False) -> int:
        """Store each record's events in one transaction, each record alone (a savepoint):
        a record that raises anything but a failure of the store itself is rolled back and
        handed to ``failed(record, exc)``, and the others go on."""
        if not records:
            return 0
        new = 0
        members: dict[str, Group] = {}  # groups read in this transaction
        with self._writing() as conn:
            for key, events in records:
                conn.execute("SAVEPOINT record")
                try:
                    if whole_article:
                        added = self._put_extraction(conn, key, events, members)
                    else:
                        added = self._put_events(conn, events, members)
                except Exception as exc:  # one record must not stop the batch
                    if _store_fault(exc):
                        raise
                    conn.execute("ROLLBACK TO record")
                    conn.execute("RELEASE record")
                    members.clear()  # they may hold the record rolled back
                    failed(key, exc)
                    continue
                conn.execute("RELEASE record")
                new += added
        return new

    def _put_events(self, conn: sqlite3.Connection, events: tuple[Event, ...],
                    members: dict[str, Group]) -> int:
        from geo.store import event_queries as eq

        rows = [eq.event_row(e) for e in events]
        missing = eq.missing_articles(conn, {e.article_id for e in events if e.article_id})
        if missing:
            raise InputError(f"article {missing[0]} is not in the store; store it first")
        self._put_places(conn, {e.place.id: e.place for e in events
                                if e.place is not None}.values())
        return eq.write(conn, rows, members)

    def _put_extraction(self, conn: sqlite3.Connection, article: Article,
                        events: tuple[Event, ...], members: dict[str, Group]) -> int:
        from geo.store import event_queries as eq

        for e in events:
            if e.article_id != article.id:
                raise InputError(f"event {e.id} is of article {e.article_id!r}, "
                                 f"not {article.id!r}")
        rows = [eq.event_row(e) for e in events]
        stored = conn.execute("SELECT hash FROM articles WHERE id = ?",
                              (article.id,)).fetchone()
        if stored is None:
            raise InputError(f"article {article.id} is not in the store; store it first")
        if stored[0] != content_hash(article):
            raise InputError(f"article {article.id} is stored with other content than the "
                             "events were extracted from; store it again first")
        keep = {r[0] for r in rows}
        gone = [i for i in eq.article_events(conn, [article.id]) if i not in keep]
        if gone:
            members.clear()
            groups = eq.groups_of(conn, gone)
            conn.execute("DELETE FROM events WHERE id IN (SELECT value FROM json_each(?))",
                         (json.dumps(gone),))
            eq.regroup(conn, groups)
        self._put_places(conn, {e.place.id: e.place for e in events
                                if e.place is not None}.values())
        new = eq.write(conn, rows, members)
        conn.execute("UPDATE articles SET events_extracted = 1 WHERE id = ?", (article.id,))
        return new

    def unextracted(self, ids: Iterable[str]) -> set[str]:
        """Of these article ids, those stored without their events (never extracted, or
        extraction failed or was skipped): the ones ``geo ingest`` extracts again."""
        wanted = sorted(set(_checks.items(ids, str, "Store.unextracted()", "article ids (str)")))
        if not wanted:
            return set()
        with self._reading() as conn:
            return {r[0] for r in conn.execute(
                "SELECT id FROM articles WHERE events_extracted = 0 AND id IN "
                "(SELECT value FROM json_each(?))", (json.dumps(wanted),))}

    def event_rows(self, *, type: Any = None, since: Any = None, until: Any = None,
                   region: Any = None, gazetteer: Any = None) -> list[tuple]:
        """Event rows (``event_queries.EVENT_COLUMNS``) matching the filters, in date order.

        ``type`` is an event or sub-event type (or several; a unique prefix is enough),
        ``region`` as in :meth:`within` (a polygon, a GeoJSON file or an admin-1/country name).
        """
        from geo.store import event_queries as eq

        since = q.iso_date(since, what="since")
        until = q.iso_date(until, what="until")
        with self._reading() as conn:
            types = eq.event_types(type, eq.sub_event_types(conn)) if type is not None else None
        rows = None
        if region is not None:
            geometry, admin, _label = self.region(region, gazetteer=gazetteer)
            with self._reading() as conn:
                hits = eq.in_boxes(conn, spatial.region_boxes(geometry))
                extra = eq.in_places(conn, q.places_in_admin(conn, *admin)) if admin else []
            inside = spatial.contains(geometry, [h[1] for h in hits], [h[2] for h in hits])
            rows = tuple(sorted({h[0] for h, ok in zip(hits, inside, strict=True) if ok}
                                .union(extra)))
        with self._reading() as conn:
            return eq.read(conn, eq.EventFilters(types, since, until, rows))

    def event_sources(self, groups: Iterable[str]
                      ) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
        """Per real event (group id, :attr:`geo.Event.group`): the sources that report it
        (article ids, or a dataset's name) and each one's link ("" where none is known)."""
        from geo.store import event_queries as eq

        with self._reading() as conn:
            return eq.group_sources(conn, groups)

    def event_groups(self, event_ids: Iterable[str]) -> set[str]:
        """The real events (group ids, :attr:`geo.Event.group`) these stored event reports
        belong to: how many real events a batch of reports told of."""
        from geo.store import event_queries as eq

        ids = _checks.items(event_ids, str, "event_groups()", "event ids (str)")
        with self._reading() as conn:
            return eq.groups_of(conn, ids)

    def events(self, *, type: Any = None, since: Any = None, until: Any = None,
               region: Any = None, gazetteer: Any = None, reports: bool = False) -> Any:
        """Events matching the filters (as :meth:`event_rows`) as a GeoDataFrame of points
        with the ACLED-like columns; empty if none.

        One row per real event (several articles' reports of one event are one: the report
        standing for it, with the highest confidence of its reports,
        :func:`geo.events.corroborate.merged_confidence`), so counting rows counts events;
        ``reports=True`` gives every stored report instead. Either way ``grp`` names the
        real event, ``sources`` says how many articles (or dataset rows) report it and
        ``source_articles`` lists them."""
        from geo.store import event_queries as eq

        if not isinstance(reports, bool):
            raise InputTypeError("reports= wants True or False, not "
                                 f"{reports.__class__.__name__}")
        rows = self.event_rows(type=type, since=since, until=until, region=region,
                               gazetteer=gazetteer)
        if not reports:
            rows = eq.real_event_rows(rows)
        sources = self.event_sources(eq.group_of(r) for r in rows)
        return eq.with_source_columns(eq.events_frame(rows), rows, sources)

    # ----------------------------------------------------------------- transactions
    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        conn = self._live()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                with suppress(sqlite3.Error):  # SQLite may have rolled back already (disk full)
                    conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise translate(exc, self.path) from exc
            raise

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        conn = self._live()
        try:
            yield conn
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    def _live(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"store {self.path} is closed")
        return self._conn


def _check_handler(on_problem: Any, what: str) -> None:
    if on_problem is not None and not callable(on_problem):
        raise InputTypeError(f"{what}: on_problem= wants a function taking a problem, not "
                             f"{type(on_problem).__name__}")


def _store_fault(exc: BaseException) -> bool:
    """Whether an error is the store's own (disk full or read-only, locked, corrupt: every
    record after would fail the same way) rather than one record's."""
    if isinstance(exc, StoreError):
        return True
    if isinstance(exc, sqlite3.OperationalError | sqlite3.InternalError):
        return True
    return type(exc) is sqlite3.DatabaseError  # "file is not a database", "malformed"


def _event_failure(event: Event, exc: BaseException, on_problem: Any) -> None:
    """Report an event that could not be stored, in the batch format."""
    from geo._batch import one_line
    from geo.text.read import Problem

    reason = one_line(exc) if isinstance(exc, InputError) else \
        f"{type(exc).__name__}: {one_line(exc)}"
    reason = reason.removeprefix(f"event {event.id}: ")
    on_problem(Problem(event.source or "<events>", event.source_row,
                       f"event {event.id}: {reason}; skipped"))


def _default_gazetteer(purpose: str) -> Any:
    """The default gazetteer index, as the CLI opens it; InputError saying how to build it."""
    from geo.errors import IndexMissingError
    from geo.gazetteer import Gazetteer

    try:
        return Gazetteer.open()
    except IndexMissingError as exc:
        raise InputError(f"{purpose} needs the gazetteer index, which is not built "
                         "(`geo gazetteer build`); or give a GeoJSON file") from exc


def export_format(path: Path, format: str | None) -> str:
    """The export format named, or implied by the file suffix; InputError otherwise."""
    from geo.vectorfile import format_of

    return format_of(path, format)


def _mention_description(row: dict[str, Any]) -> str:
    """A KML placemark's description: the words that named the place, where and when.

    Google Earth renders descriptions as HTML, so article text is HTML-escaped here (the KML
    writer only escapes it for XML).
    """
    from html import escape

    lines = [f"{row.get('surface', '')} ({row.get('kind', '')}, {row.get('cc', '')})",
             " · ".join(str(v) for v in (row.get("title"), row.get("date"), row.get("source"))
                        if v),
             str(row.get("sentence") or ""), str(row.get("url") or "")]
    return "<br>".join(escape(line) for line in lines if line.strip())


def _alternatives_json(m: Any) -> str:
    return json.dumps(
        [{"place_id": c.place.id, "name": c.place.name, "kind": c.place.kind, "cc": c.place.cc,
          "score": round(float(c.score), 4)} for c in m.alternatives],
        ensure_ascii=False, separators=(",", ":"))


def _place(row: tuple) -> Place:
    pid, name, kind, cc, admin1, admin1_name, lat, lon, population = row
    return Place(id=pid, name=name, kind=kind, cc=cc, admin1=admin1, admin1_name=admin1_name,
                 lat=lat, lon=lon, population=population)


def named_region(text: str, gazetteer: Any) -> tuple[Place, Any]:
    """(place, polygon) of the admin-1 unit or country ``text`` names; one InputError, with
    the nearest names, when the gazetteer knows none (every ``--region`` goes through here)."""
    if not text.strip():
        raise InputError("empty region name")
    if gazetteer is None:
        gazetteer = _default_gazetteer(f"naming a region ({text!r})")
    candidates = gazetteer.lookup(text, limit=20)
    for c in candidates:
        if c.place.kind in _REGION_KINDS:
            geometry = gazetteer.region_geometry(c.place.id)
            if geometry is not None:
                return c.place, geometry
    near = list(dict.fromkeys(c.place.name for c in candidates
                              if c.place.kind in _REGION_KINDS))
    if not near and hasattr(gazetteer, "meta"):  # a built index: its close unit names, as
        # regions stats gives them
        from geo.regions.areas import load_areas

        near = load_areas(gazetteer=gazetteer).suggest(text)
    hint = f"; did you mean: {'; '.join(near)}?" if near else ""
    raise InputError(f"unknown region {text!r} (an admin-1 unit or a country){hint}")
