"""Offline base map: land, coastlines, country and admin-1 borders and their names, drawn from
the Natural Earth polygons the gazetteer index already bundles (no tile server needed).

It is the base layer of ``self_contained`` maps and the fallback whenever tile requests fail
(closed networks); online it sits in the layer control as "Offline (Natural Earth)". The
coastline is the outline of the country polygons over a sea-coloured background. Only the
units around the map's frame are embedded, clipped to it and simplified to the frame's scale,
so the page grows by tens of kilobytes, not the whole world.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

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
#: simplification: 1/600 of the box span (a 1400 px wide view of it loses < ~2 px), at least
#: 0.005 degrees (~500 m, the Natural Earth 10m scale)
SIMPLIFY_DIVISOR = 600.0
MIN_TOLERANCE = 0.005


def gazetteer_shapes(gazetteer: Any) -> ShapeSource:
    """A :data:`ShapeSource` over a :class:`~geo.gazetteer.index.Gazetteer`'s polygons."""

    def shapes(south: float, west: float, north: float, east: float,
               level: str) -> list[tuple[str, Any]]:
        return [(p.name, g) for p, g in gazetteer.shapes_in(south, west, north, east, level)]

    return shapes


def base_box(frame: Sequence[float] | None) -> tuple[float, float, float, float]:
    """The box the base covers: the map's frame ``(south, west, north, east)`` grown by half
    its size and at least 8 degrees each way (room to pan); the world without a frame or when
    that box is continental (a clipped edge across a continent reads as a coastline)."""
    world = (-85.0, -180.0, 85.0, 180.0)
    if frame is None:
        return world
    south, west, north, east = frame
    pad_lat = max(8.0, (north - south) / 2)
    pad_lon = max(8.0, (east - west) / 2)
    box = (max(-85.0, south - pad_lat), max(-180.0, west - pad_lon),
           min(85.0, north + pad_lat), min(180.0, east + pad_lon))
    if box[3] - box[1] > WORLD_SPAN_LON or box[2] - box[0] > WORLD_SPAN_LAT:
        return world
    return box


def basemap_payload(shapes: ShapeSource, frame: Sequence[float] | None) -> dict[str, Any]:
    """GeoJSON of the countries (and admin-1 units when the box is small enough) around
    ``frame``, clipped, simplified, coordinates rounded, and a label point per unit."""
    import numpy as np
    import shapely

    south, west, north, east = box = base_box(frame)
    span = max(north - south, east - west)
    tol = max(MIN_TOLERANCE, span / SIMPLIFY_DIVISOR)
    digits = 3 if tol < 0.05 else 2
    levels = ["country"] + (["admin1"] if span < ADMIN1_MAX_SPAN else [])
    out: dict[str, Any] = {"box": list(box), "country": [], "admin1": []}
    for level in levels:
        for name, geom in shapes(south, west, north, east, level):
            g = shapely.clip_by_rect(geom, west, south, east, north)
            if g.is_empty:
                continue
            g = shapely.simplify(g, tol, preserve_topology=True)
            g = shapely.transform(g, lambda xy, d=digits: np.round(xy, d))
            if g.is_empty or g.area == 0:
                continue
            pt = g.representative_point() if g.geom_type != "MultiPolygon" else \
                max(shapely.get_parts(g), key=lambda p: p.area).representative_point()
            out[level].append({
                "name": clean_text(name, limit=80) or "",
                "label": [round(pt.y, 3), round(pt.x, 3)],
                "big": g.area >= 20.0,  # square degrees: named from zoom 3, others from 5
                "geom": shapely.geometry.mapping(g),
            })
    return out


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
        data = basemap_payload(self.shapes, frame)
        data["fallback"] = True
        fg.add_child(script("basemap.js", state=JsName(ctx.state), group=JsName(fg.get_name()),
                            data=data))
