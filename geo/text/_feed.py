"""Entries of an RSS or Atom feed (feedparser) as article texts with their metadata.

Dates are taken as the feed wrote them (``published``, else ``updated``), so the local day
survives: feedparser's own ``*_parsed`` values are converted to UTC, which moves a story
published at 01:30 in Kyiv to the day before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_FEED_START = re.compile(r"<(?:rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item: its text (HTML stripped), and metadata as written in the feed."""

    id: str | None
    text: str
    title: str | None
    date: str | None  # as written, not normalised
    url: str | None
    source: str | None  # the feed's title
    lang: str | None


def looks_like_feed(head: str) -> bool:
    """Whether the start of a document is an RSS, RDF or Atom feed."""
    return bool(_FEED_START.search(head[:2000]))


def entries(data: bytes) -> tuple[list[FeedEntry], str | None]:
    """(entries, problem): the items of a feed, and why it could not be read when it has none."""
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    feed = parsed.get("feed", {})
    source = _clean(feed.get("title"))
    lang = _clean(feed.get("language")) or None
    found = list(_entries(parsed.get("entries", []), source, lang))
    if not found and parsed.get("bozo"):
        return [], f"not a readable RSS/Atom feed ({parsed.get('bozo_exception')})"
    return found, None


def _entries(items: list, source: str | None, lang: str | None) -> Iterator[FeedEntry]:
    from geo.text._html import extract

    for item in items:
        title = _clean(item.get("title"))
        body = ""
        contents = item.get("content") or []
        raw = contents[0].get("value") if contents else item.get("summary")
        if raw:
            body = extract(f"<html><body>{raw}</body></html>").text if "<" in raw else raw
        text = body.strip() or (title or "")
        link = _clean(item.get("link"))
        if link and not link.lower().startswith(("http://", "https://")):
            link = None
        yield FeedEntry(id=_clean(item.get("id")) or link, text=text, title=title,
                        date=_clean(item.get("published") or item.get("updated")),
                        url=link, source=source, lang=lang)


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None
