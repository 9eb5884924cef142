"""Rule-based event extraction in English, Ukrainian and Russian: a clause that ties an
action to a resolved place.

Per trigger (:mod:`geo.events.lexicon`; stems for Ukrainian and Russian so every case
matches) in a clause that is not hedged, negated, planned or denied: the event type (a
weapon turns "hit" / "атакували" into a missile or a drone strike, ground forces into a
clash, an interception with damage into the strike), its places (the resolved mention the
clause puts the action in, plus the places listed with it: "shelled Antonivka and
Bilozerka"), its date (:mod:`geo.events.dates`), its actors (:mod:`geo.events.sides`: the
attacker first, the target second) and its fatalities. A place-less clause with "the city",
"there", "над областю" takes the place of the previous event. Events of one article with the
same type, place, date and attacker are one event; "the strike on Tuapse" only adds to an
event already told; events dated over a month before the article are background.

Geo precision (ACLED): 1 = in the settlement, 2 = near/outside/around it or an admin unit,
3 = a country, sea or larger region.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, NamedTuple

from geo.events import lexicon as lx
from geo.events._fold import lower_in_place
from geo.events.actors import COUNTRY_OF_ADJECTIVE, Actor, find_actors
from geo.events.claims import (
    claim_of,
    hearsay,
    home_side,
    reporter_side,
    says_between,
    speaker,
)
from geo.events.confidence import confidence
from geo.events.dates import event_date, has_cue
from geo.events.merging import (
    district_and_its_town,
    merge,
    merged_events,
    same_event,
    same_kind,
    without_background,
)
from geo.events.quantities import casualty_figure, death_toll, killed, people_hurt, quantities
from geo.events.sides import (
    ENEMY,
    OURS,
    SPEAKER,
    SideMention,
    language_of,
    opposite,
    perspective,
    side_mentions,
)
from geo.model import Event, Mention, ParsedArticle
from geo.text.sentences import sentence_bounds

__all__ = ["extract_events", "extract_from_articles"]

SOURCE = "geo extract"
# every pattern below matches lower-cased text (see geo.events.lexicon)
_QUOTED = re.compile(r"[«\"“„].*[»\"”“]$", re.DOTALL)
# "Udachne, southwest of Pokrovsk", "30 km from X": X is a reference point, not a second place
_REFERENCE = re.compile(r"(?:(?:north|south|east|west)\w*\s+of|(?:km|kilometres|kilometers|"
                        r"miles)\s+(?:from|of|(?:north|south|east|west)\w*\s+of))\s+"
                        r"(?:the\s+)?$|(?<!\w)(?:за\s+\d+\s+км|в\s+\d+\s+км)\s+\w+\s+$")
_HAS_CYRILLIC = re.compile(r"[а-яА-ЯіїєґІЇЄҐ]")
_PAST_DAY_WORDS = ("past", "last", "previous", "доб", "сутки")  # each match holds one
_PAST_DAY = re.compile(r"\b(?:past|last|previous)\s+(?:day|24\s+hours)\b|(?<!\w)(?:добу|доби|"
                       r"сутки)(?!\w)")

# how the text introduces a place, read backwards from the mention: (pattern, precision)
_NEAR_WORDS = (r"near|outside|around|close\s+to|outskirts\s+of|vicinity\s+of|"
               r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
               r"(?:ern)?\s+of|(?:km|kilometres|kilometers|miles)\s+(?:from|of)|direction\s+of|"
               r"approaches\s+to|front\s+near|"
               r"біля|поблизу|під|неподалік\s+від|в\s+районі|у\s+районі|на\s+околиц\w+|"
               r"околиц\w+|на\s+підступах\s+до|возле|около|под|вблизи|в\s+районе|"
               r"на\s+окраин\w+|окраин\w+|неподалеку\s+от|на\s+подступах\s+к")
_AT_WORDS = (r"in|at|on|inside|into|over|across|within|throughout|"
             r"у|в|во|на|по|над")
_FILLER = (r"(?:(?:the|eastern|western|northern|southern|central|occupied|embattled|besieged|"
           r"frontline|front-line|key|city|town|village|port|region|oblast|province|capital|"
           r"of|,|місто|міста|місті|город|городе|города|село|селі|селе|села|селище|селища|"
           r"населений\s+пункт|населенный\s+пункт|населённый\s+пункт|центрі|центре|центр|"
           r"південн\w+|північн\w+|східн\w+|західн\w+|южн\w+|северн\w+|западн\w+|"
           r"восточн\w+|окупован\w+|оккупированн\w+|прифронтов\w+)\s+)*")
_LOCATIVE = re.compile(rf"(?<!\w)(?:(?P<near>{_NEAR_WORDS})|(?P<at>{_AT_WORDS}))\s+{_FILLER}$")
# the action's object right after its trigger: "shelling of Kharkiv", "strikes on Odesa",
# "shelled Antonivka", "атакували Запоріжжя"
_DIRECT = re.compile(rf"\s+(?:(?P<at>of|on|against|targeting|hit|hitting|по|на)\s+)?"
                     rf"{_FILLER}$")
_ANAPHORA = re.compile(r"(?<!\w)(?:(?:the|this|that)\s+(?:area|city|town|village|region|"
                       r"sector|settlement|front|direction)|there|област(?:ь|і|ю|и|ью)|"
                       r"регіоні?|регионе?|місто|міста|місті|городе|город|там)(?!\w)")
# "Курской областью" names a region (that the geoparser missed); "над областю" refers back
_NAMED_BEFORE = re.compile(r"(?:[A-ZА-ЯІЇЄҐ]\w*|\w+(?:ськ|ск|цк|зьк)\w*)\s+$")
_REGION_ANAPHOR = re.compile(r"(?:the\s+|this\s+|that\s+)?(?:region|област|регіон|регион)")
_CLAUSE_BREAK = re.compile(r";|:|\s(?:while|whereas|but|although|meanwhile)\s|"
                           r",\s+(?:and|while|as|а|але|проте|однак|но|однако)\s|\s[–—]\s")
_CLAUSE_START = re.compile(r"[,;:(]|\s[–—-]\s")
# a comma before a complement clause does not end what governs it ("denied that ...")
_COMPLEMENT = re.compile(r"\s*(?:що|что|чтобы|будто|нібито|ніби|мовляв|that)(?!\w)")
# "was hit", "were also struck", "came under": the place is hit, the weapon told before
_PASSIVE_BEFORE = re.compile(r"(?<!\w)(?:was|were|been|being|got|came)\s+(?:\w+ly\s+|also\s+|"
                             r"again\s+)?$|(?<!\w)(?:under|під|под)\s+$")
# after a verb of saying, the speaker itself acts: "said it had", "заявили, що вони"
_SPEAKER_ACTS = re.compile(r"(?<!\w)(?:it|its|they|their|we|our|вони|они|ми|мы|він|вона|он|"
                           r"она|наш\w*)(?!\w)")
_BY_AFTER = re.compile(r"\S*\s+(?:\w+\s+){0,2}?by\s")
_PASSIVE = re.compile(r"(?<!\w)(?:was|were|has\s+been|had\s+been|було|був|була|були|был|"
                      r"была|были)(?!\w)")
_BY_AGENT = re.compile(r"(?:\bby|з\s+боку|со\s+стороны|від|от)\s+(?:\w+\s+){0,2}$")
_NOUNS = re.compile(r"(?:strikes?|attacks?|shelling|explosions?|blasts?|bombardment|"
                    r"airstrikes?|raids?|assaults?|fighting|clash(?:es)?)$")
_WAR_TYPES = (lx.BATTLES, lx.EXPLOSIONS, lx.VIOLENCE, lx.STRATEGIC)
_VIOLENT = (lx.EXPLOSIONS, lx.BATTLES, lx.VIOLENCE, lx.RIOTS)
_DASH = re.compile(r"\s[–—]\s")
_DASH_BEFORE = re.compile(r"\s[–—]\s*$")
_GAP = re.compile(r",?\s*(?:and|а|и|і|та)\s|\s[–—]\s")  # "X took A, and Y - B"
_KIND_PENALTY = {"city": 0, "site": 0, "admin2": 15, "admin1": 25, "country": 60}
_ACTOR_KINDS = {
    lx.DIPLOMACY: ("government", "organisation", "leaders", "person"),
    lx.PROTESTS: ("protesters", "police", "person"),
    lx.RIOTS: ("rioters", "protesters", "police"),
}
_COUNTRY = {"RU": "Russia", "UA": "Ukraine"}


class _Trigger(NamedTuple):  # a tuple: made several times a sentence, at a tuple's cost
    start: int  # offset in the article
    end: int
    event_type: str
    sub_event_type: str  # or a marker of lexicon (STRIKE, ATTACK, CAPTURE...)
    noun: bool  # "the strike" can refer back; "struck" cannot


#: markers whose word does not name the act: the clause decides its type
_GENERIC = frozenset((lx.STRIKE, lx.ATTACK, lx.EXPLOSION, lx.CLASH, lx.REPEL, lx.GATHER,
                      lx.RALLY, lx.DEBRIS))
#: words that are acts of war only where an armed party is named (in the sentence, or in a
#: war article about places of the belligerents): "entered", "assault", "fighting", "seized"
_NEEDS_ARMS = frozenset((lx.CLASH, lx.REPEL, lx.CAPTURE, lx.REGAIN, "Armed clash", lx.EXPLOSION,
                         lx.ATTACK,
                         "Change to group/activity", "Looting/property destruction",
                         "Abduction/forced disappearance", "Attack", lx.IED,
                         "Headquarters or base established"))


def extract_events(parsed: ParsedArticle, *, country_name: Any = None) -> list[Event]:
    """Events the article's sentences report, in text order, one per real event.

    ``country_name`` maps an ISO code to a name ("UA" -> "Ukraine"); default: the code.
    """
    article = parsed.article
    if not parsed.mentions:
        return []  # an event needs a place the article names
    text = article.text
    lang = language_of(text, article.lang)
    low = lower_in_place(text)
    cyrillic = lang != "en" or _HAS_CYRILLIC.search(text) is not None
    bounds = list(parsed.sentences) if parsed.sentences is not None else sentence_bounds(text)
    starts = [s for s, _ in bounds]
    by_sentence: dict[int, list[Mention]] = {}
    for m in parsed.mentions:
        by_sentence.setdefault(bisect_right(starts, m.start) - 1, []).append(m)
    ctx = _Context(article=article, lang=lang, names=country_name or (lambda cc: cc))
    codes: dict[str, int] = {}
    for m in parsed.mentions:
        codes[m.place.cc] = codes.get(m.place.cc, 0) + 1
    ctx.supported = frozenset(cc for cc, n in codes.items() if n > 1) \
        if len(parsed.mentions) > 1 else frozenset(codes)
    ctx.reporter = reporter_side(article.url, article.source) or perspective(lang)
    ctx.home = ctx.reporter or home_side([m.place.cc for m in parsed.mentions])
    ctx.low = low
    ctx.latin = lx.TRIGGER_TRIE.dense if lang == "en" else lx.TRIGGER_TRIE.sparse
    ctx.sentences = [text[a:b] for a, b in bounds]
    ctx.lows = [low[a:b] for a, b in bounds]
    past_day_words = any(w in low for w in _PAST_DAY_WORDS)  # else no sentence has them
    for i, (s_start, s_end) in enumerate(bounds):
        sentence = ctx.sentences[i]
        made = 0
        # only a sentence that names a place, or refers to the last event's ("the city"),
        # can report an event: the trigger patterns are not even tried on the others (a
        # clause without a place needs the words _ANAPHORA finds, so the sentence does too)
        can = i in by_sentence or (ctx.last is not None and i - ctx.last[0] <= 2
                                   and _ANAPHORA.search(ctx.lows[i]) is not None)
        triggers = _triggers(low, s_start, s_end, lang, cyrillic) if can else []
        if triggers and not lx.CONDITIONAL.match(ctx.lows[i]):
            made = _sentence_events(ctx, i, s_start, sentence, triggers,
                                    by_sentence.get(i, []))
        if not made:
            if ctx.last is not None and i - ctx.last[0] == 1:  # else no event to follow up
                _follow_up(ctx, i, sentence, by_sentence.get(i, []))
            if past_day_words and _past_day(ctx.lows[i]) and has_cue(sentence):  # a frame
                ctx.frame = event_date(sentence, article.date)
        elif has_cue(sentence):
            ctx.frame = None
    return without_background(merged_events(ctx.events), article.date)


def _past_day(low_sentence: str) -> bool:
    """"over the past day", "за добу": substring tests first (most sentences have none of
    the words, and ``in`` costs far less than a regex search)."""
    return any(w in low_sentence for w in _PAST_DAY_WORDS) and \
        _PAST_DAY.search(low_sentence) is not None


def _triggers(low: str, start: int, end: int, lang: str, cyrillic: bool) -> list[_Trigger]:
    """The action words of the (lower-cased) text's sentence ``[start, end)``, in order."""
    latin = lx.TRIGGER_TRIE.dense if lang == "en" else lx.TRIGGER_TRIE.sparse
    found = [_trigger(m, lx.TRIGGERS, lx.TRIGGER_TRIE) for m in latin.finditer(low, start, end)]
    if cyrillic:
        found += [_trigger(m, lx.TRIGGERS_CYRILLIC, lx.TRIGGER_TRIE_CYRILLIC)
                  for m in lx.TRIGGER_TRIE_CYRILLIC.sparse.finditer(low, start, end)]
        found.sort(key=lambda t: t.start)
    return found




def _weapon_so_far(ctx: _Context, i: int) -> str:
    """The weapon the article named last up to sentence ``i`` ("" if none): what "hit" or
    "were also hit" refers to. Read backwards only when a clause names none itself."""
    for j in range(i, -1, -1):
        if j not in ctx.weapons:
            ctx.weapons[j] = _weapon(ctx.lows[j])
        if ctx.weapons[j]:
            return ctx.weapons[j]
    return ""


def _date_before(ctx: _Context, i: int) -> tuple[str | None, int] | None:
    """The latest date the article gave before sentence ``i`` (for "that day")."""
    for j in range(i - 1, -1, -1):
        if has_cue(ctx.sentences[j]):
            return event_date(ctx.sentences[j], ctx.article.date)
    return None


@dataclass(slots=True)
class _Context:
    """What one article's sentences share as they are read in order."""

    article: Any
    lang: str
    names: Any
    events: list[Event] = field(default_factory=list)
    last: tuple[int, Event] | None = None  # (sentence index, latest event)
    low: str = ""  # the article's text, lower-cased (same offsets)
    sentences: list[str] = field(default_factory=list)
    lows: list[str] = field(default_factory=list)  # the sentences, lower-cased
    weapons: dict[int, str] = field(default_factory=dict)  # sentence index -> its weapon
    supported: frozenset[str] = frozenset()  # country codes named more than once
    frame: tuple[str | None, int] | None = None  # "over the past day" of a summary lead
    home: str = ""  # the side the article reports from (its language's, else most places')
    reporter: str = ""  # the side of the outlet (its domain) or of its language; "" for English
    war: bool | None = None  # whether the article names armed parties or weapons (asked lazily)
    named: dict[str, bool] = field(default_factory=dict)  # side -> whether the article names it
    usable: dict[int, tuple[bool, bool]] = field(default_factory=dict)  # see _usable
    locatives: dict[int, Any] = field(default_factory=dict)  # see _score
    latin: Any = lx.PATTERN_LOWER  # the form of the Latin trigger trie for its script


def _sentence_events(ctx: _Context, i: int, s_start: int, sentence: str,
                     triggers: list[_Trigger], mentions: list[Mention]) -> int:
    text, ls = ctx.low, ctx.lows[i]
    dated: list[tuple[str | None, int]] = []

    def date() -> tuple[str | None, int]:
        """The sentence's date, worked out when its first event needs it (of the sentences
        with an action word, 2 in 5 of the parse benchmark's make none); nothing before
        that changes ``ctx``."""
        if not dated:
            day = event_date(sentence, ctx.article.date, previous=lambda: _date_before(ctx, i))
            if not has_cue(sentence):
                day = _continued(ctx, i, sentence, s_start, mentions) or ctx.frame or day
            dated.append(day)
        return dated[0]

    made: dict[tuple, Event] = {}
    denied, unverified = _retractions(ls)  # once per sentence, whatever its triggers
    for t in triggers:
        at = t.start - s_start
        if _hedged(ls, at, t.end - s_start) or max(denied, unverified) >= t.end - s_start or \
                _about_a_person(ls, at):
            continue
        lo, hi = _clause(ls, at)
        clause = ls[lo:hi]
        inherited: list[bool] = []

        def earlier(i: int = i, inherited: list[bool] = inherited) -> str:
            inherited.append(True)
            return _weapon_so_far(ctx, i)

        definite = bool(lx.DEFINITE.search(ls, max(0, at - 30), at)) and t.noun
        frame = _Frame(ctx, ls, lo, at, definite)
        resolved = _resolve_type(t, clause, text[t.start:t.end], earlier, frame)
        if resolved is None:
            continue
        event_type, sub = resolved
        cues = ["weapon_earlier"] if inherited and event_type == lx.EXPLOSIONS else []
        found = _places_for(text, s_start, s_start + len(sentence), s_start + lo,
                            s_start + hi, t, mentions, ctx.supported, ctx.usable,
                            ctx.locatives, ctx.latin)
        if not found:
            anaphor = _ANAPHORA.search(clause)
            if anaphor and (
                    _NAMED_BEFORE.search(sentence[lo:hi], 0, anaphor.start())
                    or clause.startswith(" of ", anaphor.end())  # "the village of X"
                    or (anaphor.start() < at - lo  # another action's words
                        and _trigger_between(text, s_start + lo, s_start + lo + anaphor.start(),
                                             ctx.latin))):
                anaphor = None
            if ctx.last is None or i - ctx.last[0] > 2 or not anaphor:
                continue
            prev = ctx.last[1]
            gp = 3 if _REGION_ANAPHOR.match(anaphor.group()) else max(prev.geo_precision, 2)
            found = [(prev.place, gp, None)]
        if (frame.defaulted or _needs_arms(t, text)) and not frame.armed() and \
                not _war_news(t, frame, found):
            continue  # "entered", "assault", "fighting" with no armed party: not war
        if event_type == lx.DIPLOMACY and not _diplomatic(ls, mentions, frame):
            continue  # a board's meeting, a visit to a school: no statecraft
        if event_type in (lx.EXPLOSIONS, lx.BATTLES):
            # "launched 188 drones at Ukraine": a nationwide tally, which ACLED does not code
            found = [f for f in found if f[0].kind != "country"]
        for place, precision, mention in found:
            event = _event(ctx, i, sentence, s_start, lo, hi, t, event_type, sub, place,
                           precision, mention, mentions, date(), cues)
            if mention is None and ctx.last is not None and same_kind(ctx.last[1], event):
                merged = merge(ctx.last[1], event)  # "... to the area": more on that event
                ctx.events[ctx.events.index(ctx.last[1])] = merged
                ctx.last = (i, merged)
                made[(event.event_type, place.id)] = merged
                continue
            if definite and not _introduced_by(text, t, mention):
                # "called the strike a deliberate attack": adds to an event told, or nothing
                _add_to_told(ctx, event)
                continue
            key = (event.event_type, place.id)
            if key in made:
                continue
            made[key] = event
            ctx.events.append(event)
            ctx.last = (i, event)
    if not dated and ctx.last is not None and i - ctx.last[0] == 1 and not has_cue(sentence):
        _continued(ctx, i, sentence, s_start, mentions)  # what it adds to the last event
    _drop_containers(ctx, list(made.values()))
    return len(made)


def _drop_containers(ctx: _Context, made: list[Event]) -> None:
    """Of one sentence's events of a type, an oblast's or country's is dropped when a town in
    it has one ("an offensive in Kharkiv oblast ... to break through near Vovchansk")."""
    if len(made) < 2:
        return
    by_type: dict[str, list[Event]] = {}
    for e in made:
        by_type.setdefault(e.event_type, []).append(e)
    for group in by_type.values():
        if len(group) < 2:
            continue
        kept_here = {id(e) for _, _, e in _without_containers(
            [(e.place, e.geo_precision, e) for e in group])}
        for e in group:
            if id(e) not in kept_here and e in ctx.events:
                ctx.events.remove(e)


def _continued(ctx: _Context, i: int, sentence: str, s_start: int,
               mentions: list[Mention]) -> tuple[str | None, int] | None:
    """A sentence that names the previous sentence's event place again, without a date of
    its own, goes on telling that event: its date carries over, and what its clause says
    about people hurt completes the event ("In Nikopol, a man was wounded")."""
    if ctx.last is None or i - ctx.last[0] != 1:
        return None
    prev = ctx.last[1]
    again = next((m for m in mentions if prev.place is not None and
                  (m.place.id == prev.place.id
                   or district_and_its_town(m.place, prev.place))), None)
    if again is None:
        return None
    ls = ctx.lows[i]
    lo, hi = _clause(ls, again.start - s_start)
    figure = casualty_figure(ls[lo:hi])
    if figure is not None and prev.event_type in _VIOLENT:
        actors = prev.actors
        if people_hurt(ls[lo:hi]) and prev.place is not None:
            actors = (actors[0] if actors else "", _civilians(ctx, prev.place))
        better = replace(prev, actors=actors,
                         fatalities=_toll(prev.fatalities, figure, ls[lo:hi]))
        ctx.events[ctx.events.index(prev)] = better
        ctx.last = (ctx.last[0], better)
    return (prev.date, prev.time_precision)


def _follow_up(ctx: _Context, i: int, sentence: str, mentions: list[Mention]) -> None:
    """A sentence right after an event that names no new place but says who was hurt
    ("no one was hurt", "загинула одна людина") completes that event."""
    if ctx.last is None or i - ctx.last[0] != 1 or ctx.last[1].event_type not in _VIOLENT:
        return
    if any(m.place.kind in ("city", "site") for m in mentions):
        return
    figure = casualty_figure(sentence)
    if figure is None:
        return
    prev = ctx.last[1]
    actors = prev.actors
    if (people_hurt(sentence) and prev.place is not None and len(actors) < 2) or (
            len(actors) == 2 and not actors[1]):
        actors = (actors[0] if actors else "", _civilians(ctx, prev.place))
    better = replace(prev, fatalities=_toll(prev.fatalities, figure, sentence), actors=actors)
    ctx.events[ctx.events.index(prev)] = better
    ctx.last = (ctx.last[0], better)


def _toll(before: int | None, figure: int, text: str) -> int | None:
    """An event's fatalities once a later sentence gives ``figure``: a death toll's update
    ("has risen to twenty-three") is the final figure; otherwise the first one stays."""
    update = death_toll(text)
    if update is not None:
        return update
    return figure if before is None else before


def _introduced_by(text: str, t: _Trigger, mention: Mention | None) -> bool:
    """Whether the trigger itself names its place ("the shelling of Kharkiv")."""
    return mention is not None and mention.start >= t.end and \
        _DIRECT.match(text, t.end, mention.start) is not None


def _add_to_told(ctx: _Context, event: Event) -> None:
    for n, prev in enumerate(ctx.events):
        if same_event(prev, event):
            ctx.events[n] = merge(prev, event)
            return


def extract_from_articles(parsed: Iterable[ParsedArticle], *, gazetteer: Any = None,
                          on_problem: Any = None) -> Iterator[Event]:
    """Events of many parsed articles; ``gazetteer`` (optional) names countries.

    An article whose extraction raises is reported to ``on_problem`` (default: a logged
    warning) and skipped; the others' events still come.
    """
    from geo._batch import guarded

    names = country_names(gazetteer)
    for events in guarded(parsed, lambda pa: list(extract_events(pa, country_name=names)),
                          article_of=lambda pa: pa.article, on_problem=on_problem):
        yield from events


def country_names(gazetteer: Any) -> Any:
    """ISO code -> country name by ``gazetteer`` (the code itself without one), each looked
    up once: one function serves a whole batch."""
    cache: dict[str, str] = {}

    def name(cc: str) -> str:
        if cc not in cache:
            place = gazetteer.country(cc) if gazetteer is not None and cc else None
            cache[cc] = place.name if place is not None else cc
        return cache[cc]

    return name


def _trigger(m: re.Match[str], table: tuple[tuple[str, str, str], ...], trie: Any
             ) -> _Trigger:
    _, event_type, sub = table[trie.entry_of(m)]
    return _Trigger(m.start(), m.end(), event_type, sub, _is_noun(m.group()))


@lru_cache(maxsize=512)
def _is_noun(word: str) -> bool:
    return _NOUNS.search(word) is not None


def _hedged(sentence: str, at: int, end: int) -> bool:
    """Whether a hedge, negation or plan comes before offset ``at`` in its clause, or the
    clause reports the action as absent after it ("no shelling was recorded")."""
    # each pattern is first sought in all of the sentence before (after) the action: what is
    # not there is not in its clause either, and most sentences have none
    if lx.HEDGE.search(sentence, 0, at) is not None:
        clause_start = 0
        for m in _CLAUSE_START.finditer(sentence, 0, at):
            if not _COMPLEMENT.match(sentence, m.end()):
                clause_start = m.end()
        for m in lx.SUBORDINATE.finditer(sentence, clause_start, at):
            clause_start = m.end()  # "No one was hurt when a drone hit": outside its reach
        for hedge in lx.HEDGE.finditer(sentence, clause_start, at):
            if not lx.HEDGE_IDIOM.match(sentence, hedge.start()):  # "not far from", "не менше"
                return True
    if lx.NEGATED_AFTER.search(sentence, end) is None:
        return False
    stop = _CLAUSE_START.search(sentence, end)
    return lx.NEGATED_AFTER.search(sentence, end, stop.start() if stop else len(sentence)) \
        is not None


_DENIAL_STEMS = ("den", "refut", "reject", "dismiss", "спрост", "запереч", "опроверг", "отриц")
_CHECK_STEMS = ("verif", "confirm", "підтверд", "подтверд", "перевір", "провер")


@lru_cache(maxsize=256)
def _retractions(sentence: str) -> tuple[int, int]:
    """Where the (lower-cased) sentence's last denial and last "could not be verified" of a
    rumour start (-1: none): an action before either is taken back. Denied: "but Kyiv denied
    it", "в ЗСУ це спростовують"; not verifiable while no one is named as saying it: "were
    reported to have attacked ..., but the claim could not be verified" (a belligerent's word
    that could not be verified stays: a claim, coded as ACLED codes claims)."""
    # substring tests first: most sentences hold none of the words
    denied = [m.start() for m in lx.DENIED_LATER.finditer(sentence)] \
        if any(w in sentence for w in _DENIAL_STEMS) else []
    unverified = [m.start() for m in lx.UNVERIFIED.finditer(sentence)] \
        if any(w in sentence for w in _CHECK_STEMS) and lx.RUMOUR.search(sentence) else []
    return (denied[-1] if denied else -1), (unverified[-1] if unverified else -1)


def _about_a_person(sentence: str, at: int) -> bool:
    """Whether the action at ``at`` tells what was done to a person before ("a man who had
    been detained"); the relative pronoun is looked for as a substring first."""
    window = sentence[max(0, at - 40):at]
    return any(w in window for w in ("who", "яко", "котор")) and \
        lx.PERSON_RELATIVE.search(window) is not None


class _Frame:
    """Whether a trigger's sentence names an armed party (or a weapon) and whether its article
    does: asked only for words that are acts of war in war news alone."""

    __slots__ = ("_armed", "_at", "_ctx", "_definite", "_lo", "_ls", "defaulted")

    def __init__(self, ctx: _Context, ls: str, lo: int, at: int, definite: bool) -> None:
        self._ctx, self._ls, self._lo, self._at = ctx, ls, lo, at
        self._definite = definite
        self._armed: bool | None = None
        self.defaulted = False  # a strike typed with nothing armed named: war news only

    def armed(self) -> bool:
        if self._armed is None:
            ls = self._ls
            self._armed = _armed(ls) or lx.STATE_AGENT.search(ls, self._lo, self._at) is not None
        return self._armed

    def agent_after(self) -> bool:
        """Whether "by" names who did it after the action ("was hit by a storm")."""
        return _BY_AFTER.match(self._ls, self._at) is not None

    def before(self) -> str:
        """The clause up to the trigger: where its subject stands."""
        return self._ls[self._lo:self._at]

    def passive(self) -> bool:
        """"was hit", "came under", "the attack on Sumy": what was hit by the weapon told
        before."""
        return self._definite or _PASSIVE_BEFORE.search(self._ls, self._lo, self._at) is not None

    def war(self) -> bool:
        ctx = self._ctx
        if ctx.war is None:
            ctx.war = bool(lx.ARMED.search(ctx.low) or _launched_weapon(ctx.low))
        return ctx.war


def _needs_arms(t: _Trigger, low: str) -> bool:
    """Whether the trigger's word is an act of war only where an armed party is named:
    "entered", "clashes", "explosions", a "mine"; not "heavy fighting", "landmine",
    "liberated", which say it themselves."""
    if t.sub_event_type not in _NEEDS_ARMS:
        return False
    return lx.UNAMBIGUOUS.match(low, t.start) is None


def _war_news(t: _Trigger, frame: _Frame, found: list[tuple[Any, int, Any]]) -> bool:
    """Whether a trigger that names no armed party is still an act of war by its setting:
    an article that names armed parties or weapons, about places of the belligerents; or
    (but for a change of control, which needs a party that takes) a place in Ukraine, where
    explosions and fighting in the news are this war's."""
    ccs = {p.cc for p, _, _ in found}
    if frame.war() and ccs <= set(_COUNTRY):
        return True
    return ccs == {"UA"} and t.sub_event_type not in (lx.CAPTURE, lx.REGAIN,
                                                      "Change to group/activity")


@lru_cache(maxsize=256)
def _armed(low_sentence: str) -> bool:
    """Whether the sentence names an armed party or a weapon of war, not a mine (a coal mine
    is one word with a landmine); once per sentence, whatever its triggers."""
    return lx.ARMED.search(low_sentence) is not None or _launched_weapon(low_sentence)


def _diplomatic(ls: str, mentions: list[Mention], frame: _Frame) -> bool:
    """Whether talks, a meeting or a visit are between states: words of statecraft, a
    country or a side named in the sentence, or an article of war news."""
    return lx.DIPLOMATIC.search(ls) is not None or \
        any(m.place.kind == "country" for m in mentions) or bool(_sides(ls)) or frame.war()


def _launched_weapon(text: str) -> bool:
    """Whether ``text`` names a missile, shell, drone or bomb (not a mine)."""
    return any(pattern.search(text) for sub, pattern in lx.WEAPONS if sub != lx.IED)


def _clause(sentence: str, at: int) -> tuple[int, int]:
    """The bounds of the clause around offset ``at``: between strong breaks (";", ":", "but",
    "while", ", а"), so a list of places with commas stays whole."""
    lo = 0
    for m in _CLAUSE_BREAK.finditer(sentence, 0, at):
        lo = m.end()
    m = _CLAUSE_BREAK.search(sentence, at)
    return lo, m.start() if m else len(sentence)


def _weapon(text: str) -> str:
    """The sub-event type of the first weapon group ``text`` names, or ""."""
    if lx.ANY_WEAPON.search(text) is None:  # most sentences name none
        return ""
    for sub, pattern in lx.WEAPONS:
        if pattern.search(text):
            return sub
    return ""


def _resolve_type(t: _Trigger, clause: str, word: str, earlier: Any, frame: Any = None
                  ) -> tuple[str, str] | None:
    """(event type, sub-event type) of a trigger (``word``) in its clause; None when it is no
    event. ``earlier()`` gives the weapon the article named last; ``frame`` (a :class:`_Frame`)
    says whether the sentence or the article names an armed party (None: both do)."""
    sub = t.sub_event_type
    def armed() -> bool:  # asked only where the word needs it (most triggers name the act)
        return frame is None or frame.armed()

    if t.event_type == lx.EXPLOSIONS and t.noun and lx.DOWNED.search(clause):
        return None  # "a drone attack ... was repelled": the interception tells it
    if sub == lx.STRIKE:
        weapon = _weapon(clause)
        if weapon:
            return lx.EXPLOSIONS, weapon
        # "were also hit": the weapon told before; "Russia struck Kharkiv": a strike by a
        # weapon the text does not name, which ACLED codes by its remote-violence default
        passive = frame.passive()
        if armed() or passive or (_HAS_CYRILLIC.search(word) and frame.war()):
            weapon = earlier()
            if weapon or armed():
                return lx.EXPLOSIONS, weapon or lx.SHELLING
            if passive and not frame.agent_after():  # "Kyiv was hit overnight": kept in war
                frame.defaulted = True  # news only ("was hit by a storm" names its agent)
                return lx.EXPLOSIONS, lx.SHELLING
        return None
    if sub == lx.EXPLOSION:
        # explosions with no weapon named anywhere: ACLED's remote-violence default is the
        # shelling/missile sub-type; a landmine or IED needs its own word. Explosions are
        # acts of war only in war news (a gas explosion is not: see _war_news)
        return lx.EXPLOSIONS, _weapon(clause) or earlier() or lx.SHELLING
    if sub == lx.DEBRIS:
        weapon = _weapon(clause) or earlier() or lx.AIR
        return lx.EXPLOSIONS, weapon if weapon != lx.IED else lx.AIR
    if sub == lx.ATTACK:
        weapon = _weapon(clause)
        if weapon:
            return lx.EXPLOSIONS, weapon
        if lx.GROUND_FORCES.search(clause):
            return lx.BATTLES, "Armed clash"
        # "came under attack": by the weapon told before; with none, a clash, kept only
        # where an armed party is named or in war news (_NEEDS_ARMS): not "a bee attack"
        weapon = earlier() if armed() or frame.passive() else ""
        return (lx.EXPLOSIONS, weapon) if weapon else (lx.BATTLES, "Armed clash")
    if sub == lx.INTERCEPT:
        weapon = _weapon(clause)
        if not weapon:
            return None
        rest = clause.replace(word, " ")  # "destroyed 47 drones" is no damage done
        if lx.DAMAGE.search(rest) or people_hurt(rest):
            return lx.EXPLOSIONS, weapon if weapon != lx.IED else lx.AIR
        return lx.STRATEGIC, lx.DISRUPTED
    if sub == lx.GATHER:
        return (lx.PROTESTS, "Peaceful protest") if lx.DEMAND.search(clause) else None
    if sub == lx.RALLY_NOUN:
        return None if lx.MARKET.search(clause) else (lx.PROTESTS, "Peaceful protest")
    if sub == lx.RALLY:  # people rallied, not prices; troops that marched in are no protest
        subject = frame.before() if frame is not None else ""
        if lx.PROTESTING.search(clause) and not lx.GROUND_FORCES.search(subject):
            return lx.PROTESTS, "Peaceful protest"
        return None
    if sub == lx.REPEL and _weapon(clause) and not lx.GROUND_FORCES.search(clause):
        return lx.STRATEGIC, lx.DISRUPTED  # "a drone attack was repelled": shot down
    if sub in (lx.REPEL, lx.CLASH):
        return lx.BATTLES, "Armed clash"
    if sub == "Arrests" and not lx.POLITICAL.search(clause) and not armed():
        return None  # the police blotter's arrests are not ACLED's
    return t.event_type, sub


def _usable(text: str, m: Mention, regain: bool, memo: dict[int, tuple[bool, bool]]) -> bool:
    """Whether a mention can be where something happened, whatever the action (asked once
    per mention of an article: ``memo`` keeps (where it can be, away from it))."""
    known = memo.get(m.start)
    if known is None:
        start = m.start
        base = not (_QUOTED.match(text[max(0, start - 1):m.end + 1])  # «Южный»: a unit
                    or lx.ATTRIBUTE.search(text, max(0, start - 40), start)  # officials in X
                    or lx.SPEAKS_AFTER.match(text, m.end)  # "Moscow said": who speaks
                    or lx.CLAIM_BEFORE.search(text, max(0, start - 25), start)
                    or lx.DIRECTION_AFTER.match(text, m.end)  # "the Pokrovsk direction"
                    or lx.RIVER_AFTER.match(text, m.end))  # "the Oskil river"
        away = base and lx.AWAY.search(text, max(0, start - 25), start) is not None and \
            not lx.NOT_FAR.search(text, max(0, start - 40), start)  # "towards X", not "near"
        known = memo[start] = (base, away)
    base, away = known
    if not base:
        return False
    # "cleared infiltrators from X", "withdrew from X": where ground changed hands
    return not away or (regain and
                        lx.FROM.search(text, max(0, m.start - 25), m.start) is not None)


def _places_for(text: str, s_start: int, s_end: int, c_start: int, c_end: int,
                t: _Trigger, mentions: list[Mention], supported: frozenset[str],
                memo: dict[int, tuple[bool, bool]],
                locatives: dict[int, Any], latin: Any) -> list[tuple[Any, int, Mention]]:
    """(place, geo precision, mention) of each place a trigger's clause puts it in: the best
    one, and those listed with it or introduced like it.

    ``supported``: country codes the article names more than once; a place the text does not
    introduce as one ("in", "near", an object) must be in one of them, so that a capitalised
    word the geoparser took for a far-away town ("По", "Сили") places nothing."""
    hi = c_end
    c_end = _gapped_end(text, c_end, s_end)
    regain = t.sub_event_type == lx.REGAIN or (
        t.sub_event_type == "Change to group/activity" and
        lx.WITHDRAWAL.match(text, t.start) is not None)
    usable = [m for m in mentions
              if c_start <= m.start < c_end and _usable(text, m, regain, memo)]
    scored = []
    for m in usable:
        found = _score(text, s_start, c_start, t, m, supported, locatives, latin, regain)
        if found is not None:
            scored.append(found)
    if not scored:
        return []
    scored.sort(key=lambda x: x[0])
    _, best, best_prec, best_m, _ = scored[0]
    chosen = [(best, best_prec, best_m)]
    for _, place, prec, m, located in scored[1:]:
        if any(c[2].place.id == place.id for c in chosen):
            continue
        listed = any(_coordinated(text, m, c[2]) for c in chosen)
        gapped = m.start >= hi and _DASH_BEFORE.search(text[max(0, m.start - 4):m.start])
        if _REFERENCE.search(text, max(0, m.start - 30), m.start) or \
                lx.APPOSITION.search(text, max(s_start, m.start - 90), m.start):
            continue  # "30 km from the border near Kursk": where the place lies, not a second
        located = located and m.start > t.end and not _another_trigger(text, best_m, m, latin)
        if (listed or gapped or located) and \
                place.kind in ("city", "site", "admin2", "admin1"):
            chosen.append((place, prec, m))
    return _without_containers(chosen)


def _gapped_end(text: str, c_end: int, s_end: int) -> int:
    """Where a clause's reach ends when the next clause leaves its verb out ("X took A, and
    Y - B"; "освободили A, а группировка Y - B"): that clause shares the verb and so the
    event type, and ends the reach at its own end."""
    if c_end >= s_end or not _GAP.match(text[c_end:c_end + 4]):
        return c_end
    stop = s_end
    for nxt in _CLAUSE_BREAK.finditer(text, c_end + 2, s_end):
        if not _DASH.fullmatch(nxt.group()):
            stop = nxt.start()
            break
    rest = text[c_end:stop]
    if not _DASH.search(rest) or lx.PATTERN_LOWER.search(rest) or \
            lx.PATTERN_CYRILLIC_LOWER.search(rest):
        return c_end
    return stop


def _score(text: str, s_start: int, c_start: int, t: _Trigger, m: Mention,
           supported: frozenset[str], locatives: dict[int, Any], latin: Any,
           origin: bool = False) -> tuple[float, Any, int, Mention, bool] | None:
    """``origin``: the action happens where it leaves from ("withdrew from X")."""
    kind = m.place.kind
    if m.start in locatives:  # how the text introduces a mention: the same for each action
        loc = locatives[m.start]
    else:
        loc = locatives[m.start] = _LOCATIVE.search(text[max(s_start, m.start - 60):m.start])
    if loc is None and origin:
        loc = lx.FROM.search(text, max(s_start, m.start - 60), m.start)
    direct = None
    if m.start >= t.end and m.start - t.end <= 80:
        direct = _DIRECT.match(text, t.end, m.start)  # "the shelling of Kharkiv"
        if direct is not None and loc is None:
            loc = direct
    if kind not in ("city", "site", "admin2", "admin1") and loc is None:
        return None  # a country or sea that acts or is talked about, not where it happened
    if _possessive(text, m.end) and loc is None:
        return None  # "Pokrovsk's defenders": an attribute, unless the text puts it there
    if loc is None and supported and m.place.cc not in supported:
        return None
    if t.sub_event_type in (lx.CAPTURE, lx.REGAIN) and m.end <= t.start and (
            loc is not None or not _PASSIVE.search(text, m.end, t.start)):
        return None  # a capture's place is its object, or the subject of a passive
    if m.end <= t.start and _trigger_between(text, c_start, m.start, latin):
        return None  # "liberated X in the Luhansk region and struck airfields": X's action
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
        precision = 2 if kind == "admin2" else 3
    else:
        precision = 3
    return score, m.place, precision, m, loc is not None


def _another_trigger(text: str, a: Mention, b: Mention, latin: Any) -> bool:
    """Whether an action word stands between two mentions (then each has its own action)."""
    lo, hi = (a, b) if a.start < b.start else (b, a)
    return _trigger_between(text, lo.end, hi.start, latin)


def _trigger_between(text: str, start: int, end: int, latin: Any = lx.PATTERN_LOWER) -> bool:
    """Whether an action word stands in ``text[start:end]``; ``latin``: the form of the
    Latin trie that is faster in the article's script (both find the same)."""
    return bool(latin.search(text, start, end)
                or lx.PATTERN_CYRILLIC_LOWER.search(text, start, end))


_LIST_JOIN = re.compile(r"[\s,]*((?:and|or|та|і|й|и|а\s+також|а\s+также)\s+)?(?:the\s+)?")
_LIST_GOES_ON = re.compile(r"\s*(?:[,.;:!?)\]»\"]|$|(?:and|or|та|і|й|и|а)\s)")


def _coordinated(text: str, a: Mention, b: Mention) -> bool:
    """Whether two mentions are items of one list ("Rodynske, Myrnohrad and Shakhove")."""
    lo, hi = (a, b) if a.start < b.start else (b, a)
    between = text[lo.end:hi.start]
    m = _LIST_JOIN.fullmatch(between)
    if m is None:
        return False
    # "A, B" with a comma alone is a list only if it goes on (", C", "and C") or ends there;
    # "in Alaska, Moscow has shown ..." is a new clause whose subject follows the comma
    return bool(m.group(1)) or _LIST_GOES_ON.match(text, hi.end) is not None


def _without_containers(chosen: list[tuple[Any, int, Mention]]
                        ) -> list[tuple[Any, int, Mention]]:
    """Drops a region or country that only says where a chosen settlement is
    ("Bilopillia in the Sumy region")."""
    out = []
    for place, prec, m in chosen:
        contains = any(
            other is not place and other.kind in ("city", "site", "admin2") and (
                (place.kind == "country" and other.cc == place.cc)
                or (place.kind == "admin1" and other.cc == place.cc
                    and (other.admin1 == place.admin1 or
                         other.admin1_name == place.admin1_name)))
            for other, _, _ in chosen)
        if not contains:
            out.append((place, prec, m))
    return out


def _possessive(text: str, end: int) -> bool:
    return text[end:end + 2] in ("'s", "’s")


def _event(ctx: _Context, i: int, sentence: str, s_start: int, lo: int, hi: int, t: _Trigger,
           event_type: str, sub: str, place: Any, precision: int, mention: Mention | None,
           mentions: list[Mention], date: tuple[str | None, int], cues: list[str]) -> Event:
    article = ctx.article
    ls = ctx.lows[i]  # the sentence lower-cased: one string, so each cache hashes it once
    window = ls[lo:]  # what follows the clause can tell who was hurt
    nxt = _CLAUSE_BREAK.search(ls, hi + 1) if hi < len(ls) else None
    if nxt is not None and lx.PATTERN_LOWER.search(ls, nxt.end()):
        window = ls[lo:nxt.start()]
    at = t.start - s_start
    country = ctx.names(place.cc) if place.cc else ""
    if country == place.cc:  # no gazetteer to name it: at least the belligerents
        country = _COUNTRY.get(place.cc, country)
    if event_type == lx.PROTESTS and lx.VIOLENT.search(ls):
        event_type, sub = lx.RIOTS, "Violent demonstration"
    elif event_type == lx.PROTESTS:
        sub = _protest_sub(ls)
    cues = list(cues)
    if event_type in _WAR_TYPES:
        event_type, sub, chosen, named = _war_actors(ctx, sentence, ls, lo, hi, at, t,
                                                     event_type, sub, place, window)
        killed_n = casualty_figure(window) if event_type != lx.STRATEGIC else None
    else:
        actors = _actors(sentence, frozenset(m.surface for m in mentions))
        chosen = _actors_for(event_type, sub, actors, mentions, mention, country, ctx.names)
        named = bool(chosen)
        chosen = _with_sides(event_type, chosen, ls, lo, hi, country)
        killed_n = killed(window)
    actor_side = _side_of_actor(chosen[0]) if chosen else ""
    claimed, claimant = claim_of(ls, event_type=event_type, sub_event_type=sub,
                                 actor_side=actor_side, lang=ctx.lang, home=ctx.home,
                                 reporter=ctx.reporter)
    if t.sub_event_type in _GENERIC:
        cues.append("generic_trigger")
    if mention is None:
        cues.append("place_inherited")
    if precision >= 3:
        cues.append("area_only")
    if not has_cue(sentence):
        cues.append("no_date_cue")
    if not named:
        cues.append("actor_inferred")
    if hearsay(ls):
        cues.append("hearsay")
    if claimed:
        cues.append("claimed")
    found = _quantities(sentence)
    counted = [q for q in found if not (killed_n is not None and q.value == killed_n)]
    qty = min(counted, key=lambda q: abs(q.start - at), default=None)
    day, time_precision = date
    place_conf = mention.confidence if mention is not None else _inherited_confidence(ctx, place)
    if sub in ("Non-state actor overtakes territory", "Government regains territory") and \
            day == article.date and not has_cue(sentence):
        time_precision = 2  # a capture announced without a day: the statement's date
    return Event(
        id=f"{article.id}:{t.start}:{mention.start if mention else 'a'}",
        event_type=event_type, sub_event_type=sub, date=day, time_precision=time_precision,
        lat=place.lat, lon=place.lon, geo_precision=precision, place=place,
        actors=tuple(chosen), quantity=qty.value if qty else None,
        quantity_unit=qty.unit if qty else "", fatalities=killed_n, text=sentence,
        article_id=article.id, source=article.source or SOURCE, location=place.name,
        country=country, admin1=place.admin1_name if place.kind != "country" else "",
        claimed=claimed, claimant=claimant, cues=tuple(cues), place_confidence=place_conf,
        confidence=confidence(cues, place_conf))


def _inherited_confidence(ctx: _Context, place: Any) -> float | None:
    """The place confidence of the earlier event whose place an anaphor took over."""
    prev = ctx.last[1] if ctx.last is not None else None
    return prev.place_confidence if prev is not None and prev.place is place else None


@lru_cache(maxsize=64)
def _side_of_actor(name: str) -> str:
    """"RU" or "UA" for an actor of either belligerent, else ""."""
    for cc, country in _COUNTRY.items():
        if name.endswith(f" of {country}") or f"of {country} (" in name:
            return cc
    return ""


@lru_cache(maxsize=256)
def _quantities(sentence: str) -> tuple[Any, ...]:
    return tuple(quantities(sentence))  # once per sentence, whatever its triggers


@lru_cache(maxsize=64)
def _actors(sentence: str, surfaces: frozenset[str]) -> list[Actor]:
    return find_actors(sentence, places=surfaces)  # once per sentence, whatever its triggers


@lru_cache(maxsize=256)
def _sides(low_sentence: str) -> tuple[SideMention, ...]:
    return tuple(side_mentions(low_sentence))


#: nationality adjectives of neither belligerent ("Belarusian troops"), as whole runs of
#: letters a-z: a cheap test before the actor lexicon is asked
_OTHER_NATIONAL = re.compile(r"(?<![a-z])(?:" + "|".join(sorted(
    a for a in COUNTRY_OF_ADJECTIVE if re.fullmatch(r"[a-z]+", a)
    and a not in ("russian", "ukrainian"))) + r")(?![a-z])")


def _protest_sub(sentence: str) -> str:
    if lx.EXCESSIVE.search(sentence):
        return "Excessive force against protesters"
    if lx.INTERVENTION.search(sentence):
        return "Protest with intervention"
    return "Peaceful protest"


def _war_actors(ctx: _Context, sentence: str, ls: str, lo: int, hi: int, at: int,
                t: _Trigger, event_type: str, sub: str, place: Any, window: str
                ) -> tuple[str, str, list[str], bool]:
    """(event type, sub-event type, [actor 1, actor 2]) of an act of war: actor 1 is the side
    that acts (the attacker, the side that took ground, the one that shot down), actor 2 its
    target (civilians when people were hurt, the other side's forces at a military target);
    last, whether the clause names the side that acts (else it comes from the place)."""
    owner = place.cc
    # the place's country tells the attacker in news of this war: violence in Ukraine is
    # (since 2022, in the news read here); in Russia only where the article names Ukraine,
    # as Russia has wars of its own (fighting in Dagestan is not Ukraine's)
    own = owner if owner in ("RU", "UA") else ""  # who shoots down over it, who retakes it
    home = own if own == "UA" or (own and _names_side(ctx, "UA")) else ""
    everywhere = _sides(ls)
    sides = [m for m in everywhere if lo <= m.start and m.end <= hi]
    first = next((m.side for m in everywhere if m.side in ("RU", "UA")), "")
    before = [m for m in sides if m.end <= at]
    after = [m for m in sides if m.start >= t.end - t.start + at]

    said_by = speaker(ls, ctx.home)
    # who calls the other side "the enemy": the speaker, else the outlet (its domain or
    # language); only an English report without either falls back on the place
    teller = (said_by.side if said_by is not None and said_by.side in _COUNTRY else "") \
        or ctx.reporter

    def side_of(m: SideMention) -> str:
        if m.side == ENEMY:
            return opposite(teller or home) or "RU"
        if m.side == OURS:
            return teller or home
        if m.side == SPEAKER:
            return first
        return m.side

    marker = t.sub_event_type
    agent = next((m for m in after if _BY_AGENT.search(ls, lo, m.start)), None)
    # the side named nearest before the action, unless a verb of saying stands between:
    # then it is who tells ("Russian officials reported drone attacks"), not who acts
    subject = next((m for m in reversed(before) if side_of(m)), None)
    if subject is not None and says_between(ls, subject.end, at) and \
            not _SPEAKER_ACTS.search(ls, subject.end, at):  # "the SBU said it had detained"
        subject = None
    kind = (subject.kind if subject is not None else "military")
    if marker == lx.REPEL:
        repeller = side_of(subject) if subject is not None else ""
        actor = opposite(repeller) if repeller else (
            side_of(after[0]) if after else opposite(home))
        kind = "military"
    elif marker == lx.CLASH:
        actor = opposite(home) if home else (side_of(subject) if subject else "")
        kind = "military"
    elif sub == lx.DISRUPTED:
        actor = own or (opposite(side_of(after[0])) if after else "")
        kind = "military"
    elif agent is not None:
        actor, kind = side_of(agent), agent.kind
    elif subject is not None:
        actor = side_of(subject)
    elif event_type in (lx.EXPLOSIONS, lx.VIOLENCE) and lx.OCCUPIED.search(ls):
        # no side named where Russia holds the place (as the text says): the place tells no
        # attacker; a Russian outlet's is the other side
        actor = "UA" if ctx.reporter == "RU" else ""
    elif marker in (lx.CAPTURE, lx.ATTACK, lx.STRIKE) or event_type in (lx.EXPLOSIONS,
                                                                        lx.BATTLES):
        actor = opposite(home) if marker != lx.REGAIN else own
    else:
        actor = opposite(home) if event_type != lx.STRATEGIC or sub != "Arrests" else home
    if marker in (lx.CAPTURE, lx.REGAIN):
        if actor and own:
            sub = ("Government regains territory" if actor == own
                   else "Non-state actor overtakes territory")
        else:
            sub = ("Government regains territory" if marker == lx.REGAIN
                   else "Non-state actor overtakes territory")
    if sub == "Arrests" and actor and own and actor != own:
        event_type, sub = lx.VIOLENCE, "Abduction/forced disappearance"  # by an occupier
    actor1 = _force(actor, kind, ctx) if actor else ""
    if subject is None and agent is None and marker not in (lx.REPEL, lx.CLASH) and \
            ctx.lang == "en" and _OTHER_NATIONAL.search(ls[lo:hi]):
        third = next((a for a in find_actors(sentence[lo:hi]) if a.kind in ("military",
                                                                              "police")), None)
        if third is not None:  # "Belarusian troops": a party that is neither belligerent
            actor1 = third.name
    if event_type == lx.EXPLOSIONS:
        if opposite(actor) and lx.MILITARY_VICTIMS.search(window):
            actor2 = _force(opposite(actor), "military", ctx)  # "killing twelve soldiers"
        elif people_hurt(window):
            actor2 = _civilians(ctx, place)
        elif lx.MILITARY_TARGET.search(window) and opposite(actor):
            actor2 = _force(opposite(actor), "military", ctx)
        else:
            actor2 = ""
    elif event_type == lx.BATTLES or sub == lx.DISRUPTED:
        actor2 = _force(opposite(actor), "military", ctx) if opposite(actor) else ""
    elif event_type == lx.VIOLENCE or sub == "Arrests":
        actor2 = _civilians(ctx, place)
    else:
        actor2 = ""
    named = subject is not None or agent is not None or (marker == lx.REPEL and bool(after))
    return (event_type, sub, [actor1, actor2] if actor2 else ([actor1] if actor1 else []),
            named)


#: words that name a side, or "the enemy" (whoever's), as substrings: tested with ``in``,
#: far cheaper than a scan for side words over a whole article
_SIDE_STEMS = {"UA": ("ukrain", "украин", "україн", "kyiv", "київ", "києв", "киев", "зсу", "всу",
                      "sbu", "сбу", "zsu", "afu"),
               "RU": ("russia", "росі", "росси", "росія", "moscow", "москв", "kremlin", "кремл",
                      "окупант", "оккупант", "fsb", "фсб")}
_ENEMY_STEMS = ("enemy", "ворог", "противник", "враг")


def _names_side(ctx: _Context, side: str) -> bool:
    """Whether the article names ``side`` (or "the enemy") anywhere; asked once per side."""
    if side not in ctx.named:
        low = ctx.low
        ctx.named[side] = any(stem in low for stem in _SIDE_STEMS.get(side, ())) or \
            any(stem in low for stem in _ENEMY_STEMS)
    return ctx.named[side]


def _force(side: str, kind: str, ctx: _Context) -> str:
    name = _COUNTRY.get(side) or ctx.names(side)
    if kind == "police":
        return f"Police Forces of {name}"
    if kind == "government":
        return f"Government of {name}"
    return f"Military Forces of {name}"


def _civilians(ctx: _Context, place: Any) -> str:
    name = _COUNTRY.get(place.cc) or (ctx.names(place.cc) if place.cc else "")
    return f"Civilians ({name})" if name else "Civilians"


def _with_sides(event_type: str, chosen: list[str], sentence: str, lo: int, hi: int,
                country: str) -> list[str]:
    """Parties the actor lexicon misses: Ukrainian and Russian sides of talks ("российско-
    украинских переговоров"), protesters and rioters named by the place."""
    if event_type == lx.DIPLOMACY:
        for m in side_mentions(sentence):
            if m.side in _COUNTRY:
                chosen.append(f"Government of {_COUNTRY[m.side]}")
        return list(dict.fromkeys(chosen))
    group = {lx.PROTESTS: "Protesters", lx.RIOTS: "Rioters"}.get(event_type)
    if group and not any(c.startswith(group) for c in chosen):
        chosen.insert(0, f"{group} ({country})" if country else group)
    return chosen


def _actors_for(event_type: str, sub: str, actors: list[Actor], mentions: list[Mention],
                location: Mention | None, country: str, names: Any) -> list[str]:
    """Parties of talks, protests and riots, in the order the sentence names them."""
    kinds = _ACTOR_KINDS.get(sub) or _ACTOR_KINDS.get(event_type, ())
    found: list[tuple[int, str]] = []
    for a in actors:
        if a.kind not in kinds:
            continue
        name = a.name
        if name == "Police Forces":
            name = f"Police Forces of {country}" if country else name
        elif a.kind in ("protesters", "rioters", "civilians") and country:
            name = f"{name} ({country})"
        found.append((a.start, name))
    # countries named as parties (not where it happened): governments in talks
    if event_type == lx.DIPLOMACY:
        for m in mentions:
            if m.place.kind != "country" or (location is not None and
                                             m.place.id == location.place.id):
                continue
            state = names(m.place.cc) if m.place.cc else m.place.name
            found.append((-1, f"Government of {state}"))  # start in the article, not sentence
    out = list(dict.fromkeys(n for _, n in sorted(found, key=lambda x: x[0] if x[0] >= 0
                                                   else 10**6)))
    if any(n.startswith("Police Forces of") for n in out) and "Police Forces" in out:
        out.remove("Police Forces")
    return out
