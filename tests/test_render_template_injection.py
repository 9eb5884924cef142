"""No text that passes through geo is ever run as a template (issue 15).

Every text field a map renders carries Jinja2 syntax of every kind (``rs.TEMPLATE_PAYLOADS``):
nothing may execute (the ``touch CANARY`` payload leaves no file), nothing may be evaluated or
swallowed (each field's text is in the page exactly, as escaped JSON), and the page keeps its
script structure. The same through ``geo map`` as a user runs it: JSONL articles, ``--title``, a
recipe's title, ACLED rows mapped with ``--db --events`` and a front-line file's ``source``.
The browser half (text in the DOM, no page error) is in ``tests/browser``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import shapely

from geo.frontline.model import Snapshot
from geo.model import Event
from geo.render import map_html, render_map
from geo.render.escape import json_for_script
from geo.render.events import EventsLayer
from geo.render.frontline import FrontlineLayer
from tests import render_samples as rs
from tests.render_samples import TEMPLATE_PAYLOADS, template_text

ROOT = Path(__file__).resolve().parents[1]
MAP_TITLE = "Map " + " ".join(TEMPLATE_PAYLOADS)


def in_page(text: str, page: str) -> bool:
    """Whether ``text`` is in the page exactly, as the JSON string the scripts read."""
    return json_for_script(text)[1:-1] in page


def hostile_events() -> list[Event]:
    """One event per payload, all at one point (one popup lists them all): sub-type, place,
    actors, unit, notes and source carry it; each links to the hostile article of its payload."""
    return [Event(f"ev{i}", "Battles", template_text("sub", p), "2025-08-01", 1,
                  48.2, 37.2, 1, None, actors=(template_text("actor", p),),
                  quantity=3, quantity_unit=template_text("unit", p), fatalities=1,
                  text=template_text("notes", p), article_id=f"t{i}",
                  source=template_text("esrc", p), location=template_text("loc", p))
            for i, p in enumerate(TEMPLATE_PAYLOADS)]


def hostile_front() -> list[Snapshot]:
    """One front-line snapshot per payload, its ``source`` carrying it."""
    start = dt.date(2025, 1, 1)
    return [Snapshot(date=start + dt.timedelta(days=i),
                     occupied=shapely.box(37.6, 47.6, 38.0 + i * 0.02, 48.6), grey_zone=None,
                     source=template_text("front", p), path=str(i))
            for i, p in enumerate(TEMPLATE_PAYLOADS)]


def hostile_map(**kw):
    """The map of every hostile field: articles, places, regions, events, front line, title."""
    return render_map(rs.template_hostile(), title=MAP_TITLE, region_shapes=rs.template_region,
                      extra_layers=[EventsLayer(hostile_events(), max_list=100),
                                    FrontlineLayer(hostile_front(), name=template_text(
                                        "layer", TEMPLATE_PAYLOADS[0]))], **kw)


def expected_texts() -> list[str]:
    """Every field's text as the page must carry it."""
    out = [MAP_TITLE]
    for p in TEMPLATE_PAYLOADS:
        out += [template_text(f, p) for f in ("title", "src", "sentence", "place", "region",
                                              "sub", "actor", "notes", "esrc", "loc", "front")]
        if len(template_text("unit", p)) <= 40:  # longer units are cut by design
            out.append(template_text("unit", p))
        out.append("https://news.example/t?q=" + p.replace(" ", "+"))
    return out


def test_render_map_runs_and_evaluates_nothing(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    page = map_html(hostile_map())
    assert not (tmp_path / "CANARY").exists()
    missing = [t for t in expected_texts() if not in_page(t, page)]
    assert missing == []
    # "4949" also occurs by chance inside folium's random hex element names
    assert "title:49" not in page and not re.search(r"(?<![0-9a-f])4949(?![0-9a-f])", page)
    assert page.count("</script>") == page.count("<script")
    assert "window.__pwned=9</script>" not in page


def test_a_stray_delimiter_is_no_syntax_error(tmp_path, monkeypatch) -> None:
    """Harmless text used to break maps: "{% if x %}" raised TemplateSyntaxError, a "{#" ... "#}"
    pair deleted the data between them."""
    monkeypatch.chdir(tmp_path)
    for title in ("Code sample {% if x %}", "a {# b", "c #} d", "{{", "{% endraw %}"):
        page = map_html(render_map(rs.seed_like(), title=title))
        assert in_page(title, page)


def test_layer_names_cannot_reach_a_plain_folium_layer_control(tmp_path, monkeypatch) -> None:
    """A front-line layer drawn on the caller's own ``folium.Map`` with folium's own (compiling)
    ``LayerControl``: its name still carries no template delimiter."""
    import folium

    monkeypatch.chdir(tmp_path)
    name = TEMPLATE_PAYLOADS[1]
    m = folium.Map(location=[47.5, 37], zoom_start=7, tiles=None)
    FrontlineLayer(hostile_front()[:2], name=name).add_to(m)
    folium.LayerControl().add_to(m)
    page = m.get_root().render()
    assert not (tmp_path / "CANARY").exists()
    # the layer control's names: HTML-escaped, braces as character references
    assert '"\\u0026#123;\\u0026#123; cycler.__init__.__globals__.os.popen(' in page


# --- the command line, as a user runs it -----------------------------------------------------


def geo(*args: str, cwd: Path, index: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GEO_INDEX_DIR": str(index), "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd, env=env)
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    return proc


def write_inputs(d: Path) -> dict[str, Path]:
    """A JSONL of hostile articles, an ACLED CSV of hostile rows, a hostile front-line file."""
    import csv

    arts = d / "a.jsonl"
    arts.write_text("".join(json.dumps({
        "id": f"a{i}", "text": f"Shelling near Pokrovsk. {template_text('text', p)}",
        "title": template_text("title", p), "source": template_text("src", p),
        "url": "https://news.example/a?q=" + p.replace(" ", "+"),
        "date": template_text("date", p)}) + "\n" for i, p in enumerate(TEMPLATE_PAYLOADS)),
        encoding="utf-8")
    acled = d / "acled.csv"
    cols = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
            "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "admin2",
            "admin3", "location", "latitude", "longitude", "geo_precision", "source", "notes",
            "fatalities"]
    with acled.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(cols)
        for i, p in enumerate(TEMPLATE_PAYLOADS):
            w.writerow([f"UKR{i}", "2024-07-08", "2024", "1", "Political violence", "Battles",
                        "Armed clash", template_text("actor", p), "", "Ukraine", "Donetsk", "",
                        "", template_text("loc", p), "48.28", "37.17", "1",
                        template_text("esrc", p), template_text("notes", p), "2"])
    page = d / "page.html"
    page.write_text("<html><head><title>" + html.escape(template_text("html", TEMPLATE_PAYLOADS[1]))
                    + "</title></head><body><p>Shelling near Pokrovsk continued.</p></body></html>",
                    encoding="utf-8")
    front = d / "front_2024-07-01.geojson"
    box = shapely.geometry.mapping(shapely.box(37.0, 47.5, 37.5, 48.5))
    front.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": box,
         "properties": {"source": template_text("front", TEMPLATE_PAYLOADS[1]),
                        "name": TEMPLATE_PAYLOADS[0]}}]}), encoding="utf-8")
    return {"articles": arts, "acled": acled, "front": front, "html": page}


def test_geo_map_on_hostile_files_runs_nothing(tmp_path, fixture_index) -> None:
    index = fixture_index
    files = write_inputs(tmp_path)
    out = tmp_path / "m.html"
    proc = geo("map", str(files["articles"]), str(files["html"]), "--title", MAP_TITLE,
               "--frontline", str(files["front"]), "-o", str(out), cwd=tmp_path, index=index)
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert not (tmp_path / "CANARY").exists()
    for p in TEMPLATE_PAYLOADS:
        assert in_page(template_text("title", p), page), p
        assert in_page(template_text("src", p), page), p
        assert in_page(template_text("text", p), page), p  # the sentence
    assert in_page(MAP_TITLE, page)
    assert in_page(template_text("front", TEMPLATE_PAYLOADS[1]), page)
    assert in_page(template_text("html", TEMPLATE_PAYLOADS[1]), page)  # an HTML <title>


def test_geo_map_of_a_store_with_hostile_acled_rows(tmp_path, fixture_index) -> None:
    index = fixture_index
    files = write_inputs(tmp_path)
    db = str(tmp_path / "s.db")
    imported = geo("events", "import", str(files["acled"]), "--db", db, cwd=tmp_path,
                   index=index)
    assert imported.returncode == 0, imported.stderr
    ingested = geo("ingest", str(files["articles"]), "--db", db, cwd=tmp_path, index=index)
    assert ingested.returncode == 0, ingested.stderr
    out = tmp_path / "db.html"
    proc = geo("map", "--db", db, "--events", "--title", MAP_TITLE, "-o", str(out),
               cwd=tmp_path, index=index)
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert not (tmp_path / "CANARY").exists()
    for p in TEMPLATE_PAYLOADS:
        for field in ("notes", "actor", "esrc", "title"):
            assert in_page(template_text(field, p), page), (field, p)


def test_recipe_title_is_text(tmp_path, fixture_index) -> None:
    index = fixture_index
    files = write_inputs(tmp_path)
    recipe = tmp_path / "r.toml"
    recipe.write_text(f"inputs = [\"a.jsonl\"]\noutput = \"r.html\"\n"
                      f"title = {json.dumps(MAP_TITLE)}\n", encoding="utf-8")
    assert files["articles"].exists()
    proc = geo("map", str(recipe), cwd=tmp_path, index=index)
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert not (tmp_path / "CANARY").exists()
    assert in_page(MAP_TITLE, page)
