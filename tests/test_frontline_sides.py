"""Events against the line of their day: which snapshot, which side, how far."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pyproj
import pytest
import shapely

from geo.errors import InputError
from geo.frontline.model import Snapshot
from geo.frontline.sides import line_of_day, place_events
from geo.model import Event
from geo.store import Store
from tests import frontline_eras as era

ROOT = Path(__file__).resolve().parents[1]
GEOD = pyproj.Geod(ellps="WGS84")
JAN = Snapshot(dt.date(2024, 1, 1), shapely.box(38.0, 48.0, 38.6, 48.9),
               shapely.box(37.8, 48.0, 38.0, 48.9), "test", "jan.geojson")
JUN = Snapshot(dt.date(2024, 6, 1), shapely.box(37.8, 48.0, 38.6, 48.9), None, "test",
               "jun.geojson")


def test_line_of_day_is_the_latest_not_after_within_the_gap() -> None:
    snaps = [JUN, JAN]
    assert line_of_day(snaps, dt.date(2024, 1, 1)) is JAN
    assert line_of_day(snaps, dt.date(2024, 1, 20)) is JAN
    assert line_of_day(snaps, dt.date(2024, 3, 1)) is None  # 60 days old: too old
    assert line_of_day(snaps, dt.date(2024, 3, 1), max_gap_days=90) is JAN
    assert line_of_day(snaps, dt.date(2023, 12, 31)) is None
    assert line_of_day(snaps, dt.date(2024, 6, 15)) is JUN


def test_sides_and_signed_distances() -> None:
    events = [
        (48.59, 37.9, "2024-01-15"),  # grey zone in January
        (48.59, 37.7, dt.date(2024, 1, 15)),  # held, 0.3° west of the January line
        (48.59, 38.3, "2024-01-15"),  # occupied
        (48.59, 37.9, "2024-06-10"),  # occupied by June
        (48.59, 37.9, None),
        (48.59, 37.9, "2024-03-01"),
    ]
    got = place_events([JAN, JUN], events)
    assert [p.side for p in got] == ["grey_zone", "held", "occupied", "occupied", None, None]
    assert [p.line_date for p in got[:4]] == [JAN.date, JAN.date, JAN.date, JUN.date]
    assert got[1].distance_km == pytest.approx(GEOD.inv(37.7, 48.59, 38.0, 48.59)[2] / 1000,
                                               rel=2e-3)
    assert got[2].distance_km < 0 and got[3].distance_km < 0
    assert got[4].why == "no date" and "within 31 days" in got[5].why
    assert got[0].to_dict()["side"] == "grey_zone"


def test_outside_the_border_has_no_side() -> None:
    snap = Snapshot(dt.date(2024, 1, 1), shapely.box(36, 47, 41, 48), None, "t", "x")
    got = place_events([snap], [(47.5, 40.5, "2024-01-02"), (47.5, 39.5, "2024-01-02")],
                       border=era.COUNTRY)  # the country ends at 40 E
    assert got[0].side is None and got[0].why == "outside the country's border"
    assert got[1].side == "occupied"
    with pytest.raises(InputError):
        place_events([snap], [], max_gap_days=-1)


def test_near_places_stored_events_against_their_day(tmp_path: Path) -> None:
    def write(path: Path, snap: Snapshot) -> str:
        feats = [era.feature(era.geo_of(snap.occupied), "Окуповано /// Occupied")]
        if snap.grey_zone is not None:
            feats.append(era.feature(era.geo_of(snap.grey_zone), "Статус невідомий /// Unknown"))
        return str(era.write(path, feats))

    files = [write(tmp_path / "f_20240101.geojson", JAN), write(tmp_path / "f_20240601.geojson",
                                                                 JUN)]
    db = tmp_path / "geo.db"
    with Store(db) as store:
        store.add_events([
            Event("jan", "Battles", "Armed clash", "2024-01-15", 1, 48.59, 37.9, 1, location="A"),
            Event("jun", "Battles", "Armed clash", "2024-06-10", 1, 48.59, 37.9, 1, location="B"),
            Event("old", "Battles", "Armed clash", "2024-03-15", 1, 48.59, 37.7, 1, location="C"),
        ])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def near(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "geo", "frontline", "near", *files, "--db",
                               str(db), "--country", "-", *args], capture_output=True,
                              text=True, env=env, cwd=ROOT, timeout=120)

    r = near("--json")
    assert r.returncode == 0, r.stderr
    ev = {e["id"]: e for e in json.loads(r.stdout)["events"]}
    assert (ev["jan"]["side"], ev["jan"]["line_date"]) == ("grey_zone", "2024-01-01")
    assert (ev["jun"]["side"], ev["jun"]["line_date"]) == ("occupied", "2024-06-01")
    assert ev["old"]["side"] is None and ev["old"]["line_date"] is None
    r = near("--json", "--max-gap", "100")
    assert json.loads(r.stdout)["events"][-1]["side"] == "held"
    r = near("--json", "--event-side", "occupied")
    assert [e["id"] for e in json.loads(r.stdout)["events"]] == ["jun"]
    r = near("--max-gap", "-3")
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_import_into_the_store_then_measure_and_place_from_it(tmp_path: Path) -> None:
    a = era.write(tmp_path / "ds_20230601.geojson", era.mid_2022_2024())
    b = era.write(tmp_path / "ds_20240515.geojson", era.spring_2024())
    db = tmp_path / "geo.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GEO_HOME": str(tmp_path / "home"),
           "GEO_INDEX_DIR": str(tmp_path / "no-index"),
           "GEO_DATA_DIR": str(era.boundary_dir(tmp_path / "data"))}

    def geo(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "geo", "frontline", *args],
                              capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)

    r = geo("import", str(a), str(b), "--db", str(db))
    assert r.returncode == 0 and "2 snapshot(s) imported, 0 already stored" in r.stdout, r.stderr
    r = geo("import", str(tmp_path), "--db", str(db), "--json")  # the same again: nothing new
    assert r.returncode == 0 and json.loads(r.stdout)["already_stored"] == 2
    from_files = json.loads(geo("stats", str(a), str(b), "--json").stdout)
    from_store = json.loads(geo("stats", "--db", str(db), "--json").stdout)
    assert [x["occupied_km2"] for x in from_store["areas"]] == [
        x["occupied_km2"] for x in from_files["areas"]]
    assert from_store["areas"][0]["occupied_since_2022_km2"] == pytest.approx(
        era.km2(shapely.union_all([era.OCCUPIED_2022, shapely.box(36.5, 48, 37, 48.5)])),
        rel=2e-3)
    with Store(db) as store:
        store.add_events([Event("e", "Battles", "Armed clash", "2024-05-20", 1, 47.5, 36.5, 1)])
    r = geo("near", "--db", str(db), "--country", "-", "--json")
    assert r.returncode == 0, r.stderr
    (ev,) = json.loads(r.stdout)["events"]
    assert (ev["side"], ev["line_date"]) == ("occupied", "2024-05-15")
    empty = tmp_path / "empty.db"
    Store(empty).close()
    r = geo("stats", "--db", str(empty))
    assert r.returncode == 2 and "holds no front-line snapshots" in r.stderr
    not_a_store = tmp_path / "x.db"
    not_a_store.write_text("hello", encoding="utf-8")
    r = geo("import", str(a), "--db", str(not_a_store))
    assert r.returncode == 2 and r.stderr.startswith("geo: error:") and "Traceback" not in r.stderr
