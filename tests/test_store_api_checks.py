"""The Python surface of the store refuses wrong values by type and by value, with messages
that name what was wanted; and the small answers (an empty place list, a radius edge, a long
list of missing articles) are what they say."""

from __future__ import annotations

from pathlib import Path

import pytest
from shapely.geometry import Polygon

from geo.errors import InputError, InputTypeError, OutputError
from geo.model import Event
from geo.store import Store
from geo.store import queries as q
from tests.test_store_fixtures import KRAMATORSK, MYRNOHRAD, POKROVSK, parsed


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "geo.db") as s:
        s.add([parsed("a1", [POKROVSK, MYRNOHRAD]),
               parsed("a2", [POKROVSK, KRAMATORSK], date="2024-06-01")])
        yield s


@pytest.mark.parametrize("path", [123, None, 4.5, b"geo.db"])
def test_a_store_path_must_be_a_path(path):
    with pytest.raises(InputTypeError, match="Store\\(\\) wants a file path"):
        Store(path)


@pytest.mark.parametrize("batch", ["text", [1, 2], [object()]])
def test_add_takes_parsed_articles_only(store, batch):
    with pytest.raises(InputTypeError, match=r"Store\.add\(\).*geo\.ParsedArticle"):
        store.add(batch)


@pytest.mark.parametrize("batch", ["text", [1]])
def test_add_events_takes_events_only(store, batch):
    with pytest.raises(InputTypeError, match=r"Store\.add_events\(\).*geo\.Event"):
        store.add_events(batch)


def test_add_events_of_nothing_adds_nothing(store):
    assert store.add_events([]) == 0


@pytest.mark.parametrize("query", [True, 4.5, None, ["Pokrovsk"]])
def test_resolve_wants_a_name_or_an_id(store, query):
    with pytest.raises(InputTypeError, match="a place is a name"):
        store.resolve(query)


def test_resolve_by_name_and_by_id_text(store):
    assert [p.id for p in store.resolve("Pokrovsk")] == [POKROVSK.id]
    assert [p.id for p in store.resolve(str(POKROVSK.id))] == [POKROVSK.id]
    assert store.resolve("-1") == []


@pytest.mark.parametrize("place", [4.5, b"Pokrovsk", {"id": 1}])
def test_place_filter_refuses_what_is_no_place(store, place):
    with pytest.raises(InputTypeError, match="place= wants"):
        store.mentions(place)


def test_place_filter_as_id_text_and_as_a_list(store):
    assert set(store.mentions(f" {KRAMATORSK.id} ")["article_id"]) == {"a2"}
    assert set(store.mentions([KRAMATORSK.id, MYRNOHRAD])["article_id"]) == {"a1", "a2"}
    with pytest.raises(InputTypeError, match=r"place ids or geo\.Place records"):
        store.mentions([KRAMATORSK.id, "Pokrovsk"])


def test_a_name_nothing_means_gives_no_rows(store):
    assert store.mention_rows(q.Filters((), None, None)) == []
    assert store.place_rows(q.Filters((), None, None)) == []
    assert len(store.mentions("Atlantis")) == 0


@pytest.mark.parametrize("top", [0, -3])
def test_top_must_be_at_least_one(store, top):
    with pytest.raises(InputError, match="must be at least 1"):
        store.places(top=top)


@pytest.mark.parametrize("top", ["3", 2.5])
def test_top_must_be_a_whole_number(store, top):
    with pytest.raises(InputTypeError, match="top="):
        store.places(top=top)


def test_top_one_is_the_most_mentioned(store):
    assert list(store.places(top=1)["name"]) == ["Pokrovsk"]


@pytest.mark.parametrize(("kw", "word"), [({"lat": "x"}, "lat"), ({"lon": None}, "lon"),
                                          ({"km": "far"}, "km")])
def test_near_wants_numbers(store, kw, word):
    args = {"lat": POKROVSK.lat, "lon": POKROVSK.lon, "km": 5.0, **kw}
    with pytest.raises(InputError, match=word):
        store.near_ids(**args)


def test_near_counts_a_place_exactly_at_the_radius(store):
    d = store.near_ids(POKROVSK.lat, POKROVSK.lon, 50.0)[MYRNOHRAD.id]
    assert MYRNOHRAD.id in store.near_ids(POKROVSK.lat, POKROVSK.lon, d)
    assert MYRNOHRAD.id not in store.near_ids(POKROVSK.lat, POKROVSK.lon, d * 0.999)


def test_within_refuses_an_empty_or_broken_region(store):
    with pytest.raises(InputError, match="empty region name"):
        store.region("   ")
    bowtie = Polygon([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)])
    with pytest.raises(InputError):
        store.within_ids(Polygon())
    assert store.within_ids(bowtie.buffer(0)) == []


def test_export_wants_a_path_and_keeps_a_file_without_overwrite(store, tmp_path: Path):
    with pytest.raises(InputTypeError, match="export\\(\\) wants a file path"):
        store.export(42)
    out = tmp_path / "m.csv"
    out.write_text("keep")
    with pytest.raises(OutputError):
        store.export(out, overwrite=False)
    assert out.read_text() == "keep"


def test_an_until_that_is_no_date_is_refused(store):
    with pytest.raises(InputError, match="until"):
        store.event_rows(until="2025-02-30")
    with pytest.raises(InputError, match="until"):
        store.mentions(until="yesterday")


def test_events_citing_many_missing_articles_name_three_and_say_there_are_more(store):
    events = [Event(id=f"e{i}", article_id=f"gone{i}", event_type="Battles",
                    sub_event_type="Armed clash", date="2024-05-01", time_precision=1,
                    lat=POKROVSK.lat, lon=POKROVSK.lon, geo_precision=1, place=POKROVSK)
              for i in range(4)]
    with pytest.raises(InputError, match=r"4 article\(s\) .*\(gone0, gone1, gone2, \.\.\.\)"):
        store.add_events(events)
    with pytest.raises(InputError) as exc:
        store.add_events(events[:3])
    assert "..." not in str(exc.value)


def test_a_kml_description_says_what_named_the_place_where_and_when_escaped():
    from geo.store.store import _mention_description

    row = {"surface": "Pokrovsk", "kind": "city", "cc": "UA", "title": "Front <b>news</b>",
           "date": "2024-05-01", "source": "Example News", "sentence": "Shelling near Pokrovsk.",
           "url": "https://example.com/a?x=1&y=2"}
    assert _mention_description(row) == (
        "Pokrovsk (city, UA)<br>Front &lt;b&gt;news&lt;/b&gt; · 2024-05-01 · Example News<br>"
        "Shelling near Pokrovsk.<br>https://example.com/a?x=1&amp;y=2")
    bare = {"surface": "Pokrovsk", "kind": "city", "cc": "UA", "title": None, "date": "",
            "source": "Wire", "sentence": None, "url": None}
    assert _mention_description(bare) == "Pokrovsk (city, UA)<br>Wire"


def test_alternatives_are_compact_json_keeping_non_ascii():
    from dataclasses import replace

    from geo.model import Candidate
    from geo.store.store import _alternatives_json

    class M:
        alternatives = (Candidate(replace(POKROVSK, name="Покровськ"), 0.123456, "Покровськ",
                                  "primary"),)

    assert _alternatives_json(M()) == ('[{"place_id":704679,"name":"Покровськ","kind":"city",'
                                       '"cc":"UA","score":0.1235}]')
