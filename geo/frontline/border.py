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
    from geo.regions import load_areas

    cc = cc.upper()
    try:
        if gazetteer is None:
            gazetteer = _open_gazetteer()
        areas = load_areas(gazetteer=gazetteer)
    except GeoError as exc:
        if warnings is not None:
            warnings.append(f"no border polygon for {cc} ({exc})")
        return None
    df = areas.frame
    rows = df[(df["cc"] == cc) & (df["level"] == "country")]
    if rows.empty:
        if warnings is not None:
            warnings.append(f"the gazetteer has no border polygon for {cc}")
        return None
    basis = "gazetteer index polygon" if gazetteer is not None else "gazetteer boundary file"
    regions: tuple[tuple[str, Any], ...] = ()
    if with_regions:
        sub = df[(df["cc"] == cc) & (df["level"] == "admin1")]
        regions = tuple((str(n), g) for n, g in zip(sub["name"], sub.geometry, strict=True))
    return Border(cc, rows.geometry.iloc[0], basis, regions)


def _open_gazetteer() -> Any:
    """The built index, or None when there is none (the boundary files then serve)."""
    from geo.errors import IndexCorruptError, IndexMissingError
    from geo.gazetteer import Gazetteer

    try:
        gaz = Gazetteer.open()
    except (IndexMissingError, IndexCorruptError):
        return None
    return gaz if gaz.meta.get("shapes", "0") != "0" else None


def clip(snapshot: Snapshot, border: BaseGeometry) -> Snapshot:
    """``snapshot`` with its occupied, grey-zone and pre-2022 areas cut to ``border``."""
    return dataclasses.replace(
        snapshot, occupied=clip_geometry(snapshot.occupied, border),
        grey_zone=clip_geometry(snapshot.grey_zone, border),
        occupied_before_2022=clip_geometry(snapshot.occupied_before_2022, border))


def clip_geometry(geom: BaseGeometry | None, border: BaseGeometry) -> BaseGeometry | None:
    """The part of ``geom`` inside ``border``: parts wholly inside are kept as they are and
    parts wholly outside dropped without the cost of an intersection."""
    import shapely

    if geom is None or geom.is_empty:
        return geom
    shapely.prepare(border)
    parts = shapely.get_parts(geom)
    inside = shapely.contains_properly(border, parts)
    touching = ~inside & shapely.intersects(border, parts)
    keep = [g for g in parts[inside] if g.geom_type == "Polygon"]
    if touching.any():
        cut = shapely.intersection(border, shapely.union_all(parts[touching]))
        keep.extend(g for g in shapely.get_parts(cut) if g.geom_type == "Polygon")
    # parts of a valid (multi)polygon are disjoint, and so are their cuts: no union needed
    return shapely.MultiPolygon(keep) if keep else shapely.MultiPolygon()
