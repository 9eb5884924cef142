(function () {
  var map = {{ map }}, occGroup = {{ occupied_group }}, chgGroup = {{ changes_group }};
  var d = {{ data|json }};
  var el = window.geoDom.el;
  var NS = "http://www.w3.org/2000/svg";
  function hatch(id, color, angle) {
    if (document.getElementById(id)) { return; }
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("width", "0"); svg.setAttribute("height", "0");
    svg.setAttribute("aria-hidden", "true");
    svg.style.position = "absolute";
    var defs = document.createElementNS(NS, "defs"), p = document.createElementNS(NS, "pattern");
    p.setAttribute("id", id); p.setAttribute("patternUnits", "userSpaceOnUse");
    p.setAttribute("width", "8"); p.setAttribute("height", "8");
    p.setAttribute("patternTransform", "rotate(" + angle + ")");
    var bg = document.createElementNS(NS, "rect");
    bg.setAttribute("width", "8"); bg.setAttribute("height", "8");
    bg.setAttribute("fill", color); bg.setAttribute("fill-opacity", "0.12");
    var line = document.createElementNS(NS, "rect");
    line.setAttribute("width", "3"); line.setAttribute("height", "8");
    line.setAttribute("fill", color); line.setAttribute("fill-opacity", "0.8");
    p.appendChild(bg); p.appendChild(line); defs.appendChild(p); svg.appendChild(defs);
    document.body.appendChild(svg);
  }
  hatch("geo-front-gain", d.colors.gain, 45);
  hatch("geo-front-loss", d.colors.loss, -45);
  var renderer = L.svg({padding: 0.5});
  function fmt(x) { return Math.round(x).toLocaleString("en-US"); }
  function tip(text) { return function () { return el("div", "geo-front-tip", text); }; }
  var snaps = d.snapshots, current = null;
  function layersOf(i) {
    var s = snaps[i];
    if (!s.layers) {
      var occ = L.geoJSON(s.occupied, {renderer: renderer, style: {
        color: d.colors.occupied, weight: 1.5, fillColor: d.colors.occupied, fillOpacity: 0.25}});
      occ.bindTooltip(tip("Occupied as of " + s.date + ": " + fmt(s.km2) + " km²"),
                      {sticky: true});
      var out = {occ: occ, chg: []};
      if (s.gained) {
        out.chg.push(L.geoJSON(s.gained, {renderer: renderer, style: {color: d.colors.gain,
          weight: 1, dashArray: "4 3", fillColor: "url(#geo-front-gain)", fillOpacity: 1}})
          .bindTooltip(tip("Gained by Russian forces " + d.since + " → " + s.date + ": " +
                           fmt(s.gained_km2) + " km²"), {sticky: true}));
      }
      if (s.lost) {
        out.chg.push(L.geoJSON(s.lost, {renderer: renderer, style: {color: d.colors.loss,
          weight: 1, dashArray: "4 3", fillColor: "url(#geo-front-loss)", fillOpacity: 1}})
          .bindTooltip(tip("No longer occupied " + d.since + " → " + s.date + ": " +
                           fmt(s.lost_km2) + " km²"), {sticky: true}));
      }
      s.layers = out;
    }
    return s.layers;
  }
  var asOf;
  function show(i) {
    if (current !== null) {
      var old = layersOf(current);
      occGroup.removeLayer(old.occ);
      old.chg.forEach(function (l) { chgGroup.removeLayer(l); });
    }
    var now = layersOf(i);
    occGroup.addLayer(now.occ);
    now.chg.forEach(function (l) { chgGroup.addLayer(l); });
    current = i;
    if (asOf) {
      asOf.date.textContent = "as of " + snaps[i].date;
      asOf.source.textContent = snaps[i].source;
      asOf.since.textContent = d.since && d.since !== snaps[i].date ?
        "changes since " + d.since : "";
    }
  }
  var AsOf = L.Control.extend({
    options: {position: "bottomright"},
    onAdd: function () {
      var box = el("div", "leaflet-bar geo-front-asof");
      box.style.background = "#fff"; box.style.padding = "4px 8px";
      box.style.font = "12px sans-serif";
      var row = el("div", null, null, box);
      asOf = {date: el("strong", null, "", row)};
      el("span", null, " · ", row);
      asOf.source = el("span", null, "", row);
      asOf.since = el("div", null, "", box);
      if (snaps.length > 1) {
        var input = el("input", null, null, box);
        input.type = "range"; input.min = 0; input.max = snaps.length - 1; input.step = 1;
        input.value = d.current; input.setAttribute("aria-label", "front-line date");
        input.style.width = "100%";
        input.addEventListener("input", function () { show(+input.value); });
        L.DomEvent.disableClickPropagation(box);
      }
      return box;
    }
  });
  new AsOf().addTo(map);
  show(d.current);
  if (d.fit) { map.fitBounds(layersOf(d.current).occ.getBounds(), {padding: [20, 20]}); }
})();
