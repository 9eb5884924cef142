"""render_map / save_map without a browser: data shaping, filters, caps, assets, inlining."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from geo.errors import GeoError, InputError
from geo.render import MapData, map_html, render_map, save_map
from geo.render import assets as assets_mod
from geo.render.data import summarise
from geo.render.places import places_payload, snippet
from geo.render.regions import region_counts
from tests import render_samples as rs


def test_import_geo_render_is_cheap():
    code = ("import sys, geo, geo.render; "
            "print([m for m in ('folium','shapely','numpy','pandas') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_summary_counts_places_dates_and_regions():
    s = summarise(MapData.from_parsed(rs.seed_like()))
    assert s.dates == ("2025-08-01", "2025-08-05", "2025-08-10")
    by_name = {p.place.name: p for p in s.places}
    assert by_name["Pokrovsk"].count == 2 and by_name["Pokrovsk"].by_date == {0: 1, 1: 1}
    regions = region_counts(s)
    assert regions[("UA", "05")]["c"] == 4 and regions[("UA", "14")]["c"] == 1
    assert ("UA", "") not in regions  # the country has no admin-1


def test_filters_by_date_and_region():
    data = MapData.from_parsed(rs.seed_like())
    assert {a.id for a in data.filter(since="2025-08-02").articles} == {"a2", "a3"}
    assert {a.id for a in data.filter(until="2025-08-01").articles} == {"a1"}
    names = {m.place.name for m in data.filter(region="donetsk oblast").mentions}
    assert names == {"Pokrovsk", "Kramatorsk", "Donetsk Oblast"}
    assert {m.place.name for m in data.filter(region="FR").mentions} == {"Toulon"}


def test_popup_article_list_is_capped_newest_first():
    data = MapData.from_parsed(rs.synthetic(2000, 5, per_article=5))
    payload = places_payload(summarise(data), color_by="precision",
                             keys=["settlement"], max_articles=20)
    top = payload["places"][0]
    assert len(top["m"]) == 20 and top["more"] == top["na"] - 20 > 0
    dates = [payload["articles"][e[0]][0] for e in top["m"]]
    assert dates == sorted(dates, reverse=True)


def test_snippet_highlights_and_trims():
    assert snippet("Troops near  Pokrovsk today.", "Pokrovsk") == ["Troops near ", "Pokrovsk",
                                                                   " today."]
    before, found, after = snippet("x" * 500 + " Lviv " + "y" * 500, "Lviv", window=50)
    assert found == "Lviv" and before.startswith("…") and after.endswith("…")
    assert len(before) <= 51 and len(after) <= 51
    assert snippet("no toponym here", "Kyiv")[1] == ""


def test_hostile_text_only_reaches_the_page_json_encoded():
    page = map_html(render_map(rs.hostile(), title=rs.EVIL_TITLE, region_shapes=rs.square))
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    assert not any("__pwned" in s for s in scripts[:1])
    # every payload appears only in JSON strings: no raw tag, no unescaped quote-breaking
    assert "<script>window.__pwned" not in page
    assert "<img src=x" not in page
    assert "javascript:window.__pwned=5" not in page  # the bad URL is dropped entirely
    assert "</script><script>window" not in page


def test_layers_switch_off_and_unknown_layer_is_an_error():
    page = map_html(render_map(rs.seed_like(), layers={"heatmap": False, "measure": False}))
    assert "L.heatLayer" not in page and "L.Control.Measure" not in page
    assert "L.CircleMarker" in page  # the places layer stays
    with pytest.raises(InputError):
        render_map(rs.seed_like(), layers={"volcanoes": True})


def test_only_pinned_assets_are_referenced():
    page = map_html(render_map(rs.seed_like(), region_shapes=rs.square))
    urls = set(re.findall(r'<script src="(https://[^"]+)"', page))
    urls |= set(re.findall(r'<link rel="stylesheet" href="(https://[^"]+)"', page))
    pinned = {a.url for a in assets_mod.PINNED}
    assert urls <= pinned, urls - pinned
    assert assets_mod.LEAFLET_JS.url in urls and assets_mod.HEAT_JS.url in urls


def test_empty_input_renders_a_world_map(tmp_path):
    out = save_map(render_map([]), tmp_path / "empty.html")
    assert "L.map(" in out.read_text()


def test_self_contained_needs_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_HOME", str(tmp_path / "home"))
    with pytest.raises(GeoError, match="geo assets fetch"):
        save_map(render_map(rs.seed_like()), tmp_path / "m.html", self_contained=True)


def test_inline_embeds_scripts_styles_and_images(tmp_path, monkeypatch):
    """Inlining from a hand-made cache (the real files are only fetched by `geo assets fetch`)."""
    monkeypatch.setenv("GEO_HOME", str(tmp_path))
    root = tmp_path / "assets" / "leaflet@1.9.3" / "dist"
    (root / "images").mkdir(parents=True)
    (root / "leaflet.js").write_text("var L = {}; var s = '</script>';")
    (root / "leaflet.css").write_text(".a { background: url(images/layers.png); }")
    (root / "images" / "layers.png").write_bytes(b"\x89PNG")
    page = (f'<head><script src="{assets_mod.LEAFLET_JS.url}"></script>'
            f'<link rel="stylesheet" href="{assets_mod.LEAFLET_CSS.url}"/></head>')
    out = assets_mod.inline(page)
    assert "<script>var L = {}; var s = '<\\/script>';</script>" in out
    assert 'url("data:image/png;base64,iVBORw==")' in out
    assert "cdn.jsdelivr" not in out
    with pytest.raises(GeoError, match="not pinned"):
        assets_mod.inline('<script src="https://unpkg.com/x.js"></script>')


def test_asset_urls_map_into_the_cache_only():
    assert assets_mod.local_path("https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js")
    assert assets_mod.local_path("https://cdn.jsdelivr.net/npm/leaflet@1.9.3/../../etc/x") is None
    assert assets_mod.local_path("https://cdn.jsdelivr.net/npm/leaflet@9.9.9/dist/x.js") is None
    rows = assets_mod.manifest()
    assert all(len(r["sha256"]) == 64 and r["npm"] in r["url"] for r in rows)
    assert json.dumps(rows)
