"""Counts per region and period, and the `geo regions stats` command on a real store."""

from __future__ import annotations

import gzip
import json

import pytest
import shapely

from geo.cli import main
from geo.errors import InputError
from geo.model import Article, Event, Mention, ParsedArticle, Place
from geo.regions import event_points, mention_points, period_of, region_stats
from geo.store import Store
from tests.test_regions_join import NORTH, OTHER, SOUTH, areas

TOWN = Place(101, "Northtown", "city", "AA", "01", "North Oblast", 49.0, 31.0, 5000)
PORT = Place(102, "Southport", "city", "AA", "02", "South Oblast", 47.0, 32.05, 9000)  # coast
LAND = Place(10, "Testland", "country", "AA", "", "", 49.0, 31.0, 1)
SEA = Place(103, "Test Sea", "water", "", "", "", 44.0, 36.0, 0)


@pytest.mark.parametrize(("day", "by", "period"), [
    ("2025-08-18", "week", "2025-W34"), ("2025-08-18", "month", "2025-08"),
    ("2024-12-30", "week", "2025-W01"), ("2021-01-03", "week", "2020-W53"),
    ("2025-08-18T10:00:00Z", "month", "2025-08"), (None, "week", "undated"),
    ("", "month", "undated"), ("not a date", "month", "undated"),
])
def test_period_of(day, by, period) -> None:
    assert period_of(day, by) == period


def test_period_of_rejects_unknown_granularity() -> None:
    with pytest.raises(InputError, match="unknown period"):
        period_of("2025-01-01", "year")


def event(i: int, day: str | None, lat: float, lon: float, place: Place | None = None) -> Event:
    return Event(f"e{i}", "Battles", "Armed clash", day, 1, lat, lon, 1, place)


def test_region_stats_counts_per_region_and_period() -> None:
    rows = [(101, "2025-08-01"), (101, "2025-08-02"), (101, "2025-09-01"), (102, "2025-08-05"),
            (10, "2025-08-01"), (103, None)]
    mentions = mention_points(rows, {p.id: p for p in (TOWN, PORT, LAND, SEA)})
    assert mentions.total == 6 and len(mentions) == 6
    events = event_points([event(1, "2025-08-03", 49.5, 31.5), event(2, None, 48.5, 41.0),
                           event(3, "2025-08-04", 10.0, 10.0)])
    stats = region_stats(areas(), mentions=mentions, events=events, by="month")
    got = [(r.region.label, r.period, r.mentions, r.events) for r in stats.rows]
    assert got == [
        ("North Oblast, AA", "2025-08", 2, 1),  # busiest region first, periods in order
        ("North Oblast, AA", "2025-09", 1, 0),
        ("Otherland East, BB", "undated", 0, 1),
        ("South Oblast, AA", "2025-08", 1, 0),  # the coastal port: nearest-polygon fallback
    ]
    # the country, the sea; mid-ocean (a lone report: one event, one report)
    assert stats.unplaced == {"mentions": 2, "events": 1, "reports": 1}
    by_country = region_stats(areas(), mentions=mentions, level="country", by="week")
    assert [(r.region.label, r.period, r.mentions) for r in by_country.rows] == [
        ("Testland", "2025-W31", 3), ("Testland", "2025-W32", 1), ("Testland", "2025-W36", 1)]
    assert by_country.unplaced == {"mentions": 1}
    only = region_stats(areas(), mentions=mentions, only=[1])
    assert [r.region.label for r in only.rows] == ["South Oblast, AA"]
    assert json.loads(json.dumps(stats.to_dict()))["rows"][0]["label"] == "North Oblast, AA"
    with pytest.raises(InputError):
        region_stats(areas(), mentions=mentions, level="admin2")


# --------------------------------------------------------------------------- the CLI
@pytest.fixture
def env(tmp_path, monkeypatch):
    """A data dir with synthetic boundary files and no gazetteer index."""
    data = tmp_path / "data"
    data.mkdir()
    rows = {"admin1": [({"id": 1, "cc": "AA", "admin1_code": "01", "name": "North Oblast"},
                        NORTH),
                       ({"id": 2, "cc": "AA", "admin1_code": "02", "name": "South Oblast"},
                        SOUTH),
                       ({"id": 3, "cc": "BB", "admin1_code": "01", "name": "Otherland East"},
                        OTHER)],
            "countries": [({"id": 10, "cc": "AA", "name": "Testland"}, NORTH.union(SOUTH)),
                          ({"id": 20, "cc": "BB", "name": "Otherland"}, OTHER)]}
    for stem, feats in rows.items():
        with gzip.open(data / f"{stem}.geojson.gz", "wt", encoding="utf-8") as fh:
            json.dump({"type": "FeatureCollection", "features": [
                {"type": "Feature", "properties": p, "geometry": shapely.geometry.mapping(g)}
                for p, g in feats]}, fh)
    monkeypatch.setenv("GEO_DATA_DIR", str(data))
    monkeypatch.setenv("GEO_INDEX_DIR", str(tmp_path / "no-index"))
    return tmp_path


def store_with_mentions(path) -> None:
    def pa(aid: str, day: str, places: list[Place]) -> ParsedArticle:
        text = " ".join(p.name for p in places) + "."
        art = Article(aid, text, title=aid, date=day)
        ms = tuple(Mention(aid, text.find(p.name), text.find(p.name) + len(p.name), p.name,
                           text, p, 0.9, "test") for p in places)
        return ParsedArticle(art, ms)

    with Store(path) as store:
        store.add([pa("a1", "2025-08-01", [TOWN, PORT, LAND]),
                   pa("a2", "2025-08-20", [TOWN]), pa("a3", "2025-09-02", [TOWN])])
        if hasattr(store, "add_events"):
            store.add_events([event(1, "2025-08-03", 49.5, 31.5)])


def test_cli_table_json_and_filters(env, capsys) -> None:
    db = env / "geo.db"
    store_with_mentions(db)
    assert main(["regions", "stats", "--db", str(db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["region", "period", "mentions", "events", "reports"]
    assert out[1].split()[:5] == ["North", "Oblast,", "AA", "2025-08", "2"]
    if hasattr(Store, "add_events"):  # the events table arrived with its own issue
        assert out[1].split()[5:] == ["1", "1"]
    assert out[3].split()[:5] == ["South", "Oblast,", "AA", "2025-08", "1"]
    assert "not in any admin-1 unit: 1 mention " in out[-1]

    assert main(["regions", "stats", "--db", str(db), "--by", "week", "--what", "mentions",
                 "--region", "south oblast", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [(r["label"], r["period"], r["mentions"]) for r in doc["rows"]] == [
        ("South Oblast, AA", "2025-W31", 1)]
    assert "events" not in doc["unplaced"]

    assert main(["regions", "stats", "--db", str(db), "--region", "AA", "--level", "country",
                 "--what", "mentions"]) == 0
    out = capsys.readouterr().out
    assert "Testland" in out and "events" not in out.splitlines()[0]


def test_cli_bad_input(env, capsys) -> None:
    db = env / "geo.db"
    store_with_mentions(db)
    assert main(["regions", "stats", "--db", str(db), "--region", "Nort Oblast"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("geo: error: unknown region 'Nort Oblast'")
    assert "did you mean: North Oblast, AA" in err and "\n" not in err
    assert main(["regions", "stats", "--db", str(env / "missing.db")]) == 2
    assert "geo: error:" in capsys.readouterr().err
    assert main(["regions", "stats", "--db", str(db), "--since", "2025-13-01"]) == 2
    assert "argument --since: no such day" in capsys.readouterr().err


def test_cli_empty_store(env, capsys) -> None:
    db = env / "empty.db"
    Store(db).close()
    assert main(["regions", "stats", "--db", str(db), "--what", "mentions"]) == 0
    assert capsys.readouterr().out.startswith(f"no mentions in {db}")
