"""Reading parsed articles back from JSON lines (``ParsedArticle.to_dict`` per line).

This lets ``geo ingest --parsed`` store what ``geo parse --json`` or a batch run already produced,
without parsing again. Alternatives keep only what the store keeps of them (id, name, kind, cc,
score).
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from geo.errors import InputFileError
from geo.model import Article, Candidate, Mention, ParsedArticle, Place

_ARTICLE_FIELDS = ("title", "date", "url", "source", "lang")


def parsed_from_dict(d: dict[str, Any]) -> ParsedArticle:
    """Rebuild a ParsedArticle from its ``to_dict`` form; KeyError/TypeError on a bad record."""
    article = Article(id=str(d["id"]), text=d["text"], **{k: d.get(k) for k in _ARTICLE_FIELDS})
    mentions = []
    for m in d.get("mentions") or ():
        place = Place(id=int(m["place_id"]), name=m["name"], kind=m["kind"], cc=m.get("cc") or "",
                      admin1=m.get("admin1") or "", admin1_name=m.get("admin1_name") or "",
                      lat=float(m["lat"]), lon=float(m["lon"]),
                      population=int(m.get("population") or 0))
        alternatives = tuple(
            Candidate(place=Place(id=int(a["place_id"]), name=a["name"], kind=a["kind"],
                                  cc=a.get("cc") or "", admin1="", admin1_name="",
                                  lat=math.nan, lon=math.nan),
                      score=float(a.get("score") or 0.0), matched=a["name"], match="alternate")
            for a in m.get("alternatives") or ())
        mentions.append(Mention(
            article_id=article.id, start=int(m["start"]), end=int(m["end"]),
            surface=m["surface"], sentence=m.get("sentence") or "", place=place,
            confidence=float(m.get("confidence") or 0.0), reason=m.get("reason") or "",
            alternatives=alternatives))
    return ParsedArticle(article=article, mentions=tuple(mentions))


def read_parsed(paths: Iterable[str | Path], *, on_problem: Any = None
                ) -> Iterator[ParsedArticle]:
    """Parsed articles from JSON-lines files (``-`` is stdin).

    A line that is not a parsed article is reported to ``on_problem`` (a
    :class:`~geo.text.read.Problem` with its file and line; default: a logged warning) and
    skipped. A file that cannot be opened raises :class:`InputFileError`.
    """
    from geo.text.read import log_problem

    report = on_problem or log_problem
    for path in paths:
        name = str(path)
        if name == "-":
            yield from _lines(sys.stdin, "<stdin>", report)
            continue
        try:
            fh = open(path, encoding="utf-8")  # noqa: SIM115 - closed below, generator
        except FileNotFoundError as exc:
            raise InputFileError(f"no such file: {name}") from exc
        except OSError as exc:
            raise InputFileError(f"cannot read {name}: {exc.strerror or exc}") from exc
        with fh:
            yield from _lines(fh, name, report)


def _lines(fh: Iterable[str], name: str, report: Any) -> Iterator[ParsedArticle]:
    from geo._batch import one_line
    from geo.text.read import Problem

    lines, lineno = iter(fh), 0
    while True:
        try:
            line = next(lines)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            report(Problem(name, lineno + 1, f"not UTF-8 text ({exc.reason}); rest skipped"))
            return
        lineno += 1
        if not line.strip():
            continue
        try:
            parsed = parsed_from_dict(json.loads(line))
        except Exception as exc:  # a bad line must not stop the batch
            report(Problem(name, lineno, f"not a parsed article ({type(exc).__name__}: "
                                         f"{one_line(exc)}); skipped"))
            continue
        yield parsed


def parsed_from_store(store: Any, *, since: str | None = None,
                      until: str | None = None) -> Iterator[ParsedArticle]:
    """The articles of a :class:`~geo.store.Store` with their stored mentions, oldest first.

    ``since``/``until`` (ISO days, inclusive) filter on the article date; undated articles are
    kept only when neither is given. Mentions keep their stored place, sentence and evidence.
    """
    where, params = [], []
    if since:
        where.append("a.date >= ?")
        params.append(since)
    if until:
        where.append("a.date <= ? AND a.date != ''")
        params.append(until + "\uffff")
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    with store._reading() as conn:
        articles = conn.execute(
            f"SELECT a.id, a.text, a.title, a.date, a.url, a.source, a.lang FROM articles a "
            f"{clause} ORDER BY a.date, a.id", params).fetchall()
        for row in articles:
            article = Article(id=row[0], text=row[1], title=row[2], date=row[3] or None,
                              url=row[4], source=row[5], lang=row[6])
            mentions = []
            for m in conn.execute(
                    'SELECT m.start, m."end", m.surface, m.sentence, m.confidence, m.reason, '
                    "p.id, p.name, p.kind, p.cc, p.admin1, p.admin1_name, p.lat, p.lon, "
                    "p.population FROM mentions m JOIN places p ON p.id = m.place_id "
                    "WHERE m.article_id = ? ORDER BY m.start", (article.id,)):
                place = Place(id=m[6], name=m[7], kind=m[8], cc=m[9], admin1=m[10],
                              admin1_name=m[11], lat=m[12], lon=m[13], population=m[14])
                mentions.append(Mention(article_id=article.id, start=m[0], end=m[1],
                                        surface=m[2], sentence=m[3], place=place,
                                        confidence=m[4], reason=m[5]))
            yield ParsedArticle(article=article, mentions=tuple(mentions))
