"""Template syntax in every field, in Chromium: the page loads with no error and shows each
text exactly as written in the DOM (title, events, front line, regions, layer names), from
``render_map`` and from ``geo map`` on hostile files (issue 15)."""

from __future__ import annotations

from geo.render import map_html
from tests import render_samples as rs
from tests.browser.harness import open_map
from tests.render_samples import TEMPLATE_PAYLOADS, template_text
from tests.test_render_template_injection import MAP_TITLE, geo, hostile_map, write_inputs

#: every text the events popup (all events at one point, one list) shows, per field
_EVENT_DOM = """() => Array.from(document.querySelectorAll('.geo-ev-list > li')).map(li => ({
    sub: li.querySelector('.geo-ev-sub').textContent,
    text: li.querySelector('.geo-ev-text').textContent,
    rows: Array.from(li.querySelectorAll('.geo-ev-meta')).map(r => r.textContent),
    link: (li.querySelector('a') || {}).textContent || null}))"""

_OPEN_EVENTS = """() => {
    const s = window.__geo, l = s.layers.events;
    s.map.setView([48.2, 37.2], 9, {animate: false});
    l.draw();
    const mk = l.markers().find(m => m.geoEvents.length > 1 || l.markers().length === 1);
    mk.openPopup();
    return mk.geoEvents.length;
}"""

_FRONT_SOURCES = """() => {
    const s = window.__geo, t = s.timeline, box = document.querySelector('.geo-front-asof');
    const out = [];
    for (const sn of s.layers.frontline.snapshots) {  // the one time slider, to each snapshot
        t.from.value = 0; t.until.value = s.dates.indexOf(sn.date);
        t.until.dispatchEvent(new Event('input'));
        out.push(box.querySelector('div > span:last-child').textContent);
    }
    return out;
}"""

_REGION_TIPS = """() => {
    const out = [], r = window.__geo.layers.regions;
    window.__geo.map.addLayer(r.group);  // off by default under a front line
    window.__geo.layers.regions.geo.eachLayer(layer => {
        layer.openTooltip(layer.getBounds().getCenter());
        out.push(layer.getTooltip().getElement().textContent);
        layer.closeTooltip();
    });
    return out;
}"""


def test_every_field_in_the_dom_as_written(browser, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = map_html(hostile_map())
    mp = open_map(browser, page)
    try:
        assert mp.page.title() == MAP_TITLE
        assert mp.page.inner_text(".geo-title") == MAP_TITLE
        labels = mp.page.locator(".leaflet-control-layers-overlays label").all_text_contents()
        assert template_text("layer", TEMPLATE_PAYLOADS[0]) in [x.strip() for x in labels]
        section = mp.page.locator(".geo-legend-section", has_text=template_text(
            "layer", TEMPLATE_PAYLOADS[0]) + "occupied")
        assert section.is_visible()
        mp.page.locator(".leaflet-control-layers-overlays label", has_text=template_text(
            "layer", TEMPLATE_PAYLOADS[0])).first.locator("input").uncheck()
        assert not section.is_visible()  # its legend follows the hostile-named layer
        assert mp.js(_OPEN_EVENTS) == len(TEMPLATE_PAYLOADS)
        shown = mp.js(_EVENT_DOM)
        assert len(shown) == len(TEMPLATE_PAYLOADS)
        by_notes = {e["text"]: e for e in shown}
        for p in TEMPLATE_PAYLOADS:
            e = by_notes["\u201c" + template_text("notes", p) + "\u201d"]
            assert e["sub"] == template_text("sub", p)
            assert "Place: " + template_text("loc", p) + " (at the place)" in e["rows"]
            assert "Actors: " + template_text("actor", p) in e["rows"]
            assert e["link"] == template_text("title", p)
            assert any(r.startswith("Source: " + template_text("esrc", p) + " · ")
                       for r in e["rows"])
        assert mp.js(_FRONT_SOURCES) == [template_text("front", p) for p in TEMPLATE_PAYLOADS]
        tips = mp.js(_REGION_TIPS)
        assert sorted(tips) == sorted(template_text("region", p) + ": 1 mention"
                                      for p in TEMPLATE_PAYLOADS)
        mp.page.screenshot(path=str(tmp_path / "shot.png"))
        assert mp.js("() => window.__pwned") is None
        assert mp.dialogs == [] and mp.page_errors == [] and mp.console_errors == []
        assert not (tmp_path / "CANARY").exists()
    finally:
        mp.close()


def test_geo_map_of_hostile_files_loads_and_shows_text(browser, tmp_path, fixture_index):
    """``geo map --db --events --frontline --title`` on a store of hostile JSONL articles and
    ACLED rows, and a front-line file whose ``source`` is a shell-running template."""
    files = write_inputs(tmp_path)
    db = str(tmp_path / "s.db")
    # --no-events: the events under test are the imported ACLED rows (ingest would also store
    # the events its articles report, and the popup counts below are the rows')
    for args in (("events", "import", str(files["acled"]), "--db", db),
                 ("ingest", str(files["articles"]), "--no-events", "--db", db)):
        assert geo(*args, cwd=tmp_path, index=fixture_index).returncode == 0
    out = tmp_path / "m.html"
    proc = geo("map", "--db", db, "--events", "--frontline", str(files["front"]), "--title",
               MAP_TITLE, "-o", str(out), cwd=tmp_path, index=fixture_index)
    assert proc.returncode == 0, proc.stderr
    mp = open_map(browser, out.read_text(encoding="utf-8"))
    try:
        assert mp.page.inner_text(".geo-title") == MAP_TITLE
        assert mp.page.locator(".geo-front-asof div > span:last-child").text_content() == \
            template_text("front", TEMPLATE_PAYLOADS[1])
        assert mp.js(_OPEN_EVENTS) == len(TEMPLATE_PAYLOADS)
        notes = {"\u201c" + template_text("notes", p) + "\u201d" for p in TEMPLATE_PAYLOADS}
        shown = mp.js(_EVENT_DOM)
        assert len(shown) == 10 and all(e["text"] in notes for e in shown)  # the first ten
        assert mp.page.locator(".leaflet-popup-content").inner_text().strip() \
            .endswith(f"and {len(TEMPLATE_PAYLOADS) - 10} more")
        assert mp.js("() => window.__pwned") is None
        assert mp.dialogs == [] and mp.page_errors == [] and mp.console_errors == []
        assert not (tmp_path / "CANARY").exists()
    finally:
        mp.close()


def test_region_names_are_text_in_the_place_popup(browser, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    mp = open_map(browser, map_html(hostile_map()))
    try:
        p = TEMPLATE_PAYLOADS[1]
        mp.click_place(template_text("place", p))
        assert template_text("region", p) in mp.popup_text()
        assert rs.template_text("sentence", p) in mp.popup_text()
        assert mp.page_errors == []
    finally:
        mp.close()
