"""Layered Leaflet maps of articles and their places (folium at the edge, all escaping here).

``render_map(data, ...) -> folium.Map``; ``save_map(m, path)`` writes the HTML. One module per
layer (places, heatmap, regions, events, front line, the offline base map, the time axis),
plus controls, legend, escape, assets and ``png`` (``--png`` through headless Chromium). The page
code is fixed files (``js/*.js``, ``css/*.css``) that get data only as escaped JSON variables
through :mod:`geo.render.templates`; nothing is ever compiled as a template from data.
Heavy libraries (folium, shapely) are imported only when a map is drawn.
"""

from __future__ import annotations

from geo.render.base import Layer, LegendItem, MapContext
from geo.render.compose import map_html, render_map, save_map
from geo.render.data import MapData

__all__ = ["Layer", "LegendItem", "MapContext", "MapData", "map_html", "render_map", "save_map"]
