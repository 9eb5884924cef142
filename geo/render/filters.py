"""The filter panel: hide mentions and events below a confidence, or from chosen outlets.

Both filters combine with the time window: every layer counts through ``state.countIn`` (the
mentions' ``[date, outlet, confidence bucket, n]`` cells) or asks ``state.keep(outlet,
confidence)`` per record (events, the popup's article list), and the panel re-runs the layers'
range hooks (``state.refilter()``) when a choice changes. An outlet is an article's ``source``,
else its URL's host (:func:`geo.render.data.outlet_of`); an event's is its article's, else its
dataset's. Confidence is a mention's resolver confidence and an event's ``confidence`` (none:
1.0).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from geo.render.base import MapContext, script
from geo.render.data import CONFIDENCE_STEPS
from geo.render.templates import JsName

if TYPE_CHECKING:
    import folium

#: outlets listed in the panel (most mentioned first); the rest share one "other outlets" box
MAX_OUTLETS = 40


class FilterPanel:
    """The filter control (a control, not a toggleable layer)."""

    name = "Filters"
    legend = ()

    def add_to(self, m: folium.Map, ctx: MapContext) -> None:
        script("filters.js", state=JsName(ctx.state), data=filter_payload(ctx)).add_to(m)


def filter_payload(ctx: MapContext) -> dict[str, Any]:
    """The outlets (name and count of mentions and events) and the confidence steps; outlets
    past :data:`MAX_OUTLETS` are grouped: one box switches them all."""
    summary = ctx.summary
    named = [{"name": name, "n": n, "ids": [i]}
             for i, (name, n) in enumerate(zip(summary.outlets, summary.outlet_counts,
                                               strict=True))]
    if len(named) > MAX_OUTLETS:
        rest = named[MAX_OUTLETS - 1:]
        other = {"name": f"{len(rest)} other outlets", "n": sum(o["n"] for o in rest),
                 "ids": [i for o in rest for i in o["ids"]], "group": True}
        named = [*named[:MAX_OUTLETS - 1], other]
    return {"outlets": named, "steps": CONFIDENCE_STEPS}
