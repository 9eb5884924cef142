(function () {
  var s = {{ state }}, dom = window.geoDom, n = s.dates.length;
  var Slider = L.Control.extend({
    options: {position: "bottomleft"},
    onAdd: function () {
      var box = dom.el("div", "leaflet-bar geo-timeline");
      var head = dom.el("div", "geo-timeline-title", null, box);
      var play = dom.el("button", "geo-timeline-play", "▶", head);
      play.type = "button"; play.title = "Play: move the window's end day by day";
      play.setAttribute("aria-label", "play");
      dom.el("span", null, " Time window (news, events, front line)", head);
      var label = dom.el("div", "geo-timeline-label", null, box);
      function range(value, name) {
        var input = dom.el("input", null, null, box);
        input.type = "range"; input.min = 0; input.max = n - 1; input.step = 1;
        input.value = value; input.name = name; input.setAttribute("aria-label", name);
        return input;
      }
      var lo = range(s.lo, "from"), hi = range(s.hi, "until");
      function show() { label.textContent = s.dates[+lo.value] + " – " + s.dates[+hi.value]; }
      function update(e) {
        if (+lo.value > +hi.value) {
          if (e && e.target === lo) { hi.value = lo.value; } else { lo.value = hi.value; }
        }
        show();
        s.setRange(+lo.value, +hi.value);
      }
      var timer = null;
      function stop() {
        if (timer !== null) { clearInterval(timer); timer = null; }
        play.textContent = "▶"; play.setAttribute("aria-label", "play");
      }
      function step() {
        if (+hi.value >= n - 1) { stop(); return; }
        hi.value = +hi.value + 1;
        update(null);
      }
      play.addEventListener("click", function () {
        if (timer !== null) { stop(); return; }
        if (+hi.value >= n - 1) { hi.value = lo.value; update(null); }
        play.textContent = "❚❚"; play.setAttribute("aria-label", "pause");
        timer = setInterval(step, s.playMs || 700);
      });
      lo.addEventListener("input", function (e) { stop(); update(e); });
      hi.addEventListener("input", function (e) { stop(); update(e); });
      show();
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      s.timeline = {from: lo, until: hi, label: label, update: update, play: play,
                    playing: function () { return timer !== null; }};
      return box;
    }
  });
  new Slider().addTo(s.map);
})();
