"""Heatmap layer: mention density (leaflet.heat), one weighted point per place, date-aware."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from geo.render.assets import HEAT_JS
from geo.render.base import LegendItem, MapContext, add_group
from geo.render.data import date_pairs

if TYPE_CHECKING:
    import folium


class HeatmapLayer:
    """Where mentions concentrate (hidden by default; toggled in the layer control)."""

    name = "Mention heatmap"

    def __init__(self, *, show: bool = False) -> None:
        self.show = show

    @property
    def legend(self) -> Sequence[LegendItem]:
        return (LegendItem("few mentions", "#3b4cc0", "square"),
                LegendItem("many mentions", "#d7301f", "square"))

    def add_to(self, m: folium.Map, ctx: MapContext) -> None:
        payload = {
            "points": [
                [round(s.place.lat, 5), round(s.place.lon, 5), date_pairs(s.by_date)]
                for s in ctx.summary.places
            ],
            "options": {
                "radius": float(ctx.style("heatmap", "radius", 22)),
                "blur": float(ctx.style("heatmap", "blur", 18)),
                "minOpacity": 0.35,
                "maxZoom": 12,
            },
        }
        add_group(m, ctx, name=self.name, show=self.show, js="heatmap.js", data=payload,
                  assets=[HEAT_JS])
