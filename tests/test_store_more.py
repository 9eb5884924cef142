"""The store's edges, checked by value: export formats chosen explicitly or by suffix, what is
stored for a place and its alternatives, moved places, id and name resolution, closing,
and a failed batch that leaves the store usable."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest
from shapely.geometry import Polygon

from geo.errors import InputError, StoreError
from geo.model import Event, Place
from geo.store import Store
from geo.store import queries as q
from geo.store.store import AddResult, content_hash, export_format
from tests.test_store_fixtures import (
    DONETSK_OBLAST,
    KRAMATORSK,
    KYIV,
    MYRNOHRAD,
    POKROVSK,
    POKROVSK_RU,
    UKRAINE,
    TinyGazetteer,
    article,
    parsed,
)


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "geo.db") as s:
        s.add([parsed("a1", [POKROVSK, MYRNOHRAD], alternatives=[POKROVSK_RU]),
               parsed("a2", [POKROVSK, KRAMATORSK], date="2024-06-01")])
        yield s


def test_add_results_sum_field_by_field_and_an_empty_batch_adds_nothing(store):
    assert AddResult(1, 2, 3, 4) + AddResult(10, 20, 30, 40) == AddResult(11, 22, 33, 44)
    assert store.add([]) == AddResult()
    assert store.unchanged([]) == set()


def test_content_hash_is_the_compact_json_of_what_the_article_says():
    a = article("x", "Fighting near Pokrovsk.", date="2024-01-02")
    doc = json.dumps([a.text, a.title, a.date, a.url, a.source, a.lang], ensure_ascii=False,
                     separators=(",", ":"))
    assert content_hash(a) == hashlib.sha256(doc.encode()).hexdigest()[:32]
    assert content_hash(a) != content_hash(article("y", "Fighting near Pokrovsk!",
                                                   date="2024-01-02"))


@pytest.mark.parametrize(("name", "fmt", "expected"), [
    ("out.geojson", None, "geojson"), ("out.JSON", None, "geojson"),
    ("out.parquet", None, "parquet"), ("out.geoparquet", None, "parquet"),
    ("out.csv", None, "csv"), ("out.json", "csv", "csv"), ("out.csv", "GeoJSON", "geojson"),
    ("out.txt", "parquet", "parquet"),
])
def test_export_format_follows_an_explicit_format_before_the_suffix(name, fmt, expected):
    assert export_format(Path(name), fmt) == expected


def test_export_format_refuses_unknown_formats_and_suffixes():
    with pytest.raises(InputError, match="unknown export format 'xml'"):
        export_format(Path("out.csv"), "xml")
    with pytest.raises(InputError, match="--format on the command line"):
        export_format(Path("out.txt"), None)


def test_an_explicit_format_is_what_export_writes(store, tmp_path):
    as_csv = tmp_path / "mentions.json"
    assert store.export(as_csv, format="csv") == 4
    header = as_csv.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[0] == "article_id"  # no index column
    assert "geometry" not in header and {"lat", "lon", "place_id"} <= set(header)
    assert len(pd.read_csv(as_csv)) == 4
    as_geojson = tmp_path / "mentions.csv"
    assert store.export(as_geojson, format="geojson") == 4
    doc = json.loads(as_geojson.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 4
    by_suffix = tmp_path / "m.json"
    store.export(by_suffix)
    assert json.loads(by_suffix.read_text(encoding="utf-8"))["type"] == "FeatureCollection"


def test_places_are_stored_with_all_their_fields(store):
    row = store.mentions(POKROVSK.id).iloc[0]
    assert (row.cc, row.admin1, row.admin1_name, row.kind) == (
        "UA", "05", "Donetsk Oblast", "city")
    stored = store.place_info([POKROVSK.id])[POKROVSK.id]
    assert stored == POKROVSK


def test_alternatives_are_stored_compactly_with_kind_and_rounded_score(store):
    from dataclasses import replace

    from geo.model import Candidate

    col = q.MENTION_COLUMNS.index("alternatives")
    rows = store.mention_rows(q.Filters((POKROVSK.id,), None, None))
    raw = rows[0][col]
    assert raw == json.dumps([{"place_id": POKROVSK_RU.id, "name": "Pokrovsk", "kind": "city",
                               "cc": "RU", "score": 0.1}], ensure_ascii=False,
                             separators=(",", ":"))
    pa = parsed("a5", [KYIV])
    m = replace(pa.mentions[0], alternatives=(Candidate(POKROVSK_RU, 0.123456, "Kyiv", "fuzzy"),))
    store.add([replace(pa, mentions=(m,))])
    raw = store.mention_rows(q.Filters((KYIV.id,), None, None))[0][col]
    assert json.loads(raw)[0]["score"] == 0.1235


def test_a_place_that_moves_is_found_at_its_new_point_only(store):
    moved = Place(POKROVSK.id, POKROVSK.name, "city", "UA", "05", "Donetsk Oblast",
                  KYIV.lat + 0.01, KYIV.lon + 0.01, POKROVSK.population)
    assert POKROVSK.id in store.near_ids(POKROVSK.lat, POKROVSK.lon, 5)
    store.add([parsed("a3", [moved])])
    assert POKROVSK.id not in store.near_ids(POKROVSK.lat, POKROVSK.lon, 5)
    assert POKROVSK.id in store.near_ids(KYIV.lat, KYIV.lon, 5)
    assert store.place_info([POKROVSK.id])[POKROVSK.id].lat == moved.lat


def test_a_place_that_moves_north_only_is_moved_in_the_spatial_index(store):
    north = Place(MYRNOHRAD.id, MYRNOHRAD.name, "city", "UA", "05", "Donetsk Oblast",
                  MYRNOHRAD.lat + 1.0, MYRNOHRAD.lon, MYRNOHRAD.population)
    store.add([parsed("a4", [north])])
    assert MYRNOHRAD.id not in store.near_ids(MYRNOHRAD.lat, MYRNOHRAD.lon, 5)
    assert MYRNOHRAD.id in store.near_ids(north.lat, north.lon, 5)


def test_since_and_until_are_validated_by_name(store):
    with pytest.raises(InputError) as err:
        store.mentions(POKROVSK.id, since="2024-13-01")
    assert str(err.value) == "invalid since date '2024-13-01' (expected YYYY-MM-DD)"
    with pytest.raises(InputError) as err:
        store.mentions(POKROVSK.id, until="soon")
    assert str(err.value) == "invalid until date 'soon' (expected YYYY-MM-DD)"


def test_near_includes_places_at_the_radius_and_excludes_beyond(store):
    found = store.near_ids(POKROVSK.lat, POKROVSK.lon, 10)
    assert set(found) == {POKROVSK.id, MYRNOHRAD.id}
    d = found[MYRNOHRAD.id]
    assert 5 < d < 10
    assert MYRNOHRAD.id in store.near_ids(POKROVSK.lat, POKROVSK.lon, d + 1e-6)
    assert MYRNOHRAD.id not in store.near_ids(POKROVSK.lat, POKROVSK.lon, d - 1e-3)


def test_resolve_by_id_name_place_and_gazetteer(store):
    gaz = TinyGazetteer()
    assert [p.id for p in store.resolve(str(POKROVSK.id))] == [POKROVSK.id]
    assert [p.id for p in store.resolve(KYIV.id, gazetteer=gaz)] == [KYIV.id]  # not stored
    assert store.resolve(KYIV.id) == []
    assert store.resolve(-5) == [] and store.resolve("-5", gazetteer=gaz) == []
    assert [p.id for p in store.resolve("pokrovsk")] == [POKROVSK.id]
    assert [p.id for p in store.resolve("Kyiv", gazetteer=gaz)] == [KYIV.id]
    assert store.resolve("Atlantis", gazetteer=TinyGazetteer(places=[KYIV], aliases={})) == []
    with pytest.raises(InputError) as err:
        store.resolve("   ")
    assert str(err.value) == "empty place name"
    # a Place, an id and a list of ids all filter mentions the same way
    assert list(store.mentions(POKROVSK)["article_id"]) == ["a1", "a2"]
    assert list(store.mentions(f" {POKROVSK.id} ")["article_id"]) == ["a1", "a2"]
    assert list(store.mentions([POKROVSK.id, KRAMATORSK.id])["article_id"]) == [
        "a1", "a2", "a2"]


def test_resolve_through_the_gazetteer_prefers_stored_places(store):
    gaz = TinyGazetteer()
    # "Donetsk region" is no stored name; the gazetteer's candidates are Donetsk Oblast only
    assert [p.id for p in store.resolve("Donetsk region", gazetteer=gaz)] == [DONETSK_OBLAST.id]
    # here "Kyiv" also names Myrnohrad: of the gazetteer's two candidates (Kyiv first, by
    # population) the stored one wins
    two = TinyGazetteer(aliases={"kyiv": MYRNOHRAD.id})
    assert [c.place.id for c in two.lookup("Kyiv")] == [KYIV.id, MYRNOHRAD.id]
    assert [p.id for p in store.resolve("Kyiv", gazetteer=two)] == [MYRNOHRAD.id]


def test_suggestions_add_gazetteer_names_once(store):
    gaz = TinyGazetteer()
    names = store.suggest("Pokrovsk", gazetteer=gaz)
    assert names[0] == "Pokrovsk" and names.count("Pokrovsk") == 1
    assert "Kyiv" in store.suggest("Kyyiv", gazetteer=gaz)
    assert "Kyiv" not in store.suggest("Kyyiv")


def test_regions_from_files_names_and_refusals(store, tmp_path):
    poly = Polygon([(36.5, 47.0), (38.9, 47.0), (38.9, 49.3), (36.5, 49.3)])
    for name in ("r.geojson", "r.json"):
        path = tmp_path / name
        path.write_text(json.dumps({"type": "Feature", "properties": {},
                                    "geometry": poly.__geo_interface__}), encoding="utf-8")
        geometry, admin, label = store.region(str(path))
        assert geometry.equals(poly) and admin is None and label == name
    gaz = TinyGazetteer()
    _, admin, label = store.region("Donetsk Oblast", gazetteer=gaz)
    assert admin == ("UA", "05") and label == "Donetsk Oblast, UA"
    _, admin, label = store.region("Ukraine", gazetteer=gaz)
    assert admin == ("UA", "") and label == "Ukraine"
    with pytest.raises(InputError) as err:
        store.region("  ", gazetteer=gaz)
    assert str(err.value) == "empty region name"
    from geo.errors import InputFileError

    for missing in ("missing.geojson", "missing.JSON"):  # a file by its suffix, not a name
        with pytest.raises(InputFileError, match="no such GeoJSON file"):
            store.region(str(tmp_path / missing), gazetteer=gaz)
    with pytest.raises(InputError, match=r"did you mean: Donetsk Oblast\?"):
        store.region("Donetsk Oblast", gazetteer=TinyGazetteer(regions={}))
    with pytest.raises(InputError) as err:
        store.region("Atlantis", gazetteer=TinyGazetteer(places=[POKROVSK]))
    assert "did you mean" not in str(err.value)
    assert sorted(store.within_ids(poly)) == sorted([POKROVSK.id, MYRNOHRAD.id, KRAMATORSK.id])
    assert UKRAINE.id not in store.within_ids(poly)


def test_a_closed_store_refuses_work_and_closing_twice_is_fine(tmp_path):
    s = Store(tmp_path / "geo.db")
    assert repr(s) == f"Store({str(tmp_path / 'geo.db')!r})"
    s.add([parsed("a0", [POKROVSK])])
    assert (tmp_path / "geo.db-wal").exists()
    s.close()
    assert not (tmp_path / "geo.db-wal").exists()  # the last connection closed checkpoints
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.counts()
    with Store(tmp_path / "geo.db") as t:
        t.add([parsed("a1", [POKROVSK])])
    with pytest.raises(StoreError, match="closed"):
        t.add([parsed("a2", [KYIV])])


def test_a_failed_batch_rolls_back_and_the_store_stays_usable(store):
    orphan = Event(id="e1", event_type="Battles", sub_event_type="", date="2024-01-01",
                   time_precision=1, lat=POKROVSK.lat, lon=POKROVSK.lon, geo_precision=1,
                   place=KYIV, article_id="not-stored")
    before = store.counts()
    with pytest.raises(InputError, match="not in the"):
        store.add_events([orphan])
    assert store.counts() == before
    assert store.place_info([KYIV.id]) == {}  # the event's place was not kept either
    assert store.add_events([]) == 0
    assert store.add([parsed("a9", [KYIV])]).added == 1  # no transaction left open
    assert store.counts()["articles"] == 3
    many = [Event(id=f"e{i}", event_type="Battles", sub_event_type="", date="2024-01-01",
                  time_precision=1, lat=0.0, lon=0.0, geo_precision=1, article_id=f"x{i}")
            for i in range(5)]
    with pytest.raises(InputError, match=r"5 article\(s\).*x0, x1, x2, \.\.\."):
        store.add_events(many)
