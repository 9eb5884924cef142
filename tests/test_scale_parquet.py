"""The GeoParquet output of a batch run: written part by part, read back exactly, and read by
``geo ingest`` and ``geo map`` (no cluster needed: parts are written directly here)."""

from __future__ import annotations

import json
import math
import sqlite3
import subprocess
import sys
from pathlib import Path

import pyarrow  # noqa: F401  (the [test] extra; CI installs it: a missing one fails)
import pytest

from geo.errors import InputError
from geo.model import Article, Candidate, Mention, ParsedArticle, Place
from geo.scale.parquet import (
    MANIFEST,
    is_parsed_dir,
    prepare_dir,
    read_parsed_dir,
    write_manifest,
    write_part,
)

POKROVSK = Place(704422, "Pokrovsk", "city", "UA", "05", "Donetsk Oblast", 48.28, 37.18, 60000)
ENGELS = Place(563464, "Engels", "city", "RU", "67", "Saratov Oblast", 51.5, 46.12, 196000)
TOULON = Place(2972328, "Toulon", "city", "FR", "93", "Provence", 43.12, 5.93, 171000)


def mention(aid: str, start: int, place: Place, alts=()) -> Mention:
    return Mention(article_id=aid, start=start, end=start + len(place.name), surface=place.name,
                   sentence=f"Near {place.name}, «quoted» ${{x}}.", place=place,
                   confidence=0.8123456789, reason="qualifier: region named", alternatives=alts)


def records() -> list[list[ParsedArticle]]:
    alt = (Candidate(ENGELS, 0.1234567, "Pokrovsk", "alternate", 1234.5678),
           Candidate(Place(1, "Sea", "water", "", "", "", math.nan, math.nan), 0.01, "Sea",
                     "fuzzy"))
    a1 = Article("a1", "Near Pokrovsk and Toulon.", "Title", "2026-02-02", "https://x.org/1",
                 "wire", "en")
    a2 = Article("a2", "No places here.", None, None, None, None, None)
    a3 = Article("a3", "Toulon again, Київ.", "T3", "2026-02-03", None, "paper", "uk")
    return [
        [ParsedArticle(a1, (mention("a1", 5, POKROVSK, alt), mention("a1", 18, TOULON))),
         ParsedArticle(a2, ())],
        [],  # an input partition where every line was bad
        [ParsedArticle(a3, (mention("a3", 0, TOULON),)),
         ParsedArticle(a3, (mention("a3", 0, TOULON),))],  # a duplicated input article
    ]


def write_run(out: Path) -> list[ParsedArticle]:
    prepare_dir(out)
    parts = records()
    for i, part in enumerate(parts):
        write_part(part, out, i)
    write_manifest(out, partitions=len(parts))
    return [pa for part in parts for pa in part]


def same(a: ParsedArticle, b: ParsedArticle) -> bool:
    """Equality, where NaN coordinates of an alternative count as equal."""
    return json.dumps(a.to_dict()) == json.dumps(b.to_dict()) and all(
        (x.place.id, x.score, x.matched, x.match, x.distance_km)
        == (y.place.id, y.score, y.matched, y.match, y.distance_km)
        for m, n in zip(a.mentions, b.mentions, strict=True)
        for x, y in zip(m.alternatives, n.alternatives, strict=True))


def test_round_trip_is_exact(tmp_path):
    expected = write_run(tmp_path / "out")
    got = list(read_parsed_dir(tmp_path / "out"))
    assert len(got) == len(expected) == 4
    assert all(same(g, e) for g, e in zip(got, expected, strict=True))
    assert got[1] == expected[1]  # no mentions, None metadata kept as None
    assert got[0].mentions[1] == expected[0].mentions[1]  # unrounded confidence, all fields


def test_mentions_table_is_geoparquet(tmp_path):
    import geopandas as gpd

    write_run(tmp_path / "out")
    gdf = gpd.read_parquet(tmp_path / "out" / "mentions")
    assert gdf.crs.to_epsg() == 4326
    assert list(gdf["article_id"]) == ["a1", "a1", "a3", "a3"]
    assert (gdf.geometry.x.round(6) == gdf["lon"].round(6)).all()
    assert gdf.iloc[0]["title"] == "Title" and gdf.iloc[0]["precision"] == "settlement"


def test_rerun_removes_stale_parts(tmp_path):
    out = tmp_path / "out"
    write_run(out)
    prepare_dir(out)
    assert not list(out.rglob("part-*.parquet")) and not (out / MANIFEST).exists()


def test_incomplete_or_foreign_directories(tmp_path):
    out = tmp_path / "out"
    write_run(out)
    (out / MANIFEST).unlink()
    assert is_parsed_dir(out)
    with pytest.raises(InputError, match="did not complete"):
        read_parsed_dir(out)
    (out / MANIFEST).write_text('{"format": "something-else"}')
    with pytest.raises(InputError, match="not a geo GeoParquet output"):
        read_parsed_dir(out)
    write_manifest(out, partitions=5)
    with pytest.raises(InputError, match="3 article parts, the manifest says 5"):
        list(read_parsed_dir(out))
    assert not is_parsed_dir(tmp_path / "elsewhere")


def test_geo_ingest_stores_a_geoparquet_run(tmp_path):
    write_run(tmp_path / "out")
    db = tmp_path / "geo.db"
    for _ in range(2):  # the second run finds everything unchanged
        proc = subprocess.run([sys.executable, "-m", "geo", "ingest", str(tmp_path / "out"),
                               "--db", str(db), "--json"], capture_output=True, text=True,
                              timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["unchanged"] == 4 and summary["added"] == 0  # a3 twice in the input
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
        assert conn.execute("SELECT count(*) FROM mentions").fetchone()[0] == 3
        row = conn.execute("SELECT title, date FROM articles WHERE id = 'a1'").fetchone()
    assert row == ("Title", "2026-02-02")


def test_geo_map_reads_a_geoparquet_run(tmp_path):
    from geo.cli.map import parsed_from_paths

    expected = write_run(tmp_path / "out")
    got = list(parsed_from_paths([str(tmp_path / "out")]))
    assert all(same(g, e) for g, e in zip(got, expected, strict=True))


def test_importing_the_scale_modules_stays_light():
    code = ("import sys, geo, geo.scale, geo.scale.engine, geo.scale.inputs, geo.scale.parquet, "
            "geo.cli.parse; heavy = {'dask', 'distributed', 'pandas', 'pyarrow', 'geopandas', "
            "'numpy'} & set(sys.modules); print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
