(function () {
  var s = {{ state }}, sections = {{ data|json }}, dom = window.geoDom, nodes = {};
  var Legend = L.Control.extend({
    options: {position: "bottomright"},
    onAdd: function () {
      var box = dom.el("div", "geo-legend");
      // compact (two columns, short notes) and collapsible to its title, so that at 1400x900
      // it leaves the map's middle free
      var head = dom.el("button", "geo-legend-head", null, box);
      head.type = "button"; head.setAttribute("aria-expanded", "true");
      var arrow = dom.el("span", null, "▾", head);
      dom.el("span", null, " Legend", head);
      var body = dom.el("div", "geo-legend-body", null, box);
      head.addEventListener("click", function () {
        var open = body.style.display === "none";
        body.style.display = open ? "" : "none";
        arrow.textContent = open ? "▾" : "▸";
        head.setAttribute("aria-expanded", open ? "true" : "false");
      });
      sections.forEach(function (sec) {
        var div = dom.el("div", "geo-legend-section", null, body);
        dom.el("div", "geo-legend-title", sec.layer, div);
        var grid = dom.el("div", "geo-legend-grid", null, div);
        sec.items.forEach(function (item) {
          if (item.shape === "note") {  // a sentence saying what the layer shows, no swatch
            dom.el("div", "geo-legend-note", item.label, grid);
            return;
          }
          var row = dom.el("div", "geo-legend-row", null, grid);
          if (item.label.length > 26) { row.className += " geo-legend-wide"; }
          var sw = dom.el("span", "geo-legend-swatch geo-legend-" + item.shape, null, row);
          sw.style.background = item.color;
          dom.el("span", null, item.label, row);
        });
        nodes[sec.key] = div;  // the name as the layer control has it (escaped)
        div.style.display = sec.shown ? "" : "none";
      });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      s.legendBox = {box: box, head: head, body: body};
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
