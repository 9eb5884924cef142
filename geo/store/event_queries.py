"""SQL of the store's events: writing rows, filtered reads, and their GeoDataFrame.

Every statement is a constant string; values travel as parameters (lists as one JSON
parameter expanded with ``json_each``). Rows are plain tuples so the CLI never imports pandas.
"""

from __future__ import annotations

import datetime as dt
import json
import numbers
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from geo.errors import InputError
from geo.model import EVENT_TYPES, Event, Place
from geo.store.spatial import Box, check_point

if TYPE_CHECKING:
    from geo.events.corroborate import Group

#: Columns of an event row, in the order ``event_rows`` returns them.
EVENT_COLUMNS = (
    "id", "event_type", "sub_event_type", "date", "time_precision", "lat", "lon",
    "geo_precision", "place_id", "location", "country", "admin1", "actors", "quantity",
    "quantity_unit", "fatalities", "text", "article_id", "source", "source_row",
    "confidence", "claimed", "claimant", "grp",
)

_AT_GRP, _AT_CONFIDENCE = EVENT_COLUMNS.index("grp"), EVENT_COLUMNS.index("confidence")
_AT_ARTICLE, _AT_SOURCE = EVENT_COLUMNS.index("article_id"), EVENT_COLUMNS.index("source")

_WRITE_SQL = """
INSERT INTO events (id, event_type, sub_event_type, date, time_precision, lat, lon,
                    geo_precision, place_id, location, country, admin1, actors, quantity,
                    quantity_unit, fatalities, text, article_id, source, source_row,
                    confidence, claimed, claimant)
VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
ON CONFLICT (id) DO UPDATE SET
    event_type = excluded.event_type, sub_event_type = excluded.sub_event_type,
    date = excluded.date, time_precision = excluded.time_precision, lat = excluded.lat,
    lon = excluded.lon, geo_precision = excluded.geo_precision, place_id = excluded.place_id,
    location = excluded.location, country = excluded.country, admin1 = excluded.admin1,
    actors = excluded.actors, quantity = excluded.quantity,
    quantity_unit = excluded.quantity_unit, fatalities = excluded.fatalities,
    text = excluded.text, article_id = excluded.article_id, source = excluded.source,
    source_row = excluded.source_row, confidence = excluded.confidence,
    claimed = excluded.claimed, claimant = excluded.claimant
"""

_READ_SQL = """
SELECT e.id, e.event_type, e.sub_event_type, e.date, e.time_precision, e.lat, e.lon,
       e.geo_precision, e.place_id, e.location, e.country, e.admin1, e.actors, e.quantity,
       e.quantity_unit, e.fatalities, e.text, e.article_id, e.source, e.source_row,
       e.confidence, e.claimed, e.claimant, e.grp
FROM events AS e"""


@dataclass(frozen=True, slots=True)
class EventFilters:
    """Event filters: types (event or sub-event type), an inclusive date range, row numbers."""

    types: tuple[str, ...] | None = None
    since: str | None = None
    until: str | None = None
    rows: tuple[int, ...] | None = None  # internal row numbers (from a region query)

    def where(self) -> tuple[str, list[Any]]:
        """A constant WHERE clause over ``e`` (events) and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.types is not None:
            clauses.append("(e.event_type IN (SELECT value FROM json_each(?)) OR "
                           "e.sub_event_type IN (SELECT value FROM json_each(?)))")
            params += [json.dumps(list(self.types))] * 2
        if self.since is not None:
            clauses.append("e.date >= ?")
            params.append(self.since)
        if self.until is not None:
            clauses.append("e.date <= ? AND e.date != ''")
            params.append(self.until)
        if self.rows is not None:
            clauses.append("e.n IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(list(self.rows)))
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def event_types(names: Iterable[str] | str | None, known_subtypes: Iterable[str] = ()
                ) -> tuple[str, ...] | None:
    """Canonical type names for user input ("battles", "Air/drone strike"); InputError lists
    the valid ones. A prefix of one type is enough ("explosions", "strategic")."""
    if names is None:
        return None
    if isinstance(names, str):
        names = [names]
    from geo._checks import items

    names = items(names, str, "type=", "event type names (str)")
    known = {t.lower(): t for t in (*EVENT_TYPES, *known_subtypes)}
    out: list[str] = []
    for name in names:
        low = str(name).strip().lower()
        hits = [t for k, t in known.items() if k == low] or \
            [t for k, t in known.items() if k.startswith(low) and low]
        if len(hits) != 1:
            raise InputError(f"unknown event type {name!r} (choose from: "
                             f"{', '.join(EVENT_TYPES)}, or a sub-event type)")
        out.append(hits[0])
    return tuple(out)


def event_row(event: Event) -> tuple:
    """The row ``_WRITE_SQL`` takes for an event; InputError for an invalid one."""
    if event.event_type not in EVENT_TYPES:
        raise InputError(f"event {event.id}: unknown event type {event.event_type!r}")
    for what, value in (("time", event.time_precision), ("geo", event.geo_precision)):
        if value not in (1, 2, 3):
            raise InputError(f"event {event.id}: {what} precision must be 1, 2 or 3, "
                             f"got {value!r}")
    check_point(event.lat, event.lon)
    for what, value in (("quantity", event.quantity), ("fatalities", event.fatalities),
                        ("source row", event.source_row)):
        _check_count(event, what, value)
    if event.confidence is not None and not (
            isinstance(event.confidence, int | float) and 0.0 <= event.confidence <= 1.0):
        raise InputError(f"event {event.id}: confidence must be a number from 0 to 1, "
                         f"got {event.confidence!r}")
    place = event.place
    return (
        event.id, event.event_type, event.sub_event_type or "", event.date or "",
        int(event.time_precision), float(event.lat), float(event.lon), int(event.geo_precision),
        place.id if place is not None else None,
        event.location or (place.name if place is not None else ""),
        event.country or (place.cc if place is not None else ""),
        event.admin1 or (place.admin1_name if place is not None else ""),
        json.dumps(list(event.actors), ensure_ascii=False),
        _whole(event.quantity), event.quantity_unit or "", _whole(event.fatalities),
        event.text or "", event.article_id, event.source or "", _whole(event.source_row),
        None if event.confidence is None else float(event.confidence), int(event.claimed),
        event.claimant or "",
    )


#: the largest whole number an SQLite INTEGER holds
MAX_INTEGER = 2**63 - 1


def _check_count(event: Event, what: str, value: Any) -> None:
    """A count stored as an SQLite INTEGER: a whole number from 0 to :data:`MAX_INTEGER` (a
    larger one is no count SQLite can hold, and a misreading of the text), or None."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InputError(f"event {event.id}: {what} must be a whole number, "
                         f"got {type(value).__name__}")
    if not 0 <= value <= MAX_INTEGER:
        shown = str(value) if len(str(value)) <= 30 else f"a {len(str(value))}-digit number"
        raise InputError(f"event {event.id}: {what} {shown} is out of range "
                         f"(0 to {MAX_INTEGER:,})")


def _whole(value: Any) -> int | None:
    return None if value is None else int(value)


def write(conn: sqlite3.Connection, rows: Sequence[tuple],
          members: dict[str, Group] | None = None) -> int:
    """Insert or update event rows by id, then join each new one to the real event it
    reports (:func:`join_group`); returns how many ids were new. A row already stored keeps
    its group unless what the group is matched on (type, sub-type, date, point, actor 1)
    changed: then it leaves its group and joins again. Storing an article again never adds
    its reports twice. ``members``: the groups read so far in this transaction (see
    :func:`join_group`; cleared when reports are moved)."""
    members = {} if members is None else members
    ids = list(dict.fromkeys(r[0] for r in rows))
    known = {r[0]: r[1:] for r in conn.execute(
        f"SELECT {_MATCHED} FROM events WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(ids),))}
    moved = groups_of(conn, [r[0] for r in rows
                             if r[0] in known and _matched(r) != known[r[0]]])
    conn.executemany(_WRITE_SQL, rows)
    if moved:
        members.clear()
        regroup(conn, moved)
    new = [i for i in ids if i not in known]
    for event_id in new:
        join_group(conn, event_id, members)
    return len(new)


#: the columns a report is grouped on (:func:`geo.events.corroborate.same_event`), after id
_MATCHED = "id, event_type, sub_event_type, date, time_precision, lat, lon, geo_precision, actors"


def _matched(row: tuple) -> tuple:
    """The grouped-on values of an ``event_row`` tuple, as :data:`_MATCHED` reads them."""
    return (row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[12])


_GROUP_LEADS_SQL = """
SELECT e.id, e.event_type, e.sub_event_type, e.date, e.time_precision, e.lat, e.lon,
       e.geo_precision, e.article_id, e.source, e.actors
FROM events AS e INDEXED BY events_leads
WHERE e.event_type = ? AND e.date BETWEEN ? AND ? AND e.grp = e.id AND e.id != ? AND e.n < ?
  -- the rule of geo.events.corroborate, roughly, so that few leads reach Python
  AND e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?
  AND (e.geo_precision >= 3 OR ? >= 3 OR
       (e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?))
  AND abs(julianday(e.date) - julianday(?)) <= CASE max(e.time_precision, ?)
      WHEN 1 THEN 1 WHEN 2 THEN 7 ELSE 31 END
ORDER BY e.n"""
_BRIEF = ("id, event_type, sub_event_type, date, time_precision, lat, lon, geo_precision, "
          "article_id, source, actors")
_MEMBERS_SQL = f"SELECT {_BRIEF} FROM events WHERE grp = ? ORDER BY n"


def join_group(conn: sqlite3.Connection, event_id: str,
               members: dict[str, Group] | None = None) -> str:
    """Put a stored event in the group of the earliest stored real event it reports
    (:func:`geo.events.corroborate.same_event`: the same event as each report of the group,
    from another source), or in a group of its own; returns the group id. Only groups whose
    first report is nearby and within a month are read, so storing stays linear; ``members``
    keeps the reports of groups read (and joined) across the calls of one write."""
    from geo.events.corroborate import MAX_SLACK_DAYS, NEAR_KM, OBLAST_KM, Group, same_event

    row = conn.execute(f"SELECT {_BRIEF}, n FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        return ""
    me, n = _brief(row), row[-1]
    members = {} if members is None else members
    group = event_id
    day = _day(me.date)
    if day is not None:
        far, near = _box(me.lat, me.lon, OBLAST_KM), _box(me.lat, me.lon, NEAR_KM)
        window = (str(day - dt.timedelta(days=MAX_SLACK_DAYS)),
                  str(day + dt.timedelta(days=MAX_SLACK_DAYS)))
        for row in conn.execute(_GROUP_LEADS_SQL, (
                me.event_type, *window, event_id, n, far[0], far[1], far[2], far[3],
                me.geo_precision, near[0], near[1], near[2], near[3], str(day),
                me.time_precision)).fetchall():
            lead = _brief(row)
            if not same_event([lead], me):  # the first report decides most cases
                continue
            if lead.id not in members:
                members[lead.id] = Group(_brief(r) for r in conn.execute(_MEMBERS_SQL,
                                                                         (lead.id,)))
            if members[lead.id].admits(me):
                group = lead.id
                break
    conn.execute("UPDATE events SET grp = ? WHERE id = ?", (group, event_id))
    if group != event_id:
        members[group].add(me)  # read above
    else:
        members[group] = Group([me])  # a group of its own
    return group


def regroup(conn: sqlite3.Connection, groups: Iterable[str]) -> list[str]:
    """Group again, in the order stored, every report still in these real events (after some
    of their reports were deleted or changed): no group keeps the id or the rule-check of a
    report that is gone. Returns the reports grouped again."""
    wanted = json.dumps(sorted(set(groups)))
    members = [r[0] for r in conn.execute(
        "SELECT id FROM events WHERE coalesce(grp, id) IN (SELECT value FROM json_each(?)) "
        "ORDER BY n", (wanted,))]
    conn.execute("UPDATE events SET grp = id WHERE id IN (SELECT value FROM json_each(?))",
                 (json.dumps(members),))
    read: dict[str, Group] = {}
    for event_id in members:
        join_group(conn, event_id, read)
    return members


def article_events(conn: sqlite3.Connection, article_ids: Iterable[str]) -> list[str]:
    """Ids of the stored reports of these articles."""
    return [r[0] for r in conn.execute(
        "SELECT id FROM events WHERE article_id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(set(article_ids))),))]


def _box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """(min lat, max lat, min lon, max lon) of a box holding every point within ``km``
    (padded by 1 %: the check that follows is geodesic)."""
    from geo.geodesy import deg_lat, deg_lon

    dlat = deg_lat(km * 1.01)
    dlon = deg_lon(km * 1.01, min(90.0, abs(lat) + dlat))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _brief(row: Sequence[Any]) -> Event:
    return Event(id=row[0], event_type=row[1], sub_event_type=row[2], date=row[3] or None,
                 time_precision=row[4], lat=row[5], lon=row[6], geo_precision=row[7],
                 article_id=row[8], source=row[9], actors=_first_actor(row[10]))


@lru_cache(maxsize=1024)
def _first_actor(actors: str | None) -> tuple[str, ...]:
    """Actor 1 of a stored actors list (all grouping compares): the same few lists recur."""
    names = json.loads(actors or "[]")
    return tuple(names[:1])


_GROUP_SOURCES_SQL = """
SELECT e.grp, e.id, e.article_id, e.source, a.url
FROM events AS e LEFT JOIN articles AS a ON a.id = e.article_id
WHERE e.grp IN (SELECT value FROM json_each(?))
ORDER BY e.n"""


def group_sources(conn: sqlite3.Connection, groups: Iterable[str]
                  ) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Per group id: (the distinct sources reporting it - article ids, or a dataset's name -
    and each source's link, "" where none is known, in the same order), whatever filters
    chose the rows shown."""
    wanted = sorted({g for g in groups if g})
    out: dict[str, tuple[list[str], list[str]]] = {}
    for i in range(0, len(wanted), 5000):
        for grp, _id, article_id, source, url in conn.execute(
                _GROUP_SOURCES_SQL, (json.dumps(wanted[i:i + 5000]),)):
            ids, urls = out.setdefault(grp, ([], []))
            key = article_id or source or _id
            if key not in ids:
                ids.append(key)
                urls.append(url or "")
    return {g: (tuple(ids), tuple(urls)) for g, (ids, urls) in out.items()}


def groups_of(conn: sqlite3.Connection, event_ids: Iterable[str]) -> set[str]:
    """The real events (group ids) these stored reports belong to (unknown ids: none)."""
    wanted = sorted(set(event_ids))
    out: set[str] = set()
    for i in range(0, len(wanted), 5000):
        out.update(r[0] for r in conn.execute(
            "SELECT DISTINCT coalesce(grp, id) FROM events "
            "WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(wanted[i:i + 5000]),)))
    return out


def missing_articles(conn: sqlite3.Connection, ids: Iterable[str]) -> list[str]:
    """Of these article ids, those the store does not hold."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    have = {r[0] for r in conn.execute(
        "SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(wanted),))}
    return [i for i in wanted if i not in have]


def read(conn: sqlite3.Connection, filters: EventFilters) -> list[tuple]:
    """Event rows (EVENT_COLUMNS) in date, id order (undated events last)."""
    where, params = filters.where()
    sql = _READ_SQL + where + " ORDER BY e.date = '', e.date, e.id"
    return conn.execute(sql, params).fetchall()


def sub_event_types(conn: sqlite3.Connection) -> list[str]:
    """Every sub-event type the store holds."""
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT sub_event_type FROM events WHERE sub_event_type != ''")]


def in_boxes(conn: sqlite3.Connection, boxes: Sequence[Box]) -> list[tuple[int, float, float]]:
    """(row number, lat, lon) of events whose point falls in any of the boxes."""
    out: dict[int, tuple[int, float, float]] = {}
    sql = ("SELECT n, min_lat, min_lon FROM event_points "
           "WHERE max_lat >= ? AND min_lat <= ? AND max_lon >= ? AND min_lon <= ?")
    for b in boxes:
        for row in conn.execute(sql, (b.min_lat, b.max_lat, b.min_lon, b.max_lon)):
            out[row[0]] = row
    return list(out.values())


def in_places(conn: sqlite3.Connection, place_ids: Iterable[int]) -> list[int]:
    """Row numbers of events at these places."""
    return [r[0] for r in conn.execute(
        "SELECT n FROM events WHERE place_id IN (SELECT value FROM json_each(?))",
        (json.dumps([int(i) for i in place_ids]),))]


def count(conn: sqlite3.Connection) -> int:
    """How many events the store holds."""
    return conn.execute("SELECT count(*) FROM events").fetchone()[0]


def row_dict(row: Sequence[Any]) -> dict[str, Any]:
    """An event row as a JSON-ready dict (actors as a list)."""
    d = dict(zip(EVENT_COLUMNS, row, strict=True))
    d["actors"] = json.loads(d["actors"] or "[]")
    d["date"] = d["date"] or None
    return d


def row_event(row: Sequence[Any], places: dict[int, Place] | None = None) -> Event:
    """An :class:`Event` from a stored row."""
    d = row_dict(row)
    return Event(
        id=d["id"], event_type=d["event_type"], sub_event_type=d["sub_event_type"],
        date=d["date"], time_precision=d["time_precision"], lat=d["lat"], lon=d["lon"],
        geo_precision=d["geo_precision"],
        place=(places or {}).get(d["place_id"]) if d["place_id"] is not None else None,
        actors=tuple(d["actors"]), quantity=d["quantity"], quantity_unit=d["quantity_unit"],
        fatalities=d["fatalities"], text=d["text"], article_id=d["article_id"],
        source=d["source"], source_row=d["source_row"], location=d["location"],
        country=d["country"], admin1=d["admin1"], confidence=d["confidence"],
        claimed=bool(d["claimed"]), claimant=d["claimant"] or "", group=d["grp"] or "")


def group_of(row: Sequence[Any]) -> str:
    """The real event (group id) an event row reports: its ``grp``, else its own id."""
    return row[_AT_GRP] or row[0]


def real_event_rows(rows: Sequence[tuple]) -> list[tuple]:
    """One row per real event among ``rows`` (in the order of each one's first row): the
    report standing for it (:func:`geo.events.corroborate.standing_reports`: the group's
    first report, else its first row here) with the confidence of its rows merged
    (:func:`geo.events.corroborate.merged_confidence`)."""
    from geo.events.corroborate import merged_confidence

    groups: dict[str, list[tuple]] = {}
    for r in rows:
        groups.setdefault(group_of(r), []).append(r)
    out = []
    for gid, group in groups.items():
        lead = list(next((r for r in group if r[0] == gid), group[0]))
        lead[_AT_CONFIDENCE] = merged_confidence(r[_AT_CONFIDENCE] for r in group)
        out.append(tuple(lead))
    return out


def with_source_columns(frame: Any, rows: Sequence[tuple],
                        sources: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]) -> Any:
    """``frame`` (of ``rows``) with each row's real event: ``grp``, how many ``sources``
    report it and which (``source_articles``; ``sources`` as :func:`group_sources` gives)."""
    import pandas as pd

    ids = [sources.get(group_of(r), ((r[_AT_ARTICLE] or r[_AT_SOURCE] or r[0],), ()))[0]
           for r in rows]
    frame["grp"] = [group_of(r) for r in rows]
    frame["sources"] = pd.array([len(i) for i in ids], dtype="Int64")
    frame["source_articles"] = [list(i) for i in ids]
    return frame


def events_frame(rows: Sequence[tuple]) -> Any:
    """A GeoDataFrame (EPSG:4326 points) of event rows: ``date`` as ``datetime64`` days (NaT
    when unknown), ``actors`` as lists, ``event_type`` a categorical over ACLED's types."""
    import geopandas as gpd
    import pandas as pd

    from geo.store.frames import days, json_lists

    df = pd.DataFrame.from_records(list(rows), columns=list(EVENT_COLUMNS))
    df["actors"] = json_lists(df["actors"])
    df["date"] = days(df["date"])
    df["event_type"] = pd.Categorical(df["event_type"], categories=list(EVENT_TYPES))
    for col in ("quantity", "fatalities", "place_id", "source_row"):
        df[col] = df[col].astype("Int64")
    df["confidence"] = df["confidence"].astype("Float64")
    df["claimed"] = df["claimed"].astype(bool)
    geometry = gpd.points_from_xy(df["lon"].astype(float), df["lat"].astype(float))
    return gpd.GeoDataFrame(df, geometry=geometry, crs="EPSG:4326")
