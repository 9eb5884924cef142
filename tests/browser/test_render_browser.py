"""The map in a real headless Chromium: layers, popups, toggles, slider, search, safety, offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.render import map_html, render_map
from geo.render.regions import COLORS
from tests import render_samples as rs
from tests.browser.harness import open_map

SHOTS = Path(__file__).resolve().parents[2] / "maps" / "out"


@pytest.fixture
def seed_page(browser):
    page = map_html(render_map(rs.seed_like(), title="Seed test", region_shapes=rs.square))
    mp = open_map(browser, page)
    yield mp
    mp.close()


def test_layers_markers_popup_and_no_errors(seed_page):
    mp = seed_page
    assert mp.js("() => window.__geo.layers.places.markers.length") == 6
    assert mp.js("() => window.__geo.map.hasLayer(window.__geo.layers.places.group)")
    overlays = mp.page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    assert [o.strip() for o in overlays] == ["Regions (admin-1)", "Mention heatmap", "Places"]
    bases = mp.page.locator(".leaflet-control-layers-base label").all_inner_texts()
    assert [b.strip() for b in bases] == ["Light", "Street map"]
    for control in (".leaflet-control-scale", ".leaflet-control-zoom-fullscreen",
                    ".leaflet-control-measure", ".geo-search input", ".geo-timeline",
                    ".geo-legend", ".geo-title"):
        assert mp.page.locator(control).count() == 1, control
    attribution = mp.page.inner_text(".leaflet-control-attribution")
    for credit in ("GeoNames (CC BY 4.0)", "Natural Earth", "OpenStreetMap", "CARTO"):
        assert credit in attribution

    mp.click_place("Pokrovsk")
    text = mp.popup_text()
    assert "Pokrovsk" in text and "Donetsk Oblast, UA" in text and "48.2820, 37.1760" in text
    assert "2 mentions in 2 articles" in text
    assert text.index("2025-08-05") < text.index("2025-08-01")  # newest first
    assert mp.page.locator(".leaflet-popup-content mark").first.inner_text() == "Pokrovsk"
    hrefs = mp.page.eval_on_selector_all(".leaflet-popup-content a", "as => as.map(a => a.href)")
    assert hrefs == ["https://news.example/a2", "https://news.example/a1"]
    mp.page.wait_for_timeout(300)  # popup fade-in
    SHOTS.mkdir(parents=True, exist_ok=True)
    mp.page.screenshot(path=str(SHOTS / "browser_seed.png"))
    assert mp.console_errors == [] and mp.page_errors == [] and mp.blocked == []


def test_choropleth_darker_where_more_mentions(seed_page):
    fills = seed_page.js("""() => Object.fromEntries(window.__geo.layers.regions.geo.getLayers()
        .map(l => [l.feature.properties.name, [l.feature.properties.c, l.options.fillColor]]))""")
    assert fills["Donetsk Oblast"] == [4, COLORS[-1]]  # darkest class
    assert fills["Lviv Oblast"][0] == 1
    assert COLORS.index(fills["Lviv Oblast"][1]) < len(COLORS) - 1


def test_toggle_layers_and_legend(seed_page):
    mp = seed_page
    regions = mp.page.locator(".leaflet-control-layers-overlays label", has_text="Regions")
    heat = mp.page.locator(".leaflet-control-layers-overlays label", has_text="heatmap")
    legend = mp.page.locator(".geo-legend-section", has_text="Regions")
    assert legend.is_visible()
    regions.locator("input").click()
    assert not mp.js("() => window.__geo.map.hasLayer(window.__geo.layers.regions.group)")
    assert not legend.is_visible()
    heat.locator("input").click()
    assert mp.js("() => window.__geo.map.hasLayer(window.__geo.layers.heatmap.group)")
    assert mp.page.locator("canvas.leaflet-heatmap-layer").count() == 1
    regions.locator("input").click()
    assert mp.js("() => window.__geo.map.hasLayer(window.__geo.layers.regions.group)")
    mp.click_place("Kramatorsk")  # places still clickable above regions and heatmap
    assert "Kramatorsk" in mp.popup_text()
    assert mp.console_errors == [] and mp.page_errors == []


def test_date_slider_filters_places_heatmap_and_regions(seed_page):
    mp = seed_page
    on_map = "() => window.__geo.layers.places.markers.filter(m => m._map).length"
    assert mp.js(on_map) == 6
    mp.page.locator(".geo-timeline input[name=from]").fill("2")
    assert mp.page.inner_text(".geo-timeline-label") == "2025-08-10 – 2025-08-10"
    assert mp.js(on_map) == 3  # Toulon, Ukraine, Lviv
    assert mp.js("() => window.__geo.layers.heatmap.points()") == 3
    counts = mp.js("""() => Object.fromEntries(window.__geo.layers.regions.features
        .map(f => [f.properties.name, f.properties.c]))""")
    assert counts["Donetsk Oblast"] == 0 and counts["Lviv Oblast"] == 1
    mp.page.locator(".geo-timeline input[name=from]").fill("0")
    assert mp.js(on_map) == 6
    assert mp.page_errors == []


def test_search_opens_the_place(seed_page):
    mp = seed_page
    box = mp.page.locator(".geo-search input")
    box.fill("kramatorsk")
    box.press("Enter")
    mp.page.wait_for_selector(".leaflet-popup-content .geo-popup")
    assert mp.popup_text().startswith("Kramatorsk")


def test_measure_and_fullscreen_do_not_error(seed_page):
    mp = seed_page
    mp.page.locator(".leaflet-control-measure").hover()
    mp.page.locator(".leaflet-control-measure .js-start").click()
    mp.page.mouse.click(600, 400)
    mp.page.mouse.click(700, 450)
    assert mp.page_errors == [] and mp.console_errors == []


def test_hostile_article_runs_nothing_and_shows_literal_text(browser, tmp_path, monkeypatch):
    """Script payloads (``rs.PAYLOADS``) and template payloads (``rs.TEMPLATE_PAYLOADS``, in
    every field of ``rs.template_hostile``) run nothing and show as written."""
    monkeypatch.chdir(tmp_path)  # the template payload's `touch CANARY` would land here
    title = rs.EVIL_TITLE + " " + " ".join(rs.TEMPLATE_PAYLOADS)
    page = map_html(render_map(rs.hostile() + rs.template_hostile(), title=title,
                               region_shapes=rs.square))
    assert not (tmp_path / "CANARY").exists()
    mp = open_map(browser, page)
    try:
        assert mp.js("() => window.__pwned") is None
        assert mp.page.title() == title
        assert mp.page.inner_text(".geo-title") == title
        mp.click_place("Pokrovsk")
        text = mp.popup_text()
        assert "<script>window.__pwned=1</script>" in text
        assert "${window.__pwned=3}" in text and "`" in text and "\\1" in text
        popup = mp.page.locator(".leaflet-popup-content")
        assert popup.locator("a").count() == 0  # javascript: URL is not a link
        assert popup.locator("script, img").count() == 0
        assert "<b>src</b>${window.__pwned=6}`" in text
        mp.click_place('Evil<img src=x onerror="window.__pwned=7">`${1}')
        assert 'Evil<img src=x onerror="window.__pwned=7">`${1}' in mp.popup_text()
        assert "Donetsk ${window.__pwned=8} Oblast" in mp.popup_text()
        assert mp.js("() => window.__geo.layers.places.markers.length") == \
            3 + len(rs.TEMPLATE_PAYLOADS)  # map still works
        for p in rs.TEMPLATE_PAYLOADS:
            t = rs.template_text
            mp.click_place(t("place", p))
            head = mp.page.locator(".leaflet-popup-content .geo-popup-head").first
            assert head.locator("a").inner_text() == t("title", p)
            assert head.locator(".geo-popup-source").text_content() == " — " + t("src", p)
            assert mp.page.locator(".leaflet-popup-content .geo-popup-sentence") \
                .first.text_content() == t("sentence", p)
            meta = mp.page.locator(".leaflet-popup-content .geo-popup-meta").first
            assert meta.text_content() == f"city · {t('region', p)}, UA"
            assert mp.page.locator(".leaflet-popup-content .geo-popup-date").first \
                .text_content() == "undated"  # a date that is template syntax is no date
        mp.page.wait_for_timeout(300)
        mp.page.screenshot(path=str(SHOTS / "browser_hostile.png"))
        assert mp.js("() => window.__pwned") is None
        assert mp.dialogs == [] and mp.page_errors == [] and mp.console_errors == []
        assert not (tmp_path / "CANARY").exists()
    finally:
        mp.close()


def test_self_contained_map_works_with_all_network_blocked(browser, tmp_path):
    from geo.render import save_map

    out = save_map(render_map(rs.seed_like(), region_shapes=rs.square), tmp_path / "sc.html",
                   self_contained=True)
    html = out.read_text()
    assert "<script src=" not in html and 'rel="stylesheet"' not in html
    mp = open_map(browser, html, offline=True)
    try:
        assert mp.js("() => window.__geo.layers.places.markers.length") == 6
        assert all(("openstreetmap" in u or "cartocdn" in u) for u in mp.blocked), mp.blocked
        assert mp.page_errors == []
        # styles and their images are inlined: leaflet.css positions the panes
        assert mp.js("() => getComputedStyle(document.querySelector('.leaflet-pane')).position")\
            == "absolute"
        mp.click_place("Lviv")
        assert "Lviv" in mp.popup_text()
    finally:
        mp.close()


def test_a_long_title_leaves_the_layer_control_clear(browser):
    """At 1280x800 a title of any length stays clear of the layer control and the search box;
    cut with an ellipsis, the whole title is its tooltip."""
    title = "Front line near Pokrovsk and Kramatorsk, August to October 2025: " * 4
    mp = open_map(browser, map_html(render_map(rs.seed_like(), title=title)))
    try:
        boxes = mp.js("""() => ['.geo-title', '.leaflet-control-layers', '.geo-search']
            .map(sel => { const r = document.querySelector(sel).getBoundingClientRect();
                          return [r.left, r.top, r.right, r.bottom]; })""")
        (tl, tt, tr, tb), *others = boxes
        for left, top, right, bottom in others:
            assert tr <= left or tl >= right or tb <= top or tt >= bottom, (boxes, title)
        assert mp.page.get_attribute(".geo-title", "title") == title
        assert mp.page_errors == []
    finally:
        mp.close()
