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
