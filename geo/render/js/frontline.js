(function () {
  var map = {{ map }}, s = {{ state }}, occGroup = {{ occupied_group }};
  var chgGroup = {{ changes_group }}, d = {{ data|json }};
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
  var snaps = d.snapshots, shown = [], cache = {};
  function occupied(i) {
    var sn = snaps[i];
    if (!sn.layer) {
      sn.layer = L.geoJSON(sn.occupied, {renderer: renderer, style: {
        color: d.colors.occupied, weight: 2, fillColor: d.colors.occupied, fillOpacity: 0.22}});
      sn.layer.bindTooltip(tip("Occupied as of " + sn.date + ": " + fmt(sn.km2) + " km²"),
                           {sticky: true});
    }
    return sn.layer;
  }
  // the change from snapshot b to snapshot i (precomputed for the window starts the page has)
  function change(b, i) {
    if (b === d.base) { return snaps[i]; }
    return d.changes[b + ":" + i] || null;
  }
  function bestBase(b) {  // the latest precomputed start not after b
    for (var k = b; k >= 0; k--) { if (k === d.base || d.changes[k + ":" + (k + 1)]) { return k; } }
    return d.base;
  }
  function changes(b, i) {
    var key = b + ":" + i;
    if (!cache[key]) {
      var c = change(b, i), out = [];
      if (c && c.gained) {
        out.push(L.geoJSON(c.gained, {renderer: renderer, style: {color: d.colors.gain,
          weight: 1, dashArray: "4 3", fillColor: "url(#geo-front-gain)", fillOpacity: 1}})
          .bindTooltip(tip("Gained by Russian forces " + snaps[b].date + " → " + snaps[i].date +
                           ": " + fmt(c.gained_km2) + " km²"), {sticky: true}));
      }
      if (c && c.lost) {
        out.push(L.geoJSON(c.lost, {renderer: renderer, style: {color: d.colors.loss,
          weight: 1, dashArray: "4 3", fillColor: "url(#geo-front-loss)", fillOpacity: 1}})
          .bindTooltip(tip("No longer occupied " + snaps[b].date + " → " + snaps[i].date +
                           ": " + fmt(c.lost_km2) + " km²"), {sticky: true}));
      }
      cache[key] = out;
    }
    return cache[key];
  }
  var asOf, state = {current: null, base: null};
  function show(i, b) {
    shown.forEach(function (l) { occGroup.removeLayer(l); chgGroup.removeLayer(l); });
    shown = [];
    state.current = i; state.base = b;
    if (i === null) {
      if (asOf) {
        asOf.date.textContent = "no front-line snapshot yet";
        asOf.source.textContent = "first is " + snaps[0].date;
        asOf.since.textContent = "";
      }
      return;
    }
    var occ = occupied(i);
    occGroup.addLayer(occ); shown.push(occ);
    if (b !== null && b < i) {
      changes(b, i).forEach(function (l) { chgGroup.addLayer(l); shown.push(l); });
    }
    if (asOf) {
      asOf.date.textContent = "front line as of " + snaps[i].date;
      asOf.source.textContent = snaps[i].source;
      asOf.since.textContent = b !== null && b < i ?
        "hatched: changes since " + snaps[b].date : "";
    }
  }
  // the snapshot in force on a day: the latest one not after it (null before the first)
  function inForce(day) {
    var found = null;
    for (var k = 0; k < snaps.length; k++) { if (snaps[k].date <= day) { found = k; } }
    return found;
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
      if (!s && snaps.length > 1) {
        var input = el("input", null, null, box);
        input.type = "range"; input.min = 0; input.max = snaps.length - 1; input.step = 1;
        input.value = d.current; input.setAttribute("aria-label", "front-line date");
        input.style.width = "100%";
        input.addEventListener("input", function () { show(+input.value, d.base); });
        L.DomEvent.disableClickPropagation(box);
      }
      return box;
    }
  });
  new AsOf().addTo(map);
  var api = {state: state, snapshots: snaps, inForce: inForce};
  if (s) {
    var follow = function (lo, hi) {
      var i = inForce(s.dates[hi]), b = inForce(s.dates[lo]);
      if (i !== null && b === null) { b = 0; }  // window opens before the first snapshot
      show(i, b === null ? null : bestBase(b));
    };
    s.onRange(follow);
    follow(s.lo, s.hi);
    s.layers.frontline = api;
  } else {
    show(d.current, d.base);
    window.__geoFront = api;
  }
  if (d.fit && state.current !== null) {
    map.fitBounds(occupied(state.current).getBounds(), {padding: [20, 20]});
  }
})();
