"""Offline base map: land, coastlines, country and admin-1 borders and their names, drawn from
the Natural Earth polygons the gazetteer index already bundles (no tile server needed).

It is the base layer of ``self_contained`` maps and the fallback whenever tile requests fail
(closed networks); online it sits in the layer control as "Offline (Natural Earth)". Land is
the country polygons filled over a sea-coloured background; coastlines and borders are their
boundaries drawn as lines. Only the units around the map's frame are embedded, clipped to it;
around the story itself (:func:`core_box`) at the bundled resolution (Natural Earth 10m admin-1,
simplified by 0.02 degrees, about 2 km, when bundled: oblast borders are readable at zoom 9
but a coast is a few pixels off), farther out simplified to the frame's scale, so the page
grows by a few hundred kilobytes, not the whole world. Towns from the gazetteer (GeoNames,
3,000 people and more) are named around the story by size and zoom, most populous first where
names would overlap. Rivers, roads and lakes are not bundled, so the base cannot draw them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from geo.render.anchor import story_focus
from geo.render.base import MapContext, script
from geo.render.escape import clean_text, layer_name
from geo.render.templates import JsName, verbatim_class

if TYPE_CHECKING:
    import folium

#: ``(south, west, north, east, level) -> [(name, polygon), ...]``, e.g. from the gazetteer
ShapeSource = Callable[[float, float, float, float, str], Sequence[tuple[str, Any]]]
NAME = "Offline (Natural Earth)"
#: admin-1 borders only when the embedded box spans less than this many degrees (past it they
#: are thousands of units and unreadable at the zoom such a map opens at)
ADMIN1_MAX_SPAN = 40.0
#: past these spans (degrees) the whole world is embedded (~380 kB) rather than a clipped box
WORLD_SPAN_LON = 90.0
WORLD_SPAN_LAT = 60.0
#: longitude per latitude of a 16:9 screen (the base reaches its sides at the opening zoom)
WIDE_SCREEN = 1.8
#: the story's surroundings keep the bundled resolution: its frame grown by this (degrees) ...
CORE_PAD = 3.0
#: ... unless that is wider than this (degrees) on either side
CORE_MAX_SPAN = 24.0
#: towns named by the base (in the core box): at most this many, of at least this population,
#: each from the zoom of the first row of TOWN_ZOOMS it reaches (GeoNames cities500 population)
MAX_TOWNS = 1500
TOWN_MIN_POPULATION = 3000
TOWN_ZOOMS = ((500_000, 5), (100_000, 6), (30_000, 7), (10_000, 8), (3_000, 9))
#: admin-1 borders drawn only around the story (a continental box) show from this zoom, when
#: the core fills the screen (below it their box's edge would read as a line of its own)
CORE_ADMIN_ZOOM = 7
#: simplification: 1/600 of the box span (a 1400 px wide view of it loses < ~2 px), at least
#: 0.005 degrees (~500 m, the Natural Earth 10m scale)
SIMPLIFY_DIVISOR = 600.0
MIN_TOLERANCE = 0.005


class GazetteerShapes:
    """A :data:`ShapeSource` over a :class:`~geo.gazetteer.index.Gazetteer`'s polygons, whose
    :meth:`towns` also names the settlements around the story (the base's place labels)."""

    def __init__(self, gazetteer: Any) -> None:
        self.gazetteer = gazetteer

    def __call__(self, south: float, west: float, north: float, east: float,
                 level: str) -> list[tuple[str, Any]]:
        return [(p.name, g) for p, g in self.gazetteer.shapes_in(south, west, north, east, level)]

    def towns(self, south: float, west: float, north: float, east: float) -> list[Any]:
        """Settlements of at least :data:`TOWN_MIN_POPULATION` in the box, most populous first."""
        found = self.gazetteer.places_in_box(south, west, north, east, kind="city",
                                             limit=MAX_TOWNS * 3)
        return [p for p in found if p.population >= TOWN_MIN_POPULATION][:MAX_TOWNS]


def gazetteer_shapes(gazetteer: Any) -> GazetteerShapes:
    """A :data:`ShapeSource` (with town names) over a gazetteer's bundled Natural Earth data."""
    return GazetteerShapes(gazetteer)


def base_box(frame: Sequence[float] | None) -> tuple[float, float, float, float]:
    """The box the base covers: the map's frame ``(south, west, north, east)`` grown by half
    its size and at least 8 degrees of latitude and a wide screen's worth of longitude each way
    (room to pan; past the box the page shows sea colour); the world without a frame or when
    that box is continental (a clipped edge across a continent reads as a coastline)."""
    world = (-85.0, -180.0, 85.0, 180.0)
    if frame is None:
        return world
    south, west, north, east = frame
    mid = math.radians(max(-70.0, min(70.0, (south + north) / 2)))
    pad_lat = max(8.0, (north - south) / 2)
    # a 16:9 screen at the zoom that shows 2 x pad_lat of latitude spans this much longitude
    pad_lon = max(8.0, (east - west) / 2, WIDE_SCREEN * pad_lat / math.cos(mid))
    box = (max(-85.0, south - pad_lat), max(-180.0, west - pad_lon),
           min(85.0, north + pad_lat), min(180.0, east + pad_lon))
    if box[3] - box[1] > WORLD_SPAN_LON or box[2] - box[0] > WORLD_SPAN_LAT:
        return world
    return box


def core_box(frame: Sequence[float] | None,
             focus: tuple[float, float] | None = None) -> tuple[float, float, float, float] | None:
    """Where the base keeps the bundled resolution: the frame grown by :data:`CORE_PAD`
    degrees; when that is wider than :data:`CORE_MAX_SPAN` (a story across continents: the
    page would grow by megabytes), the surroundings of ``focus`` (the most mentioned place),
    twice :data:`CORE_PAD` each way; None without either."""
    if frame is None:
        return None
    south, west, north, east = frame
    box = (max(-85.0, south - CORE_PAD), max(-180.0, west - CORE_PAD),
           min(85.0, north + CORE_PAD), min(180.0, east + CORE_PAD))
    if box[2] - box[0] > CORE_MAX_SPAN or box[3] - box[1] > CORE_MAX_SPAN:
        if focus is None:
            return None
        lat, lon = focus
        pad = 2 * CORE_PAD
        return (max(-85.0, lat - pad), max(-180.0, lon - pad), min(85.0, lat + pad),
                min(180.0, lon + pad))
    return box


def basemap_payload(shapes: ShapeSource, frame: Sequence[float] | None,
                    skip_towns: frozenset[int] = frozenset(),
                    focus: tuple[float, float] | None = None) -> dict[str, Any]:
    """GeoJSON of the countries (land fill and border lines) and admin-1 border lines around
    ``frame``, a label point per unit, and the towns to name (when ``shapes`` has ``towns``;
    those in ``skip_towns``, the story's own places, are named by the places layer).

    Inside :func:`core_box` the shapes keep the bundled resolution (Natural Earth 10m,
    simplified by 0.02 degrees when bundled); outside it they are simplified to the box's
    scale. Borders are drawn as lines, never as polygon outlines, so no clipped edge is ever
    stroked."""
    south, west, north, east = box = base_box(frame)
    core = core_box(frame, focus)
    span = max(north - south, east - west)
    tol = max(MIN_TOLERANCE, span / SIMPLIFY_DIVISOR)
    digits = 3 if tol < 0.05 else 2
    levels = ["country"] + (["admin1"] if span < ADMIN1_MAX_SPAN or core else [])
    import shapely

    everywhere = span < ADMIN1_MAX_SPAN  # admin-1 units over the whole box, else the core's
    out: dict[str, Any] = {"box": list(box), "core": list(core) if core else None,
                           "country": [], "admin1": [], "towns": [], "lines": {},
                           "adminZoom": 0 if everywhere else CORE_ADMIN_ZOOM}
    for level in levels:
        outside = everywhere or level == "country"
        edges = []
        for name, geom in shapes(south, west, north, east, level):
            if not outside and (core is None or not geom.intersects(_rect(core))):
                continue
            fill = _two_scales(geom, box, core, tol, digits, outside=outside)
            if fill is None:
                continue
            edges.append(shapely.clip_by_rect(geom.boundary, west, south, east, north))
            pt = _label_point(fill)
            unit = {"name": clean_text(name, limit=80) or "",
                    "label": [round(pt.y, 3), round(pt.x, 3)],
                    "big": fill.area >= 20.0}  # square degrees: named from zoom 3, others from 5
            if level == "country":
                unit["geom"] = _mapping(fill)
            out[level].append(unit)
        # a border shared by two units is one line (each unit's outline would draw it twice,
        # and twice simplified they part)
        line = _two_scales(shapely.union_all(edges), box, core, tol, digits, outside=outside) \
            if edges else None
        out["lines"][level] = _mapping(line) if line is not None else None
    towns = getattr(shapes, "towns", None)
    if towns is not None and core is not None:
        out["towns"] = [[clean_text(p.name, limit=60) or "", round(p.lat, 4), round(p.lon, 4),
                         town_zoom(p.population)]
                        for p in towns(*_swne(core)) if p.id not in skip_towns]
    return out


def town_zoom(population: int) -> int:
    """The zoom a town is named from: the bigger, the earlier (:data:`TOWN_ZOOMS`)."""
    for least, zoom in TOWN_ZOOMS:
        if population >= least:
            return zoom
    return 99


def _swne(box: Sequence[float]) -> tuple[float, float, float, float]:
    return (box[0], box[1], box[2], box[3])


def _rect(box: Sequence[float]) -> Any:
    import shapely

    return shapely.box(box[1], box[0], box[3], box[2])


def _two_scales(geom: Any, box: Sequence[float], core: Sequence[float] | None, tol: float,
                digits: int, *, outside: bool = True) -> Any:
    """``geom`` clipped to ``box``: at the bundled resolution inside ``core``, simplified by
    ``tol`` outside it (left out there unless ``outside``); None when nothing is left."""
    import numpy as np
    import shapely

    south, west, north, east = box
    parts = []
    if core is None:
        far = shapely.clip_by_rect(geom, west, south, east, north)
    else:
        parts.append(shapely.transform(shapely.clip_by_rect(geom, core[1], core[0], core[3],
                                                            core[2]),
                                       lambda xy: np.round(xy, 4)))
        # the coarse land overlaps the fine by SEAM degrees: two fills meeting edge to edge
        # leave a hairline of background between them on a canvas
        far = shapely.clip_by_rect(geom, west, south, east, north).difference(_rect(core)) \
            if outside else shapely.GeometryCollection()
    if not far.is_empty:
        far = shapely.simplify(far, tol, preserve_topology=True)
        parts.append(shapely.transform(far, lambda xy, d=digits: np.round(xy, d)))
    kept = [g for p in parts for g in shapely.get_parts(p)
            if not g.is_empty and g.geom_type in ("Polygon", "LineString")
            and (g.geom_type != "Polygon" or g.area > 0)]
    if not kept:
        return None
    if kept[0].geom_type == "Polygon":
        return shapely.MultiPolygon([g for g in kept if g.geom_type == "Polygon"])
    return shapely.MultiLineString([g for g in kept if g.geom_type == "LineString"])


def _label_point(g: Any) -> Any:
    import shapely

    if g.geom_type == "MultiPolygon":
        g = max(shapely.get_parts(g), key=lambda p: p.area)
    return g.representative_point()


def _mapping(g: Any) -> dict[str, Any]:
    import shapely.geometry

    return shapely.geometry.mapping(g)


class OfflineBase:
    """The offline base layer (a base layer of the layer control, not an overlay)."""

    name = NAME
    legend = ()

    def __init__(self, shapes: ShapeSource, *, show: bool = False) -> None:
        self.shapes = shapes
        self.show = show

    def add_to(self, m: folium.Map, ctx: MapContext, frame: Sequence[float] | None) -> None:
        import folium

        fg = verbatim_class(folium.FeatureGroup)(name=layer_name(self.name), overlay=False,
                                                 show=self.show)
        fg.add_to(m)
        data = basemap_payload(self.shapes, frame,
                               frozenset(s.place.id for s in ctx.summary.places),
                               story_focus(ctx.summary.places))
        data["fallback"] = True
        fg.add_child(script("basemap.js", state=JsName(ctx.state), group=JsName(fg.get_name()),
                            data=data))
