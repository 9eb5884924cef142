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
from geo.frontline.model import AreaRow, Change, CountryArea, FrontStats, NearFront, Snapshot

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geo.model import Place

#: Projection centres (lat, lon) of countries with a fixed one.
CENTRES = {"UA": (48.5, 32.0)}
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
    """The area percentages refer to: a given country polygon, the gazetteer's, or the official
    figure; None for a country we know neither of."""
    if not cc:
        return None
    cc = cc.upper()
    if geometry is None:
        geometry = _gazetteer_country_geometry(cc)
        basis = "gazetteer country polygon"
    else:
        basis = "country polygon given"
    if geometry is not None and not geometry.is_empty:
        return CountryArea(cc, round(area_km2(geometry, crs=crs), 1), basis)
    if cc in OFFICIAL_AREA_KM2:
        km2, basis = OFFICIAL_AREA_KM2[cc]
        return CountryArea(cc, km2, basis)
    return None


def _gazetteer_country_geometry(cc: str):
    """The country polygon from ``geo.gazetteer.Gazetteer`` if it is built and offers one."""
    try:
        from geo.gazetteer import Gazetteer  # type: ignore[attr-defined]
    except ImportError:
        return None
    getter = getattr(Gazetteer, "country_geometry", None)
    if getter is None:
        return None
    try:
        return Gazetteer().country_geometry(cc)  # type: ignore[call-arg]
    except Exception:  # no index, no polygon: fall back to the official figure
        return None


def compute_stats(
    snapshots: Sequence[Snapshot],
    *,
    country: str | None = "UA",
    country_geometry: BaseGeometry | None = None,
) -> FrontStats:
    """Occupied area per snapshot and its change between consecutive dates and first to last."""
    if not snapshots:
        raise InputError("no snapshots to measure")
    snaps = sorted(snapshots, key=lambda s: (s.date, s.path))
    crs = stats_crs(snaps, country)
    carea = country_area(country, geometry=country_geometry, crs=crs)
    projected = [project(s.occupied, crs) for s in snaps]
    areas = []
    for s, g in zip(snaps, projected, strict=True):
        occ = g.area / 1e6
        grey = None if s.grey_zone is None else project(s.grey_zone, crs).area / 1e6
        areas.append(AreaRow(s.date, s.source, s.path, occ, grey, _pct(occ, carea)))
    steps = tuple(
        _change(snaps[i], snaps[i + 1], projected[i], projected[i + 1], carea)
        for i in range(len(snaps) - 1)
    )
    overall = (_change(snaps[0], snaps[-1], projected[0], projected[-1], carea)
               if len(snaps) > 2 else (steps[0] if steps else None))
    return FrontStats(tuple(areas), steps, overall, carea, crs)


def change_between(old: Snapshot, new: Snapshot, *, crs: str | None = None) -> Change:
    """Gained, lost and net occupied area from ``old`` to ``new`` (no percentages)."""
    crs = crs or stats_crs([old, new], None)
    return _change(old, new, project(old.occupied, crs), project(new.occupied, crs), None)


def _change(old: Snapshot, new: Snapshot, g_old, g_new, carea: CountryArea | None) -> Change:
    gained = g_new.difference(g_old).area / 1e6
    lost = g_old.difference(g_new).area / 1e6
    net = (g_new.area - g_old.area) / 1e6
    return Change(old.date, new.date, gained, lost, net,
                  _pct(gained, carea), _pct(lost, carea), _pct(net, carea))


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
    import pyproj
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
    _, _, metres = pyproj.Geod(ellps="WGS84").inv(lons, lats, nlon, nlat)
    km = np.asarray(metres, dtype=float) / 1000.0
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
    dlat = km / 110.5 + 0.01
    dlon = km / (111.32 * max(math.cos(math.radians(min(max(abs(south), abs(north)) + dlat,
                                                          89.9))), 0.01)) + 0.01
    places = gazetteer.places_in_box(max(south - dlat, -90.0), max(west - dlon, -180.0),
                                     min(north + dlat, 90.0), min(east + dlon, 180.0), kind=kind)
    return settlements_near_front(snapshot, places, km, side=side, country=country)
