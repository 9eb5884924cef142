(function () {
  var s = {{ state }}, dom = window.geoDom, n = s.dates.length;
  var Slider = L.Control.extend({
    options: {position: "bottomleft"},
    onAdd: function () {
      var box = dom.el("div", "leaflet-bar geo-timeline");
      dom.el("div", "geo-timeline-title", "Article dates", box);
      var label = dom.el("div", "geo-timeline-label", null, box);
      function range(value, name) {
        var input = dom.el("input", null, null, box);
        input.type = "range"; input.min = 0; input.max = n - 1; input.step = 1;
        input.value = value; input.name = name; input.setAttribute("aria-label", name);
        return input;
      }
      var lo = range(0, "from"), hi = range(n - 1, "until");
      function show() { label.textContent = s.dates[+lo.value] + " – " + s.dates[+hi.value]; }
      function update(e) {
        if (+lo.value > +hi.value) {
          if (e && e.target === lo) { hi.value = lo.value; } else { lo.value = hi.value; }
        }
        show();
        s.setRange(+lo.value, +hi.value);
      }
      lo.addEventListener("input", update);
      hi.addEventListener("input", update);
      show();
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      s.timeline = {from: lo, until: hi, label: label, update: update};
      return box;
    }
  });
  new Slider().addTo(s.map);
})();
