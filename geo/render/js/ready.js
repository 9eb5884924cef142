// every layer now applies the opening time window (it may end before the last day)
{{ state }}.setRange({{ state }}.lo, {{ state }}.hi);
{{ state }}.map.whenReady(function () {
  requestAnimationFrame(function () { requestAnimationFrame(function () {
    {{ state }}.ready = true;
    {{ state }}.readyAt = performance.now();
  }); });
});
