"""Spatial joins of points to admin-1 units and countries, on synthetic polygons."""

from __future__ import annotations

import gzip
import json
import math

import pytest
import shapely

from geo.errors import InputError
from geo.regions import AdminAreas, Region, join_points, load_areas
from geo.regions.join import naive_join

NORTH = shapely.box(30, 48, 32, 50)  # admin-1 "01" of AA
SOUTH = shapely.box(30, 46, 32, 48)  # admin-1 "02" of AA, shares the edge lat 48
OTHER = shapely.box(40, 46, 42, 50)  # admin-1 "01" of BB


def areas() -> AdminAreas:
    return AdminAreas.from_records([
        (Region(3, "admin1", "BB", "01", "Otherland East"), OTHER),
        (Region(1, "admin1", "AA", "01", "North Oblast"), NORTH),
        (Region(2, "admin1", "AA", "02", "South Oblast"), SOUTH),
        (Region(10, "country", "AA", "", "Testland"), shapely.union(NORTH, SOUTH)),
        (Region(20, "country", "BB", "", "Otherland"), OTHER),
    ])


def labels(a: AdminAreas, rows) -> list[str | None]:
    return [a.region(r).label if r >= 0 else None for r in rows]


def test_frame_is_ordered_and_labelled() -> None:
    a = areas()
    assert list(a.frame["level"]) == ["admin1"] * 3 + ["country"] * 2
    assert a.region(0).label == "North Oblast, AA"  # admin-1: "name, CC"
    assert a.region(3).label == "Testland"  # country: its name
    assert [r.label for r in a.regions("country")] == ["Testland", "Otherland"]
    assert a.frame.crs.to_epsg() == 4326


def test_inside_edge_coast_far_and_invalid_points() -> None:
    a = areas()
    lats = [49.0, 47.0, 48.0, 49.0, 49.0, 49.0, 0.0, math.nan, 95.0]
    lons = [31.0, 31.0, 31.0, 32.05, 32.5, 41.0, 0.0, 31.0, 31.0]
    j = join_points(a, lats, lons)
    assert labels(a, j.admin1) == [
        "North Oblast, AA", "South Oblast, AA",
        "North Oblast, AA",  # on the shared edge: the first unit in frame order
        "North Oblast, AA",  # 3.6 km off the coast: nearest polygon
        None,  # 36 km off: too far
        "Otherland East, BB", None, None, None]
    assert list(j.admin1_how) == [1, 1, 1, 2, 0, 1, 0, 0, 0]
    assert labels(a, j.country) == ["Testland", "Testland", "Testland", "Testland", None,
                                    "Otherland", None, None, None]
    assert list(join_points(a, [49.0], [32.05], max_km=0).admin1) == [-1]
    assert list(join_points(a, [49.0], [32.5], max_km=40).admin1_how) == [2]


def test_kinds_restrict_levels() -> None:
    a = areas()
    j = join_points(a, [49.0, 49.0, 49.0, 49.0], [31.0] * 4,
                    kinds=["city", "country", "water", None])
    assert labels(a, j.admin1) == ["North Oblast, AA", None, None, "North Oblast, AA"]
    assert labels(a, j.country) == ["Testland", "Testland", None, "Testland"]


def test_bad_arguments() -> None:
    with pytest.raises(InputError):
        join_points(areas(), [1.0], [1.0, 2.0])
    with pytest.raises(InputError):
        join_points(areas(), [1.0], [1.0], max_km=-1)
    with pytest.raises(InputError):
        join_points(areas(), [1.0], [1.0], kinds=["city", "city"])
    assert len(join_points(areas(), [], [])) == 0


def test_agrees_with_the_naive_loop() -> None:
    import random

    rng = random.Random(4)
    lats = [rng.uniform(45, 51) for _ in range(400)]
    lons = [rng.uniform(29, 43) for _ in range(400)]
    a = areas()
    fast = join_points(a, lats, lons, max_km=0).admin1
    polys = list(a.frame.geometry[:3])
    assert list(fast) == naive_join(polys, lats, lons)


def test_find_and_suggest() -> None:
    a = areas()
    assert a.find("north oblast") == [0]
    assert a.find("North Oblast, AA") == [0]
    assert a.find("AA") == [3] and a.find("AA.02") == [1]
    assert a.find("Atlantis") == []
    assert a.suggest("Nort Oblast")[0] == "North Oblast, AA"


def test_from_boundary_files(tmp_path) -> None:
    def fc(rows):
        return {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": p, "geometry": shapely.geometry.mapping(g)}
            for p, g in rows]}

    with gzip.open(tmp_path / "admin1.geojson.gz", "wt", encoding="utf-8") as fh:
        json.dump(fc([({"id": 1, "cc": "AA", "admin1_code": "01", "name": "North Oblast"},
                       NORTH)]), fh)
    (tmp_path / "countries.geojson").write_text(json.dumps(fc([(
        {"id": 10, "cc": "AA", "name": "Testland"}, NORTH)])), encoding="utf-8")
    a = load_areas(data_dir=tmp_path)
    assert [r.label for r in a.regions()] == ["North Oblast, AA", "Testland"]
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "admin1.geojson").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read boundary file"):
        load_areas(data_dir=tmp_path / "bad")
    with pytest.raises(FileNotFoundError, match="no boundary files"):
        load_areas(data_dir=tmp_path / "none")


def test_invalid_polygon_is_repaired() -> None:
    bowtie = shapely.Polygon([(0, 0), (2, 2), (2, 0), (0, 2)])
    a = AdminAreas.from_records([(Region(1, "admin1", "AA", "01", "Bow"), bowtie)])
    assert a.frame.geometry.is_valid.all()
    assert list(join_points(a, [0.5], [1.5], max_km=0).admin1) == [0]
