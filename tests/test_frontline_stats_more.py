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


def test_compute_stats_refuses_nothing_and_measures_grey_zones_and_spans():
    with pytest.raises(InputError, match="no snapshots to measure"):
        compute_stats([])
    grey = shapely.box(146.0, -38.0, 146.5, -37.0)
    s = Snapshot(date=dt.date(2024, 1, 1), occupied=VICTORIA, grey_zone=grey, source="test",
                 path="g.geojson")
    one = compute_stats([s], country=None)
    assert one.areas[0].grey_zone_km2 == pytest.approx(geodesic_km2(grey), rel=1e-3)
    assert one.steps == () and one.overall is None
    two = compute_stats([s, snap(PATAGONIA, "2024-02-01")], country=None)
    assert two.overall == two.steps[0]
    three = compute_stats([s, snap(PATAGONIA, "2024-02-01"), snap(VICTORIA, "2024-03-01")],
                          country=None)
    assert three.overall.gained_km2 == pytest.approx(0.0, abs=1e-6)  # first and last equal
    assert three.steps[0].gained_km2 > 0
    assert compute_stats([snap(shapely.Polygon())], country=None).projection == \
        equal_area_crs(0.0, 0.0)  # nothing to centre on
    lower, upper = (compute_stats([snap(VICTORIA)], country=cc).country for cc in ("ua", "UA"))
    assert lower == upper and lower.cc == "UA"  # the country code in any case


def test_points_on_the_edges_of_the_globe_are_accepted():
    s = snap(VICTORIA)
    for lat, lon in [(90.0, 0.0), (-90.0, 0.0), (0.0, 180.0), (0.0, -180.0)]:
        assert distance_to_front(s, lat, lon, signed=False) > 1000
    with pytest.raises(InputError, match="no occupied area"):
        distance_to_front(snap(shapely.Polygon()), 0.0, 0.0)


def test_a_country_polygon_clips_the_front_line_and_the_cache_keeps_them_apart():
    s = snap(VICTORIA)
    # the country covers only the western half: the east edge is a border, not a front
    country = shapely.box(144.0, -39.0, 145.5, -36.0)
    assert front_line(s, country=country).length < front_line(s).length
    east = (-37.5, 146.2)  # 0.2 degree east of the east edge
    plain = distance_to_front(s, *east)
    clipped = distance_to_front(s, *east, country=country)
    assert plain == pytest.approx(geodesic_km(-37.5, 146.2, -37.5, 146.0), rel=5e-3)
    assert clipped > plain + 20  # the nearest front is now the north or south edge
    assert distance_to_front(s, *east) == pytest.approx(plain)  # not the clipped index


def test_settlements_close_to_the_line_with_small_radii_and_bad_places():
    s = snap(VICTORIA)
    outside = Place(1, "Just outside", "city", "AU", "", "", -36.997, 145.5)  # ~0.3 km north
    inside = Place(2, "Just inside", "city", "AU", "", "", -37.003, 145.5)
    near = settlements_near_front(s, [outside, inside], 0.5)
    assert {n.place.name for n in near} == {"Just outside", "Just inside"}
    assert [n.place.name for n in settlements_near_front(s, [outside, inside], 0.5,
                                                         side="inside")] == ["Just inside"]
    assert settlements_near_front(s, [outside], 0.0) == []
    bad = Place(3, "Nowhere", "city", "AU", "", "", -37.0, 190.0)
    with pytest.raises(InputError, match="'Nowhere' has coordinates out of range"):
        settlements_near_front(s, [outside, bad], 5)
    for lat, lon in [(-90.0, 145.0), (90.0, -180.0), (0.0, 180.0)]:
        edge = Place(4, "Edge", "city", "", "", "", lat, lon)
        assert settlements_near_front(s, [edge], 5) == []  # in range, far away


class _BoxGazetteer:
    """What settlements_along_front needs of a gazetteer: places in a lat/lon box."""

    def __init__(self, places):
        self.places = places
        self.boxes = []

    def places_in_box(self, south, west, north, east, *, kind="city"):
        self.boxes.append((south, west, north, east))
        return [p for p in self.places if south <= p.lat <= north and west <= p.lon <= east
                and p.kind == kind]


def test_settlements_along_a_southern_front_come_from_a_box_around_the_line():
    from geo.frontline.stats import settlements_along_front

    s = snap(VICTORIA)
    places = [Place(1, "South", "city", "AU", "", "", -38.05, 145.5),  # 5.6 km south
              Place(2, "West", "city", "AU", "", "", -37.5, 144.95),  # 4.4 km west
              Place(3, "Far", "city", "AU", "", "", -39.0, 145.5),
              Place(4, "Lake", "water", "AU", "", "", -38.02, 145.5)]
    gaz = _BoxGazetteer(places)
    got = settlements_along_front(s, gaz, 10)
    assert [n.place.name for n in got] == ["West", "South"]
    south, west, north, east = gaz.boxes[0]
    assert south < -38.0 - 10 / 111.7 and north > -37.0 + 10 / 111.7
    assert west < 145.0 - 10 / 88.0 and east > 146.0 + 10 / 88.0
    assert [n.place.name for n in settlements_along_front(s, gaz, 10, kind="water")] == ["Lake"]
    for bad in (-1.0, float("nan"), float("inf")):
        with pytest.raises(InputError):
            settlements_along_front(s, gaz, bad)
    with pytest.raises(InputError, match="no front line"):
        settlements_along_front(s, gaz, 10, country=shapely.box(0, 0, 1, 1))


def test_inland_shrinks_a_country_by_the_margin():
    from geo.frontline.stats import inland

    shrunk = inland(VICTORIA, margin_km=10)
    assert shrunk.within(VICTORIA)
    west, south, _, _ = shrunk.bounds
    assert west - 145.0 == pytest.approx(10 / 88.4, rel=0.02)  # ~88 km per degree at -37.5
    assert south - (-38.0) == pytest.approx(10 / 110.95, rel=0.02)
    assert inland(VICTORIA, margin_km=0).symmetric_difference(VICTORIA).area < 1e-6
    with pytest.raises(InputError):
        inland(VICTORIA, margin_km=-1)
