"""Events and front lines on the map in headless Chromium: drawn, clustered, safe, legended."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
import shapely

from geo.frontline.model import Snapshot
from geo.model import Event
from geo.render import map_html, render_map
from geo.render.events import EventsLayer
from geo.render.frontline import FrontlineLayer
from tests import render_samples as rs
from tests.browser.harness import open_map

SHOTS = Path(__file__).resolve().parents[2] / "maps" / "out"
EVIL = " ".join(rs.PAYLOADS)


def events() -> list[Event]:
    evil = Event("evil", "Violence against civilians", EVIL, "2025-08-02", 1, 48.5, 37.5, 1,
                 None, actors=(EVIL,), quantity=3, quantity_unit=EVIL, fatalities=2,
                 text="Shelling " + EVIL, article_id="evil", source=EVIL, location=EVIL,
                 confidence=0.716, claimed=True, claimant=EVIL, sources=("evil", "other"))
    rng = random.Random(7)
    crowd = [Event(f"c{i}", "Battles", "Armed clash", "2025-08-01", 1,
                   48.0 + rng.uniform(-0.05, 0.05), 38.0 + rng.uniform(-0.05, 0.05), 1,
                   rs.POKROVSK) for i in range(300)]
    late = Event("late", "Diplomacy", "Meeting", "2025-08-10", 1, 43.125, 5.93, 1, rs.TOULON,
                 article_id="a3")
    return [evil, late, *crowd]


def front() -> list[Snapshot]:
    return [Snapshot(date=dt.date(2025, 7, 1), occupied=shapely.box(37.6, 47.6, 38.6, 48.6),
                     grey_zone=None, source="test front", path="a"),
            Snapshot(date=dt.date(2025, 8, 1), occupied=shapely.box(37.4, 47.6, 38.6, 48.6),
                     grey_zone=None, source="test front", path="b")]


def test_events_drawn_clustered_safe_and_following_the_slider(browser):
    parsed = rs.seed_like() + rs.hostile()
    m = render_map(parsed, title="Events", region_shapes=rs.square,
                   extra_layers=[EventsLayer(events()), FrontlineLayer(front())])
    mp = open_map(browser, map_html(m))
    try:
        drawn = mp.js("() => window.__geo.layers.events.drawn")
        assert drawn["clusters"] >= 1 and drawn["singles"] >= 1  # Toulon alone
        assert drawn["singles"] + drawn["clusters"] < 50  # 302 events, a few icons
        assert mp.page.locator(".geo-ev-cluster").count() == drawn["clusters"]
        legend = mp.page.locator(".geo-legend-section", has_text="Events").inner_text()
        for label in ("Battles", "Violence against civilians", "Diplomacy"):
            assert label in legend
        assert mp.page.locator(".geo-front-asof").inner_text().startswith(
            "front line as of 2025-08-01")

        # the hostile event: its popup shows the payloads as text, nothing runs
        mp.js("""() => { const s = window.__geo; s.map.setView([48.5, 37.5], 12,
                 {animate: false}); }""")
        mp.page.wait_for_timeout(200)
        mk = mp.js("""() => { const l = window.__geo.layers.events;
            const m = l.markers().find(m => l.events[m.geoEvents[0]][12].startsWith("Shell"));
            m.openPopup(); return m.geoEvents.length; }""")
        assert mk == 1
        text = mp.popup_text()
        assert "Violence against civilians" in text and "${window.__pwned=3}" in text
        assert "<img src=x" in text and "Fatalities: 2" in text
        assert "Confidence: 72%" in text and "Sources: 2 report this event" in text
        assert rs.EVIL_TITLE[:150] in text  # the evil article (one of two sources), as text
        assert "Claimed by: " + rs.PAYLOADS[0] in text
        assert mp.page.locator(".leaflet-popup-content img, .leaflet-popup-content a").count() == 0
        mp.page.wait_for_timeout(300)
        SHOTS.mkdir(parents=True, exist_ok=True)
        mp.page.screenshot(path=str(SHOTS / "browser_events_hostile.png"))

        # a cluster zooms in on click until its events come apart
        mp.js("() => window.__geo.map.setView([48.0, 38.0], 8, {animate: false})")
        mp.page.wait_for_timeout(200)
        before = mp.js("() => window.__geo.map.getZoom()")
        mp.page.locator(".geo-ev-cluster").first.click()
        mp.page.wait_for_timeout(700)
        assert mp.js("() => window.__geo.map.getZoom()") > before
        mp.page.screenshot(path=str(SHOTS / "browser_events.png"))

        # the date slider: only 2025-08-10 selected hides the crowd and the hostile event
        n = mp.js("() => window.__geo.dates.length")
        mp.js(f"() => window.__geo.setRange({n - 1}, {n - 1})")
        mp.js("() => window.__geo.map.setView([46, 20], 4, {animate: false})")
        mp.page.wait_for_timeout(200)
        shown = mp.js("""() => window.__geo.layers.events.markers()
            .map(m => m.geoEvents.length)""")
        assert shown == [1]
        assert mp.js("() => window.__pwned === undefined")
        assert mp.dialogs == [] and mp.page_errors == [] and mp.console_errors == []
    finally:
        mp.close()


def test_event_popup_says_its_side_of_the_line_of_its_day(browser):
    """``render_map(events=..., frontline=...)``: the popup reads as
    :meth:`Placement.describe` does, and its km are the geodesic distance to the line."""
    import pyproj

    from geo.frontline.sides import place_events_of_day

    inside = Event("in", "Battles", "Armed clash", "2025-08-03", 1, 48.1, 37.6, 1, None,
                   location="Inside")
    m = render_map(rs.seed_like(), title="Sides", events=[inside], frontline=front())
    placed = place_events_of_day(front(), [inside])["in"]
    km = pyproj.Geod(ellps="WGS84").inv(37.6, 48.1, 37.4, 48.1)[2] / 1000  # the west edge
    assert placed.side == "occupied" and placed.distance_km == pytest.approx(-km, abs=0.2)
    mp = open_map(browser, map_html(m))
    try:
        mp.js("() => window.__geo.map.setView([48.1, 37.6], 11, {animate: false})")
        mp.page.wait_for_timeout(200)
        mp.js("() => window.__geo.layers.events.markers()[0].openPopup()")
        text = mp.popup_text()
        assert f"Front line: {placed.describe()}" in text
        assert "occupied ground" in text and "behind the line of 2025-08-01" in text
        assert mp.page_errors == [] and mp.console_errors == []
    finally:
        mp.close()
