"""Which side of the line of its day an event happened on.

"The line of that day" is the snapshot in force on the event's date: the latest one dated on or
before it, and no more than ``max_gap_days`` older (a line months old says little about a day).
The event's side is ``occupied`` (inside the occupied area), ``grey_zone`` (inside the
contested area and not occupied) or ``held``; its distance is the signed geodesic km to that
line (negative inside the occupied area), measured as ``geo frontline near`` measures it.
Events with no date, with no line in force, or outside the country's border get no side.
"""

from __future__ import annotations

import bisect
import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from geo.errors import InputError
from geo.frontline.model import Snapshot

SIDES = ("occupied", "grey_zone", "held")
#: How a side reads in text (CLI lists and map popups).
SIDE_WORDS = {"occupied": "occupied ground", "grey_zone": "grey zone", "held": "held ground"}
#: Default oldest line used for an event, in days: DeepState publishes about daily, analysts'
#: files weekly to monthly, so a month keeps monthly series usable and no older line is used.
MAX_GAP_DAYS = 31


@dataclass(frozen=True, slots=True)
class Placement:
    """An event against the line of its day; ``side`` None with ``why`` when it has none."""

    side: str | None
    distance_km: float | None
    line_date: _dt.date | None
    why: str = ""

    def describe(self) -> str:
        """One phrase for people: "occupied ground, 3.2 km behind the line of 2025-08-01"
        (the map's event popups say the same, in ``geo/render/js/events.js``)."""
        if self.side is None:
            return f"no side ({self.why})" if self.why else "no side"
        where = SIDE_WORDS[self.side]
        if self.distance_km is not None:
            how = "behind" if self.distance_km < 0 else "from"
            where += f", {abs(self.distance_km):.1f} km {how} the line"
        else:
            where += ", the line"
        return f"{where} of {self.line_date}"

    def to_dict(self) -> dict[str, Any]:
        return {"side": self.side,
                "distance_km": None if self.distance_km is None else round(self.distance_km, 3),
                "line_date": None if self.line_date is None else self.line_date.isoformat(),
                **({"no_side": self.why} if self.why else {})}


def line_of_day(snapshots: Sequence[Snapshot], day: _dt.date,
                max_gap_days: int = MAX_GAP_DAYS) -> Snapshot | None:
    """The snapshot in force on ``day`` (sorted by date: the latest on or before it, among
    several of that date the last by path), or None if there is none within the gap."""
    snaps = sorted(snapshots, key=lambda s: (s.date, s.path))
    i = bisect.bisect_right([s.date for s in snaps], day)
    if i == 0:
        return None
    snap = snaps[i - 1]
    return snap if (day - snap.date).days <= max_gap_days else None


def place_events(
    snapshots: Sequence[Snapshot],
    events: Sequence[tuple[float, float, _dt.date | str | None]],
    *,
    max_gap_days: int = MAX_GAP_DAYS,
    border: Any = None,
    mask: Any = None,
) -> list[Placement]:
    """Each ``(lat, lon, date)`` against the line of its day. ``border``: the country's
    outline (lon/lat; areas are clipped to it and points outside it get no side); ``mask``:
    the shrunk outline the line is cut with (see :func:`geo.frontline.stats.inland`)."""
    import numpy as np
    import shapely

    from geo.frontline.border import clip
    from geo.frontline.stats import distances_to_front

    if max_gap_days < 0:
        raise InputError(f"the gap must be a non-negative number of days, not {max_gap_days}")
    snaps = sorted(snapshots, key=lambda s: (s.date, s.path))
    out: list[Placement | None] = [None] * len(events)
    groups: dict[int, list[int]] = {}
    dates = [s.date for s in snaps]
    for i, (_lat, _lon, day) in enumerate(events):
        d = _as_date(day)
        if d is None:
            out[i] = Placement(None, None, None, "no date")
            continue
        j = bisect.bisect_right(dates, d) - 1
        if j < 0 or (d - dates[j]).days > max_gap_days:
            out[i] = Placement(None, None, None, f"no line within {max_gap_days} days before")
            continue
        groups.setdefault(j, []).append(i)
    for j, idx in groups.items():
        snap = clip(snaps[j], border) if border is not None else snaps[j]
        lats = np.array([events[i][0] for i in idx], dtype=float)
        lons = np.array([events[i][1] for i in idx], dtype=float)
        inside_country = (np.ones(len(idx), bool) if border is None
                          else shapely.covers(border, shapely.points(lons, lats)))
        occ = shapely.covers(snap.occupied, shapely.points(lons, lats)) \
            if not snap.occupied.is_empty else np.zeros(len(idx), bool)
        grey = (shapely.covers(snap.grey_zone, shapely.points(lons, lats))
                if snap.grey_zone is not None and not snap.grey_zone.is_empty
                else np.zeros(len(idx), bool))
        dist: list[float | None] = [None] * len(idx)
        if not snap.occupied.is_empty:
            try:
                dist = list(distances_to_front(snap, list(zip(lats, lons, strict=True)),
                                               country=mask))
            except InputError:  # no line inside the mask: sides still hold
                dist = [None] * len(idx)
        for k, i in enumerate(idx):
            if not inside_country[k]:
                out[i] = Placement(None, None, snap.date, "outside the country's border")
                continue
            side = "occupied" if occ[k] else "grey_zone" if grey[k] else "held"
            out[i] = Placement(side, dist[k], snap.date)
    return [p for p in out if p is not None]


def _as_date(day: _dt.date | str | None) -> _dt.date | None:
    if day is None or isinstance(day, _dt.date):
        return day
    try:
        return _dt.date.fromisoformat(str(day)[:10])
    except ValueError:
        return None


def country_outline(country: str | None, *, gazetteer: Any = None,
                    margin_km: float | None = None) -> tuple[Any, Any]:
    """(the country's outline, that outline shrunk by ``margin_km`` to cut the line with), both
    lon/lat, from the gazetteer's built index; (None, None) without a country or an index
    (then sides are taken unclipped and distances to the whole edge)."""
    from geo.frontline.border import built_gazetteer
    from geo.frontline.stats import INLAND_MARGIN_KM, inland

    if not country:
        return None, None
    gaz = gazetteer if gazetteer is not None else built_gazetteer()
    if gaz is None:
        return None, None
    place = gaz.country(country.upper())
    geom = None if place is None else gaz.region_geometry(place.id)
    if geom is None or geom.is_empty:
        return None, None
    margin = INLAND_MARGIN_KM if margin_km is None else margin_km
    return geom, inland(geom, margin_km=margin)


def place_events_of_day(
    snapshots: Sequence[Snapshot],
    events: Sequence[Any],
    *,
    country: str | None = "UA",
    max_gap_days: int = MAX_GAP_DAYS,
    gazetteer: Any = None,
) -> dict[str, Placement]:
    """``{event id: placement}`` for events (anything with ``id``, ``lat``, ``lon`` and
    ``date``) against the line of each one's day, with the country's outline as ``geo
    frontline near`` uses it: what event lists, exports and map popups show."""
    items = list(events)
    if not items or not snapshots:
        return {}
    border, mask = country_outline(country, gazetteer=gazetteer)
    placed = place_events(snapshots, [(e.lat, e.lon, e.date) for e in items],
                          max_gap_days=max_gap_days, border=border, mask=mask)
    return {e.id: p for e, p in zip(items, placed, strict=True)}
