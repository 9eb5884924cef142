"""Legend: one section per layer, shown while that layer is on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from geo.render.base import LegendItem, MapContext, script
from geo.render.escape import layer_name
from geo.render.templates import JsName

if TYPE_CHECKING:
    import folium

def add_legend(
    m: folium.Map, ctx: MapContext, sections: Sequence[tuple[str, Sequence[LegendItem], bool]]
) -> None:
    """A legend control from ``(layer name, items, shown initially)`` sections with items."""
    payload = [
        {"layer": name, "key": layer_name(name), "items": [i.to_json() for i in items],
         "shown": shown}
        for name, items, shown in sections
        if items
    ]
    if payload:
        script("legend.js", state=JsName(ctx.state), data=payload).add_to(m)
