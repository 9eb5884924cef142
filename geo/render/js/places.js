(function () {
  var s = {{ state }}, group = {{ group }}, data = {{ data|json }}, dom = window.geoDom;
  var arts = data.articles, sents = data.sentences, places = data.places, colors = data.colors;
  var markers = new Array(places.length), counts = new Array(places.length);
  function radius(c, max) {
    return data.minRadius + (data.maxRadius - data.minRadius) * Math.sqrt(c / max);
  }
  // the articles naming place i: date, linked title, source, the sentence with the name
  // marked, how sure the resolver was and which other places the name could have meant
  function mentionList(i, root) {
    var p = places[i];
    var line = p.c + (p.c === 1 ? " mention" : " mentions") + " in " + p.na +
      (p.na === 1 ? " article" : " articles");
    if (counts[i] !== p.c) { line += " (" + counts[i] + " in the time window and filters)"; }
    dom.el("div", "geo-popup-count", line, root);
    var list = dom.el("ul", "geo-popup-articles", null, root), hidden = 0;
    for (var j = 0; j < p.m.length; j++) {
      var e = p.m[j], a = arts[e[0]];
      if (!s.keep(a[3], e[4])) { hidden++; continue; }  // below the confidence or outlet filter
      var li = dom.el("li", null, null, list);
      var head = dom.el("div", "geo-popup-head", null, li);
      dom.el("span", "geo-popup-date", a[0] || "undated", head);
      head.appendChild(document.createTextNode(" "));
      dom.link(a[2], a[1] || a[2] || "(untitled)", head);
      if (s.outlets[a[3]]) { dom.el("span", "geo-popup-source", " — " + s.outlets[a[3]], head); }
      var sent = dom.el("div", "geo-popup-sentence", null, li), text = sents[e[1]];
      sent.appendChild(document.createTextNode(text.slice(0, e[2])));
      if (e[3] > e[2]) { dom.el("mark", null, text.slice(e[2], e[3]), sent); }
      sent.appendChild(document.createTextNode(text.slice(e[3])));
      var conf = "confidence " + Math.round(100 * e[4]) + "%";
      if (e[5].length) {
        conf += " · or: " + e[5].map(function (c) {
          return c[0] + (c[1] ? " (" + c[1] + ")" : "") + " " + Math.round(100 * c[2]) + "%";
        }).join("; ");
      }
      dom.el("div", "geo-popup-conf", conf, li);
    }
    if (hidden > 0) {
      dom.el("div", "geo-popup-more", hidden + (hidden === 1 ? " article" : " articles") +
        " hidden by the filters", root);
    }
    if (p.more > 0) {
      dom.el("div", "geo-popup-more", "and " + p.more + " more " +
        (p.more === 1 ? "article" : "articles"), root);
    }
  }
  function popup(i) {
    return function () {
      var p = places[i], root = dom.el("div", "geo-popup");
      dom.el("div", "geo-popup-name", p.n, root);
      var where = [p.a1, p.cc].filter(function (x) { return x; }).join(", ");
      dom.el("div", "geo-popup-meta", p.k + (where ? " · " + where : ""), root);
      var own = p.o || [p.lat, p.lon];
      dom.el("div", "geo-popup-meta", own[0].toFixed(4) + ", " + own[1].toFixed(4), root);
      if (p.o) {  // an area drawn inside the story's view (geo.render.anchor)
        dom.el("div", "geo-popup-meta geo-popup-moved",
               "Drawn here, inside the story's view; its own point (above) is elsewhere", root);
      }
      mentionList(i, root);
      var ev = s.layers.events;  // and the events at this place, in the same popup
      if (ev && ev.at) {
        var here = ev.at(p.id);
        if (here.length) {
          dom.el("div", "geo-popup-section", "Events here (" + here.length + ")", root);
          ev.list(here, root);
        }
      }
      return root;
    };
  }
  function tooltip(i) { return function () { return dom.el("span", null, places[i].n); }; }
  function max(values) {
    var m = 1;
    for (var i = 0; i < values.length; i++) { if (values[i] > m) { m = values[i]; } }
    return m;
  }
  // popups and tooltips are bound on a circle's first hover, click or openPopup, not for
  // thousands of circles while the page starts (each binding adds objects and listeners)
  function bind(mk) {
    if (mk.geoBound) { return false; }
    mk.geoBound = true;
    mk.bindPopup(popup(mk.geoIndex), {maxWidth: 380, maxHeight: 340, autoPanPadding: [20, 20]});
    mk.bindTooltip(tooltip(mk.geoIndex), {direction: "top", offset: [0, -4]});
    return true;
  }
  var Circle = L.CircleMarker.extend({
    openPopup: function (at) { bind(this); return L.CircleMarker.prototype.openPopup.call(this, at); },
    openTooltip: function (at) {
      bind(this); return L.CircleMarker.prototype.openTooltip.call(this, at);
    }
  });
  group.on("mouseover", function (e) { if (e.layer instanceof Circle && bind(e.layer)) { e.layer.openTooltip(); } });
  group.on("click", function (e) { if (e.layer instanceof Circle && bind(e.layer)) { e.layer.openPopup(e.latlng); } });
  for (var i = 0; i < places.length; i++) { counts[i] = places[i].c; }
  var top = max(counts);
  for (var i = 0; i < places.length; i++) {
    var p = places[i], color = colors[p.g];
    var mk = new Circle([p.lat, p.lon], {
      renderer: s.renderer, radius: radius(p.c, top), color: "#ffffff", weight: 1,
      fillColor: color, fillOpacity: 0.75, opacity: 0.9
    });
    mk.geoIndex = i;
    markers[i] = mk;
    group.addLayer(mk);
  }
  s.onRange(function () {
    for (var i = 0; i < places.length; i++) { counts[i] = s.countIn(s.placeCells[i]); }
    var top = max(counts);
    for (var i = 0; i < places.length; i++) {
      var mk = markers[i];
      if (counts[i] > 0) {
        mk.setRadius(radius(counts[i], top));
        if (!group.hasLayer(mk)) { group.addLayer(mk); }
      } else if (group.hasLayer(mk)) { group.removeLayer(mk); }
    }
  });
  // names from data.labelZoom on, for the most-mentioned places in view (DOM labels in their
  // own pane: above the circles' canvas, below event icons, never catching clicks)
  var map = s.map, labelGroup = L.layerGroup(), labelled = {};
  if (!map.getPane("geoLabels")) {
    var lp = map.createPane("geoLabels");
    lp.style.zIndex = 450; lp.style.pointerEvents = "none";
  }
  function labels() {
    var want = {}, shown = map.hasLayer(group) && map.getZoom() >= data.labelZoom;
    if (shown) {
      var b = map.getBounds().pad(0.1), inView = [];
      for (var i = 0; i < places.length; i++) {
        if (counts[i] > 0 && b.contains([places[i].lat, places[i].lon])) { inView.push(i); }
      }
      inView.sort(function (a, c) { return counts[c] - counts[a]; });
      inView.slice(0, data.maxLabels).forEach(function (i) { want[i] = true; });
    }
    Object.keys(labelled).forEach(function (i) {
      if (!want[i]) { labelGroup.removeLayer(labelled[i]); delete labelled[i]; }
    });
    Object.keys(want).forEach(function (i) {
      if (labelled[i]) { return; }
      var p = places[i], span = dom.el("span", "geo-place-label", p.n);
      labelled[i] = L.marker([p.lat, p.lon], {pane: "geoLabels", interactive: false,
        keyboard: false, icon: L.divIcon({html: span, className: "geo-place-label-icon",
                                          iconSize: null})});
      labelGroup.addLayer(labelled[i]);
    });
  }
  labelGroup.addTo(map);
  map.on("zoomend moveend overlayadd overlayremove", labels);
  group.on("add", labels);  // added to the map after this script, in a view already set
  s.onRange(labels);
  map.whenReady(labels);
  var byId = {};
  for (var i = 0; i < places.length; i++) { byId[places[i].id] = i; }
  s.layers.places = {group: group, markers: markers, places: places, counts: counts,
                     indexOf: function (id) { return byId[id] === undefined ? -1 : byId[id]; },
                     mentionList: mentionList, labels: function () {
                       return Object.keys(labelled).map(function (i) { return places[i].n; });
                     }};
})();
