"""Front-line measures at their edges: the country area percentages refer to, a border given
with its admin-1 units, periods holding one snapshot or two, zero areas, the band along a
border that is not front, exact distance limits and searches near the poles.

Expected figures come from the geometry of the inputs (a box's edges, pyproj's geodesic), not
from this code's output.
"""

from __future__ import annotations

import datetime as dt

import pyproj
import pytest
import shapely

from geo.errors import InputError
from geo.frontline.border import Border
from geo.frontline.model import Snapshot
from geo.frontline.stats import (
    area_km2,
    compute_stats,
    country_area,
    distance_to_front,
    distances_to_front,
    equal_area_crs,
    front_line,
    period_of,
    settlements_along_front,
    settlements_near_front,
)
from geo.geodesy import deg_lon
from geo.model import Place
from tests.test_frontline_stats_more import _BoxGazetteer

GEOD = pyproj.Geod(ellps="WGS84")


def snap(geom, day: str = "2024-01-01", path: str | None = None) -> Snapshot:
    return Snapshot(date=dt.date.fromisoformat(day), occupied=geom, grey_zone=None,
                    source="test", path=path or f"{day}.geojson")


def city(name: str, lat: float, lon: float, i: int = 1) -> Place:
    return Place(i, name, "city", "", "", "", lat, lon)


# --- the country area percentages refer to -------------------------------------------------------


def test_country_area_is_the_polygon_given_else_the_official_figure_else_nothing():
    official = country_area("ua")  # any case
    assert (official.cc, official.km2) == ("UA", 603_628.0)
    assert official.basis.startswith("official figure, State Statistics Service of Ukraine")
    square = shapely.box(30.0, 48.0, 31.0, 49.0)
    given = country_area("ua", geometry=square)
    assert (given.cc, given.basis) == ("UA", "country polygon given")
    assert given.km2 == round(area_km2(square), 1)  # to 0.1 km²
    crs = equal_area_crs(48.5, 32.0)
    assert country_area("UA", geometry=square, crs=crs).km2 == round(area_km2(square, crs=crs), 1)
    assert country_area("UA", geometry=shapely.Polygon()) == official  # empty: not a polygon
    assert country_area("ZZ") is None and country_area("") is None and country_area(None) is None


def test_a_border_given_is_used_as_is_and_reports_its_regions_biggest_change_first():
    west, east = shapely.box(30, 45, 32, 49), shapely.box(32, 45, 34, 49)
    strip = shapely.box(33.5, 46.999, 33.6, 47.1)  # ~0.8 km² of the last gain falls in it
    border = Border("ZZ", shapely.box(30, 45, 34, 49), "test border",  # smallest unit first
                    (("Strip", strip), ("East", east), ("West", west)))
    a = snap(shapely.box(31.0, 46, 32.5, 47), "2024-01-01")
    b = snap(shapely.box(31.0, 46, 33.5, 47), "2024-02-01")  # gains in East only
    c = snap(shapely.box(31.9, 46, 33.6, 47), "2024-03-01")  # loses in West, gains in East
    stats = compute_stats([c, a, b], country="ZZ", border=border, by_region=True)
    assert stats.border == "ZZ (test border)"
    assert stats.country.basis == "test border"
    assert stats.country.km2 == round(area_km2(border.geometry, crs=stats.projection), 1)
    first, second = stats.steps
    [(name, gained, lost)] = [(r.region, r.gained_km2, r.lost_km2) for r in first.regions]
    assert name == "East" and lost == 0.0
    assert gained == pytest.approx(area_km2(shapely.box(32.5, 46, 33.5, 47)), rel=2e-3)
    assert [r.region for r in second.regions] == ["West", "East", "Strip"]
    west_row, east_row, strip_row = second.regions
    assert west_row.lost_km2 == pytest.approx(area_km2(shapely.box(31, 46, 31.9, 47)), rel=2e-3)
    assert west_row.gained_km2 < 0.05  # at most a sliver of the projected edges
    assert east_row.gained_km2 == pytest.approx(area_km2(shapely.box(33.5, 46, 33.6, 47)),
                                                rel=2e-3)
    assert 0.05 <= strip_row.gained_km2 < 1.0  # small, but above the sliver floor
    assert strip_row.gained_km2 == pytest.approx(
        area_km2(shapely.box(33.5, 46.999, 33.6, 47.0)), rel=0.02)
    # without by_region nothing is split, with or without a border
    assert compute_stats([a, b], country="ZZ", border=border).overall.regions == ()
    assert compute_stats([a, b], country=None, border=False, by_region=True
                         ).overall.regions == ()


def test_a_polygon_without_a_country_code_still_gives_percentages():
    s = snap(shapely.box(10, 10, 11, 11))
    stats = compute_stats([s], country=None, country_geometry=shapely.box(10, 10, 12, 11))
    assert stats.country.basis == "country polygon given"
    assert stats.areas[0].pct_of_country == pytest.approx(50, rel=1e-3)


def test_a_border_of_no_area_gives_no_percentages():
    s = snap(shapely.box(10, 10, 11, 11))
    stats = compute_stats([s], country="ZZ", border=Border("ZZ", shapely.Polygon(), "empty"))
    assert stats.country.km2 == 0.0
    assert stats.areas[0].pct_of_country is None  # not a division by zero


def test_a_tiny_border_still_gives_percentages():
    tiny = shapely.box(10.0, 10.0, 10.005, 10.005)  # about 0.3 km²
    stats = compute_stats([snap(tiny)], country="ZZ", border=Border("ZZ", tiny, "tiny"))
    assert 0 < stats.country.km2 < 1
    # the country area is rounded to 0.1 km²
    assert stats.areas[0].pct_of_country == pytest.approx(100, rel=0.05)


# --- periods -------------------------------------------------------------------------------------


def test_period_names_are_calendar_months_and_iso_weeks():
    assert period_of(dt.date(2024, 5, 9), "month") == "2024-05"
    assert period_of(dt.date(2024, 5, 9), "week") == "2024-W19"
    assert period_of(dt.date(2021, 1, 3), "week") == "2020-W53"  # ISO year, not calendar year
    with pytest.raises(InputError) as err:
        compute_stats([snap(shapely.box(0, 0, 1, 1))], country=None, by="fortnight")
    assert str(err.value) == "unknown period 'fortnight'; known: month, week"
    with pytest.raises(InputError) as err:
        compute_stats([])
    assert str(err.value) == "no snapshots to measure"


def test_two_snapshots_in_one_month_have_no_step_but_an_overall_change():
    a = snap(shapely.box(36, 47, 37, 48), "2024-01-03")
    b = snap(shapely.box(36, 47, 37.5, 48), "2024-01-20")
    stats = compute_stats([b, a], country=None, by="month")
    assert [p.period for p in stats.periods] == ["2024-01"]
    assert stats.steps == ()
    assert (stats.overall.start, stats.overall.end) == (a.date, b.date)
    assert stats.overall.gained_km2 == pytest.approx(area_km2(shapely.box(37, 47, 37.5, 48)),
                                                     rel=2e-3)


def test_two_snapshots_in_two_months_have_one_step_that_is_the_overall_change():
    a = snap(shapely.box(36, 47, 37, 48), "2024-01-03")
    b = snap(shapely.box(36, 47, 37.5, 48), "2024-02-20")
    stats = compute_stats([a, b], country=None, by="month")
    assert [p.period for p in stats.periods] == ["2024-01", "2024-02"]
    assert stats.overall is not None and stats.overall == stats.steps[0]


# --- the front line and distances ----------------------------------------------------------------


def test_the_front_line_leaves_out_the_border_and_about_a_km_inland_of_it():
    country = shapely.box(30, 45, 40, 55)
    occupied = shapely.box(30, 48, 32, 50)  # its west side lies on the border
    # kept: the east side (2°) and the north and south sides from 0.01° inland (1.99° each)
    assert front_line(snap(occupied), country=country).length == pytest.approx(5.98, abs=1e-9)
    assert front_line(snap(occupied)).length == pytest.approx(8.0)


@pytest.mark.parametrize("lat,lon", [(90.5, 0.0), (-90.5, 0.0), (0.0, 180.5), (0.0, -180.5)])
def test_points_and_places_just_off_the_globe_are_refused(lat, lon):
    s = snap(shapely.box(30, 50, 31, 51))
    with pytest.raises(InputError, match="out of range"):
        distances_to_front(s, [(lat, lon)])
    with pytest.raises(InputError, match="out of range"):
        settlements_near_front(s, [city("Off", lat, lon)], 10)


def test_nothing_to_measure_is_an_empty_answer_even_without_an_occupied_area():
    empty = snap(shapely.Polygon())
    assert distances_to_front(empty, []) == []
    assert settlements_near_front(empty, [], 10) == []
    with pytest.raises(InputError) as err:
        distance_to_front(empty, 0.0, 0.0)
    assert str(err.value) == "the snapshot has no occupied area to measure from"


def test_a_country_that_leaves_no_front_line_is_refused():
    s = snap(shapely.box(30, 50, 31, 51))
    far = shapely.box(0, 0, 1, 1)
    with pytest.raises(InputError) as err:
        distance_to_front(s, 50.5, 31.5, country=far)
    assert str(err.value) == "the snapshot has no front line to measure from"
    with pytest.raises(InputError) as err:
        settlements_along_front(s, _BoxGazetteer([]), 10, country=far)
    assert str(err.value) == "the snapshot has no front line to measure from"


def test_a_place_exactly_at_the_distance_limit_is_near():
    s = snap(shapely.box(30, 50, 31, 51))
    p = city("East", 50.5, 31.2)
    d = distance_to_front(s, p.lat, p.lon)
    assert [n.place for n in settlements_near_front(s, [p], d)] == [p]
    assert settlements_near_front(s, [p], d * 0.999) == []


def test_a_zero_or_small_distance_along_the_front_is_accepted():
    s = snap(shapely.box(30, 50, 31, 51))
    on_edge = city("Edge", 50.5, 31.0)
    gaz = _BoxGazetteer([on_edge, city("Off", 50.5, 31.2, 2)])
    assert [n.place.name for n in settlements_along_front(s, gaz, 0.5)] == ["Edge"]
    assert [n.place.name for n in settlements_along_front(s, gaz, 0)] in (["Edge"], [])


def test_the_search_box_reaches_far_enough_east_at_high_latitudes():
    """At 70°N a degree of longitude is ~38 km: the box must be as wide as the km asked for
    at the box's most polar latitude, so a town 97 km east of the corner is found."""
    s = snap(shapely.box(20, 68, 22, 70))
    lon = 22 + 0.975 * deg_lon(100, 70)
    town = city("Far east", 70.0, lon)
    km = GEOD.inv(22, 70, lon, 70)[2] / 1000
    assert km < 100
    got = settlements_along_front(s, _BoxGazetteer([town]), 100)
    assert [n.place.name for n in got] == ["Far east"]
    assert got[0].distance_km == pytest.approx(km, rel=0.01)


def test_the_search_box_stays_on_the_globe_at_the_poles_and_the_antimeridian():
    north = snap(shapely.box(170, 89.0, 179.5, 89.5))
    gaz = _BoxGazetteer([])
    settlements_along_front(north, gaz, 100)
    south_edge, west_edge, north_edge, east_edge = gaz.boxes[-1]
    assert north_edge == 90.0 and (west_edge, east_edge) == (-180.0, 180.0)
    assert south_edge == pytest.approx(89.0 - 100 / 111.0, abs=0.05)
    south = snap(shapely.box(-179.5, -89.5, -170, -89.0))
    settlements_along_front(south, gaz, 100)
    assert gaz.boxes[-1][0] == -90.0 and gaz.boxes[-1][1] == -180.0


def test_measured_snapshots_are_required():
    from geo.frontline.stats import stats_from_measured

    with pytest.raises(InputError) as err:
        stats_from_measured([], country=None, crs=equal_area_crs(0.0, 0.0), border=None)
    assert str(err.value) == "no snapshots to measure"


def test_inland_shrinks_by_four_km_unless_told():
    from geo.frontline.stats import inland

    country = shapely.box(30.0, 48.0, 34.0, 50.0)
    west, south, _, _ = inland(country).bounds
    # the west side's least shrink in degrees is at its south end, where a degree is longest
    km_per_deg_lon = GEOD.inv(30.0, 48.04, 31.0, 48.04)[2] / 1000
    assert (west - 30.0) * km_per_deg_lon == pytest.approx(4.0, rel=0.02)
    # a 4° side is not densified before the buffer: its chord sags ~0.1 km inside the parallel
    assert (south - 48.0) * 111.2 == pytest.approx(4.0, rel=0.05)


def test_without_a_polygon_the_gazetteers_border_of_the_country_is_used():
    """The built index's outline of Ukraine (make test builds it): percentages refer to it."""
    stats = compute_stats([snap(shapely.box(37.0, 47.5, 37.5, 48.0))], country="UA")
    assert stats.border is not None and stats.border.startswith("UA (")
    assert 550_000 < stats.country.km2 < 650_000
