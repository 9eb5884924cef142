"""The offline base map in headless Chromium: drawn from the gazetteer's Natural Earth polygons
with every request blocked, named by zoom, and taking over when the tile servers fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.gazetteer.index import Gazetteer
from geo.render import map_html, render_map, save_map
from geo.render.basemap import NAME, gazetteer_shapes
from tests import render_samples as rs
from tests.browser.harness import open_map

SHOTS = Path(__file__).resolve().parents[2] / "maps" / "out"
SHOWN = """() => { const b = window.__geo.layers.basemap;
    return {on: window.__geo.map.hasLayer(b.group), land: b.land.getLayers().length,
            admin: b.admin.getLayers().length, labels: b.shownLabels(),
            offline: window.__geo.map.getContainer().classList.contains('geo-offline'),
            fellBack: !!window.__geo.baseFellBack}; }"""


@pytest.fixture(scope="module")
def shapes(fixture_index):
    g = Gazetteer.open(fixture_index)
    yield gazetteer_shapes(g)
    g.close()


def donbas_only():
    """The seed articles' mentions in Donetsk oblast only: a frame small enough for admin-1."""
    return [p for p in rs.seed_like() if p.article.id in ("a1", "a2")]


def test_offline_base_with_all_network_blocked(browser, shapes, tmp_path):
    m = render_map(donbas_only(), title="Offline", base_shapes=shapes, self_contained=True)
    html = save_map(m, tmp_path / "off.html", self_contained=True).read_text(encoding="utf-8")
    mp = open_map(browser, html, offline=True, viewport=(1400, 900))
    try:
        bases = [b.strip() for b in
                 mp.page.locator(".leaflet-control-layers-base label").all_inner_texts()]
        assert bases == ["Light", "Street map", NAME]
        assert mp.page.locator(".leaflet-control-layers-base input").nth(2).is_checked()
        assert mp.blocked == []  # no tile layer shown: nothing even tried the network
        mp.js("() => { window.__geo.map.setView([48.3, 37.3], 5, {animate: false}); }")
        mp.page.wait_for_timeout(200)
        got = mp.js(SHOWN)
        # Ukraine and Donetsk oblast; France lies outside the box around the frame
        assert got["on"] and got["offline"] and got["land"] == 1 and got["admin"] == 1
        assert "Ukraine" in got["labels"] and "Donetsk Oblast" not in got["labels"]  # from 7
        mp.js("() => { window.__geo.map.setView([48.3, 37.3], 7, {animate: false}); }")
        mp.page.wait_for_timeout(200)
        got = mp.js(SHOWN)
        assert "Donetsk Oblast" in got["labels"]
        SHOTS.mkdir(parents=True, exist_ok=True)
        mp.page.screenshot(path=str(SHOTS / "browser_offline_base.png"))
        # the sea shows between the land polygons: the land canvas is drawn in its own pane
        assert mp.js("""() => getComputedStyle(window.__geo.map.getContainer())
            .backgroundColor""") == "rgb(212, 227, 238)"
        # switching to tiles and back: the sea colour and the names follow the base layer
        mp.page.locator(".leaflet-control-layers-base input").nth(0).click()
        mp.page.wait_for_timeout(100)
        got = mp.js(SHOWN)
        assert not got["on"] and not got["offline"] and got["labels"] == []
        mp.page.locator(".leaflet-control-layers-base input").nth(2).click()
        mp.page.wait_for_timeout(100)
        assert mp.js(SHOWN)["on"]
        # only the tiles tried while "Light" was on failed (there is no network)
        assert mp.page_errors == []
        assert all(e.startswith("Failed to load resource") for e in mp.console_errors)
    finally:
        mp.close()


def test_offline_base_takes_over_when_tiles_fail(browser, shapes):
    page = map_html(render_map(rs.seed_like(), base_shapes=shapes))
    mp = open_map(browser, page, tiles=False)
    try:
        mp.page.wait_for_function("() => window.__geo.baseFellBack === true", timeout=8000)
        got = mp.js(SHOWN)
        assert got["on"] and got["offline"] and got["fellBack"]
        assert mp.page.locator(".leaflet-control-layers-base input").nth(2).is_checked()
        assert any("cartocdn" in u for u in mp.blocked)
        assert mp.page_errors == []
    finally:
        mp.close()


def test_tiles_stay_when_they_load(browser, shapes):
    page = map_html(render_map(rs.seed_like(), base_shapes=shapes))
    mp = open_map(browser, page)
    try:
        mp.page.wait_for_timeout(800)
        got = mp.js(SHOWN)
        assert not got["on"] and not got["fellBack"] and not got["offline"]
    finally:
        mp.close()
