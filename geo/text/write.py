"""Writing parsed articles: JSONL (one article per line), GeoJSON (one feature per mention), CSV."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable
from typing import IO

from geo._files import writing_text
from geo.model import ParsedArticle

CSV_FIELDS = (
    "article_id", "title", "date", "url", "source", "start", "end", "surface", "place_id",
    "name", "kind", "cc", "admin1", "admin1_name", "lat", "lon", "precision", "confidence",
    "reason", "sentence",
)


def write_parsed(parsed: Iterable[ParsedArticle], path: str | os.PathLike[str] | None, *,
                 fmt: str, overwrite: bool = True) -> int:
    """Write ``parsed`` to ``path`` (stdout when None or ``-``) as jsonl/geojson/csv; returns
    the number of articles. The file appears complete or not at all (``geo._files``)."""
    with writing_text(path, overwrite=overwrite, newline="") as out:
        return dump_parsed(parsed, out, fmt=fmt)


def dump_parsed(parsed: Iterable[ParsedArticle], out: IO[str], *, fmt: str) -> int:
    """Write ``parsed`` to an open text stream as jsonl/geojson/csv; returns articles."""
    if fmt == "jsonl":
        return _jsonl(parsed, out)
    if fmt == "geojson":
        return _geojson(parsed, out)
    return _csv(parsed, out)


def _jsonl(parsed, out) -> int:
    """One article per line, as ``json.dumps(pa.to_dict())`` would write it, but with the
    mentions serialised one at a time: an article with 200,000 mentions must not build
    them all as dicts and one string first."""
    n = 0
    for pa in parsed:
        head = json.dumps(pa.article.to_dict(), ensure_ascii=False)
        out.write(head[:-1] + (', "mentions": [' if head != "{}" else '{"mentions": ['))
        for i, m in enumerate(pa.mentions):
            out.write((", " if i else "") + json.dumps(m.to_dict(), ensure_ascii=False))
        out.write("]}\n")
        n += 1
    return n


def _mention_rows(pa: ParsedArticle):
    a = pa.article
    for m in pa.mentions:
        row = m.to_dict()
        row.update(title=a.title, date=a.date, url=a.url, source=a.source)
        yield row


def _geojson(parsed, out) -> int:
    n = 0
    out.write('{"type": "FeatureCollection", "features": [')
    first = True
    for pa in parsed:
        n += 1
        for row in _mention_rows(pa):
            feature = {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                "properties": row,
            }
            out.write(("\n" if first else ",\n") + json.dumps(feature, ensure_ascii=False))
            first = False
    out.write("\n]}\n")
    return n


def _csv(parsed, out) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for pa in parsed:
        n += 1
        for row in _mention_rows(pa):
            writer.writerow(row)
    return n
