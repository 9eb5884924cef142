"""One real event reported by several articles: grouped, with its sources counted
(geo.events.corroborate and ``geo events``), on events and articles written here."""

from __future__ import annotations

import json
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from geo.cli import main
from geo.events import corroborate as corroborate_module
from geo.events.corroborate import Group, corroborate
from geo.model import Article, Event, ParsedArticle, Place
from geo.store import Store

KHARKIV = Place(706483, "Kharkiv", "city", "UA", "07", "Kharkiv Oblast", 49.98, 36.25, 0)


def ev(eid, article, *, lat=49.98, date="2025-03-14", tp=1, gp=1,
       event_type="Explosions/Remote violence", source="geo extract"):
    return Event(id=eid, event_type=event_type, sub_event_type="Air/drone strike", date=date,
                 time_precision=tp, lat=lat, lon=36.25, geo_precision=gp, place=KHARKIV,
                 actors=("Military Forces of Russia",), article_id=article, source=source,
                 location="Kharkiv", text=f"report {eid}")


def test_reports_of_one_event_in_two_articles_are_one_event_with_two_sources():
    groups = corroborate([ev("a:1", "a"), ev("b:1", "b", date="2025-03-15", lat=50.05)])
    assert [(g.event.id, g.sources) for g in groups] == [("a:1", 2)]


def test_far_apart_late_or_of_another_type_are_separate():
    groups = corroborate([ev("a:1", "a"), ev("b:1", "b", lat=50.5),  # 58 km away
                          ev("c:1", "c", date="2025-03-17"),  # three days later
                          ev("d:1", "d", event_type="Battles")])
    assert [g.sources for g in groups] == [1, 1, 1, 1]


def test_week_precision_and_oblast_precision_widen_the_window():
    groups = corroborate([ev("a:1", "a"), ev("b:1", "b", date="2025-03-19", tp=2,
                                             lat=50.9, gp=3)])
    assert [g.sources for g in groups] == [2]


def test_one_article_or_one_dataset_is_one_source():
    same_article = corroborate([ev("a:1", "a"), ev("a:2", "a")])
    assert [g.sources for g in same_article] == [1, 1]
    dataset = corroborate([ev("x:1", None, source="ACLED"), ev("x:2", None, source="ACLED"),
                           ev("b:1", "b")])
    assert [g.sources for g in dataset] == [2, 1]  # a dataset row and an article agree


def test_geo_events_lists_one_line_per_real_event_with_its_sources(tmp_path, capsys):
    db = tmp_path / "e.db"
    with Store(db) as store:
        store.add([ParsedArticle(Article(id=a, text="t", date="2025-03-14"), ())
                   for a in ("a", "b")])
        store.add_events([ev("a:1", "a"), ev("b:1", "b")])
    assert main(["events", "--db", str(db), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["events"]
    assert [(e["id"], e["sources"], e["reports"]) for e in listed] == [("a:1", 2, ["b:1"])]
    assert main(["events", "--db", str(db)]) == 0
    captured = capsys.readouterr()
    assert "2 sources" in captured.out and "1 event (2 reports)" in captured.err


def _store_with_articles(db, *ids):
    store = Store(db)
    store.add([ParsedArticle(Article(id=a, text="t", date="2025-03-14",
                                     url=f"https://news.example/{a}"), ()) for a in ids])
    return store


def _groups(store):
    from geo.store.event_queries import EVENT_COLUMNS

    at = EVENT_COLUMNS.index("grp")
    return {r[0]: r[at] for r in store.event_rows()}


def test_the_store_joins_reports_of_one_real_event_as_they_come(tmp_path):
    with _store_with_articles(tmp_path / "e.db", "a", "b", "c") as store:
        assert store.add_events([ev("a:1", "a")]) == 1
        assert store.add_events([ev("b:1", "b", date="2025-03-15", lat=50.05),
                                 ev("b:2", "b", lat=50.5),  # 58 km away: another event
                                 ev("c:1", "c", date="2025-03-18")]) == 3  # 4 days later
        assert _groups(store) == {"a:1": "a:1", "b:1": "a:1", "b:2": "b:2", "c:1": "c:1"}
        sources = store.event_sources(["a:1", "b:2"])
    assert sources == {"a:1": (("a", "b"), ("https://news.example/a", "https://news.example/b")),
                       "b:2": (("b",), ("https://news.example/b",))}


def test_storing_an_article_again_adds_no_source_twice(tmp_path):
    with _store_with_articles(tmp_path / "e.db", "a", "b") as store:
        store.add_events([ev("a:1", "a"), ev("b:1", "b")])
        assert store.add_events([ev("b:1", "b"), ev("a:1", "a")]) == 0
        assert _groups(store) == {"a:1": "a:1", "b:1": "a:1"}
        assert store.event_sources(["a:1"])["a:1"][0] == ("a", "b")


def test_two_events_of_one_article_never_merge_into_one_real_event(tmp_path):
    with _store_with_articles(tmp_path / "e.db", "a", "b") as store:
        store.add_events([ev("a:1", "a"), ev("a:2", "a"), ev("b:1", "b")])
        assert _groups(store) == {"a:1": "a:1", "a:2": "a:2", "b:1": "a:1"}


def test_export_writes_one_row_per_real_event_or_with_reports_every_report(tmp_path, capsys):
    import csv

    db = tmp_path / "e.db"
    with _store_with_articles(db, "a", "b") as store:
        store.add_events([ev("a:1", "a"), ev("b:1", "b")])
    out = tmp_path / "events.csv"
    assert main(["events", "export", "--db", str(db), "-o", str(out)]) == 0
    assert "1 event (2 reports) written" in capsys.readouterr().err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["event_id_cnty"], r["event_group"], r["sources"], r["source_articles"])
            for r in rows] == [("a:1", "a:1", "2", "a; b")]
    assert rows[0]["source_urls"] == "https://news.example/a; https://news.example/b"
    assert main(["events", "export", "--db", str(db), "-o", str(out), "--force",
                 "--reports"]) == 0
    assert "2 reports written" in capsys.readouterr().err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["event_id_cnty"], r["event_group"], r["sources"], r["source_articles"])
            for r in rows] == [("a:1", "a:1", "2", "a; b"), ("b:1", "a:1", "2", "a; b")]


def test_rows_of_imported_datasets_stay_apart_and_articles_join_them(tmp_path):
    with _store_with_articles(tmp_path / "e.db", "a") as store:
        store.add_events([ev("x:1", None, source="Outlet one"),
                          ev("x:2", None, source="Outlet two"), ev("a:1", "a")])
        assert _groups(store) == {"x:1": "x:1", "x:2": "x:2", "a:1": "x:1"}


def _with(e, **kw):
    import dataclasses

    return dataclasses.replace(e, **kw)


def test_another_attacker_or_another_sub_type_is_another_event():
    ukraine = _with(ev("b:1", "b"), actors=("Military Forces of Ukraine",))
    shelling = _with(ev("c:1", "c"), sub_event_type="Shelling/artillery/missile attack")
    groups = corroborate([ev("a:1", "a"), ukraine, shelling])
    assert [g.sources for g in groups] == [1, 1, 1]


def test_an_unknown_attacker_or_sub_type_and_acleds_active_years_do_not_part_reports():
    unknown = _with(ev("b:1", "b"), actors=(), sub_event_type="")
    acled = _with(ev("x:1", None, source="ACLED"), actors=("Military Forces of Russia (2000-)",
                                                          "Civilians (Ukraine)"))
    assert [g.sources for g in corroborate([ev("a:1", "a"), unknown, acled])] == [3]


def test_a_report_must_match_every_report_of_the_group_not_only_the_first():
    """20 km north and 20 km south of the first report are 40 km apart: not one event, in
    whatever order they come (with the first only, the group took both)."""
    north, south = ev("b:1", "b", lat=49.98 + 0.18), ev("c:1", "c", lat=49.98 - 0.18)
    assert [len(g.reports) for g in corroborate([ev("a:1", "a"), north, south])] == [2, 1]
    # dates: within a week of the first, but not of each other
    week = [ev("a:1", "a", date="2025-03-10", tp=2), ev("b:1", "b", date="2025-03-16", tp=2),
            ev("c:1", "c", date="2025-03-04", tp=2)]
    assert [len(g.reports) for g in corroborate(week)] == [2, 1]


def test_the_store_joins_a_report_only_to_a_group_it_matches_entirely(tmp_path):
    with _store_with_articles(tmp_path / "e.db", "a", "b", "c", "d") as store:
        store.add_events([ev("a:1", "a"), ev("b:1", "b", lat=49.98 + 0.18)])
        store.add_events([ev("c:1", "c", lat=49.98 - 0.18),  # near a, 40 km from b
                          _with(ev("d:1", "d"), actors=("Military Forces of Ukraine",))])
        assert _groups(store) == {"a:1": "a:1", "b:1": "a:1", "c:1": "c:1", "d:1": "d:1"}


def test_a_report_changed_in_place_leaves_its_group(tmp_path):
    with _store_with_articles(tmp_path / "e.db", "a", "b", "c") as store:
        store.add_events([ev("a:1", "a"), ev("b:1", "b"), ev("c:1", "c")])
        assert set(_groups(store).values()) == {"a:1"}
        store.add_events([ev("a:1", "a", lat=50.9)])  # the first report moved 100 km
        assert _groups(store) == {"a:1": "a:1", "b:1": "b:1", "c:1": "b:1"}
        assert store.event_sources(["b:1"])["b:1"][0] == ("b", "c")


def test_replacing_an_article_takes_its_reports_out_of_their_groups(tmp_path):
    """The old report of a changed article led a group; the article's next version reuses
    the id (an extractor's offsets): the id must not take the group over."""
    with _store_with_articles(tmp_path / "e.db", "a", "b", "c") as store:
        store.add_events([ev("a:1", "a"), ev("b:1", "b"), ev("c:1", "c")])
        store.add([ParsedArticle(Article(id="a", text="changed", date="2025-03-14"), ())])
        assert _groups(store) == {"b:1": "b:1", "c:1": "b:1"}
        store.add_events([_with(ev("a:1", "a"), lat=49.84, lon=24.03)])  # now in Lviv
        assert _groups(store) == {"b:1": "b:1", "c:1": "b:1", "a:1": "a:1"}
        assert store.event_sources(["b:1"])["b:1"][0] == ("b", "c")



_reports = st.builds(
    lambda article, lat, day, tp, gp, actor, sub: replace(
        ev(f"{article}-{lat}-{day}", article, lat=49.9 + lat / 10, date=f"2025-03-{day:02d}",
           tp=tp, gp=gp), actors=(actor,) if actor else (), sub_event_type=sub),
    article=st.sampled_from(["a1", "a2", "a3", "a4", ""]), lat=st.integers(0, 3),
    day=st.integers(10, 20), tp=st.integers(1, 3), gp=st.sampled_from([1, 3]),
    actor=st.sampled_from(["", "Military Forces of Russia (2000-)",
                           "Military Forces of Ukraine"]),
    sub=st.sampled_from(["", "Air/drone strike", "Shelling/artillery/missile attack"]))


def _one_source(a, b):
    """The plain rule: reports of one article are one source, and so are two imported rows
    (no article)."""
    return a.article_id == b.article_id if a.article_id or b.article_id else True


@settings(max_examples=300, deadline=None)
@given(st.lists(_reports, min_size=1, max_size=12), _reports)
def test_a_group_admits_a_report_as_the_rule_against_each_of_its_reports_does(reports, e):
    """``Group`` reads a set of sources and one report per distinct telling; the plain
    reading compares the report with every report of the group."""
    plain = not any(_one_source(r, e) for r in reports) and all(
        corroborate_module._pair(r, e) for r in reports)
    assert Group(reports).admits(e) == plain
