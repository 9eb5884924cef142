(function () {
  var s = {{ state }}, d = {{ data|json }}, dom = window.geoDom;
  s.filter.steps = d.steps;
  var pending = false;
  // one re-count per frame however fast the slider moves or boxes are clicked
  function refilter() {
    if (pending) { return; }
    pending = true;
    requestAnimationFrame(function () { pending = false; s.refilter(); });
  }
  var Panel = L.Control.extend({
    options: {position: "topleft"},
    onAdd: function () {
      var box = dom.el("div", "leaflet-bar geo-filters");
      var head = dom.el("button", "geo-filters-head", null, box);
      head.type = "button"; head.setAttribute("aria-expanded", "true");
      dom.el("span", "geo-filters-arrow", "▾", head);
      dom.el("span", null, " Filters", head);
      var state = dom.el("span", "geo-filters-state", "", head);
      var body = dom.el("div", "geo-filters-body", null, box);
      head.addEventListener("click", function () {
        var open = body.style.display === "none";
        body.style.display = open ? "" : "none";
        head.setAttribute("aria-expanded", open ? "true" : "false");
        head.firstChild.textContent = open ? "▾" : "▸";
      });

      var row = dom.el("div", "geo-filters-row", null, body);
      dom.el("span", null, "Confidence at least ", row);
      var shown = dom.el("output", null, "0.00", row);
      var conf = dom.el("input", null, null, body);
      conf.type = "range"; conf.min = 0; conf.max = d.steps; conf.step = 1; conf.value = 0;
      conf.name = "confidence"; conf.setAttribute("aria-label", "minimum confidence");
      conf.title = "Hide place mentions and events the resolver or extractor was less sure of";
      conf.addEventListener("input", function () {
        s.filter.minQ = +conf.value;
        shown.textContent = (+conf.value / d.steps).toFixed(2);
        status(); refilter();
      });

      var boxes = [];
      if (d.outlets.length > 1) {
        var fs = dom.el("div", "geo-filters-outlets", null, body);
        var top = dom.el("div", "geo-filters-row", null, fs);
        dom.el("span", null, "Sources ", top);
        var all = dom.el("button", "geo-filters-all", "all", top);
        var none = dom.el("button", "geo-filters-all", "none", top);
        all.type = none.type = "button";
        var list = dom.el("div", "geo-filters-list", null, fs);
        d.outlets.forEach(function (o) {
          var lab = dom.el("label", null, null, list);
          var cb = dom.el("input", null, null, lab);
          cb.type = "checkbox"; cb.checked = true;
          dom.el("span", o.group ? "geo-filters-group" : null,
                 (o.name || "(outlet unknown)") + " (" + o.n.toLocaleString("en-US") + ")", lab);
          cb.addEventListener("change", function () { apply(); });
          boxes.push({box: cb, outlet: o});
        });
        all.addEventListener("click", function () { setAll(true); });
        none.addEventListener("click", function () { setAll(false); });
      }
      function setAll(on) { boxes.forEach(function (b) { b.box.checked = on; }); apply(); }
      function apply() {
        var off = {};
        boxes.forEach(function (b) {
          if (!b.box.checked) { b.outlet.ids.forEach(function (i) { off[i] = true; }); }
        });
        s.filter.off = off;
        status(); refilter();
      }
      function status() {
        var hiddenOutlets = boxes.filter(function (b) { return !b.box.checked; }).length;
        var parts = [];
        if (+conf.value > 0) { parts.push("≥ " + (+conf.value / d.steps).toFixed(2)); }
        if (hiddenOutlets) { parts.push(hiddenOutlets + " source" + (hiddenOutlets > 1 ? "s" : "") + " off"); }
        state.textContent = parts.length ? " (" + parts.join(", ") + ")" : "";
      }
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      s.filters = {panel: box, body: body, head: head, confidence: conf, boxes: boxes,
                   apply: apply, flush: function () { pending = false; s.refilter(); }};
      return box;
    }
  });
  new Panel().addTo(s.map);
})();
