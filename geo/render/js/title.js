(function () {
  var s = {{ state }}, title = {{ data|json }};
  var box = window.geoDom.el("div", "geo-title", title, s.map.getContainer());
  L.DomEvent.disableClickPropagation(box);
  if (!document.title) { document.title = title; }
})();
