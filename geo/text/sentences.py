"""A fast rule-based sentence splitter for news text (English, Ukrainian, Russian).

A sentence ends at a newline, or at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or
brackets) followed by whitespace and a character that can start a sentence (not a
lower-case letter). A full stop does not end a sentence after a known abbreviation
("Mr.", "St.", "Gen.", "Jan.", "м."), a single-letter initial ("J. R. Smith"), or a dotted
acronym ("U.S.") unless the next word usually starts a sentence ("The", "He", ...). Decimal
numbers ("1.5") never split since no space follows the point.

Bounds are ``(start, end)`` Python string indices with surrounding whitespace excluded.
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["sentence_at", "sentence_bounds", "sentences"]

_ABBREVIATION_WORDS = """
    mr mrs ms mx dr prof rev hon sr jr st mt ft pt gen lt col maj capt cpt sgt cpl pvt adm
    cmdr cdr brig gov sen rep pres amb sec insp supt det messrs mme mlle
    inc ltd co corp bros llc plc dept univ assn est approx appx vs etc al cf viz ca
    no nos vol fig figs pp op ed eds ave blvd rd hwy sq apt bldg km
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    м с г смт вул пр просп пл обл р-н р-ні ст ім им ул д т ч тис млн млрд грн руб проф акад
    див напр рис табл см
    пос пгт сел ок оз р св свв вв пр-т р-на обл-ті ул пер
"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
# words after which a dotted acronym ("U.S.") does end its sentence
_STARTER_WORDS = """
    the a an he she it they we i you his her its their our this that these those there
    but and or so yet in on at as after before when while if although though however
    meanwhile officials president mr ms mrs dr
"""
_STARTERS = frozenset(_STARTER_WORDS.split())
_BREAK = re.compile(r"\n|([.!?…]+)([\"'”’»)\]]*)[ \t\u00a0\u2009\u202f]+")
_ACRONYM = re.compile(r"(?:\w\.){2,}$")
_WORD = re.compile(r"\w+")
_ET_CETERA = re.compile(r"\bт\.\s?[дп]\.$", re.IGNORECASE)


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of *text*, in order (whitespace-trimmed)."""
    bounds: list[tuple[int, int]] = []
    append = bounds.append
    start = 0
    n = len(text)
    for m in _BREAK.finditer(text):
        pos = m.start()
        end = m.end()
        if text[pos] != "\n":
            if end >= n:
                continue  # end of text closes the last sentence anyway
            nxt = text[end]
            if nxt.islower() or nxt in ",;:":
                continue
            if m.group(1) == "." and not _ends_sentence(text, start, pos, end):
                continue
            cut = m.end(2)
        else:
            cut = pos
        s, e = _trim(text, start, cut)
        if s < e:
            append((s, e))
        start = end
    s, e = _trim(text, start, n)
    if s < e:
        append((s, e))
    return bounds


def _ends_sentence(text: str, start: int, dot: int, after: int) -> bool:
    """Whether the full stop at *dot* ends a sentence (the token before it decides)."""
    space = max(text.rfind(" ", start, dot), text.rfind("\n", start, dot),
                text.rfind("\t", start, dot), text.rfind("\u00a0", start, dot), start - 1)
    token = text[space + 1:dot].lstrip("(\"'“‘«[")
    if not token:
        return True
    low = token.lower()
    if low in ("д", "п") and _ET_CETERA.search(text, max(start, dot - 5), dot + 1):
        return True  # «і т. д.», «и т. п.» (etc.) close a sentence as often as not
    if low in _ABBREVIATIONS:
        return False
    if len(token) == 1 and token.isalpha():
        return False  # an initial: "J. R. R. Tolkien", "с. Степове"
    if "." in token and _ACRONYM.match(token + "."):
        word = _WORD.match(text, after)
        return bool(word) and word.group().lower() in _STARTERS
    return True


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(text: str) -> list[str]:
    """The sentences of *text* as strings."""
    return [text[s:e] for s, e in sentence_bounds(text)]


def sentence_at(text: str, bounds: list[tuple[int, int]], offset: int) -> str:
    """The sentence containing *offset* (or the one before it, in the gap between two).

    *bounds* is ``sentence_bounds(text)``, computed once per article; lookup is a bisection.
    """
    if not bounds:
        return ""
    i = bisect_right(bounds, (offset, float("inf"))) - 1
    if i < 0:
        i = 0
    s, e = bounds[i]
    return text[s:e]
