"""Events article by article, as batches that store them need: each article's extraction
whole or not at all, under ids that name the article's version.

:func:`geo.events.extract_from_articles` yields one stream of events: an article whose
extraction failed looks there like an article with no events. A store must tell the two
apart (the failed one is extracted again next time, :meth:`geo.Store.unextracted`), so the
batches of ``geo ingest`` and ``geo events extract`` go through :func:`extract_by_article`.

An extracted event's id says where in its article it was found (``ARTICLE:START:ANCHOR``).
An article stored again with other text has other events at the same offsets, so the ids
given here end with ``@`` and the first eight hex digits of the article's content hash
(:func:`geo.store.store.content_hash`, the one the store keeps): an id names one report of
one version of one article, and no later version's report can take it over.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from geo.model import Article, Event, ParsedArticle

__all__ = ["extract_by_article", "versioned_id"]

#: hex digits of the article's content hash an event id carries
VERSION_DIGITS = 8


def extract_by_article(parsed: Iterable[ParsedArticle], *, gazetteer: Any = None,
                       on_problem: Any = None) -> Iterator[tuple[Article, list[Event]]]:
    """(article, every event found in it) for each parsed article whose extraction did not
    raise, with versioned ids (:func:`versioned_id`); one that raised is reported to
    ``on_problem`` (``FILE:LINE: article ID: ERROR; skipped``) and left out."""
    from geo.events.extract import extract_from_articles
    from geo.text.read import log_problem

    report = on_problem or log_problem
    gazetteer = _CountryCache(gazetteer) if gazetteer is not None else None
    for pa in parsed:
        failed: list[Any] = []
        events = list(extract_from_articles([pa], gazetteer=gazetteer, on_problem=failed.append))
        if failed:
            for problem in failed:
                report(problem)
            continue
        version = _version(pa.article)
        yield pa.article, [replace(e, id=versioned_id(e.id, version)) for e in events]


def versioned_id(event_id: str, version: str) -> str:
    """``event_id`` with the article version appended (once)."""
    suffix = f"@{version}"
    return event_id if event_id.endswith(suffix) else event_id + suffix


def _version(article: Article) -> str:
    from geo.store.store import content_hash

    return content_hash(article)[:VERSION_DIGITS]


class _CountryCache:
    """The gazetteer with its country lookups kept across articles (extraction is called
    once per article here, and would otherwise look each country up again every time)."""

    def __init__(self, gazetteer: Any) -> None:
        self._gazetteer = gazetteer
        self._countries: dict[str, Any] = {}

    def country(self, cc: str) -> Any:
        if cc not in self._countries:
            self._countries[cc] = self._gazetteer.country(cc)
        return self._countries[cc]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._gazetteer, name)
