"""The Python surface as a notebook user meets it: wrong types get a geo error that is also the
builtin a Python user catches, with a message saying what was expected; render_map takes
events and a front line."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import shapely

import geo
from geo.errors import GeoError, InputTypeError
from geo.frontline.model import Snapshot
from geo.render import map_html, render_map
from tests import render_samples as rs


@pytest.mark.parametrize("call, message", [
    (lambda: geo.parse(None), "wants the text of one article (str) or a geo.Article, not NoneType"),
    (lambda: geo.parse(b"Pokrovsk"), "wants text as str, not bytes; decode it first"),
    (lambda: geo.parse([]), "not list; for many articles use geo.parse_articles"),
    (lambda: geo.parse("Kyiv", gazetteer="index"), "gazetteer= wants a geo.Gazetteer"),
    (lambda: geo.parse("Kyiv", author="me"), "unexpected fields: author"),
    (lambda: geo.parse_articles("Russian troops near Pokrovsk"), "iterable of geo.Article"),
    (lambda: list(geo.parse_articles([1], gazetteer=None)), "item 0 is a int"),
    (lambda: geo.read_articles(42), "a path or a list of paths, not int"),
    (lambda: geo.read_articles([42]), "wants paths (str or Path), not int"),
    (lambda: geo.render_map([1, 2]), "render_map(): item 0 is a int, not geo.ParsedArticle"),
    (lambda: geo.render_map("seeds/"), "render_map() wants a list of geo.ParsedArticle"),
    (lambda: geo.render_map(rs.seed_like(), events=["e1"]), "events=: item 0 is a str"),
    (lambda: geo.render_map(rs.seed_like(), events=5), "events= wants a list of geo.Event"),
    (lambda: geo.render_map(rs.seed_like(), frontline=[3]), "int is neither a file path"),
    (lambda: geo.Store(None), "Store() wants a file path"),
    (lambda: geo.render_map(rs.seed_like(), since=20250801), "since= wants a date"),
    (lambda: geo.render_map(rs.seed_like(), layers=["places"]), "layers= wants a dict"),
    (lambda: geo.render_map(rs.seed_like(), title=5), "title= wants a str"),
    (lambda: geo.save_map("not a map", "x.html"), "save_map() wants the folium.Map"),
])
def test_wrong_types_raise_a_geo_type_error_saying_what_was_expected(call, message):
    with pytest.raises(TypeError) as info:
        call()
    assert isinstance(info.value, GeoError) and isinstance(info.value, InputTypeError)
    assert isinstance(info.value, ValueError)  # it is an InputError too (older callers)
    assert message in str(info.value)


def test_parse_articles_checks_its_argument_before_iterating():
    """The error comes at the call, not at the first next() far away in a loop."""
    with pytest.raises(TypeError):
        geo.parse_articles(None)


def test_render_map_takes_one_parsed_article():
    one = rs.seed_like()[0]
    page = map_html(render_map(one))
    assert "Pokrovsk" in page


def test_render_map_draws_events_and_a_front_line(tmp_path):
    event = geo.Event(id="e1", event_type="Battles", sub_event_type="Armed clash",
                      date="2025-08-01", time_precision=1, lat=48.28, lon=37.18,
                      geo_precision=1, place=rs.POKROVSK)
    late = geo.Event(id="e2", event_type="Protests", sub_event_type="Peaceful protest",
                     date="2026-01-01", time_precision=1, lat=48.28, lon=37.18,
                     geo_precision=1, place=rs.POKROVSK)
    snap = Snapshot(date=dt.date(2025, 8, 1), occupied=shapely.box(36, 47, 37.5, 48),
                    grey_zone=None, source="test", path="mem")
    m = render_map(rs.seed_like(), events=[event, late], frontline=[snap],
                   until="2025-12-31")
    page = map_html(m)
    assert "Armed clash" in page and "Peaceful protest" not in page  # the map's date bounds
    assert "2025-08-01" in page and "Front line" in page
    # a snapshot file path works too; a file that is not one is a one-line InputError
    path = tmp_path / "front_2025-08-01.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "occupied"},
         "geometry": shapely.geometry.mapping(shapely.box(36, 47, 37.5, 48))}]}))
    assert "Front line" in map_html(render_map(rs.seed_like(), frontline=path))
    bad = tmp_path / "bad.geojson"
    bad.write_text("{")
    with pytest.raises(geo.InputError, match=r"bad\.geojson"):
        render_map(rs.seed_like(), frontline=[bad])


@pytest.fixture
def store(tmp_path):
    with geo.Store(tmp_path / "geo.db") as s:
        yield s


@pytest.mark.parametrize("call, message", [
    (lambda s: s.mentions(3.5), "place= wants a name, an id, a geo.Place or a list"),
    (lambda s: s.mentions(["Pokrovsk"]), "place=: item 0 is a str"),
    (lambda s: s.near("48.3", 37.2, 10), "lat wants a number, not str"),
    (lambda s: s.places_near(48.3, 37.2, "10"), "km wants a number, not str"),
    (lambda s: s.places(top="5"), "top= wants an int or None, not str"),
    (lambda s: s.add([1]), "Store.add(): item 0 is a int, not geo.ParsedArticle"),
    (lambda s: s.add(None), "Store.add() wants a list of geo.ParsedArticle"),
    (lambda s: s.add_events(["e1"]), "Store.add_events(): item 0 is a str, not geo.Event"),
    (lambda s: s.events(type=5), "type= wants a list of event type names"),
    (lambda s: s.resolve(None), "a place is a name (str) or an id (int), not NoneType"),
    (lambda s: s.export(5), "export() wants a file path"),
])
def test_store_methods_check_types(store, call, message):
    with pytest.raises(InputTypeError) as info:
        call(store)
    assert message in str(info.value) and isinstance(info.value, TypeError)


def test_gazetteer_methods_check_types(tmp_path):
    from geo.gazetteer import Gazetteer

    with pytest.raises(InputTypeError, match=r"Gazetteer\.open"):
        Gazetteer.open(5)
    with pytest.raises(InputTypeError, match="a place name must be a string, not NoneType"):
        from geo.gazetteer.index import check_name

        check_name(None)


def test_store_still_takes_numpy_ids_and_places(store):
    import numpy as np

    from tests.test_store_fixtures import POKROVSK, parsed

    store.add([parsed("a1", [POKROVSK])])
    assert len(store.mentions(np.int64(POKROVSK.id))) == 1
    assert len(store.mentions([POKROVSK])) == 1
    assert len(store.mentions((np.int64(POKROVSK.id),))) == 1
    assert len(store.near(np.float64(POKROVSK.lat), POKROVSK.lon, 1)) == 1
