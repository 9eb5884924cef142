var {{ state }} = (function (map, dates, win) {
  var s = {map: map, dates: dates, lo: win[0], hi: win[1], hooks: [], errors: [],
           layers: {}, ready: false, renderer: L.canvas({padding: 0.5})};
  s.onRange = function (fn) { s.hooks.push(fn); };
  // one failing layer must not stop the others from following the slider
  s.setRange = function (lo, hi) {
    s.lo = lo; s.hi = hi;
    for (var i = 0; i < s.hooks.length; i++) {
      try { s.hooks[i](lo, hi); } catch (e) { s.errors.push(String(e)); console.error(e); }
    }
  };
  s.countIn = function (pairs) {
    var c = 0;
    for (var i = 0; i < pairs.length; i++) {
      var d = pairs[i][0];
      if (d < 0 || (d >= s.lo && d <= s.hi)) { c += pairs[i][1]; }
    }
    return c;
  };
  window.__geoMaps = window.__geoMaps || [];
  window.__geoMaps.push(s);
  window.__geo = s;
  return s;
})({{ map }}, {{ dates|json }}, {{ window|json }});
