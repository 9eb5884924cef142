"""Date slider: two range inputs over the articles' days; every date-aware layer follows it.

Only added when the articles carry at least two distinct dates. Moving it calls
``state.setRange(lo, hi)``; layers subscribed with ``state.onRange`` recount their features.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from geo.render.base import MapContext, script

if TYPE_CHECKING:
    import folium

_JS = r"""
(function () {
  var s = __STATE__, dom = window.geoDom, n = s.dates.length;
  var Slider = L.Control.extend({
    options: {position: "bottomleft"},
    onAdd: function () {
      var box = dom.el("div", "leaflet-bar geo-timeline");
      dom.el("div", "geo-timeline-title", "Article dates", box);
      var label = dom.el("div", "geo-timeline-label", null, box);
      function range(value, name) {
        var input = dom.el("input", null, null, box);
        input.type = "range"; input.min = 0; input.max = n - 1; input.step = 1;
        input.value = value; input.name = name; input.setAttribute("aria-label", name);
        return input;
      }
      var lo = range(0, "from"), hi = range(n - 1, "until");
      function show() { label.textContent = s.dates[+lo.value] + " – " + s.dates[+hi.value]; }
      function update(e) {
        if (+lo.value > +hi.value) {
          if (e && e.target === lo) { hi.value = lo.value; } else { lo.value = hi.value; }
        }
        show();
        s.setRange(+lo.value, +hi.value);
      }
      lo.addEventListener("input", update);
      hi.addEventListener("input", update);
      show();
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      s.timeline = {from: lo, until: hi, label: label, update: update};
      return box;
    }
  });
  new Slider().addTo(s.map);
})();
"""


class DateSlider:
    """The date slider control (a control, not a toggleable layer)."""

    name = "Date slider"
    legend = ()

    def add_to(self, m: folium.Map, ctx: MapContext) -> None:
        if len(ctx.summary.dates) < 2:
            return
        script(_JS.replace("__STATE__", ctx.state)).add_to(m)
