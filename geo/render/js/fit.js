{{ map }}.fitBounds({{ bounds|json }}, {padding: [30, 30], maxZoom: 10, animate: false});
