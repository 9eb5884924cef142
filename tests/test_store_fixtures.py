"""Builders shared by the store tests: places, parsed articles, a tiny gazetteer, the CLI.

Real records and a small real class implementing the few Gazetteer methods the store calls;
no mock library. (No tests here: pytest collects nothing from this module.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from geo.model import Article, Candidate, Mention, ParsedArticle, Place
from geo.store.names import closest, name_key

ROOT = Path(__file__).resolve().parent.parent


def _p(pid: int, name: str, kind: str, cc: str, admin1: str, admin1_name: str, lat: float,
       lon: float, population: int = 0) -> Place:
    return Place(pid, name, kind, cc, admin1, admin1_name, lat, lon, population)


POKROVSK = _p(704679, "Pokrovsk", "city", "UA", "05", "Donetsk Oblast", 48.2826, 37.1758, 60000)
MYRNOHRAD = _p(704508, "Myrnohrad", "city", "UA", "05", "Donetsk Oblast", 48.3022, 37.2617, 46000)
KRAMATORSK = _p(704147, "Kramatorsk", "city", "UA", "05", "Donetsk Oblast", 48.7231, 37.5563,
                150000)
DONETSK_OBLAST = _p(709716, "Donetsk Oblast", "admin1", "UA", "05", "Donetsk Oblast", 48.0, 37.8,
                    4100000)
KYIV = _p(703448, "Kyiv", "city", "UA", "12", "Kyiv City", 50.4547, 30.5238, 2800000)
POKROVSK_RU = _p(2017215, "Pokrovsk", "city", "RU", "63", "Sakha", 61.4843, 129.1482, 9500)
TOULON = _p(2972328, "Toulon", "city", "FR", "93", "Provence-Alpes-Côte d'Azur", 43.1242,
            5.928, 170000)
UKRAINE = _p(690791, "Ukraine", "country", "UA", "", "", 49.0, 32.0, 41000000)
SUVA = _p(2198148, "Suva", "city", "FJ", "01", "Central", -18.1416, 178.4415, 77000)
TAVEUNI_E = _p(9000001, "Vuna", "city", "FJ", "03", "Northern", -16.95, -179.95, 800)

# Rough polygons (lon, lat) for the tiny gazetteer's regions.
DONETSK_POLY = [(36.5, 47.0), (38.9, 47.0), (38.9, 49.3), (36.5, 49.3)]
UKRAINE_POLY = [(22.1, 44.3), (40.2, 44.3), (40.2, 52.4), (22.1, 52.4)]


def article(aid: str, text: str, *, date: str | None = "2024-05-01", title: str | None = None,
            url: str | None = None, source: str | None = "Example News") -> Article:
    return Article(id=aid, text=text, title=title or f"Title {aid}", date=date,
                   url=url or f"https://example.com/{aid}", source=source, lang="en")


def parsed(aid: str, places: Sequence[Place], *, date: str | None = "2024-05-01",
           text: str | None = None, title: str | None = None,
           alternatives: Sequence[Place] = ()) -> ParsedArticle:
    """An article naming each place once, one sentence per place, in order."""
    sentences = [f"Fighting was reported near {p.name} on {date}." for p in places]
    body = text if text is not None else " ".join(sentences) or "Nothing to see."
    art = article(aid, body, date=date, title=title)
    mentions = []
    offset = 0
    for p, sentence in zip(places, sentences, strict=True):
        start = body.find(p.name, offset)
        start = max(start, 0)
        offset = start + len(p.name)
        alts = tuple(Candidate(a, 0.1, a.name, "primary") for a in alternatives)
        mentions.append(Mention(aid, start, start + len(p.name), p.name, sentence, p, 0.9,
                                "test", alts))
    return ParsedArticle(art, tuple(mentions))


class TinyGazetteer:
    """A handful of places and region polygons behind the Gazetteer methods the store uses."""

    def __init__(self, places: Iterable[Place] = (), regions: dict[int, object] | None = None,
                 aliases: dict[str, int] | None = None) -> None:
        from shapely.geometry import Polygon

        self.places = {p.id: p for p in places} or {p.id: p for p in (
            POKROVSK, MYRNOHRAD, KRAMATORSK, DONETSK_OBLAST, KYIV, POKROVSK_RU, TOULON, UKRAINE)}
        self.regions = regions if regions is not None else {
            DONETSK_OBLAST.id: Polygon(DONETSK_POLY), UKRAINE.id: Polygon(UKRAINE_POLY)}
        self.aliases = aliases if aliases is not None else {
            "donetsk oblast": DONETSK_OBLAST.id, "donetsk region": DONETSK_OBLAST.id}

    @classmethod
    def open(cls) -> TinyGazetteer:
        return cls()

    def lookup(self, name: str, limit: int = 10) -> list[Candidate]:
        key = name_key(name)
        hits = [p for p in self.places.values() if name_key(p.name) == key]
        if key in self.aliases:
            hits.append(self.places[self.aliases[key]])
        if hits:
            hits.sort(key=lambda p: -p.population)
            return [Candidate(p, 1.0, p.name, "primary") for p in hits[:limit]]
        names = closest(name, [p.name for p in self.places.values()], limit=limit)
        by_name = {p.name: p for p in self.places.values()}
        return [Candidate(by_name[n], 0.5, n, "fuzzy") for n in names]

    def get(self, place_id: int) -> Place | None:
        return self.places.get(place_id)

    def region_geometry(self, place_id: int) -> object | None:
        return self.regions.get(place_id)


def write_parsed(path: Path, records: Iterable[ParsedArticle]) -> Path:
    """JSON lines of ParsedArticle.to_dict, the input of ``geo ingest --parsed``."""
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
    return path


def geo_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "geo", *args]


def run_geo(*args: str, timeout: float = 120, env: dict[str, str] | None = None,
            **kw: object) -> subprocess.CompletedProcess[str]:
    """Run the real ``geo`` command in a subprocess, without a gazetteer index."""
    full_env = {**os.environ, "GEO_INDEX_DIR": "/nonexistent-geo-index", **(env or {})}
    return subprocess.run(geo_cmd(*args), capture_output=True, text=True, timeout=timeout,
                          cwd=ROOT, env=full_env, **kw)  # type: ignore[call-overload]
