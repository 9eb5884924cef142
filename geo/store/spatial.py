"""Spatial helpers of the store: bounding boxes for the R*Tree, regions (distances:
:mod:`geo.geodesy`)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.errors import InputError, InputFileError
from geo.geodesy import deg_lat, deg_lon


@dataclass(frozen=True, slots=True)
class Box:
    """A latitude/longitude box (no antimeridian crossing) for an R*Tree query."""

    min_lat: float
    max_lat: float
    min_lon: float
    max_lon: float


def check_point(lat: float, lon: float) -> None:
    """Raise InputError unless (lat, lon) is a point on Earth."""
    if not (math.isfinite(lat) and math.isfinite(lon)) or not -90 <= lat <= 90 \
            or not -180 <= lon <= 180:
        raise InputError(f"invalid coordinates {lat},{lon} (lat -90..90, lon -180..180)")


def boxes_around(lat: float, lon: float, km: float) -> list[Box]:
    """Boxes that together contain every point within ``km`` of (lat, lon), antimeridian split."""
    check_point(lat, lon)
    if not math.isfinite(km) or km < 0:
        raise InputError(f"invalid distance {km} km (must be >= 0)")
    dlat = deg_lat(km) * 1.01 + 1e-6
    lo_lat, hi_lat = lat - dlat, lat + dlat
    if lo_lat <= -90 or hi_lat >= 90:
        return [Box(max(lo_lat, -90.0), min(hi_lat, 90.0), -180.0, 180.0)]
    widest = max(abs(lo_lat), abs(hi_lat))
    dlon = deg_lon(km, widest) * 1.01 + 1e-6
    if dlon >= 180:
        return [Box(lo_lat, hi_lat, -180.0, 180.0)]
    lo_lon, hi_lon = lon - dlon, lon + dlon
    if lo_lon < -180:
        return [Box(lo_lat, hi_lat, -180.0, hi_lon), Box(lo_lat, hi_lat, lo_lon + 360, 180.0)]
    if hi_lon > 180:
        return [Box(lo_lat, hi_lat, lo_lon, 180.0), Box(lo_lat, hi_lat, -180.0, hi_lon - 360)]
    return [Box(lo_lat, hi_lat, lo_lon, hi_lon)]


def parse_latlon(text: str) -> tuple[float, float] | None:
    """``"48.28,37.18"`` -> (48.28, 37.18); None when the text is not two numbers."""
    parts = text.replace(";", ",").split(",")
    if len(parts) != 2:
        return None
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        return None
    check_point(lat, lon)
    return lat, lon


def is_file(text: str) -> bool:
    """Whether ``text`` names an existing file; False, not an error, for a region name that
    cannot be a path at all (too long, a NUL)."""
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


def load_geojson_geometry(path: str | Path) -> Any:
    """The union of the polygons in a GeoJSON file (FeatureCollection, Feature or geometry)."""
    import shapely
    from shapely.geometry import shape

    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputFileError(f"no such GeoJSON file: {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(f"cannot read {path}: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{path} is not valid JSON: {exc.msg} at line {exc.lineno}") from exc
    except RecursionError:
        raise InputError(f"{path}: JSON nested too deeply") from None
    if not isinstance(doc, dict):
        raise InputError(f"{path} is not a GeoJSON object")
    check_wgs84(doc.get("crs"), where=str(path))
    if doc.get("type") == "FeatureCollection":
        geoms = [f.get("geometry") for f in doc.get("features") or [] if isinstance(f, dict)]
    elif doc.get("type") == "Feature":
        geoms = [doc.get("geometry")]
    else:
        geoms = [doc]
    shapes = []
    for g in geoms:
        if not g:
            continue
        try:
            s = shape(g)
        except RecursionError:
            raise InputError(f"{path}: GeoJSON geometry nested too deeply") from None
        except Exception as exc:
            raise InputError(f"{path}: invalid GeoJSON geometry ({exc})") from exc
        if s.geom_type in ("Polygon", "MultiPolygon", "GeometryCollection") and not s.is_empty:
            shapes.append(s if s.is_valid else shapely.make_valid(s))
    if not shapes:
        raise InputError(f"{path} contains no polygon")
    region = shapely.union_all(shapes)
    min_lon, min_lat, max_lon, max_lat = region.bounds
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise InputError(f"{path}: coordinates out of range (longitude {min_lon:g}..{max_lon:g}, "
                         f"latitude {min_lat:g}..{max_lat:g}); GeoJSON is longitude, latitude "
                         "in degrees (WGS84)")
    return region


#: names of WGS84 longitude/latitude that an old-style GeoJSON ``crs`` member may give
_WGS84_NAMES = frozenset({"urn:ogc:def:crs:ogc:1.3:crs84", "urn:ogc:def:crs:ogc::crs84",
                          "urn:ogc:def:crs:epsg::4326", "urn:ogc:def:crs:epsg:6.6:4326",
                          "epsg:4326", "crs84", "wgs84", "ogc:crs84"})


def check_wgs84(crs: Any, *, where: str) -> None:
    """Raise InputError unless a GeoJSON ``crs`` member is absent or names WGS84 lon/lat
    (RFC 7946 allows no other; coordinates in another CRS would land anywhere)."""
    if crs is None:
        return
    props = crs.get("properties") if isinstance(crs, dict) else None
    name = props.get("name") if isinstance(props, dict) else None
    if not isinstance(name, str) or name.strip().lower() not in _WGS84_NAMES:
        shown = name if isinstance(name, str) else json.dumps(crs)[:80]
        raise InputError(f"{where}: unsupported CRS {shown!r}; give coordinates in WGS84 "
                         "longitude/latitude (EPSG:4326), as GeoJSON requires")


def check_region(geometry: Any) -> Any:
    """Raise InputError unless ``geometry`` is a non-empty shapely (multi)polygon."""
    geom_type = getattr(geometry, "geom_type", None)
    if geom_type not in ("Polygon", "MultiPolygon", "GeometryCollection") or geometry.is_empty:
        raise InputError(f"a region must be a non-empty polygon, got {geom_type or geometry!r}")
    return geometry


def region_boxes(geometry: Any) -> list[Box]:
    """The R*Tree boxes covering a region (one per part, so a region across the antimeridian
    given as a MultiPolygon does not scan the whole world)."""
    parts = list(getattr(geometry, "geoms", [geometry]))
    boxes = []
    for part in parts:
        if part.is_empty:
            continue
        min_lon, min_lat, max_lon, max_lat = part.bounds
        boxes.append(Box(min_lat, max_lat, min_lon, max_lon))
    return boxes


def contains(geometry: Any, lats: list[float], lons: list[float]) -> list[bool]:
    """Which points (lat, lon) lie inside or on the boundary of ``geometry``."""
    import numpy as np
    import shapely

    if not lats:
        return []
    shapely.prepare(geometry)
    inside = shapely.intersects_xy(geometry, np.asarray(lons, float), np.asarray(lats, float))
    return [bool(v) for v in inside]
