"""The view frames where the story is, not every country or aside named once."""

from __future__ import annotations

from geo.model import Article, ParsedArticle, Place
from geo.render.compose import story_frame
from geo.render.data import MapData, summarise
from tests import render_samples as rs

RUSSIA = Place(2017370, "Russia", "country", "RU", "", "", 60.0, 100.0, 140000000)
TOKYO = Place(1850147, "Tokyo", "city", "JP", "40", "Tokyo", 35.69, 139.69, 8000000)


def _data() -> MapData:
    arts = [Article(f"a{i}", "Pokrovsk Kramatorsk Russia", date="2025-08-01") for i in range(20)]
    parsed = [ParsedArticle(a, (rs.mention(a, rs.POKROVSK), rs.mention(a, rs.KRAMATORSK),
                                rs.mention(a, RUSSIA))) for a in arts]
    aside = Article("t", "Tokyo", date="2025-08-02")
    parsed.append(ParsedArticle(aside, (rs.mention(aside, TOKYO),)))
    return MapData.from_parsed(parsed)


def test_frame_leaves_out_country_points_and_asides() -> None:
    south, west, north, east = story_frame(summarise(_data()))
    assert 48.2 <= south <= north <= 48.8 and 37.1 <= west <= east <= 37.6


def test_frame_of_countries_only_uses_them() -> None:
    a = Article("r", "Russia", date="2025-08-01")
    only = [ParsedArticle(a, (rs.mention(a, RUSSIA),))]
    frame = story_frame(summarise(MapData.from_parsed(only)))
    assert frame == (60.0, 100.0, 60.0, 100.0)


def test_no_places_no_frame() -> None:
    assert story_frame(summarise(MapData((), ()))) is None


def test_region_filter_applies_to_events() -> None:
    from geo.model import Event
    from geo.render.data import event_in_region

    kursk = Place(538560, "Kursk", "city", "RU", "41", "Kursk Oblast", 51.73, 36.19, 440000)
    at = [Event("a", "Battles", "", "2025-08-01", 1, 48.28, 37.18, 1, rs.POKROVSK),
          Event("b", "Battles", "", "2025-08-01", 1, 51.73, 36.19, 1, kursk),
          Event("c", "Battles", "", "2025-08-01", 1, 50.9, 34.8, 2, None, admin1="Sumy Oblast",
                country="Ukraine"),
          Event("d", "Battles", "", "2025-08-01", 1, 50.9, 34.8, 2, None)]
    assert [e.id for e in at if event_in_region(e, "UA")] == ["a"]
    assert [e.id for e in at if event_in_region(e, "ukraine")] == ["c"]
    assert [e.id for e in at if event_in_region(e, "Kursk Oblast")] == ["b"]
    assert [e.id for e in at if event_in_region(e, "sumy oblast")] == ["c"]
