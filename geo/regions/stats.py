"""Counts of mentions and events per admin region and period (ISO week or month).

An event counts once however many articles report it: the store joins the reports of one
real event (:mod:`geo.events.corroborate`), and :func:`event_points` of those real events
weighs each 1, carrying its number of reports beside it (the ``reports`` column), in the
region and period of the report that stands for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from geo.errors import InputError
from geo.model import Event
from geo.regions.areas import LEVELS, AdminAreas, Region
from geo.regions.join import DEFAULT_MAX_KM, join_points, levels_of_kind

#: Period granularities.
PERIODS = ("week", "month")
UNDATED = "undated"


def period_of(date: str | None, by: str) -> str:
    """The ISO period of a ``YYYY-MM-DD`` day: ``2025-W34`` (ISO week) or ``2025-08``;
    ``"undated"`` when there is no valid date."""
    if by not in PERIODS:
        raise InputError(f"unknown period {by!r}; known: {', '.join(PERIODS)}")
    try:
        day = dt.date.fromisoformat(str(date)[:10]) if date else None
    except ValueError:
        day = None
    if day is None:
        return UNDATED
    if by == "month":
        return f"{day.year:04d}-{day.month:02d}"
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


@dataclass(frozen=True, slots=True)
class Points:
    """Weighted points to count: one entry per (place, date) or per event."""

    lats: tuple[float, ...] = ()
    lons: tuple[float, ...] = ()
    kinds: tuple[str | None, ...] = ()  # place kind (restricts levels), None when unknown
    dates: tuple[str | None, ...] = ()
    weights: tuple[int, ...] = ()
    #: (cc, admin-1 code) the point was resolved to, when known: counted there, not by the
    #: point-in-polygon join on simplified outlines (a town near a border lands across it)
    units: tuple[tuple[str, str] | None, ...] = ()
    #: per point, how many reports (articles or dataset rows) it stands for; empty: one each
    reports: tuple[int, ...] = ()

    def __len__(self) -> int:
        return len(self.lats)

    @property
    def total(self) -> int:
        return sum(self.weights)


def event_points(events: Iterable[Event]) -> Points:
    """Points of events (their own lat/lon; the place's kind when they have one), one per
    event, each with its number of reports: ``len(event.sources)`` for a real event the store
    joined (its sources are its reports: the store never joins two reports of one article or
    two dataset rows, :func:`geo.store.event_queries.join_group`), 1 for a lone report."""
    evs = list(events)
    return Points(tuple(e.lat for e in evs), tuple(e.lon for e in evs),
                  tuple(e.place.kind if e.place is not None else None for e in evs),
                  tuple(e.date for e in evs), tuple(1 for _ in evs),
                  tuple(_unit(e.place) for e in evs),
                  tuple(max(1, len(e.sources)) for e in evs))


def _unit(place: Any) -> tuple[str, str] | None:
    cc, code = getattr(place, "cc", None), getattr(place, "admin1", None)
    return (cc, code) if cc and code else None


def mention_points(rows: Iterable[tuple[int, str | None]], places: dict[int, Any]) -> Points:
    """Points of mentions from ``(place_id, date)`` rows and ``{place_id: Place}``, summed per
    (place, date) so a place mentioned 10,000 times is joined once per day."""
    sums: dict[tuple[int, str | None], int] = {}
    for pid, date in rows:
        key = (pid, date or None)
        sums[key] = sums.get(key, 0) + 1
    keys = [k for k in sums if k[0] in places]
    return Points(tuple(places[p].lat for p, _ in keys), tuple(places[p].lon for p, _ in keys),
                  tuple(places[p].kind for p, _ in keys), tuple(d for _, d in keys),
                  tuple(sums[k] for k in keys), tuple(_unit(places[p]) for p, _ in keys))


@dataclass(frozen=True, slots=True)
class RegionCount:
    """Mentions and events in one region during one period: ``events`` counts real events
    (one however many articles report it), ``reports`` the reports of those events."""

    region: Region
    period: str
    mentions: int = 0
    events: int = 0
    reports: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {**self.region.to_dict(), "period": self.period, "mentions": self.mentions,
                "events": self.events, "reports": self.reports}


@dataclass(frozen=True, slots=True)
class RegionStats:
    """Rows sorted by region then period, and what could not be placed at this level."""

    level: str
    by: str
    rows: tuple[RegionCount, ...]
    #: what no unit took: "mentions", "events" (real events) and "reports" -> count
    unplaced: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "by": self.by, "rows": [r.to_dict() for r in self.rows],
                "unplaced": dict(self.unplaced)}


def _resolved_units(areas: AdminAreas, pts: Points, rows: list[int]) -> list[int]:
    """The joined admin-1 rows, with each point that carries its resolved unit moved there."""
    if not any(pts.units):
        return rows
    by_code = {(r.cc, r.code): i for i in areas.rows_of("admin1")
               for r in (areas.region(i),)}
    out = list(rows)
    for k, unit in enumerate(pts.units):
        if unit is not None and unit in by_code and "admin1" in levels_of_kind(pts.kinds[k]):
            out[k] = by_code[unit]
    return out


def region_stats(
    areas: AdminAreas,
    *,
    mentions: Points | None = None,
    events: Points | None = None,
    level: str = "admin1",
    by: str = "month",
    only: Sequence[int] | None = None,
    max_km: float = DEFAULT_MAX_KM,
) -> RegionStats:
    """Count ``mentions`` and ``events`` per unit of ``level`` and per period (``by``);
    ``events`` (real events, :func:`event_points`) also give each cell its ``reports``.

    ``only`` keeps the units in these frame rows. Points no unit of ``level`` takes (a
    country-wide mention at admin-1 level, the sea) are summed in ``unplaced``.
    """
    if level not in LEVELS:
        raise InputError(f"unknown level {level!r}; known: {', '.join(LEVELS)}")
    if by not in PERIODS:
        raise InputError(f"unknown period {by!r}; known: {', '.join(PERIODS)}")
    keep = None if only is None else set(int(i) for i in only)
    cells: dict[tuple[int, str], list[int]] = {}
    unplaced: dict[str, int] = {}
    for slot, what, pts in ((0, "mentions", mentions), (1, "events", events)):
        if pts is None:
            continue
        unplaced[what] = 0
        if what == "events":
            unplaced["reports"] = 0
        if not len(pts):
            continue
        joined = join_points(areas, pts.lats, pts.lons, kinds=pts.kinds, max_km=max_km)
        rows = joined.admin1 if level == "admin1" else joined.country
        rows = _resolved_units(areas, pts, rows.tolist()) if level == "admin1" else rows.tolist()
        reports = pts.reports or pts.weights
        for row, date, w, n in zip(rows, pts.dates, pts.weights, reports, strict=True):
            if row < 0:
                unplaced[what] += w
                if what == "events":
                    unplaced["reports"] += n
                continue
            if keep is not None and row not in keep:
                continue
            cell = cells.setdefault((row, period_of(date, by)), [0, 0, 0])
            cell[slot] += w
            if what == "events":
                cell[2] += n
    totals: dict[int, int] = {}
    for (row, _), c in cells.items():
        totals[row] = totals.get(row, 0) + c[0] + c[1]
    regions = {row: areas.region(row) for row in totals}
    keys = sorted(cells, key=lambda k: (-totals[k[0]], regions[k[0]].label, k[1] == UNDATED, k[1]))
    out = [RegionCount(regions[row], period, *cells[(row, period)]) for row, period in keys]
    return RegionStats(level, by, tuple(out), unplaced)

