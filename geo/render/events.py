"""Events layer: one icon per event, shape and colour by ACLED type, clustered where they crowd.

The events travel as one compact JSON array (never one folium object per event). In the
browser a small grid clusterer bins the events in view by screen cell (projected once per
zoom level), so only a few hundred DOM icons exist at any time, however many events there are;
a cluster shows its count and zooms in on click (or lists its events when they share one
point). Popups show type, sub-type, date and its precision, place and its precision, actors,
quantity, fatalities, the sentence and the source (article links http(s) only), all built with
``textContent``. The layer follows the composer's date slider (undated events always show).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from geo.model import EVENT_TYPES, Event
from geo.render.base import LegendItem, MapContext, add_group, header
from geo.render.data import day
from geo.render.escape import clean_text, safe_url

if TYPE_CHECKING:
    import folium

    from geo.model import Article

#: (colour, icon shape) per event type; "Other" for types outside ACLED's and Diplomacy.
TYPE_STYLE: dict[str, tuple[str, str]] = {
    "Battles": ("#d62728", "diamond"),
    "Explosions/Remote violence": ("#ff7f0e", "star"),
    "Violence against civilians": ("#7b3294", "triangle"),
    "Protests": ("#1f78b4", "circle"),
    "Riots": ("#8c510a", "square"),
    "Strategic developments": ("#1b7837", "hexagon"),
    "Diplomacy": ("#17becf", "ring"),
    "Other": ("#636363", "circle"),
}
TIME_PRECISION = {1: "day", 2: "week", 3: "month or vaguer"}
GEO_PRECISION = {1: "at the place", 2: "near the place or in part of a region",
                 3: "somewhere in the area"}

_SHAPES = {
    "triangle": "polygon(50% 0, 100% 100%, 0 100%)",
    "star": "polygon(50% 0, 61% 35%, 98% 35%, 68% 57%, 79% 91%, 50% 70%, 21% 91%, 32% 57%, "
            "2% 35%, 39% 35%)",
    "hexagon": "polygon(25% 5%, 75% 5%, 100% 50%, 75% 95%, 25% 95%, 0 50%)",
}

_CSS = "<style>\n" + "\n".join([
    ".geo-ev { display: block; width: 16px; height: 16px; "
    "filter: drop-shadow(0 0 1px #fff) drop-shadow(0 0 1px #222); }",
    ".geo-ev-shape { display: block; width: 100%; height: 100%; box-sizing: border-box; }",
    ".geo-ev-circle, .geo-legend-circle { border-radius: 50%; }",
    ".geo-ev-diamond { transform: rotate(45deg) scale(0.78); }",
    ".geo-legend-diamond { transform: rotate(45deg) scale(0.8); }",
    ".geo-ev-ring, .geo-legend-ring { border-radius: 50%; border: 0; "
    "-webkit-mask: radial-gradient(circle, transparent 38%, #000 42%); "
    "mask: radial-gradient(circle, transparent 38%, #000 42%); }",
    *(f".geo-ev-{k}, .geo-legend-{k} {{ clip-path: {v}; border: 0; }}"
      for k, v in _SHAPES.items()),
    ".geo-ev-cluster { display: flex; align-items: center; justify-content: center; "
    "width: 30px; height: 30px; border-radius: 50%; border: 4px solid; background: #fff; "
    "box-sizing: border-box; font: 700 11px/1 system-ui, sans-serif; color: #222; "
    "box-shadow: 0 1px 3px rgba(0,0,0,0.45); }",
    ".geo-ev-popup { font: 13px/1.35 system-ui, sans-serif; }",
    ".geo-ev-type { font-weight: 700; font-size: 14px; }",
    ".geo-ev-sub { color: #333; }",
    ".geo-ev-meta { color: #555; }",
    ".geo-ev-text { margin: 4px 0; color: #222; font-style: italic; }",
    ".geo-ev-list { margin: 0; padding-left: 16px; }",
    ".geo-ev-list li { margin: 6px 0; }",
]) + "\n</style>"

_JS = r"""
(function () {
  var s = __STATE__, group = __GROUP__, d = __DATA__, dom = window.geoDom, map = s.map;
  var types = d.types, ev = d.events, n = ev.length, CELL = d.cell;
  var visible = new Uint8Array(n), zoomXY = {}, live = [];
  for (var i = 0; i < n; i++) { visible[i] = 1; }
  function row(parent, label, value) {
    if (value === null || value === undefined || value === "") { return; }
    var r = dom.el("div", "geo-ev-meta", null, parent);
    dom.el("b", null, label + ": ", r);
    r.appendChild(document.createTextNode(String(value)));
  }
  function details(i, parent) {
    var e = ev[i], t = types[e[2]];
    var head = dom.el("div", "geo-ev-type", null, parent);
    var sw = dom.el("span", "geo-ev-shape geo-ev-" + t.shape, null, null);
    sw.style.cssText = "display:inline-block;width:11px;height:11px;margin-right:5px;";
    sw.style.background = t.color; sw.style.borderColor = t.color;
    head.appendChild(sw);
    head.appendChild(document.createTextNode(t.name));
    if (e[4]) { dom.el("div", "geo-ev-sub", e[4], parent); }
    row(parent, "Date", e[3] ? e[3] + " (" + d.tp[e[5]] + ")" : "undated");
    row(parent, "Place", (e[7] || (e[0].toFixed(4) + ", " + e[1].toFixed(4))) +
        (d.gp[e[6]] ? " (" + d.gp[e[6]] + ")" : ""));
    row(parent, "Actors", e[8].length ? e[8].join("; ") : null);
    row(parent, "Quantity", e[9] === null ? null :
        e[9].toLocaleString("en-US") + (e[10] ? " " + e[10] : ""));
    row(parent, "Fatalities", e[11] === null ? null : e[11].toLocaleString("en-US"));
    if (e[12]) { dom.el("div", "geo-ev-text", "\u201c" + e[12] + "\u201d", parent); }
    if (e[13] || e[14] || e[15]) {
      var src = dom.el("div", "geo-ev-meta", null, parent);
      dom.el("b", null, "Source: ", src);
      if (e[13]) { src.appendChild(document.createTextNode(e[13])); }
      if (e[14]) {
        if (e[13]) { src.appendChild(document.createTextNode(" · ")); }
        dom.link(e[14], e[15] || e[14], src);
      } else if (e[15]) {
        src.appendChild(document.createTextNode((e[13] ? " · " : "") + e[15]));
      }
    }
  }
  function popupOf(list) {
    return function () {
      var root = dom.el("div", "geo-ev-popup");
      if (list.length === 1) { details(list[0], root); return root; }
      dom.el("div", "geo-ev-type", list.length + " events here", root);
      var ul = dom.el("ul", "geo-ev-list", null, root);
      for (var k = 0; k < Math.min(list.length, d.maxList); k++) {
        details(list[k], dom.el("li", null, null, ul));
      }
      if (list.length > d.maxList) {
        dom.el("div", "geo-ev-meta", "and " + (list.length - d.maxList) + " more", root);
      }
      return root;
    };
  }
  function icon(i) {
    var t = types[ev[i][2]], outer = dom.el("span", "geo-ev");
    var inner = dom.el("span", "geo-ev-shape geo-ev-" + t.shape, null, outer);
    inner.style.background = t.color; inner.style.borderColor = t.color;
    return L.divIcon({html: outer, className: "geo-ev-icon", iconSize: [16, 16]});
  }
  function clusterIcon(list) {
    var count = {}, best = 0, top = list[0];
    for (var k = 0; k < list.length; k++) {
      var t = ev[list[k]][2];
      count[t] = (count[t] || 0) + 1;
      if (count[t] > best) { best = count[t]; top = t; }
    }
    var box = dom.el("span", "geo-ev-cluster", list.length > 999 ? "999+" : String(list.length));
    box.style.borderColor = types[top].color;
    return L.divIcon({html: box, className: "geo-ev-icon", iconSize: [30, 30]});
  }
  function projected(z) {
    if (!zoomXY[z]) {
      var xy = new Float64Array(2 * n);
      for (var i = 0; i < n; i++) {
        var p = map.project([ev[i][0], ev[i][1]], z);
        xy[2 * i] = p.x; xy[2 * i + 1] = p.y;
      }
      zoomXY = {}; zoomXY[z] = xy;
    }
    return zoomXY[z];
  }
  function draw() {
    for (var k = 0; k < live.length; k++) { group.removeLayer(live[k]); }
    live = [];
    if (!map.hasLayer(group) || !n) { return; }
    var z = map.getZoom(), xy = projected(z), b = map.getPixelBounds().pad(0.2);
    // greedy clustering: a point joins the first cluster whose seed is within CELL px, else
    // seeds a new one; seeds stay >= CELL px apart, so icons never cover each other
    var grid = {}, clustersOf = [];
    for (var i = 0; i < n; i++) {
      if (!visible[i]) { continue; }
      var x = xy[2 * i], y = xy[2 * i + 1];
      if (x < b.min.x || x > b.max.x || y < b.min.y || y > b.max.y) { continue; }
      var cx = Math.floor(x / CELL), cy = Math.floor(y / CELL), hit = null;
      for (var gx = cx - 1; gx <= cx + 1 && !hit; gx++) {
        for (var gy = cy - 1; gy <= cy + 1 && !hit; gy++) {
          var inCell = grid[gx + ":" + gy];
          if (!inCell) { continue; }
          for (var k = 0; k < inCell.length; k++) {
            var c = inCell[k], dx = c.x - x, dy = c.y - y;
            if (dx * dx + dy * dy < CELL * CELL) { hit = c; break; }
          }
        }
      }
      if (hit) { hit.list.push(i); continue; }
      var seed = {x: x, y: y, list: [i]}, key = cx + ":" + cy;
      (grid[key] = grid[key] || []).push(seed);
      clustersOf.push(seed);
    }
    var single = 0, clusters = 0;
    clustersOf.forEach(function (seed) {
      var list = seed.list, mk;
      if (list.length === 1) {
        mk = L.marker([ev[list[0]][0], ev[list[0]][1]], {icon: icon(list[0]), keyboard: false});
        mk.bindPopup(popupOf(list), {maxWidth: 360, maxHeight: 320});
        mk.geoEvents = list; single++;
      } else {
        var same = true;
        for (var k = 1; k < list.length; k++) {
          same = same && ev[list[k]][0] === ev[list[0]][0] && ev[list[k]][1] === ev[list[0]][1];
        }
        mk = L.marker([ev[list[0]][0], ev[list[0]][1]],
                      {icon: clusterIcon(list), keyboard: false});
        mk.geoEvents = list; clusters++;
        if (same || z >= map.getMaxZoom()) {
          mk.bindPopup(popupOf(list), {maxWidth: 380, maxHeight: 340});
        } else {
          mk.on("click", function () {
            map.fitBounds(L.latLngBounds(list.map(function (j) {
              return [ev[j][0], ev[j][1]]; })), {padding: [40, 40]});
          });
        }
      }
      group.addLayer(mk); live.push(mk);
    });
    layer.drawn = {singles: single, clusters: clusters};
  }
  var layer = {group: group, events: ev, types: types, draw: draw,
               markers: function () { return live; }, drawn: {singles: 0, clusters: 0}};
  s.layers.events = layer;
  map.on("zoomend moveend", draw);
  map.on("overlayadd", function (e) { if (e.layer === group) { draw(); } });
  map.on("overlayremove", function (e) { if (e.layer === group) { draw(); } });
  s.onRange(function (lo, hi) {
    var all = lo <= 0 && hi >= s.dates.length - 1, a = s.dates[lo], z = s.dates[hi];
    for (var i = 0; i < n; i++) {
      var day = ev[i][3];
      visible[i] = (all || !day || (day >= a && day <= z)) ? 1 : 0;
    }
    draw();
  });
  if (d.fit && n) {
    map.fitBounds(L.latLngBounds(ev.map(function (e) { return [e[0], e[1]]; })),
                  {padding: [30, 30], maxZoom: 9, animate: false});
  }
  map.whenReady(draw);
})();
"""


class EventsLayer:
    """Events as icons by type with popups, clustered where they crowd (shown by default)."""

    name = "Events"

    def __init__(self, events: Iterable[Event], *, show: bool = True, cell_px: int = 44,
                 max_list: int = 10, articles: Mapping[str, Article] | None = None) -> None:
        self.events = tuple(events)
        self.show = show
        self.cell_px = cell_px
        self.max_list = max_list
        self.articles = dict(articles or {})
        self._legend: tuple[LegendItem, ...] = ()

    @property
    def legend(self) -> Sequence[LegendItem]:
        return self._legend

    def add_to(self, m: folium.Map, ctx: MapContext) -> None:
        """Add the events group, its styles and its script to ``m`` (a composer's map)."""
        articles = {**ctx.summary.articles, **self.articles}
        data = events_payload(self.events, articles=articles)
        data["cell"] = int(ctx.style("events", "cell_px", self.cell_px))
        data["maxList"] = int(ctx.style("events", "max_list", self.max_list))
        data["fit"] = not ctx.summary.places
        self._legend = tuple(LegendItem(t["name"], t["color"], t["shape"]) for t in data["types"])
        m.get_root().header.add_child(header(_CSS), name="geo_events_css")
        add_group(m, ctx, name=self.name, show=self.show, js=_JS, data=data)


def events_payload(events: Iterable[Event], *,
                   articles: Mapping[str, Article] | None = None) -> dict[str, Any]:
    """The JSON the layer embeds: the types present (name, colour, shape) and one compact
    array per event, in date order (undated last).

    Each event is ``[lat, lon, type index, day, sub-type, time precision, geo precision, place,
    actors, quantity, unit, fatalities, text, source, article url (http(s) or null), article
    title]``; every string is cleaned and length-limited here and escaped by
    :func:`~geo.render.escape.json_for_script` on its way into the page.
    """
    articles = articles or {}
    evs = sorted(events, key=lambda e: (day(e.date) is None, day(e.date) or "", e.id))
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
        ])
    return {
        "types": [{"name": t, "color": TYPE_STYLE[t][0], "shape": TYPE_STYLE[t][1]}
                  for t in names],
        "events": rows,
        "tp": {str(k): v for k, v in TIME_PRECISION.items()},
        "gp": {str(k): v for k, v in GEO_PRECISION.items()},
    }


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
