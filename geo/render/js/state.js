var {{ state }} = (function (map, dates, win, outlets, cells, centre) {
  // placeCells[i]: the mentions of the summary's i-th place (places and heatmap share them)
  var s = {map: map, dates: dates, lo: win[0], hi: win[1], hooks: [], errors: [],
           layers: {}, ready: false, renderer: L.canvas({padding: 0.5}), outlets: outlets,
           placeCells: cells, centre: centre};  // centre: the story's heart (or null)
  s.onRange = function (fn) { s.hooks.push(fn); };
  // one failing layer must not stop the others from following the slider
  s.setRange = function (lo, hi) {
    s.lo = lo; s.hi = hi;
    for (var i = 0; i < s.hooks.length; i++) {
      try { s.hooks[i](lo, hi); } catch (e) { s.errors.push(String(e)); console.error(e); }
    }
  };
  // the filter panel's choices (filters.js): the lowest confidence bucket kept (of
  // s.filter.steps per 1.0) and the outlets switched off (by index)
  s.filter = {minQ: 0, steps: 20, off: {}};
  s.keepCell = function (outlet, q) { return q >= s.filter.minQ && !s.filter.off[outlet]; };
  // an event or a mention with its confidence (0..1; none counts as sure) and outlet index
  s.keep = function (outlet, confidence) {
    var c = (typeof confidence === "number") ? confidence : 1;
    return s.keepCell(outlet, Math.floor(c * s.filter.steps + 1e-9));
  };
  // cells is the flat [date, outlet, bucket, n, ...] list of geo.render.data.cell_counts;
  // date -1 (undated) is in every window
  s.countIn = function (cells) {
    var c = 0, lo = s.lo, hi = s.hi, f = s.filter, off = f.off, minQ = f.minQ;
    for (var i = 0; i < cells.length; i += 4) {
      var d = cells[i];
      if ((d < 0 || (d >= lo && d <= hi)) && cells[i + 2] >= minQ && !off[cells[i + 1]]) {
        c += cells[i + 3];
      }
    }
    return c;
  };
  s.refilter = function () { s.setRange(s.lo, s.hi); };
  window.__geoMaps = window.__geoMaps || [];
  window.__geoMaps.push(s);
  window.__geo = s;
  return s;
})({{ map }}, {{ dates|json }}, {{ window|json }}, {{ outlets|json }}, {{ cells|json }},
  {{ centre|json }});
