"""Front-line layer: the occupied area on a chosen date, gains and losses since an earlier date.

Gains and losses are hatched (an inline SVG ``<pattern>``, no plugin asset: the polygons use
their own SVG renderer whose ``fill`` is ``url(#pattern)``) and carry their km² in a tooltip.
A small fixed control always shows "as of <date> · <source>"; with two or more snapshots a
slider picks the date (gains and losses then follow it). Every string reaches the page as JSON
(:func:`~geo.render.escape.json_for_script`) and the DOM through ``textContent`` only.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from geo.errors import InputError
from geo.render.base import LegendItem, MapContext, group, script
from geo.render.escape import clean_text
from geo.render.templates import JsName

if TYPE_CHECKING:
    import folium

    from geo.frontline.model import Snapshot

OCCUPIED_COLOR = "#b2182b"
GAIN_COLOR = "#d6604d"  # newly occupied
LOSS_COLOR = "#2166ac"  # no longer occupied
_MIN_PART_KM2 = 0.01  # slivers smaller than this are not drawn (their area still counts)

class FrontlineLayer:
    """The occupied area for ``date`` (default: the latest snapshot) and the gains and losses
    since ``since`` (default: the earliest), with a date slider over ``snapshots``."""

    def __init__(
        self,
        snapshots: Sequence[Snapshot],
        *,
        date: _dt.date | None = None,
        since: _dt.date | None = None,
        name: str = "Front line",
        country: str | None = "UA",
        simplify_deg: float = 0.002,
        show: bool = True,
    ) -> None:
        if not snapshots:
            raise InputError("the front-line layer needs at least one snapshot")
        self.snapshots = sorted(snapshots, key=lambda s: (s.date, s.path))
        self.date = date
        self.since = since
        self.name = name
        self.country = country
        self.simplify_deg = simplify_deg
        self.show = show
        self._legend: tuple[LegendItem, ...] = ()

    @property
    def legend(self) -> Sequence[LegendItem]:
        return self._legend

    def payload(self) -> dict[str, Any]:
        """The JSON the page embeds: per snapshot its occupied area and changes since ``since``."""
        return frontline_payload(self.snapshots, date=self.date, since=self.since,
                                 country=self.country, simplify_deg=self.simplify_deg)

    def add_to(self, m: folium.Map, ctx: MapContext | None = None) -> None:
        """Add the occupied and the changes groups, the as-of control and the slider to ``m``."""
        data = self.payload()
        # fit the map to the front unless the composer has places to fit to
        data["fit"] = ctx is None or not getattr(ctx.summary, "places", None)
        if ctx is None:  # drawn without the composer, which defines the DOM helpers once
            script("helpers.js").add_to(m)
        occ = group(self.name, show=self.show)
        chg = group(f"{self.name}: changes since {data['since']}", show=self.show)
        occ.add_to(m)
        chg.add_to(m)
        chg.add_child(script("frontline.js", map=JsName(m.get_name()),
                             occupied_group=JsName(occ.get_name()),
                             changes_group=JsName(chg.get_name()), data=data))
        self._legend = (
            LegendItem("occupied", OCCUPIED_COLOR, "square"),
            LegendItem(f"gained since {data['since']}", GAIN_COLOR, "square"),
            LegendItem(f"lost since {data['since']}", LOSS_COLOR, "square"),
        )


def frontline_payload(
    snapshots: Sequence[Snapshot],
    *,
    date: _dt.date | None = None,
    since: _dt.date | None = None,
    country: str | None = "UA",
    simplify_deg: float = 0.002,
) -> dict[str, Any]:
    """Simplified GeoJSON geometries and km² (from :mod:`geo.frontline.stats`) for the page."""
    from geo.frontline.stats import project, stats_crs

    snaps = sorted(snapshots, key=lambda s: (s.date, s.path))
    dates = [s.date for s in snaps]
    current = _pick(dates, date, "date", default=len(snaps) - 1)
    base = _pick(dates, since, "since", default=0)
    crs = stats_crs(snaps, country)
    projected = [project(s.occupied, crs) for s in snaps]
    out = []
    for i, s in enumerate(snaps):
        item: dict[str, Any] = {
            "date": s.date.isoformat(),
            "source": clean_text(s.source, limit=120) or "",
            "km2": round(projected[i].area / 1e6, 1),
            "occupied": _geojson(s.occupied, simplify_deg),
            "gained": None, "lost": None, "gained_km2": 0.0, "lost_km2": 0.0,
        }
        if i != base:
            gained = projected[i].difference(projected[base])
            lost = projected[base].difference(projected[i])
            item["gained_km2"] = round(gained.area / 1e6, 1)
            item["lost_km2"] = round(lost.area / 1e6, 1)
            item["gained"] = _geojson(s.occupied.difference(snaps[base].occupied), simplify_deg,
                                      crs=crs)
            item["lost"] = _geojson(snaps[base].occupied.difference(s.occupied), simplify_deg,
                                    crs=crs)
        out.append(item)
    return {
        "snapshots": out,
        "current": current,
        "since": snaps[base].date.isoformat(),
        "colors": {"occupied": OCCUPIED_COLOR, "gain": GAIN_COLOR, "loss": LOSS_COLOR},
    }


def _pick(dates: list[_dt.date], wanted: _dt.date | None, what: str, *, default: int) -> int:
    if wanted is None:
        return default
    earlier = [i for i, d in enumerate(dates) if d <= wanted]
    if not earlier:
        raise InputError(f"no snapshot on or before {what} {wanted.isoformat()} "
                         f"(first is {dates[0].isoformat()})")
    return earlier[-1]


def _geojson(geom, simplify_deg: float, *, crs: str | None = None) -> dict[str, Any] | None:
    """GeoJSON of ``geom`` simplified, coordinates rounded to ~10 m, slivers dropped; or None."""
    import numpy as np
    import shapely

    if geom is None or geom.is_empty:
        return None
    parts = [g for g in shapely.get_parts(geom) if g.geom_type == "Polygon"]
    if crs is not None:
        from geo.frontline.stats import project

        km2 = shapely.area(project(np.array(parts, dtype=object), crs, densify=False)) / 1e6
        parts = [g for g, a in zip(parts, km2, strict=True) if a >= _MIN_PART_KM2]
    if not parts:
        return None
    g = shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0]
    if simplify_deg > 0:
        g = shapely.simplify(g, simplify_deg, preserve_topology=True)
    g = shapely.transform(g, lambda xy: np.round(xy, 4))
    return shapely.geometry.mapping(g)
