"""Layered Leaflet maps of articles and their places (folium at the edge, all escaping here).

``render_map(data, ...) -> folium.Map``; ``save_map(m, path)`` writes the HTML. One module per
layer (places, heatmap, regions, timeline), plus controls, legend, escape and assets.
Heavy libraries (folium, shapely) are imported only when a map is drawn.
"""

from __future__ import annotations

from geo.render.base import Layer, LegendItem, MapContext
from geo.render.compose import map_html, render_map, save_map
from geo.render.data import MapData

__all__ = ["Layer", "LegendItem", "MapContext", "MapData", "map_html", "render_map", "save_map"]
