(function () {
  var s = {{ state }}, dom = window.geoDom;
  var Search = L.Control.extend({
    options: {position: "topleft"},
    onAdd: function (map) {
      var box = dom.el("div", "leaflet-bar geo-search");
      var input = dom.el("input", null, null, box), list = dom.el("datalist", null, null, box);
      list.id = "geo-search-" + L.Util.stamp(this);
      input.type = "search"; input.placeholder = "Find a place…";
      input.setAttribute("list", list.id); input.setAttribute("aria-label", "Find a place");
      var byLabel = null;
      function build() {
        if (byLabel) { return; }
        byLabel = {};
        var layer = s.layers.places;
        if (!layer) { return; }
        layer.places.forEach(function (p, i) {
          var label = [p.n, p.a1, p.cc].filter(function (x) { return x; }).join(", ");
          var key = label, k = 2;
          while (byLabel[key] !== undefined) { key = label + " (" + (k++) + ")"; }
          byLabel[key] = i;
          var opt = document.createElement("option"); opt.value = key; list.appendChild(opt);
        });
      }
      // the place whose display name is the text, then one with it among its other names,
      // then the first (most mentioned) whose name, then any of whose names, starts with it
      function find(text) {
        build();
        if (byLabel[text] !== undefined) { return byLabel[text]; }
        var q = text.trim().toLowerCase(), layer = s.layers.places;
        if (!q || !layer) { return -1; }
        var ps = layer.places, i, k;
        function names(p) { return p.al || []; }
        for (i = 0; i < ps.length; i++) { if (ps[i].n.toLowerCase() === q) { return i; } }
        for (i = 0; i < ps.length; i++) {
          var al = names(ps[i]);
          for (k = 0; k < al.length; k++) { if (al[k].toLowerCase() === q) { return i; } }
        }
        for (i = 0; i < ps.length; i++) { if (ps[i].n.toLowerCase().indexOf(q) === 0) { return i; } }
        for (i = 0; i < ps.length; i++) {
          var al2 = names(ps[i]);
          for (k = 0; k < al2.length; k++) {
            if (al2[k].toLowerCase().indexOf(q) === 0) { return i; }
          }
        }
        return -1;
      }
      function go() {
        var i = find(input.value), layer = s.layers.places;
        if (i < 0) { input.classList.add("geo-search-miss"); return; }
        input.classList.remove("geo-search-miss");
        if (!map.hasLayer(layer.group)) { map.addLayer(layer.group); }
        var mk = layer.markers[i];
        map.setView(mk.getLatLng(), Math.max(map.getZoom(), 8));
        if (layer.group.hasLayer(mk)) { mk.openPopup(); }
      }
      input.addEventListener("focus", build);
      input.addEventListener("change", go);
      input.addEventListener("keydown", function (e) { if (e.key === "Enter") { go(); } });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      s.search = {input: input, go: go, find: find};
      return box;
    }
  });
  new Search().addTo(s.map);
})();
