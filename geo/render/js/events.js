(function () {
  var s = {{ state }}, group = {{ group }}, d = {{ data|json }}, dom = window.geoDom, map = s.map;
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
    row(parent, "Front line", !e[17] ? null :  // as Placement.describe() in geo/frontline/sides.py
        {occupied: "occupied ground", grey_zone: "grey zone", held: "held ground"}[e[17]] +
        (e[18] === null ? ", the line" : ", " + Math.abs(e[18]).toFixed(1) + " km " +
         (e[18] < 0 ? "behind" : "from") + " the line") + " of " + e[19]);
    var f = d.fields, conf = e[f.confidence];
    row(parent, "Confidence", conf === null || conf === undefined ? null :
        Math.round(100 * conf) + "%");
    row(parent, "Claimed by", e[f.claimant] || null);
    if (e[12]) { dom.el("div", "geo-ev-text", "\u201c" + e[12] + "\u201d", parent); }
    var listed = e[f.source_list] || [];
    if (e[f.sources] > 1 && listed.length) {  // one real event several articles report
      var sh = dom.el("div", "geo-ev-meta geo-ev-sources", null, parent);
      dom.el("b", null, "Sources: ", sh);
      sh.appendChild(document.createTextNode(e[f.sources] + " report this event"));
      var ul = dom.el("ul", "geo-ev-source-list", null, parent);
      for (var k = 0; k < listed.length; k++) {
        var li = dom.el("li", null, null, ul), o = listed[k];
        if (o[0]) { li.appendChild(document.createTextNode(o[0])); }
        if (o[2]) {
          if (o[0]) { li.appendChild(document.createTextNode(" \u00b7 ")); }
          dom.link(o[2], o[1] || o[2], li);
        } else if (o[1]) {
          li.appendChild(document.createTextNode((o[0] ? " \u00b7 " : "") + o[1]));
        }
      }
      if (e[f.sources] > listed.length) {
        dom.el("li", null, "and " + (e[f.sources] - listed.length) + " more", ul);
      }
    } else if (e[13] || e[14] || e[15]) {
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
  function listOf(list, root) {
    var ul = dom.el("ul", "geo-ev-list", null, root);
    for (var k = 0; k < Math.min(list.length, d.maxList); k++) {
      details(list[k], dom.el("li", null, null, ul));
    }
    if (list.length > d.maxList) {
      dom.el("div", "geo-ev-meta", "and " + (list.length - d.maxList) + " more", root);
    }
  }
  function popupOf(list) {
    return function () {
      var root = dom.el("div", "geo-ev-popup");
      if (list.length === 1) { details(list[0], root); } else {
        dom.el("div", "geo-ev-type", list.length + " events here", root);
        listOf(list, root);
      }
      // the news naming the events' place, in the same popup (events sit above places)
      var pid = ev[list[0]][16], places = s.layers.places;
      for (var k = 1; k < list.length; k++) { if (ev[list[k]][16] !== pid) { pid = null; } }
      var pi = pid !== null && places ? places.indexOf(pid) : -1;
      if (pi >= 0) {
        dom.el("div", "geo-popup-section", "In the news: " + places.places[pi].n, root);
        places.mentionList(pi, root);
      }
      return root;
    };
  }
  function at(placeId) {  // the events at a place, inside the time window
    var out = [];
    for (var i = 0; i < n; i++) { if (visible[i] && ev[i][16] === placeId) { out.push(i); } }
    return out;
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
  var drawnZoom = null, drawing = false;
  function draw() {
    // removing a marker closes its popup, and popupclose calls draw: not again while drawing
    if (drawing) { return; }
    drawing = true;
    try { redraw(); } finally { drawing = false; }
  }
  function redraw() {
    // an open popup's auto-pan fires moveend: redrawing then would remove the marker the popup
    // is opening on (Leaflet then fails in _adjustPan); keep the icons until it closes
    for (var o = 0; o < live.length; o++) {
      if (live[o].isPopupOpen() && map.hasLayer(group) && map.getZoom() === drawnZoom) { return; }
    }
    for (var k = 0; k < live.length; k++) { group.removeLayer(live[k]); }
    live = [];
    if (!map.hasLayer(group) || !n) { return; }
    var z = map.getZoom(), xy = projected(z), b = map.getPixelBounds().pad(0.2);
    drawnZoom = z;
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
  var layer = {group: group, events: ev, types: types, draw: draw, at: at, list: listOf,
               markers: function () { return live; }, drawn: {singles: 0, clusters: 0}};
  s.layers.events = layer;
  map.on("zoomend moveend popupclose", draw);
  group.on("add", draw);  // the page adds the group after this script, the view already set
  map.on("overlayadd", function (e) { if (e.layer === group) { draw(); } });
  map.on("overlayremove", function (e) { if (e.layer === group) { draw(); } });
  function kept(i) {  // a real event shows while any outlet reporting it is switched on
    if (s.keep(d.outlet[i], d.conf[i])) { return true; }
    var more = d.more[i] || [];
    for (var k = 0; k < more.length; k++) { if (s.keep(more[k], d.conf[i])) { return true; } }
    return false;
  }
  s.onRange(function (lo, hi) {
    var all = lo <= 0 && hi >= s.dates.length - 1, a = s.dates[lo], z = s.dates[hi];
    for (var i = 0; i < n; i++) {
      var day = ev[i][3];
      visible[i] = ((all || !day || (day >= a && day <= z)) && kept(i)) ? 1 : 0;
    }
    draw();
  });
  if (d.fit && n) {
    map.fitBounds(L.latLngBounds(ev.map(function (e) { return [e[0], e[1]]; })),
                  {padding: [30, 30], maxZoom: 9, animate: false});
  }
  map.whenReady(draw);
})();
