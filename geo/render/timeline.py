"""The one time axis: two range inputs and a play button over every day the map knows.

The days are the articles', the events' and the front-line snapshots' (``layer.dates``); the
window opens ending at the newest article. Moving it calls ``state.setRange(lo, hi)``; layers
subscribed with ``state.onRange`` follow it (places and heatmap recount, events filter, the
front line shows the snapshot in force on the last day and changes since the first). Only
added when there are at least two days.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from geo.render.base import MapContext, script
from geo.render.templates import JsName

if TYPE_CHECKING:
    import folium

class DateSlider:
    """The date slider control (a control, not a toggleable layer)."""

    name = "Date slider"
    legend = ()

    def add_to(self, m: folium.Map, ctx: MapContext) -> None:
        if len(ctx.summary.dates) < 2:
            return
        script("timeline.js", state=JsName(ctx.state)).add_to(m)
