"""Spatial joins of points (mentions, events) to admin-1 units and countries.

Point-in-polygon through an STRtree over the polygons (the polygons are the query side, so
each is prepared once and tested against the points its box holds, as geopandas' ``sjoin``
does), then a nearest-polygon fallback within ``max_km`` for points the simplified coasts
leave outside every polygon (Toulon, Odesa's harbour, islands).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from geo.errors import InputError
from geo.geodesy import deg_lat, distances_km
from geo.regions.areas import LEVELS, AdminAreas

#: How far the nearest-polygon fallback reaches by default.
DEFAULT_MAX_KM = 10.0

#: Which levels a point may be assigned to, by the kind of place it stands for: a mention of
#: "Ukraine" (a point inside some oblast) must not count for that oblast; a sea for nothing.
LEVELS_OF_KIND = {
    "city": LEVELS, "site": LEVELS, "admin2": LEVELS, "admin1": LEVELS,
    "country": ("country",), "region": ("country",),
    "water": (), "continent": (),
}


def levels_of_kind(kind: str | None) -> tuple[str, ...]:
    """The admin levels a place of this kind can be counted in (both when unknown)."""
    return LEVELS_OF_KIND.get(kind or "", LEVELS)


@dataclass(frozen=True)
class Joined:
    """Per point, the frame row of its admin-1 unit and its country (-1: none), and how each was
    found (``inside`` 1, ``nearest`` 2, none 0)."""

    admin1: Any  # numpy int array
    country: Any
    admin1_how: Any  # numpy int8 array
    country_how: Any

    def __len__(self) -> int:
        return len(self.admin1)


def join_points(
    areas: AdminAreas,
    lats: Sequence[float],
    lons: Sequence[float],
    *,
    kinds: Sequence[str | None] | None = None,
    max_km: float = DEFAULT_MAX_KM,
    levels: Sequence[str] = LEVELS,
) -> Joined:
    """Assign each point (lat, lon) to the admin-1 unit and country containing it.

    ``kinds`` (the place kind of each point) restricts levels as :data:`LEVELS_OF_KIND`
    says. Points outside every polygon take the nearest one within ``max_km`` (geodesic,
    spherical); ``max_km=0`` turns the fallback off. Invalid coordinates join nothing.
    A point in an admin-1 unit takes that unit's country (the shipped countries are the
    unions of their units), so only the rest are joined to the large country polygons.
    ``levels`` limits the work to some levels (the others stay -1).
    """
    import numpy as np

    if not (math.isfinite(max_km) and max_km >= 0):
        raise InputError(f"invalid distance {max_km} km (must be >= 0)")
    lat = np.asarray(lats, dtype=float)
    lon = np.asarray(lons, dtype=float)
    if lat.shape != lon.shape:
        raise InputError("lats and lons differ in length")
    ok = np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
    allowed = {lv: ok.copy() for lv in LEVELS}
    if kinds is not None:
        if len(kinds) != len(lat):
            raise InputError("kinds and points differ in length")
        cache: dict[str | None, tuple[str, ...]] = {}
        for lv in LEVELS:
            mask = np.fromiter((lv in cache.setdefault(k, levels_of_kind(k)) for k in kinds),
                               dtype=bool, count=len(lat))
            allowed[lv] &= mask
    unknown = set(levels) - set(LEVELS)
    if unknown:
        raise InputError(f"unknown admin level {sorted(unknown)[0]!r}; known: "
                         f"{', '.join(LEVELS)}")
    none = (np.full(len(lat), -1, dtype=np.int64), np.zeros(len(lat), dtype=np.int8))
    a1 = _join_level(areas, "admin1", lat, lon, allowed["admin1"], max_km) \
        if "admin1" in levels else none
    if "country" not in levels:
        return Joined(a1[0], none[0], a1[1], none[1])
    row, how = _country_of_admin1(areas, a1[0], a1[1], allowed["country"])
    rest = _join_level(areas, "country", lat, lon, allowed["country"] & (row < 0), max_km)
    took = rest[0] >= 0
    row[took], how[took] = rest[0][took], rest[1][took]
    return Joined(a1[0], row, a1[1], how)


def _country_of_admin1(areas: AdminAreas, a1_row: Any, a1_how: Any, allowed: Any
                       ) -> tuple[Any, Any]:
    """Country rows (and how) implied by the admin-1 rows, where the country has a polygon."""
    import numpy as np

    frame = areas.frame
    country_rows = {cc: i for i, cc in zip(areas.rows_of("country"),
                                           frame["cc"].to_numpy()[areas.rows_of("country")],
                                           strict=True)}
    cc_of = frame["cc"].to_numpy()
    lookup = np.array([country_rows.get(cc, -1) for cc in cc_of] + [-1], dtype=np.int64)
    row = np.where(allowed & (a1_row >= 0), lookup[a1_row], -1)  # a1_row -1 -> the last (-1)
    how = np.where(row >= 0, a1_how, 0).astype(np.int8)
    return row, how


def _join_level(areas: AdminAreas, level: str, lat: Any, lon: Any, allowed: Any,
                max_km: float) -> tuple[Any, Any]:
    import numpy as np
    import shapely

    n = len(lat)
    row = np.full(n, -1, dtype=np.int64)
    how = np.zeros(n, dtype=np.int8)
    todo = np.flatnonzero(allowed)
    if not len(todo) or not len(areas.rows_of(level)):
        return row, how
    tree, rows = areas.tree(level)
    points = shapely.points(lon[todo], lat[todo])
    # the polygons query a tree of the points: each polygon is prepared once
    ptree = shapely.STRtree(points)
    poly_i, pt_i = ptree.query(tree.geometries, predicate="intersects")
    if len(pt_i):
        # a point on a shared edge is in two units: keep the first in frame order
        order = np.lexsort((rows[poly_i], pt_i))
        pt_s, poly_s = pt_i[order], poly_i[order]
        first = np.r_[True, pt_s[1:] != pt_s[:-1]]
        row[todo[pt_s[first]]] = rows[poly_s[first]]
        how[todo[pt_s[first]]] = 1
    missing = todo[row[todo] < 0]
    if max_km > 0 and len(missing):
        _nearest(tree, rows, lat, lon, missing, max_km, row, how)
    return row, how


def _nearest(tree: Any, rows: Any, lat: Any, lon: Any, missing: Any, max_km: float,
             row: Any, how: Any) -> None:
    """Fill ``row``/``how`` for ``missing`` points with the nearest polygon within ``max_km``."""
    import numpy as np
    import shapely

    widest = min(float(np.max(np.abs(lat[missing]))), 89.0)
    # a point within max_km is within this many degrees (plane distance) at any bearing
    max_deg = deg_lat(max_km) / math.cos(math.radians(widest))
    pts = shapely.points(lon[missing], lat[missing])
    pt_i, poly_i = tree.query_nearest(pts, max_distance=max_deg, all_matches=False)
    if not len(pt_i):
        return
    ends = shapely.get_coordinates(
        shapely.get_point(shapely.shortest_line(pts[pt_i], tree.geometries[poly_i]), 1))
    km = distances_km(lat[missing[pt_i]], lon[missing[pt_i]], ends[:, 1], ends[:, 0])
    near = km <= max_km
    targets = missing[pt_i[near]]
    row[targets] = rows[poly_i[near]]
    how[targets] = 2


def naive_join(polygons: Sequence[Any], lats: Sequence[float], lons: Sequence[float]) -> list[int]:
    """Baseline for the benchmark: a Python loop of ``polygon.covers(point)`` per pair
    (index of the first covering polygon, -1 for none)."""
    from shapely.geometry import Point

    out = []
    for la, lo in zip(lats, lons, strict=True):
        pt = Point(lo, la)
        out.append(next((i for i, poly in enumerate(polygons) if poly.covers(pt)), -1))
    return out
