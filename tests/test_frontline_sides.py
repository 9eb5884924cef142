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
