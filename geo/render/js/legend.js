(function () {
  var s = {{ state }}, sections = {{ data|json }}, dom = window.geoDom, nodes = {};
  var Legend = L.Control.extend({
    options: {position: "bottomright"},
    onAdd: function () {
      var box = dom.el("div", "geo-legend");
      sections.forEach(function (sec) {
        var div = dom.el("div", "geo-legend-section", null, box);
        dom.el("div", "geo-legend-title", sec.layer, div);
        sec.items.forEach(function (item) {
          if (item.shape === "note") {  // a sentence saying what the layer shows, no swatch
            dom.el("div", "geo-legend-note", item.label, div);
            return;
          }
          var row = dom.el("div", "geo-legend-row", null, div);
          var sw = dom.el("span", "geo-legend-swatch geo-legend-" + item.shape, null, row);
          sw.style.background = item.color;
          dom.el("span", null, item.label, row);
        });
        nodes[sec.key] = div;  // the name as the layer control has it (escaped)
        div.style.display = sec.shown ? "" : "none";
      });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    }
  });
  new Legend().addTo(s.map);
  function toggle(shown) {
    return function (e) {
      if (nodes[e.name]) { nodes[e.name].style.display = shown ? "" : "none"; }
    };
  }
  s.map.on("overlayadd", toggle(true));
  s.map.on("overlayremove", toggle(false));
  s.legend = nodes;
})();
