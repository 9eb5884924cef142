"""Map controls: base layers, attribution, title, search, fullscreen, measure, layer control.

All assets are the pinned npm files of :mod:`geo.render.assets`; folium's plugin defaults (some
from GitHub, some unpinned) are replaced per instance.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from geo.render.assets import FULLSCREEN_CSS, FULLSCREEN_JS, MEASURE_CSS, MEASURE_JS
from geo.render.base import MapContext, script
from geo.render.escape import json_for_script

if TYPE_CHECKING:
    import folium

OSM_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)
CARTO_ATTRIBUTION = OSM_ATTRIBUTION + ' / &copy; <a href="https://carto.com/attributions">CARTO</a>'
DATA_ATTRIBUTION = (
    '<a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0), '
    '<a href="https://www.naturalearthdata.com/">Natural Earth</a>'
)

#: (name, URL template, attribution, options) of the base layers; the first is shown.
BASE_LAYERS = (
    ("Light", "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png", CARTO_ATTRIBUTION,
     {"subdomains": "abcd", "max_zoom": 20}),
    ("Street map", "https://tile.openstreetmap.org/{z}/{x}/{y}.png", OSM_ATTRIBUTION,
     {"max_zoom": 19}),
)

_ATTRIBUTION_JS = r"""
__STATE__.map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
__STATE__.map.attributionControl.addAttribution(__DATA__);
"""

_TITLE_JS = r"""
(function () {
  var s = __STATE__, title = __DATA__;
  var box = window.geoDom.el("div", "geo-title", title, s.map.getContainer());
  L.DomEvent.disableClickPropagation(box);
  if (!document.title) { document.title = title; }
})();
"""

_SEARCH_JS = r"""
(function () {
  var s = __STATE__, dom = window.geoDom;
  var Search = L.Control.extend({
    options: {position: "topleft"},
    onAdd: function (map) {
      var box = dom.el("div", "leaflet-bar geo-search");
      var input = dom.el("input", null, null, box), list = dom.el("datalist", null, null, box);
      list.id = "geo-search-" + L.Util.stamp(this);
      input.type = "search"; input.placeholder = "Find a place…";
      input.setAttribute("list", list.id); input.setAttribute("aria-label", "Find a place");
      var byLabel = null;
      function build() {
        if (byLabel) { return; }
        byLabel = {};
        var layer = s.layers.places;
        if (!layer) { return; }
        layer.places.forEach(function (p, i) {
          var label = [p.n, p.a1, p.cc].filter(function (x) { return x; }).join(", ");
          var key = label, k = 2;
          while (byLabel[key] !== undefined) { key = label + " (" + (k++) + ")"; }
          byLabel[key] = i;
          var opt = document.createElement("option"); opt.value = key; list.appendChild(opt);
        });
      }
      function find(text) {
        build();
        if (byLabel[text] !== undefined) { return byLabel[text]; }
        var q = text.trim().toLowerCase(), layer = s.layers.places;
        if (!q || !layer) { return -1; }
        for (var i = 0; i < layer.places.length; i++) {
          if (layer.places[i].n.toLowerCase() === q) { return i; }
        }
        for (var i = 0; i < layer.places.length; i++) {
          if (layer.places[i].n.toLowerCase().indexOf(q) === 0) { return i; }
        }
        return -1;
      }
      function go() {
        var i = find(input.value), layer = s.layers.places;
        if (i < 0) { input.classList.add("geo-search-miss"); return; }
        input.classList.remove("geo-search-miss");
        if (!map.hasLayer(layer.group)) { map.addLayer(layer.group); }
        var mk = layer.markers[i];
        map.setView(mk.getLatLng(), Math.max(map.getZoom(), 8));
        if (layer.group.hasLayer(mk)) { mk.openPopup(); }
      }
      input.addEventListener("focus", build);
      input.addEventListener("change", go);
      input.addEventListener("keydown", function (e) { if (e.key === "Enter") { go(); } });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      s.search = {input: input, go: go, find: find};
      return box;
    }
  });
  new Search().addTo(s.map);
})();
"""


def add_base_layers(m: folium.Map) -> None:
    """A plain light map (shown) and a street map, both in the layer control."""
    import folium

    for i, (name, url, attribution, options) in enumerate(BASE_LAYERS):
        folium.TileLayer(url, name=name, attr=attribution, show=(i == 0), **options).add_to(m)


def add_attribution(m: folium.Map, ctx: MapContext) -> None:
    """Credit the gazetteer and boundary data next to the tile provider."""
    code = _ATTRIBUTION_JS.replace("__STATE__", ctx.state).replace(
        "__DATA__", json_for_script(DATA_ATTRIBUTION)
    )
    script(code).add_to(m)


def add_title(m: folium.Map, ctx: MapContext, title: str | None) -> None:
    """A title banner at the top of the map (text only, never HTML)."""
    if title:
        code = _TITLE_JS.replace("__STATE__", ctx.state).replace("__DATA__", json_for_script(title))
        script(code).add_to(m)


def add_search(m: folium.Map, ctx: MapContext) -> None:
    """Find a place of the map by name: pans to it and opens its popup."""
    script(_SEARCH_JS.replace("__STATE__", ctx.state)).add_to(m)


def add_fullscreen(m: folium.Map) -> None:
    from folium.plugins import Fullscreen

    control = Fullscreen(position="topleft")
    control.default_js = [(FULLSCREEN_JS.url, FULLSCREEN_JS.url)]
    control.default_css = [(FULLSCREEN_CSS.url, FULLSCREEN_CSS.url)]
    control.add_to(m)


def add_measure(m: folium.Map) -> None:
    from folium.plugins import MeasureControl

    control = MeasureControl(
        position="topleft",
        primary_length_unit="kilometers",
        secondary_length_unit="miles",
        primary_area_unit="sqkilometers",
        secondary_area_unit="hectares",
    )
    control.default_js = [(MEASURE_JS.url, MEASURE_JS.url)]
    control.default_css = [(MEASURE_CSS.url, MEASURE_CSS.url)]
    control.add_to(m)


def add_layer_control(m: folium.Map) -> None:
    import folium

    folium.LayerControl(position="topright", collapsed=False).add_to(m)
