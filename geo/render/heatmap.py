"""Heatmap layer: mention density (leaflet.heat), one weighted point per place, date-aware."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from geo.render.assets import HEAT_JS
from geo.render.base import LegendItem, MapContext, add_group

if TYPE_CHECKING:
    import folium


#: leaflet.heat colour stops (ColorBrewer Purples): red means occupied ground on these maps
GRADIENT = {"0.4": "#bcbddc", "0.65": "#9e9ac8", "0.85": "#6a51a3", "1.0": "#3f007d"}


class HeatmapLayer:
    """Where mentions concentrate (hidden by default; toggled in the layer control)."""

    name = "Mention heatmap"

    def __init__(self, *, show: bool = False) -> None:
        self.show = show

    @property
    def legend(self) -> Sequence[LegendItem]:
        return (LegendItem("Where mentions concentrate (purple, not red)", "", "note"),
                LegendItem("few mentions", GRADIENT["0.4"], "square"),
                LegendItem("many mentions", GRADIENT["1.0"], "square"))

    def add_to(self, m: folium.Map, ctx: MapContext) -> None:
        payload = {
            "points": [
                [round(lat, 5), round(lon, 5)]
                for s in ctx.summary.places for lat, lon in [ctx.point(s.place)]
            ],
            "options": {
                "radius": float(ctx.style("heatmap", "radius", 22)),
                "blur": float(ctx.style("heatmap", "blur", 18)),
                "minOpacity": 0.35,
                "maxZoom": 12,
                "gradient": GRADIENT,
            },
        }
        add_group(m, ctx, name=self.name, show=self.show, js="heatmap.js", data=payload,
                  assets=[HEAT_JS])
