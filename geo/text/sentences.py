"""A fast rule-based sentence splitter for news text (English, Ukrainian, Russian).

A sentence ends at a newline, or at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or
brackets) followed by whitespace and a character that can start a sentence (not a
lower-case letter). A full stop does not end a sentence after a known abbreviation
("Mr.", "St.", "Gen.", "Jan.", "м."), a single-letter initial ("J. R. Smith"), or a dotted
acronym ("U.S.") unless the next word usually starts a sentence ("The", "He", ...). Ukrainian
and Russian abbreviations written after their word («Донецька обл.», «р-ні», «тис. грн.») do end
a sentence before a capital; «р.», «г.» and «р-н» do so only after a number or a capitalised word
(«у 2024 р.», «Покровський р-н»), not before a name («р. Оскіл», «г. Курск»). Decimal
numbers ("1.5") never split since no space follows the point.

A sentence longer than :data:`MAX_SENTENCE_CHARS` is cut into pieces at a clause boundary
(", ", "; ", ": ", a dash) or else a space near the cap: text without sentence breaks (a list of
100,000 places, a repeated phrase) must not make every mention carry a megabyte of context.

Bounds are ``(start, end)`` Python string indices with surrounding whitespace excluded.
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["MAX_SENTENCE_CHARS", "SentenceIndex", "sentence_at", "sentence_bounds", "sentences"]

#: Longest sentence kept whole. The longest of the 9,646 sentences in ../shared/eval (dev, LGL,
#: dev-uk-ru) has 614 characters (99.9 % have at most 439), so real prose is never cut.
MAX_SENTENCE_CHARS = 1000
#: an overlong sentence is cut in the last part of its window, at a clause mark if one is there
_CLAUSE = re.compile(r"[,;:](?=\s)|\s[-–—](?=\s)")
_SPACE = re.compile(r"\s")

_ABBREVIATION_WORDS = """
    mr mrs ms mx dr prof rev hon sr jr st mt ft pt gen lt col maj capt cpt sgt cpl pvt adm
    cmdr cdr brig gov sen rep pres amb sec insp supt det messrs mme mlle
    inc ltd co corp bros llc plc dept univ assn est approx appx vs etc al cf viz ca
    no nos vol fig figs pp op ed eds ave blvd rd hwy sq apt bldg km
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    м с смт вул пр просп пл ст ім им ул д т ч проф акад див напр рис табл см
    пос пгт сел ок оз св свв вв пр-т пер пров мкр мкрн наб бульв б-р ш х хут дер
    ген полк підполк подполк лейт
"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
#: Ukrainian and Russian abbreviations that follow the word they belong to («Донецька обл.»,
#: «у Покровському р-ні», «5 тис. грн.»): before a capital letter they close the sentence
#: (mid-sentence a lower-case word or a comma follows them)
_TRAILING_WORDS = """
    обл обл-ті обл-ти р-ні р-не р-ну р-на р-нів р-нах тис тыс млн млрд грн руб коп дол
"""
_TRAILING = frozenset(_TRAILING_WORDS.split())
#: abbreviations written before a name or after a number or adjective: «р. Оскіл» (river)
#: but «у 2024 р.» (year), «г. Курск» but «в 2024 г.», «р-н Ізюма» but «Ізюмський р-н»;
#: they close a sentence only in the second use
_PREFIX_OR_TRAILING = frozenset({"р", "г", "рр", "гг", "р-н"})
_PREVIOUS_WORD = re.compile(r"(\w[\w'’-]*)[\s\u00a0]+$")
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
_MAX_TOKEN = 64  # longer than any abbreviation or dotted acronym


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
        if e - s > MAX_SENTENCE_CHARS:
            _append_pieces(bounds, text, s, e)
        elif s < e:
            append((s, e))
        start = end
    _append_pieces(bounds, text, *_trim(text, start, n))
    return bounds


def _append_pieces(bounds: list[tuple[int, int]], text: str, s: int, e: int) -> None:
    """Append the trimmed sentence ``text[s:e]``, cut into pieces of at most
    :data:`MAX_SENTENCE_CHARS` (at a clause mark, else a space, else anywhere)."""
    while e - s > MAX_SENTENCE_CHARS:
        cut = _cut_point(text, s, s + MAX_SENTENCE_CHARS)
        ps, pe = _trim(text, s, cut)
        if ps < pe:
            bounds.append((ps, pe))
        s, e = _trim(text, cut, e)
    if s < e:
        bounds.append((s, e))


def _cut_point(text: str, start: int, limit: int) -> int:
    """Where to end a piece of an overlong sentence that starts at *start*: after the last
    clause mark in the second half of ``text[start:limit]``, else at its last space, else at
    *limit*."""
    lo = start + MAX_SENTENCE_CHARS // 2
    clauses = [m.start() + 1 for m in _CLAUSE.finditer(text, lo, limit)]
    if clauses:
        return clauses[-1]
    spaces = [m.start() for m in _SPACE.finditer(text, lo, limit)]
    return spaces[-1] if spaces else limit


def _ends_sentence(text: str, start: int, dot: int, after: int) -> bool:
    """Whether the full stop at *dot* ends a sentence (the token before it decides)."""
    lo = max(start, dot - _MAX_TOKEN)  # bounded: a run of dots must not rescan the sentence
    space = max(text.rfind(" ", lo, dot), text.rfind("\n", lo, dot),
                text.rfind("\t", lo, dot), text.rfind("\u00a0", lo, dot), lo - 1)
    token = text[space + 1:dot].lstrip("(\"'“‘«[")
    if not token:
        return True
    low = token.lower()
    if low in ("д", "п") and _ET_CETERA.search(text, max(start, dot - 5), dot + 1):
        return True  # «і т. д.», «и т. п.» (etc.) close a sentence as often as not
    if low in _TRAILING:
        return True
    if low in _PREFIX_OR_TRAILING:
        return _after_number_or_name(text, max(start, dot - _MAX_TOKEN), dot - len(token))
    if low in _ABBREVIATIONS:
        return False
    if len(token) == 1 and token.isalpha():
        return False  # an initial: "J. R. R. Tolkien", "с. Степове"
    if "." in token and _ACRONYM.match(token + "."):
        word = _WORD.match(text, after)
        return bool(word) and word.group().lower() in _STARTERS
    return True


def _after_number_or_name(text: str, lo: int, at: int) -> bool:
    """Whether the word before ``text[at]`` is a number or capitalised (the abbreviation
    follows it: «2024 р.», «Покровський р-н»), not a lower-case word or none («біля р.»)."""
    m = _PREVIOUS_WORD.search(text, lo, at)
    return bool(m) and (m.group(1).isdigit() or m.group(1)[0].isupper())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(text: str) -> list[str]:
    """The sentences of *text* as strings."""
    return [text[s:e] for s, e in sentence_bounds(text)]


class SentenceIndex:
    """The sentences of one text, each sliced at most once, found by offset.

    Every mention of a sentence gets the same string object, so an article's mentions hold
    its text about once, not once per mention.
    """

    __slots__ = ("_bounds", "_cache", "_text")

    def __init__(self, text: str, bounds: list[tuple[int, int]] | None = None):
        self._text = text
        self._bounds = sentence_bounds(text) if bounds is None else bounds
        self._cache: dict[int, str] = {}

    @property
    def bounds(self) -> list[tuple[int, int]]:
        return self._bounds

    def index_at(self, offset: int) -> int:
        """Index of the sentence containing *offset* (or the one before the gap it is in);
        -1 for a text with no sentence."""
        if not self._bounds:
            return -1
        return max(bisect_right(self._bounds, (offset, float("inf"))) - 1, 0)

    def at(self, offset: int) -> str:
        """The sentence containing *offset*, as :func:`sentence_at` gives it."""
        i = self.index_at(offset)
        if i < 0:
            return ""
        found = self._cache.get(i)
        if found is None:
            s, e = self._bounds[i]
            found = self._cache[i] = self._text[s:e]
        return found


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
