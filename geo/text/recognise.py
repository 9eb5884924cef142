"""Recognition: find the stretches of an article that may name a place.

Gazetteer-driven. Every capitalised token starts a probe that extends word by word while some
gazetteer key still starts with what has been read (a trie prefix test), keeping the longest
key found. Around each hit the recogniser reads the cues news uses: "X region/oblast/county",
"the city of X", "X, Texas", possessives ("Ukraine's"), coordinated "the Donetsk and Luhansk
oblasts". It rejects what is not a place: people ("Donald Trump", "President Zelensky"),
months, demonyms and capitalised common words at the start of a sentence ("Reading the
statement"). A Cyrillic word is handed to :mod:`geo.text._cyrillic`, which reads Ukrainian and
Russian morphology ("під Покровськом", "в Старому Салтові", "Курской области").

Pure function of (text, gazetteer); no I/O (the morphology dictionaries load once, lazily).
"""

from __future__ import annotations

import re
from functools import partial
from itertools import accumulate, repeat
from typing import Protocol

from geo._names import normalise
from geo.model import Span
from geo.text import _cyrillic as _cyr
from geo.text import _lexicon as lex
from geo.text import _morph
from geo.text._memory import memory_of


class KeyIndex(Protocol):
    """What recognition needs of a gazetteer. Its keys must not change while it is alive:
    what a word finds is remembered per index object (``_probe``)."""

    def has_key(self, key: str) -> bool: ...
    def has_prefix(self, prefix: str) -> bool: ...
    def keys_with_prefix(self, prefix: str, limit: int = 50) -> list[str]: ...


#: a word: letters/digits joined by inner apostrophes or hyphens; or a dotted abbreviation (U.S.)
_TOKEN = re.compile(
    r"(?:[A-Z][a-z]{0,3}\.){2,}"  # U.S., W.Va., D.C.
    r"|St\.|Ft\.|Mt\."  # St. Louis, Ft. Worth, Mt. Vernon
    # an apostrophe inside a word, or before a hyphen as romanised soft signs write it
    # (Kam'yanets'-Podil's'kyy); a run of word characters at a time, not one per step
    r"|[^\W_]\w*(?:(?:['’ʼ][-‐]?|[-‐])[^\W_]\w*)*",
)
#: the same tokens, captured, for :func:`re.split`: gap, word, gap, ..., word, gap
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
_POSSESSIVE = re.compile(r"['’](?:s)?$")
_MAX_WORDS = 7
_CONNECTORS = frozenset(
    {"of", "on", "upon", "de", "la", "le", "les", "del", "da", "do", "dos", "das", "di", "am",
     "an", "der", "den", "sur", "en", "el", "al", "y", "im", "na", "nad", "pod", "and", "the"}
)


_Token = _cyr.Token  # a word and its offsets (a tuple: articles have thousands of them)


def tokenise(text: str) -> list[_Token]:
    """Word tokens of ``text`` with their offsets.

    Built without a Python call per token (an article has thousands, and a match object and
    a named-tuple call each cost more than the regex): :func:`re.split` cuts the text into
    gaps and words, running sums of the pieces' lengths are the offsets, and each tuple is
    made in C (``tuple.__new__`` is what the named tuple's own constructor calls).
    """
    pieces = _TOKEN_SPLIT.split(text)
    offsets = list(accumulate(map(len, pieces), initial=0))
    return list(map(tuple.__new__, repeat(_Token),
                    zip(offsets[1:-1:2], offsets[2::2], pieces[1::2], strict=True)))


def _capitalised(tokens: list[_Token]) -> list[int]:
    """Indexes of the tokens that start with a capital: only these can start a name or a
    person's name, so the scans below visit them alone (about one token in five)."""
    return [k for k, tok in enumerate(tokens) if tok.text[0].isupper()]


#: the languages whose morphology reads Cyrillic words (an article's declared ``lang`` saves
#: guessing it from the text; any other declared language leaves the guess to the text)
_MORPHOLOGY_LANGS = frozenset({"uk", "ru"})


def recognise(text: str, gazetteer: KeyIndex, *, lang: str | None = None) -> list[Span]:
    """Spans of ``text`` that name places in ``gazetteer``, left to right, not overlapping.

    ``lang``, the article's declared language ("uk", "ru", "uk-UA"...), chooses the
    dictionary for its Cyrillic words; without it (or for another language: an English
    article quoting a Russian name) the text's own letters and short words decide.
    """
    tokens = tokenise(text)
    capitalised = _capitalised(tokens)
    person_tokens, persons = _people(text, tokens, capitalised, gazetteer)
    spans: list[Span] = []
    declared = (lang or "").strip().lower()[:2]
    lang = declared if declared in _MORPHOLOGY_LANGS else ""
    resume = 0  # the first token a new name may start at (the last one found ends before)
    likeliest = partial(_likeliest, gaz=gazetteer)
    sentence_initial = partial(_sentence_initial, text)
    for i in capitalised:
        if i < resume or i in person_tokens:
            continue
        tok = tokens[i]
        if tok.text.casefold() in lex.NEVER_PLACES:
            continue
        if not tok.text.isascii() and _cyr.CYRILLIC.search(tok.text):
            lang = lang or _morph.article_language(text)
            found = _cyr.match(text, tokens, i, gazetteer, lang, likeliest, sentence_initial,
                               spans[-1] if spans else None)
            if found is not None and found[0].key not in persons:
                spans.append(found[0])
                resume = found[1]
            continue
        hit = _longest_match(text, tokens, i, gazetteer)
        feature_end = _feature_of_end(text, tokens, i)
        if feature_end is not None and (hit is None or hit[0] < feature_end):
            resume = feature_end  # "Gulf of Finland", "Sea of Japan": a feature the index lacks
            continue
        if hit is None:
            continue
        j, key, end = hit
        compound_end = _compound_after(text, tokens, j, end)
        if compound_end is not None:
            resume = compound_end  # "Korean Peninsula", "the Washington Post": not the place
            continue
        span = _with_cues(text, tokens, i, j, key, end, gazetteer)
        if _rejected(text, tokens, i, j, span, persons) or _head_of_a_name(
                text, tokens, i, j, span, spans[-1] if spans else None):
            resume = j
            continue
        spans.append(span)
        resume = max(j, _token_index_after(tokens, span.end, j))
    return spans


def _people(text: str, tokens: list[_Token], capitalised: list[int],
            gaz: KeyIndex) -> tuple[set[int], set[str]]:
    """Tokens that belong to people's names, and the surnames seen (for "Trump" later on).

    A person is a title followed by capitalised words ("President Zelensky", "Sen. Graham")
    or a common given name followed by a capitalised word that is no common English word
    ("Donald Trump", "Steve Witkoff"; not "Austin Police"), unless the words together are a
    place name ("Charlotte Amalie").
    """
    marked: set[int] = set()
    surnames: set[str] = set()
    n = len(tokens)
    for i in capitalised:
        if i in marked or i + 1 >= n:
            continue
        tok = tokens[i]
        nxt = tokens[i + 1]
        gap = text[tok.end : nxt.start]
        if not nxt.text[0].isupper() or gap not in (" ", ". "):
            continue
        word = tok.text.casefold().rstrip(".")
        titled = word in lex.PERSON_TITLES
        if not titled:
            if gap != " " or not lex.is_given_name(word):
                continue
            following = nxt.text.casefold()
            if following in lex.NEVER_ALONE or (lex.is_common_word(following)
                                                 and lex.surname_share(following) < 0.01):
                continue
            if gaz.has_key(normalise(text[tok.start : nxt.end])):
                continue
        j = _capitalised_run_end(tokens, i + 1, text)
        if not titled:
            marked.add(i)
        for k in range(i + 1, j):
            marked.add(k)
        surnames.add(normalise(_POSSESSIVE.sub("", tokens[j - 1].text)))
    return marked, surnames


# --- matching ----------------------------------------------------------------------------------


def _surface_key(text: str, start: int, end: int) -> tuple[str, int]:
    """The key of ``text[start:end]`` with a trailing possessive dropped, and the new end."""
    surface = text[start:end]
    m = _POSSESSIVE.search(surface)
    if m and m.start() > 0:
        end = start + m.start()
        surface = surface[: m.start()]
    return normalise(surface), end


_gap_ok = _cyr.gap_ok

#: per gazetteer (by id), what a surface string finds (see :func:`_probe`)
_PROBES: dict[int, dict[str, tuple[str, int, bool, bool]]] = {}
#: surfaces remembered per gazetteer (a news archive's capitalised words are far fewer)
_MAX_PROBES = 1 << 16


def _probe(surface: str, gaz: KeyIndex) -> tuple[str, int, bool, bool]:
    """What ``surface`` (one or more words as written) finds in ``gaz``: its key with a
    trailing possessive dropped, the length of what that key covers, whether the key is a
    name, and whether longer names start with it and a space.

    Remembered per gazetteer: every capitalised word is probed, the same few hundred names
    over and over in a batch, and most probes end at the first word.
    """
    memory = memory_of(gaz, _PROBES)
    found = memory.get(surface)
    if found is None:
        key, covered = _surface_key(surface, 0, len(surface))
        found = (key, covered, bool(key) and gaz.has_key(key),
                 bool(key) and gaz.has_prefix(key + " "))
        if len(memory) >= _MAX_PROBES:
            memory.clear()
        memory[surface] = found
    return found


def _longest_match(
    text: str, tokens: list[_Token], i: int, gaz: KeyIndex
) -> tuple[int, str, int] | None:
    """Longest gazetteer key starting at token ``i``: (next token index, key, end offset)."""
    best: tuple[int, str, int] | None = None
    start = tokens[i].start
    j = i
    while j < len(tokens) and j - i < _MAX_WORDS:
        tok = tokens[j]
        if j > i:
            if not _gap_ok(text, tokens[j - 1], tok):
                break
            if not tok.text[0].isupper() and tok.text.casefold() not in _CONNECTORS:
                break
        key, covered, is_key, opens = _probe(text[start : tok.end], gaz)
        if not key:
            break
        end = start + covered
        if is_key and (j == i or tok.text[0].isupper() or tok.text.isdigit()):
            best = (j + 1, key, end)
        if end < tok.end:  # possessive ends the name
            break
        if not opens:
            break
        j += 1
    return best


def _feature_of_end(text: str, tokens: list[_Token], i: int) -> int | None:
    """The token index after "Gulf/Sea/Bay/Strait of [the] X ..." starting at token ``i``.

    Such a name is one water body named after a place; when the index does not know it
    whole, the place inside it ("Finland" in "Gulf of Finland") is still not what is meant.
    """
    if tokens[i].text.casefold() not in lex.FEATURE_HEADS_BEFORE_OF:
        return None
    k = i + 1
    n = len(tokens)
    if k >= n or tokens[k].text != "of" or not _gap_ok(text, tokens[i], tokens[k]):
        return None
    if k + 1 < n and tokens[k + 1].text == "the" and _gap_ok(text, tokens[k], tokens[k + 1]):
        k += 1
    k += 1
    if k >= n or not tokens[k].text[0].isupper() or not _gap_ok(text, tokens[k - 1],
                                                                  tokens[k]):
        return None
    return _capitalised_run_end(tokens, k, text)


def _compound_after(text: str, tokens: list[_Token], j: int, end: int) -> int | None:
    """The token index after a head word that makes the name before it part of another
    thing's name: a water body or landform ("Korean Peninsula", "Japan Sea") or an outlet
    ("the Washington Post", "the New York Times"); ``None`` if no such head follows.

    The index's own compounds ("Black Sea", "Korean Peninsula" once it has them) are longer
    keys and were matched whole before this is asked.
    """
    if j >= len(tokens) or end != tokens[j - 1].end:  # nothing after, or a possessive
        return None
    head = tokens[j]
    if text[end : head.start] != " " or not head.text[0].isupper():
        return None
    word = head.text.casefold()
    if word in lex.FEATURE_HEADS_AFTER:
        return j + 1
    if word.split("-", 1)[0] in lex.OUTLET_HEADS:  # "Pittsburgh Post-Gazette" too
        # "Post Office", "Times Square": the head starts another name of a place
        nxt = tokens[j + 1] if j + 1 < len(tokens) else None
        if nxt is not None and nxt.text[0].isupper() and text[head.end : nxt.start] == " ":
            return None
        return j + 1
    return None


def _likeliest(lemmas: list[str], gaz: KeyIndex) -> str:
    """Of several nominatives that are names, the one naming the most populous place
    ("Покровськом": Pokrovsk, 60k, over Pokrovske, 10k); the longest without candidates."""
    candidates = getattr(gaz, "candidates", None)
    if candidates is None:
        return max(lemmas, key=len)

    def weight(lemma: str) -> tuple[int, int]:
        return max((c.place.population for c in candidates(lemma)), default=0), len(lemma)

    return max(lemmas, key=weight)


# --- cues ----------------------------------------------------------------------------------------


def _with_cues(
    text: str, tokens: list[_Token], i: int, j: int, key: str, end: int, gaz: KeyIndex
) -> Span:
    start = tokens[i].start
    cue = ""
    qualifier = ""
    in_list = False
    # "X region", "X Oblast", "X and Y oblasts", "X County": a unit word after the name
    if j < len(tokens) and end == tokens[j - 1].end:
        unit_tok = tokens[j]
        unit = unit_tok.text.casefold()
        if unit in lex.UNIT_WORDS and _gap_ok(text, tokens[j - 1], unit_tok):
            combined, unit_end = _surface_key(text, start, unit_tok.end)
            for candidate in (combined, f"{key} {lex.UNIT_WORDS[unit]}"):
                if gaz.has_key(candidate):
                    return Span(start, unit_end, text[start:unit_end], candidate,
                                lex.UNIT_KINDS[lex.UNIT_WORDS[unit]], locative=True)
            if not unit.endswith("s"):  # "Donetsk region" is one span; "oblasts" is shared
                end = unit_end
            cue = lex.UNIT_KINDS[lex.UNIT_WORDS[unit]]
        elif unit == "and" or text[end : end + 2] == ", ":
            # "the Donetsk and Luhansk oblasts", "Cooke, Grayson and Love counties"
            unit_name = _plural_unit_after_list(text, tokens, j)
            if unit_name:
                in_list = True
                cue = lex.UNIT_KINDS[unit_name]
                if gaz.has_key(f"{key} {unit_name}"):
                    key = f"{key} {unit_name}"
    before = text[max(0, start - 24) : start].casefold()
    if not cue:
        cue = _cue_before(before)
    if not cue and lex.OFFICE_AFTER.match(text, end):  # "the Kharkiv governor"
        cue = "admin1"
    # "X, Texas" / "X, Ukraine": a qualifying admin-1 or country right after (not in a list
    # such as "the Donetsk, Luhansk and Kherson oblasts"), read within 40 characters
    qm = None if in_list else lex.QUALIFIER_AFTER.match(text, end, end + 40)
    if qm:
        qkey = normalise(qm.group(1))
        if qkey and gaz.has_key(qkey):
            qualifier = qkey
    locative = bool(lex.LOCATIVE_BEFORE.search(before))
    return Span(start, end, text[start:end], key, cue, qualifier, locative)


#: how every phrase of :func:`_cue_before` ends ("of", "in", "of the")
_CUE_ENDINGS = ("of ", "in ", "the ")


def _cue_before(before: str) -> str:
    """The cue of the phrase right before a name, from the casefolded text before it:
    "city" for "the city of X", "admin1" for "the governor of X", "unit" for "the capital
    of X"; "" for none. Those phrases all end in "of" or "in" (and "the"): a test of the
    ending rules most names out before any regex runs (``$`` also matches before a final
    newline, so that one is looked through)."""
    if not before.removesuffix("\n").endswith(_CUE_ENDINGS):
        return ""
    if lex.SETTLEMENT_BEFORE.search(before):
        return "city"
    if lex.ADMIN_BEFORE.search(before):
        return "admin1"
    if lex.UNIT_BEFORE.search(before):
        return "unit"
    return ""


#: plural unit words that end a coordinated list, and the singular unit each names
_LIST_UNITS = {"oblasts": "oblast", "counties": "county", "regions": "region",
               "provinces": "province", "districts": "district", "parishes": "parish",
               "states": "state"}


def _plural_unit_after_list(text: str, tokens: list[_Token], j: int) -> str | None:
    """The canonical (singular) unit if tokens from ``j`` read ", Y and Z <plural unit>"."""
    k = j
    for _ in range(12):
        if k >= len(tokens):
            return None
        word = tokens[k].text
        folded = word.casefold()
        if folded in _LIST_UNITS:
            return _LIST_UNITS[folded]
        if not (word[0].isupper() or folded in ("and", "or")):
            return None
        k += 1
    return None


def _token_index_after(tokens: list[_Token], offset: int, default: int) -> int:
    k = default
    while k < len(tokens) and tokens[k].start < offset:
        k += 1
    return k


def _capitalised_run_end(tokens: list[_Token], i: int, text: str) -> int:
    j = i + 1
    while j < len(tokens) and tokens[j].text[0].isupper() and _gap_ok(text, tokens[j - 1],
                                                                      tokens[j]):
        j += 1
    return j


# --- rejection -----------------------------------------------------------------------------------


def _sentence_initial(text: str, tok: _Token) -> bool:
    k = tok.start - 1
    while k >= 0 and text[k] in " \t\"'“‘(«":
        k -= 1
    return k < 0 or text[k] in ".!?\n:;—–-•*#>|"


def _rejected(
    text: str, tokens: list[_Token], i: int, j: int, span: Span, persons: set[str]
) -> bool:
    first = tokens[i]
    key = span.key
    if j - i > 1 or span.cue or span.qualifier:
        return False
    folded = first.text.casefold()
    if key in persons or key in lex.DEMONYMS or folded in lex.MONTHS_AND_DAYS:
        return True
    if folded in lex.NEVER_ALONE or folded in lex.PERSON_TITLES:
        return True
    if _CONTRACTION.search(first.text):
        return True
    # "Olympic Games", "Federal Reserve": a common word modifying a capitalised name
    followed_by_name = j < len(tokens) and tokens[j].text[0].isupper() \
        and text[first.end : tokens[j].start] == " "
    if followed_by_name and not span.locative \
            and lex.english_frequency(folded) >= lex.MODIFIER_FREQUENCY:
        return True
    # "Reading the statement": a common word that opens a sentence
    return _sentence_initial(text, first) and lex.is_common_word(folded) and not (
        j < len(tokens) and tokens[j].text[0].isupper())


def _head_of_a_name(text: str, tokens: list[_Token], i: int, j: int, span: Span,
                    previous: Span | None) -> bool:
    """Whether a one-word name is a common word right after a place, heading the name of a
    thing there: "the Black Sea Fleet", "the Kyiv Metro", "the Kharkiv Tractor Plant"."""
    if j - i > 1 or span.cue or span.qualifier or previous is None:
        return False
    first = tokens[i]
    return previous.end + 1 == first.start and text[previous.end] == " " \
        and lex.english_frequency(first.text.casefold()) >= lex.MODIFIER_FREQUENCY


_CONTRACTION = re.compile(r"['’](?:ve|ll|re|d|m|t)$", re.IGNORECASE)
