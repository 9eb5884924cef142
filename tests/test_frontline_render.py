"""The front-line map layer: its data, its escaping, and the page in a real browser."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import shapely

from geo.errors import InputError
from geo.frontline.model import Snapshot
from geo.render.base import Layer
from geo.render.escape import json_for_script
from geo.render.frontline import FrontlineLayer, frontline_payload

HOSTILE = "</script><img src=x onerror=alert(1)> `${alert(2)}` \\ &amp;"


def snaps(source: str = "test source") -> list[Snapshot]:
    def s(day: str, x1: float) -> Snapshot:
        return Snapshot(date=dt.date.fromisoformat(day), occupied=shapely.box(36, 47, x1, 48),
                        grey_zone=None, source=source, path=day)

    return [s("2024-06-01", 37.5), s("2024-01-01", 37.0), s("2025-01-01", 37.25)]


def render(layer: FrontlineLayer) -> str:
    import folium

    m = folium.Map(location=[47.5, 37], zoom_start=7, tiles=None)
    layer.add_to(m)
    folium.LayerControl().add_to(m)
    return m.get_root().render()


def test_payload_gains_and_losses_since_the_first_date() -> None:
    # unclipped: the boxes reach the Sea of Azov, and this test is about the arithmetic
    data = frontline_payload(snaps(), country=None)
    assert [s["date"] for s in data["snapshots"]] == ["2024-01-01", "2024-06-01", "2025-01-01"]
    assert data["current"] == 2 and data["since"] == "2024-01-01"
    first, mid, last = data["snapshots"]
    assert first["gained"] is None and first["lost"] is None
    assert mid["gained_km2"] == pytest.approx(first["km2"] / 2, rel=2e-3)
    assert mid["lost_km2"] == 0 and mid["lost"] is None
    assert last["gained_km2"] == pytest.approx(first["km2"] / 4, rel=2e-3)
    assert last["gained"]["type"] == "Polygon"


def test_payload_picks_dates_on_or_before() -> None:
    data = frontline_payload(snaps(), date=dt.date(2024, 12, 31), since=dt.date(2024, 6, 1))
    assert data["current"] == 1 and data["since"] == "2024-06-01"
    assert data["snapshots"][0]["lost_km2"] > 0  # 2024-01-01 vs 2024-06-01
    with pytest.raises(InputError, match="no snapshot on or before"):
        frontline_payload(snaps(), date=dt.date(2020, 1, 1))
    with pytest.raises(InputError):
        FrontlineLayer([])


def test_layer_follows_the_protocol_and_escapes_hostile_sources() -> None:
    layer = FrontlineLayer(snaps(HOSTILE), name="Front <line>")
    assert isinstance(layer, Layer)
    page = render(layer)
    assert "<img src=x" not in page
    assert page.count("</script>") == page.count("<script")
    # the source reaches the page only as a JSON string in plain JS (no template literal)
    assert json_for_script(HOSTILE) in page
    assert "`" not in page.replace(json_for_script(HOSTILE), "")
    assert layer.legend[0].label.startswith("occupied by Russian forces")
    # Leaflet's layer control renders names as HTML: they arrive escaped
    assert '"Front \\u0026lt;line\\u0026gt;"' in page


@pytest.mark.browser
def test_page_in_chromium(tmp_path, browser) -> None:
    from geo.render import assets

    js, css = assets.local_path(assets.LEAFLET_JS.url), assets.local_path(assets.LEAFLET_CSS.url)
    if not (js and js.is_file() and css and css.is_file()):
        pytest.fail("Leaflet is not in the asset cache (geo assets fetch)")
    page_html = render(FrontlineLayer(snaps(HOSTILE)))
    page_html = re.sub(r'<script src="[^"]+"></script>', "", page_html)
    page_html = re.sub(r'<link rel="stylesheet" href="[^"]+"\s*/?>', "", page_html)
    page_html = page_html.replace(
        "<head>", f"<head><style>{css.read_text()}</style><script>{js.read_text()}</script>", 1)
    path = tmp_path / "front.html"
    path.write_text(page_html, encoding="utf-8")
    pg = browser.new_page()
    try:
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.on("dialog", lambda d: (errors.append("dialog " + d.message), d.dismiss()))
        pg.goto(path.as_uri())
        pg.wait_for_selector(".geo-front-asof")
        text = pg.inner_text(".geo-front-asof")
        assert "as of 2025-01-01" in text and HOSTILE.split()[0] in text
        fills = pg.evaluate("[...document.querySelectorAll('path.leaflet-interactive')]"
                            ".map(p => p.getAttribute('fill'))")
        assert fills == ["#b2182b", "url(#geo-front-gain)"]
        assert pg.evaluate("!!document.getElementById('geo-front-gain')")
        pg.evaluate("var i = document.querySelector('.geo-front-asof input'); i.value = 1;"
                    "i.dispatchEvent(new Event('input'))")
        assert "as of 2024-06-01" in pg.inner_text(".geo-front-asof")
        pg.hover("path[fill='#b2182b']")
        assert "km²" in pg.inner_text(".leaflet-tooltip")
        assert errors == []
    finally:
        pg.close()


def test_map_draws_only_ground_inside_the_country_as_stats_measures_it() -> None:
    """DeepState's 2022-2024 files also call far-away areas occupied (the Kurils, Petsamo): the
    map clips them to the border as ``geo frontline stats`` does, instead of drawing them red."""
    inside = shapely.box(37.0, 47.5, 37.5, 48.0)  # Donetsk Oblast
    kurils = shapely.box(147.0, 44.5, 148.0, 45.5)
    snap = Snapshot(date=dt.date(2023, 6, 15), occupied=shapely.union(inside, kurils),
                    grey_zone=None, source="era test", path="a")
    clipped = frontline_payload([snap])["snapshots"][0]
    raw = frontline_payload([snap], country=None)["snapshots"][0]
    assert shapely.geometry.shape(clipped["occupied"]).bounds[2] < 40
    assert shapely.geometry.shape(raw["occupied"]).bounds[2] > 147
    assert 2000 < clipped["km2"] < 2500  # 0.5° x 0.5° at 47.75° N: about 2,070 km²
