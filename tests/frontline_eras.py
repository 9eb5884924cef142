"""Small synthetic snapshots in the shape of each DeepState naming era, and a synthetic country.

Nothing here is copied from real files: boxes in lon/lat with the layer names and structures
each era used (see the loader's docs). The "country" is the box 30..40 E, 44..52 N; inside it
lie the 2022 occupied area, "Crimea" and "ORDLO"; far outside lie the areas DeepState also
called occupied (a "Petsamo" at 69 N, "Kurils" at 146 E); one "Transnistria" straddles the
western border with most of its area outside.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyproj
import shapely

GEOD = pyproj.Geod(ellps="WGS84")
COUNTRY = shapely.box(30, 44, 40, 52)
#: Two admin-1 units splitting the country at 36 E.
REGIONS = {"West Oblast": shapely.box(30, 44, 36, 52), "East Oblast": shapely.box(36, 44, 40, 52)}

OCCUPIED_2022 = shapely.box(36, 47, 37, 48)
CRIMEA = shapely.box(33, 44.5, 35, 45.5)
ORDLO = shapely.box(38, 47.5, 39, 48.5)


def box(x0: float, y0: float, x1: float, y1: float, z: float | None = None) -> dict:
    ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
    if z is not None:
        ring = [[x, y, z] for x, y in ring]
    return {"type": "Polygon", "coordinates": [ring]}


def geo_of(geom) -> dict:
    return json.loads(shapely.to_geojson(geom))


def feature(geometry: dict, name: str | None = None, **props) -> dict:
    if name is not None:
        props["name"] = name
    return {"type": "Feature", "properties": props, "geometry": geometry}


def point(lon: float, lat: float, name: str) -> dict:
    return feature({"type": "Point", "coordinates": [lon, lat]}, name)


def hole_outside_shell(x0: float, y0: float) -> dict:
    """A polygon whose 'hole' lies outside its shell (GEOS cannot union it as it is)."""
    shell = [[x0, y0], [x0 + 0.5, y0], [x0 + 0.5, y0 + 0.5], [x0, y0 + 0.5], [x0, y0]]
    hole = [[x0 + 1, y0], [x0 + 1.2, y0], [x0 + 1.2, y0 + 0.2], [x0 + 1, y0 + 0.2], [x0 + 1, y0]]
    return {"type": "Polygon", "coordinates": [shell, hole]}


def spring_2022() -> list[dict]:
    """Ukrainian names only, dates in names, GeometryCollections, a hole outside its shell."""
    return [
        feature({"type": "GeometryCollection", "geometries": [geo_of(OCCUPIED_2022)]},
                "Окуповано"),
        feature(box(31, 50, 32, 51), "Звільнено 25.03"),
        feature(box(35, 49, 35.5, 49.5), "Під питанням"),
        feature(geo_of(CRIMEA), "Окупований Крим"),
        feature(geo_of(ORDLO), "ОРДЛО"),
        feature(box(32, 50, 32.5, 50.5), "24.03"),  # a date only: says nothing
        feature(hole_outside_shell(31, 46), "Окуповано 04.04"),
        point(36.5, 48.5, "Напрямок удару"),
        point(33.1, 46.1, "Аеродром Кримськ"),
    ]


def mid_2022_2024() -> list[dict]:
    """'Ukrainian /// English', far-away occupied areas, Crimea and ORDLO as their own layers."""
    return [
        feature(geo_of(OCCUPIED_2022), "Окуповано /// Occupied"),
        feature(box(36.5, 48, 37, 48.5), "Окуповано /// Occupied\n"),
        feature(box(35, 49, 35.5, 49.5), "Статус невідомий /// Unknown status"),
        feature(box(31, 50, 32, 51), "Звільнено /// Liberated"),
        feature(geo_of(CRIMEA), "Окупований Крим /// Occupied Crimea"),
        feature(geo_of(ORDLO), "ОРДЛО /// CADR and CALR"),
        feature(box(29, 68, 31, 70), "Окупована область Петсамо\n///\nOccupied Petsamo"),
        feature(box(145, 43, 148, 45), "Окуповані Південні Курильські острови.\n///\n"
                                       "Occupied Southern Kuril islands."),
        feature(box(27, 46.5, 30.2, 48), "Придністров'я /// Transnistria"),
        point(36.5, 48.5, "Напрямок удару /// Direction of attack"),
    ]


def spring_2024() -> list[dict]:
    """Three-part names with layer keys, z values, territories, points."""
    k = "geoJSON.status"
    return [
        feature(box(36, 47, 37, 48, z=0.0), f"Окуповано /// Occupied\xa0/// {k}.occupied"),
        feature(box(35, 49, 35.5, 49.5, z=0.0), f"Статус невідомий /// Unknown status /// "
                                                f"{k}.unknown\n"),
        feature(box(31, 50, 32, 51), f"Звільнено /// Liberated /// {k}.dismissed"),
        feature(box(34.9, 50.3, 35, 50.5), f"Звільнено 25.03 /// Liberated 25.03 /// "
                                           f"{k}.dismissed_at {{{{at:25.03}}}}"),
        feature(geo_of(CRIMEA), "Окупований Крим /// Occupied Crimea /// "
                                "geoJSON.territories.crimea"),
        feature(geo_of(ORDLO), "ОРДЛО /// CADR and CALR /// geoJSON.territories.ordlo"),
        feature(box(29, 68, 31, 70), "Петсамо /// Petsamo /// geoJSON.territories.petsamo"),
        feature(box(27, 46.5, 30.2, 48), "Придністров'я /// Transnistria /// "
                                         "geoJSON.territories.transnistria"),
        feature(box(30.2, 45.2, 30.25, 45.25), "Зміїний /// Snake Island /// "
                                               "geoJSON.zmiinyi_island"),
        point(36.5, 48.5, f"Напрямок удару /// Direction of attack /// {k}.attack_direction"),
        point(37.5, 47.5, "1 АК /// 1st Army Corps /// geoJSON.units.army.1-corps"),
    ]


def cyterat(extra_x: float = 0.0) -> dict:
    """One MultiPolygon, no properties (cyterat's processed daily files)."""
    parts = [shapely.box(36, 47, 37 + extra_x, 48), CRIMEA, ORDLO]
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {},
         "geometry": geo_of(shapely.MultiPolygon(parts))}]}


def write(path: Path, features_or_doc) -> Path:
    doc = features_or_doc if isinstance(features_or_doc, dict) else {
        "type": "FeatureCollection", "features": features_or_doc}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def km2(geom) -> float:
    """Geodesic area (independent of the code under test's projection)."""
    area, _ = GEOD.geometry_area_perimeter(shapely.segmentize(geom, 0.01))
    return abs(area) / 1e6


def boundary_dir(base: Path) -> Path:
    """Boundary files in the gazetteer's format holding the synthetic country and regions."""
    base.mkdir(parents=True, exist_ok=True)
    write(base / "countries.geojson", [feature(geo_of(COUNTRY), "Ukraine", id=1, cc="UA")])
    write(base / "admin1.geojson", [
        feature(geo_of(g), name, id=10 + i, cc="UA", admin1_code=f"{i:02d}")
        for i, (name, g) in enumerate(REGIONS.items())])
    return base
