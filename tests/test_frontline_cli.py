"""``geo frontline`` as a user runs it: a subprocess, its output and exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def geo(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "geo", "frontline", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=60)


def write(path: Path, x1: float, name: str = "Occupied") -> Path:
    ring = [[36, 47], [x1, 47], [x1, 48], [36, 48], [36, 47]]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": name},
         "geometry": {"type": "Polygon", "coordinates": [ring]}}]}), encoding="utf-8")
    return path


@pytest.fixture
def two(tmp_path: Path) -> list[str]:
    return [str(write(tmp_path / "front_20240101.geojson", 37)),
            str(write(tmp_path / "front_20240601.geojson", 37.5))]


def test_stats_json(two: list[str]) -> None:
    r = geo("stats", *two, "--json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert [a["date"] for a in doc["areas"]] == ["2024-01-01", "2024-06-01"]
    assert doc["areas"][0]["occupied_km2"] == pytest.approx(8_376.6, rel=1e-3)
    assert doc["overall"]["net_km2"] == pytest.approx(4_188.3, rel=1e-3)
    assert doc["overall"]["net_pct"] == pytest.approx(0.694, abs=0.001)
    assert doc["country"]["cc"] == "UA" and doc["skipped"] == []


def test_stats_human(two: list[str]) -> None:
    r = geo("stats", *two, "--country", "-")
    assert r.returncode == 0, r.stderr
    assert "2024-01-01 → 2024-06-01" in r.stdout and "equal-area projection" in r.stdout
    assert "country area" not in r.stdout


def test_bad_file_beside_good_ones_is_reported(two: list[str], tmp_path: Path) -> None:
    empty = tmp_path / "front_20240301.geojson"
    empty.write_text("")
    r = geo("stats", *two, str(empty), "--json")
    assert r.returncode == 0
    assert f"geo: warning: {empty}: empty file (skipped)" in r.stderr
    assert json.loads(r.stdout)["skipped"][0]["path"] == str(empty)


def test_bow_tie_warning(tmp_path: Path) -> None:
    path = tmp_path / "bow_20240101.geojson"
    path.write_text(json.dumps({"type": "Polygon", "coordinates": [
        [[30, 50], [31, 51], [31, 50], [30, 51], [30, 50]]]}))
    r = geo("stats", str(path))
    assert r.returncode == 0
    assert "repaired 1 invalid polygon(s)" in r.stderr and r.stderr.startswith("geo: warning:")


@pytest.mark.parametrize(("content", "extra", "message"), [
    ("", (), "empty file"),
    (None, (), "no date"),
    (None, ("--date", "2999-01-01"), "in the future"),
    ('{"type":"Point","coordinates":[30,50]}', ("--date", "2024-01-01"),
     "no occupied-area polygons"),
])
def test_nothing_usable_exits_2(tmp_path: Path, content, extra, message) -> None:
    path = tmp_path / "front.geojson"
    if content is None:
        write(path, 37)
    else:
        path.write_text(content)
    r = geo("stats", str(path), *extra)
    assert r.returncode == 2
    assert r.stderr.startswith("geo: error:") and message in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert "Traceback" not in r.stderr


def test_kml_without_polygons_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "pins_20240101.kml"
    path.write_text('<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
                    "<Placemark><name>p</name><Point><coordinates>30,50</coordinates></Point>"
                    "</Placemark></Document></kml>")
    r = geo("stats", str(path))
    assert r.returncode == 2 and "KML has no occupied-area polygons" in r.stderr


@pytest.mark.parametrize("args", [
    ("stats",), ("stats", "x.geojson", "--date", "tomorrow"), ("stats", "x", "--country", "UKR"),
    ("near", "x.geojson", "--at", "91,30"), ("stats", "/nonexistent/f_20240101.geojson"),
])
def test_usage_errors_exit_2(args) -> None:
    r = geo(*args)
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_near(two: list[str]) -> None:
    r = geo("near", two[0], "--at", "47.5,37.1", "--at", "47.5,36.5", "--json")
    assert r.returncode == 0, r.stderr
    pts = json.loads(r.stdout)["points"]
    assert pts[0]["distance_km"] == pytest.approx(7.5, abs=0.1) and not pts[0]["occupied"]
    assert pts[1]["occupied"] and pts[1]["distance_km"] < 0
    r = geo("near", two[0], "--at", "47.5,37.1", "--at", "47.5,40", "--within", "10")
    rows = [line for line in r.stdout.splitlines()[1:] if line.strip()]
    assert r.returncode == 0 and len(rows) == 1 and "37.1000" in rows[0]


def test_imports_stay_light() -> None:
    code = ("import sys, geo.frontline, geo.cli.frontline, geo.frontline.model;"
            "print(sorted(m for m in ('shapely','pyproj','pyogrio','numpy','pandas','folium')"
            " if m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       timeout=60)
    assert r.stdout.strip() == "[]", r.stdout + r.stderr
