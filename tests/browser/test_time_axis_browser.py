"""One time axis in headless Chromium: the slider and play move news, events and the front line
together; every overlay toggles on and off twice without a page error (the heatmap included)."""

from __future__ import annotations

import datetime as dt

import shapely

from geo.frontline.model import Snapshot
from geo.model import Event
from geo.render import map_html, render_map
from geo.render.events import EventsLayer
from geo.render.frontline import FrontlineLayer
from tests import render_samples as rs
from tests.browser.harness import open_map

# three snapshots, the last one after the newest article (2025-08-10)
FRONT = [
    Snapshot(date=dt.date(2025, 7, 1), occupied=shapely.box(37.6, 47.6, 38.6, 48.6),
             grey_zone=None, source="front A", path="a"),
    Snapshot(date=dt.date(2025, 8, 1), occupied=shapely.box(37.4, 47.6, 38.6, 48.6),
             grey_zone=None, source="front B", path="b"),
    Snapshot(date=dt.date(2025, 9, 1), occupied=shapely.box(37.2, 47.6, 38.6, 48.6),
             grey_zone=None, source="front C", path="c"),
]
EVENTS = [
    Event("e1", "Battles", "Armed clash", "2025-08-01", 1, 48.3, 37.2, 1, rs.POKROVSK),
    Event("e2", "Explosions/Remote violence", "Shelling", "2025-08-10", 1, 48.7, 37.5, 1,
          rs.KRAMATORSK),
]


def page(browser):
    m = render_map(rs.seed_like(), title="Time axis", region_shapes=rs.square,
                   extra_layers=[EventsLayer(EVENTS), FrontlineLayer(FRONT)])
    return open_map(browser, map_html(m))


def state(mp):
    return mp.js("""() => { const s = window.__geo, f = s.layers.frontline.state;
        return {lo: s.dates[s.lo], hi: s.dates[s.hi], current: f.current, base: f.base,
                places: s.layers.places.markers.filter(m => s.layers.places.group.hasLayer(m))
                          .map(m => s.layers.places.places[m.geoIndex].n).sort(),
                events: s.layers.events.markers().reduce((n, m) => n + m.geoEvents.length, 0),
                asof: document.querySelector(".geo-front-asof").innerText};}""")


def set_range(mp, lo_day, hi_day):
    mp.js("""([a, b]) => { const s = window.__geo, t = s.timeline;
        t.from.value = s.dates.indexOf(a); t.until.value = s.dates.indexOf(b);
        t.until.dispatchEvent(new Event('input')); }""", [lo_day, hi_day])


def test_one_slider_moves_news_events_and_front_line(browser):
    mp = page(browser)
    try:
        # one slider only: the front line has none of its own
        assert mp.page.locator(".geo-timeline").count() == 1
        assert mp.page.locator(".geo-front-asof input").count() == 0
        dates = mp.js("() => window.__geo.dates")
        assert {"2025-07-01", "2025-08-01", "2025-08-10", "2025-09-01"} <= set(dates)
        # the window opens at the newest article, so the front in force then (2025-08-01)
        s = state(mp)
        assert s["hi"] == "2025-08-10" and s["lo"] == "2025-07-01"
        assert s["current"] == 1 and s["base"] == 0
        assert s["asof"].startswith("front line as of 2025-08-01")
        assert "changes since 2025-07-01" in s["asof"]
        assert s["events"] == 2

        # the window ending 2025-08-05: Toulon and Lviv (2025-08-10) and event e2 leave
        set_range(mp, "2025-07-01", "2025-08-05")
        s = state(mp)
        assert s["current"] == 1
        assert "Toulon" not in s["places"] and "Pokrovsk" in s["places"]
        assert s["events"] == 1

        # before any article: the July front, no places
        set_range(mp, "2025-07-01", "2025-07-01")
        s = state(mp)
        assert s["current"] == 0 and s["places"] == [] and s["events"] == 0
        assert "changes since" not in s["asof"]

        # the window starting 2025-08-01 and ending at the last day: changes since August
        set_range(mp, "2025-08-01", "2025-09-01")
        s = state(mp)
        assert s["current"] == 2 and s["base"] == 1
        assert "changes since 2025-08-01" in s["asof"]
        hatched = mp.js("""() => { const f = window.__geo.layers.frontline;
            return document.querySelectorAll('path[fill="url(#geo-front-gain)"]').length; }""")
        assert hatched >= 1

        # play runs the window's end to the last day
        set_range(mp, "2025-07-01", "2025-07-01")
        mp.js("() => { window.__geo.playMs = 40; }")
        mp.page.locator(".geo-timeline-play").click()
        mp.page.wait_for_function(
            "() => window.__geo.hi === window.__geo.dates.length - 1"
            " && !window.__geo.timeline.playing()", timeout=5000)
        s = state(mp)
        assert s["current"] == 2 and s["base"] == 0 and s["events"] == 2
        assert "Toulon" in s["places"]
        assert mp.page_errors == [] and mp.console_errors == []
        assert mp.js("() => window.__geo.errors") == []
    finally:
        mp.close()


def test_every_overlay_toggles_twice_and_the_slider_still_filters(browser):
    mp = page(browser)
    try:
        labels = mp.page.locator(".leaflet-control-layers-overlays label")
        names = [t.strip() for t in labels.all_inner_texts()]
        assert "Mention heatmap" in names and len(names) >= 5
        for _ in range(2):
            for i in range(len(names)):
                box = labels.nth(i).locator("input")
                box.click()
                mp.page.wait_for_timeout(30)
                set_range(mp, "2025-08-01", "2025-08-05")
                box.click()
                mp.page.wait_for_timeout(30)
                set_range(mp, "2025-07-01", "2025-08-10")
        assert mp.page_errors == [] and mp.console_errors == []
        assert mp.js("() => window.__geo.errors") == []
        # the heatmap, switched on after moving the slider while off, shows the new window
        heat = names.index("Mention heatmap")
        on = labels.nth(heat).locator("input").is_checked()
        if on:
            labels.nth(heat).locator("input").click()
        set_range(mp, "2025-08-10", "2025-08-10")
        labels.nth(heat).locator("input").click()
        assert mp.js("() => window.__geo.layers.heatmap.points()") == 3  # Toulon, UA, Lviv
        s = state(mp)
        assert s["places"] == ["Lviv", "Toulon", "Ukraine"]
        assert mp.page_errors == [] and mp.js("() => window.__geo.errors") == []
    finally:
        mp.close()


def test_only_the_occupied_area_is_red_and_events_sit_above_places(browser):
    from tests.test_render_palette import rgb

    mp = page(browser)
    try:
        mp.js("""() => { const s = window.__geo; s.map.addLayer(s.layers.regions.group);
                 s.map.setView([48.5, 37.35], 8, {animate: false}); }""")
        mp.page.wait_for_timeout(200)
        got = mp.js("""() => {
            const s = window.__geo, c = x => {
                const m = x.match(/\\d+/g); return m ? m.slice(0, 3).map(Number) : null; };
            return {
              places: s.layers.places.markers.map(m => m.options.fillColor),
              regions: s.layers.regions.geo.getLayers().map(l => l.options.fillColor),
              events: [...document.querySelectorAll('.geo-ev-shape')]
                .map(e => c(getComputedStyle(e).backgroundColor)),
              red: [...document.querySelectorAll('path')]
                .map(p => p.getAttribute('fill')).filter(f => f && f.startsWith('#')),
              eventsAbove: +getComputedStyle(s.map.getPane('markerPane')).zIndex >
                           +getComputedStyle(s.map.getPane('overlayPane')).zIndex};
        }""")
        import colorsys

        def reddish(color):
            parts = rgb(color) if isinstance(color, str) else [v / 255 for v in color]
            h, lightness, sat = colorsys.rgb_to_hls(*parts)
            return (h < 20 / 360 or h > 340 / 360) and sat > 0.35 and 0.2 < lightness < 0.8

        assert got["places"] and got["regions"] and got["events"]
        for color in got["places"] + got["regions"] + got["events"]:
            assert not reddish(color), color
        assert any(reddish(f) for f in got["red"])  # the occupied area is
        assert got["eventsAbove"]
        legend = mp.page.inner_text(".geo-legend")
        assert "occupied by Russian forces" in legend and "above places" in legend
    finally:
        mp.close()


def test_one_popup_lists_a_places_news_and_events_with_confidence_and_alternatives(browser):
    from dataclasses import replace

    from geo.model import Article, Candidate, ParsedArticle, Place

    other = Place(700001, "Pokrovske", "city", "UA", "04", "Dnipropetrovsk Oblast", 47.98,
                  36.23, 9000)
    a = Article("alt", "Shelling near Pokrovsk overnight.", title="Night shelling",
                date="2025-08-05", source="Wire")
    m = replace(rs.mention(a, rs.POKROVSK), confidence=0.72,
                alternatives=(Candidate(other, 0.31, "Pokrovske", "fuzzy"),))
    parsed = [*rs.seed_like(), ParsedArticle(a, (m,))]
    page_ = map_html(render_map(parsed, extra_layers=[EventsLayer(EVENTS), FrontlineLayer(FRONT)]))
    mp = open_map(browser, page_)
    try:
        mp.js("""() => { const s = window.__geo, l = s.layers.places;
            s.map.setView([48.28, 37.18], 9, {animate: false});
            l.markers[l.indexOf(704508)].openPopup(); }""")
        text = mp.popup_text()
        assert "3 mentions in 3 articles" in text and "Events here (1)" in text
        assert "Battles" in text and "Armed clash" in text
        assert "confidence 72% · or: Pokrovske (Dnipropetrovsk Oblast, UA) 31%" in text
        assert "confidence 90%" in text
        # the event's own popup (it sits above the place) lists the place's news too
        text = mp.js("""() => { const s = window.__geo, l = s.layers.events; s.map.closePopup();
            l.draw(); const mk = l.markers().find(m => m.geoEvents.includes(0));
            mk.openPopup(); return mk.getPopup().getElement().innerText; }""")
        assert "Battles" in text and "In the news: Pokrovsk" in text
        assert "Night shelling" in text and "Fighting near Pokrovsk" in text
        assert mp.page_errors == [] and mp.console_errors == []
    finally:
        mp.close()
