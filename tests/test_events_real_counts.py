"""Wherever events are counted, a real event told by several articles counts once, with its
reports beside it: ``geo regions stats``, ``geo events export``, ``geo frontline near --db``,
``geo ingest`` and the map's payload; on real SQLite stores written here."""

from __future__ import annotations

import csv
import json

import pytest

from geo.cli import main
from geo.events.corroborate import merged_confidence
from geo.model import Article, Event, ParsedArticle
from geo.render.events import PAYLOAD_FIELDS, events_payload
from geo.store import Store
from tests.test_regions_stats import env  # noqa: F401  (the synthetic boundaries)


def _report(eid: str, article: str | None, lat: float, lon: float, *, date: str = "2025-08-03",
            confidence: float | None = 0.8, source: str = "geo extract") -> Event:
    return Event(id=eid, event_type="Explosions/Remote violence",
                 sub_event_type="Shelling/artillery/missile attack", date=date,
                 time_precision=1, lat=lat, lon=lon, geo_precision=1,
                 actors=("Military Forces of Russia",), article_id=article, source=source,
                 text=f"report {eid}", confidence=confidence)


def _store(path, reports: list[Event], *articles: tuple[str, str, str]) -> None:
    """A store of these articles (id, outlet, url) and event reports, through Store's API."""
    with Store(path) as store:
        store.add([ParsedArticle(Article(aid, "A strike.", title=f"Title {aid}",
                                         date="2025-08-03", source=outlet, url=url), ())
                   for aid, outlet, url in articles])
        store.add_events(reports)


ARTICLES = (("a", "Outlet A", "https://a.example/1"), ("b", "Outlet B", "https://b.example/2"),
            ("c", "Outlet C", "https://c.example/3"), ("d", "Outlet D", "https://d.example/4"))
#: one strike told by three articles, one report of it 11 km south, across the edge between
#: North Oblast (lat 48-50) and South Oblast (46-48); and another strike in South Oblast
ONE_STRIKE = [_report("a:1", "a", 48.05, 31.0, confidence=0.6),
              _report("b:1", "b", 47.95, 31.0, confidence=0.9),
              _report("c:1", "c", 48.02, 31.05, date="2025-08-04", confidence=None)]
OTHER = _report("d:1", "d", 47.0, 31.0)


def test_regions_stats_counts_a_real_event_once_where_its_first_report_is(env, capsys):  # noqa: F811
    db = env / "geo.db"
    _store(db, [*ONE_STRIKE, OTHER], *ARTICLES)
    assert main(["regions", "stats", "--db", str(db), "--what", "events", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    got = [(r["label"], r["period"], r["events"], r["reports"]) for r in doc["rows"]]
    # three reports, two of them in North Oblast and one in South: one event, in the North
    assert got == [("North Oblast, AA", "2025-08", 1, 3), ("South Oblast, AA", "2025-08", 1, 1)]
    assert doc["unplaced"] == {"events": 0, "reports": 0}

    assert main(["regions", "stats", "--db", str(db), "--what", "events"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["region", "period", "events", "reports"]
    assert lines[1].split()[-2:] == ["1", "3"] and lines[2].split()[-2:] == ["1", "1"]

    # a date range holding only the late report: that report alone stands for the event
    assert main(["regions", "stats", "--db", str(db), "--what", "events", "--since",
                 "2025-08-04", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [(r["label"], r["events"], r["reports"]) for r in doc["rows"]] == [
        ("North Oblast, AA", 1, 3)]


def test_a_dataset_row_and_two_articles_of_one_event_are_one_event_three_reports(env, capsys):  # noqa: F811
    db = env / "geo.db"
    acled = _report("acled:7", None, 48.03, 31.02, confidence=None, source="ACLED")
    _store(db, [acled, *ONE_STRIKE[:2]], *ARTICLES[:2])
    assert main(["regions", "stats", "--db", str(db), "--what", "events", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert [(r["events"], r["reports"]) for r in rows] == [(1, 3)]


def test_export_writes_real_events_and_reports_on_request(env, tmp_path, capsys):  # noqa: F811
    db = env / "geo.db"
    _store(db, [*ONE_STRIKE, OTHER], *ARTICLES)
    out = tmp_path / "events.csv"
    assert main(["events", "export", "--db", str(db), "-o", str(out)]) == 0
    assert capsys.readouterr().err.strip() == f"geo: 2 events (4 reports) written to {out}"
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["event_group"], r["sources"], r["source_articles"]) for r in rows] == [
        ("a:1", "3", "a; b; c"), ("d:1", "1", "d")]
    # the real event's confidence is the highest of its reports' (merged_confidence)
    assert [r["confidence"] for r in rows] == ["0.9", "0.8"]
    assert rows[0]["source_urls"] == \
        "https://a.example/1; https://b.example/2; https://c.example/3"

    gj = tmp_path / "events.geojson"
    assert main(["events", "export", "--db", str(db), "-o", str(gj), "--reports"]) == 0
    feats = json.loads(gj.read_text(encoding="utf-8"))["features"]
    assert sorted((f["properties"]["event_id_cnty"], f["properties"]["event_group"])
                  for f in feats) == [("a:1", "a:1"), ("b:1", "a:1"), ("c:1", "a:1"),
                                      ("d:1", "d:1")]
    assert capsys.readouterr().err.strip() == f"geo: 4 reports written to {gj}"


def test_merged_confidence_is_the_highest_known():
    assert merged_confidence([0.6, None, 0.9]) == 0.9
    assert merged_confidence([None, None]) is None
    assert merged_confidence([]) is None


def test_map_payload_has_one_row_per_real_event_listing_its_sources(env):  # noqa: F811
    from geo.regions.sources import store_events

    db = env / "geo.db"
    _store(db, [*ONE_STRIKE, OTHER], *ARTICLES)
    with Store(db, create=False) as store:
        real = store_events(store, corroborated=True)
        articles = {r[0]: Article(r[0], "", title=f"Title {r[0]}", source=r[1], url=r[2])
                    for r in ARTICLES}
    payload = events_payload(real, articles=articles)
    f = {name: i for i, name in enumerate(PAYLOAD_FIELDS)}
    rows = payload["events"]
    assert [(r[f["sources"]], len(r[f["source_list"]])) for r in rows] == [(3, 3), (1, 0)]
    assert rows[0][f["source_list"]] == [
        ["Outlet A", "Title a", "https://a.example/1"],
        ["Outlet B", "Title b", "https://b.example/2"],
        ["Outlet C", "Title c", "https://c.example/3"]]


def test_ingest_and_event_counts_say_reports_and_real_events(env, capsys):  # noqa: F811
    db = env / "geo.db"
    _store(db, ONE_STRIKE[:1], *ARTICLES)
    with Store(db) as store:
        store.add_events(ONE_STRIKE[1:])
        assert store.event_groups(["b:1", "c:1", "a:1", "nope"]) == {"a:1"}
        assert store.event_groups([]) == set()
        with pytest.raises(TypeError):
            store.event_groups([1])
    assert main(["events", "--db", str(db)]) == 0
    assert "1 event (3 reports)" in capsys.readouterr().err


@pytest.mark.parametrize("args", [
    ["events", "export", "-o", "{tmp}/x.txt"],  # no format from the suffix
    ["events", "export", "-o", "{tmp}/x.csv", "--reports", "--since", "2025-02-30"],
    ["events", "export", "-o", "{tmp}/x.csv", "--reports", "extra"],
    ["regions", "stats", "--what", "reports"],
    ["regions", "stats", "--what", "events", "--by", "year"],
])
def test_bad_values_give_one_line_and_exit_2(env, tmp_path, capsys, args):  # noqa: F811
    db = env / "geo.db"
    _store(db, [*ONE_STRIKE, OTHER], *ARTICLES)
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args] + ["--db", str(db)]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("geo: error:") and "\n" not in err
    assert not list(tmp_path.glob("x.*"))


# --------------------------------------------------------------------------- end to end
def _jsonl(path, *articles: dict) -> str:
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles),
                    encoding="utf-8")
    return str(path)


@pytest.mark.real_gazetteer
def test_one_strike_ingested_from_three_outlets_in_two_runs_counts_once(tmp_path, capsys):
    """Real extraction and the real gazetteer: the Kramatorsk strike told by three outlets
    (two of them in a second ingest) is one event with three reports in every count."""
    first = _jsonl(tmp_path / "monday.jsonl", {
        "id": "kyiv-1", "date": "2025-03-14", "source": "Kyiv Outlet",
        "url": "https://kyiv.example/strike", "title": "Missile hits Kramatorsk",
        "text": "A Russian missile struck the centre of Kramatorsk on Friday, killing four "
                "people."}, {
        "id": "kharkiv-1", "date": "2025-03-14", "source": "Kharkiv Outlet",
        "url": "https://kharkiv.example/drones", "title": "Drones over Kharkiv",
        "text": "Russian drones attacked Kharkiv overnight, killing two people."})
    second = _jsonl(tmp_path / "tuesday.jsonl", {
        "id": "wire-7", "date": "2025-03-14", "source": "Wire",
        "url": "https://wire.example/k", "title": "Kramatorsk",
        "text": "Russian forces hit Kramatorsk with a missile on Friday. Four civilians were "
                "killed."}, {
        "id": "paper-3", "date": "2025-03-15", "source": "Paper",
        "url": "https://paper.example/k", "title": "Strike on Kramatorsk",
        "text": "A Russian missile strike on Kramatorsk killed four people on Friday, "
                "officials said."})
    db = str(tmp_path / "war.db")
    assert main(["ingest", first, "--db", db, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["events_new"], doc["real_events"]) == (2, 2)
    assert main(["ingest", second, "--db", db]) == 0
    assert "2 new event reports (1 real event)" in capsys.readouterr().err
    assert main(["ingest", second, "--db", db]) == 0  # again: nothing new
    assert "0 new event reports (0 real events)" in capsys.readouterr().err

    assert main(["events", "--db", db, "--json"]) == 0
    listed = {e["location"]: e for e in json.loads(capsys.readouterr().out)["events"]}
    assert {k: e["sources"] for k, e in listed.items()} == {"Kramatorsk": 3, "Kharkiv": 1}
    assert sorted(listed["Kramatorsk"]["source_articles"]) == ["kyiv-1", "paper-3", "wire-7"]

    assert main(["regions", "stats", "--db", db, "--what", "events", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert sorted((r["label"], r["events"], r["reports"]) for r in rows) == [
        ("Donetsk Oblast, UA", 1, 3), ("Kharkiv Oblast, UA", 1, 1)]

    front = tmp_path / "front_20250301.geojson"
    front.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"name": "occupied"}, "geometry": {
            "type": "Polygon", "coordinates": [[[37.9, 47.8], [39.5, 47.8], [39.5, 48.6],
                                                [37.9, 48.6], [37.9, 47.8]]]}}]}),
        encoding="utf-8")
    assert main(["frontline", "near", str(front), "--db", db, "--json"]) == 0
    near = json.loads(capsys.readouterr().out)["events"]
    assert sorted((e["location"], e["sources"]) for e in near) == [("Kharkiv", 1),
                                                                   ("Kramatorsk", 3)]
    assert main(["frontline", "near", str(front), "--db", db]) == 0
    out = capsys.readouterr().out
    assert f"events in {db} (2, 4 reports):" in out and "3 sources)" in out


def test_store_events_frame_has_one_row_per_real_event_or_every_report(env):  # noqa: F811
    db = env / "geo.db"
    _store(db, [*ONE_STRIKE, OTHER], *ARTICLES)
    with Store(db, create=False) as store:
        real = store.events()
        every = store.events(reports=True)
        late = store.events(since="2025-08-04")
        with pytest.raises(TypeError, match="reports= wants True or False"):
            store.events(reports="yes")
    assert list(real["id"]) == ["a:1", "d:1"] and list(real["sources"]) == [3, 1]
    assert list(real["source_articles"]) == [["a", "b", "c"], ["d"]]
    assert list(real["confidence"]) == [0.9, 0.8]  # the highest of the reports'
    assert list(every["id"]) == ["a:1", "b:1", "d:1", "c:1"]  # in date order
    assert list(every["grp"]) == ["a:1", "a:1", "d:1", "a:1"]
    assert list(every["sources"]) == [3, 3, 1, 3]
    assert list(late["id"]) == ["c:1"] and list(late["sources"]) == [3]


def test_a_real_event_is_on_one_side_of_the_line_the_side_of_its_first_report(tmp_path):
    """Two reports of one clash 11 km apart, astride the June line (occupied from 37.8 E):
    ``geo events --side`` puts the real event on its first report's side only."""
    from tests.test_frontline_event_sides import run
    from tests.test_frontline_event_sides import store as with_lines

    db, run_env = with_lines.__wrapped__(tmp_path)
    clash = [Event(f"{a}:1", "Battles", "Armed clash", "2024-06-25", 1, 48.4, lon, 1,
                   location=f"Clash by {a}", article_id=a) for a, lon in (("x", 37.9),
                                                                         ("y", 37.75))]
    _store(db, clash, ("x", "Outlet X", "https://x.example/"),
           ("y", "Outlet Y", "https://y.example/"))

    def listed(side: str) -> list[tuple[str, int]]:
        r = run(run_env, "events", "--db", str(db), "--side", side, "--json")
        assert r.returncode == 0, r.stderr
        return [(e["id"], e["sources"]) for e in json.loads(r.stdout)["events"]]

    assert listed("occupied") == [("occ", 1), ("x:1", 2)]
    assert listed("held") == [("held", 1)]  # not the clash, whose report y:1 is west of it
    out = tmp_path / "held.csv"
    r = run(run_env, "events", "export", "--db", str(db), "--side", "occupied", "--reports",
            "-o", str(out))
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert sorted((x["event_id_cnty"], x["side"]) for x in rows) == [
        ("occ", "occupied"), ("x:1", "occupied"), ("y:1", "held")]  # each report's own side


def test_an_imported_row_of_an_event_an_article_told_is_one_real_event(env, tmp_path,  # noqa: F811
                                                                        capsys):
    db = env / "geo.db"
    _store(db, ONE_STRIKE[:1], *ARTICLES[:1])
    src = tmp_path / "acled.csv"
    src.write_text(
        "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
        "actor1,actor2,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,"
        "source,notes,fatalities\n"
        "AA1,2025-08-03,2025,1,Political violence,Explosions/Remote violence,"
        "Shelling/artillery/missile attack,Military Forces of Russia,,Testland,North Oblast,,,"
        "Northtown,48.04,31.01,1,Wire,Shelling,0\n"
        "AA2,2025-08-03,2025,1,Political violence,Battles,Armed clash,A,,Testland,"
        "South Oblast,,,Southport,47.0,32.0,1,Wire,Clash,0\n", encoding="utf-8")
    assert main(["events", "import", str(src), "--db", str(db), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["imported"], summary["new"], summary["real_events"]) == (2, 2, 2)
    assert main(["events", "--db", str(db), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["events"]
    assert sorted((e["id"], e["sources"]) for e in listed) == [("AA2", 1), ("a:1", 2)]
