"""Distances to the front line of one snapshot: given points or place names, every place and
event of a mention store, and the gazetteer's settlements along the line.

What ``geo frontline near`` reports; the measuring itself is :mod:`geo.frontline.stats`.
The "front line" is the edge of the occupied area inland of a country's border and coasts
(``country``, default Ukraine, shrunk by ``margin_km``), so that a coastal town is not "at the
front" because the occupied area ends at the sea.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field
from typing import Any

from geo.errors import InputError
from geo.frontline.border import built_gazetteer
from geo.frontline.model import NearFront, Snapshot
from geo.frontline.sides import MAX_GAP_DAYS
from geo.frontline.sides import SIDES as EVENT_SIDES
from geo.frontline.stats import INLAND_MARGIN_KM
from geo.model import Place

SIDES = ("both", "inside", "outside")
#: ``front_line`` itself keeps ~0.01° (about 1 km) off the country's outline.
_FRONT_LINE_SHRINK_KM = 1.0


@dataclass(frozen=True, slots=True)
class NearRequest:
    """What to measure: points or names (``at``), a store (``db``), settlements within a
    distance; which snapshot (``day``: on or before it), side and distance filters."""

    at: tuple[tuple[float, float] | str, ...] = ()
    day: _dt.date | None = None
    db: str | None = None
    settlements_km: float | None = None
    side: str = "both"
    within_km: float | None = None
    country: str | None = "UA"
    margin_km: float = INLAND_MARGIN_KM
    max_gap_days: int = MAX_GAP_DAYS  # oldest line of an event's day
    event_side: str | None = None  # only events on this side of the line of their day


@dataclass(frozen=True, slots=True)
class PointDistance:
    """A point asked for (by coordinates or by name) and its distance to the line."""

    lat: float
    lon: float
    distance_km: float
    name: str | None = None  # the name given to --at
    place: Place | None = None  # what the name resolved to

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"lat": self.lat, "lon": self.lon,
                             "distance_km": round(self.distance_km, 3),
                             "occupied": self.distance_km < 0}
        if self.name is not None:
            d["name"] = self.name
            d["place"] = None if self.place is None else self.place.to_dict()
        return d


@dataclass(frozen=True, slots=True)
class PlaceDistance:
    """A place of the store with its mention counts and distance to the line."""

    place: Place
    mentions: int
    articles: int
    first_seen: str | None
    last_seen: str | None
    distance_km: float

    def to_dict(self) -> dict[str, Any]:
        d = self.place.to_dict()
        d.update(mentions=self.mentions, articles=self.articles, first_seen=self.first_seen,
                 last_seen=self.last_seen, distance_km=round(self.distance_km, 3),
                 occupied=self.distance_km < 0)
        return d


@dataclass(frozen=True, slots=True)
class EventDistance:
    """A stored event and its distance to the line."""

    id: str
    event_type: str
    sub_event_type: str
    date: str | None
    location: str
    lat: float
    lon: float
    place_id: int | None
    article_id: str | None
    distance_km: float | None  # None: a dated event with no line in force on its day
    side: str | None = None  # against the line of the event's day (None: no such line)
    line_date: _dt.date | None = None  # the date of that line
    no_side: str = ""  # why there is no side
    #: how many reports (articles, a dataset row) the store joined into this real event
    sources: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "event_type": self.event_type,
                "sub_event_type": self.sub_event_type, "date": self.date,
                "location": self.location, "lat": self.lat, "lon": self.lon,
                "place_id": self.place_id, "article_id": self.article_id,
                "distance_km": None if self.distance_km is None else round(self.distance_km, 3),
                "occupied": None if self.distance_km is None else self.distance_km < 0,
                "side": self.side,
                "line_date": None if self.line_date is None else self.line_date.isoformat(),
                "sources": self.sources,
                **({"no_side": self.no_side} if self.no_side else {})}


@dataclass(frozen=True, slots=True)
class NearReport:
    """Everything ``geo frontline near`` prints; sections not asked for are None."""

    snapshot: Snapshot
    country: str | None  # whose border and coasts were left out of the line (None: whole edge)
    inland_km: float | None
    points: tuple[PointDistance, ...] = ()
    db: str | None = None
    places: tuple[PlaceDistance, ...] | None = None
    events: tuple[EventDistance, ...] | None = None
    settlements_km: float | None = None
    settlements: tuple[NearFront, ...] | None = None
    warnings: tuple[str, ...] = field(default=())

    @property
    def edge_label(self) -> str:
        if self.country is None:
            return "the edge of the occupied area (coasts and borders included)"
        return (f"the front line (the occupied area's edge, ~{self.inland_km:g} km or more "
                f"inland of {self.country}'s border and coasts)")

    def to_dict(self) -> dict[str, Any]:
        s = self.snapshot
        d: dict[str, Any] = {
            "date": s.date.isoformat(), "source": s.source, "path": s.path,
            "edge": {"country": self.country, "inland_km": self.inland_km},
            "points": [p.to_dict() for p in self.points],
        }
        if self.places is not None:
            d["db"] = self.db
            d["places"] = [p.to_dict() for p in self.places]
            d["events"] = [e.to_dict() for e in self.events or ()]
        if self.settlements is not None:
            d["settlements_km"] = self.settlements_km
            d["settlements"] = [n.to_dict() for n in self.settlements]
        d["warnings"] = list(self.warnings)
        return d


def measure(snapshots: list[Snapshot], request: NearRequest, *,
            gazetteer: Any = None) -> NearReport:
    """Answer ``request`` against the snapshot on or before ``request.day`` (the latest).

    The gazetteer (``geo.pipeline.default_gazetteer()`` unless given) resolves names, lists
    settlements and gives the country outline; with only coordinates and no built index the
    line falls back to the whole edge, with a warning. Bad input raises :class:`InputError`.
    """
    from geo.frontline.stats import distances_to_front, settlements_along_front

    req = request
    if req.side not in SIDES:
        raise InputError(f"side must be one of {', '.join(SIDES)}, not {req.side!r}")
    if req.event_side is not None and req.event_side not in EVENT_SIDES:
        raise InputError(f"event side must be one of {', '.join(EVENT_SIDES)}, "
                         f"not {req.event_side!r}")
    warnings: list[str] = []
    snap = _pick(snapshots, req.day, warnings)
    needs_gaz = req.settlements_km is not None or any(isinstance(a, str) for a in req.at)
    if gazetteer is None and needs_gaz:
        from geo.pipeline import default_gazetteer

        gazetteer = default_gazetteer()
    country, mask, border = _mask(snap, req, gazetteer, warnings)

    named = [resolve_name(gazetteer, a) if isinstance(a, str) else None for a in req.at]
    coords = [(p.lat, p.lon) if p is not None else a for a, p in zip(req.at, named, strict=True)]
    dists = distances_to_front(snap, coords, country=mask)  # type: ignore[arg-type]
    points = tuple(
        PointDistance(lat, lon, d, a if isinstance(a, str) else None, p)
        for a, p, (lat, lon), d in zip(req.at, named, coords, dists, strict=True)
        if _keep(d, req))

    places = events = None
    if req.db is not None:
        places, events = _from_store(snapshots, snap, req, mask, border)
    settlements = None
    if req.settlements_km is not None:
        settlements = tuple(settlements_along_front(
            snap, gazetteer, req.settlements_km, side=req.side, country=mask))
    return NearReport(snap, country, None if country is None else
                      req.margin_km + _FRONT_LINE_SHRINK_KM, points, req.db, places, events,
                      req.settlements_km, settlements, tuple(warnings))


def resolve_name(gazetteer: Any, name: str) -> Place:
    """The place a name means (the gazetteer's best exact or alternate match); an unknown
    name, or one that only matches fuzzily, raises InputError with suggestions."""
    found = gazetteer.lookup(name, limit=5)
    if found and found[0].match != "fuzzy":
        return found[0].place
    names = list(dict.fromkeys(c.place.name for c in found))
    hint = f"; did you mean: {', '.join(names)}?" if names else ""
    raise InputError(f"unknown place {name!r}{hint}")


def _pick(snapshots: list[Snapshot], day: _dt.date | None, warnings: list[str]) -> Snapshot:
    from geo.frontline.stats import snapshot_on

    if not snapshots:
        raise InputError("no snapshot to measure from")
    snap = snapshot_on(snapshots, day)
    if snap is None:
        first = min(s.date for s in snapshots)
        raise InputError(f"no snapshot on or before {day} (the earliest is {first})")
    same = [s for s in snapshots if s.date == snap.date]
    if len(same) > 1:
        warnings.append(f"{len(same)} snapshots dated {snap.date}; using {snap.path}")
    return snap


def _mask(snap: Snapshot, req: NearRequest, gazetteer: Any,
          warnings: list[str]) -> tuple[str | None, Any, Any]:
    """(country code, shrunk country polygon to cut the line with, the country's outline), or
    (None, None, None)."""
    from geo.frontline.sides import country_outline
    from geo.frontline.stats import front_line

    if req.country is None:
        return None, None, None
    cc = req.country.upper()
    gaz = gazetteer if gazetteer is not None else built_gazetteer()
    whole = "measuring to the whole edge of the occupied area (coasts and borders included)"
    if gaz is None:
        warnings.append(f"no gazetteer index for {cc}'s outline: {whole}")
        return None, None, None
    geom, mask = country_outline(cc, gazetteer=gaz, margin_km=req.margin_km)
    if geom is None:
        warnings.append(f"the gazetteer has no outline of {cc}: {whole}")
        return None, None, None
    if front_line(snap, country=mask).is_empty:
        warnings.append(f"the occupied area has no edge inside {cc}: {whole}")
        return None, None, geom
    return cc, mask, geom


def _real_events(rows: list[tuple]) -> tuple[list[tuple], dict[str, int]]:
    """Of stored event rows, the one standing for each real event
    (:func:`geo.store.event_queries.real_event_rows`) and {its id: how many rows report it}."""
    from collections import Counter

    from geo.store.event_queries import group_of, real_event_rows

    counts = Counter(group_of(r) for r in rows)
    leads = real_event_rows(rows)
    return leads, {r[0]: counts[group_of(r)] for r in leads}


def _keep(d: float | None, req: NearRequest) -> bool:
    if d is None:  # no line in force: listed only when nothing about distance is asked
        return req.within_km is None and req.side == "both"
    if req.within_km is not None and abs(d) > req.within_km:
        return False
    return req.side == "both" or (req.side == "inside") == (d < 0)


def _from_store(snapshots: list[Snapshot], snap: Snapshot, req: NearRequest, mask: Any,
                border: Any) -> tuple[tuple[PlaceDistance, ...], tuple[EventDistance, ...]]:
    """Places against the chosen snapshot; events against the line of their own day (the
    chosen snapshot for events that have none), one per real event: the report standing
    for it (:mod:`geo.events.corroborate`) with the number of its reports."""
    from geo.frontline.sides import place_events
    from geo.frontline.stats import distances_to_front
    from geo.store import Store
    from geo.store.queries import Filters

    with Store(req.db, create=False) as store:  # type: ignore[arg-type]
        prow = store.place_rows(Filters())
        erow, reports = _real_events(store.event_rows())
    pd = distances_to_front(snap, [(r[7], r[8]) for r in prow], country=mask)
    places = [PlaceDistance(Place(id=r[0], name=r[1], kind=r[2], cc=r[3], admin1=r[4],
                                  admin1_name=r[5], lat=r[7], lon=r[8], population=r[6]),
                            r[9], r[10], r[11], r[12], d)
              for r, d in zip(prow, pd, strict=True) if _keep(d, req)]
    ed = distances_to_front(snap, [(r[5], r[6]) for r in erow], country=mask)
    placed = place_events(snapshots, [(r[5], r[6], r[3]) for r in erow],
                          max_gap_days=req.max_gap_days, border=border, mask=mask)
    events = []
    for r, d, p in zip(erow, ed, placed, strict=True):
        # a dated event with no line of its day has no distance (not one to a later line)
        dist = p.distance_km if p.distance_km is not None else d if p.line_date is not None \
            or r[3] is None else None
        if not _keep(dist, req) or (req.event_side is not None and p.side != req.event_side):
            continue
        events.append(EventDistance(r[0], r[1], r[2], r[3] or None, r[9] or "", r[5], r[6],
                                    r[8], r[17], dist, p.side, p.line_date, p.why,
                                    reports[r[0]]))
    places.sort(key=lambda p: (abs(p.distance_km), -p.mentions, p.place.name))
    events.sort(key=lambda e: (math.inf if e.distance_km is None else abs(e.distance_km),
                               e.date or "", e.id))
    return tuple(places), tuple(events)
