// the frame fits between the side controls (filters and search on the left, layers and legend
// on the right), so they do not cover the story at the opening view
(function (map) {
  var side = Math.round(Math.min(250, 0.17 * map.getSize().x));
  map.fitBounds({{ bounds|json }}, {paddingTopLeft: [side, 50], paddingBottomRight: [side, 40],
                                     maxZoom: 10, animate: false});
})({{ map }});
