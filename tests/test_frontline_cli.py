"""``geo frontline`` as a user runs it: a subprocess, its output and exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import shapely

from tests import frontline_eras as era

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A GEO_HOME without an index and boundary files holding the synthetic country."""
    base = tmp_path_factory.mktemp("geo_home")
    era.boundary_dir(base / "data")
    return base


def geo(*args: str, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if home is not None:
        env.update(GEO_HOME=str(home), GEO_INDEX_DIR=str(home / "no-index"),
                   GEO_DATA_DIR=str(home / "data"))
    return subprocess.run([sys.executable, "-m", "geo", "frontline", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=120)


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


def test_stats_json(two: list[str], home: Path) -> None:
    r = geo("stats", *two, "--json", home=home)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert [a["date"] for a in doc["areas"]] == ["2024-01-01", "2024-06-01"]
    assert doc["areas"][0]["occupied_km2"] == pytest.approx(8_376.6, rel=1e-3)
    assert doc["overall"]["net_km2"] == pytest.approx(4_188.3, rel=1e-3)
    country = era.km2(era.COUNTRY)
    assert doc["country"]["km2"] == pytest.approx(country, rel=2e-3)
    assert doc["overall"]["net_pct"] == pytest.approx(100 * 4_188.3 / country, rel=2e-3)
    assert doc["country"]["cc"] == "UA" and doc["skipped"] == []
    assert doc["clipped_to"] == "UA (gazetteer boundary file)"


def test_stats_human(two: list[str]) -> None:
    r = geo("stats", *two, "--country", "-")  # no country: no clipping, no index needed
    assert r.returncode == 0, r.stderr
    assert "2024-01-01 → 2024-06-01" in r.stdout and "equal-area projection" in r.stdout
    assert "country area" not in r.stdout


def test_bad_file_beside_good_ones_is_reported(two: list[str], tmp_path: Path,
                                               home: Path) -> None:
    empty = tmp_path / "front_20240301.geojson"
    empty.write_text("")
    r = geo("stats", *two, str(empty), "--json", home=home)
    assert r.returncode == 0, r.stderr  # measured: a series with a bad file still exits 0
    assert f"geo: warning: {empty}: empty file (skipped)" in r.stderr
    assert "geo: 1 of 3 files skipped" in r.stderr
    assert json.loads(r.stdout)["skipped"][0]["path"] == str(empty)


def test_bow_tie_warning(tmp_path: Path, home: Path) -> None:
    path = tmp_path / "bow_20240101.geojson"
    path.write_text(json.dumps({"type": "Polygon", "coordinates": [
        [[30, 50], [31, 51], [31, 50], [30, 51], [30, 50]]]}))
    r = geo("stats", str(path), home=home)
    assert r.returncode == 0
    assert "repaired 1 invalid polygon(s)" in r.stderr and r.stderr.startswith("geo: warning:")


@pytest.mark.parametrize(("content", "extra", "message"), [
    ("", (), "empty file"),
    (None, (), "no date"),
    (None, ("--date", "2999-01-01"), "in the future"),
    ('{"type":"Point","coordinates":[30,50]}', ("--date", "2024-01-01"),
     "no occupied-area polygons"),
])
def test_nothing_usable_exits_2(tmp_path: Path, home: Path, content, extra, message) -> None:
    path = tmp_path / "front.geojson"
    if content is None:
        write(path, 37)
    else:
        path.write_text(content)
    r = geo("stats", str(path), *extra, home=home)
    assert r.returncode == 2
    assert r.stderr.startswith("geo: error:") and message in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert "Traceback" not in r.stderr


def test_kml_without_polygons_exits_2(tmp_path: Path, home: Path) -> None:
    path = tmp_path / "pins_20240101.kml"
    path.write_text('<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
                    "<Placemark><name>p</name><Point><coordinates>30,50</coordinates></Point>"
                    "</Placemark></Document></kml>")
    r = geo("stats", str(path), home=home)
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


@pytest.fixture
def eras(tmp_path: Path) -> Path:
    """A directory with one synthetic snapshot of each era, two in one month, and a bad one."""
    d = tmp_path / "series"
    d.mkdir()
    era.write(d / "ds_20220414.geojson", era.spring_2022())
    era.write(d / "ds_20230601.geojson", era.mid_2022_2024())
    era.write(d / "ds_20240515.geojson", era.spring_2024())
    era.write(d / "cy_20240520.geojson", era.cyterat(extra_x=0.5))  # +0.5° east in 5 days
    (d / "ds_20240601.geojson").write_text('{"type": "Feature"', encoding="utf-8")
    (d / "README.txt").write_text("not a snapshot", encoding="utf-8")
    return d


def test_series_by_month_with_regions_csv_and_plot(eras: Path, home: Path) -> None:
    out_csv, out_png = eras.parent / "series.csv", eras.parent / "series.png"
    r = geo("stats", str(eras), "--by", "month", "--by-region", "--json", "--csv", str(out_csv),
            "--plot", str(out_png), home=home)
    assert r.returncode == 0, r.stderr  # the broken file is skipped, the rest measured
    assert "ds_20240601.geojson: not valid JSON" in r.stderr
    assert "1 of 5 files skipped" in r.stderr
    doc = json.loads(r.stdout)
    assert [p["period"] for p in doc["periods"]] == ["2022-04", "2023-06", "2024-05"]
    may = doc["periods"][-1]
    assert may["date"] == "2024-05-20"  # the last snapshot of the month is the one in force
    gained = era.km2(shapely.box(37, 47, 37.5, 48))
    assert may["change"]["gained_km2"] == pytest.approx(gained, rel=2e-3)
    lost = era.km2(shapely.box(36.5, 48, 37, 48.5))  # drawn in 2023, not in the cyterat file
    assert may["change"]["lost_km2"] == pytest.approx(lost, rel=2e-3)
    assert may["change"]["from"] == "2023-06-01"
    assert may["occupied_since_2022_km2"] is None  # cyterat draws nothing apart
    assert doc["periods"][1]["occupied_since_2022_km2"] == pytest.approx(
        era.km2(shapely.union_all([era.OCCUPIED_2022, shapely.box(36.5, 48, 37, 48.5)])),
        rel=2e-3)
    regions = {g["region"]: g for g in may["change"]["regions"]}
    assert set(regions) == {"East Oblast"}
    assert regions["East Oblast"]["gained_km2"] == pytest.approx(gained, rel=2e-3)
    assert regions["East Oblast"]["lost_km2"] == pytest.approx(lost, rel=2e-3)
    rows = out_csv.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("period,date,occupied_km2,occupied_since_2022_km2")
    assert sum(1 for line in rows if line.startswith("2024-05,")) == 2  # total + East Oblast
    assert any(",East Oblast," in line for line in rows)
    assert out_png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out_png.stat().st_size > 20_000


def test_series_human_table_and_workers_agree(eras: Path, home: Path) -> None:
    one = geo("stats", str(eras), "--workers", "1", "--json", home=home)
    two = geo("stats", str(eras), "--workers", "2", "--json", home=home)
    assert one.returncode == two.returncode == 0
    assert json.loads(one.stdout)["areas"] == json.loads(two.stdout)["areas"]
    human = geo("stats", str(eras), home=home)
    assert "since 2022" in human.stdout and "clipped to: UA" in human.stdout


def test_nothing_readable_in_a_series_exits_2(tmp_path: Path, home: Path) -> None:
    for i in range(3):
        (tmp_path / f"bad_2024010{i + 1}.geojson").write_text("[", encoding="utf-8")
    r = geo("stats", str(tmp_path), home=home)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines()[-1] == "geo: error: no usable snapshot in 3 files"
    empty = tmp_path / "empty_dir"
    empty.mkdir()
    r = geo("stats", str(empty), home=home)
    assert r.returncode == 2 and "no snapshot files" in r.stderr


def test_csv_to_unwritable_place_is_a_clear_error(two: list[str], home: Path,
                                                   tmp_path: Path) -> None:
    (tmp_path / "plain-file").write_text("x")
    target = tmp_path / "plain-file" / "out.csv"  # under a file: unwritable even for root
    r = geo("stats", *two, "--csv", str(target), home=home)
    last = r.stderr.strip().splitlines()[-1]  # refused by --csv's path type, before any work
    assert r.returncode == 2 and last.startswith("geo: error: argument --csv: ")
    assert f"cannot write {target}" in last


def test_no_escape_sequence_from_a_file_reaches_the_terminal(tmp_path: Path, home: Path) -> None:
    evil = "\x1b]0;pwned\x07src\x1b[31m red\x1b[2J\x9b1m"
    path = write(tmp_path / "front_20240101.geojson", 37)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["features"][0]["properties"].update(source=evil, date=evil)  # a bad date: a note
    path.write_text(json.dumps(doc), encoding="utf-8")
    r = geo("stats", str(path), "--date", "2024-01-01", home=home)
    assert r.returncode == 0, r.stderr
    assert "]0;pwned src [31m red [2J 1m" in r.stdout and "date(s) not understood" in r.stderr
    assert not any((ord(c) < 32 and c != "\n") or 0x7f <= ord(c) <= 0x9f
                   for c in r.stdout + r.stderr)


# --- outputs follow the --force rule (review defect 1, 2) ---


def _one_error_line(stderr: str) -> None:
    assert stderr.startswith("geo: error: ") and stderr.count("\n") == 1, stderr


def test_csv_and_plot_keep_existing_files_without_force(two, home, tmp_path):
    csv, png = tmp_path / "keep.csv", tmp_path / "keep2.png"
    csv.write_text("mine\n")
    png.write_bytes(b"mine")
    for option, target in (("--csv", csv), ("--plot", png)):
        r = geo("stats", *two, option, str(target), home=home)
        assert r.returncode == 2 and "--force" in r.stderr and r.stdout == ""
        _one_error_line(r.stderr)
    assert csv.read_text() == "mine\n" and png.read_bytes() == b"mine"
    r = geo("stats", *two, "--csv", str(csv), "--plot", str(png), "--force", home=home)
    assert r.returncode == 0, r.stderr
    assert csv.read_text().startswith("period,date,") and png.read_bytes()[:4] == b"\x89PNG"
    assert not [p for p in tmp_path.iterdir() if ".tmp" in p.name]


def test_plot_needs_a_png_name(two, home, tmp_path):
    r = geo("stats", *two, "--plot", str(tmp_path / "a.txt"), home=home)
    assert r.returncode == 2 and "FILE.png" in r.stderr
    _one_error_line(r.stderr)
    assert not (tmp_path / "a.txt").exists()


def test_plot_of_one_snapshot_warns_nothing(home, tmp_path):
    one = write(tmp_path / "front_20240101.geojson", 37)
    r = geo("stats", str(one), "--plot", str(tmp_path / "one.png"), home=home)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    assert (tmp_path / "one.png").read_bytes()[:4] == b"\x89PNG"


def test_a_file_named_twice_is_measured_once(two: list[str], home: Path) -> None:
    r = geo("stats", two[0], two[0], "--json", home=home)
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["areas"]) == 1
    assert "named more than once; measured once" in r.stderr


def test_two_snapshots_of_one_day_are_called_two_sources(tmp_path: Path, home: Path) -> None:
    a = write(tmp_path / "a_20240101.geojson", 37)
    b = write(tmp_path / "b_20240101.geojson", 37.5)
    r = geo("stats", str(a), str(b), "--json", home=home)
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["areas"]) == 2
    assert "2 snapshots share the date 2024-01-01" in r.stderr
    assert "between sources, not days" in r.stderr
