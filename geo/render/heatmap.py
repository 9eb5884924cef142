"""Heatmap layer: mention density (leaflet.heat), one weighted point per place, date-aware."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from geo.render.assets import HEAT_JS
from geo.render.base import LegendItem, MapContext, add_group
from geo.render.data import date_pairs

if TYPE_CHECKING:
    import folium

_JS = r"""
(function () {
  var s = __STATE__, group = __GROUP__, data = __DATA__;
  function points() {
    var out = [], top = 1;
    for (var i = 0; i < data.points.length; i++) {
      var p = data.points[i], c = s.countIn(p[2]);
      if (c > 0) { out.push([p[0], p[1], Math.log(1 + c)]); if (c > top) { top = c; } }
    }
    return {points: out, max: Math.log(1 + top)};
  }
  var first = points();
  var opts = Object.assign({}, data.options, {max: first.max});
  var heat = L.heatLayer(first.points, opts);
  group.addLayer(heat);
  s.onRange(function () {
    var next = points();
    heat.setOptions({max: next.max});
    heat.setLatLngs(next.points);
  });
  s.layers.heatmap = {
    group: group, heat: heat, points: function () { return heat._latlngs.length; }
  };
})();
"""


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
        add_group(m, ctx, name=self.name, show=self.show, js=_JS, data=payload, assets=[HEAT_JS])
