"""Legend: one section per layer, shown while that layer is on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from geo.render.base import LegendItem, MapContext, script
from geo.render.escape import json_for_script

if TYPE_CHECKING:
    import folium

_JS = r"""
(function () {
  var s = __STATE__, sections = __DATA__, dom = window.geoDom, nodes = {};
  var Legend = L.Control.extend({
    options: {position: "bottomright"},
    onAdd: function () {
      var box = dom.el("div", "geo-legend");
      sections.forEach(function (sec) {
        var div = dom.el("div", "geo-legend-section", null, box);
        dom.el("div", "geo-legend-title", sec.layer, div);
        sec.items.forEach(function (item) {
          var row = dom.el("div", "geo-legend-row", null, div);
          var sw = dom.el("span", "geo-legend-swatch geo-legend-" + item.shape, null, row);
          sw.style.background = item.color;
          dom.el("span", null, item.label, row);
        });
        nodes[sec.layer] = div;
        div.style.display = sec.shown ? "" : "none";
      });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    }
  });
  new Legend().addTo(s.map);
  function toggle(shown) {
    return function (e) {
      if (nodes[e.name]) { nodes[e.name].style.display = shown ? "" : "none"; }
    };
  }
  s.map.on("overlayadd", toggle(true));
  s.map.on("overlayremove", toggle(false));
  s.legend = nodes;
})();
"""


def add_legend(
    m: folium.Map, ctx: MapContext, sections: Sequence[tuple[str, Sequence[LegendItem], bool]]
) -> None:
    """A legend control from ``(layer name, items, shown initially)`` sections with items."""
    payload = [
        {"layer": name, "items": [i.to_json() for i in items], "shown": shown}
        for name, items, shown in sections
        if items
    ]
    if payload:
        script(_JS.replace("__STATE__", ctx.state).replace("__DATA__", json_for_script(payload))) \
            .add_to(m)
