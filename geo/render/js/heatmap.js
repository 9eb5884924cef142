(function () {
  var s = {{ state }}, group = {{ group }}, data = {{ data|json }};
  function points() {
    var out = [], top = 1;
    for (var i = 0; i < data.points.length; i++) {
      var p = data.points[i], c = s.countIn(p[2]);
      if (c > 0) { out.push([p[0], p[1], Math.log(1 + c)]); if (c > top) { top = c; } }
    }
    return {points: out, max: Math.log(1 + top)};
  }
  var first = points();
  var opts = Object.assign({}, data.options, {max: first.max});
  var heat = L.heatLayer(first.points, opts);
  group.addLayer(heat);
  s.onRange(function () {
    var next = points();
    heat.setOptions({max: next.max});
    heat.setLatLngs(next.points);
  });
  s.layers.heatmap = {
    group: group, heat: heat, points: function () { return heat._latlngs.length; }
  };
})();
