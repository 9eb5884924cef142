"""``geo ingest`` stores the events of what it parses (``--no-events`` skips them), and
``geo map --db --events`` on a store without events says how to get them."""

from __future__ import annotations

import json

import pytest

from geo.cli import main
from geo.store import Store
from tests.render_samples import seed_like
from tests.test_store_fixtures import geo_cmd

ARTICLE = ("Russian drones attacked Kharkiv overnight, killing two people. "
           "The governor denied that Russian troops had captured Vovchansk.\n")


def _run(*args, cwd):
    import subprocess

    return subprocess.run(geo_cmd(*args), capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.mark.real_gazetteer
def test_ingest_stores_events_once_and_no_events_skips_them(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Kharkiv is a large city.\n", encoding="utf-8")
    out = _run("ingest", "a.txt", "b.txt", "--db", "e.db", "--json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["events_new"] == 1  # the strike; the denial is no event
    again = _run("ingest", "a.txt", "b.txt", "--db", "e.db", "--json", cwd=tmp_path)
    assert json.loads(again.stdout)["events_new"] == 0  # unchanged articles: nothing new
    with Store(tmp_path / "e.db", create=False) as store:
        rows = store.event_rows()
    assert len(rows) == 1
    skipped = _run("ingest", "a.txt", "--db", "n.db", "--no-events", "--json", cwd=tmp_path)
    assert json.loads(skipped.stdout)["events_new"] is None
    with Store(tmp_path / "n.db", create=False) as store:
        assert store.event_rows() == []


def test_map_of_a_store_without_events_says_how_to_get_them(tmp_path, capsys):
    db = tmp_path / "geo.db"
    with Store(db) as store:
        store.add(seed_like())
    out = tmp_path / "m.html"
    assert main(["map", "--db", str(db), "--events", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "holds no events" in err and f"geo ingest PATH --db {db}" in err
    assert out.exists()


@pytest.mark.real_gazetteer
def test_hostile_numbers_and_dates_lose_no_article_and_no_event(tmp_path):
    """A count no event can have and a day that does not exist: the figure is left out and the
    cue ignored, every article's events are stored (once failed: OverflowError in the store,
    "year 0 is out of range" skipping the article)."""
    articles = [
        {"id": "big", "date": "2025-03-14",
         "text": "A Russian missile hit Kharkiv, killing 99999999999999999999999 people."},
        {"id": "y0", "date": "2025-03-14",
         "text": "In March 0000 a Russian drone hit a house in Sumy, killing three people."},
        {"id": "ok", "date": "2025-03-14",
         "text": "Russian drones attacked Odesa overnight, killing two people."},
    ]
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles),
                                      encoding="utf-8")
    out = _run("ingest", "a.jsonl", "--db", "e.db", "--json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "error" not in out.stderr and "skipped" not in out.stderr
    from geo.store.event_queries import EVENT_COLUMNS

    with Store(tmp_path / "e.db", create=False) as store:
        rows = {r["article_id"]: r for r in (dict(zip(EVENT_COLUMNS, row, strict=True))
                                             for row in store.event_rows())}
    assert set(rows) == {"big", "y0", "ok"}
    assert rows["big"]["fatalities"] is None
    assert (rows["y0"]["date"], rows["y0"]["time_precision"], rows["y0"]["fatalities"]) == \
        ("2025-03-14", 1, 3)
    assert rows["ok"]["fatalities"] == 2
