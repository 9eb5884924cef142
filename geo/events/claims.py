"""One side's claim: an act of war that rests on the word of the side that did it.

``shared/eval/README.md`` (ACLED's practice): an event is *claimed* when it or its
attribution rests on one belligerent's word only (a defence ministry's capture claims, strike
claims, interception tallies); it is still coded. A report from the side that was hit is no
claim. So a claim is an act of war whose actor 1 is the side of the one who tells it:

- an attribution in the sentence ("Russia's defence ministry said", «Міноборони РФ
  заявило», «по данным Минобороны», "according to the General Staff") whose speaker is an
  official body of a side: the side its words name; "its troops" / "наши" after it: the side
  that acts; a body named without its side speaks for the country the article reports from
  (most of its places);
- interceptions (the intercepting side's tally) are claims of the intercepting side;
- a Ukrainian- or Russian-language report of its own side's act of war (a channel or
  briefing telling "наши штурмовые группы зашли") is that side's claim, unless it gives
  someone else's word (", сообщил Синегубов": a language is not a side) or its outlet's domain
  (``.ua``, ``.ru``) is the other side's;
- the SBU, FSB, HUR and a capital that speaks ("Kyiv claimed", "Moscow said") speak for their
  state.

Every pattern here matches lower-cased text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geo.events import lexicon as lx
from geo.events.sides import OURS, SPEAKER, perspective, side_mentions

__all__ = ["Claim", "claim_of", "hearsay", "home_side", "reporter_side", "says_between",
           "speaker"]

#: a verb or phrase that reports someone's word; group ``after``: the speaker follows it
_SAY = re.compile(
    r"(?<!\w)(?:(?P<after>according\s+to|citing|за\s+даними|за\s+інформацією|за\s+словами|"
    r"по\s+данным|по\s+информации|по\s+словам|со\s+ссылкой\s+на|"
    r"(?:повідоми|заяви|сообщи|доповіл|доложил|информиру|інформу)\w*\s+(?:у|в|во)(?=\s))|"
    r"said|says|claimed|claims|announced|reported|stated|added|"
    r"повідоми\w*|заяви\w*|сообщи\w*|сообща\w*|доповів|доложил\w*|стверджу\w*|"
    r"утвержда\w*|інформу\w*|информиру\w*)(?!\w)")
#: official bodies of a side, by the label a claimant gets
_BODIES = (
    ("Ministry of Defence", r"defen[cs]e\s+ministry|ministry\s+of\s+defen[cs]e|mod|"
                            r"міноборони|минобороны|міністерств\w*\s+оборони|"
                            r"министерств\w*\s+обороны"),
    ("General Staff", r"general\s+staff|генштаб\w*|генеральн\w+\s+штаб\w*"),
    ("Security Service", r"sbu|fsb|security\s+service|сбу|фсб|служб\w+\s+безпеки|"
                         r"служб\w+\s+безопасности"),
    ("Military Intelligence", r"hur|gur|military\s+intelligence|гур|"
                              r"головн\w+\s+управлінн\w+\s+розвідки|воєнн\w+\s+розвідк\w*"),
    ("Air Force", r"air\s+force|повітрян\w+\s+сил\w*|ввс"),
    ("Military Forces", r"army|military|armed\s+forces|forces|troops|command|corps|"
                        r"brigade|battalion|regiment|unit|spokesm[ae]n|spokeswoman|"
                        r"командуван\w*|командован\w*|корпус\w*|бригад\w*|угрупован\w*|"
                        r"группировк\w*|військ\w*|войск\w*|сил\w*\s+оборони|зсу|всу|"
                        r"пресс?-?служб\w*"),
    ("Government", r"kremlin|president|government|кремл\w*|президент\w*|уряд\w*|"
                   r"правительств\w*|kyiv|kiev|moscow|київ|києв\w*|киев\w*|москв\w*"),
)
_BODY = re.compile(r"(?<!\w)(?:" + "|".join(f"(?P<b{i}>{p})" for i, (_, p) in
                                             enumerate(_BODIES)) + r")(?!\w)")
#: "its troops", "our forces", "наши штурмовые группы": the speaker tells its own side's act
_OWN = re.compile(r"(?<!\w)(?:its|our|наш\w*|свої\w*|свои\w*)(?!\w)")
#: the words of a report the writer does not vouch for (a confidence cue, not a claim)
HEARSAY = re.compile(
    r"(?<!\w)(?:reportedly|allegedly|purportedly|according\s+to|said\s+to\s+have|"
    r"unconfirmed|claimed|claims|нібито|ймовірно|імовірно|за\s+даними|за\s+інформацією|"
    r"за\s+словами|повідомляється|по\s+данным|по\s+информации|по\s+словам|якобы|"
    r"предположительно|вероятно|сообщается|по\s+неподтвержд\w+)(?!\w)")
#: acts of war a side can claim
_WAR = (lx.BATTLES, lx.EXPLOSIONS)
_SIDE_NAMES = {"RU": "Russia", "UA": "Ukraine"}
_REPORTS = {"RU": "Russian sources", "UA": "Ukrainian sources"}
#: where a speaker's phrase before its verb cannot reach back over
_SPEAKER_STOP = re.compile(r"[,;:.!?]\s|\sthat\s")
_ZONE = 70  # characters before a verb (or after "according to") where its speaker stands
#: a capital that speaks ("Kyiv claimed", "Moscow said") speaks for its state
_CAPITALS = {"kyiv": "UA", "kiev": "UA", "київ": "UA", "києв": "UA", "киев": "UA",
             "moscow": "RU", "москв": "RU", "кремл": "RU", "kremlin": "RU"}
#: an outlet's country by its domain ("strana.ua", "ria.ru"): the side it reports from
_DOMAIN = re.compile(r"\.(ua|ru)(?:[/:]|$)")


@dataclass(frozen=True, slots=True)
class Claim:
    """Who tells an event: ``side`` ("RU", "UA" or ""), the ``body`` named ("" if none)."""

    side: str
    body: str


@lru_cache(maxsize=256)
def hearsay(sentence: str) -> bool:
    """Whether the (lower-cased) sentence reports its words at second hand (asked once per
    event: the last sentences' answers are kept)."""
    return HEARSAY.search(sentence) is not None


@lru_cache(maxsize=256)
def speaker(sentence: str, home: str) -> Claim | None:
    """The official body whose word the (lower-cased) sentence reports, with its side; None
    when no body of a side speaks. ``home``: the side the article reports from."""
    for say in _SAY.finditer(sentence):
        body = None
        if not say.group("after"):  # "the ministry said", "..., the General Staff said"
            zone_start, zone_end = max(0, say.start() - _ZONE), say.start()
            for stop in _SPEAKER_STOP.finditer(sentence, zone_start, zone_end):
                zone_start = stop.end()
            body = _BODY.search(sentence, zone_start, zone_end)
        if body is None:  # "according to X", "..., сообщил губернатор X": after the verb
            zone_start = say.end()
            stop = _SPEAKER_STOP.search(sentence, zone_start)
            zone_end = min(stop.start() if stop else len(sentence), zone_start + _ZONE)
            body = _BODY.search(sentence, zone_start, zone_end)
        if body is None:
            continue
        label = _BODIES[int(body.lastgroup[1:])][0]  # type: ignore[index]
        side = next((cc for stem, cc in _CAPITALS.items() if body.group().startswith(stem)), "")
        if side:
            return Claim(side, label)
        for m in side_mentions(sentence, zone_start, zone_end):
            if m.side in _SIDE_NAMES:
                side = m.side
                break
            if m.side == OURS:
                side = home
                break
        if not side and _OWN.search(sentence, say.end()):
            side = SPEAKER  # "said its troops had taken": the acting side speaks
        return Claim(side or home, label)
    return None


def says_between(sentence: str, start: int, end: int) -> bool:
    """Whether a verb of saying stands in ``sentence[start:end]``: a side named before it is
    who speaks ("Ukraine's brigade said Russian troops ..."), not who acts."""
    return _SAY.search(sentence, start, end) is not None


def claim_of(sentence: str, *, event_type: str, sub_event_type: str, actor_side: str,
             lang: str, home: str, reporter: str | None = None) -> tuple[bool, str]:
    """(claimed, claimant) of an event told in the (lower-cased) ``sentence``.

    ``actor_side``: actor 1's side ("RU", "UA" or ""); ``home``: the side the article reports
    from ("" if it cannot tell); ``reporter``: the outlet's side (default: its language's).
    Only acts of war and interceptions are claims. A language is not a side: a report in
    Russian that gives someone else's word ("..., сообщил губернатор") is no Russian claim.
    """
    if actor_side not in _SIDE_NAMES:
        return False, ""
    if event_type not in _WAR and sub_event_type != lx.DISRUPTED:
        return False, ""
    who = speaker(sentence, home)
    if who is not None and who.side:  # a speaker of unknown side: the rules below decide
        side = actor_side if who.side == SPEAKER else who.side
        if side == actor_side:
            return True, f"{who.body} of {_SIDE_NAMES[side]}"
        return False, ""  # the other side tells it: a report of what was done to it
    if sub_event_type == lx.DISRUPTED:
        return True, f"Military Forces of {_SIDE_NAMES[actor_side]}"
    if who is None and _SAY.search(sentence) is not None:
        return False, ""  # someone the text does not side speaks (a named person): no claim
    if (perspective(lang) if reporter is None else reporter) == actor_side:
        return True, _REPORTS[actor_side]
    return False, ""


def reporter_side(url: str | None, source: str | None) -> str:
    """"UA" or "RU" for an outlet whose domain is Ukrainian or Russian, else ""."""
    for where in (url, source):
        if where:
            m = _DOMAIN.search(where.lower().split("?")[0])
            if m:
                return m.group(1).upper()
    return ""


def home_side(ccs: list[str]) -> str:
    """The belligerent most of an article's places lie in ("" when neither is named)."""
    ru, ua = ccs.count("RU"), ccs.count("UA")
    if ru == ua:
        return ""
    return "RU" if ru > ua else "UA"

