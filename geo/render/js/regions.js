(function () {
  var s = {{ state }}, group = {{ group }}, data = {{ data|json }}, dom = window.geoDom;
  var colors = data.colors, top = 1;
  function recount() {
    top = 1;
    data.fc.features.forEach(function (f) {
      f.properties.c = s.countIn(f.properties.t);
      if (f.properties.c > top) { top = f.properties.c; }
    });
  }
  function fill(c) {
    if (!c) { return null; }
    var k = Math.ceil(colors.length * c / top) - 1;
    return colors[Math.max(0, Math.min(colors.length - 1, k))];
  }
  function style(f) {
    var col = fill(f.properties.c);
    return {renderer: s.renderer, color: "#555555", weight: 1, opacity: col ? 0.8 : 0.3,
            fillColor: col || "#ffffff", fillOpacity: col ? 0.55 : 0.0};
  }
  recount();
  var geo = L.geoJSON(data.fc, {
    renderer: s.renderer,
    style: style,
    onEachFeature: function (f, layer) {
      layer.bindTooltip(function () {
        var c = f.properties.c;
        var what = c === 1 ? " mention" : " mentions";
        return dom.el("span", null, f.properties.name + ": " + c + what);
      }, {sticky: true});
      layer.on("mouseover", function () { layer.setStyle({weight: 3}); });
      layer.on("mouseout", function () { layer.setStyle({weight: 1}); });
    }
  });
  group.addLayer(geo);
  s.map.on("overlayadd", function (e) { if (e.layer === group) { geo.bringToBack(); } });
  s.onRange(function () { recount(); geo.setStyle(style); });
  s.layers.regions = {group: group, geo: geo, features: data.fc.features};
})();
