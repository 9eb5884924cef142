"""`geo map` with --frontline/--frontline-date/--frontline-since and --events (in-process)."""

from __future__ import annotations

import json

import pytest
import shapely

from geo.cli import main


def snapshot(path, x1: float) -> None:
    geom = shapely.geometry.mapping(shapely.box(37.0, 47.5, x1, 48.5))
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": geom}]}), encoding="utf-8")


@pytest.fixture
def inputs(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Russian troops massed near Pokrovsk in the Donetsk region last week, "
                   "officials said.\n", encoding="utf-8")
    f1, f2 = tmp_path / "front_2024-01-01.geojson", tmp_path / "front_2025-01-01.geojson"
    snapshot(f1, 37.5)
    snapshot(f2, 37.8)
    return tmp_path, src, f1, f2


def run(args, capsys):
    return main(args), capsys.readouterr()


def test_frontline_and_events_on_the_map(inputs, capsys) -> None:
    tmp, src, f1, f2 = inputs
    out = tmp / "m.html"
    rc, io = run(["map", str(src), "--frontline", str(f2), str(f1), "--frontline-date",
                  "2024-06-30", "--frontline-since", "2024-01-01", "--events", "-o", str(out),
                  "--json"], capsys)
    assert rc == 0, io.err
    summary = json.loads(io.out)
    assert summary["frontline"] == ["2024-01-01", "2025-01-01"]
    page = out.read_text(encoding="utf-8")
    assert "Front line: gains and losses" in page
    assert '"current":0' in page  # as of 2024-06-30: the 2024-01-01 snapshot
    assert summary["events"] >= 1  # "Russian troops massed near Pokrovsk"
    assert "geo_events_css" in page or "geo-ev-" in page


def test_frontline_bad_input_is_one_line(inputs, capsys) -> None:
    tmp, src, f1, _ = inputs
    for extra in (["--frontline", str(tmp / "missing.geojson")],
                  ["--frontline", str(f1), "--frontline-date", "2024-13-01"],
                  ["--frontline", str(f1), "--frontline-since", "2020-01-01"]):
        rc, io = run(["map", str(src), "-o", str(tmp / "m.html"), *extra], capsys)
        assert rc == 2, extra
        lines = io.err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("geo: error: "), lines
