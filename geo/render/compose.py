"""The composer: data in, a layered ``folium.Map`` out; it only orders layers and controls.

Future layers (events, front lines) implement :class:`geo.render.base.Layer` and arrive through
``extra_layers``; they are drawn above the built-in ones, get a layer-control entry, a legend
section and the date slider through the shared JS state, without changes here.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo import _checks
from geo.errors import InputError, InputTypeError
from geo.model import Event, ParsedArticle
from geo.render import assets, controls
from geo.render.anchor import PlaceShapes, anchor_points, story_focus
from geo.render.base import Layer, MapContext, header, script
from geo.render.basemap import OfflineBase, ShapeSource
from geo.render.data import MapData, cell_counts, summarise
from geo.render.filters import FilterPanel
from geo.render.heatmap import HeatmapLayer
from geo.render.legend import add_legend
from geo.render.places import PlaceNames, PlacesLayer
from geo.render.regions import RegionsLayer
from geo.render.templates import JsName, verbatim_class
from geo.render.timeline import DateSlider

if TYPE_CHECKING:
    import folium

    from geo.frontline.model import Snapshot

#: maps drawn with ``self_contained=True`` (kept here, not as an attribute on folium.Map)
_SELF_CONTAINED: weakref.WeakSet[Any] = weakref.WeakSet()

#: Layers and controls a caller (or a recipe's ``[layers]`` table) may switch off.
SWITCHES = ("places", "heatmap", "regions", "timeline", "filters", "search", "fullscreen",
            "measure")

def render_map(
    data: MapData | Iterable[ParsedArticle],
    *,
    title: str | None = None,
    since: str | None = None,
    until: str | None = None,
    region: str | None = None,
    region_shapes: Callable[[str, str], Any] | None = None,
    self_contained: bool = False,
    base_shapes: ShapeSource | None = None,
    place_names: PlaceNames | None = None,
    place_shapes: PlaceShapes | None = None,
    offline_base: bool | None = None,
    extra_layers: Sequence[Layer] = (),
    layers: Mapping[str, bool] | None = None,
    styles: Mapping[str, Mapping[str, Any]] | None = None,
    max_articles: int = 20,
    events: Iterable[Event] | None = None,
    frontline: Iterable[str | os.PathLike[str] | Snapshot] | None = None,
) -> folium.Map:
    """Draw articles and their mentions as a layered Leaflet map.

    ``data`` is a :class:`MapData` or parsed articles. ``since``/``until`` (``YYYY-MM-DD``) and
    ``region`` (admin-1 name, country code or place name) filter before drawing.
    ``region_shapes(cc, admin1_code)`` returns a shapely polygon for the admin-1 choropleth
    (no choropleth without it). ``layers`` switches parts off (see :data:`SWITCHES`);
    ``styles`` tunes them (``{"places": {"color_by": "kind", "max_radius": 18}}``).
    With ``self_contained``, :func:`save_map` inlines every asset. ``events`` (``geo.Event``
    records, e.g. from ``geo.events.extract_from_articles``) adds the events layer;
    ``frontline`` (snapshot files or loaded ``Snapshot`` records) adds the front line as of
    its latest date; with both, each event's popup gives its side of the line of its day.
    Returns the ``folium.Map`` (it displays inline in Jupyter).
    Wrong types raise :class:`~geo.errors.InputTypeError` (a ``TypeError``) saying what was
    expected. ``base_shapes`` (see :func:`geo.render.basemap.gazetteer_shapes`) draws the
    offline base map, shown instead of tiles when ``offline_base`` (default:
    ``self_contained``) and whenever tiles fail. ``place_names(place)`` (every name of a
    place) gives labels the news' spelling and lets search find alternate names.
    ``place_shapes(place)`` (a country's or admin-1 unit's polygon, or None) lets an area
    named in the story be drawn where the map frames the story (:mod:`geo.render.anchor`).

    >>> from geo.pipeline import parse
    >>> m = render_map(parse("Drones over Kyiv and Kramatorsk."), title="Drones")
    >>> "Kramatorsk" in map_html(m)
    True
    >>> render_map([1, 2])
    Traceback (most recent call last):
    geo.errors.InputTypeError: render_map(): item 0 is a int, not geo.ParsedArticle ...
    """
    import folium

    since, until = _day_arg(since, "since="), _day_arg(until, "until=")
    _checks.text(title, "title=", optional=True)
    _checks.text(region, "region=", optional=True)
    _checks.integer(max_articles, "max_articles=")
    styles = _checks.mapping(styles, "styles=")
    switches = {name: True for name in SWITCHES}
    for name, on in _checks.mapping(layers, "layers=").items():
        if name not in switches:
            raise InputError(f"unknown map layer {name!r}; known: {', '.join(SWITCHES)}")
        switches[name] = bool(on)
    data = _map_data(data)
    ev_layer, front_layer = _events_layer(events, since, until, region), \
        _frontline_layer(frontline)
    if ev_layer and front_layer:  # popups say each event's side of the line of its day
        from geo.frontline.sides import place_events_of_day

        ev_layer[0].sides = place_events_of_day(front_layer[0].snapshots, ev_layer[0].events)
    extra_layers = [*extra_layers, *ev_layer, *front_layer]
    data = data.filter(since=since, until=until, region=region)
    extra_dates = [d for layer in extra_layers for d in getattr(layer, "dates", ())]
    by_id = {a.id: a for a in data.articles}
    extra_outlets = [o for layer in extra_layers if hasattr(layer, "outlets")
                     for o in layer.outlets(by_id)]
    summary = summarise(data, extra_dates, extra_outlets)
    timeline = switches["timeline"] and len(summary.dates) >= 2
    asked = [getattr(layer, "window", (None, None)) for layer in extra_layers]
    window = summary.window(next((a[0] for a in asked if a[0]), None),
                            next((a[1] for a in asked if a[1]), None))

    m = verbatim_class(folium.Map)(location=(20, 0), zoom_start=2, tiles=None,
                                   control_scale=True)
    m.default_js = [(assets.LEAFLET_JS.url, assets.LEAFLET_JS.url)]
    m.default_css = [(assets.LEAFLET_CSS.url, assets.LEAFLET_CSS.url)]
    m.get_root().header.add_child(header("map.css"), name="geo_css")
    offline = self_contained if offline_base is None else bool(offline_base)
    offline = offline and base_shapes is not None
    controls.add_base_layers(m, show=not offline)

    state = JsName(f"geo_state_{m.get_name()}")
    local = story_frame(summary)
    frame = local or _layers_frame(extra_layers)
    # areas named in the story are drawn inside its view (only when there is a local story)
    anchors = anchor_points(summary.places, local, place_shapes) \
        if any(s.place.kind not in WIDE_KINDS for s in summary.places) else {}
    ctx = MapContext(state=state, summary=summary, styles=dict(styles or {}), timeline=timeline,
                     anchors=anchors)
    script("helpers.js").add_to(m)
    script("state.js", state=state, map=JsName(m.get_name()), dates=list(summary.dates),
           window=window, outlets=list(summary.outlets), centre=story_focus(summary.places),
           cells=[cell_counts(s.by_cell) for s in summary.places]).add_to(m)
    if summary.places and frame is not None:  # before the layers: they are projected once
        _fit_bounds(m, frame)
    if base_shapes is not None:
        OfflineBase(base_shapes, show=offline).add_to(m, ctx, frame)

    drawn: list[Layer] = []
    if switches["regions"] and region_shapes is not None:
        # off by default under a front line: two area fills over each other read as neither
        front = any(getattr(layer, "occupies_ground", False) for layer in extra_layers)
        drawn.append(RegionsLayer(region_shapes, show=not front))
    if switches["heatmap"]:
        drawn.append(HeatmapLayer())
    if switches["places"]:
        drawn.append(PlacesLayer(max_articles=max_articles, place_names=place_names))
    drawn.extend(extra_layers)
    for layer in drawn:
        layer.add_to(m, ctx)

    if timeline:
        DateSlider().add_to(m, ctx)
    events_drawn = any(getattr(layer, "outlets", None) for layer in extra_layers)
    if switches["filters"] and (summary.places or events_drawn):
        FilterPanel().add_to(m, ctx)
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
    script("ready.js", state=state).add_to(m)
    if self_contained:
        _SELF_CONTAINED.add(m)
    return m


def _day_arg(value: Any, what: str) -> str | None:
    """A ``since``/``until`` bound: ``YYYY-MM-DD`` text or a ``datetime.date``."""
    import datetime as dt

    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    raise InputTypeError(f"{what} wants a date (YYYY-MM-DD or datetime.date), not "
                         f"{type(value).__name__}")


def _map_data(data: Any) -> MapData:
    """``data`` as MapData: parsed articles (one or many), or MapData itself."""
    if isinstance(data, MapData):
        return data
    if isinstance(data, ParsedArticle):
        return MapData.from_parsed([data])
    return MapData.from_parsed(_checks.items(
        data, ParsedArticle, "render_map()",
        "geo.ParsedArticle (from geo.parse or geo.parse_articles)"))


def _events_layer(events: Any, since: str | None, until: str | None,
                  region: str | None = None) -> list[Layer]:
    if events is None:
        return []
    items = _checks.items(events, Event, "events=", "geo.Event")
    from geo.render.events import EventsLayer

    if since or until:  # the map's date bounds, as for the articles
        lo, hi = since or "0000-00-00", until or "9999-99-99"
        items = [e for e in items if e.date and lo <= e.date[:10] <= hi]
    if region:  # the map's region, as for the mentions
        from geo.render.data import event_in_region

        items = [e for e in items if event_in_region(e, region)]
    return [EventsLayer(items)]


def _frontline_layer(frontline: Any) -> list[Layer]:
    if frontline is None:
        return []
    if isinstance(frontline, str | os.PathLike):
        frontline = [frontline]
    if isinstance(frontline, bytes) or not isinstance(frontline, Iterable):
        raise InputTypeError("frontline= wants snapshot file paths or Snapshot records, not "
                             f"{type(frontline).__name__}")
    from geo.frontline.load import load_snapshots
    from geo.frontline.model import Snapshot
    from geo.render.frontline import FrontlineLayer

    items = list(frontline)
    snaps = [s for s in items if isinstance(s, Snapshot)]
    paths = [p for p in items if isinstance(p, str | os.PathLike)]
    if len(snaps) + len(paths) != len(items):
        bad = next(i for i in items if not isinstance(i, Snapshot | str | os.PathLike))
        raise InputTypeError(f"frontline=: {type(bad).__name__} is neither a file path nor a "
                             "Snapshot")
    if paths:
        loaded, failed = load_snapshots(paths)
        if failed:
            path, reason = failed[0]
            raise InputError(f"front-line file {path}: {reason}")
        snaps.extend(loaded)
    if not snaps:
        raise InputError("frontline= holds no snapshot")
    return [FrontlineLayer(snaps)]


#: kinds whose point says little about where the story is (Russia's point is in Siberia)
WIDE_KINDS = frozenset({"country", "continent", "region", "water"})
#: the frame spans the mention-weighted 5th to 95th percentiles of latitude and longitude
FRAME_QUANTILE = 0.05


def story_frame(summary: Any) -> tuple[float, float, float, float] | None:
    """``(south, west, north, east)`` of where the story is: the mention-weighted middle 90%
    of the places' latitudes and longitudes (countries, seas and continents left out unless
    there is nothing else), so asides named once do not zoom the map out to the world."""
    places = [s for s in summary.places if s.place.kind not in WIDE_KINDS] or \
        list(summary.places)
    if not places:
        return None
    lats = _weighted_range([(s.place.lat, s.count) for s in places])
    lons = _weighted_range([(s.place.lon, s.count) for s in places])
    return (lats[0], lons[0], lats[1], lons[1])


def _weighted_range(values: list[tuple[float, int]]) -> tuple[float, float]:
    """The FRAME_QUANTILE and 1 - FRAME_QUANTILE weighted quantiles of ``(value, weight)``."""
    values = sorted(values)
    total = sum(w for _, w in values)
    lo_at, hi_at = FRAME_QUANTILE * total, (1 - FRAME_QUANTILE) * total
    acc, lo, hi = 0, values[0][0], values[-1][0]
    found_lo = False
    for v, w in values:
        acc += w
        if not found_lo and acc > lo_at:
            lo, found_lo = v, True
        if acc >= hi_at:
            hi = v
            break
    return lo, max(lo, hi)


def _layers_frame(layers: Sequence[Layer]) -> tuple[float, float, float, float] | None:
    boxes = [b for layer in layers if (b := getattr(layer, "frame", None)) is not None]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def _fit_bounds(m: folium.Map, frame: tuple[float, float, float, float]) -> None:
    """Fit the view to the frame at once (no zoom animation racing the first interaction)."""
    south, west, north, east = frame
    pad = 0.5 if (north - south) < 0.5 and (east - west) < 0.5 else 0.0
    bounds = [[south - pad, west - pad], [north + pad, east + pad]]
    script("fit.js", map=JsName(m.get_name()), bounds=bounds).add_to(m)


def map_html(m: folium.Map, *, self_contained: bool | None = None) -> str:
    """The page of a map; with ``self_contained`` (default: what ``render_map`` was asked)
    every script and stylesheet is inlined."""
    page = m.get_root().render()
    if self_contained is None:
        self_contained = m in _SELF_CONTAINED
    if self_contained:
        assets.require()
        page = assets.inline(page)
    return page


def save_map(m: folium.Map, path: str | Path, *, self_contained: bool | None = None,
             overwrite: bool = True) -> Path:
    """Write the map to ``path`` (parents created); ``self_contained`` (every asset inlined)
    defaults to what ``render_map`` was asked. The page appears complete or not at all
    (``geo._files.writing_text``); without ``overwrite`` an existing file is refused."""
    import folium

    from geo._files import check_output, writing_text

    if not isinstance(m, folium.Map):
        raise InputTypeError(f"save_map() wants the folium.Map from render_map, not "
                             f"{type(m).__name__}")
    target = check_output(_checks.path(path, "save_map()"), overwrite=overwrite)
    page = map_html(m, self_contained=self_contained)
    with writing_text(target, overwrite=overwrite) as out:
        out.write(page)
    return target

