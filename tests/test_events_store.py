"""Events in the store: migration 3, idempotent transactional writes, filtered reads."""

from __future__ import annotations

import sqlite3

import pytest

from geo.errors import InputError
from geo.model import Event
from geo.store import Store
from geo.store.event_queries import EVENT_COLUMNS
from geo.store.schema import MIGRATIONS, connect
from tests.test_store_fixtures import (
    DONETSK_OBLAST,
    KYIV,
    POKROVSK,
    TOULON,
    TinyGazetteer,
    parsed,
)


def ev(eid, *, place=POKROVSK, event_type="Battles", sub="Armed clash", date="2024-05-01",
       article_id=None, lat=None, lon=None, **kw):
    return Event(id=eid, event_type=event_type, sub_event_type=sub, date=date,
                 time_precision=1, lat=place.lat if lat is None else lat,
                 lon=place.lon if lon is None else lon, geo_precision=1, place=place,
                 article_id=article_id, **kw)


def test_version_2_store_with_the_placeholder_table_is_migrated(tmp_path):
    db = tmp_path / "geo.db"
    connect(db, migrations=MIGRATIONS[:2]).close()
    with Store(db) as store:
        assert store.schema_version == len(MIGRATIONS)
        assert store.add_events([ev("e1")]) == 1
    conn = sqlite3.connect(db)
    cols = {r[1] for r in conn.execute("PRAGMA table_info(events)")}
    assert {"event_type", "sub_event_type", "time_precision", "geo_precision", "actors",
            "confidence", "claimed", "claimant", "grp"} <= cols
    assert conn.execute("SELECT count(*) FROM event_points").fetchone()[0] == 1


def test_version_3_store_keeps_its_events_each_a_real_event_of_its_own(tmp_path):
    db = tmp_path / "geo.db"
    conn = connect(db, migrations=MIGRATIONS[:3])
    conn.execute("INSERT INTO events (id, event_type, date, time_precision, lat, lon, "
                 "geo_precision, source) VALUES ('old', 'Battles', '2025-01-02', 1, "
                 "48.5, 37.9, 1, 'ACLED')")
    conn.close()
    with Store(db) as store:
        assert store.schema_version == len(MIGRATIONS)
        [row] = store.event_rows()
        store.add([parsed("a1", [POKROVSK])])
        assert store.add_events([ev("new", lat=48.5, lon=37.9, date="2025-01-02",
                                    article_id="a1")]) == 1
        groups = {r[0]: dict(zip(EVENT_COLUMNS, r, strict=True))["grp"]
                  for r in store.event_rows()}
    assert dict(zip(EVENT_COLUMNS, row, strict=True))["grp"] == "old"
    assert groups == {"old": "old", "new": "old"}  # an article's report joins the dataset's


def test_add_events_is_idempotent_by_id_and_updates(tmp_path):
    with Store(tmp_path / "geo.db") as store:
        assert store.add_events([ev("e1"), ev("e2", place=KYIV)]) == 2
        assert store.add_events([ev("e1"), ev("e2", place=KYIV)]) == 0
        assert store.add_events([ev("e1", fatalities=4, place=TOULON)]) == 0
        rows = store.event_rows()
        assert len(rows) == 2
        assert (rows[0][0], rows[0][15], rows[0][9]) == ("e1", 4, "Toulon")
        # the moved point moved in the R*Tree too
        near_toulon = store.event_rows(region=_box(5.0, 43.0, 7.0, 44.0))
        assert [r[0] for r in near_toulon] == ["e1"]


def test_a_bad_batch_writes_nothing(tmp_path):
    with Store(tmp_path / "geo.db") as store:
        with pytest.raises(InputError, match="not in the store"):
            store.add_events([ev("e1"), ev("e2", article_id="missing")])
        with pytest.raises(InputError, match="unknown event type"):
            store.add_events([ev("e3", event_type="Parade")])
        with pytest.raises(InputError, match=r"invalid coordinates|latitude"):
            store.add_events([ev("e4", lat=123.0)])
        for bad in (1.5, -0.1, float("nan"), "high"):
            with pytest.raises(InputError, match="confidence must be a number from 0 to 1"):
                store.add_events([ev("e5", confidence=bad)])
        assert store.event_rows() == []


def test_events_of_a_replaced_article_go_with_it(tmp_path):
    with Store(tmp_path / "geo.db") as store:
        store.add([parsed("a1", [POKROVSK])])
        store.add_events([ev("a1:1", article_id="a1")])
        store.add([parsed("a1", [POKROVSK], text="Changed text near Pokrovsk.")])
        assert store.event_rows() == []
        conn = store._conn
        assert conn.execute("SELECT count(*) FROM event_points").fetchone()[0] == 0


def test_filters_type_dates_region(tmp_path):
    with Store(tmp_path / "geo.db") as store:
        store.add_events([
            ev("b1", date="2024-05-01"),
            ev("s1", event_type="Strategic developments", sub="Change to group/activity",
               date="2024-06-01"),
            ev("d1", place=TOULON, event_type="Diplomacy", sub="Meeting", date="2024-07-01"),
            ev("u1", place=KYIV, date=None),
        ])
        ids = lambda **kw: [r[0] for r in store.event_rows(**kw)]  # noqa: E731
        assert ids() == ["b1", "s1", "d1", "u1"]  # undated last
        assert ids(type="strategic") == ["s1"]
        assert ids(type="Meeting") == ["d1"]
        assert ids(type=["battles", "diplomacy"]) == ["b1", "d1", "u1"]
        assert ids(since="2024-05-15") == ["s1", "d1"]
        assert ids(until="2024-05-15") == ["b1"]
        gaz = TinyGazetteer()
        assert ids(region="Donetsk Oblast", gazetteer=gaz) == ["b1", "s1"]
        with pytest.raises(InputError, match="unknown event type"):
            ids(type="parade")
        with pytest.raises(InputError, match="since date"):
            ids(since="last week")
        frame = store.events(type="Diplomacy")
        assert list(frame["location"]) == ["Toulon"] and frame.crs.to_epsg() == 4326
        assert frame.geometry.iloc[0].x == pytest.approx(TOULON.lon)
        assert DONETSK_OBLAST.id not in set(frame["place_id"].dropna())


def _box(x0, y0, x1, y1):
    from shapely.geometry import box

    return box(x0, y0, x1, y1)


def test_events_frame_has_pandas_types(tmp_path):
    """Dates resample, actors are lists, event types are categoricals."""
    import pandas as pd

    with Store(tmp_path / "geo.db") as store:
        store.add_events([ev("e1", actors=("Military Forces of Russia", "Civilians")),
                          ev("e2", date=None, event_type="Protests", sub="Peaceful protest")])
        frame = store.events()
    assert pd.api.types.is_datetime64_any_dtype(frame["date"])
    assert frame.loc[frame["id"] == "e1", "date"].iloc[0] == pd.Timestamp("2024-05-01")
    assert frame.loc[frame["id"] == "e2", "date"].isna().all()
    assert frame.loc[frame["id"] == "e1", "actors"].iloc[0] == ["Military Forces of Russia",
                                                                "Civilians"]
    assert frame.loc[frame["id"] == "e2", "actors"].iloc[0] == []
    assert isinstance(frame["event_type"].dtype, pd.CategoricalDtype)
    assert "Battles" in frame["event_type"].cat.categories
    assert frame.crs.to_epsg() == 4326
