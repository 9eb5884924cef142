var {{ state }} = (function (map, dates) {
  var s = {map: map, dates: dates, lo: 0, hi: Math.max(dates.length - 1, 0), hooks: [],
           layers: {}, ready: false, renderer: L.canvas({padding: 0.5})};
  s.onRange = function (fn) { s.hooks.push(fn); };
  s.setRange = function (lo, hi) {
    s.lo = lo; s.hi = hi;
    for (var i = 0; i < s.hooks.length; i++) { s.hooks[i](lo, hi); }
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
})({{ map }}, {{ dates|json }});
