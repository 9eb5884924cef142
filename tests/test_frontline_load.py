"""Reading front-line snapshots: formats, layers, dates, repairs and bad input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import shapely

from geo.errors import InputError, InputFileError
from geo.frontline.load import classify, date_from_name, load_snapshots, parse_date, read_snapshots

TODAY = dt.date(2026, 9, 1)


def square(x0: float, y0: float, size: float = 1.0, z: float | None = None) -> list:
    ring = [[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]
    if z is not None:
        ring = [[x, y, z] for x, y in ring]
    return [ring]


def feature(geometry: dict, **props) -> dict:
    return {"type": "Feature", "properties": props, "geometry": geometry}


def poly(x0: float, y0: float, size: float = 1.0, z: float | None = None) -> dict:
    return {"type": "Polygon", "coordinates": square(x0, y0, size, z)}


def write_fc(path: Path, features: list[dict], **top) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", **top, "features": features}),
                    encoding="utf-8")
    return path


def deepstate_features() -> list[dict]:
    return [
        feature(poly(36, 47, z=0.0), name="Окуповано /// Occupied /// geoJSON.status.occupied"),
        feature(poly(38, 47, z=0.0), name="Окуповано /// Occupied /// geoJSON.status.occupied"),
        feature(poly(37, 47, 0.5), name="Невідомо /// Unknown /// geoJSON.status.unknown"),
        feature(poly(35, 46, 0.5), name="Звільнено /// Liberated /// geoJSON.status.dismissed"),
        feature(poly(34, 46, 0.5),
                name="Звільнено /// Liberated /// geoJSON.status.dismissed_at {{at:11.11}}"),
        feature({"type": "Point", "coordinates": [37.2, 48.3, 0.0]},
                name="Напрямок /// Direction of attack /// geoJSON.status.attack_direction"),
        feature({"type": "Point", "coordinates": [37.5, 48.0]},
                name="3 ОШБр /// 3rd Assault Brigade /// geoJSON.units.ua_brigade"),
    ]


def test_deepstate_mixed_layers_with_z(tmp_path: Path) -> None:
    path = write_fc(tmp_path / "deepstate.geojson", deepstate_features())
    [snap] = read_snapshots(path, date=dt.date(2025, 1, 2), today=TODAY)
    assert snap.date == dt.date(2025, 1, 2) and snap.date_from == "--date"
    assert snap.source == "DeepState"
    assert snap.occupied.geom_type == "MultiPolygon"
    assert not shapely.has_z(snap.occupied)
    assert snap.occupied.area == pytest.approx(2.0)
    assert snap.grey_zone is not None and snap.grey_zone.area == pytest.approx(0.25)
    names = {lyr.name: lyr.count for lyr in snap.layers}
    assert names == {"occupied": 2, "grey_zone": 1, "liberated": 2, "attack_direction": 1,
                     "units": 1}
    assert "geoJSON.status.occupied" in snap.layer("occupied").keys


def test_deepstate_api_answer_double_encoded_with_datetime(tmp_path: Path) -> None:
    doc = {"id": 1720000000, "datetime": "2024-07-08T21:05:11Z",
           "map": {"type": "FeatureCollection", "features": deepstate_features()}}
    path = tmp_path / "last.json"
    path.write_text(json.dumps(json.dumps(doc)), encoding="utf-8")
    [snap] = read_snapshots(path, today=TODAY)
    assert snap.date == dt.date(2024, 7, 8) and snap.date_from == "property"


def test_older_plain_english_names(tmp_path: Path) -> None:
    feats = [feature(poly(36, 47), name="Occupied"), feature(poly(37, 47), name="Unknown status"),
             feature(poly(38, 47), name="Liberated"),
             feature({"type": "LineString", "coordinates": [[36, 48], [37, 48.5]]},
                     name="Direction of attack")]
    [snap] = read_snapshots(write_fc(tmp_path / "old_2022-09-10.geojson", feats), today=TODAY)
    assert snap.date == dt.date(2022, 9, 10) and snap.date_from == "file name"
    assert snap.occupied.area == pytest.approx(1.0)
    assert snap.grey_zone.area == pytest.approx(1.0)
    assert snap.layer("attack_direction").count == 1


def test_cyterat_style_file_without_properties(tmp_path: Path) -> None:
    mp = {"type": "MultiPolygon", "coordinates": [square(30, 45), square(33, 45)]}
    path = write_fc(tmp_path / "deepstatemap_data_20240708.geojson", [feature(mp)])
    [snap] = read_snapshots(path, today=TODAY)
    assert snap.date == dt.date(2024, 7, 8)
    assert snap.source.startswith("DeepState")
    assert snap.notes == ()
    assert snap.occupied.area == pytest.approx(2.0)


@pytest.mark.parametrize(("props", "top", "expected"), [
    ({"date": "2024-03-01"}, {}, dt.date(2024, 3, 1)),
    ({"as_of": "01.03.2024"}, {}, dt.date(2024, 3, 1)),
    ({"Datetime": 1709251200}, {}, dt.date(2024, 3, 1)),
    ({}, {"date": "2024-03-01T10:00:00+02:00"}, dt.date(2024, 3, 1)),
])
def test_date_from_properties(tmp_path: Path, props, top, expected) -> None:
    path = write_fc(tmp_path / "x_20200101.geojson", [feature(poly(30, 50), **props)], **top)
    [snap] = read_snapshots(path, today=TODAY)
    assert snap.date == expected and snap.date_from == "property"


def test_date_flag_is_the_last_resort_and_conflicts_are_reported(tmp_path: Path) -> None:
    path = write_fc(tmp_path / "front_2024-05-06.geojson", [feature(poly(30, 50))])
    [snap] = read_snapshots(path, date=dt.date(2024, 1, 1), today=TODAY)
    assert snap.date == dt.date(2024, 5, 6)
    assert any("--date 2024-01-01 not used" in n for n in snap.notes)


def test_no_date_is_a_clear_error(tmp_path: Path) -> None:
    path = write_fc(tmp_path / "front.geojson", [feature(poly(30, 50))])
    with pytest.raises(InputError, match=r"no date.*--date"):
        read_snapshots(path, today=TODAY)


def test_future_date_refused(tmp_path: Path) -> None:
    path = write_fc(tmp_path / "front_20991231.geojson", [feature(poly(30, 50))])
    with pytest.raises(InputError, match="in the future"):
        read_snapshots(path, today=TODAY)


def test_multi_date_file_becomes_one_snapshot_per_date(tmp_path: Path) -> None:
    feats = [feature(poly(30, 50), date="2024-07-08"), feature(poly(30, 50, 2), date="2024-07-09"),
             feature(poly(40, 50))]
    snaps = read_snapshots(write_fc(tmp_path / "all.geojson", feats), today=TODAY)
    assert [s.date for s in snaps] == [dt.date(2024, 7, 8), dt.date(2024, 7, 9)]
    assert snaps[1].occupied.area == pytest.approx(4.0)
    assert any("skipped 1 feature(s) without a date" in n for n in snaps[0].notes)


def test_bow_tie_is_repaired_and_reported(tmp_path: Path) -> None:
    bow = {"type": "Polygon", "coordinates": [[[30, 50], [31, 51], [31, 50], [30, 51], [30, 50]]]}
    path = write_fc(tmp_path / "f_20240101.geojson", [feature(bow, name="Occupied")])
    [snap] = read_snapshots(path, today=TODAY)
    assert snap.occupied.is_valid
    assert snap.occupied.area == pytest.approx(0.5)
    assert any("repaired 1 invalid polygon" in n and "Self-intersection" in n
               for n in snap.notes)


def test_out_of_range_and_broken_features_are_counted(tmp_path: Path) -> None:
    feats = [feature(poly(30, 50)), feature(poly(300, 95)), feature(None),
             {"type": "Feature", "properties": {},
              "geometry": {"type": "Polygon", "coordinates": [[[1, 2]]]}}]
    [snap] = read_snapshots(write_fc(tmp_path / "f_20240101.geojson", feats), today=TODAY)
    text = " | ".join(snap.notes)
    assert "skipped 1 feature(s) with coordinates out of range" in text
    assert "skipped 1 feature(s) without geometry" in text
    assert "skipped 1 feature(s) with unreadable geometry" in text


def test_unnamed_polygons_beside_named_layers_are_not_occupied(tmp_path: Path) -> None:
    feats = [feature(poly(30, 50), name="Occupied"), feature(poly(32, 50), name="Kherson ferry")]
    [snap] = read_snapshots(write_fc(tmp_path / "f_20240101.geojson", feats), today=TODAY)
    assert snap.occupied.area == pytest.approx(1.0)
    assert snap.layer("other").count == 1
    assert any("not counted as occupied" in n for n in snap.notes)


def test_only_points_is_an_error(tmp_path: Path) -> None:
    feats = [feature({"type": "Point", "coordinates": [30, 50]}, name="x")]
    with pytest.raises(InputError, match="no occupied-area polygons"):
        read_snapshots(write_fc(tmp_path / "f_20240101.geojson", feats), today=TODAY)


@pytest.mark.parametrize(("text", "match"), [
    ("", "empty file"),
    ("  \n", "empty file"),
    ("{not json", "not valid JSON"),
    ('{"type": "FeatureCollection", "features": []}', "no features"),
    ('{"type": "Topology"}', "not GeoJSON"),
])
def test_bad_geojson(tmp_path: Path, text: str, match: str) -> None:
    path = tmp_path / "bad_20240101.geojson"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=match):
        read_snapshots(path, today=TODAY)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError):
        read_snapshots(tmp_path / "nope.geojson")


KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>front</name>
<Folder><name>{folder}</name>
<Placemark><name>area &amp; &lt;b&gt;</name>{geometry}</Placemark>
</Folder>
<Folder><name>Notes</name>
<Placemark><name>pin</name><Point><coordinates>30.5,50.5</coordinates></Point></Placemark>
</Folder></Document></kml>
"""
KML_POLY = ("<Polygon><outerBoundaryIs><LinearRing><coordinates>30,50,0 31,50,0 31,51,0 "
            "30,51,0 30,50,0</coordinates></LinearRing></outerBoundaryIs></Polygon>")


def test_kml_with_polygons(tmp_path: Path) -> None:
    path = tmp_path / "analyst_2024-02-03.kml"
    path.write_text(KML.format(folder="Occupied", geometry=KML_POLY), encoding="utf-8")
    [snap] = read_snapshots(path, today=TODAY)
    assert snap.date == dt.date(2024, 2, 3)
    assert snap.occupied.area == pytest.approx(1.0)
    assert not shapely.has_z(snap.occupied)
    assert snap.layer("other").count == 1  # the pin, kept and counted


def test_kml_without_polygons(tmp_path: Path) -> None:
    path = tmp_path / "pins_2024-02-03.kml"
    path.write_text(KML.format(folder="Occupied",
                               geometry="<Point><coordinates>30,50</coordinates></Point>"),
                    encoding="utf-8")
    with pytest.raises(InputError, match="KML has no occupied-area polygons"):
        read_snapshots(path, today=TODAY)


def test_empty_kml(tmp_path: Path) -> None:
    path = tmp_path / "empty_2024-02-03.kml"
    path.write_text('<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2">'
                    "<Document></Document></kml>", encoding="utf-8")
    with pytest.raises(InputError, match="KML has no polygons"):
        read_snapshots(path, today=TODAY)


@pytest.mark.parametrize(("suffix", "driver"), [(".gpkg", "GPKG"), (".shp", "ESRI Shapefile")])
def test_geopackage_and_shapefile_reprojected(tmp_path: Path, suffix: str, driver: str) -> None:
    import geopandas as gpd

    gdf = gpd.GeoDataFrame({"status": ["occupied", "contested"], "date": ["2024-04-05"] * 2},
                           geometry=[shapely.box(30, 50, 31, 51), shapely.box(31, 50, 32, 51)],
                           crs="EPSG:4326").to_crs("EPSG:3857")
    path = tmp_path / f"front{suffix}"
    gdf.to_file(path, driver=driver)
    [snap] = read_snapshots(path, today=TODAY)
    assert snap.date == dt.date(2024, 4, 5)
    assert snap.occupied.bounds == pytest.approx((30, 50, 31, 51), abs=1e-6)
    assert snap.grey_zone.area == pytest.approx(1.0, rel=1e-6)


def test_load_snapshots_reports_failures_and_sorts(tmp_path: Path) -> None:
    a = write_fc(tmp_path / "a_20240301.geojson", [feature(poly(30, 50))])
    b = write_fc(tmp_path / "b_20240101.geojson", [feature(poly(30, 50))])
    empty = tmp_path / "c_20240201.geojson"
    empty.write_text("", encoding="utf-8")
    snaps, failed = load_snapshots([a, empty, b], today=TODAY)
    assert [s.date.month for s in snaps] == [1, 3]
    assert failed == [(str(empty), f"{empty}: empty file")]


@pytest.mark.parametrize(("name", "layer"), [
    ("Окуповано /// Occupied /// geoJSON.status.occupied", "occupied"),
    ("x /// y /// geoJSON.status.dismissed_at {{at:05.06}}", "liberated"),
    ("x /// y /// geoJSON.units.whatever", "units"),
    ("x /// y /// geoJSON.airports", "other"),
    ("Unknown status", "grey_zone"),
    ("Assessed Russian-controlled Ukrainian Territory", "occupied"),
    ("Pokrovsk", None),
])
def test_classify(name: str, layer: str | None) -> None:
    assert classify(name) == layer


def test_date_helpers() -> None:
    assert date_from_name("deepstatemap_data_20240708.geojson") == dt.date(2024, 7, 8)
    assert date_from_name("front-2024-07-08-v2.kml") == dt.date(2024, 7, 8)
    assert date_from_name("front_20241399.kml") is None
    assert parse_date("2024-07-08T23:59:00Z") == dt.date(2024, 7, 8)
    assert parse_date(1720396800000) == dt.date(2024, 7, 8)
    assert parse_date("soon") is None
