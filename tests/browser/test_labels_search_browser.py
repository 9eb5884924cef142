"""Place labels from zoom 8 in the news' spelling, and search by any name, exact first."""

from __future__ import annotations

from geo.model import Article, ParsedArticle, Place
from geo.render import map_html, render_map
from tests import render_samples as rs
from tests.browser.harness import open_map

KUPYANSK = Place(704617, "Kupyansk", "city", "UA", "07", "Kharkiv Oblast", 49.711, 37.615, 30000)
VUZLOVYI = Place(704614, "Kupiansk-Vuzlovyi", "city", "UA", "07", "Kharkiv Oblast", 49.656,
                 37.681, 8000)
NAMES = {KUPYANSK.id: ("Kupyansk", "Kupiansk", "Kupetskyi", "Купецький", "Купянськ", "Купянск"),
         VUZLOVYI.id: ("Kupiansk-Vuzlovyi", "Kupyansk-Vuzlovoy", "Куп'янськ-Вузловий")}


def names(place: Place) -> tuple[str, ...]:
    return NAMES.get(place.id, (place.name,))


def parsed() -> list[ParsedArticle]:
    out = []
    for i in range(3):  # the junction is mentioned more: a prefix match would pick it
        a = Article(f"v{i}", "Shelling hit Kupiansk-Vuzlovyi.", date="2025-08-0" + str(i + 1))
        out.append(ParsedArticle(a, (rs.mention(a, VUZLOVYI, "Kupiansk-Vuzlovyi"),)))
    a = Article("k", "Fighting near Kupiansk.", date="2025-08-04")
    out.append(ParsedArticle(a, (rs.mention(a, KUPYANSK, "Kupiansk"),)))
    return out


def test_labels_from_zoom_8_in_the_news_spelling_and_search_by_any_name(browser):
    mp = open_map(browser, map_html(render_map(parsed(), place_names=names)), viewport=(1400, 900))
    try:
        labels = "() => window.__geo.layers.places.labels().sort()"
        mp.js("() => { window.__geo.map.setView([49.68, 37.65], 7, {animate: false}); }")
        mp.page.wait_for_timeout(100)
        assert mp.js(labels) == []
        mp.js("() => { window.__geo.map.setView([49.68, 37.65], 8, {animate: false}); }")
        mp.page.wait_for_timeout(100)
        assert mp.js(labels) == ["Kupiansk", "Kupiansk-Vuzlovyi"]
        assert sorted(mp.page.locator(".geo-place-label").all_inner_texts()) == \
            ["Kupiansk", "Kupiansk-Vuzlovyi"]
        mp.page.screenshot(path="maps/out/browser_labels.png")

        box = mp.page.locator(".geo-search input")
        for query, expected in (("Kupiansk", "Kupiansk"), ("kupyansk", "Kupiansk"),
                                ("Купянськ", "Kupiansk"), ("Kupyansk-Vuz", "Kupiansk-Vuzlovyi"),
                                ("Kupi", "Kupiansk-Vuzlovyi")):
            mp.js("() => window.__geo.map.closePopup()")
            box.fill(query)
            box.press("Enter")
            mp.page.wait_for_function(
                """(want) => { const n = document.querySelectorAll(
                    '.leaflet-popup-content .geo-popup-name');
                    return n.length === 1 && n[0].textContent === want; }""",
                arg=expected, timeout=5000)
        assert mp.page_errors == [] and mp.console_errors == []
    finally:
        mp.close()
