"""``geo map --db STORE --events`` in headless Chromium: one icon per real event, however many
articles report it, and its popup lists every source (outlet, title, link), hostile text
shown as text and only http(s) links made."""

from __future__ import annotations

from geo.cli import main
from geo.model import Article, Event, ParsedArticle
from geo.store import Store
from tests import render_samples as rs
from tests.browser.harness import open_map


def _strike(eid: str, article: str, lat: float, lon: float) -> Event:
    return Event(id=eid, event_type="Explosions/Remote violence",
                 sub_event_type="Shelling/artillery/missile attack", date="2025-08-02",
                 time_precision=1, lat=lat, lon=lon, geo_precision=1,
                 actors=("Military Forces of Russia",), article_id=article,
                 source="geo extract", location="Kramatorsk", text=f"Strike, as {article} says",
                 confidence=0.9)


def test_a_real_event_is_one_icon_whose_popup_lists_its_sources(browser, tmp_path, capsys):
    db = tmp_path / "geo.db"
    articles = [
        Article("good", "A strike.", title="Missile hits Kramatorsk", date="2025-08-02",
                url="https://good.example/k", source="Good Outlet"),
        Article("evil", "A strike.", title=rs.EVIL_TITLE, date="2025-08-02", url=rs.EVIL_URL,
                source="<b>src</b>${window.__pwned=6}`"),
        Article("wire", "A strike.", title="Kramatorsk", date="2025-08-03",
                url="https://wire.example/k", source="Wire"),
        Article("far", "Another.", title="Toulon", date="2025-08-02",
                url="https://far.example/t", source="Far Outlet"),
    ]
    with Store(db) as store:
        store.add([ParsedArticle(a, ()) for a in articles])
        store.add_events([_strike("good:1", "good", 48.72, 37.56),
                          _strike("evil:1", "evil", 48.75, 37.60),
                          _strike("wire:1", "wire", 48.70, 37.50),
                          _strike("far:1", "far", 43.12, 5.93)])  # another event, far away
    out = tmp_path / "map.html"
    assert main(["map", "--db", str(db), "--events", "-o", str(out)]) == 0
    capsys.readouterr()
    mp = open_map(browser, out.read_text(encoding="utf-8"))
    try:
        assert mp.js("() => window.__geo.layers.events.events.length") == 2  # not 4 reports
        mp.js("() => window.__geo.map.setView([48.72, 37.56], 12, {animate: false})")
        mp.page.wait_for_timeout(200)
        shown = mp.js("""() => { const l = window.__geo.layers.events;
            const ms = l.markers().filter(m => l.events[m.geoEvents[0]][0] > 45);
            ms[0].openPopup(); return ms.map(m => m.geoEvents.length); }""")
        assert shown == [1]  # one icon, for one event, where the three reports are
        text = mp.popup_text()
        assert "Sources: 3 report this event" in text
        items = mp.page.locator(".leaflet-popup-content .geo-ev-source-list li")
        assert items.count() == 3
        assert items.nth(0).inner_text() == "Good Outlet · Missile hits Kramatorsk"
        # the hostile article's outlet and title (cut to 160 characters) as text
        assert rs.EVIL_TITLE[:150] in text and "<b>src</b>${window.__pwned=6}`" in text
        links = mp.page.locator(".leaflet-popup-content a")
        assert sorted(links.nth(i).get_attribute("href") for i in range(links.count())) == [
            "https://good.example/k", "https://wire.example/k"]  # the javascript: one is text
        assert mp.page.locator(".leaflet-popup-content img, .leaflet-popup-content b:has(b)"
                               ).count() == 0

        # the source filter: the event shows while any outlet reporting it is switched on
        def shown_after(*off: str) -> int:
            mp.js("""(off) => { const s = window.__geo;
                s.filters.boxes.forEach(b => { const want = !off.includes(b.outlet.name);
                    if (b.box.checked !== want) { b.box.click(); } });
                s.map.closePopup(); s.map.setView([46, 20], 3, {animate: false}); }""",
                  list(off))
            mp.page.wait_for_timeout(300)
            return mp.js("""() => window.__geo.layers.events.markers()
                .reduce((n, m) => n + m.geoEvents.length, 0)""")

        evil_outlet = "<b>src</b>${window.__pwned=6}`"
        assert shown_after() == 2
        assert shown_after("Good Outlet") == 2  # its first report's outlet off: still shown
        assert shown_after("Good Outlet", "Wire") == 2
        assert shown_after("Good Outlet", "Wire", evil_outlet) == 1
        assert shown_after("Far Outlet") == 1
        assert mp.js("() => window.__pwned === undefined")
        assert mp.dialogs == [] and mp.page_errors == [] and mp.console_errors == []
    finally:
        mp.close()
