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
