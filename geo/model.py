"""Frozen records passed between the stages of the pipeline.

Coordinates are always named fields (``lat``, ``lon``); GeoJSON and Leaflet order them
differently, so nothing here is a bare ``(x, y)`` tuple.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: Kinds of place the gazetteer knows.
KINDS = ("country", "admin1", "admin2", "city", "water", "region", "continent", "site")

#: ACLED/UCDP-style geographic precision of a kind.
PRECISION_OF_KIND = {
    "city": "settlement",
    "site": "settlement",
    "admin2": "admin2",
    "admin1": "admin1",
    "country": "country",
}


def precision_of(kind: str) -> str:
    """The precision class (settlement, admin2, admin1, country, other) of a place kind."""
    return PRECISION_OF_KIND.get(kind, "other")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: a settlement, an admin unit, a country, a sea, a region."""

    id: int
    name: str
    kind: str
    cc: str  # ISO 3166-1 alpha-2, "" for seas and continents
    admin1: str  # GeoNames admin-1 code ("05" for Donetsk oblast), "" if none
    admin1_name: str
    lat: float
    lon: float
    population: int = 0

    @property
    def precision(self) -> str:
        return precision_of(self.kind)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name could mean, with how well the name matched and a ranking score."""

    place: Place
    score: float
    matched: str  # the gazetteer name that matched
    match: str  # "primary", "native", "variant", "alternate", "fuzzy"
    distance_km: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = self.place.to_dict()
        d.update(score=round(self.score, 4), matched=self.matched, match=self.match)
        if self.distance_km is not None:
            d["distance_km"] = round(self.distance_km, 3)
        return d


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record was read: a file (``<stdin>`` for standard input) and its line or row."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class Article:
    """A news article as read from any input format."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) when known
    url: str | None = None
    source: str | None = None
    lang: str | None = None
    #: where it was read, for reporting a record that fails; not part of the article's
    #: identity or of its output
    origin: Origin | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        del d["origin"]
        return d


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of article text that may name a place."""

    start: int
    end: int
    surface: str
    key: str  # normalised gazetteer key the surface matched
    cue: str = ""  # e.g. "admin1" for "X region", "city" for "the city of X", "qualifier"
    qualifier: str = ""  # "Texas" in "Paris, Texas"
    locative: bool = False  # right after "in", "near", "from"...: the text treats it as a place


@dataclass(frozen=True, slots=True)
class Mention:
    """A toponym in an article, resolved to a place, with its evidence."""

    article_id: str
    start: int
    end: int
    surface: str
    sentence: str
    place: Place
    confidence: float
    reason: str
    alternatives: tuple[Candidate, ...] = field(default=())

    @property
    def precision(self) -> str:
        return self.place.precision

    def to_dict(self) -> dict[str, Any]:
        p = self.place
        return {
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "surface": self.surface,
            "sentence": self.sentence,
            "place_id": p.id,
            "name": p.name,
            "kind": p.kind,
            "cc": p.cc,
            "admin1": p.admin1,
            "admin1_name": p.admin1_name,
            "lat": p.lat,
            "lon": p.lon,
            "population": p.population,
            "precision": p.precision,
            "confidence": round(self.confidence, 4),
            "reason": self.reason,
            "alternatives": [
                {"place_id": c.place.id, "name": c.place.name, "kind": c.place.kind,
                 "cc": c.place.cc, "score": round(c.score, 4)}
                for c in self.alternatives
            ],
        }


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """An article and the mentions found in it."""

    article: Article
    mentions: tuple[Mention, ...]
    #: ``(start, end)`` of each sentence, when the parser split the text (events reuse them);
    #: derived from the text, so two parses are equal whether or not they carry it
    sentences: tuple[tuple[int, int], ...] | None = field(default=None, compare=False,
                                                          repr=False)

    def to_dict(self) -> dict[str, Any]:
        d = self.article.to_dict()
        d["mentions"] = [m.to_dict() for m in self.mentions]
        return d


#: ACLED's event types, plus Diplomacy for summits and talks
EVENT_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
    "Diplomacy",
)


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened somewhere: extracted from an article or imported from a dataset.

    Precision codes follow ACLED: ``time_precision`` 1 = the day, 2 = within a week or a few
    days, 3 = the month or vaguer; ``geo_precision`` 1 = the settlement itself, 2 = near it or
    part of a region, 3 = an admin unit or larger area.
    """

    id: str  # stable: source + article/row + offsets
    event_type: str  # one of EVENT_TYPES
    sub_event_type: str
    date: str | None  # ISO 8601 day
    time_precision: int
    lat: float
    lon: float
    geo_precision: int
    place: Place | None = None  # the resolved place, when there is one
    actors: tuple[str, ...] = ()
    quantity: int | None = None  # "about 100,000 soldiers" -> 100000
    quantity_unit: str = ""  # "soldiers"
    fatalities: int | None = None
    text: str = ""  # the sentence or the dataset's notes
    article_id: str | None = None
    source: str = ""  # "geo extract", "ACLED", "UCDP GED", a file name
    source_row: int | None = None  # line number in an imported file
    location: str = ""  # the place's name as the source gives it (ACLED "location")
    country: str = ""  # country name
    admin1: str = ""  # admin-1 name
    #: how likely the event is right, 0..1 (extracted events: from the cues that made it,
    #: calibrated on annotated news, :mod:`geo.events.confidence`); None for imported rows
    confidence: float | None = None
    #: the resolver's confidence in ``place`` (the mention's), one input of ``confidence``;
    #: None when the place came from no mention of its own, and for imported rows
    place_confidence: float | None = None
    claimed: bool = False  # it rests on one belligerent's word ("the ministry said ...")
    claimant: str = ""  # who claims it ("Ministry of Defence of Russia")
    cues: tuple[str, ...] = ()  # what lowered or raised the confidence ("hearsay", ...)
    #: the store's id of the real event this reports (its first report's id; "" when unknown)
    group: str = ""
    #: the articles (ids; a dataset's name for imported rows) reporting the same real event,
    #: and each one's link ("" where none is known; same order): filled by the store, empty
    #: for a fresh extraction
    sources: tuple[str, ...] = ()
    source_urls: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["actors"] = list(self.actors)
        d["cues"] = list(self.cues)
        d["sources"] = list(self.sources)
        d["source_urls"] = list(self.source_urls)
        return d
