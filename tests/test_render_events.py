"""The events layer: its payload, legend, escaping, and size with many events."""

from __future__ import annotations

import re

from geo.model import Event
from geo.render import map_html, render_map
from geo.render.base import Layer
from geo.render.escape import json_for_script
from geo.render.events import TYPE_STYLE, EventsLayer, events_payload
from tests import render_samples as rs

HOSTILE = "</script><img src=x onerror=alert(1)> `${alert(2)}` \\1 <!--"


def ev(i: int, kind: str = "Battles", day: str | None = "2025-08-01", **kw) -> Event:
    base = dict(id=f"e{i}", event_type=kind, sub_event_type="Armed clash", date=day,
                time_precision=1, lat=48.28, lon=37.18, geo_precision=1, place=rs.POKROVSK)
    base.update(kw)
    return Event(**base)


def test_payload_rows_types_and_links() -> None:
    events = [
        ev(1, "Diplomacy", "2025-08-10", place=rs.TOULON, lat=43.12, lon=5.93,
           article_id="a3", actors=("France", "Germany"), sub_event_type="Meeting"),
        ev(2, "Strategic developments", None, quantity=100000, quantity_unit="soldiers",
           geo_precision=2, time_precision=2, text="Troops massed near Pokrovsk."),
        ev(3, "Made-up type", "2025-08-02", place=None, location="Somewhere", admin1="Adm",
           country="ZZ", fatalities=3, article_id="evil"),
    ]
    arts = {a.article.id: a.article for a in rs.seed_like() + rs.hostile()}
    data = events_payload(events, articles=arts)
    assert [t["name"] for t in data["types"]] == ["Strategic developments", "Diplomacy",
                                                  "Other"]  # ACLED order, present ones only
    assert data["types"][1] == {"name": "Diplomacy", "color": TYPE_STYLE["Diplomacy"][0],
                                "shape": "ring"}
    first, second, undated = data["events"]  # date order, undated last
    assert first[2] == 2 and first[3] == "2025-08-02" and first[11] == 3
    assert first[7] == "Somewhere, Adm, ZZ"
    assert first[14] is None and first[15].startswith("Evil <script>")  # javascript: dropped
    assert second[7] == "Toulon, Provence-Alpes-Côte d'Azur, FR"
    assert second[8] == ["France", "Germany"]
    assert second[14] == "http://news.example/a3" and second[15] == "Talks in Toulon"
    assert undated[3] is None and undated[9] == 100000 and undated[10] == "soldiers"
    assert (undated[5], undated[6]) == (2, 2)


def test_layer_in_a_map_escapes_everything() -> None:
    hostile = ev(1, text=HOSTILE, actors=(HOSTILE,), source=HOSTILE, sub_event_type=HOSTILE,
                 quantity_unit=HOSTILE, article_id="evil")
    layer = EventsLayer([hostile, ev(2, "Protests")])
    assert isinstance(layer, Layer)
    page = map_html(render_map(rs.hostile(), extra_layers=[layer]))
    assert "<img src=x" not in page
    assert page.count("</script>") == page.count("<script")
    assert json_for_script(HOSTILE) in page
    rows = [i for i in layer.legend if i.shape != "note"]
    assert [i.label for i in rows] == ["Battles", "Protests"]
    assert [i.shape for i in rows] == ["diamond", "circle"]
    assert layer.legend[0].shape == "note" and "above places" in layer.legend[0].label


def test_many_events_are_one_array_not_one_object_each() -> None:
    import random

    rng = random.Random(1)
    kinds = list(TYPE_STYLE)[:-1]
    events = [ev(i, rng.choice(kinds), f"2025-08-{rng.randint(1, 28):02d}",
                 lat=rng.uniform(45, 52), lon=rng.uniform(23, 40), text="x" * 40)
              for i in range(5000)]
    page = map_html(render_map(rs.seed_like(), extra_layers=[EventsLayer(events)]))
    from geo.render.templates import JS_DIR

    # only the fixed scripts' own calls (events: single and cluster icons; places: labels)
    fixed = sum(len(re.findall(r"L\.marker\(", (JS_DIR / f).read_text()))
                for f in ("events.js", "places.js"))
    assert fixed == 3 and len(re.findall(r"L\.marker\(", page)) == fixed
    assert page.count('"Armed clash"') == 5000
    assert len(page) < 2_000_000


def test_payload_names_its_fields_and_carries_confidence_claim_and_sources() -> None:
    data = events_payload([
        ev(1, confidence=0.8134, claimed=True, claimant="Ministry of Defence of Russia",
           sources=("a1", "a2", "a3")),
        ev(2, confidence=None), ev(3, confidence=7.0)])  # out of range: not shown
    f = data["fields"]
    assert list(f)[:3] == ["lat", "lon", "type"] and f["confidence"] == 20
    first, second, third = data["events"]
    assert first[f["confidence"]] == 0.813 and isinstance(first[f["confidence"]], float)
    assert first[f["claimant"]] == "Ministry of Defence of Russia"
    assert first[f["sources"]] == 3
    assert second[f["confidence"]] is None and second[f["claimant"]] == ""
    assert second[f["sources"]] == 1 and third[f["confidence"]] is None
    assert all(len(r) == len(f) for r in data["events"])
