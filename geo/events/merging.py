"""One real event told twice is one event: how an article's events of the same type, place
and day are found and merged, and what it recalls from long before is dropped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from geo.events import lexicon as lx
from geo.events.confidence import confidence
from geo.geodesy import distance_km
from geo.model import Event, Place

__all__ = ["district_and_its_town", "merge", "merged_events", "same_event", "same_kind",
           "without_background"]

_BACKGROUND_DAYS = 31  # README: background over a month old is no event

#: a town this close to a district's point is its centre: the gazetteer places districts on
#: their centre town's GeoNames point, which two GeoNames records of one town may differ by
_CENTRE_KM = 2.0


def same_kind(a: Event, b: Event) -> bool:
    return a.event_type == b.event_type and a.sub_event_type == b.sub_event_type


def same_event(a: Event, b: Event) -> bool:
    """One real event told twice: same type and place, dates a day apart at most, and the
    same attacker."""
    if a.event_type != b.event_type or a.place is None or b.place is None:
        return False
    if a.place.id != b.place.id and not district_and_its_town(a.place, b.place):
        return False
    if a.date and b.date:
        gap = abs((dt.date.fromisoformat(a.date) - dt.date.fromisoformat(b.date)).days)
        if gap > 1:
            return False
    a1 = a.actors[0] if a.actors else ""
    b1 = b.actors[0] if b.actors else ""
    return not a1 or not b1 or a1 == b1 or a.event_type == lx.DIPLOMACY


def district_and_its_town(a: Place, b: Place) -> bool:
    """A district (raion) and its centre town are one place for an event told twice:
    "attacked the Nikopol district ... In Nikopol, a man was wounded". Without district
    polygons the gazetteer puts a district at its centre town's point (data/gazetteer
    README), so "its centre" is a town within :data:`_CENTRE_KM` of that point."""
    kinds = {a.kind, b.kind}
    if kinds != {"admin2", "city"} or a.cc != b.cc:
        return False
    return distance_km(a.lat, a.lon, b.lat, b.lon) <= _CENTRE_KM


def merge(first: Event, more: Event) -> Event:
    """``first`` with what a later report of it adds: the final (largest) death toll, a
    more precise date, actors it lacked, the sentence, a town for a district."""
    if (first.place is not None and more.place is not None and first.place.kind == "admin2"
            and more.place.kind == "city"):
        first = replace(first, place=more.place, lat=more.lat, lon=more.lon, location=more.location,
                        geo_precision=min(first.geo_precision, more.geo_precision),
                        place_confidence=more.place_confidence)
    date, tp = first.date, first.time_precision
    if more.time_precision < tp and more.date:
        date, tp = more.date, more.time_precision
    tolls = [f for f in (first.fatalities, more.fatalities) if f is not None]
    actors = list(first.actors) or list(more.actors)
    if len(actors) < 2 and len(more.actors) >= 2:
        actors = [actors[0] if actors else more.actors[0], more.actors[1]]
    # a weakness stays only when both tellings have it; a second telling is a cue of its own
    claimed = first.claimed or more.claimed
    cues = [c for c in first.cues if c in more.cues and c not in ("claimed", "retold")]
    cues += ["claimed"] * claimed + ["retold"]
    place_conf = first.place_confidence  # the place the merged event keeps
    if place_conf is None and more.place == first.place:
        place_conf = more.place_confidence  # the second telling named it
    return replace(
        first, date=date, time_precision=tp, actors=tuple(actors),
        cues=tuple(cues), claimed=claimed, place_confidence=place_conf,
        confidence=confidence(cues, place_conf),
        claimant=first.claimant or more.claimant,
        quantity=first.quantity if first.quantity is not None else more.quantity,
        quantity_unit=first.quantity_unit if first.quantity is not None else more.quantity_unit,
        fatalities=max(tolls) if tolls else None,
        text=first.text if more.text in first.text else f"{first.text} {more.text}",
    )


def merged_events(events: list[Event]) -> list[Event]:
    out: list[Event] = []
    for e in events:
        for n, prev in enumerate(out):
            if same_event(prev, e):
                out[n] = merge(prev, e)
                break
        else:
            out.append(e)
    return out


def without_background(events: list[Event], article_date: str | None) -> list[Event]:
    """Drops what the article recalls from more than a month before it."""
    if not article_date:
        return events
    try:
        base = dt.date.fromisoformat(article_date[:10])
    except ValueError:
        return events
    return [e for e in events if not e.date or
            (base - dt.date.fromisoformat(e.date)).days <= _BACKGROUND_DAYS]
