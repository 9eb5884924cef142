{{ state }}.map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
{{ state }}.map.attributionControl.addAttribution({{ data|json }});
