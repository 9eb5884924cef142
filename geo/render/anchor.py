"""Where an area (a country, a region, a sea) is drawn: where the map frames the story.

A country's own point is where its area is widest (GeoNames' or Natural Earth's representative
point): Russia's is in Siberia, thousands of kilometres from a story about Donbas. The view is
fitted to the settlements that carry most of the mentions (:func:`geo.render.compose.
story_frame`), and an *area* place (kinds in :data:`AREA_KINDS`) whose point falls outside that
view is drawn instead

1. at the representative point of the part of its polygon inside the view, when it has a
   polygon that reaches the view ("Russia" in a Donbas story: inside Russia, on the map);
2. else at the point of its polygon closest to the story's centre (the mention-weighted median
   of the settlements), when it has a polygon;
3. else at its own point moved onto the nearest edge of the view (no polygon: a sea, a continent).

Settlements and sites stay where they are, however far (a city named abroad is a real place in
the story). The popup keeps the place's own coordinates and says it was moved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from geo.model import Place

#: the kinds whose point stands for an area; they are moved, settlements never
AREA_KINDS = frozenset({"country", "admin1", "region", "continent", "water"})
#: the view is taken as the story frame grown by this share of its span on each side (the
#: fitted map shows at least that much at 1400x900 with 30 px padding) ...
VIEW_GROWTH = 0.25
#: ... and by at least this many degrees (a one-town story still shows its surroundings)
VIEW_MIN_PAD = 0.5

#: the polygon of an area place, or None (e.g. the gazetteer's ``region_geometry``)
PlaceShapes = Callable[[Place], Any]


def view_box(frame: Sequence[float]) -> tuple[float, float, float, float]:
    """``(south, west, north, east)`` the map shows around a story frame (see the constants)."""
    south, west, north, east = frame
    pad_lat = max(VIEW_MIN_PAD, VIEW_GROWTH * (north - south))
    pad_lon = max(VIEW_MIN_PAD, VIEW_GROWTH * (east - west))
    return (max(-85.0, south - pad_lat), max(-180.0, west - pad_lon),
            min(85.0, north + pad_lat), min(180.0, east + pad_lon))


def anchor_points(places: Sequence[Any], frame: Sequence[float] | None,
                  shapes: PlaceShapes | None = None) -> dict[int, tuple[float, float]]:
    """``{place id: (lat, lon)}`` for the area places (``places``: the summary's, with
    ``.place`` and ``.count``) drawn somewhere other than their own point; see the module."""
    if frame is None:
        return {}
    box = view_box(frame)
    south, west, north, east = box
    centre = story_centre(places)
    moved: dict[int, tuple[float, float]] = {}
    for s in places:
        p = s.place
        if p.kind not in AREA_KINDS or (south <= p.lat <= north and west <= p.lon <= east):
            continue
        geom = _shape(shapes, p)
        at = _on_shape(geom, box, centre) if geom is not None else None
        if at is None:
            at = (min(max(p.lat, south), north), min(max(p.lon, west), east))
        moved[p.id] = (round(at[0], 5), round(at[1], 5))
    return moved


def story_focus(places: Sequence[Any]) -> tuple[float, float] | None:
    """The point of the most mentioned place that is not an area (``places`` most mentioned
    first, as the summary has them): where a close-up of the story is centred."""
    top = next((s.place for s in places if s.place.kind not in AREA_KINDS), None)
    return None if top is None else (top.lat, top.lon)


def story_centre(places: Sequence[Any]) -> tuple[float, float] | None:
    """The mention-weighted median latitude and longitude of the non-area places."""
    local = [s for s in places if s.place.kind not in AREA_KINDS]
    if not local:
        return None
    return (_median([(s.place.lat, s.count) for s in local]),
            _median([(s.place.lon, s.count) for s in local]))


def _median(values: list[tuple[float, int]]) -> float:
    values = sorted(values)
    half, acc = sum(w for _, w in values) / 2, 0
    for v, w in values:
        acc += w
        if acc >= half:
            return v
    return values[-1][0]


def _shape(shapes: PlaceShapes | None, place: Place) -> Any:
    if shapes is None:
        return None
    try:
        geom = shapes(place)
    except (LookupError, ValueError):
        return None
    return None if geom is None or geom.is_empty else geom


def _on_shape(geom: Any, box: tuple[float, float, float, float],
              centre: tuple[float, float] | None) -> tuple[float, float] | None:
    import shapely
    import shapely.ops
    from shapely.geometry import Point

    south, west, north, east = box
    part = shapely.clip_by_rect(geom, west, south, east, north)
    if not part.is_empty and part.area > 0:
        if part.geom_type == "MultiPolygon":  # the largest piece in view, not a sliver
            part = max(shapely.get_parts(part), key=lambda g: g.area)
        pt = part.representative_point()
        return (pt.y, pt.x)
    if centre is None:
        return None
    near = shapely.ops.nearest_points(geom, Point(centre[1], centre[0]))[0]
    return (near.y, near.x)

