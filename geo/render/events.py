"""Events layer: one icon per event, shape and colour by ACLED type, clustered where they crowd.

The events travel as one compact JSON array (never one folium object per event). In the
browser a small grid clusterer bins the events in view by screen cell (projected once per
zoom level), so only a few hundred DOM icons exist at any time, however many events there are;
a cluster shows its count and zooms in on click (or lists its events when they share one
point). One icon stands for one real event, however many articles report it (a store's
events come joined, :func:`geo.events.corroborate.stored_groups`). Popups show type,
sub-type, date and its precision, place and its precision, actors, quantity, fatalities, the
confidence, who claims it, the sentence and the source (article links http(s) only), or,
for a real event several articles report, each of its sources listed, and, with front-line
snapshots, the event's side of the line of its day ("occupied ground, 3.2 km behind the
line of 2025-08-01"), all built with ``textContent``. The layer follows the composer's
date slider (undated events always show).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from geo.model import EVENT_TYPES, Event
from geo.render.base import LegendItem, MapContext, add_group, header
from geo.render.data import day, outlet_of
from geo.render.escape import clean_text, safe_url

if TYPE_CHECKING:
    import folium

    from geo.model import Article

#: (colour, icon shape) per event type; "Other" for types outside ACLED's and Diplomacy.
#: Okabe-Ito hues (distinct in the common colour blindnesses) and a shape each, so the type
#: reads without colour; no red, which means occupied ground only.
TYPE_STYLE: dict[str, tuple[str, str]] = {
    "Battles": ("#1a1a1a", "diamond"),
    "Explosions/Remote violence": ("#e69f00", "star"),
    "Violence against civilians": ("#cc79a7", "triangle"),
    "Protests": ("#0072b2", "circle"),
    "Riots": ("#999933", "square"),
    "Strategic developments": ("#009e73", "hexagon"),
    "Diplomacy": ("#56b4e9", "ring"),
    "Other": ("#7f7f7f", "circle"),
}
#: the name of each position of an event's row in the payload
PAYLOAD_FIELDS = ("lat", "lon", "type", "date", "sub_event_type", "time_precision",
                  "geo_precision", "place", "actors", "quantity", "quantity_unit", "fatalities",
                  "text", "source", "url", "title", "place_id", "side", "line_km",
                  "line_date", "confidence", "claimant", "sources", "source_list")
#: the most sources a popup lists by name (the count gives the rest)
MAX_SOURCES_LISTED = 20
TIME_PRECISION = {1: "day", 2: "week", 3: "month or vaguer"}
GEO_PRECISION = {1: "at the place", 2: "near the place or in part of a region",
                 3: "somewhere in the area"}


class EventsLayer:
    """Events as icons by type with popups, clustered where they crowd (shown by default)."""

    name = "Events"

    def __init__(self, events: Iterable[Event], *, show: bool = True, cell_px: int = 44,
                 max_list: int = 10, articles: Mapping[str, Article] | None = None,
                 sides: Mapping[str, Any] | None = None) -> None:
        self.events = tuple(events)
        self.sides = dict(sides or {})  # event id -> Placement (geo.frontline.sides)
        self.show = show
        self.cell_px = cell_px
        self.max_list = max_list
        self.articles = dict(articles or {})
        self._legend: tuple[LegendItem, ...] = ()

    @property
    def legend(self) -> Sequence[LegendItem]:
        return self._legend

    @property
    def dates(self) -> tuple[str, ...]:
        """The events' days: the composer puts them on the map's one time slider."""
        return tuple(d for e in self.events if (d := day(e.date)))

    def outlets(self, articles: Mapping[str, Article]) -> tuple[str, ...]:
        """The events' outlets (``articles``: the map's, by id), every outlet reporting a real
        event once: the composer puts them in the source filter."""
        known = {**articles, **self.articles}
        return tuple(o for e in self.events for o in event_outlets(e, known))

    @property
    def frame(self) -> tuple[float, float, float, float] | None:
        """``(south, west, north, east)`` of the events (a map of no places)."""
        if not self.events:
            return None
        lats = [float(e.lat) for e in self.events]
        lons = [float(e.lon) for e in self.events]
        return (min(lats), min(lons), max(lats), max(lons))

    def add_to(self, m: folium.Map, ctx: MapContext) -> None:
        """Add the events group, its styles and its script to ``m`` (a composer's map)."""
        articles = {**ctx.summary.articles, **self.articles}
        data = events_payload(self.events, articles=articles, sides=self.sides)
        data["cell"] = int(ctx.style("events", "cell_px", self.cell_px))
        data["maxList"] = int(ctx.style("events", "max_list", self.max_list))
        data["fit"] = not ctx.summary.places
        data.update(filter_fields(self.events, articles, ctx.summary.outlet_index))
        self._legend = (LegendItem("Events, drawn above places: shape and colour give the type; "
                                   "a numbered circle holds several", "", "note"),
                        *(LegendItem(t["name"], t["color"], t["shape"]) for t in data["types"]))
        m.get_root().header.add_child(header("events.css"), name="geo_events_css")
        add_group(m, ctx, name=self.name, show=self.show, js="events.js", data=data)


def events_payload(events: Iterable[Event], *,
                   articles: Mapping[str, Article] | None = None,
                   sides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The JSON the layer embeds: the types present (name, colour, shape) and one compact
    array per event, in date order (undated last).

    Each event is ``[lat, lon, type index, day, sub-type, time precision, geo precision, place,
    actors, quantity, unit, fatalities, text, source, article url (http(s) or null), article
    title, place id (or null), side of the line of its day (``occupied``, ``grey_zone``,
    ``held`` or null), signed km to that line (negative inside the occupied area, or null),
    that line's date (or null), confidence (0..1 or null), claimant ("" unless claimed),
    sources (how many report it), the sources listed (:func:`source_list`)]``; ``fields``
    names each position (``fields.confidence`` is 20), so page code reads
    ``e[d.fields.confidence]``. Every string is cleaned and length-limited here and escaped
    by :func:`~geo.render.escape.json_for_script` on its way into the page.
    """
    articles = articles or {}
    sides = sides or {}
    evs = event_order(events)
    names = [t for t in (*EVENT_TYPES, "Other")
             if any(_type_name(e) == t for e in evs)]
    index = {t: i for i, t in enumerate(names)}
    rows = []
    for e in evs:
        art = articles.get(e.article_id) if e.article_id else None
        rows.append([
            round(float(e.lat), 5), round(float(e.lon), 5), index[_type_name(e)], day(e.date),
            clean_text(e.sub_event_type, limit=80) or "", int(e.time_precision),
            int(e.geo_precision), _place_label(e),
            [a for a in (clean_text(x, limit=80) for x in e.actors) if a][:8],
            _int(e.quantity), clean_text(e.quantity_unit, limit=40) or "", _int(e.fatalities),
            clean_text(e.text, limit=400) or "", clean_text(e.source, limit=80) or "",
            safe_url(art.url) if art is not None else None,
            clean_text(art.title, limit=160) if art is not None else None,
            e.place.id if e.place is not None else None,
            *_side(sides.get(e.id)),
            _unit(e.confidence),
            (clean_text(e.claimant, limit=120) or "claimed") if e.claimed else "",
            max(1, len(e.sources)),
            source_list(e, articles),
        ])
    return {
        "types": [{"name": t, "color": TYPE_STYLE[t][0], "shape": TYPE_STYLE[t][1]}
                  for t in names],
        "events": rows,
        "fields": {name: i for i, name in enumerate(PAYLOAD_FIELDS)},
        "tp": {str(k): v for k, v in TIME_PRECISION.items()},
        "gp": {str(k): v for k, v in GEO_PRECISION.items()},
    }


def source_list(e: Event, articles: Mapping[str, Article]) -> list[list[str | None]]:
    """The sources of a real event the store joined (:attr:`Event.sources`), at most
    :data:`MAX_SOURCES_LISTED`, each ``[outlet, title, link]``: an article's outlet, title
    and http(s) link where the map holds it (else its id and the store's link), a dataset's
    name; every string cleaned, nulls where unknown. Empty for an event of one source (the
    popup's "Source" line names it)."""
    if len(e.sources) < 2:
        return []
    links = e.source_urls if len(e.source_urls) == len(e.sources) else ("",) * len(e.sources)
    out: list[list[str | None]] = []
    for sid, link in list(zip(e.sources, links, strict=True))[:MAX_SOURCES_LISTED]:
        art = articles.get(sid)
        if art is not None:
            out.append([outlet_of(art.source, art.url) or None,
                        clean_text(art.title, limit=160) or None, safe_url(art.url)])
        else:
            out.append([clean_text(sid, limit=80) or None, None, safe_url(link)])
    return out


def _side(placement: Any) -> tuple[str | None, float | None, str | None]:
    """(side, signed km, line date) of a placement, or three nulls."""
    side = getattr(placement, "side", None)
    if side is None:
        return None, None, None
    km = placement.distance_km
    return side, None if km is None else round(float(km), 1), placement.line_date.isoformat()


def event_order(events: Iterable[Event]) -> list[Event]:
    """The events in the order the page holds them: by day, undated last, then by id."""
    return sorted(events, key=lambda e: (day(e.date) is None, day(e.date) or "", e.id))


def event_outlet(e: Event, articles: Mapping[str, Article]) -> str:
    """The outlet of an event for the source filter: its article's, else the event's own
    ``source`` (a dataset such as ACLED)."""
    art = articles.get(e.article_id) if e.article_id else None
    if art is not None:
        return outlet_of(art.source, art.url)
    return outlet_of(e.source, None)


def event_outlets(e: Event, articles: Mapping[str, Article]) -> list[str]:
    """Every outlet reporting an event, its own (:func:`event_outlet`) first, then those of
    the other articles of a real event the store joined (those ``articles`` holds)."""
    out = [event_outlet(e, articles)]
    for sid in e.sources:
        art = articles.get(sid)
        if art is not None and (name := outlet_of(art.source, art.url)) not in out:
            out.append(name)
    return out


def event_confidence(e: Event) -> float:
    """The event's ``confidence`` (0..1); an event without one (imported, or made before
    events carried it) counts as sure, 1.0, so no filter hides it."""
    value = getattr(e, "confidence", None)
    try:
        return 1.0 if value is None else max(0.0, min(1.0, float(value)))
    except (TypeError, ValueError):
        return 1.0


def filter_fields(events: Iterable[Event], articles: Mapping[str, Article],
                  outlet_index: Callable[[str], int]) -> dict[str, list[Any]]:
    """Per event, in :func:`event_order`: its outlet index, the indexes of the other outlets
    reporting it (a real event several articles tell: it shows while any of its outlets is
    switched on) and its confidence (the filter panel's inputs, kept beside the rows so the
    rows' layout stays the events layer's own)."""
    evs = event_order(events)
    outlets = [[outlet_index(o) for o in event_outlets(e, articles)] for e in evs]
    return {"outlet": [o[0] for o in outlets], "more": [o[1:] for o in outlets],
            "conf": [round(event_confidence(e), 3) for e in evs]}


def _unit(value: Any) -> float | None:
    """A confidence as a float in [0, 1] rounded to 3 places; None if missing or invalid."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return round(v, 3) if 0.0 <= v <= 1.0 else None


def _type_name(e: Event) -> str:
    return e.event_type if e.event_type in TYPE_STYLE else "Other"


def _place_label(e: Event) -> str:
    p = e.place
    name = p.name if p is not None else getattr(e, "location", "")
    admin1 = (p.admin1_name if p is not None else "") or getattr(e, "admin1", "")
    cc = (p.cc if p is not None else "") or getattr(e, "country", "")
    parts = [x for x in (name, admin1 if admin1 != name else "", cc) if x]
    return clean_text(", ".join(parts), limit=160) or ""


def _int(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None
