"""The composer: data in, a layered ``folium.Map`` out; it only orders layers and controls.

Future layers (events, front lines) implement :class:`geo.render.base.Layer` and arrive through
``extra_layers``; they are drawn above the built-in ones, get a layer-control entry, a legend
section and the date slider through the shared JS state, without changes here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.errors import InputError
from geo.model import ParsedArticle
from geo.render import assets, controls
from geo.render.base import Layer, MapContext, header, script
from geo.render.data import MapData, summarise
from geo.render.escape import JS_HELPERS, json_for_script
from geo.render.heatmap import HeatmapLayer
from geo.render.legend import add_legend
from geo.render.places import PlacesLayer
from geo.render.regions import RegionsLayer
from geo.render.timeline import DateSlider

if TYPE_CHECKING:
    import folium

#: Layers and controls a caller (or a recipe's ``[layers]`` table) may switch off.
SWITCHES = ("places", "heatmap", "regions", "timeline", "search", "fullscreen", "measure")

_STATE_JS = r"""
var __STATE__ = (function (map, dates) {
  var s = {map: map, dates: dates, lo: 0, hi: Math.max(dates.length - 1, 0), hooks: [],
           layers: {}, ready: false, renderer: L.canvas({padding: 0.5})};
  s.onRange = function (fn) { s.hooks.push(fn); };
  s.setRange = function (lo, hi) {
    s.lo = lo; s.hi = hi;
    for (var i = 0; i < s.hooks.length; i++) { s.hooks[i](lo, hi); }
  };
  s.countIn = function (pairs) {
    var c = 0;
    for (var i = 0; i < pairs.length; i++) {
      var d = pairs[i][0];
      if (d < 0 || (d >= s.lo && d <= s.hi)) { c += pairs[i][1]; }
    }
    return c;
  };
  window.__geoMaps = window.__geoMaps || [];
  window.__geoMaps.push(s);
  window.__geo = s;
  return s;
})(__MAP__, __DATES__);
"""

_READY_JS = r"""
__STATE__.map.whenReady(function () {
  requestAnimationFrame(function () { requestAnimationFrame(function () {
    __STATE__.ready = true;
    __STATE__.readyAt = performance.now();
  }); });
});
"""

_CSS = """<style>
.geo-title { position: absolute; top: 10px; left: 50%; transform: translateX(-50%);
  z-index: 1000; background: rgba(255,255,255,0.92); padding: 4px 12px; border-radius: 4px;
  font: 600 16px/1.3 system-ui, sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,0.3);
  max-width: 50%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.geo-popup { font: 13px/1.35 system-ui, sans-serif; }
.geo-popup-name { font-weight: 700; font-size: 15px; }
.geo-popup-meta { color: #555; }
.geo-popup-count { margin: 4px 0; font-weight: 600; }
.geo-popup-articles { margin: 0; padding-left: 16px; }
.geo-popup-articles li { margin: 4px 0; }
.geo-popup-date, .geo-popup-source { color: #666; }
.geo-popup-sentence { color: #222; margin-top: 2px; }
.geo-popup-sentence mark { background: #ffe066; padding: 0 1px; }
.geo-popup-more { color: #666; font-style: italic; margin-top: 4px; }
.geo-legend { background: rgba(255,255,255,0.92); padding: 6px 8px; border-radius: 4px;
  font: 12px/1.4 system-ui, sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,0.3); }
.geo-legend-title { font-weight: 700; margin-top: 2px; }
.geo-legend-row { display: flex; align-items: center; gap: 6px; }
.geo-legend-swatch { display: inline-block; width: 12px; height: 12px; opacity: 0.85;
  border: 1px solid #777; }
.geo-legend-circle { border-radius: 50%; }
.geo-legend-line { height: 3px; border: 0; }
.geo-search { background: #fff; padding: 2px; }
.geo-search input { width: 190px; border: 0; padding: 4px; font: 13px system-ui, sans-serif; }
.geo-search input.geo-search-miss { background: #ffe3e3; }
.geo-timeline { background: rgba(255,255,255,0.95); padding: 6px 8px;
  font: 12px/1.4 system-ui, sans-serif; }
.geo-timeline-title { font-weight: 700; }
.geo-timeline input { display: block; width: 240px; }
.leaflet-heatmap-layer { pointer-events: none; }
</style>"""


def render_map(
    data: MapData | Iterable[ParsedArticle],
    *,
    title: str | None = None,
    since: str | None = None,
    until: str | None = None,
    region: str | None = None,
    region_shapes: Callable[[str, str], Any] | None = None,
    self_contained: bool = False,
    extra_layers: Sequence[Layer] = (),
    layers: Mapping[str, bool] | None = None,
    styles: Mapping[str, Mapping[str, Any]] | None = None,
    max_articles: int = 20,
) -> folium.Map:
    """Draw articles and their mentions as a layered Leaflet map.

    ``data`` is a :class:`MapData` or parsed articles. ``since``/``until`` (``YYYY-MM-DD``) and
    ``region`` (admin-1 name, country code or place name) filter before drawing.
    ``region_shapes(cc, admin1_code)`` returns a shapely polygon for the admin-1 choropleth
    (no choropleth without it). ``layers`` switches parts off (see :data:`SWITCHES`);
    ``styles`` tunes them (``{"places": {"color_by": "kind", "max_radius": 18}}``).
    With ``self_contained``, :func:`save_map` inlines every asset. Returns the ``folium.Map``
    (it displays inline in Jupyter).
    """
    import folium

    switches = {name: True for name in SWITCHES}
    for name, on in (layers or {}).items():
        if name not in switches:
            raise InputError(f"unknown map layer {name!r}; known: {', '.join(SWITCHES)}")
        switches[name] = bool(on)
    if not isinstance(data, MapData):
        data = MapData.from_parsed(data)
    data = data.filter(since=since, until=until, region=region)
    summary = summarise(data)

    m = folium.Map(location=(20, 0), zoom_start=2, tiles=None, control_scale=True)
    m.default_js = [(assets.LEAFLET_JS.url, assets.LEAFLET_JS.url)]
    m.default_css = [(assets.LEAFLET_CSS.url, assets.LEAFLET_CSS.url)]
    m.get_root().header.add_child(header(_CSS), name="geo_css")
    controls.add_base_layers(m)

    state = f"geo_state_{m.get_name()}"
    ctx = MapContext(state=state, summary=summary, styles=dict(styles or {}))
    script(JS_HELPERS).add_to(m)
    script(
        _STATE_JS.replace("__STATE__", state)
        .replace("__MAP__", m.get_name())
        .replace("__DATES__", json_for_script(list(summary.dates)))
    ).add_to(m)

    drawn: list[Layer] = []
    if switches["regions"] and region_shapes is not None:
        drawn.append(RegionsLayer(region_shapes))
    if switches["heatmap"]:
        drawn.append(HeatmapLayer())
    if switches["places"]:
        drawn.append(PlacesLayer(max_articles=max_articles))
    drawn.extend(extra_layers)
    for layer in drawn:
        layer.add_to(m, ctx)

    if switches["timeline"]:
        DateSlider().add_to(m, ctx)
    controls.add_attribution(m, ctx)
    controls.add_title(m, ctx, title)
    if switches["search"] and switches["places"]:
        controls.add_search(m, ctx)
    if switches["fullscreen"]:
        controls.add_fullscreen(m)
    if switches["measure"]:
        controls.add_measure(m)
    add_legend(m, ctx, [(layer.name, layer.legend, bool(getattr(layer, "show", True)))
                        for layer in drawn])
    controls.add_layer_control(m)
    _fit_bounds(m, summary)
    script(_READY_JS.replace("__STATE__", state)).add_to(m)
    m._geo_self_contained = self_contained  # read by save_map
    return m


def _fit_bounds(m: folium.Map, summary: Any) -> None:
    """Fit the view to the places at once (no zoom animation racing the first interaction)."""
    if not summary.places:
        return
    lats = [s.place.lat for s in summary.places]
    lons = [s.place.lon for s in summary.places]
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    pad = 0.5 if (north - south) < 0.5 and (east - west) < 0.5 else 0.0
    bounds = [[south - pad, west - pad], [north + pad, east + pad]]
    script(
        f"{m.get_name()}.fitBounds({json_for_script(bounds)}, "
        "{padding: [30, 30], maxZoom: 10, animate: false});"
    ).add_to(m)


def map_html(m: folium.Map, *, self_contained: bool | None = None) -> str:
    """The page of a map; with ``self_contained`` every script and stylesheet is inlined."""
    page = m.get_root().render()
    if self_contained is None:
        self_contained = bool(getattr(m, "_geo_self_contained", False))
    if self_contained:
        assets.require()
        page = assets.inline(page)
    return page


def save_map(m: folium.Map, path: str | Path, *, self_contained: bool | None = None) -> Path:
    """Write the map to ``path`` (parents created); ``self_contained`` defaults to the map's."""
    target = Path(path)
    page = map_html(m, self_contained=self_contained)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    return target

