"""A country's border and admin-1 units, and snapshots clipped to that border.

"Occupied area of Ukraine" is what lies inside Ukraine's border: a source may also call areas
far away occupied (DeepState's Petsamo, Kurils, Abkhazia...), and clipping is what leaves them
out, whatever they are called. The border and the oblasts come from the gazetteer's polygons
(the built index, else the shipped boundary files; both are Natural Earth outlines).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geo.errors import GeoError
from geo.frontline.model import Snapshot

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry


@dataclass(frozen=True, slots=True)
class Border:
    """A country's outline (lon/lat), where it comes from, and its admin-1 units."""

    cc: str
    geometry: BaseGeometry
    basis: str
    regions: tuple[tuple[str, BaseGeometry], ...] = ()  # (name, polygon), admin-1 units


def country_border(cc: str, *, gazetteer: Any = None, with_regions: bool = True,
                   warnings: list[str] | None = None) -> Border | None:
    """The border (and admin-1 units) of ``cc`` from the gazetteer's polygons, or None (with a
    warning appended) when neither the built index nor the boundary files have it."""
    cc = cc.upper()
    try:
        if gazetteer is None:
            gazetteer = _open_gazetteer()
        if gazetteer is not None:
            found = _from_index(gazetteer, cc, with_regions)
        else:
            found = _from_boundary_files(cc, with_regions)
    except GeoError as exc:
        if warnings is not None:
            warnings.append(f"no border polygon for {cc} ({exc})")
        return None
    if found is None and warnings is not None:
        warnings.append(f"the gazetteer has no border polygon for {cc}")
    return found


def _from_index(gaz: Any, cc: str, with_regions: bool) -> Border | None:
    """From the built index's shapes: only this country's rows are read (fast)."""
    import shapely

    place = gaz.country(cc)
    geom = None if place is None else gaz.region_geometry(place.id)
    if geom is None or geom.is_empty:
        return None
    regions: tuple[tuple[str, Any], ...] = ()
    if with_regions:
        rows = gaz._query(  # the index's own reader: same connection, same errors
            "SELECT p.name, s.wkb FROM shapes s JOIN places p ON p.idx = s.place_idx "
            "WHERE s.level = 'admin1' AND p.cc = ? ORDER BY p.name", (cc,))
        regions = tuple((str(n), _valid(shapely.from_wkb(w))) for n, w in rows)
    return Border(cc, _valid(geom), "gazetteer index polygon", regions)


def _from_boundary_files(cc: str, with_regions: bool) -> Border | None:
    """From the shipped boundary files (no built index)."""
    from geo.regions import load_areas

    df = load_areas().frame
    rows = df[(df["cc"] == cc) & (df["level"] == "country")]
    if rows.empty:
        return None
    regions: tuple[tuple[str, Any], ...] = ()
    if with_regions:
        sub = df[(df["cc"] == cc) & (df["level"] == "admin1")].sort_values("name")
        regions = tuple((str(n), g) for n, g in zip(sub["name"], sub.geometry, strict=True))
    return Border(cc, rows.geometry.iloc[0], "gazetteer boundary file", regions)


def _valid(geom: Any) -> Any:
    import shapely

    return geom if shapely.is_valid(geom) else shapely.make_valid(geom)


def built_gazetteer() -> Any:
    """The built index if there is one (never builds it just for an outline), else None."""
    from geo.errors import IndexCorruptError, IndexMissingError
    from geo.gazetteer import Gazetteer

    try:
        return Gazetteer.open()
    except (IndexMissingError, IndexCorruptError):
        return None


def _open_gazetteer() -> Any:
    """The built index when it holds polygons, or None (the boundary files then serve)."""
    gaz = built_gazetteer()
    return gaz if gaz is not None and gaz.meta.get("shapes", "0") != "0" else None


#: A polygon the source draws apart as a territory (DeepState's ``geoJSON.territories.*``:
#: Crimea, ORDLO, but also Transnistria, Abkhazia...) with less than this share of its area
#: inside the border is another country's area: it is left out whole, not as the sliver its
#: outline and the border's disagree by (Transnistria: ~500 km² along the Dniester against
#: Natural Earth's border). Status-layer polygons are always clipped: those crossing the border
#: (a few km² along the Russian border, the Kinburn spit against a coarse coastline) are
#: occupied Ukrainian ground drawn generously.
MIN_SHARE_INSIDE = 0.5


def clip(snapshot: Snapshot, border: BaseGeometry) -> Snapshot:
    """``snapshot`` with its occupied, grey-zone and pre-2022 areas cut to ``border``."""
    apart = snapshot.occupied_before_2022
    occupied, dropped = _clip(snapshot.occupied, border, apart)
    notes = snapshot.notes
    if dropped:
        notes = (*notes, f"left out {dropped} territory polygon(s) lying mostly outside the "
                         "border (another country's area)")
    return dataclasses.replace(
        snapshot, occupied=occupied, notes=notes,
        grey_zone=clip_geometry(snapshot.grey_zone, border),
        occupied_before_2022=_clip(apart, border, apart)[0])


def clip_geometry(geom: BaseGeometry | None, border: BaseGeometry) -> BaseGeometry | None:
    """The part of ``geom`` inside ``border``."""
    return _clip(geom, border)[0]


def _clip(geom: BaseGeometry | None, border: BaseGeometry,
          apart: BaseGeometry | None = None) -> tuple[Any, int]:
    """(clipped geometry, polygons left out whole: mostly outside and part of ``apart``).
    Parts wholly inside are kept as they are and parts wholly outside dropped, both without
    the cost of an intersection."""
    import shapely

    if geom is None or geom.is_empty:
        return geom, 0
    shapely.prepare(border)
    parts = shapely.get_parts(geom)
    parts = parts[shapely.get_type_id(parts) == 3]  # polygons only
    inside = shapely.contains_properly(border, parts)
    keep = list(parts[inside])
    dropped = 0
    for part in parts[~inside & shapely.intersects(border, parts)]:
        cut = shapely.intersection(border, part)
        if (apart is not None and cut.area < MIN_SHARE_INSIDE * part.area
                and shapely.intersection(apart, part).area > MIN_SHARE_INSIDE * part.area):
            dropped += 1
            continue
        keep.extend(g for g in shapely.get_parts(cut) if g.geom_type == "Polygon")
    # parts of a valid (multi)polygon are disjoint, and so are their cuts: no union needed
    return (shapely.MultiPolygon(keep) if keep else shapely.MultiPolygon()), dropped
