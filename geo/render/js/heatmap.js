(function () {
  var s = {{ state }}, group = {{ group }}, data = {{ data|json }};
  function points() {
    var out = [], top = 1;
    for (var i = 0; i < data.points.length; i++) {
      var p = data.points[i], c = s.countIn(s.placeCells[i]);  // the summary's i-th place
      if (c > 0) { out.push([p[0], p[1], Math.log(1 + c)]); if (c > top) { top = c; } }
    }
    return {points: out, max: Math.log(1 + top)};
  }
  var first = points();
  var opts = Object.assign({}, data.options, {max: first.max});
  var heat = L.heatLayer(first.points, opts), stale = false;
  group.addLayer(heat);
  // leaflet.heat redraws through this._map, which is null while the layer is switched off
  // ("Cannot read properties of null (reading '_animating')"): update it only when on the map
  function refresh() {
    if (!heat._map) { stale = true; return; }
    var next = points();
    heat.options.max = next.max;
    heat.setLatLngs(next.points);
    stale = false;
  }
  s.onRange(refresh);
  heat.on("add", function () { if (stale) { refresh(); } });
  heat.on("remove", function () {  // a frame queued before the switch-off would find no map
    if (heat._frame) { L.Util.cancelAnimFrame(heat._frame); heat._frame = null; }
  });
  s.layers.heatmap = {
    group: group, heat: heat,
    // what it shows, or would show once switched on
    points: function () { return stale ? points().points.length : heat._latlngs.length; }
  };
})();
