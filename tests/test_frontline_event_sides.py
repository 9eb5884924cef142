"""Events against the line of their day wherever events are shown: ``geo events --side``, every
export, the map's popups, and ``geo map --db`` drawing the store's own snapshots."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pyproj
import pytest

from geo.frontline.model import Snapshot
from geo.frontline.sides import Placement, place_events_of_day
from geo.model import Event
from geo.render.events import events_payload
from geo.store import Store
from tests import frontline_eras as era
from tests.test_frontline_sides import JAN, JUN

ROOT = Path(__file__).resolve().parents[1]
GEOD = pyproj.Geod(ellps="WGS84")
#: January: occupied east of 38 E with a grey zone 37.8-38 E; June: occupied from 37.8 E.
EVENTS = [
    Event("grey", "Battles", "Armed clash", "2024-01-15", 1, 48.59, 37.9, 1, location="A"),
    Event("occ", "Battles", "Armed clash", "2024-06-10", 1, 48.59, 37.9, 1, location="B"),
    Event("held", "Battles", "Armed clash", "2024-06-20", 1, 48.59, 37.5, 1, location="C"),
    Event("stale", "Battles", "Armed clash", "2024-03-15", 1, 48.59, 37.7, 1, location="D"),
]


def km_east(lon0: float, lon1: float, lat: float = 48.59) -> float:
    return GEOD.inv(lon0, lat, lon1, lat)[2] / 1000


def test_placement_reads_as_a_phrase() -> None:
    day = dt.date(2025, 8, 1)
    assert Placement("occupied", -3.24, day).describe() == \
        "occupied ground, 3.2 km behind the line of 2025-08-01"
    assert Placement("held", 12.0, day).describe() == \
        "held ground, 12.0 km from the line of 2025-08-01"
    assert Placement("grey_zone", None, day).describe() == "grey zone, the line of 2025-08-01"
    assert Placement(None, None, None, "no date").describe() == "no side (no date)"


def test_place_events_of_day_by_id_without_a_country() -> None:
    got = place_events_of_day([JUN, JAN], EVENTS, country=None)
    assert {k: v.side for k, v in got.items()} == {
        "grey": "grey_zone", "occ": "occupied", "held": "held", "stale": None}
    assert got["occ"].distance_km == pytest.approx(-km_east(37.8, 37.9), rel=1e-3)
    assert got["held"].distance_km == pytest.approx(km_east(37.5, 37.8), rel=1e-3)
    assert got["held"].line_date == dt.date(2024, 6, 1)
    assert place_events_of_day([], EVENTS) == {}


def test_map_payload_carries_side_km_and_line_date() -> None:
    sides = place_events_of_day([JAN, JUN], EVENTS, country=None)
    rows = {r[7]: r for r in events_payload(EVENTS, sides=sides)["events"]}
    assert rows["B"][17:20] == ["occupied", round(-km_east(37.8, 37.9), 1), "2024-06-01"]
    assert rows["D"][17:20] == [None, None, None]
    fields = events_payload(EVENTS, sides=sides)["fields"]
    assert [fields[k] for k in ("side", "line_km", "line_date")] == [17, 18, 19]
    assert all(len(r) == len(fields) for r in rows.values())
    assert all(r[17:20] == [None, None, None] for r in events_payload(EVENTS)["events"])


@pytest.fixture
def store(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A store with the four events and the two snapshots imported, and an environment with
    no gazetteer index (so nothing is clipped and the line is the whole edge)."""
    def write(path: Path, snap: Snapshot) -> str:
        feats = [era.feature(era.geo_of(snap.occupied), "Окуповано /// Occupied")]
        if snap.grey_zone is not None:
            feats.append(era.feature(era.geo_of(snap.grey_zone), "Статус невідомий /// Unknown"))
        return str(era.write(path, feats))

    db = tmp_path / "geo.db"
    with Store(db) as s:
        s.add_events(EVENTS)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GEO_HOME": str(tmp_path / "home"),
           "GEO_INDEX_DIR": str(tmp_path / "no-index"),
           "GEO_DATA_DIR": str(era.boundary_dir(tmp_path / "data"))}
    files = [write(tmp_path / "f_20240101.geojson", JAN),
             write(tmp_path / "f_20240601.geojson", JUN)]
    r = run(env, "frontline", "import", *files, "--db", str(db))
    assert r.returncode == 0, r.stderr
    return db, env


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=300)


def test_events_list_filters_by_side_and_shows_it(store) -> None:
    db, env = store
    r = run(env, "events", "--db", str(db), "--json")
    assert r.returncode == 0, r.stderr
    ev = {e["id"]: e for e in json.loads(r.stdout)["events"]}
    assert (ev["grey"]["side"], ev["grey"]["line_date"]) == ("grey_zone", "2024-01-01")
    assert ev["grey"]["line_km"] == pytest.approx(km_east(37.9, 38.0), abs=2e-3)
    assert (ev["stale"]["side"], ev["stale"]["line_km"], ev["stale"]["line_date"]) == (
        None, None, None)  # no line within 31 days before 2024-03-15
    r = run(env, "events", "--db", str(db), "--side", "occupied", "--json")
    assert [e["id"] for e in json.loads(r.stdout)["events"]] == ["occ"]
    r = run(env, "events", "list", "--db", str(db), "--side", "held", "--max-gap", "100")
    assert r.returncode == 0, r.stderr
    lines = [x for x in r.stdout.splitlines() if "Armed clash" in x]
    assert len(lines) == 2  # "held" of 2024-06-20, and "stale" against January's line
    assert f"C (g1)  [held ground, {km_east(37.5, 37.8):.1f} km from the line of 2024-06-01]" \
        in r.stdout
    assert f"D (g1)  [held ground, {km_east(37.7, 38.0):.1f} km from the line of 2024-01-01]" \
        in r.stdout


def test_every_export_has_side_km_and_line_date(store, tmp_path: Path) -> None:
    db, env = store
    out = tmp_path / "ev.csv"
    r = run(env, "events", "export", "-o", str(out), "--db", str(db))
    assert r.returncode == 0, r.stderr
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert (rows["occ"]["side"], rows["occ"]["line_date"]) == ("occupied", "2024-06-01")
    assert float(rows["occ"]["line_km"]) == pytest.approx(-km_east(37.8, 37.9), abs=2e-3)
    assert (rows["stale"]["side"], rows["stale"]["line_km"]) == ("", "")
    gj = tmp_path / "ev.geojson"
    r = run(env, "events", "export", "-o", str(gj), "--db", str(db), "--side", "grey_zone")
    assert r.returncode == 0, r.stderr
    (feat,) = json.loads(gj.read_text(encoding="utf-8"))["features"]
    assert feat["id"] == "grey" and feat["properties"]["side"] == "grey_zone"
    assert feat["properties"]["line_date"] == "2024-01-01"
    gpkg = tmp_path / "ev.gpkg"
    r = run(env, "events", "export", "-o", str(gpkg), "--db", str(db))
    assert r.returncode == 0, r.stderr
    import geopandas as gpd

    df = gpd.read_file(gpkg).set_index("event_id_cnty")
    assert df.loc["held", "side"] == "held"
    assert df.loc["held", "line_km"] == pytest.approx(km_east(37.5, 37.8), abs=2e-3)


def test_side_without_snapshots_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "bare.db"
    with Store(db) as s:
        s.add_events(EVENTS[:1])
    r = run({**os.environ, "PYTHONPATH": str(ROOT)}, "events", "--db", str(db), "--side",
            "held")
    assert r.returncode == 2 and r.stderr.startswith("geo: error: --side needs front-line "
                                                     "snapshots")
    r = run({**os.environ, "PYTHONPATH": str(ROOT)}, "events", "--db", str(db), "--side",
            "behind")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    r = run({**os.environ, "PYTHONPATH": str(ROOT)}, "events", "--db", str(db), "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["events"][0]["side"] is None


def test_map_from_the_store_draws_its_snapshots_and_sides(store, tmp_path: Path) -> None:
    db, env = store
    out = tmp_path / "m.html"
    r = run(env, "map", "--db", str(db), "--events", "-o", str(out), "--json")
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)
    assert summary["frontline"] == ["2024-01-01", "2024-06-01"] and summary["events"] == 4
    html = out.read_text(encoding="utf-8")
    assert '"occupied",' + str(round(-km_east(37.8, 37.9), 1)) + ',"2024-06-01",' in html
    r = run(env, "map", "--db", str(db), "--events", "-o", str(out), "--force",
            "--frontline-date", "2024-02-01", "--json")
    assert r.returncode == 0, r.stderr


@pytest.mark.real_gazetteer
def test_extract_into_a_store_with_a_line_gives_json_lines_and_csv_their_side(
        tmp_path: Path) -> None:
    from tests.test_store_fixtures import geo_cmd

    art = tmp_path / "report.txt"
    art.write_text("Yesterday Russian artillery shelled Kharkiv, killing 4 people.\n"
                   "Foreign ministers held talks in Geneva.\n", encoding="utf-8")
    line = era.write(tmp_path / "line_20250301.geojson",
                     [era.feature(era.box(36.0, 49.8, 36.5, 50.2), "Occupied")])  # fictional
    db = tmp_path / "ev.db"

    def run(*a: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(geo_cmd(*a), capture_output=True, text=True, cwd=ROOT,
                              timeout=180)

    assert run("frontline", "import", str(line), "--db", str(db)).returncode == 0
    out = run("events", "extract", str(art), "--date", "2025-03-12", "--db", str(db), "--json")
    assert out.returncode == 0, out.stderr
    found = {e["location"]: e for e in map(json.loads, out.stdout.splitlines())}
    assert (found["Kharkiv"]["side"], found["Kharkiv"]["line_date"]) == ("occupied",
                                                                         "2025-03-01")
    assert found["Kharkiv"]["line_km"] < 0
    assert found["Geneva"]["side"] is None  # outside the country's border
    csv_out = tmp_path / "ev.csv"
    r = run("events", "extract", str(art), "--date", "2025-03-12", "--db", str(db), "-o",
            str(csv_out))
    assert r.returncode == 0, r.stderr
    rows = {r["location"]: r for r in csv.DictReader(csv_out.open(encoding="utf-8"))}
    assert rows["Kharkiv"]["side"] == "occupied" and rows["Geneva"]["side"] == ""


def test_a_map_of_a_long_stored_series_draws_the_last_line_of_each_month(
        capsys: pytest.CaptureFixture[str]) -> None:
    from geo.cli.map import MAP_MAX_SNAPSHOTS, monthly

    few = [dataclasses.replace(JAN, date=dt.date(2024, 1, 1) + dt.timedelta(days=i))
           for i in range(MAP_MAX_SNAPSHOTS)]
    assert monthly(few) == few and capsys.readouterr().err == ""
    many = [dataclasses.replace(JAN, date=dt.date(2024, 1, 1) + dt.timedelta(days=i))
            for i in range(100)]  # 2024-01-01 .. 2024-04-09
    got = monthly(many)
    assert [s.date for s in got] == [dt.date(2024, 1, 31), dt.date(2024, 2, 29),
                                     dt.date(2024, 3, 31), dt.date(2024, 4, 9)]
    assert "100 stored front-line snapshots; the map draws the last of each month (4)" in \
        capsys.readouterr().err
