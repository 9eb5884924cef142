"""What a map draws: articles and their mentions, filtered and summed per place and per date."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from geo.model import Article, Mention, ParsedArticle, Place

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def day(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` day of an ISO date(-time) string, or ``None``."""
    if value and _DATE_RE.match(value):
        return value[:10]
    return None


@dataclass(frozen=True, slots=True)
class MapData:
    """Articles and the mentions to map (mentions refer to articles by ``article_id``)."""

    articles: tuple[Article, ...]
    mentions: tuple[Mention, ...]

    @classmethod
    def from_parsed(cls, parsed: Iterable[ParsedArticle]) -> MapData:
        """Collect parsed articles (e.g. the output of ``geo.pipeline.parse_articles``)."""
        articles: list[Article] = []
        mentions: list[Mention] = []
        for item in parsed:
            articles.append(item.article)
            mentions.extend(item.mentions)
        return cls(tuple(articles), tuple(mentions))

    def filter(
        self, *, since: str | None = None, until: str | None = None, region: str | None = None
    ) -> MapData:
        """Keep articles dated within [since, until] and mentions of places in ``region``.

        ``region`` matches (case-insensitively) a place's admin-1 name, its country code or its
        own name. Undated articles are dropped when a date bound is given.
        """
        articles = self.articles
        if since or until:
            lo, hi = day(since) or "0000-00-00", day(until) or "9999-99-99"
            articles = tuple(a for a in articles if (d := day(a.date)) and lo <= d <= hi)
        keep = {a.id for a in articles}
        mentions = [m for m in self.mentions if m.article_id in keep]
        if region:
            mentions = [m for m in mentions if place_in_region(m.place, region)]
        return MapData(articles, tuple(mentions))


def place_in_region(place: Place, region: str) -> bool:
    """Whether ``region`` (case-insensitive) is the place's admin-1 name, country code or name."""
    key = region.casefold().strip()
    return key in (place.admin1_name.casefold(), place.cc.casefold(), place.name.casefold())


def event_in_region(event: Any, region: str) -> bool:
    """Whether an event lies in ``region``: by its resolved place, else by the admin-1 and
    country names its source gave (an event with neither is left out)."""
    if event.place is not None:
        return place_in_region(event.place, region)
    key = region.casefold().strip()
    return key in {x.casefold() for x in (event.admin1, event.country, event.location) if x}


@dataclass(slots=True)
class PlaceSummary:
    """One place on the map: its mentions counted per date and its first sentence per article."""

    place: Place
    count: int = 0
    by_date: dict[int, int] = field(default_factory=dict)  # date index (-1: undated) -> mentions
    by_article: dict[str, Mention] = field(default_factory=dict)  # article id -> first mention
    #: (date index, outlet index, confidence bucket) -> mentions: what the filters count
    by_cell: dict[tuple[int, int, int], int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Summary:
    """Per-place sums shared by the layers, computed once per map."""

    dates: tuple[str, ...]  # sorted distinct days (articles' and other layers')
    articles: dict[str, Article]
    article_date: dict[str, int]  # article id -> date index, -1 when undated
    places: tuple[PlaceSummary, ...]  # most mentioned first
    #: the articles' (and other layers') outlets, most mentioned first (index 0 may be "")
    outlets: tuple[str, ...] = ()
    article_outlet: dict[str, int] = field(default_factory=dict)  # article id -> outlet index
    outlet_counts: tuple[int, ...] = ()  # mentions and events per outlet

    def outlet_index(self, name: str) -> int:
        """The index of outlet ``name`` in :attr:`outlets` (-1 when it is not there)."""
        try:
            return self.outlets.index(name)
        except ValueError:
            return -1

    def window(self, since: str | None = None, until: str | None = None) -> list[int]:
        """``[lo, hi]`` date indexes the slider opens with: from ``since`` (default the first
        day) to ``until`` (default the newest *article*, not the newest snapshot or event)."""
        if not self.dates:
            return [0, 0]
        if until is None:
            until = max(self.article_days(), default=self.dates[-1])
        lo = next((i for i, d in enumerate(self.dates) if since is None or d >= since), 0)
        hi = max((i for i, d in enumerate(self.dates) if d <= until), default=len(self.dates) - 1)
        return [min(lo, hi), hi]

    def article_days(self) -> set[str]:
        return {d for a in self.articles.values() if (d := day(a.date))}

    @property
    def mention_count(self) -> int:
        return sum(p.count for p in self.places)


#: confidence is counted in buckets of 1/CONFIDENCE_STEPS (the filter slider's step, 0.05), so a
#: threshold on the slider keeps exactly the mentions at or above it
CONFIDENCE_STEPS = 20


def confidence_bucket(confidence: float) -> int:
    """``floor(confidence * CONFIDENCE_STEPS)``, clamped to ``0..CONFIDENCE_STEPS``."""
    q = int(float(confidence) * CONFIDENCE_STEPS + 1e-9)
    return max(0, min(CONFIDENCE_STEPS, q))


def outlet_of(source: str | None, url: str | None) -> str:
    """Who published an article: its ``source`` as given, else its URL's host without
    ``www.`` (``""`` when neither is known). Cleaned: it is shown in the filter panel."""
    from geo.render.escape import clean_text

    name = clean_text(source, limit=80) if source else ""
    if name:
        return name
    if url:
        from urllib.parse import urlsplit

        try:
            host = urlsplit(url.strip()).hostname or ""
        except ValueError:
            host = ""
        host = host.removeprefix("www.")
        return clean_text(host, limit=80) or ""
    return ""


def summarise(data: MapData, extra_dates: Iterable[str] = (),
              extra_outlets: Iterable[str] = ()) -> Summary:
    """Count mentions per place, per date and per filter cell in one pass over the mentions.

    ``extra_dates`` (days other layers carry: events, front-line snapshots) join the articles'
    days on the one time axis every layer indexes into; ``extra_outlets`` (the events' outlets)
    join the articles' outlets in the source filter, one count each.
    """
    articles = {a.id: a for a in data.articles}
    dates = tuple(sorted({d for a in data.articles if (d := day(a.date))}
                         | {d for x in extra_dates if (d := day(x))}))
    index = {d: i for i, d in enumerate(dates)}
    article_date = {a.id: index.get(day(a.date) or "", -1) for a in data.articles}
    outlet_name = {a.id: outlet_of(a.source, a.url) for a in data.articles}
    places: dict[int, PlaceSummary] = {}
    per_outlet: dict[str, int] = {}
    for name in extra_outlets:
        per_outlet[name] = per_outlet.get(name, 0) + 1
    cells = []
    for m in data.mentions:
        s = places.get(m.place.id)
        if s is None:
            s = places[m.place.id] = PlaceSummary(m.place)
        s.count += 1
        d = article_date.get(m.article_id, -1)
        s.by_date[d] = s.by_date.get(d, 0) + 1
        if m.article_id not in s.by_article:
            s.by_article[m.article_id] = m
        name = outlet_name.get(m.article_id, "")
        per_outlet[name] = per_outlet.get(name, 0) + 1
        cells.append((s, d, name, confidence_bucket(m.confidence)))
    outlets = tuple(sorted(per_outlet, key=lambda o: (-per_outlet[o], o)))
    at = {o: i for i, o in enumerate(outlets)}
    for s, d, name, q in cells:
        key = (d, at[name], q)
        s.by_cell[key] = s.by_cell.get(key, 0) + 1
    ordered = tuple(sorted(places.values(), key=lambda s: (-s.count, s.place.name, s.place.id)))
    article_outlet = {a: at[o] for a, o in outlet_name.items() if o in at}
    return Summary(dates, articles, article_date, ordered, outlets, article_outlet,
                   tuple(per_outlet[o] for o in outlets))


def cell_counts(by_cell: dict[tuple[int, int, int], int]) -> list[int]:
    """``{(date, outlet, bucket): n}`` as one flat list ``[date, outlet, bucket, n, ...]`` in
    key order: what ``state.countIn`` reads in the page (compact, no nested arrays)."""
    out: list[int] = []
    for (d, o, q), n in sorted(by_cell.items()):
        out.extend((d, o, q, n))
    return out
