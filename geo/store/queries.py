"""SQL of the store's read side: plain rows, no pandas (the CLI prints these directly).

Every statement is a constant string; user values only ever travel as parameters. Lists of ids
are passed as one JSON parameter and expanded with ``json_each`` (no limit on their number).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from geo.errors import InputError
from geo.store.spatial import Box

#: Columns of a mention row; the place's own columns come from ``places_by_ids``.
MENTION_COLUMNS = (
    "article_id", "title", "date", "source", "url", "start", "end", "surface", "sentence",
    "place_id", "confidence", "reason", "alternatives",
)

#: Columns of a mention listing (what ``geo mentions`` prints).
LISTING_COLUMNS = ("article_id", "title", "date", "source", "url", "surface", "sentence",
                   "place_id")

PLACE_COLUMNS = (
    "place_id", "name", "kind", "cc", "admin1", "admin1_name", "population", "lat", "lon",
    "mentions", "articles", "first_seen", "last_seen",
)

# the covering index keeps the article's text (most of the file) out of a listing
_FROM = """
FROM mentions AS m
JOIN articles AS a INDEXED BY articles_listing ON a.id = m.article_id
"""
_MENTIONS_SQL = """
SELECT m.article_id, a.title, a.date, a.source, a.url, m.start, m."end", m.surface, m.sentence,
       m.place_id, m.confidence, m.reason, m.alternatives""" + _FROM
_LISTING_SQL = """
SELECT m.article_id, a.title, a.date, a.source, a.url, m.surface, m.sentence, m.place_id""" + _FROM

_PLACES_SQL = """
SELECT p.id, p.name, p.kind, p.cc, p.admin1, p.admin1_name, p.population, p.lat, p.lon,
       count(*) AS n, count(DISTINCT m.article_id), min(NULLIF(m.date, '')),
       max(NULLIF(m.date, ''))
FROM mentions AS m
JOIN places AS p ON p.id = m.place_id
"""

_IN_IDS = "m.place_id IN (SELECT value FROM json_each(?))"


@dataclass(frozen=True, slots=True)
class Filters:
    """Row filters shared by every query: place ids and an inclusive date range."""

    place_ids: tuple[int, ...] | None = None
    since: str | None = None
    until: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        """A constant WHERE clause over ``m`` (mentions) and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.place_ids is not None and len(self.place_ids) == 1:
            clauses.append("m.place_id = ?")  # lets one place's rows come out in index order
            params.append(self.place_ids[0])
        elif self.place_ids is not None:
            clauses.append(_IN_IDS)
            params.append(json.dumps(list(self.place_ids)))
        if self.since is not None:
            clauses.append("m.date >= ?")
            params.append(self.since)
        if self.until is not None:
            clauses.append("m.date <= ?")
            params.append(self.until)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def iso_date(value: str | dt.date | None, *, what: str) -> str | None:
    """Validate a YYYY-MM-DD date (or a date object); None passes through."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if not isinstance(value, str):
        from geo.errors import InputTypeError

        raise InputTypeError(f"{what} wants a YYYY-MM-DD date (str or datetime.date), not "
                             f"{type(value).__name__}")
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError as exc:
        raise InputError(f"invalid {what} date {value!r} (expected YYYY-MM-DD)") from exc


def mentions(conn: sqlite3.Connection, filters: Filters, *, listing: bool = False
             ) -> list[tuple]:
    """Mention rows (MENTION_COLUMNS, or LISTING_COLUMNS) in date, article, offset order."""
    where, params = filters.where()
    sql = ((_LISTING_SQL if listing else _MENTIONS_SQL) + where
           + ' ORDER BY m.date, m.article_id, m.start, m."end"')
    return conn.execute(sql, params).fetchall()


def place_summary(conn: sqlite3.Connection, filters: Filters, *,
                  top: int | None = None) -> list[tuple]:
    """Places (PLACE_COLUMNS) with mention and article counts and first/last seen dates."""
    where, params = filters.where()
    sql = _PLACES_SQL + where + " GROUP BY p.id ORDER BY n DESC, p.name, p.id"
    if top is not None:
        sql += " LIMIT ?"
        params.append(int(top))
    return conn.execute(sql, params).fetchall()


def places_in_boxes(conn: sqlite3.Connection, boxes: Sequence[Box]) -> list[tuple]:
    """(id, lat, lon, cc, admin1) of stored places whose point falls in any of the boxes."""
    out: dict[int, tuple] = {}
    sql = ("SELECT p.id, p.lat, p.lon, p.cc, p.admin1 FROM place_points AS r "
           "JOIN places AS p ON p.id = r.id "
           "WHERE r.max_lat >= ? AND r.min_lat <= ? AND r.max_lon >= ? AND r.min_lon <= ?")
    for b in boxes:
        for row in conn.execute(sql, (b.min_lat, b.max_lat, b.min_lon, b.max_lon)):
            out[row[0]] = row
    return list(out.values())


def places_in_admin(conn: sqlite3.Connection, cc: str, admin1: str | None) -> list[int]:
    """Ids of stored places recorded in country ``cc`` (and admin-1 code ``admin1``)."""
    if admin1:
        sql, params = "SELECT id FROM places WHERE cc = ? AND admin1 = ?", (cc, admin1)
    else:
        sql, params = "SELECT id FROM places WHERE cc = ?", (cc,)
    return [r[0] for r in conn.execute(sql, params)]


def places_by_key(conn: sqlite3.Connection, key: str) -> list[tuple]:
    """Stored place rows whose name key equals ``key``, most mentioned first."""
    sql = ("SELECT p.id, p.name, p.kind, p.cc, p.admin1, p.admin1_name, p.lat, p.lon, "
           "p.population FROM places AS p WHERE p.key = ? ORDER BY "
           "(SELECT count(*) FROM mentions AS m WHERE m.place_id = p.id) DESC, p.population DESC")
    return conn.execute(sql, (key,)).fetchall()


def places_by_ids(conn: sqlite3.Connection, ids: Iterable[int]) -> list[tuple]:
    """Stored place rows (as ``places_by_key``) for the given ids, in no particular order."""
    sql = ("SELECT id, name, kind, cc, admin1, admin1_name, lat, lon, population FROM places "
           "WHERE id IN (SELECT value FROM json_each(?))")
    return conn.execute(sql, (json.dumps([int(i) for i in ids]),)).fetchall()


def place_names(conn: sqlite3.Connection) -> list[str]:
    """Every distinct place name in the store."""
    return [r[0] for r in conn.execute("SELECT DISTINCT name FROM places")]


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many articles, mentions and places the store holds."""
    return {
        table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # constant names
        for table in ("articles", "mentions", "places")
    }
