"""Map controls: base layers, attribution, title, search, fullscreen, measure, layer control.

All assets are the pinned npm files of :mod:`geo.render.assets`; folium's plugin defaults (some
from GitHub, some unpinned) are replaced per instance.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from geo.render.assets import FULLSCREEN_CSS, FULLSCREEN_JS, MEASURE_CSS, MEASURE_JS
from geo.render.base import MapContext, script
from geo.render.templates import JsName, verbatim_class

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

def add_base_layers(m: folium.Map, *, show: bool = True) -> None:
    """A plain light map (shown unless ``show`` is false) and a street map, in the layer
    control."""
    import folium

    for i, (name, url, attribution, options) in enumerate(BASE_LAYERS):
        verbatim_class(folium.TileLayer)(url, name=name, attr=attribution,
                                         show=show and i == 0, **options).add_to(m)


def add_attribution(m: folium.Map, ctx: MapContext) -> None:
    """Credit the gazetteer and boundary data next to the tile provider."""
    script("attribution.js", state=JsName(ctx.state), data=DATA_ATTRIBUTION).add_to(m)


def add_title(m: folium.Map, ctx: MapContext, title: str | None) -> None:
    """A title banner at the top of the map (text only, never HTML)."""
    if title:
        script("title.js", state=JsName(ctx.state), data=title).add_to(m)


def add_search(m: folium.Map, ctx: MapContext) -> None:
    """Find a place of the map by name: pans to it and opens its popup."""
    script("search.js", state=JsName(ctx.state)).add_to(m)


def add_fullscreen(m: folium.Map) -> None:
    from folium.plugins import Fullscreen

    control = verbatim_class(Fullscreen)(position="topleft")
    control.default_js = [(FULLSCREEN_JS.url, FULLSCREEN_JS.url)]
    control.default_css = [(FULLSCREEN_CSS.url, FULLSCREEN_CSS.url)]
    control.add_to(m)


def add_measure(m: folium.Map) -> None:
    from folium.plugins import MeasureControl

    control = verbatim_class(MeasureControl)(
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

    verbatim_class(folium.LayerControl)(position="topright", collapsed=False).add_to(m)
