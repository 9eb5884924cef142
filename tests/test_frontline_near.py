"""``geo frontline near``: points and names, a mention store, settlements along the line.

Synthetic occupied squares near real Donbas towns, the tiny fixture gazetteer (its Ukraine is a
box from 22.1 to 40.2 E, 44.3 to 52.4 N) and a small real store; the full gazetteer only in the
tests marked ``real_gazetteer``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geo.cli import main
from geo.errors import InputError
from geo.frontline.model import Snapshot
from geo.model import Event
from geo.store import Store
from tests.test_gazetteer_fixture import build_fixture
from tests.test_store_fixtures import KRAMATORSK, POKROVSK, TOULON, parsed

ROOT = Path(__file__).resolve().parents[1]
# Bakhmut (48.594, 37.999) inside, Kramatorsk and Slovyansk 15-17 km west, Pokrovsk 46 km
SQUARE = (37.8, 48.0, 38.6, 48.9)  # west, south, east, north
# crosses the fixture Ukraine's eastern edge (40.2 E): the part beyond it is not front line
ACROSS = (38.0, 47.5, 41.0, 48.5)


def write(path: Path, bbox: tuple[float, float, float, float]) -> Path:
    w, s, e, n = bbox
    ring = [[w, s], [e, s], [e, n], [w, n], [w, s]]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Occupied"},
         "geometry": {"type": "Polygon", "coordinates": [ring]}}]}), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    return build_fixture(tmp_path_factory.mktemp("gaz") / "index").path


@pytest.fixture
def env(index: Path, monkeypatch: pytest.MonkeyPatch):
    """The CLI in this process on the fixture index (``default_gazetteer`` is cached per
    process: cleared before and after, so no other test sees the fixture)."""
    from geo.pipeline import default_gazetteer

    monkeypatch.setenv("GEO_INDEX_DIR", str(index))
    default_gazetteer.cache_clear()
    yield index
    default_gazetteer.cache_clear()


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, str]:
    d = tmp_path_factory.mktemp("front")
    return {
        "old": str(write(d / "front_20240101.geojson", (38.0, 48.0, 38.6, 48.9))),
        "new": str(write(d / "front_20240601.geojson", SQUARE)),
        "across": str(write(d / "across_20240601.geojson", ACROSS)),
    }


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("store") / "geo.db"
    with Store(path) as store:
        store.add([parsed("a1", [KRAMATORSK, POKROVSK, TOULON]),
                   parsed("a2", [KRAMATORSK], date="2024-05-02")])
        store.add_events([Event("e1", "Battles", "Armed clash", "2024-06-05", 1, 48.59, 38.0, 1,
                                location="Bakhmut", article_id="a1")])
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["frontline", "near", *args])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    code, out, err = run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


# --- points and names ------------------------------------------------------------------------

def test_names_and_points(env, files, capsys) -> None:
    doc = run_json(capsys, files["new"], "--at", "Kramatorsk", "--at", "48.5,38.2")
    kram, inside = doc["points"]
    assert kram["name"] == "Kramatorsk" and kram["place"]["id"] == 704508
    assert (kram["lat"], kram["lon"]) == (48.73106, 37.56779)
    assert kram["distance_km"] == pytest.approx(17.08, abs=0.05) and not kram["occupied"]
    assert "name" not in inside and inside["occupied"]
    assert inside["distance_km"] == pytest.approx(-29.56, abs=0.05)
    assert doc["edge"] == {"country": "UA", "inland_km": 5.0} and doc["warnings"] == []


def test_human_table(env, files, capsys) -> None:
    code, out, _ = run(capsys, files["new"], "--at", "Kramatorsk", "--at", "48.5,38.2")
    assert code == 0
    assert out.startswith("as of 2024-06-01 · ")
    assert "+17.1 km  outside " in out and "Kramatorsk" in out and "-29.6 km  occupied" in out


def test_within_and_side_filter_points(env, files, capsys) -> None:
    at = ("--at", "Kramatorsk", "--at", "Pokrovsk", "--at", "48.5,38.2")
    names = [p.get("name") for p in run_json(capsys, files["new"], *at, "--within", "20")["points"]]
    assert names == ["Kramatorsk"]
    inside = run_json(capsys, files["new"], *at, "--side", "inside")["points"]
    assert [p["occupied"] for p in inside] == [True]


def test_the_country_border_is_not_front_line(env, files, capsys) -> None:
    # a point east of the square, outside the fixture Ukraine: the nearest *front* is far west
    at = ("--at", "48.0,41.5")
    front = run_json(capsys, files["across"], *at)["points"][0]["distance_km"]
    edge = run_json(capsys, files["across"], *at, "--country", "-")["points"][0]["distance_km"]
    assert edge == pytest.approx(37.3, abs=0.1)
    assert front > 100


def test_without_an_index_coordinates_still_work(files) -> None:
    env = {**os.environ, "GEO_INDEX_DIR": "/nonexistent-geo-index", "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-m", "geo", "frontline", "near", files["new"], "--at",
                        "48.73106,37.56779"], capture_output=True, text=True, env=env, cwd=ROOT,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    assert "no gazetteer index" in r.stderr and "whole edge" in r.stderr
    assert "+17.1" in r.stdout
    assert not Path("/nonexistent-geo-index").exists()  # not built just for an outline


# --- snapshots by date -------------------------------------------------------------------------

def test_latest_or_on_before_date(env, files, capsys) -> None:
    both = (files["old"], files["new"], "--at", "Kramatorsk")
    assert run_json(capsys, *both)["date"] == "2024-06-01"
    doc = run_json(capsys, *both, "--date", "2024-05-31")
    assert doc["date"] == "2024-01-01"
    assert doc["points"][0]["distance_km"] == pytest.approx(31.7, abs=0.2)
    _, _, err = run(capsys, *both, "--date", "2024-05-31")
    assert "not used" not in err  # --date picks here; it is no news that files keep theirs


@pytest.mark.parametrize(("args", "message"), [
    (("--date", "2023-12-31", "--at", "48,38"),
     "no snapshot on or before 2023-12-31 (the earliest is 2024-01-01)"),
    (("--at", "Kramatorks"), "unknown place 'Kramatorks'; did you mean: Kramatorsk?"),
    (("--at", "Atlantis Prime"), "unknown place 'Atlantis Prime'"),
    ((), "nothing to measure: give --at, --db or --settlements"),
    (("--db", "/nonexistent/geo.db"), "/nonexistent/geo.db"),
])
def test_bad_input_is_one_line_exit_2(env, files, capsys, args, message) -> None:
    code, out, err = run(capsys, files["old"], files["new"], *args)
    assert code == 2 and out == ""
    assert err.startswith("geo: error: ") and message in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [
    ("--date", "2024-02-30", "--at", "48,38"), ("--at", "91,30"), ("--settlements", "-1"),
    ("--within", "x", "--at", "48,38"), ("--side", "left", "--settlements", "5"),
])
def test_usage_errors_exit_2(env, files, capsys, args) -> None:
    assert main(["frontline", "near", files["new"], *args]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


# --- the store ---------------------------------------------------------------------------------

def test_store_places_and_events(env, files, db, capsys) -> None:
    doc = run_json(capsys, files["new"], "--db", db)
    places = doc["places"]
    assert [p["name"] for p in places] == ["Kramatorsk", "Pokrovsk", "Toulon"]  # nearest first
    assert [p["mentions"] for p in places] == [2, 1, 1]
    assert places[0]["articles"] == 2 and places[0]["last_seen"] == "2024-05-02"
    assert places[0]["distance_km"] == pytest.approx(17.9, abs=0.1)  # the store's coordinates
    assert places[2]["distance_km"] > 2000
    (event,) = doc["events"]
    assert event["id"] == "e1" and event["location"] == "Bakhmut" and event["occupied"]
    assert event["distance_km"] == pytest.approx(-14.7, abs=0.2)
    near = run_json(capsys, files["new"], "--db", db, "--within", "50")
    assert [p["name"] for p in near["places"]] == ["Kramatorsk", "Pokrovsk"]
    outside = run_json(capsys, files["new"], "--db", db, "--side", "outside")
    assert outside["events"] == [] and len(outside["places"]) == 3


def test_store_human(env, files, db, capsys) -> None:
    code, out, _ = run(capsys, files["new"], "--db", db)
    assert code == 0
    assert f"places mentioned in {db} (3):" in out and f"events in {db} (1):" in out
    assert "Battles / Armed clash: Bakhmut" in out


def test_no_escape_sequence_reaches_the_terminal(env, tmp_path, capsys) -> None:
    """A front-line file's ``source`` and an error message carrying terminal escape sequences
    (set the title, recolour, clear the screen) arrive as plain text."""
    evil = "\x1b]0;pwned\x07src\x1b[31m red\x1b[2J\x9b1m"
    path = write(tmp_path / "front_2024-06-01.geojson", SQUARE)
    doc = json.loads(path.read_text())
    doc["features"][0]["properties"]["source"] = evil
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = run(capsys, str(path), "--at", "48.5,38.2")
    assert code == 0, err
    assert out.startswith("as of 2024-06-01 ·  ]0;pwned src [31m red [2J 1m · ")
    assert not any((ord(c) < 32 and c != "\n") or 0x7f <= ord(c) <= 0x9f for c in out + err)
    code, _, err = run(capsys, str(path), "--at", evil)
    assert code == 2 and err.startswith("geo: error: ") and "\x1b" not in err


# --- settlements -------------------------------------------------------------------------------

def test_settlements(env, files, capsys) -> None:
    doc = run_json(capsys, files["new"], "--settlements", "20")
    got = [(s["name"], round(s["distance_km"], 1)) for s in doc["settlements"]]
    assert got == [("Bakhmut", -14.7), ("Slovyansk", 14.9), ("Kramatorsk", 17.1)]
    assert doc["settlements_km"] == 20
    inside = run_json(capsys, files["new"], "--settlements", "20", "--side", "inside")
    assert [s["name"] for s in inside["settlements"]] == ["Bakhmut"]
    assert run_json(capsys, files["new"], "--settlements", "10")["settlements"] == []
    code, out, _ = run(capsys, files["new"], "--settlements", "50", "--side", "outside")
    assert code == 0 and "settlements within 50 km (3: 3 outside, 0 inside):" in out
    assert "+46.2 km  outside      60,127  Pokrovsk (Donetsk Oblast, UA)" in out


def test_python_api(index, files) -> None:
    from geo.frontline.load import load_snapshots
    from geo.frontline.near import NearRequest, measure
    from geo.frontline.stats import snapshot_on
    from geo.gazetteer import Gazetteer

    snaps, _ = load_snapshots([files["old"], files["new"]])
    assert snapshot_on(snaps).date == dt.date(2024, 6, 1)
    assert snapshot_on(snaps, dt.date(2024, 1, 1)).date == dt.date(2024, 1, 1)
    assert snapshot_on(snaps, dt.date(2023, 1, 1)) is None
    with Gazetteer.open(index) as gaz:
        rep = measure(snaps, NearRequest(at=("Slovyansk",), settlements_km=16), gazetteer=gaz)
        assert rep.points[0].place.id == 693468 and rep.snapshot.date == dt.date(2024, 6, 1)
        assert [n.place.name for n in rep.settlements] == ["Bakhmut", "Slovyansk"]
        with pytest.raises(InputError):
            measure(snaps, NearRequest(side="left"), gazetteer=gaz)
    empty = Snapshot(dt.date(2024, 1, 1), __import__("shapely").geometry.Polygon(), None, "x")
    with pytest.raises(InputError):
        measure([empty], NearRequest(at=((48.0, 38.0),), country=None))


# --- the full gazetteer ------------------------------------------------------------------------

@pytest.mark.real_gazetteer
def test_real_gazetteer_names_and_settlements(files, capsys) -> None:
    from geo._paths import index_dir

    if not (index_dir() / "manifest.json").is_file():
        pytest.fail("no built gazetteer index (geo gazetteer build)")
    doc = run_json(capsys, files["new"], "--at", "Kramatorsk", "--at", "Bakhmut",
                   "--settlements", "3")
    kram, bakh = doc["points"]
    assert kram["place"]["cc"] == "UA" and 15 < kram["distance_km"] < 19
    assert bakh["occupied"] and -16 < bakh["distance_km"] < -13
    sett = doc["settlements"]
    assert len(sett) > 5 and all(abs(s["distance_km"]) <= 3 for s in sett)
    assert all(s["cc"] == "UA" for s in sett)
    assert sett == sorted(sett, key=lambda s: abs(s["distance_km"]))
