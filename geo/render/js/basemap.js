(function () {
  var s = {{ state }}, group = {{ group }}, d = {{ data|json }}, dom = window.geoDom, map = s.map;
  if (!map.getPane("geoBase")) {
    map.createPane("geoBase").style.zIndex = 150;  // under tiles (200) and every overlay
    var lp = map.createPane("geoBaseLabels");
    lp.style.zIndex = 390; lp.style.pointerEvents = "none";  // under overlays' markers
  }
  var renderer = L.canvas({pane: "geoBase", padding: 0.5});
  function collection(items, key) {
    return {type: "FeatureCollection", features: items.filter(function (u) { return u[key]; })
      .map(function (u) {
        return {type: "Feature", properties: {name: u.name}, geometry: u[key]}; })};
  }
  var opts = {pane: "geoBase", renderer: renderer, interactive: false};
  // land is filled with an outline of its own colour (pieces of two resolutions meet without a
  // hairline); coasts and borders are lines, so a clipped edge is never drawn
  var land = L.geoJSON(collection(d.country, "geom"), L.extend({style: {color: "#f4f1ea",
    weight: 1, fillColor: "#f4f1ea", fillOpacity: 1}}, opts));
  function lines(g, style) {
    return L.geoJSON(g ? {type: "Feature", properties: {}, geometry: g} : null,
                     L.extend({style: L.extend({fill: false}, style)}, opts));
  }
  var admin = lines(d.lines.admin1, {color: "#a79f92", weight: 0.8, dashArray: "4 3"});
  var borders = lines(d.lines.country, {color: "#7d7d7d", weight: 1.2});
  group.addLayer(land); group.addLayer(borders);
  var labels = [];
  function label(name, at, cls, minZoom, maxZoom, rank) {
    labels.push({name: name, at: L.latLng(at[0], at[1]), cls: cls, min: minZoom, max: maxZoom,
                 rank: rank, marker: null});
  }
  d.country.forEach(function (u) { label(u.name, u.label, "geo-base-country", u.big ? 3 : 5, 8, 0); });
  d.admin1.forEach(function (u) {
    label(u.name, u.label, "geo-base-admin1", Math.max(7, d.adminZoom), 99, 1); });
  d.towns.forEach(function (t, i) { label(t[0], [t[1], t[2]], "geo-base-town", t[3], 99, 2 + i); });
  function markerOf(l) {
    if (!l.marker) {
      var span = dom.el("span", "geo-base-label " + l.cls, l.name);
      l.marker = L.marker(l.at, {pane: "geoBaseLabels", interactive: false, keyboard: false,
        icon: L.divIcon({html: span, className: "geo-base-label-icon", iconSize: null})});
    }
    return l.marker;
  }
  // the labels for this zoom and view, countries first, then regions, then towns by size;
  // a town whose name would overlap one already placed is left out (estimated box)
  function showLabels() {
    var z = map.getZoom(), on = map.hasLayer(group), view = map.getBounds().pad(0.2);
    var placed = [], want = [];
    if (on) {
      labels.forEach(function (l) {
        if (z < l.min || z > l.max || !view.contains(l.at)) { return; }
        if (l.cls === "geo-base-town") {
          var p = map.latLngToLayerPoint(l.at), w = 6.5 * l.name.length + 8;
          var box = [p.x - 3, p.y - 8, p.x + w, p.y + 8];
          for (var k = 0; k < placed.length; k++) {
            var o = placed[k];
            if (box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]) { return; }
          }
          placed.push(box);
        }
        want.push(l);
      });
    }
    labels.forEach(function (l) {
      if (l.marker && group.hasLayer(l.marker) && want.indexOf(l) < 0) {
        group.removeLayer(l.marker);
      }
    });
    want.forEach(function (l) { if (!group.hasLayer(markerOf(l))) { group.addLayer(l.marker); } });
    var adminOn = on && z >= d.adminZoom;
    if (adminOn && !group.hasLayer(admin)) { group.addLayer(admin); }
    if (!adminOn && group.hasLayer(admin)) { group.removeLayer(admin); }
    map.getContainer().classList.toggle("geo-offline", on);
  }
  map.on("zoomend moveend", showLabels);
  group.on("add remove", function () { setTimeout(showLabels, 0); });
  // no tile server (closed network): after a few failed tiles and none loaded, switch to this
  var failed = 0, loaded = 0;
  function tiles() {
    var out = [];
    map.eachLayer(function (l) { if (l instanceof L.TileLayer) { out.push(l); } });
    return out;
  }
  function fallback() {
    if (loaded || failed < 3 || map.hasLayer(group)) { return; }
    tiles().forEach(function (t) { map.removeLayer(t); });
    map.addLayer(group);
    s.baseFellBack = true;
  }
  tiles().forEach(function (t) {
    t.on("tileerror", function () { failed++; fallback(); });
    t.on("tileload", function () { loaded++; });
  });
  s.layers.basemap = {group: group, land: land, admin: admin, borders: borders, labels: labels,
                      shownLabels: function () {
                        return labels.filter(function (l) {
                          return l.marker && group.hasLayer(l.marker); })
                          .map(function (l) { return l.name; }); }};
  map.whenReady(showLabels);
})();
