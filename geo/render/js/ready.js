{{ state }}.map.whenReady(function () {
  requestAnimationFrame(function () { requestAnimationFrame(function () {
    {{ state }}.ready = true;
    {{ state }}.readyAt = performance.now();
  }); });
});
