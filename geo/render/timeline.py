"""Date slider: two range inputs over the articles' days; every date-aware layer follows it.

Only added when the articles carry at least two distinct dates. Moving it calls
``state.setRange(lo, hi)``; layers subscribed with ``state.onRange`` recount their features.
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
