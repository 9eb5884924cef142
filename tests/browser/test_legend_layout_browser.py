"""At 1400x900, with events, a front line and the filter panel, the opening view keeps the
story clear of the legend and the other controls; the legend collapses to its title."""

from __future__ import annotations

from pathlib import Path

from geo.render import map_html, render_map
from geo.render.events import EventsLayer
from geo.render.frontline import FrontlineLayer
from tests import render_samples as rs
from tests.browser.harness import open_map
from tests.browser.test_time_axis_browser import EVENTS, FRONT

SHOTS = Path(__file__).resolve().parents[2] / "maps" / "out"
#: screen boxes of the controls and of every place circle and event icon drawn
LAYOUT = """() => {
    const s = window.__geo, c = s.map.getContainer().getBoundingClientRect();
    const box = el => { const r = el.getBoundingClientRect();
                        return [r.left, r.top, r.right, r.bottom]; };
    const controls = ['.geo-legend', '.geo-filters', '.leaflet-control-layers', '.geo-timeline',
                      '.geo-search', '.geo-front-asof']
        .map(q => [q, box(document.querySelector(q))]);
    const pts = [];
    const l = s.layers.places;
    l.markers.forEach((m, i) => { if (l.group.hasLayer(m)) {
        const p = s.map.latLngToContainerPoint(m.getLatLng());
        pts.push([l.places[i].n, c.left + p.x, c.top + p.y]); } });
    s.layers.events.markers().forEach(m => {
        const p = s.map.latLngToContainerPoint(m.getLatLng());
        pts.push(['event', c.left + p.x, c.top + p.y]); });
    return {controls, pts, w: c.width, h: c.height};
}"""


def test_controls_leave_the_story_clear_at_1400x900(browser):
    m = render_map(rs.seed_like() + rs.hostile(), title="Layout", region_shapes=rs.square,
                   extra_layers=[EventsLayer(EVENTS), FrontlineLayer(FRONT)])
    mp = open_map(browser, map_html(m), viewport=(1400, 900))
    try:
        got = mp.js(LAYOUT)
        # Toulon is an aside far from the story: the view is fitted to the Donbas places
        inside = [p for p in got["pts"] if 0 <= p[1] <= got["w"] and 0 <= p[2] <= got["h"]]
        assert {"Pokrovsk", "Kramatorsk", "event"} <= {p[0] for p in inside}
        for name, (left, top, right, bottom) in got["controls"]:
            for what, x, y in inside:
                assert not (left - 4 <= x <= right + 4 and top - 4 <= y <= bottom + 4), \
                    f"{name} covers {what} at {x:.0f},{y:.0f}"
        legend = got["controls"][0][1]
        assert legend[3] - legend[1] < 450  # compact: under half the height
        SHOTS.mkdir(parents=True, exist_ok=True)
        mp.page.screenshot(path=str(SHOTS / "browser_layout_1400x900.png"))
        # the legend collapses to its title and opens again
        head = mp.page.locator(".geo-legend-head")
        head.click()
        assert mp.page.locator(".geo-legend-body").is_hidden()
        assert mp.page.locator(".geo-legend").bounding_box()["height"] < 40
        head.click()
        assert mp.page.locator(".geo-legend-section", has_text="Events").is_visible()
        assert not mp.page_errors
    finally:
        mp.close()
