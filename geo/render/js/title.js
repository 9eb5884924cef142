(function () {
  var s = {{ state }}, title = {{ data|json }};
  var box = window.geoDom.el("div", "geo-title", title, s.map.getContainer());
  box.title = title;  // a long title is cut with an ellipsis (map.css); the whole of it on hover
  L.DomEvent.disableClickPropagation(box);
  if (!document.title) { document.title = title; }
})();
