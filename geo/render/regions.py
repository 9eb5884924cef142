"""Regions layer: admin-1 choropleth of mention counts, name and count on hover.

Shapes come from a ``region_shapes(cc, admin1_code)`` callable (the gazetteer's, passed in by the
caller), so this module does not depend on the gazetteer.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from geo.render.base import LegendItem, MapContext, add_group
from geo.render.data import Summary, cell_counts

if TYPE_CHECKING:
    import folium

RegionShapes = Callable[[str, str], Any]

#: Sequential palette, light to dark (ColorBrewer YlGnBu, 5 classes): not red, which on these
#: maps means occupied ground only, and apart from it in colour-blind vision too
#: (tests/test_render_palette.py).
COLORS = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")


class RegionsLayer:
    """Admin-1 units shaded by how often the articles mention places in them."""

    name = "Regions (admin-1)"

    def __init__(self, region_shapes: RegionShapes, *, show: bool = True,
                 tolerance: float = 0.01) -> None:
        self.region_shapes = region_shapes
        self.show = show
        self.tolerance = tolerance
        self._legend: tuple[LegendItem, ...] = ()

    @property
    def legend(self) -> Sequence[LegendItem]:
        return self._legend

    def add_to(self, m: folium.Map, ctx: MapContext) -> None:
        fc, top = region_features(ctx.summary, self.region_shapes, tolerance=self.tolerance)
        if not fc["features"]:
            return
        self._legend = (LegendItem("Admin-1 regions shaded by mentions of places in them "
                                   "(yellow to dark blue: more)", "", "note"),
                        *(LegendItem(label, color, "square") for label, color in class_labels(top)))
        add_group(m, ctx, name=self.name, show=self.show, js="regions.js",
                  data={"fc": fc, "colors": list(COLORS)})


def region_counts(summary: Summary) -> dict[tuple[str, str], dict[str, Any]]:
    """Mentions per admin-1 unit ``(cc, code)``: name, total and counts per filter cell
    (date, outlet, confidence bucket)."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for s in summary.places:
        p = s.place
        if not p.cc or not p.admin1:
            continue
        r = out.setdefault((p.cc, p.admin1), {"name": "", "c": 0, "t": {}})
        if not r["name"]:
            r["name"] = p.admin1_name or (p.name if p.kind == "admin1" else "")
        r["c"] += s.count
        for key, n in s.by_cell.items():
            r["t"][key] = r["t"].get(key, 0) + n
    return out


def region_features(
    summary: Summary, region_shapes: RegionShapes, *, tolerance: float = 0.01
) -> tuple[dict[str, Any], int]:
    """A GeoJSON FeatureCollection of the mentioned admin-1 units with shapes, and the top count."""
    import shapely

    features = []
    top = 0
    for (cc, code), r in sorted(region_counts(summary).items()):
        geom = region_shapes(cc, code)
        if geom is None or geom.is_empty:
            continue
        geom = shapely.set_precision(geom.simplify(tolerance, preserve_topology=True), 1e-4)
        features.append({
            "type": "Feature",
            "geometry": json.loads(shapely.to_geojson(geom)),
            "properties": {"name": r["name"] or f"{cc}.{code}", "cc": cc, "code": code,
                           "total": r["c"], "t": cell_counts(r["t"])},
        })
        top = max(top, r["c"])
    return {"type": "FeatureCollection", "features": features}, top


def class_labels(top: int) -> list[tuple[str, str]]:
    """Legend rows for the five equal-interval classes up to ``top`` mentions."""
    n = len(COLORS)
    rows = []
    for k, color in enumerate(COLORS):
        lo = int(top * k / n) + 1
        hi = int(top * (k + 1) / n) if k < n - 1 else top
        if hi < lo:
            continue
        rows.append((f"{lo} mention" + ("" if lo == 1 else "s") if lo == hi
                     else f"{lo}–{hi} mentions", color))
    return rows
