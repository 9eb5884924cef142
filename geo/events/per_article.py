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
    from geo._batch import guarded
    from geo.events.extract import country_names, extract_events

    names = country_names(gazetteer)  # one cache of country names for the whole batch

    def extracted(pa: ParsedArticle) -> tuple[Article, list[Event]]:
        version = _version(pa.article)
        return pa.article, [replace(e, id=versioned_id(e.id, version))
                            for e in extract_events(pa, country_name=names)]

    yield from guarded(parsed, extracted, article_of=lambda pa: pa.article,
                       on_problem=on_problem)


def versioned_id(event_id: str, version: str) -> str:
    """``event_id`` with the article version appended (once)."""
    suffix = f"@{version}"
    return event_id if event_id.endswith(suffix) else event_id + suffix


def _version(article: Article) -> str:
    from geo.store.store import content_hash

    return content_hash(article)[:VERSION_DIGITS]
