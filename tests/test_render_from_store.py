"""``geo map --db``: a map drawn from what ``geo ingest`` stored, not from a new parse."""

from __future__ import annotations

import re

from geo.cli import main
from geo.store import Store
from geo.store.parsed_io import parsed_from_store
from tests.render_samples import hostile, seed_like


def _stored(tmp_path, parsed):
    db = tmp_path / "geo.db"
    with Store(db) as store:
        store.add(parsed)
    return db


def test_store_gives_back_its_articles_and_mentions(tmp_path):
    original = seed_like()
    db = _stored(tmp_path, original)
    with Store(db, create=False) as store:
        back = {pa.article.id: pa for pa in parsed_from_store(store)}
    assert set(back) == {pa.article.id for pa in original}
    for pa in original:
        got = back[pa.article.id]
        assert got.article.text == pa.article.text
        assert got.article.title == pa.article.title
        assert sorted((m.start, m.end, m.place.id) for m in got.mentions) == \
            sorted((m.start, m.end, m.place.id) for m in pa.mentions)


def test_since_until_filter_on_the_article_date(tmp_path):
    original = seed_like()
    dates = sorted(pa.article.date for pa in original if pa.article.date)
    db = _stored(tmp_path, original)
    with Store(db, create=False) as store:
        late = list(parsed_from_store(store, since=dates[-1]))
    assert late and all(pa.article.date >= dates[-1] for pa in late)


def test_geo_map_db_writes_the_stored_places(tmp_path, capsys):
    db = _stored(tmp_path, seed_like() + hostile())
    out = tmp_path / "map.html"
    assert main(["map", "--db", str(db), "-o", str(out), "--title", "from the store"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Kramatorsk" in html and "Pokrovsk" in html
    # the hostile article's script never appears as markup
    assert "<script>window.__pwned" not in html
    assert re.search(r"wrote .*map\.html", capsys.readouterr().out)


def test_geo_map_missing_db_is_one_line_exit_2(tmp_path, capsys):
    assert main(["map", "--db", str(tmp_path / "nope.db"), "-o", str(tmp_path / "m.html")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("geo: error:") and err.count("\n") == 1
    assert "Traceback" not in err
