"""The filter panel in headless Chromium: a confidence slider and source (outlet) boxes hide
mentions and events, combined with the time window, and toggling them (and every overlay) again
and again raises no page error."""

from __future__ import annotations

import dataclasses

from geo.model import Article, Event, Mention, ParsedArticle
from geo.render import map_html, render_map
from geo.render.events import EventsLayer
from tests import render_samples as rs
from tests.browser.harness import open_map


@dataclasses.dataclass(frozen=True, slots=True)
class ScoredEvent(Event):
    """An event with the extractor's confidence (the field events carry from issue 12 on)."""

    confidence: float = 1.0


def _mention(article: Article, place, confidence: float) -> Mention:
    i = article.text.find(place.name)
    return Mention(article.id, i, i + len(place.name), place.name, article.text, place,
                   confidence, "test")


def corpus() -> list[ParsedArticle]:
    """Two outlets (one named by its source, one only by its URL's host) and confidences on
    both sides of 0.5; Lviv is named only in the late article."""
    a1 = Article("k1", "Shelling hit Pokrovsk and Kramatorsk.", title="Shelling", date="2025-08-01",
                 url="https://kyivindependent.com/a", source="Kyiv Independent")
    a2 = Article("e1", "Kramatorsk, not Pokrovsk, was hit.", title="Strike", date="2025-08-03",
                 url="https://www.example.org/b", source=None)
    a3 = Article("k2", "Aid reached Lviv.", title="Aid", date="2025-08-10",
                 url="https://kyivindependent.com/c", source="Kyiv Independent")
    return [ParsedArticle(a1, (_mention(a1, rs.POKROVSK, 0.9), _mention(a1, rs.KRAMATORSK, 0.3))),
            ParsedArticle(a2, (_mention(a2, rs.KRAMATORSK, 0.8), _mention(a2, rs.POKROVSK, 0.45))),
            ParsedArticle(a3, (_mention(a3, rs.LVIV, 0.95),))]


EVENTS = [
    ScoredEvent("sure", "Battles", "Armed clash", "2025-08-01", 1, 48.28, 37.18, 1, rs.POKROVSK,
                article_id="k1", confidence=0.9),
    ScoredEvent("unsure", "Explosions/Remote violence", "Shelling", "2025-08-03", 1, 48.72, 37.56,
                1, rs.KRAMATORSK, article_id="e1", confidence=0.3),
    # no confidence at all (imported data): counts as sure
    Event("plain", "Protests", "Peaceful protest", "2025-08-02", 1, 49.84, 24.03, 1, rs.LVIV,
          source="ACLED"),
]

STATE = """() => { const s = window.__geo, l = s.layers.places;
    return Object.fromEntries(l.places.map((p, i) => [p.n, l.group.hasLayer(l.markers[i])
                                                          ? l.counts[i] : 0])); }"""
VISIBLE_EVENTS = """() => { const l = window.__geo.layers.events;
    return l.markers().reduce((n, m) => n + m.geoEvents.length, 0); }"""


def page(browser):
    m = render_map(corpus(), title="Filters", extra_layers=[EventsLayer(EVENTS)],
                   region_shapes=rs.square)
    return open_map(browser, map_html(m), viewport=(1400, 900))


def set_confidence(mp, value: float) -> None:
    mp.js("""(v) => { const f = window.__geo.filters;
        f.confidence.value = Math.round(v * 20);
        f.confidence.dispatchEvent(new Event('input')); f.flush(); }""", value)


def set_outlet(mp, name: str, on: bool) -> None:
    mp.page.locator(".geo-filters-list label", has_text=name).locator("input").set_checked(on)
    mp.js("() => window.__geo.filters.flush()")


def counts(mp) -> dict[str, int]:
    return mp.js(STATE)


def test_confidence_filter_hides_mentions_and_events_below_it(browser):
    mp = page(browser)
    try:
        panel = mp.page.locator(".geo-filters")
        assert panel.count() == 1 and panel.is_visible()
        assert counts(mp) == {"Pokrovsk": 2, "Kramatorsk": 2, "Lviv": 1}
        assert mp.js(VISIBLE_EVENTS) == 3
        set_confidence(mp, 0.5)
        # Kramatorsk keeps its 0.8 mention, Pokrovsk its 0.9; the 0.3 event goes, the event
        # without a confidence stays
        assert counts(mp) == {"Pokrovsk": 1, "Kramatorsk": 1, "Lviv": 1}
        assert mp.js(VISIBLE_EVENTS) == 2
        assert "0.50" in panel.inner_text()
        set_confidence(mp, 0.85)
        assert counts(mp) == {"Pokrovsk": 1, "Kramatorsk": 0, "Lviv": 1}
        # the popup lists only the articles the filter keeps, and says how many it hid
        text = mp.js("""() => { const l = window.__geo.layers.places;
            const mk = l.markers[l.places.findIndex(p => p.n === 'Pokrovsk')];
            mk.openPopup(); return mk.getPopup().getElement().innerText; }""")
        assert "Shelling" in text and "Strike" not in text
        assert "1 article hidden by the filters" in text
        mp.js("() => window.__geo.map.closePopup()")
        # combined with the time window: the window up to 2025-08-03 drops Lviv (2025-08-10)
        mp.js("""() => { const s = window.__geo, t = s.timeline;
            t.from.value = 0; t.until.value = s.dates.indexOf('2025-08-03');
            t.until.dispatchEvent(new Event('input')); }""")
        assert counts(mp) == {"Pokrovsk": 1, "Kramatorsk": 0, "Lviv": 0}
        set_confidence(mp, 0.0)
        assert counts(mp) == {"Pokrovsk": 2, "Kramatorsk": 2, "Lviv": 0}
        assert mp.js(VISIBLE_EVENTS) == 3  # all three events fall inside the window
        assert not mp.page_errors and not mp.js("() => window.__geo.errors")
    finally:
        mp.close()


def test_source_filter_hides_an_outlets_mentions_and_events(browser):
    mp = page(browser)
    try:
        labels = mp.page.locator(".geo-filters-list label").all_inner_texts()
        # the named source and the host of the source-less article, most mentioned first
        assert [t.rsplit(" (", 1)[0] for t in labels] == ["Kyiv Independent", "example.org",
                                                           "ACLED"]
        assert labels[0].endswith("(4)")  # three mentions and one event
        set_outlet(mp, "example.org", False)
        assert counts(mp) == {"Pokrovsk": 1, "Kramatorsk": 1, "Lviv": 1}
        assert mp.js(VISIBLE_EVENTS) == 2
        set_outlet(mp, "Kyiv Independent", False)
        assert counts(mp) == {"Pokrovsk": 0, "Kramatorsk": 0, "Lviv": 0}
        assert mp.js(VISIBLE_EVENTS) == 1  # the ACLED event
        assert "2 sources off" in mp.page.locator(".geo-filters-head").inner_text()
        mp.page.locator(".geo-filters-all", has_text="all").click()
        mp.js("() => window.__geo.filters.flush()")
        assert counts(mp) == {"Pokrovsk": 2, "Kramatorsk": 2, "Lviv": 1}
        # both filters at once
        set_outlet(mp, "Kyiv Independent", False)
        set_confidence(mp, 0.5)
        assert counts(mp) == {"Pokrovsk": 0, "Kramatorsk": 1, "Lviv": 0}
        assert not mp.page_errors and not mp.js("() => window.__geo.errors")
    finally:
        mp.close()


def test_toggling_filters_and_overlays_repeatedly_raises_no_error(browser):
    mp = page(browser)
    try:
        for round_ in range(3):
            for v in (0.3, 0.9, 0.0, 0.55):
                set_confidence(mp, v)
            for name in ("example.org", "ACLED", "Kyiv Independent"):
                set_outlet(mp, name, False)
                set_outlet(mp, name, True)
            mp.page.locator(".geo-filters-head").click()  # collapse and open the panel
            assert mp.page.locator(".geo-filters-body").is_hidden()
            mp.page.locator(".geo-filters-head").click()
            for box in mp.page.locator(".leaflet-control-layers-overlays input").all():
                box.click()
                set_confidence(mp, 0.1 * round_)
                box.click()
            mp.js("""() => { const t = window.__geo.timeline;
                t.until.value = 1; t.until.dispatchEvent(new Event('input'));
                t.until.value = t.until.max; t.until.dispatchEvent(new Event('input')); }""")
        mp.page.wait_for_timeout(200)
        assert not mp.page_errors, mp.page_errors
        assert not mp.console_errors, mp.console_errors
        assert not mp.js("() => window.__geo.errors")
    finally:
        mp.close()
