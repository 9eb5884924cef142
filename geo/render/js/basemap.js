(function () {
  var s = {{ state }}, group = {{ group }}, d = {{ data|json }}, dom = window.geoDom, map = s.map;
  if (!map.getPane("geoBase")) {
    map.createPane("geoBase").style.zIndex = 150;  // under tiles (200) and every overlay
    var lp = map.createPane("geoBaseLabels");
    lp.style.zIndex = 390; lp.style.pointerEvents = "none";  // under overlays' markers
  }
  var renderer = L.canvas({pane: "geoBase", padding: 0.5});
  function collection(items) {
    return {type: "FeatureCollection", features: items.map(function (u) {
      return {type: "Feature", properties: {name: u.name}, geometry: u.geom}; })};
  }
  var land = L.geoJSON(collection(d.country), {pane: "geoBase", renderer: renderer,
    interactive: false, style: {color: "#7d7d7d", weight: 1.1, fillColor: "#f4f1ea",
                                fillOpacity: 1}});
  var admin = L.geoJSON(collection(d.admin1), {pane: "geoBase", renderer: renderer,
    interactive: false, style: {color: "#a79f92", weight: 0.7, dashArray: "4 3", fill: false}});
  group.addLayer(land); group.addLayer(admin);
  var labels = [];
  function label(u, cls, minZoom) {
    var span = dom.el("span", "geo-base-label " + cls, u.name);
    var mk = L.marker(u.label, {pane: "geoBaseLabels", interactive: false, keyboard: false,
      icon: L.divIcon({html: span, className: "geo-base-label-icon", iconSize: null})});
    labels.push({marker: mk, min: minZoom, max: cls === "geo-base-country" ? 8 : 99});
  }
  d.country.forEach(function (u) { label(u, "geo-base-country", u.big ? 3 : 5); });
  d.admin1.forEach(function (u) { label(u, "geo-base-admin1", 7); });
  function showLabels() {
    var z = map.getZoom(), on = map.hasLayer(group);
    labels.forEach(function (l) {
      var want = on && z >= l.min && z <= l.max;
      if (want && !group.hasLayer(l.marker)) { group.addLayer(l.marker); }
      if (!want && group.hasLayer(l.marker)) { group.removeLayer(l.marker); }
    });
    map.getContainer().classList.toggle("geo-offline", on);
  }
  map.on("zoomend", showLabels);
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
  s.layers.basemap = {group: group, land: land, admin: admin, labels: labels,
                      shownLabels: function () {
                        return labels.filter(function (l) { return group.hasLayer(l.marker); })
                          .map(function (l) { return l.marker.getElement() ?
                            l.marker.getElement().textContent : ""; }); }};
  map.whenReady(showLabels);
})();
