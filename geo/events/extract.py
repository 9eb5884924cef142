"""Rule-based event extraction: a sentence that ties an action to a resolved place.

For each trigger phrase (:mod:`geo.events.lexicon`) in a sentence that is not hedged ("could",
"no willingness to", a sentence opening with "If"), the event's place is the resolved mention
of that sentence nearest the trigger, settlements preferred over regions and countries; a
country counts only when the text puts the action in it ("in France"), not when it acts
("Russia has deployed"). A sentence with no place but "the area", "the city", "there" takes
the place of the article's previous event; if it reports the same kind of action it adds its
numbers and actors to that event instead of making a new one.

Geo precision (ACLED): 1 = in the settlement, 2 = near/outside/around it or an admin-1 unit,
3 = a country, sea or larger region. Dates and time precision: :mod:`geo.events.dates`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from geo.events import lexicon as lx
from geo.events.actors import Actor, find_actors
from geo.events.dates import event_date
from geo.events.quantities import fatalities, quantities
from geo.model import Event, Mention, ParsedArticle
from geo.text.sentences import sentence_bounds

__all__ = ["extract_events", "extract_from_articles"]

SOURCE = "geo extract"

# how the text introduces a place, read backwards from the mention: (pattern, precision)
_NEAR_WORDS = (r"near|outside|around|close\s+to|towards?|outskirts\s+of|vicinity\s+of|"
               r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
               r"(?:ern)?\s+of|(?:km|kilometres|kilometers|miles)\s+(?:from|of)|direction\s+of|"
               r"to|approaches\s+to|front\s+near")
_AT_WORDS = r"in|at|on|inside|into|over|across|within|throughout"
_FILLER = (r"(?:(?:the|eastern|western|northern|southern|central|occupied|embattled|besieged|"
           r"frontline|front-line|key|city|town|village|port|region|oblast|province|capital|"
           r"of|,)\s+)*")
_LOCATIVE = re.compile(rf"\b(?:(?P<near>{_NEAR_WORDS})|(?P<at>{_AT_WORDS}))\s+{_FILLER}$",
                       re.IGNORECASE)
# the action's object right after its trigger: "shelling of Kharkiv", "strikes on Odesa"
_DIRECT = re.compile(rf"\s+(?P<at>of|on|against|targeting|hit|hitting)\s+{_FILLER}$",
                     re.IGNORECASE)
_ANAPHORA = re.compile(r"\b(?:(?:the|this|that)\s+(?:area|city|town|village|region|sector|"
                       r"settlement|front|direction)|there)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r";|\s(?:while|whereas|but|although|meanwhile)\s|,\s+(?:and|while)\s",
                           re.IGNORECASE)
_CLAUSE_START = re.compile(r"[,;:(]|\s[–—-]\s")

_KIND_PENALTY = {"city": 0, "site": 0, "admin2": 15, "admin1": 25, "country": 60}
_ACTOR_KINDS = {
    lx.DIPLOMACY: ("government", "organisation", "leaders", "person"),
    lx.BATTLES: ("military", "armed group"),
    lx.EXPLOSIONS: ("military", "armed group", "civilians"),
    lx.VIOLENCE: ("military", "armed group", "police", "civilians"),
    lx.PROTESTS: ("protesters", "police", "person"),
    lx.RIOTS: ("rioters", "protesters", "police"),
    lx.STRATEGIC: ("military", "armed group", "police", "government", "organisation"),
    "Change to group/activity": ("military", "armed group"),
    "Looting/property destruction": ("military", "armed group", "rioters", "civilians"),
    "Arrests": ("police", "military", "government", "protesters", "person"),
}


@dataclass(frozen=True, slots=True)
class _Trigger:
    start: int  # offset in the article
    end: int
    event_type: str
    sub_event_type: str


def extract_events(parsed: ParsedArticle, *, country_name: Any = None) -> list[Event]:
    """Events the article's sentences report, in text order.

    ``country_name`` maps an ISO code to a name ("UA" -> "Ukraine"); default: the code.
    """
    article = parsed.article
    text = article.text
    triggers = [_trigger(m) for m in lx.PATTERN.finditer(text)]
    if not triggers:
        return []
    bounds = sentence_bounds(text)
    starts = [s for s, _ in bounds]
    by_sentence: dict[int, list[Mention]] = {}
    for m in parsed.mentions:
        by_sentence.setdefault(bisect_right(starts, m.start) - 1, []).append(m)
    grouped: dict[int, list[_Trigger]] = {}
    for t in triggers:
        grouped.setdefault(bisect_right(starts, t.start) - 1, []).append(t)
    names = country_name or (lambda cc: cc)
    events: list[Event] = []
    last: tuple[int, Event] | None = None  # (sentence index, event) of the latest event
    facts: dict[tuple[int, str], tuple] = {}
    for i in sorted(grouped):
        if i < 0:
            continue
        s_start, s_end = bounds[i]
        sentence = text[s_start:s_end]
        if lx.CONDITIONAL.match(sentence):
            continue
        mentions = by_sentence.get(i, [])
        made: dict[tuple, Event] = {}
        for t in grouped[i]:
            if _hedged(sentence, t.start - s_start):
                continue
            found = _place_for(text, s_start, s_end, t, mentions)
            anaphoric = False
            if found is None:
                if last is None or i - last[0] > 2 or not _ANAPHORA.search(sentence):
                    continue
                prev = last[1]
                found = (prev.place, max(prev.geo_precision, 2), None)
                anaphoric = True
            place, precision, mention = found
            event = _event(article, sentence, s_start, t, place, precision, mention, mentions,
                           names, facts)
            if anaphoric and last is not None and _same_kind(last[1], event):
                merged = _merge(last[1], event)
                events[events.index(last[1])] = merged
                last = (i, merged)
                continue
            key = (event.event_type, place.id)  # "meeting ... talks" in Paris: one event
            if key in made:
                continue
            made[key] = event
            events.append(event)
            last = (i, event)
    return events


def extract_from_articles(parsed: Iterable[ParsedArticle], *, gazetteer: Any = None,
                          on_problem: Any = None) -> Iterator[Event]:
    """Events of many parsed articles; ``gazetteer`` (optional) names countries.

    An article whose extraction raises is reported to ``on_problem`` (default: a logged
    warning) and skipped; the others' events still come.
    """
    from geo._batch import guarded

    names = _country_names(gazetteer)
    for events in guarded(parsed, lambda pa: list(extract_events(pa, country_name=names)),
                          article_of=lambda pa: pa.article, on_problem=on_problem):
        yield from events


def _country_names(gazetteer: Any) -> Any:
    cache: dict[str, str] = {}

    def name(cc: str) -> str:
        if cc not in cache:
            place = gazetteer.country(cc) if gazetteer is not None and cc else None
            cache[cc] = place.name if place is not None else cc
        return cache[cc]

    return name


def _trigger(m: re.Match[str]) -> _Trigger:
    index = int(m.lastgroup[1:])  # type: ignore[index]
    _, event_type, sub = lx.TRIGGERS[index]
    return _Trigger(m.start(), m.end(), event_type, sub)


def _hedged(sentence: str, at: int) -> bool:
    """Whether a hedge or negation comes before offset ``at`` in its clause."""
    clause_start = 0
    for m in _CLAUSE_START.finditer(sentence, 0, at):
        clause_start = m.end()
    return lx.HEDGE.search(sentence, clause_start, at) is not None


def _place_for(text: str, s_start: int, s_end: int, t: _Trigger,
               mentions: list[Mention]) -> tuple[Any, int, Mention] | None:
    """(place, geo precision, mention) for a trigger, or None when no mention qualifies."""
    best: tuple[float, Any, int, Mention] | None = None
    for m in mentions:
        kind = m.place.kind
        before = text[max(s_start, m.start - 60):m.start]
        loc = _LOCATIVE.search(before)
        if loc is None and m.start >= t.end:
            loc = _DIRECT.match(text, t.end, m.start)  # "the shelling of Kharkiv"
        if kind not in ("city", "site", "admin2", "admin1") and loc is None:
            continue  # a country or sea that acts or is talked about, not where it happened
        if _possessive(text, m.end) and loc is None:
            continue  # "Pokrovsk's defenders": an attribute, unless the text puts it there
        if m.end <= t.start:
            distance = t.start - m.end
            between = text[m.end:t.start]
        else:
            distance = max(0, m.start - t.end)
            between = text[t.end:m.start]
        score = distance + _KIND_PENALTY.get(kind, 80)
        if _CLAUSE_BREAK.search(between):
            score += 100
        if loc is None:
            score += 40  # "Moscow has shown...": a place the text does not put anything in
            if m.end <= t.start:
                score += 20  # places usually follow the action they locate
        if kind in ("city", "site"):
            precision = 2 if loc is not None and loc.groupdict().get("near") else 1
        elif kind in ("admin1", "admin2"):
            precision = 2
        else:
            precision = 3
        if best is None or score < best[0]:
            best = (score, m.place, precision, m)
    return None if best is None else best[1:]


def _possessive(text: str, end: int) -> bool:
    return text[end:end + 2] in ("'s", "’s")


def _sentence_facts(sentence: str, article_date: str | None, surfaces: frozenset[str]
                    ) -> tuple[tuple[str | None, int], tuple[Actor, ...], int | None, tuple]:
    """What a sentence says whatever its triggers: date, parties, fatalities, quantities."""
    return (event_date(sentence, article_date), tuple(find_actors(sentence, places=surfaces)),
            fatalities(sentence), tuple(quantities(sentence)))


def _event(article: Any, sentence: str, s_start: int, t: _Trigger, place: Any,
           precision: int, mention: Mention | None, mentions: list[Mention],
           names: Any, cache: dict[tuple[int, str], tuple]) -> Event:
    key = (s_start, sentence)  # several triggers of one sentence share its facts
    if key not in cache:
        surfaces = frozenset(m.surface for m in mentions)
        cache[key] = _sentence_facts(sentence, article.date, surfaces)
    (date, time_precision), actor_tuple, killed, found = cache[key]
    actors = list(actor_tuple)
    sub = _sub_event_type(t, sentence, actors)
    event_type = t.event_type
    if event_type == lx.PROTESTS and lx.VIOLENT.search(sentence):
        event_type, sub = lx.RIOTS, "Violent demonstration"
    country = names(place.cc) if place.cc else ""
    chosen = _actors_for(event_type, sub, actors, mentions, mention, country, names)
    counted = [q for q in found if not (killed is not None and q.value == killed)]
    qty = min(counted, key=lambda q: abs(q.start - (t.start - s_start)), default=None)
    return Event(
        id=f"{article.id}:{t.start}:{mention.start if mention else 'a'}",
        event_type=event_type, sub_event_type=sub, date=date, time_precision=time_precision,
        lat=place.lat, lon=place.lon, geo_precision=precision, place=place,
        actors=tuple(chosen), quantity=qty.value if qty else None,
        quantity_unit=qty.unit if qty else "", fatalities=killed, text=sentence,
        article_id=article.id, source=article.source or SOURCE, location=place.name,
        country=country, admin1=place.admin1_name if place.kind != "country" else "")


def _sub_event_type(t: _Trigger, sentence: str, actors: list[Actor]) -> str:
    sub = t.sub_event_type
    if t.event_type == lx.PROTESTS:
        if lx.EXCESSIVE.search(sentence):
            return "Excessive force against protesters"
        if lx.INTERVENTION.search(sentence):
            return "Protest with intervention"
        return sub
    state = any(a.kind == "military" for a in actors)
    if sub == lx.REGAIN:
        return "Government regains territory" if state or not actors else \
            "Non-state actor overtakes territory"
    if sub == lx.CAPTURE:
        # ACLED codes one state's forces taking ground from another's as an armed clash
        return "Armed clash" if state else "Non-state actor overtakes territory"
    return sub


def _actors_for(event_type: str, sub: str, actors: list[Actor], mentions: list[Mention],
                location: Mention | None, country: str, names: Any) -> list[str]:
    kinds = _ACTOR_KINDS.get(sub) or _ACTOR_KINDS.get(event_type, ())
    out: list[str] = []
    for a in actors:
        if a.kind not in kinds:
            continue
        name = a.name
        if name == "Police Forces":
            name = f"Police Forces of {country}" if country else name
        elif a.kind in ("protesters", "rioters", "civilians") and country:
            name = f"{name} ({country})"
        out.append(name)
    # countries named as parties (not where it happened): governments in talks, forces in war
    for m in mentions:
        if m.place.kind != "country" or (location is not None and m.start == location.start):
            continue
        if location is not None and m.place.id == location.place.id:
            continue
        state = names(m.place.cc) if m.place.cc else m.place.name
        if event_type == lx.DIPLOMACY:
            out.append(f"Government of {state}")
        elif event_type in (lx.BATTLES, lx.EXPLOSIONS, lx.STRATEGIC) and "military" in kinds:
            out.append(f"Military Forces of {state}")
    out = list(dict.fromkeys(out))
    if any(n.startswith("Police Forces of") for n in out) and "Police Forces" in out:
        out.remove("Police Forces")
    return out


def _same_kind(a: Event, b: Event) -> bool:
    return a.event_type == b.event_type and a.sub_event_type == b.sub_event_type


def _merge(first: Event, more: Event) -> Event:
    """``first`` with what a later sentence adds about it (numbers, actors, text)."""
    return replace(
        first,
        actors=tuple(dict.fromkeys((*first.actors, *more.actors))),
        quantity=first.quantity if first.quantity is not None else more.quantity,
        quantity_unit=first.quantity_unit if first.quantity is not None else more.quantity_unit,
        fatalities=first.fatalities if first.fatalities is not None else more.fatalities,
        text=f"{first.text} {more.text}",
    )
