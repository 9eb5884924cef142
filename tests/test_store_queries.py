"""Reading the store: mentions, near, within, places, export (GeoDataFrames, EPSG:4326)."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pytest
from geopy.distance import geodesic
from shapely.geometry import Polygon

from geo.errors import InputError
from geo.store import Store
from tests.test_store_fixtures import (
    DONETSK_OBLAST,
    DONETSK_POLY,
    KRAMATORSK,
    KYIV,
    MYRNOHRAD,
    POKROVSK,
    POKROVSK_RU,
    SUVA,
    TAVEUNI_E,
    TOULON,
    TinyGazetteer,
    parsed,
)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = tmp_path_factory.mktemp("store") / "geo.db"
    with Store(db) as s:
        s.add([
            parsed("a1", [POKROVSK, MYRNOHRAD], date="2024-01-10"),
            parsed("a2", [POKROVSK, KRAMATORSK], date="2024-03-05"),
            parsed("a3", [POKROVSK], date="2024-06-20"),
            parsed("a4", [POKROVSK_RU, KYIV], date="2024-02-01"),
            parsed("a5", [TOULON], date=None),
            parsed("a6", [SUVA, TAVEUNI_E, DONETSK_OBLAST], date="2024-04-01"),
        ])
        yield s


def test_mentions_by_id_name_and_dates(store):
    frame = store.mentions(POKROVSK.id)
    assert isinstance(frame, gpd.GeoDataFrame) and frame.crs.to_epsg() == 4326
    assert list(frame["article_id"]) == ["a1", "a2", "a3"]
    assert list(frame["date"]) == [pd.Timestamp("2024-01-10"), pd.Timestamp("2024-03-05"),
                                   pd.Timestamp("2024-06-20")]
    row = frame.iloc[0]
    assert (row.title, row.source, row.url, row.surface) == (
        "Title a1", "Example News", "https://example.com/a1", "Pokrovsk")
    assert "Pokrovsk" in row.sentence and row.precision == "settlement"
    assert (row.geometry.x, row.geometry.y) == (POKROVSK.lon, POKROVSK.lat)
    # a name covers every stored place so named (Donetsk oblast's and Yakutia's Pokrovsk)
    assert set(store.mentions("pokrovsk")["place_id"]) == {POKROVSK.id, POKROVSK_RU.id}
    dated = store.mentions(POKROVSK.id, since="2024-02-01", until="2024-06-01")
    assert list(dated["article_id"]) == ["a2"]


def test_no_match_is_an_empty_frame_with_columns(store):
    frame = store.mentions("Atlantis")
    assert frame.empty and {"sentence", "place_id", "geometry"} <= set(frame.columns)
    assert store.resolve("Atlantis") == []
    with pytest.raises(InputError, match="invalid since date"):
        store.mentions(POKROVSK.id, since="last tuesday")


def test_resolve_prefers_store_then_gazetteer_and_suggests(store):
    assert [p.id for p in store.resolve("POKROVSK")] == [POKROVSK.id, POKROVSK_RU.id]
    assert store.resolve(str(KYIV.id))[0].name == "Kyiv"
    gaz = TinyGazetteer()
    # not in the store under that name; the gazetteer knows the alias
    assert [p.id for p in store.resolve("Donetsk region", gazetteer=gaz)] == [DONETSK_OBLAST.id]
    assert store.suggest("Pokrovks")[0] == "Pokrovsk"
    assert "Kramatorsk" in store.suggest("Kramatorks", gazetteer=gaz)


def test_near_uses_geodesic_distance(store):
    frame = store.near(POKROVSK.lat, POKROVSK.lon, 10)
    assert set(frame["name"]) == {"Pokrovsk", "Myrnohrad"}
    want = geodesic((POKROVSK.lat, POKROVSK.lon), (MYRNOHRAD.lat, MYRNOHRAD.lon)).km
    got = frame.loc[frame["name"] == "Myrnohrad", "distance_km"].iloc[0]
    assert got == pytest.approx(want, abs=1e-6)
    # Kramatorsk is ~58 km away: outside 50 km, inside 60 km
    assert "Kramatorsk" not in set(store.near(POKROVSK.lat, POKROVSK.lon, 50)["name"])
    assert "Kramatorsk" in set(store.near(POKROVSK.lat, POKROVSK.lon, 60)["name"])
    places = store.places_near(POKROVSK.lat, POKROVSK.lon, 60)
    assert list(places["name"]) == ["Pokrovsk", "Myrnohrad", "Donetsk Oblast", "Kramatorsk"]
    assert list(places["mentions"]) == [3, 1, 1, 1]
    assert places["distance_km"].is_monotonic_increasing


def test_near_across_the_antimeridian(store):
    # Suva (178.4 E) and Vuna (179.95 W) are ~190 km apart across the 180th meridian
    names = set(store.near(SUVA.lat, SUVA.lon, 250)["name"])
    assert names == {"Suva", "Vuna"}
    assert set(store.near(-17.0, 179.99, 250)["name"]) == {"Suva", "Vuna"}


def test_near_rejects_bad_input(store):
    with pytest.raises(InputError):
        store.near(95, 0, 10)
    with pytest.raises(InputError):
        store.near(0, 0, -1)


def test_within_polygon_file_and_named_region(store, tmp_path):
    poly = Polygon(DONETSK_POLY)
    assert set(store.within(poly)["name"]) == {"Pokrovsk", "Myrnohrad", "Kramatorsk",
                                              "Donetsk Oblast"}
    path = tmp_path / "area.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {
            "type": "Polygon", "coordinates": [[[37.0, 48.0], [37.4, 48.0], [37.4, 48.5],
                                                [37.0, 48.5], [37.0, 48.0]]]}}]}))
    assert set(store.within(path)["name"]) == {"Pokrovsk", "Myrnohrad"}
    assert set(store.within(str(path))["name"]) == {"Pokrovsk", "Myrnohrad"}
    # a named admin-1 unit: its polygon, plus places coded in it that a coarse polygon misses
    tiny = Polygon([(37.1, 48.2), (37.3, 48.2), (37.3, 48.4), (37.1, 48.4)])
    gaz = TinyGazetteer(regions={DONETSK_OBLAST.id: tiny})
    assert set(store.within("Donetsk oblast", gazetteer=gaz)["name"]) == {
        "Pokrovsk", "Myrnohrad", "Kramatorsk", "Donetsk Oblast"}
    places = store.places_within("Donetsk oblast", gazetteer=gaz)
    assert places.iloc[0]["name"] == "Pokrovsk"


def test_within_bad_regions(store, tmp_path, monkeypatch):
    with pytest.raises(InputError, match="unknown region"):
        store.within("Narnia", gazetteer=TinyGazetteer())
    # no gazetteer given: the default index is opened; where none is built, say how to build it
    monkeypatch.setenv("GEO_HOME", str(tmp_path / "empty-home"))
    with pytest.raises(InputError, match=r"needs the gazetteer index.*geo gazetteer build"):
        store.within("Donetsk oblast")
    with pytest.raises(TypeError, match="a region is a name"):
        store.within(42)
    bad = tmp_path / "bad.geojson"
    bad.write_text("{not json")
    with pytest.raises(InputError, match="not valid JSON"):
        store.within(bad)
    point = tmp_path / "point.geojson"
    point.write_text(json.dumps({"type": "Point", "coordinates": [37, 48]}))
    with pytest.raises(InputError, match="no polygon"):
        store.within(point)


def test_places_counts_and_first_last_seen(store):
    top = store.places(top=2)
    assert len(top) == 2
    first = top.iloc[0]
    assert (first["name"], first["mentions"], first["articles"]) == ("Pokrovsk", 3, 3)
    assert (first["first_seen"], first["last_seen"]) == (pd.Timestamp("2024-01-10"),
                                                     pd.Timestamp("2024-06-20"))
    assert len(store.places()) == 9
    assert list(store.places(since="2024-06-01")["name"]) == ["Pokrovsk"]
    with pytest.raises(InputError):
        store.places(top=0)


@pytest.mark.parametrize("suffix", ["geojson", "parquet", "csv", "gpkg", "kml", "fgb"])
def test_export_formats_read_back(store, tmp_path, suffix):
    """Each format opened by the library QGIS uses (GDAL, through pyogrio): CRS, columns, rows."""
    import pyogrio

    out = tmp_path / f"mentions.{suffix}"
    n = store.export(out, place=POKROVSK.id, since="2024-02-01")
    assert n == 2
    if suffix == "csv":
        back = pd.read_csv(out)
        assert list(back["lat"]) == [POKROVSK.lat] * 2
        assert list(back["date"]) == ["2024-03-05", "2024-06-20"]
        assert json.loads(back["alternatives"][0]) == []
    else:
        back = gpd.read_parquet(out) if suffix == "parquet" else pyogrio.read_dataframe(out)
        assert back.crs.to_epsg() == 4326
        assert back.geometry.iloc[0].x == pytest.approx(POKROVSK.lon)
        assert back.geometry.iloc[0].y == pytest.approx(POKROVSK.lat)
        # KML readers spell the placemark name "Name"
        assert {"article_id", "name", "surface", "sentence", "date", "place_id"} <= \
            {c.lower() for c in back}
    assert len(back) == 2
    assert list(back["article_id"]) == ["a2", "a3"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_kml_placemarks_have_names_and_escaped_descriptions(tmp_path):
    """Google Earth lists a placemark by <name> and shows <description> as HTML: article text
    must arrive there escaped."""
    import xml.etree.ElementTree as ET

    with Store(tmp_path / "geo.db") as s:
        s.add([parsed("a1", [POKROVSK], date="2024-01-10",
                      title="<script>alert(1)</script> & more")])
        assert s.export(tmp_path / "m.kml") == 1
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    mark = ET.parse(tmp_path / "m.kml").getroot().find(".//k:Placemark", ns)
    assert mark.find("k:name", ns).text == "Pokrovsk"
    description = mark.find("k:description", ns).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in description
    assert "2024-01-10" in description and "<script>" not in description


def test_frames_have_pandas_types(store):
    """Dates resample, lists are lists, kinds are categoricals (what a pandas user expects)."""
    frame = store.mentions()
    assert pd.api.types.is_datetime64_any_dtype(frame["date"])
    assert frame["date"].isna().sum() == 1  # a5 has no date: NaT, not ""
    weekly = frame.dropna(subset=["date"]).set_index("date").resample("W").size()
    assert weekly.sum() == len(frame) - 1
    assert all(isinstance(a, list) for a in frame["alternatives"])
    assert isinstance(frame["kind"].dtype, pd.CategoricalDtype)
    assert "admin1" in frame["kind"].cat.categories
    assert isinstance(frame["precision"].dtype, pd.CategoricalDtype)
    places = store.places()
    assert pd.api.types.is_datetime64_any_dtype(places["first_seen"])
    assert places.loc[places["name"] == "Pokrovsk", "first_seen"].iloc[0] == \
        pd.Timestamp("2024-01-10")


def test_export_rejects_unknown_format(store, tmp_path):
    with pytest.raises(InputError, match="unknown export format"):
        store.export(tmp_path / "x.out", format="xlsx")
    with pytest.raises(InputError, match="--format on the command line"):
        store.export(tmp_path / "x.out")
