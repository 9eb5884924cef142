"""Partitioned GeoParquet output of a batch run, and reading it back as parsed articles.

Layout of an output directory::

    OUT/mentions/part-00000.parquet   GeoParquet, one row per mention with its article's
                                      metadata; point geometry (lon, lat) in EPSG:4326
    OUT/articles/part-00000.parquet   one row per article read (with or without mentions)
    OUT/_geo.json                     written last: format, counts; marks the run complete

Part ``k`` of both tables comes from input partition ``k``; ``article_row`` links a mention to
its article's row in the same part. Every part is written to a temporary name and renamed, so
a task that runs twice (its worker died) leaves one copy. Alternatives are kept whole, as a
JSON list of ``{id, name, kind, cc, admin1, admin1_name, lat, lon, population, score, matched,
match, distance_km}`` objects, so :func:`read_parsed_dir` gives back exactly the
:class:`~geo.model.ParsedArticle` records the parser made. Readable with
``geopandas.read_parquet(OUT / "mentions")``, ``dask_geopandas.read_parquet`` or DuckDB.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from geo._files import check_output_dir, replacing
from geo.errors import GeoError, InputError, InputFileError, OutputError
from geo.model import Article, Candidate, Mention, ParsedArticle, Place

__all__ = [
    "ARTICLE_COLUMNS",
    "FORMAT",
    "MANIFEST",
    "MENTION_COLUMNS",
    "is_parsed_dir",
    "read_parsed_dir",
    "write_manifest",
    "write_part",
]

FORMAT = "geo-parsed-parquet"
VERSION = 1
MANIFEST = "_geo.json"
_META = ("title", "date", "url", "source", "lang")

#: column -> pandas dtype of the mentions table (plus a ``geometry`` column)
MENTION_COLUMNS = {
    "article_row": "int64", "article_id": "str",
    "title": "str", "date": "str", "url": "str", "source": "str", "lang": "str",
    "start": "int64", "end": "int64", "surface": "str", "sentence": "str",
    "place_id": "int64", "name": "str", "kind": "str", "cc": "str", "admin1": "str",
    "admin1_name": "str", "lat": "float64", "lon": "float64", "population": "int64",
    "precision": "str", "confidence": "float64", "reason": "str", "alternatives": "str",
}
#: column -> pandas dtype of the articles table
ARTICLE_COLUMNS = {
    "article_row": "int64", "id": "str", "text": "str",
    "title": "str", "date": "str", "url": "str", "source": "str", "lang": "str",
    "mentions": "int64",
}


def _require_pyarrow() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise GeoError("reading or writing GeoParquet needs the [scale] extra: "
                       "pip install 'geo[scale]'") from exc
    return pq


# --- writing --------------------------------------------------------------------------------


def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def write_part(parsed: Iterable[ParsedArticle], out_dir: str | os.PathLike[str],
               index: int) -> tuple[int, int]:
    """Write part ``index`` of both tables from ``parsed``; returns (articles, mentions)."""
    import geopandas as gpd
    import pandas as pd

    articles: list[tuple] = []
    mentions: list[tuple] = []
    for row, pa in enumerate(parsed):
        a = pa.article
        meta = (a.title, a.date, a.url, a.source, a.lang)
        articles.append((row, a.id, a.text, *meta, len(pa.mentions)))
        for m in pa.mentions:
            p = m.place
            mentions.append((row, m.article_id, *meta, m.start, m.end, m.surface, m.sentence,
                             p.id, p.name, p.kind, p.cc, p.admin1, p.admin1_name, p.lat, p.lon,
                             p.population, p.precision, m.confidence, m.reason,
                             _encode([_candidate(c) for c in m.alternatives])))
    art = _frame(pd, articles, ARTICLE_COLUMNS)
    men = _frame(pd, mentions, MENTION_COLUMNS)
    geo = gpd.GeoDataFrame(men, geometry=gpd.points_from_xy(men["lon"], men["lat"]),
                           crs="EPSG:4326")
    out = Path(out_dir)
    _atomic(out / "articles" / part_name(index), lambda p: art.to_parquet(p, index=False))
    _atomic(out / "mentions" / part_name(index), lambda p: geo.to_parquet(p, index=False))
    return len(art), len(men)


def _frame(pd: Any, rows: list[tuple], columns: dict[str, str]) -> Any:
    values = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
    return pd.DataFrame({c: pd.Series(v, dtype=dtype)
                         for (c, dtype), v in zip(columns.items(), values, strict=True)})


_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _candidate(c: Candidate) -> dict[str, Any]:
    p = c.place
    return {"id": p.id, "name": p.name, "kind": p.kind, "cc": p.cc, "admin1": p.admin1,
            "admin1_name": p.admin1_name, "lat": p.lat, "lon": p.lon,
            "population": p.population, "score": c.score, "matched": c.matched,
            "match": c.match, "distance_km": c.distance_km}


def _atomic(path: Path, write) -> None:
    """Write one file through ``geo._files.replacing`` (a re-run task rewrites its own part)."""
    with replacing(path) as tmp:
        write(tmp)


def prepare_dir(out_dir: str | os.PathLike[str], *, overwrite: bool = True) -> Path:
    """Make ``out_dir`` ready for a run: remove the parts and manifest an earlier run left.

    A non-empty directory is refused unless ``overwrite`` (:class:`OutputError`); only this
    format's own files are removed, never anything else in it.
    """
    out = check_output_dir(out_dir, overwrite=overwrite)
    try:
        for sub in ("articles", "mentions"):
            (out / sub).mkdir(parents=True, exist_ok=True)
            for old in (out / sub).glob("part-*.parquet"):
                old.unlink()
        (out / MANIFEST).unlink(missing_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot prepare output directory {out}: "
                          f"{exc.strerror or exc}") from None
    return out


def write_manifest(out_dir: str | os.PathLike[str], **fields: Any) -> None:
    """Write ``_geo.json`` (last, so its presence means the run completed)."""
    doc = {"format": FORMAT, "version": VERSION, **fields}
    _atomic(Path(out_dir) / MANIFEST,
            lambda p: Path(p).write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8"))


# --- reading --------------------------------------------------------------------------------


def is_parsed_dir(path: str | os.PathLike[str]) -> bool:
    """True if ``path`` is the output directory of a batch run (it has ``_geo.json``)."""
    p = Path(path)
    return p.is_dir() and ((p / MANIFEST).is_file() or ((p / "articles").is_dir()
                           and (p / "mentions").is_dir()))


def read_parsed_dir(path: str | os.PathLike[str]) -> Iterator[ParsedArticle]:
    """The parsed articles of a batch run's output directory, part by part, in input order.

    Raises :class:`InputFileError` if ``path`` is not such a directory and :class:`InputError`
    if the run did not complete or a part is unreadable.
    """
    out = Path(path)
    if not out.is_dir():
        raise InputFileError(f"no such directory: {out}")
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{out} has no {MANIFEST}: the batch run did not complete") from exc
    except (OSError, ValueError) as exc:
        raise InputError(f"{out / MANIFEST} is unreadable ({exc})") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InputError(f"{out} is not a geo GeoParquet output ({MANIFEST} format)")
    return _read_parts(out, int(manifest.get("partitions", -1)))


def _read_parts(out: Path, expected: int) -> Iterator[ParsedArticle]:
    pq = _require_pyarrow()
    parts = sorted((out / "articles").glob("part-*.parquet"))
    if expected >= 0 and len(parts) != expected:
        raise InputError(f"{out}: {len(parts)} article parts, the manifest says {expected}")
    for apath in parts:
        mpath = out / "mentions" / apath.name
        try:
            arows = pq.read_table(apath, columns=list(ARTICLE_COLUMNS)).to_pylist()
            mrows = pq.read_table(mpath, columns=list(MENTION_COLUMNS)).to_pylist()
        except (OSError, ValueError) as exc:  # pyarrow's errors subclass these
            raise InputError(f"{out}: cannot read {apath.name} ({exc})") from exc
        by_row: dict[int, list[Mention]] = {}
        for m in mrows:
            by_row.setdefault(m["article_row"], []).append(_mention(m))
        for a in arows:
            article = Article(id=a["id"], text=a["text"], **{k: a[k] for k in _META})
            yield ParsedArticle(article=article,
                                mentions=tuple(by_row.get(a["article_row"], ())))


def _mention(m: dict[str, Any]) -> Mention:
    place = Place(id=m["place_id"], name=m["name"], kind=m["kind"], cc=m["cc"],
                  admin1=m["admin1"], admin1_name=m["admin1_name"], lat=m["lat"], lon=m["lon"],
                  population=m["population"])
    alternatives = tuple(
        Candidate(place=Place(c["id"], c["name"], c["kind"], c["cc"], c["admin1"],
                              c["admin1_name"], c["lat"], c["lon"], c["population"]),
                  score=c["score"], matched=c["matched"], match=c["match"],
                  distance_km=c["distance_km"])
        for c in json.loads(m["alternatives"] or "[]"))
    return Mention(article_id=m["article_id"], start=m["start"], end=m["end"],
                   surface=m["surface"], sentence=m["sentence"], place=place,
                   confidence=m["confidence"], reason=m["reason"], alternatives=alternatives)
