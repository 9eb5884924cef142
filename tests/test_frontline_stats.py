"""Areas, changes and distances of front-line snapshots against independent geodesic figures."""

from __future__ import annotations

import datetime as dt

import pyproj
import pytest
import shapely

from geo.errors import InputError
from geo.frontline.model import Snapshot
from geo.frontline.stats import (
    area_km2,
    compute_stats,
    distance_to_front,
    distances_to_front,
    settlements_near_front,
)
from geo.model import Place

GEOD = pyproj.Geod(ellps="WGS84")


def snap(geom, day: str = "2024-01-01") -> Snapshot:
    return Snapshot(date=dt.date.fromisoformat(day), occupied=geom, grey_zone=None,
                    source="test", path=f"{day}.geojson")


def geodesic_km2(geom) -> float:
    area, _ = GEOD.geometry_area_perimeter(shapely.segmentize(geom, 0.01))
    return abs(area) / 1e6


def test_one_degree_box_at_the_equator() -> None:
    box = shapely.box(0, 0, 1, 1)
    assert area_km2(box) == pytest.approx(12_308.8, rel=1e-3)
    assert area_km2(box) == pytest.approx(geodesic_km2(box), rel=1e-3)


@pytest.mark.parametrize(("lon", "lat"), [(36, 47), (24, 50), (39, 45)])
def test_area_in_the_ukraine_projection_matches_geodesic(lon: float, lat: float) -> None:
    box = shapely.box(lon, lat, lon + 1, lat + 1)
    crs = compute_stats([snap(box)], country="UA", border=False).projection
    assert "+lat_0=48.5 +lon_0=32" in crs
    assert area_km2(box, crs=crs) == pytest.approx(geodesic_km2(box), rel=1e-3)


def test_changes_between_dates() -> None:
    old = snap(shapely.box(36, 47, 37, 48), "2024-01-01")
    mid = snap(shapely.box(36, 47, 37.5, 48), "2024-06-01")  # gains half a box
    new = snap(shapely.box(36.25, 47, 37.5, 48), "2025-01-01")  # then loses a quarter
    stats = compute_stats([new, old, mid], country="UA", border=False)
    assert [a.date.isoformat() for a in stats.areas] == ["2024-01-01", "2024-06-01", "2025-01-01"]
    box_km2 = geodesic_km2(shapely.box(36, 47, 37, 48))
    first, second = stats.steps
    assert first.gained_km2 == pytest.approx(box_km2 / 2, rel=2e-3)
    assert first.lost_km2 == pytest.approx(0, abs=1e-6)
    assert second.lost_km2 == pytest.approx(box_km2 / 4, rel=2e-3)
    overall = stats.overall
    assert overall.net_km2 == pytest.approx(overall.gained_km2 - overall.lost_km2, rel=1e-9)
    assert overall.net_km2 == pytest.approx(box_km2 / 4, rel=2e-3)
    assert stats.country.km2 == 603_628.0 and "official" in stats.country.basis
    assert overall.net_pct == pytest.approx(100 * overall.net_km2 / 603_628.0)
    assert stats.areas[0].pct_of_country == pytest.approx(100 * box_km2 / 603_628, rel=2e-3)
    doc = stats.to_dict()
    assert doc["overall"]["days"] == 366 and doc["changes"][0]["from"] == "2024-01-01"


def test_country_polygon_and_unknown_country() -> None:
    s = snap(shapely.box(10, 10, 11, 11))
    given = compute_stats([s], country="ZZ", country_geometry=shapely.box(10, 10, 14, 11))
    assert given.country.basis == "country polygon given"
    assert given.areas[0].pct_of_country == pytest.approx(25, rel=1e-3)
    none = compute_stats([s], country="ZZ", border=False)
    assert none.country is None and none.areas[0].pct_of_country is None
    assert "+lat_0=10.5 +lon_0=10.5" in none.projection
    with pytest.raises(InputError):
        compute_stats([])


def test_distance_outside_inside_and_signed() -> None:
    s = snap(shapely.box(30, 50, 31, 51))
    # 0.5° east of the east edge, on the 50.5° parallel
    expected = GEOD.inv(31.5, 50.5, 31.0, 50.5)[2] / 1000
    d = distance_to_front(s, 50.5, 31.5)
    assert d == pytest.approx(expected, rel=2e-3)
    # 0.1° south of the south edge: a meridian arc
    assert distance_to_front(s, 49.9, 30.5) == pytest.approx(
        GEOD.inv(30.5, 49.9, 30.5, 50.0)[2] / 1000, rel=1e-3)
    inside = distance_to_front(s, 50.5, 30.9)
    assert inside < 0
    assert -inside == pytest.approx(GEOD.inv(30.9, 50.5, 31.0, 50.5)[2] / 1000, rel=2e-3)
    assert distance_to_front(s, 50.5, 30.9, signed=False) == pytest.approx(-inside)
    with pytest.raises(InputError, match="out of range"):
        distances_to_front(s, [(95.0, 30.0)])


def test_settlements_near_front() -> None:
    s = snap(shapely.box(30, 50, 31, 51))

    def place(i: int, name: str, lat: float, lon: float) -> Place:
        return Place(i, name, "city", "UA", "", "", lat, lon)

    places = [place(1, "East", 50.5, 31.2), place(2, "Inside", 50.5, 30.95),
              place(3, "Far", 50.5, 33.0), place(4, "Centre", 50.5, 30.5)]
    near = settlements_near_front(s, places, 20)
    assert [n.place.name for n in near] == ["Inside", "East"]
    assert near[0].occupied and not near[1].occupied
    assert near[1].to_dict()["distance_km"] == pytest.approx(14.2, abs=0.2)
    assert [n.place.name for n in settlements_near_front(s, places, 20, side="outside")] == [
        "East"]
    assert settlements_near_front(s, [], 10) == []
    with pytest.raises(InputError):
        settlements_near_front(s, places, -1)


def test_by_week_takes_the_last_snapshot_of_each_week() -> None:
    a = snap(shapely.box(36, 47, 37, 48), "2024-01-01")  # Monday, ISO week 1
    b = snap(shapely.box(36, 47, 37.5, 48), "2024-01-03")  # same week: replaces a
    c = snap(shapely.box(36.5, 47, 37.5, 48), "2024-01-10")  # week 2
    stats = compute_stats([c, a, b], country="UA", border=False, by="week")
    assert [(p.period, p.area.date.isoformat()) for p in stats.periods] == [
        ("2024-W01", "2024-01-03"), ("2024-W02", "2024-01-10")]
    assert stats.periods[0].change is None
    change = stats.periods[1].change
    assert change.start == dt.date(2024, 1, 3) and change.gained_km2 == pytest.approx(0, abs=1e-6)
    assert change.lost_km2 == pytest.approx(geodesic_km2(shapely.box(36, 47, 36.5, 48)), rel=2e-3)
    assert stats.steps == (change,) and stats.overall.start == dt.date(2024, 1, 1)
    assert len(stats.areas) == 3
    with pytest.raises(InputError, match="unknown period"):
        compute_stats([a], border=False, by="fortnight")
