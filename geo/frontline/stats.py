"""Areas, changes and distances of front-line snapshots, in km.

Areas are measured in a Lambert azimuthal equal-area projection (exactly equal-area on the WGS84
ellipsoid): centred on lat 48.5, lon 32 for Ukraine (``country="UA"``), otherwise on the centre of
the snapshots' combined bounding box, one projection for the whole run so that dates compare.
Edges are densified (0.05°) before projecting, so a side drawn along a parallel stays one.

Distances to the front are geodesic (WGS84, ``pyproj.Geod``) between a point and its nearest
point on the occupied area's edge, the nearest point found in the same projection. They are
negative inside the occupied area. The edge is the whole boundary of the occupied area, which
includes coasts and the state border unless ``country`` geometry is given to
:func:`front_line` (then only the part inland of that border counts).
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from geo.errors import InputError
from geo.frontline.model import (
    AreaRow,
    Change,
    CountryArea,
    FrontStats,
    NearFront,
    PeriodRow,
    RegionChange,
    Snapshot,
)
from geo.geodesy import deg_lat, deg_lon, distances_km

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geo.frontline.border import Border
    from geo.frontline.measure import Measured
    from geo.model import Place

#: Projection centres (lat, lon) of countries with a fixed one.
CENTRES = {"UA": (48.5, 32.0)}
#: Periods of ``--by``.
PERIODS = ("month", "week")
#: Official areas used for percentages when no country polygon is available.
OFFICIAL_AREA_KM2 = {
    "UA": (603_628.0, "official figure, State Statistics Service of Ukraine, incl. Crimea"),
}
_DENSIFY_DEG = 0.05
#: How far inland of a country's border and coasts the front line starts, in km (see
#: :func:`inland`): sources draw coasts and borders a few km off the gazetteer's outline.
INLAND_MARGIN_KM = 4.0


def equal_area_crs(lat0: float, lon0: float) -> str:
    """PROJ string of a Lambert azimuthal equal-area projection centred on (lat0, lon0)."""
    return f"+proj=laea +lat_0={lat0:g} +lon_0={lon0:g} +datum=WGS84 +units=m +no_defs"


@lru_cache(maxsize=16)
def _transformer(crs: str, inverse: bool = False):
    import pyproj

    src, dst = ("EPSG:4326", crs) if not inverse else (crs, "EPSG:4326")
    return pyproj.Transformer.from_crs(src, dst, always_xy=True)


def project(geom: BaseGeometry, crs: str, *, densify: bool = True) -> BaseGeometry:
    """``geom`` (lon/lat) in ``crs`` (metres); long edges densified first."""
    import numpy as np
    import shapely

    if densify and geom.geom_type not in ("Point", "MultiPoint"):
        geom = shapely.segmentize(geom, _DENSIFY_DEG)
    tr = _transformer(crs)
    return shapely.transform(geom, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))


def area_km2(geom: BaseGeometry | None, *, crs: str | None = None) -> float:
    """Area of a lon/lat geometry in km² (equal-area; centred on the geometry unless ``crs``)."""
    if geom is None or geom.is_empty:
        return 0.0
    crs = crs or _centred_crs([geom])
    return project(geom, crs).area / 1e6


def _centred_crs(geoms: Iterable[BaseGeometry]) -> str:
    xs0, ys0, xs1, ys1 = [], [], [], []
    for g in geoms:
        if g is None or g.is_empty:
            continue
        a, b, c, d = g.bounds
        xs0.append(a)
        ys0.append(b)
        xs1.append(c)
        ys1.append(d)
    if not xs0:
        return equal_area_crs(0.0, 0.0)
    return equal_area_crs(round((min(ys0) + max(ys1)) / 2, 3), round((min(xs0) + max(xs1)) / 2, 3))


def stats_crs(snapshots: Sequence[Snapshot], country: str | None) -> str:
    """The equal-area CRS ``compute_stats`` uses for these snapshots and country."""
    cc = (country or "").upper()
    if cc in CENTRES:
        return equal_area_crs(*CENTRES[cc])
    return _centred_crs(s.occupied for s in snapshots)


def country_area(cc: str | None, *, geometry: BaseGeometry | None = None,
                 crs: str | None = None) -> CountryArea | None:
    """The area percentages refer to: a given country polygon, else the official figure; None
    for a country we know neither of. (With a border, :func:`stats_from_measured` uses the
    border's own area, so that a percentage compares like with like.)"""
    if not cc:
        return None
    cc = cc.upper()
    if geometry is not None and not geometry.is_empty:
        return CountryArea(cc, round(area_km2(geometry, crs=crs), 1), "country polygon given")
    if cc in OFFICIAL_AREA_KM2:
        km2, basis = OFFICIAL_AREA_KM2[cc]
        return CountryArea(cc, km2, basis)
    return None


def compute_stats(
    snapshots: Sequence[Snapshot],
    *,
    country: str | None = "UA",
    country_geometry: BaseGeometry | None = None,
    border: Border | bool | None = None,
    by: str | None = None,
    by_region: bool = False,
) -> FrontStats:
    """Occupied area per snapshot inside the country's border and its change between
    consecutive dates, first to last and (``by`` "month"/"week") per period.

    The border is ``country_geometry`` if given, else ``border`` (a :class:`Border`; ``False``
    for none), else the gazetteer's outline of ``country`` when there is one.
    """
    from geo.frontline.measure import Setup, measure_snapshot

    if not snapshots:
        raise InputError("no snapshots to measure")
    snaps = sorted(snapshots, key=lambda s: (s.date, s.path))
    crs = stats_crs(snaps, country)
    bd = resolve_border(country, country_geometry, border)
    setup = Setup(crs, None if bd is None else bd.geometry)
    return stats_from_measured([measure_snapshot(s, setup) for s in snaps], country=country,
                               crs=crs, border=bd, by=by, by_region=by_region)


def resolve_border(country: str | None, geometry: BaseGeometry | None,
                   border: Border | bool | None, warnings: list[str] | None = None
                   ) -> Border | None:
    """The border to clip to: a given polygon, a given :class:`Border`, or the gazetteer's."""
    from geo.frontline.border import Border, country_border

    if geometry is not None:
        return Border((country or "").upper(), geometry, "country polygon given")
    if isinstance(border, Border):
        return border
    if border is False or not country:
        return None
    return country_border(country, warnings=warnings)


def stats_from_measured(
    measured: Sequence[Measured],
    *,
    country: str | None,
    crs: str,
    border: Border | None,
    by: str | None = None,
    by_region: bool = False,
) -> FrontStats:
    """:class:`FrontStats` of measured snapshots (sorted by date)."""
    if not measured:
        raise InputError("no snapshots to measure")
    if by is not None and by not in PERIODS:
        raise InputError(f"unknown period {by!r}; known: {', '.join(PERIODS)}")
    ms = sorted(measured, key=lambda m: (m.date, m.path))
    if border is not None:
        carea: CountryArea | None = CountryArea(
            border.cc, round(area_km2(border.geometry, crs=crs), 1), border.basis)
    else:
        carea = country_area(country, crs=crs)
    regions = _project_regions(border, crs) if by_region and border is not None else ()
    areas = tuple(_area_row(m, carea) for m in ms)
    periods: tuple[PeriodRow, ...] = ()
    if by is not None:
        periods = _periods(ms, by, carea, regions)
        steps: tuple[Change, ...] = tuple(p.change for p in periods if p.change is not None)
    else:
        steps = tuple(_change(ms[i], ms[i + 1], carea, regions) for i in range(len(ms) - 1))
    overall = None
    if len(ms) == 2 and by is None:
        overall = steps[0]
    elif len(ms) > 1:
        overall = _change(ms[0], ms[-1], carea, regions)
    return FrontStats(areas, steps, overall, carea, crs,
                      None if border is None else f"{border.cc} ({border.basis})", by, periods)


def _area_row(m: Measured, carea: CountryArea | None) -> AreaRow:
    return AreaRow(m.date, m.source, m.path, m.occupied_km2, m.grey_zone_km2,
                   _pct(m.occupied_km2, carea), m.occupied_since_2022_km2, m.outside_km2)


def _periods(ms: Sequence[Measured], by: str, carea: CountryArea | None,
             regions: Sequence[tuple[str, Any]]) -> tuple[PeriodRow, ...]:
    """One row per period with a snapshot: the last snapshot in it, and the change from the
    previous such period's last snapshot."""
    last: dict[str, Measured] = {}
    for m in ms:
        last[period_of(m.date, by)] = m  # sorted by date: the last one wins
    rows = []
    prev: Measured | None = None
    for period, m in last.items():
        change = None if prev is None else _change(prev, m, carea, regions)
        rows.append(PeriodRow(period, _area_row(m, carea), change))
        prev = m
    return tuple(rows)


def period_of(day: _dt.date, by: str) -> str:
    """``2024-05`` (month) or ``2024-W19`` (ISO week) of a date."""
    if by == "month":
        return f"{day.year:04d}-{day.month:02d}"
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _project_regions(border: Border, crs: str) -> tuple[tuple[str, Any], ...]:
    import shapely

    out = []
    for name, geom in border.regions:
        g = project(geom, crs)
        shapely.prepare(g)
        out.append((name, g))
    return tuple(out)


def _change(old: Measured, new: Measured, carea: CountryArea | None,
            regions: Sequence[tuple[str, Any]] = ()) -> Change:
    if new.geometry is old.geometry:  # copies of one file (measure.same_bytes): no change
        import shapely

        g_gain = g_lost = shapely.MultiPolygon()
    else:
        g_gain = new.geometry.difference(old.geometry)
        g_lost = old.geometry.difference(new.geometry)
    gained, lost = g_gain.area / 1e6, g_lost.area / 1e6
    net = new.occupied_km2 - old.occupied_km2
    per_region = _by_region(g_gain, g_lost, regions) if regions else ()
    return Change(old.date, new.date, gained, lost, net,
                  _pct(gained, carea), _pct(lost, carea), _pct(net, carea), per_region)


def _by_region(gain: BaseGeometry, lost: BaseGeometry,
               regions: Sequence[tuple[str, Any]]) -> tuple[RegionChange, ...]:
    """Gained and lost km² per admin-1 unit (units where neither is 0.05 km² or more left out:
    slivers of a border drawn differently)."""
    import shapely

    out = []
    for name, geom in regions:
        g = shapely.intersection(geom, gain).area / 1e6 if geom.intersects(gain) else 0.0
        lo = shapely.intersection(geom, lost).area / 1e6 if geom.intersects(lost) else 0.0
        if g >= 0.05 or lo >= 0.05:
            out.append(RegionChange(name, g, lo))
    out.sort(key=lambda r: -(r.gained_km2 + r.lost_km2))
    return tuple(out)


def change_between(old: Snapshot, new: Snapshot, *, crs: str | None = None) -> Change:
    """Gained, lost and net occupied area from ``old`` to ``new`` (no percentages, no
    clipping)."""
    from geo.frontline.measure import Setup, measure_snapshot

    setup = Setup(crs or stats_crs([old, new], None), None)
    return _change(measure_snapshot(old, setup), measure_snapshot(new, setup), None)


def _pct(km2: float, carea: CountryArea | None) -> float | None:
    return None if carea is None or carea.km2 <= 0 else 100.0 * km2 / carea.km2


# --- distances -----------------------------------------------------------------------------


def front_line(snapshot: Snapshot, *, country: BaseGeometry | None = None) -> BaseGeometry:
    """The edge of the occupied area (lon/lat lines); with ``country`` only its part inside
    that polygon (shrunk by ~1 km), which drops coasts and the state border."""
    edge = snapshot.occupied.boundary
    if country is not None:
        edge = edge.intersection(country.buffer(-0.01))
    return edge


class _FrontIndex:
    """The occupied area and its edge projected once, for many distance queries."""

    def __init__(self, occupied: BaseGeometry, edge: BaseGeometry):
        import shapely

        c = occupied.centroid
        self.crs = equal_area_crs(round(c.y, 3), round(c.x, 3))
        self.area = project(occupied, self.crs)
        self.edge = project(edge, self.crs)
        shapely.prepare(self.area)
        shapely.prepare(self.edge)


_INDEX: dict[int, tuple[Any, Any, _FrontIndex]] = {}


def _index(snapshot: Snapshot, country: BaseGeometry | None) -> _FrontIndex:
    if snapshot.occupied.is_empty:
        raise InputError("the snapshot has no occupied area to measure from")
    key = hash((id(snapshot.occupied), id(country)))
    hit = _INDEX.get(key)
    if hit is not None and hit[0] is snapshot.occupied and hit[1] is country:
        return hit[2]
    idx = _FrontIndex(snapshot.occupied, front_line(snapshot, country=country))
    if len(_INDEX) >= 8:
        _INDEX.pop(next(iter(_INDEX)))
    _INDEX[key] = (snapshot.occupied, country, idx)
    return idx


def distances_to_front(
    snapshot: Snapshot,
    points: Iterable[tuple[float, float]],
    *,
    signed: bool = True,
    country: BaseGeometry | None = None,
) -> list[float]:
    """Geodesic km from each (lat, lon) to the edge of the occupied area (negative inside)."""
    import numpy as np
    import shapely

    pts = [(float(lat), float(lon)) for lat, lon in points]
    for lat, lon in pts:
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or lat != lat or lon != lon:
            raise InputError(f"coordinates out of range: lat {lat}, lon {lon}")
    if not pts:
        return []
    idx = _index(snapshot, country)
    if idx.edge.is_empty:
        raise InputError("the snapshot has no front line to measure from")
    lats = np.array([p[0] for p in pts])
    lons = np.array([p[1] for p in pts])
    x, y = _transformer(idx.crs).transform(lons, lats)
    geoms = shapely.points(x, y)
    near = shapely.get_coordinates(shapely.shortest_line(geoms, idx.edge)).reshape(-1, 2, 2)[:, 1]
    nlon, nlat = _transformer(idx.crs, inverse=True).transform(near[:, 0], near[:, 1])
    km = distances_km(lats, lons, nlat, nlon)
    if signed:
        inside = shapely.contains_xy(idx.area, x, y)
        km = np.where(inside, -km, km)
    return [float(v) for v in km]


def distance_to_front(snapshot: Snapshot, lat: float, lon: float, *, signed: bool = True,
                      country: BaseGeometry | None = None) -> float:
    """Geodesic km from (lat, lon) to the edge of the occupied area; negative inside it."""
    return distances_to_front(snapshot, [(lat, lon)], signed=signed, country=country)[0]


def settlements_near_front(
    snapshot: Snapshot,
    places: Iterable[Place],
    km: float,
    *,
    side: str = "both",
    country: BaseGeometry | None = None,
) -> list[NearFront]:
    """Places within ``km`` of the front line, nearest first.

    ``side`` is "both", "outside" (not occupied) or "inside" (occupied).
    """
    if side not in ("both", "outside", "inside"):
        raise InputError(f"side must be both, outside or inside, not {side!r}")
    if not km >= 0:
        raise InputError(f"distance must be a non-negative number of km, not {km}")
    items = list(places)
    if not items:
        return []
    items = _prefilter(snapshot, items, km, country)
    dists = distances_to_front(snapshot, [(p.lat, p.lon) for p in items], country=country)
    out = [NearFront(p, d) for p, d in zip(items, dists, strict=True)
           if abs(d) <= km and (side == "both" or (side == "inside") == (d < 0))]
    out.sort(key=lambda n: (abs(n.distance_km), n.place.name))
    return out


def _prefilter(snapshot: Snapshot, items: list[Place], km: float, country) -> list[Place]:
    """Drop places clearly farther than ``km`` (projected distance, 5 % + 1 km margin)."""
    import numpy as np
    import shapely

    ok = [p for p in items if -90 <= p.lat <= 90 and -180 <= p.lon <= 180]
    if len(ok) != len(items):
        bad = next(p for p in items if p not in ok)
        raise InputError(f"place {bad.name!r} has coordinates out of range: {bad.lat}, {bad.lon}")
    idx = _index(snapshot, country)
    x, y = _transformer(idx.crs).transform(np.array([p.lon for p in ok]),
                                           np.array([p.lat for p in ok]))
    keep = shapely.dwithin(shapely.points(x, y), idx.edge, km * 1050.0 + 1000.0)
    return [p for p, k in zip(ok, keep, strict=True) if k]


def inland(country: BaseGeometry, *, margin_km: float = INLAND_MARGIN_KM) -> BaseGeometry:
    """``country`` (lon/lat) shrunk by ``margin_km`` (in an equal-area projection), to pass as
    ``country=`` so that only the edge of the occupied area at least that far inland of the
    border and coasts counts as front line (a source's coastline drawn off the gazetteer's
    would otherwise leave coastal fragments)."""
    import numpy as np
    import shapely

    if not margin_km >= 0:
        raise InputError(f"margin must be a non-negative number of km, not {margin_km}")
    c = country.centroid
    crs = equal_area_crs(round(c.y, 3), round(c.x, 3))
    shrunk = project(country, crs, densify=False).buffer(-margin_km * 1000.0)
    inv = _transformer(crs, inverse=True)
    return shapely.transform(shrunk, lambda xy: np.column_stack(inv.transform(xy[:, 0], xy[:, 1])))


def snapshot_on(snapshots: Iterable[Snapshot], day: _dt.date | None = None) -> Snapshot | None:
    """The latest snapshot dated on or before ``day`` (the latest of all without one); None if
    every snapshot is later. Among several of that date, the last by path."""
    best = None
    for s in snapshots:
        if (day is None or s.date <= day) and (best is None or (s.date, s.path) > (best.date,
                                                                                    best.path)):
            best = s
    return best


def settlements_along_front(
    snapshot: Snapshot,
    gazetteer: Any,
    km: float,
    *,
    side: str = "both",
    country: BaseGeometry | None = None,
    kind: str = "city",
) -> list[NearFront]:
    """Gazetteer places of ``kind`` within ``km`` of the whole front line, nearest first.

    Candidates come from ``gazetteer.places_in_box`` over the line's bounding box buffered by
    ``km``; then as :func:`settlements_near_front`.
    """
    if not (km >= 0 and math.isfinite(km)):
        raise InputError(f"distance must be a non-negative number of km, not {km}")
    edge = front_line(snapshot, country=country)
    if edge.is_empty:
        raise InputError("the snapshot has no front line to measure from")
    west, south, east, north = edge.bounds
    dlat = deg_lat(km) + 0.01
    dlon = deg_lon(km, min(max(abs(south), abs(north)) + dlat, 90.0)) + 0.01
    places = gazetteer.places_in_box(max(south - dlat, -90.0), max(west - dlon, -180.0),
                                     min(north + dlat, 90.0), min(east + dlon, 180.0), kind=kind)
    return settlements_near_front(snapshot, places, km, side=side, country=country)
