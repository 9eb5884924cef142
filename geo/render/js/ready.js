// layers are drawn for every day; when the window opens narrower (it ends at the newest
// article, before a later snapshot or event), every layer now applies it
if ({{ state }}.lo > 0 || {{ state }}.hi < {{ state }}.dates.length - 1) {
  {{ state }}.setRange({{ state }}.lo, {{ state }}.hi);
}
{{ state }}.map.whenReady(function () {
  requestAnimationFrame(function () { requestAnimationFrame(function () {
    {{ state }}.ready = true;
    {{ state }}.readyAt = performance.now();
  }); });
});
