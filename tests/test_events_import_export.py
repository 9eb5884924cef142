"""Importing ACLED, UCDP GED, generic CSV and GeoJSON events (bad rows reported with their
line), exporting ACLED-like CSV and GeoJSON (hostile text kept as data), and the CLI."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json

import pytest

from geo.errors import InputError
from geo.events.export import write_csv, write_events, write_geojson
from geo.events.importers import detect_format, import_events
from geo.model import Event
from tests.test_store_fixtures import TinyGazetteer, run_geo

TODAY = dt.date(2025, 1, 31)

ACLED = """event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,\
actor1,actor2,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,\
notes,fatalities
UKR1001,2024-07-08,2024,1,Political violence,Battles,Armed clash,Military Forces of Russia,\
Military Forces of Ukraine,Ukraine,Donetsk,Pokrovskyi,,Pokrovsk,48.2826,37.1758,1,Wire,\
"Clashes near the town, ""heavy"" losses",3
UKR1002,08 July 2024,2024,2,Political violence,Explosions/Remote violence,Air/drone strike,\
Military Forces of Russia,,Ukraine,Kharkiv,,,Kharkiv,49.98,36.25,1,Wire,Drone hit a depot,0
UKR1003,2024-07-09,2024,1,Political violence,Battles,Armed clash,A,,Ukraine,,,,X,95.0,37.0,1,,,
UKR1004,2030-01-01,2030,1,Political violence,Battles,Armed clash,A,,Ukraine,,,,X,48.0,37.0,1,,,
UKR1005,2024-07-10,2024,1,Political violence,Parade,Parade,A,,Ukraine,,,,X,48.0,37.0,1,,,
UKR1006,,2024,1,Political violence,Battles,Armed clash,A,,Ukraine,,,,X,48.0,37.0,1,,,
"""

UCDP = """id,year,type_of_violence,side_a,side_b,country,adm_1,where_coordinates,latitude,\
longitude,where_prec,date_start,date_end,date_prec,best,source_article
501,2023,1,Government of Sudan,RSF,Sudan,Khartoum state,Khartoum town,15.55,32.53,1,\
2023-04-15,2023-04-15,1,56,Reuters
502,2023,3,RSF,Civilians,Sudan,West Darfur,El Geneina,13.45,22.44,4,2023-06-01,2023-06-30,4,,
503,2023,7,X,Y,Sudan,,,13.0,22.0,1,2023-06-01,2023-06-01,1,1,
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_acled_rows_kept_and_bad_rows_reported_with_line_and_reason(tmp_path):
    path = write(tmp_path, "acled.csv", ACLED)
    result = import_events(path, today=TODAY)
    assert result.format == "acled"
    assert [e.id for e in result.events] == ["UKR1001", "UKR1002"]
    first, second = result.events
    assert first.actors == ("Military Forces of Russia", "Military Forces of Ukraine")
    assert (first.fatalities, first.location, first.admin1, first.source_row) == \
        (3, "Pokrovsk", "Donetsk", 2)
    assert first.text == 'Clashes near the town, "heavy" losses'
    assert (second.date, second.time_precision) == ("2024-07-08", 2)
    problems = {p.line: p.message for p in result.problems}
    assert set(problems) == {4, 5, 6, 7}  # header line 1, one line per record
    assert "out of range" in problems[4]
    assert "future" in problems[5]
    assert "unknown event type" in problems[6]
    assert "no date" in problems[7]
    assert str(result.problems[0]).startswith(f"{path}:4: ")


ACLED_HEADER = ACLED.splitlines()[0]


@pytest.mark.parametrize("figure", ["99999999999999999999999", "1e300", "9" * 5000,
                                    "1000001"])
def test_an_absurd_fatality_figure_rejects_its_row_only(tmp_path, figure):
    rows = (f"UKR1,2024-07-08,2024,1,PV,Battles,Armed clash,A,,Ukraine,,,,Pokrovsk,48.28,"
            f"37.17,1,X,note,{figure}\n"
            "UKR2,2024-07-08,2024,1,PV,Battles,Armed clash,A,,Ukraine,,,,Toretsk,48.39,"
            "37.84,1,X,note,3\n")
    result = import_events(write(tmp_path, "acled.csv", ACLED_HEADER + "\n" + rows),
                           today=TODAY)
    assert [(e.id, e.fatalities) for e in result.events] == [("UKR2", 3)]
    (problem,) = result.problems
    assert problem.line == 2 and "more than 1,000,000" in problem.message
    assert "\n" not in str(problem) and len(str(problem)) < 200  # one short line


def test_an_absurd_quantity_or_ucdp_toll_rejects_its_row_only(tmp_path):
    generic = write(tmp_path, "mine.csv", "date,latitude,longitude,type,quantity,fatalities\n"
                    "2024-05-02,48.28,37.17,battles,99999999999999999999,\n"
                    "2024-05-02,48.28,37.17,battles,,1e30\n"
                    "2024-05-02,48.28,37.17,battles,40,2\n")
    result = import_events(generic, today=TODAY)
    assert [(e.quantity, e.fatalities) for e in result.events] == [(40, 2)]
    assert [p.line for p in result.problems] == [2, 3]
    ged = UCDP.splitlines()
    ucdp = write(tmp_path, "ged.csv", "\n".join([ged[0], ged[1].replace(",56,", ",1e9,"),
                                                 ged[2]]) + "\n")
    result = import_events(ucdp, today=TODAY)
    assert len(result.events) == 1 and "best" in result.problems[0].message


def test_cli_import_of_an_absurd_figure_stores_the_good_rows(tmp_path):
    db = str(tmp_path / "ev.db")
    rows = ("UKR1,2024-07-08,2024,1,PV,Battles,Armed clash,A,,Ukraine,,,,Pokrovsk,48.28,"
            "37.17,1,X,note,99999999999999999999999\n"
            "UKR2,2024-07-08,2024,1,PV,Battles,Armed clash,A,,Ukraine,,,,Toretsk,48.39,"
            "37.84,1,X,note,3\n")
    src = write(tmp_path, "acled.csv", ACLED_HEADER + "\n" + rows)
    out = run_geo("events", "import", str(src), "--db", db)
    assert out.returncode == 1, out.stderr  # done, with a row skipped
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr
    assert f"{src}:2: fatalities '99999999999999999999999' is more than 1,000,000" in out.stderr
    listed = run_geo("events", "--db", db, "--json")
    assert [(e["id"], e["fatalities"]) for e in json.loads(listed.stdout)["events"]] == \
        [("UKR2", 3)]


def test_quotes_in_the_data_do_not_change_how_the_file_is_read(tmp_path):
    """The CSV dialect comes from the header: fields full of single quotes used to make ``'``
    the quote character, so every field holding ``"`` came back with its quotes doubled."""
    notes = [f"n{i}: {{{{ 'a' }}}} \"q\" 'b' \\ `" for i in range(6)]
    header = ACLED.split("UKR1001")[0]
    with (tmp_path / "q.csv").open("w", newline="", encoding="utf-8") as fh:
        fh.write(header)
        w = csv.writer(fh)
        for i, n in enumerate(notes):
            w.writerow([f"UKR{i}", "2024-07-08", "2024", "1", "Political violence", "Battles",
                        "Armed clash", "'A' \"B\"", "", "Ukraine", "", "", "", "'X'", "48.0",
                        "37.0", "1", "'Wire'", n, "0"])
    result = import_events(tmp_path / "q.csv", today=TODAY)
    assert [e.text for e in result.events] == notes and not result.problems
    assert {e.actors for e in result.events} == {("'A' \"B\"",)}


def test_ucdp_types_and_precisions(tmp_path):
    result = import_events(write(tmp_path, "ged.csv", UCDP), today=TODAY)
    assert result.format == "ucdp"
    a, b = result.events
    assert (a.id, a.event_type, a.fatalities, a.geo_precision, a.time_precision) == \
        ("ucdp-ged:501", "Battles", 56, 1, 1)
    assert (b.event_type, b.sub_event_type, b.geo_precision, b.time_precision) == \
        ("Violence against civilians", "Attack", 2, 3)
    assert [p.line for p in result.problems] == [4]
    assert "type_of_violence" in result.problems[0].message


def test_generic_csv_with_place_names_through_the_gazetteer(tmp_path):
    path = write(tmp_path, "mine.csv", "date;place;type;notes\n"
                                       "2024-05-02;Pokrovsk;battles;x\n"
                                       "2024-05-03;Atlantis;protests;y\n"
                                       "05/03/2024;Kyiv;protests;z\n")
    result = import_events(path, gazetteer=TinyGazetteer(), today=TODAY)
    assert result.format == "csv"
    (e,) = result.events
    assert (e.location, e.event_type, e.place.id, e.id) == ("Pokrovsk", "Battles", 704679,
                                                            "mine.csv:2")
    reasons = {p.line: p.message for p in result.problems}
    assert "unknown place 'Atlantis'" in reasons[3] and "invalid date" in reasons[4]


def test_missing_date_column_and_empty_file_are_clear_errors(tmp_path):
    with pytest.raises(InputError, match=r"no date column .*found: place, lat, lon"):
        import_events(write(tmp_path, "a.csv", "place,lat,lon\nX,1,2\n"))
    with pytest.raises(InputError, match="empty"):
        import_events(write(tmp_path, "b.csv", ""))
    with pytest.raises(InputError, match="no date property"):
        import_events(write(tmp_path, "c.geojson", json.dumps(
            {"type": "FeatureCollection", "features": [
                {"type": "Feature", "geometry": None, "properties": {"name": "x"}}]})))


def test_geojson_points_and_problems_with_their_lines(tmp_path):
    features = [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [37.17, 48.28]},
         "properties": {"date": "2024-05-01", "event_type": "Riots", "actors": ["A", "B"]}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [200, 48.28]},
         "properties": {"date": "2024-05-01", "event_type": "Riots"}},
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": []},
         "properties": {"date": "2024-05-01", "event_type": "Riots"}},
    ]
    text = '{"type": "FeatureCollection", "features": [\n' + ",\n".join(
        json.dumps(f) for f in features) + "\n]}\n"
    result = import_events(write(tmp_path, "ev.geojson", text), today=TODAY)
    (e,) = result.events
    assert (e.lat, e.lon, e.actors) == (48.28, 37.17, ("A", "B"))
    assert [(p.line, "out of range" in p.message or "Polygon" in p.message)
            for p in result.problems] == [(3, True), (4, True)]


def test_detect_format():
    assert detect_format("x.csv", "event_id_cnty,event_date\n") == "acled"
    assert detect_format("x.csv", "id,type_of_violence,where_prec\n") == "ucdp"
    assert detect_format("x.txt", '{"type": "FeatureCollection"}') == "geojson"
    assert detect_format("x.csv", "date,lat,lon\n") == "csv"


HOSTILE = 'He said "no",\n=HYPERLINK("http://evil"); </script><img src=x onerror=alert(1)> ${x} `'


def hostile_event():
    return Event(id="h1", event_type="Protests", sub_event_type="Peaceful protest",
                 date="2024-05-01", time_precision=1, lat=48.5, lon=37.5, geo_precision=1,
                 actors=("Protesters (Ukraine)", 'Evil, "Inc"'), quantity=300,
                 quantity_unit="people", text=HOSTILE, source="wire", location="Somewhere")


def test_csv_export_keeps_hostile_text_as_data(tmp_path):
    path = tmp_path / "out.csv"
    assert write_csv([hostile_event()], path) == 1
    with path.open(newline="", encoding="utf-8") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["notes"] == HOSTILE
    assert row["actor2"] == 'Evil, "Inc"'
    assert (row["latitude"], row["longitude"], row["quantity"]) == ("48.5", "37.5", "300")
    assert list(row)[:6] == ["event_id_cnty", "event_date", "time_precision", "event_type",
                             "sub_event_type", "actor1"]


def test_geojson_export_is_lon_lat_and_encoded(tmp_path):
    path = tmp_path / "out.geojson"
    assert write_geojson([hostile_event()], path) == 1
    doc = json.loads(path.read_text(encoding="utf-8"))
    (f,) = doc["features"]
    assert f["geometry"]["coordinates"] == [37.5, 48.5]
    assert f["properties"]["notes"] == HOSTILE
    assert f["properties"]["actors"] == ["Protesters (Ukraine)", 'Evil, "Inc"']
    with pytest.raises(InputError, match="--format on the command line"):
        write_events([], tmp_path / "out.txt")


def test_cli_import_list_export(tmp_path):
    db = str(tmp_path / "ev.db")
    src = write(tmp_path, "acled.csv", ACLED)
    out = run_geo("events", "import", str(src), "--db", db)
    assert out.returncode == 1, out.stderr  # some rows rejected
    assert f"geo: {src}:4: coordinates out of range" in out.stderr
    assert "2 imported (2 new, 2 real events), 4 rejected" in out.stderr
    again = run_geo("events", "import", str(src), "--db", db, "--json")
    assert json.loads(again.stdout)["new"] == 0
    listed = run_geo("events", "--db", db, "--type", "explosions", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [e["id"] for e in json.loads(listed.stdout)["events"]] == ["UKR1002"]
    human = run_geo("events", "list", "--db", db, "--since", "2024-07-08")
    assert "Kharkiv" in human.stdout and "Pokrovsk" in human.stdout
    geojson = tmp_path / "e.geojson"
    done = run_geo("events", "export", "--db", db, "-o", str(geojson), "--until", "2024-07-08")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(geojson.read_text())["features"]) == 2
    bad = run_geo("events", "import", str(write(tmp_path, "n.csv", "a,b\n1,2\n")), "--db", db)
    assert bad.returncode == 2 and bad.stderr.startswith("geo: error: ") and \
        "no date column" in bad.stderr and "Traceback" not in bad.stderr
    wrong = run_geo("events", "--db", db, "--type", "parade")
    assert wrong.returncode == 2 and "unknown event type" in wrong.stderr


@pytest.mark.parametrize("suffix", ["gpkg", "kml", "fgb", "parquet"])
def test_events_export_to_the_gis_formats_reads_back(tmp_path, suffix):
    """GeoPackage, KML, FlatGeobuf and GeoParquet, opened with GDAL (pyogrio) / geopandas:
    CRS, the ACLED columns and one row per event."""
    import geopandas as gpd
    import pyogrio

    second = dataclasses.replace(hostile_event(), id="h2", date=None, lat=47.0, lon=36.0)
    path = tmp_path / f"events.{suffix}"
    assert write_events([hostile_event(), second], path) == 2
    back = gpd.read_parquet(path) if suffix == "parquet" else pyogrio.read_dataframe(path)
    assert back.crs.to_epsg() == 4326 and len(back) == 2
    assert {"event_id_cnty", "event_date", "event_type", "notes", "latitude"} <= set(back)
    assert (back.geometry.iloc[0].x, back.geometry.iloc[0].y) == (37.5, 48.5)
    assert back["notes"].iloc[0] == HOSTILE
    assert back["event_date"].isna().tolist() == [False, True]


def test_events_kml_has_names_and_escaped_descriptions(tmp_path):
    import xml.etree.ElementTree as ET

    path = tmp_path / "events.kml"
    write_events([hostile_event()], path)
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    mark = ET.parse(path).getroot().find(".//k:Placemark", ns)
    assert mark.find("k:name", ns).text == "Peaceful protest: Somewhere"
    description = mark.find("k:description", ns).text
    assert "&lt;img src=x" in description and "<img" not in description
