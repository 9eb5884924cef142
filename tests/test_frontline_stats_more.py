"""Front-line measures away from Ukraine and at the edges: the southern and western
hemispheres, empty geometries, and the choice of snapshot by date. Expected figures come
from pyproj's geodesic (an independent computation), not from this code."""

from __future__ import annotations

import datetime as dt

import pyproj
import pytest
import shapely

from geo.errors import InputError
from geo.frontline.model import Snapshot
from geo.frontline.stats import (
    area_km2,
    change_between,
    compute_stats,
    distance_to_front,
    distances_to_front,
    equal_area_crs,
    front_line,
    settlements_near_front,
    snapshot_on,
)
from geo.model import Place

GEOD = pyproj.Geod(ellps="WGS84")
VICTORIA = shapely.box(145.0, -38.0, 146.0, -37.0)  # south and east
PATAGONIA = shapely.box(-70.0, -46.0, -69.0, -45.0)  # south and west


def snap(geom, day: str = "2024-01-01", path: str | None = None) -> Snapshot:
    return Snapshot(date=dt.date.fromisoformat(day), occupied=geom, grey_zone=None,
                    source="test", path=path or f"{day}.geojson")


def geodesic_km2(geom) -> float:
    area, _ = GEOD.geometry_area_perimeter(shapely.segmentize(geom, 0.01))
    return abs(area) / 1e6


def geodesic_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return GEOD.inv(lon1, lat1, lon2, lat2)[2] / 1000


@pytest.mark.parametrize("box", [VICTORIA, PATAGONIA], ids=["victoria", "patagonia"])
def test_areas_in_the_southern_hemisphere_match_the_geodesic(box):
    assert area_km2(box) == pytest.approx(geodesic_km2(box), rel=1e-3)
    stats = compute_stats([snap(box)], country=None)
    lat0 = (box.bounds[1] + box.bounds[3]) / 2
    lon0 = (box.bounds[0] + box.bounds[2]) / 2
    assert stats.projection == equal_area_crs(lat0, lon0)
    assert stats.areas[0].occupied_km2 == pytest.approx(geodesic_km2(box), rel=1e-3)


def test_southern_distances_outside_and_inside():
    s = snap(VICTORIA)
    # half a degree north of the north edge (-37): a meridian arc
    assert distance_to_front(s, -36.5, 145.5) == pytest.approx(
        geodesic_km(-36.5, 145.5, -37.0, 145.5), rel=2e-3)
    # half a degree south of the south edge (-38)
    assert distance_to_front(s, -38.5, 145.5) == pytest.approx(
        geodesic_km(-38.5, 145.5, -38.0, 145.5), rel=2e-3)
    # inside, 0.1 degree from the west edge: negative, the distance to that edge
    inside = distance_to_front(s, -37.5, 145.1)
    assert inside == pytest.approx(-geodesic_km(-37.5, 145.1, -37.5, 145.0), rel=5e-3)
    assert distance_to_front(s, -37.5, 145.1, signed=False) == pytest.approx(-inside)
    west = distances_to_front(snap(PATAGONIA), [(-45.5, -70.2), (-45.5, -69.5)])
    assert west[0] == pytest.approx(geodesic_km(-45.5, -70.2, -45.5, -70.0), rel=5e-3)
    assert west[1] < 0


def test_distances_refuse_bad_points_and_take_none():
    s = snap(VICTORIA)
    assert distances_to_front(s, []) == []
    for bad in [(-91.0, 145.0), (0.0, 181.0), (float("nan"), 145.0), (0.0, float("nan"))]:
        with pytest.raises(InputError, match="out of range"):
            distances_to_front(s, [bad])


def test_empty_geometries_measure_zero_and_refuse_distances():
    empty = shapely.Polygon()
    assert area_km2(None) == 0.0
    assert area_km2(empty) == 0.0
    assert area_km2(shapely.MultiPolygon()) == 0.0
    assert front_line(snap(empty)).is_empty
    with pytest.raises(InputError):
        distance_to_front(snap(empty), -37.5, 145.5)
    with pytest.raises(InputError):
        settlements_near_front(snap(empty), [Place(1, "A", "city", "AU", "", "", -37.5, 145.5)],
                               10)


def test_a_front_that_appears_and_vanishes_counts_its_whole_area():
    before = snap(shapely.Polygon(), "2024-01-01")
    during = snap(VICTORIA, "2024-02-01")
    after = snap(shapely.Polygon(), "2024-03-01")
    stats = compute_stats([after, during, before], country=None)
    areas = [a.occupied_km2 for a in stats.areas]
    assert areas == pytest.approx([0.0, geodesic_km2(VICTORIA), 0.0], rel=1e-3, abs=1e-9)
    first, second = stats.steps
    assert first.gained_km2 == pytest.approx(geodesic_km2(VICTORIA), rel=1e-3)
    assert first.lost_km2 == pytest.approx(0.0, abs=1e-9)
    assert second.lost_km2 == pytest.approx(geodesic_km2(VICTORIA), rel=1e-3)
    assert stats.overall.net_km2 == pytest.approx(0.0, abs=1e-6)
    change = change_between(before, during)
    assert change.gained_km2 == pytest.approx(geodesic_km2(VICTORIA), rel=1e-3)


def test_settlements_near_a_southern_front_nearest_first_by_side():
    s = snap(VICTORIA)

    def place(i: int, name: str, lat: float, lon: float) -> Place:
        return Place(i, name, "city", "AU", "07", "Victoria", lat, lon)

    places = [place(1, "North", -36.9, 145.5), place(2, "Inside", -37.5, 145.95),
              place(3, "Far", -30.0, 145.5), place(4, "Centre", -37.5, 145.5)]
    near = settlements_near_front(s, places, 15)
    assert [n.place.name for n in near] == ["Inside", "North"]
    assert near[0].occupied and not near[1].occupied
    assert near[1].distance_km == pytest.approx(geodesic_km(-36.9, 145.5, -37.0, 145.5),
                                                rel=5e-3)
    assert [n.place.name for n in settlements_near_front(s, places, 15, side="inside")] == [
        "Inside"]
    assert [n.place.name for n in settlements_near_front(s, places, 15, side="outside")] == [
        "North"]
    with pytest.raises(InputError):
        settlements_near_front(s, places, 15, side="left")


def test_snapshot_on_takes_the_latest_on_or_before_the_day():
    a = snap(VICTORIA, "2024-01-01")
    b = snap(VICTORIA, "2024-02-01", "b.geojson")
    b2 = snap(VICTORIA, "2024-02-01", "c.geojson")
    c = snap(VICTORIA, "2024-03-01")
    snaps = [c, b, a, b2]
    assert snapshot_on(snaps, dt.date(2024, 2, 15)) is b2  # same date: the last by path
    assert snapshot_on(snaps, dt.date(2024, 2, 1)) is b2  # on the day counts
    assert snapshot_on(snaps, dt.date(2024, 1, 31)) is a
    assert snapshot_on(snaps, dt.date(2023, 12, 31)) is None
    assert snapshot_on(snaps) is c
    assert snapshot_on([]) is None
