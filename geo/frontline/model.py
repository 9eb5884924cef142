"""Records of the front-line stage: dated snapshots of occupied territory and their change.

Geometries are shapely objects in longitude/latitude (EPSG:4326, x = lon, y = lat); areas and
distances are always in km and always computed in a projection (see :mod:`geo.frontline.stats`).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # shapely is imported only where geometry is built
    from shapely.geometry.base import BaseGeometry

    from geo.model import Place

#: Canonical layer names a snapshot may carry.
LAYERS = ("occupied", "grey_zone", "liberated", "attack_direction", "units", "lines", "other")


@dataclass(frozen=True, slots=True)
class Layer:
    """One named layer of a snapshot: the union of its features, and how many there were."""

    name: str  # one of LAYERS
    geometry: BaseGeometry
    count: int
    keys: tuple[str, ...] = ()  # the raw layer keys/names found in the file


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Occupied territory on one date, as one source drew it.

    ``occupied`` is the union of every occupied polygon (repaired, 2-D); ``grey_zone`` the union
    of the contested ("unknown status") polygons or ``None``; ``layers`` every layer found,
    including points (attack directions, units) that carry no area. ``notes`` lists what was
    repaired, skipped or assumed while reading, so nothing is dropped silently.
    """

    date: _dt.date
    occupied: BaseGeometry
    grey_zone: BaseGeometry | None
    source: str
    layers: tuple[Layer, ...] = ()
    path: str = ""
    date_from: str = ""  # "property", "file name", "--date"
    notes: tuple[str, ...] = field(default=())
    #: Areas the source draws apart as occupied before 24 Feb 2022 (Crimea, ORDLO; DeepState's
    #: "territories", which also hold other countries' areas that clipping leaves out), part of
    #: ``occupied`` too; None when it draws none apart (then "since 2022" is unknown).
    occupied_before_2022: BaseGeometry | None = None

    def layer(self, name: str) -> Layer | None:
        """The layer called ``name``, or None."""
        return next((lyr for lyr in self.layers if lyr.name == name), None)


@dataclass(frozen=True, slots=True)
class AreaRow:
    """Occupied (and grey-zone) area of one snapshot, inside the country's border when known.

    ``occupied_since_2022_km2`` leaves out the areas the source draws apart as occupied before
    24 Feb 2022 (None when it draws none apart); ``outside_km2`` is what the source drew as
    occupied outside the border and clipping left out.
    """

    date: _dt.date
    source: str
    path: str
    occupied_km2: float
    grey_zone_km2: float | None
    pct_of_country: float | None
    occupied_since_2022_km2: float | None = None
    outside_km2: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "source": self.source,
            "path": self.path,
            "occupied_km2": round(self.occupied_km2, 1),
            "occupied_since_2022_km2": _r(self.occupied_since_2022_km2, 1),
            "grey_zone_km2": _r(self.grey_zone_km2, 1),
            "pct_of_country": _r(self.pct_of_country, 3),
            "outside_border_km2": round(self.outside_km2, 1),
        }


@dataclass(frozen=True, slots=True)
class RegionChange:
    """Occupied area gained and lost inside one admin-1 unit (oblast) between two dates."""

    region: str
    gained_km2: float
    lost_km2: float

    @property
    def net_km2(self) -> float:
        return self.gained_km2 - self.lost_km2

    def to_dict(self) -> dict[str, Any]:
        return {"region": self.region, "gained_km2": round(self.gained_km2, 1),
                "lost_km2": round(self.lost_km2, 1), "net_km2": round(self.net_km2, 1)}


@dataclass(frozen=True, slots=True)
class Change:
    """How the occupied area changed from one date to a later one.

    ``gained_km2`` is the area of (new minus old): newly occupied; ``lost_km2`` of (old minus new):
    no longer occupied; ``net_km2`` = new area minus old area = gained minus lost. ``regions``:
    the same per admin-1 unit, when asked for.
    """

    start: _dt.date
    end: _dt.date
    gained_km2: float
    lost_km2: float
    net_km2: float
    gained_pct: float | None = None
    lost_pct: float | None = None
    net_pct: float | None = None
    regions: tuple[RegionChange, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "days": (self.end - self.start).days,
            "gained_km2": round(self.gained_km2, 1),
            "lost_km2": round(self.lost_km2, 1),
            "net_km2": round(self.net_km2, 1),
            "gained_pct": _r(self.gained_pct, 3),
            "lost_pct": _r(self.lost_pct, 3),
            "net_pct": _r(self.net_pct, 3),
        }
        if self.regions:
            d["regions"] = [r.to_dict() for r in self.regions]
        return d


@dataclass(frozen=True, slots=True)
class PeriodRow:
    """One month or week: the snapshot in force at its end, and the change from the previous
    period's (None for the first period)."""

    period: str  # "2024-05" or "2024-W19"
    area: AreaRow
    change: Change | None

    def to_dict(self) -> dict[str, Any]:
        return {"period": self.period, **self.area.to_dict(),
                "change": None if self.change is None else self.change.to_dict()}


@dataclass(frozen=True, slots=True)
class CountryArea:
    """The area a percentage refers to, and where the figure comes from."""

    cc: str
    km2: float
    basis: str  # e.g. "official figure (incl. Crimea)" or "gazetteer polygon"


@dataclass(frozen=True, slots=True)
class FrontStats:
    """Everything ``geo frontline stats`` reports."""

    areas: tuple[AreaRow, ...]
    steps: tuple[Change, ...]  # between consecutive dates
    overall: Change | None  # first to last date (None with one snapshot)
    country: CountryArea | None
    projection: str  # PROJ string of the equal-area CRS used
    border: str | None = None  # what areas were clipped to (None: not clipped)
    by: str | None = None  # "month" or "week" when ``periods`` is filled
    periods: tuple[PeriodRow, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "projection": self.projection,
            "country": None if self.country is None else {
                "cc": self.country.cc, "km2": self.country.km2, "basis": self.country.basis},
            "clipped_to": self.border,
            "areas": [a.to_dict() for a in self.areas],
            "changes": [c.to_dict() for c in self.steps],
            "overall": None if self.overall is None else self.overall.to_dict(),
        }
        if self.by:
            d["by"] = self.by
            d["periods"] = [p.to_dict() for p in self.periods]
        return d


@dataclass(frozen=True, slots=True)
class NearFront:
    """A place and its distance to the edge of the occupied area (negative: inside it)."""

    place: Place
    distance_km: float

    @property
    def occupied(self) -> bool:
        return self.distance_km < 0

    def to_dict(self) -> dict[str, Any]:
        d = self.place.to_dict()
        d.update(distance_km=round(self.distance_km, 3), occupied=self.occupied)
        return d


def _r(x: float | None, nd: int) -> float | None:
    return None if x is None else round(x, nd)
