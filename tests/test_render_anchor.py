"""Areas named in a story are drawn where the map frames it (geo.render.anchor), settlements
never move, and the filters' cells count what the page filters on."""

from __future__ import annotations

import shapely

from geo.model import Article, Mention, ParsedArticle, Place
from geo.render.anchor import anchor_points, view_box
from geo.render.compose import story_frame
from geo.render.data import MapData, cell_counts, confidence_bucket, outlet_of, summarise
from tests import render_samples as rs

RUSSIA = Place(2017370, "Russia", "country", "RU", "", "", 59.46, 88.40, 144000000)
BLACK_SEA = Place(630673, "Black Sea", "water", "", "", "", 43.0, 35.0, 0)
PACIFIC = Place(2363254, "Pacific Ocean", "water", "", "", "", 0.0, -160.0, 0)
#: a rough Russia: everything east of 37.8 E between 46 and 78 N (reaches the story's view)
RUSSIA_SHAPE = shapely.box(37.8, 46.0, 180.0, 78.0)


def _story(*extra: Place) -> MapData:
    parsed = []
    for i in range(10):
        a = Article(f"a{i}", "x", date="2025-08-01")
        ms = [rs.mention(a, rs.POKROVSK), rs.mention(a, rs.KRAMATORSK)]
        if i < 2:
            ms += [rs.mention(a, p) for p in extra]
        parsed.append(ParsedArticle(a, tuple(ms)))
    a = Article("far", "Toulon", date="2025-08-02")
    parsed.append(ParsedArticle(a, (rs.mention(a, rs.TOULON),)))
    return MapData.from_parsed(parsed)


def _anchors(data: MapData, shapes=None):
    summary = summarise(data)
    return anchor_points(summary.places, story_frame(summary), shapes), story_frame(summary)


def test_a_country_is_drawn_on_its_own_ground_inside_the_view():
    at, frame = _anchors(_story(RUSSIA), lambda p: RUSSIA_SHAPE if p.id == RUSSIA.id else None)
    south, west, north, east = view_box(frame)
    lat, lon = at[RUSSIA.id]
    assert south <= lat <= north and west <= lon <= east  # in the view, not in Siberia
    assert RUSSIA_SHAPE.contains(shapely.Point(lon, lat))  # and on Russian ground
    assert rs.TOULON.id not in at and rs.POKROVSK.id not in at  # settlements stay put


def test_without_a_polygon_an_area_is_moved_to_the_edge_of_the_view():
    at, frame = _anchors(_story(RUSSIA, BLACK_SEA))
    south, west, north, east = view_box(frame)
    lat, lon = at[RUSSIA.id]
    assert lat == north and lon == east  # north-east of the view: the way to its own point
    lat, lon = at[BLACK_SEA.id]
    assert lat == south and west <= lon <= east


def test_a_polygon_outside_the_view_gives_its_point_nearest_the_story():
    far_shape = shapely.box(60.0, 55.0, 180.0, 78.0)  # does not reach the view
    at, _ = _anchors(_story(RUSSIA), lambda p: far_shape)
    assert at[RUSSIA.id] == (55.0, 60.0)  # the corner closest to Donbas


def test_areas_already_in_view_and_maps_of_areas_only_are_left_alone():
    at, _ = _anchors(_story(rs.DONETSK_OBLAST, rs.UKRAINE))
    assert set(at) == {rs.UKRAINE.id}  # the oblast's own point is in the view already
    a = Article("r", "Russia and the Pacific", date="2025-08-01")
    only = MapData.from_parsed([ParsedArticle(a, (rs.mention(a, RUSSIA), rs.mention(a, PACIFIC)))])
    summary = summarise(only)
    # no settlement: nothing frames a story, so nothing moves (the composer does not ask)
    assert anchor_points(summary.places, None) == {}


def test_the_real_gazetteers_russia_is_drawn_near_donbas():
    from geo.pipeline import default_gazetteer

    g = default_gazetteer()
    russia = g.country("RU")
    at, _ = _anchors(_story(russia), lambda p: g.region_geometry(p.id))
    lat, lon = at[russia.id]
    assert 45.0 < lat < 52.0 and 37.0 < lon < 42.0  # Rostov-Belgorod side, not 88 E
    assert g.reverse(lat, lon).country.cc == "RU"


def test_the_map_draws_the_moved_point_and_keeps_the_own_one():
    from geo.render import map_html, render_map

    page = map_html(render_map(_story(RUSSIA), place_shapes=lambda p: RUSSIA_SHAPE
                               if p.id == RUSSIA.id else None))
    assert '"o":[59.46,88.4]' in page


def test_cells_count_mentions_per_date_outlet_and_confidence():
    a1 = Article("k", "Pokrovsk", date="2025-08-01", url="https://www.kyivindependent.com/x")
    a2 = Article("s", "Pokrovsk", date="2025-08-02", source="Suspilne")
    ms = [Mention("k", 0, 8, "Pokrovsk", "Pokrovsk", rs.POKROVSK, 0.67, "t"),
          Mention("s", 0, 8, "Pokrovsk", "Pokrovsk", rs.POKROVSK, 1.0, "t"),
          Mention("s", 0, 8, "Pokrovsk", "Pokrovsk", rs.POKROVSK, 0.05, "t")]
    summary = summarise(MapData((a1, a2), tuple(ms)), extra_outlets=["ACLED"])
    # most counted first, ties by name
    assert summary.outlets == ("Suspilne", "ACLED", "kyivindependent.com")
    assert summary.outlet_counts == (2, 1, 1)
    # [date, outlet, confidence bucket, n] in key order
    assert cell_counts(summary.places[0].by_cell) == [0, 2, 13, 1, 1, 0, 1, 1, 1, 0, 20, 1]
    assert summary.article_outlet == {"k": 2, "s": 0}


def test_outlet_and_bucket_rules():
    assert outlet_of(" Kyiv  Independent ", "https://x.org") == "Kyiv Independent"
    assert outlet_of(None, "https://www.pravda.com.ua/news/1") == "pravda.com.ua"
    assert outlet_of("", "not a url") == "" and outlet_of(None, None) == ""
    assert outlet_of(None, "http://[::1") == ""  # a broken URL names no outlet
    assert [confidence_bucket(c) for c in (0.0, 0.049, 0.05, 0.7, 0.69, 1.0, 1.7, -1)] == \
        [0, 0, 1, 14, 13, 20, 20, 0]
