"""Recognition of Ukrainian and Russian place names at one token.

Every word of a name inflects: «в Старому Салтові» is Старий Салтів, «под Красным Лиманом»
Красный Лиман, «у Кам'янці-Подільському» Кам'янець-Подільський. A name is matched by trying
the nominatives of each word (from :mod:`geo.text._morph`) word by word against the
gazetteer's keys, pruned by key prefixes. Around it the recogniser reads the units of the
languages: an adjective before «область», «район», «громада», «округ», «море» («у
Краматорському районі», «Шебекинский городской округ»), coordinated lists of them («в
Донецкой и Луганской областях»: one span per adjective), region forms in «-щина»
(«на Харківщині»), and directions named after their town («на Покровському напрямку»). A
unit the gazetteer lacks is read as its administrative centre with the ``unit_centre`` cue
(a raion, hromada or okrug is named after its centre; resolution makes it a unit there).

A single word the dictionary reads as a preposition, pronoun or conjunction is never a
place; a given name, a common noun, a word in quotes («Восток», «Калибр») or an acronym
with a case ending (КАБами) is a place only where the text treats it as one: after a
locative preposition or a settlement word («у Дружбі», «селище Мир»).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, NamedTuple

from geo._names import normalise
from geo.model import Span
from geo.text import _lexicon as lex
from geo.text import _morph
from geo.text._memory import memory_of

if TYPE_CHECKING:
    from geo.text.recognise import KeyIndex

CYRILLIC = re.compile(r"[\u0400-\u04ff]")

#: unit noun (nominative, uk and ru) -> the cue it gives the name before it
UNIT_CUES = {
    "область": "admin1", "край": "admin1", "республіка": "admin1", "республика": "admin1",
    "регіон": "admin1", "регион": "admin1",
    "район": "admin2", "громада": "admin2", "округ": "admin2",
    "море": "water", "затока": "water", "залив": "water", "водосховище": "water",
    "водохранилище": "water", "озеро": "water", "лиман": "water", "коса": "site",
    "острів": "site", "остров": "site", "півострів": "site", "полуостров": "site",
}
#: the admin-1 unit nouns, tried when a name comes with a looser word («регион»)
_ADMIN1_NOUNS = ("область", "край", "республіка", "республика")
#: nouns after an adjective named after a town that mean the town («Покровському напрямку»)
_TOWN_NOUNS = frozenset({"напрямок", "направление"})
#: lower-case adjectives that may sit between a name and its unit («городской округ»)
_UNIT_MODIFIERS = frozenset({"міська", "міський", "селищна", "сільська", "городской",
                             "муниципальный", "сельский", "народна", "народная",
                             "автономна", "автономная"})
_AND = frozenset({"і", "й", "та", "и", "або", "или", ","})
#: words after which a name is a place: locative prepositions and settlement words
_PLACE_BEFORE = re.compile(
    r"(?:^|[\s(«\"-])(?:в|у|во|на|під|под|біля|около|возле|поблизу|поблизости|неподалік|"
    r"неподалеку|поруч|рядом|до|з|із|зі|с|со|від|от|из|за|між|между|через|коло|поза|"
    r"район|району|районі|районах|районів|района|районе|районов|околиц\w*|окраин\w*|"
    r"село|селі|села|селе|селом|селу|селище|селищі|селища|смт|місто|місті|міста|город|"
    r"городе|города|"
    r"поселок|посёлок|поселке|посёлке|поселка|посёлка|деревня|деревне|хутор|хуторі|"
    r"хуторе|пгт|с|м|сел|пос|г)\.?\s+$",
    re.IGNORECASE,
)
#: words right before a name that make it a river or a sea: «річка», «на березі», «русло»
#: (with one word between: «на правому березі Дніпра»); going up or down, sailing or
#: crossing along or over it («вгору по Дніпру», «переправлялись по Днепру», «міст через
#: Оскіл», «вдоль Днепра»), which a town is not (a strike «по Дніпру» is on the city)
_WATER_BEFORE = re.compile(
    r"(?:^|\s)(?:(?:річк[аиуіою]|річц[іи]|рік[аиуіою]|рек[аиуеою]|р\.|берез[іа]|"
    r"берег[аиуом]?\w*|русл[оаіеу]|гирл[оаіеу]|усть[ея]|дельт[аиуіе]|лівобережж\w*|"
    r"правобережж\w*|левобережь\w*|правобережь\w*|акваторі\w*|акватори\w*|форсува\w*|"
    r"форсирова\w*)(?:\s+\w+)?"
    r"|(?:вгору|вниз|униз|вверх)\s+по"
    r"|(?:пли\w*|плы\w*|плав\w*|сплав\w*|пропли\w*|пропла\w*|переправ\w*|курсу\w*)"
    r"\s+(?:по|через)"
    r"|(?:міст|мосту|мости|мостів|мостом|мост|моста|мосты|мостов|брод\w*)\s+через"
    r"|вздовж|вдоль)\s+$",
    re.IGNORECASE,
)
#: verbs of war whose direct object is a place: taken, freed, held, left, surrounded,
#: stormed, shelled («звільнили Лиман», «освободили Волчанск», «обстріляли Щастя»); a name
#: in the accusative right after one is treated as a place
_PLACE_VERB_BEFORE = re.compile(
    r"(?:^|\s)(?:звільн\w*|захопи\w*|захопл\w*|окупува\w*|окупу\w*|штурму\w*|"
    r"штурмува\w*|обстріля\w*|обстрілю\w*|утриму\w*|утрима\w*|обороня\w*|зайня\w*|"
    r"залиши\w*|залиша\w*|покину\w*|покида\w*|оточи\w*|оточу\w*|"
    r"освободи\w*|освобожда\w*|захвати\w*|захватыва\w*|оккупирова\w*|оккупиру\w*|"
    r"штурмова\w*|обстреля\w*|обстрелива\w*|удержива\w*|удержа\w*|обороня\w*|заня\w*|"
    r"взял\w*|взяли|взят\w*|оставил\w*|оставля\w*|окружи\w*|окружа\w*)\s+$",
    re.IGNORECASE,
)
#: military formations named in apposition, unquoted: «группировка Днепр», «угруповання
#: військ Схід», «бригада Азов»; the name stays in the nominative while the noun inflects
#: («группировки Восток»), where a possessor takes the genitive («группировка войск России»)
_FORMATION_BEFORE = re.compile(
    r"(?:^|\s)(?:угрупован\w*|группировк\w*|бригад\w*|полк[аиуом]?|полков|батальйон\w*|"
    r"батальон\w*|дивізі\w*|дивизи\w*|корпус\w*|загін|загон\w*|отряд\w*|операці\w*|"
    r"операци\w*)(?:\s+(?:військ|войск))?\s+$",
    re.IGNORECASE,
)
#: what joins two coordinated names: a comma or a conjunction («Ізюма та Борової»)
_COORDINATED = re.compile(r",?\s+(?:і|й|та|и|або|или|чи|а також|а также)\s+|,\s+",
                          re.IGNORECASE)
#: the word right before a name, and whether a full stop follows it («с.», «м.»: a settlement)
_WORD_BEFORE = re.compile(r"(\w+)(\.?)\s+$")
#: the end of the text before a name read backwards: its trailing space, last word (with
#: the space before it) and the word before that
_LAST_WORDS = re.compile(r"(\s+\S+)(\s+\S+)?")


def _phrase_starts(before: str) -> tuple[int, int] | None:
    """Where to start searching ``before`` for a phrase that ends it, of one word (with
    what opens it: «(в», «с.») or of two («на березі», «вгору по»); None if ``before``
    does not end in a space, as every such phrase does (the *_BEFORE patterns above).

    The patterns are anchored at the end, but a search tries every start from the left,
    each through a long case-blind alternation: starting at the character before the
    last word or two skips the starts that cannot match (``^`` still matches only at 0).
    """
    m = _LAST_WORDS.match(before[::-1])
    if m is None:
        return None
    n = len(before)
    one = max(0, n - m.end(1) - 1)
    return one, max(0, n - m.end(2) - 1) if m.group(2) else one


#: prepositions after which a given name («Богдан», «Анна») is a place, and the case it then
#: takes: in or on a place (locative), near or out of it (genitive), «під» it (instrumental).
#: After any other preposition, or in another case, it is the person: «з Богданом» (with),
#: «у Богдана є» (has), «до Богдана», «від Анни»
_GIVEN_NAME_PLACE_CASES = {
    **dict.fromkeys(("в", "у", "во", "на"), frozenset({"loct", "loc2"})),
    **dict.fromkeys(("біля", "поблизу", "неподалік", "неподалеку", "поруч", "коло", "около",
                     "возле", "вблизи", "поблизости", "з", "із", "зі", "из", "с", "со"),
                    frozenset({"gent"})),
    **dict.fromkeys(("під", "под"), frozenset({"ablt"})),
}
#: words of the locative cue that are prepositions (the rest are settlement words: «село»)
_PLACE_PREPOSITIONS = frozenset({*_GIVEN_NAME_PLACE_CASES, "до", "від", "от", "за", "між",
                                 "между", "через", "поза", "рядом"})
#: prepositions of a topic, purpose or exception, never of a place: a capitalised common
#: noun after them is the noun («про Мир», «о Победе», «для Перемоги»)
_TOPIC_PREPOSITIONS = frozenset({"про", "о", "об", "обо", "для", "без", "щодо", "заради",
                                 "ради", "насчет", "насчёт", "относительно", "вместо",
                                 "замість", "крім", "кроме", "окрім", "помимо"})
_RIVER_WORDS = ("річка", "река", "ріка")
_QUOTE_OPEN = "«\"“„'"
_QUOTE_CLOSE = "»\"”“'"
#: the adjective suffix of a name derived from a town, and the town's own endings to try
_RELATIONAL = re.compile(
    r"(?:ськ|цьк|зьк|ск|цк|зк|жск)(?:ий|а|е|ій|ої|ого|ому|ой|ая|ое|ый|ом)?$")
_TOWN_ENDINGS = ("", "ськ", "ск", "ь", "а", "о", "е", "я", "ка", "ки", "и", "і", "ля",
                 "ове", "ово", "ье")
_REGION_NOUN = re.compile(r"(щин|ччин)а$")
#: words in one name: the longest Ukrainian and Russian place names run to three words
#: («Донецька Народна Республіка»; hyphenated names are one token); one more for safety
_MAX_WORDS = 4
#: hyphens in one word read part by part (Ростов-на-Дону has two; a longer chain is no name)
_MAX_HYPHENS = 3
#: nominative combinations carried from word to word: a word has 2-4 forms, so a three-word
#: name needs at most 4 x 4 x 2; more only costs time on runs of capitalised words
_MAX_COMBOS = 32


class Token(NamedTuple):
    """A word and its offsets (a tuple: articles have thousands of them)."""

    start: int
    end: int
    text: str


def gap_ok(text: str, a: Token, b: Token) -> bool:
    """Whether two tokens are close enough to be one name (a space or a hyphen between)."""
    return text[a.end : b.start] in (" ", "-", "‐", "- ", " - ")


def match(text: str, tokens: Sequence[Token], i: int, gaz: KeyIndex, lang: str,
          likeliest: Callable[[list[str]], str],
          sentence_initial: Callable[[Token], bool],
          previous: Span | None = None) -> tuple[Span, int] | None:
    """A place span starting at Cyrillic token ``i`` and the index of the token after it
    (``previous``: the last span found before it, whose preposition a coordinated name
    shares: «з-під Ізюма та Борової», «на берегах Дніпра й Десни»)."""
    tok = tokens[i]
    if _inflected_acronym(tok.text) or _morph.closed_class(tok.text.casefold(), lang):
        return None
    unit = _unit_span(text, tokens, i, gaz, lang, likeliest)
    if unit is not None:
        return unit
    name = _name_match(text, tokens, i, gaz, lang, likeliest)
    if name is None:
        return _region_form(text, tokens, i, gaz, lang, likeliest)
    j, key, end = name
    before = text[max(0, tok.start - 24) : tok.start]
    starts = _phrase_starts(before)
    one, two = starts if starts is not None else (0, 0)
    word_before = _WORD_BEFORE.search(before, one) if starts else None
    locative = bool(starts) and bool(_PLACE_BEFORE.search(before, one))
    coordinated = previous is not None and previous.locative and bool(
        _COORDINATED.fullmatch(text, previous.end, tok.start))
    if not locative and coordinated:
        locative = not _given_name(tok.text, lang)
    if not locative and j - i == 1 and starts and _PLACE_VERB_BEFORE.search(before, one):
        locative = _object_of_place_verb(tok.text, lang)
    cue = "water" if (starts and _WATER_BEFORE.search(before, two)) or (
        coordinated and previous is not None and previous.cue == "water") else ""
    if cue:  # the river's own key where the gazetteer has one, so that a city of the same
        # name elsewhere in the article keeps its own sense («у Дніпрі» / «береги Дніпра»)
        key = next((f"{w} {key}" for w in _RIVER_WORDS if gaz.has_key(f"{w} {key}")), key)
    span = Span(tok.start, end, text[tok.start:end], key, cue, "", locative or bool(cue))
    if j - i == 1 and _not_a_place(text, tokens, i, lang, locative, sentence_initial,
                                   word_before):
        return None
    return span, j


# --- names ----------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def _forms(word: str, lang: str, rules: bool = False) -> tuple[str, ...]:
    """The word's own key, then its nominatives (the dictionary's; with ``rules`` also the
    suffix rules'); hyphenated words also part by part."""
    own = normalise(word)
    out = dict.fromkeys([own, *_morph.nominatives(word.casefold(), lang, rules=rules)])
    if 0 < word.count("-") <= _MAX_HYPHENS:
        parts = [p for p in word.split("-") if p]
        combos = [""]
        for p in parts:
            opts = [normalise(p), *_morph.nominatives(p.casefold(), lang, rules=rules)] \
                if p[0].isupper() else [normalise(p)]
            combos = [f"{c} {o}".strip() for c in combos for o in opts][:_MAX_COMBOS]
        out.update(dict.fromkeys(combos))
    return tuple(k for k in out if k)


def _name_match(text: str, tokens: Sequence[Token], i: int, gaz: KeyIndex, lang: str,
                likeliest: Callable[[list[str]], str]) -> tuple[int, str, int] | None:
    """Longest run of capitalised words from ``i`` whose nominatives make a gazetteer key:
    the dictionary's nominatives first, the suffix rules' only where those find nothing."""
    return (_name_run(text, tokens, i, gaz, lang, likeliest, False)
            or _name_run(text, tokens, i, gaz, lang, likeliest, True))


#: per gazetteer (by id), what the first word of a name finds (see :func:`_first_word`)
_FIRST_WORDS: dict[int, dict[tuple[str, str, bool], tuple[str | None, tuple[str, ...]]]] = {}
#: first words remembered per gazetteer (a news archive's capitalised words are far fewer)
_MAX_FIRST_WORDS = 1 << 16


def _first_word(word: str, gaz: KeyIndex, lang: str, rules: bool,
                likeliest: Callable[[list[str]], str]) -> tuple[str | None, tuple[str, ...]]:
    """The key a word names by itself (its own spelling first, else the likeliest of its
    forms; None) and its forms that open longer keys, remembered per gazetteer: every
    capitalised word is probed, most many times over an archive, and most probes end at
    the first word."""
    cache = memory_of(gaz, _FIRST_WORDS)
    found = cache.get((word, lang, rules))
    if found is None:
        forms = _forms(word, lang, rules)
        keys = [c for c in forms if gaz.has_key(c)]
        key = (forms[0] if forms[0] in keys else likeliest(keys)) if keys else None
        found = key, tuple(c for c in forms if gaz.has_prefix(c + " "))
        if len(cache) >= _MAX_FIRST_WORDS:
            cache.clear()
        cache[(word, lang, rules)] = found
    return found


def _name_run(text: str, tokens: Sequence[Token], i: int, gaz: KeyIndex, lang: str,
              likeliest: Callable[[list[str]], str], rules: bool) -> tuple[int, str, int] | None:
    best: tuple[int, str, int] | None = None
    key, openers = _first_word(tokens[i].text, gaz, lang, rules, likeliest)
    if key is not None:
        best = (i + 1, key, tokens[i].end)
    combos = list(openers)
    k = i
    while True:
        k += 1
        if not combos or k >= len(tokens) or k - i >= _MAX_WORDS:
            return best
        nxt = tokens[k]
        if not nxt.text[0].isupper() or not gap_ok(text, tokens[k - 1], nxt):
            return best
        combos = list(islice((f"{c} {f}" for c in combos
                              for f in _forms(nxt.text, lang, rules)), _MAX_COMBOS))
        keys = [c for c in combos if gaz.has_key(c)]
        if keys:
            key = combos[0] if combos[0] in keys else likeliest(keys)
            best = (k + 1, key, tokens[k].end)
        combos = [c for c in combos if gaz.has_prefix(c + " ")]


# --- units ----------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 14)
def _unit_lemma(word: str, lang: str) -> str | None:
    """The nominative of a unit noun («районі» -> район), else None."""
    folded = word.casefold()
    if folded in UNIT_CUES or folded in _TOWN_NOUNS:
        return folded
    for lemma in _morph.nominatives(folded, lang)[:4]:
        if lemma in UNIT_CUES or lemma in _TOWN_NOUNS:
            return lemma
    return None


def _unit_after(text: str, tokens: Sequence[Token], k: int, lang: str) -> tuple[int, str,
                                                                                 str] | None:
    """The unit after an adjective ending at token ``k - 1``: (unit token index, lemma,
    modifier key) for «районі», «городской округ»; the same through a coordinated list of
    further capitalised adjectives («Донецкой и Луганской областях»)."""
    n = len(tokens)
    steps = 0
    while k < n and steps < 12:
        tok = tokens[k]
        folded = tok.text.casefold()
        lemma = _unit_lemma(tok.text, lang)
        if lemma is not None:
            return k, lemma, ""
        if tok.text[0].isupper():
            if not _adjective(tok.text, lang):
                return None
            k += 1
        elif k + 1 < n and _unit_modifier(folded, lang):
            lemma = _unit_lemma(tokens[k + 1].text, lang)
            if lemma is None:
                return None
            return k + 1, lemma, _modifier_key(folded, lang)
        else:
            if folded not in _AND:
                return None
            k += 1
        # a comma between list members is not a token: it shows in the gap
        steps += 1
    return None


@lru_cache(maxsize=1 << 12)
def _unit_modifier(word: str, lang: str) -> bool:
    """«городской», «городском», «міській»: a modifier of a unit noun in any case."""
    if word in _UNIT_MODIFIERS:
        return True
    reading = _morph.read_word(word, lang)
    return reading is not None and any(n in _UNIT_MODIFIERS for n in reading.nominatives)


def _modifier_key(word: str, lang: str) -> str:
    reading = _morph.read_word(word, lang)
    for nom in (reading.nominatives if reading else ()):
        if nom in _UNIT_MODIFIERS and nom.endswith(("ий", "ый", "ой")) is word.endswith(
                ("ий", "ый", "ой", "ого", "ому", "ом", "им")):
            return nom
    return word


@lru_cache(maxsize=1 << 14)
def _adjective(word: str, lang: str) -> bool:
    reading = _morph.read_word(word.casefold(), lang)
    if reading is not None:
        return reading.adjective
    return bool(_RELATIONAL.search(word.casefold()))


def _unit_span(text: str, tokens: Sequence[Token], i: int, gaz: KeyIndex, lang: str,
               likeliest: Callable[[list[str]], str]) -> tuple[Span, int] | None:
    """«Краматорському районі», «Донецкой и Луганской областях», «Азовського моря»."""
    tok = tokens[i]
    if i + 1 >= len(tokens) or not (gap_ok(text, tok, tokens[i + 1]) or text[
            tok.end : tokens[i + 1].start] == ", ") or not _adjective(tok.text, lang):
        return None
    # one or two capitalised adjectives: «Донецкой Народной Республики»
    for width in (2, 1):
        if i + width > len(tokens):
            continue
        words = tokens[i : i + width]
        if width == 2 and not (words[1].text[0].isupper() and gap_ok(text, *words)):
            continue
        found = _unit_after(text, tokens, i + width, lang)
        if found is None:
            continue
        u, lemma, modifier = found
        adjacent = u == i + width or (modifier and u == i + width + 1)
        adjs = [_forms(w.text, lang, not _morph.available(lang)) for w in words]
        names = [" ".join(p) for p in _products(adjs)]
        cue = UNIT_CUES.get(lemma, "")
        unit_words = " ".join(x for x in (modifier, lemma) if x)
        start = tok.start
        end = tokens[u].end if adjacent else words[-1].end
        if lemma in _TOWN_NOUNS:
            town = _centre_town(names, gaz, likeliest)
            if town is None:
                return None
            return Span(start, words[-1].end, text[start:words[-1].end], town, "city", "",
                        True), i + width
        keys = [f"{n} {unit_words}" for n in names if gaz.has_key(f"{n} {unit_words}")]
        if not keys and modifier:
            keys = [f"{n} {lemma}" for n in names if gaz.has_key(f"{n} {lemma}")]
        if not keys and cue == "admin1":  # «Московского региона»: the oblast or krai
            keys = [f"{n} {u}" for n in names for u in _ADMIN1_NOUNS if gaz.has_key(f"{n} {u}")]
        if not keys and cue == "admin1":
            own = normalise(words[0].text)
            keys = [n for n in names if n != own and gaz.has_key(n)]
        nxt = u + 1 if adjacent else i + width
        if keys:
            key = likeliest(keys)
            return Span(start, end, text[start:end], key, cue if cue != "water" else "",
                        "", True), nxt
        if cue == "admin2":
            town = _centre_town(names, gaz, likeliest)
            if town is not None:
                return Span(start, end, text[start:end], town, lex.UNIT_CENTRE, "", True), nxt
        if width == 1:
            return None
    return None


def _products(options: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = [()]
    for opts in options:
        out = [(*p, o) for p in out for o in opts][:_MAX_COMBOS]
    return out


def _centre_town(adjectives: list[str], gaz: KeyIndex,
                 likeliest: Callable[[list[str]], str]) -> str | None:
    """The town a relational adjective is made from: the town in -ськ/-цьк/-ск itself where
    there is one (покровський -> Покровськ, not Покров), else the likeliest of the stem with
    the towns' endings (бахмутський -> Бахмут, нікопольський -> Нікополь, марганецька ->
    Марганець, костянтинівський -> Костянтинівка, шебекинский -> Шебекино), the і/о
    alternation of a closed final syllable (гуляйпільський -> Гуляйполе) and an inserted -н-
    (суджанский -> Суджа)."""
    for tier in _centre_candidates(tuple(adjectives)):
        found = [k for k in tier if gaz.has_key(k)]
        if found:
            return likeliest(_at_home(found, gaz))
    return None


#: countries whose raions, hromadas and okrugs the languages name
_HOME = frozenset({"UA", "RU", "BY"})


def _at_home(keys: list[str], gaz: KeyIndex) -> list[str]:
    """Of several derived centre towns, those with a namesake in Ukraine, Russia or Belarus
    (the countries of raions, hromadas and okrugs), if any."""
    candidates = getattr(gaz, "candidates", None)
    if candidates is None or len(keys) < 2:
        return keys
    home = [k for k in keys if any(c.place.cc in _HOME for c in candidates(k))]
    return home or keys


@lru_cache(maxsize=1 << 12)
def _centre_candidates(adjectives: tuple[str, ...],
                       compounds: bool = True) -> tuple[tuple[str, ...], ...]:
    """The keys :func:`_centre_town` tries, most regular derivation first (pure, cached);
    ``compounds`` also splits compound adjectives (one level: the rest is read as plain)."""
    tiers: list[list[str]] = [[], []]
    for adj in adjectives:
        m = _RELATIONAL.search(adj)
        if m is None or m.start() < 3:
            continue
        stem = adj[: m.start()]
        cluster = m.group()[:3] if m.group().startswith(("ськ", "цьк", "зьк", "жск")) \
            else m.group()[:2]
        tiers[0].append(stem + cluster)
        base = stem.rstrip("ь")
        tiers[1].extend((stem, base, base + "ь"))
        if cluster.startswith("ц"):  # марганецький -> Марганець, кременецький -> Кременець
            tiers[1].extend((stem + "ець", stem + "ць"))
        if base.endswith(("ів", "ов")):  # пологівський -> Пологи: -ів- after a plural name
            tiers[1].extend(base[:-2] + e for e in ("и", "ы", "і"))
        stems = {stem, base}
        for a, b in (("і", "о"), ("і", "е"), ("і", "")):
            k = base.rfind(a)
            if k >= len(base) - 3 and k > 0:
                stems.add(base[:k] + b + base[k + 1 :])
        if base.endswith("н"):
            stems.add(base[:-1])
        if cluster[0] in "зж":  # запорізький -> Запоріжжя, запорожский -> Запорожье
            stems.update((stem + "жж", stem + "ж"))
        # a velar the suffix softened (г/ж, к/ч, х/ш): яружский -> Яруга
        for soft, hard in (("ж", "г"), ("ч", "к"), ("ш", "х")):
            if cluster.startswith(soft) or base.endswith(soft):
                stems.add((stem if cluster.startswith(soft) else base[:-1]) + hard)
        tiers[1].extend(st + e for st in sorted(stems) for e in _TOWN_ENDINGS)
    own = set(adjectives)
    compound = [f"{first} {rest}" for adj in adjectives if compounds
                for first, rest_adj in _compound(adj)
                for tier in _centre_candidates((rest_adj,), False) for rest in tier]
    return (tuple(dict.fromkeys(tiers[0])),
            tuple(k for k in dict.fromkeys([*tiers[1], *compound]) if k not in own))


#: adjective stems that open two-word names and fuse into one adjective with -о-
#: (Велика Писарівка -> великописарівський, Старий Салтів -> старосалтівський)
_COMPOUND_STEMS = ("велик", "мал", "стар", "нов", "красн", "верхн", "нижн", "біл", "бел",
                   "чорн", "черн")
_ADJECTIVE_ENDINGS = ("а", "ий", "е", "ая", "ый", "ое", "ій", "ой")


def _compound(adj: str) -> list[tuple[str, str]]:
    """(first word, rest adjective) pairs of a compound adjective: «великописарівська» ->
    ("велика", "писарівська"), ("великий", ...), ...; none for a plain adjective."""
    for stem in _COMPOUND_STEMS:
        if adj.startswith(stem) and adj[len(stem) : len(stem) + 1] in ("о", "е") and len(
                adj) - len(stem) > 6:
            rest = adj[len(stem) + 1 :]
            return [(stem + e, rest) for e in _ADJECTIVE_ENDINGS]
    return []


def _region_form(text: str, tokens: Sequence[Token], i: int, gaz: KeyIndex, lang: str,
                 likeliest: Callable[[list[str]], str]) -> tuple[Span, int] | None:
    """«на Куп'янщині», «Пологівщину»: the oblast or raion (else its centre) named by a
    region noun in -щина/-ччина made from a town's name."""
    tok = tokens[i]
    for nom in _forms(tok.text, lang, not _morph.available(lang)):
        m = _REGION_NOUN.search(nom) if nom.endswith("ина") else None
        if m is None:
            continue
        stem = nom[: m.start()]
        soft = m.group(1) == "ччин"
        fem = stem + ("цька" if soft else "ська") if lang == "uk" else stem + (
            "цкая" if soft else "ская")
        masc = stem + ("цький" if soft else "ський") if lang == "uk" else stem + (
            "цкий" if soft else "ский")
        for key, cue in ((f"{fem} область", "admin1"), (f"{masc} район", "admin2")):
            if gaz.has_key(key):
                return Span(tok.start, tok.end, tok.text, key, cue, "", True), i + 1
        town = _centre_town([masc], gaz, likeliest)
        if town is not None:
            return Span(tok.start, tok.end, tok.text, town, lex.UNIT_CENTRE, "", True), i + 1
    return None


# --- rejection ------------------------------------------------------------------------------


def _inflected_acronym(word: str) -> bool:
    """КАБами, ЗСУ-шники: capitals followed by a case ending; an acronym names no place
    (an exact all-capital key such as США is matched before morphology is asked)."""
    if len(word) < 3 or not word[1].isupper():  # most words: a capital, then lower case
        return False
    caps = 0
    for c in word:
        if not c.isupper():
            break
        caps += 1
    return caps >= 2 and caps < len(word)


def _acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


def _quoted(text: str, tok: Token) -> bool:
    """Whether the word is in quotes, alone or as the last of a few («Восток», «Анна
    Київська»): the name of a unit, an operation, a ship or a weapon, not a place."""
    if tok.end >= len(text) or text[tok.end] not in _QUOTE_CLOSE:
        return False
    before = text[max(0, tok.start - 40) : tok.start]
    opened = max(before.rfind(q) for q in _QUOTE_OPEN)
    closed = max(before.rfind(q) for q in "»”")
    return opened >= 0 and opened > closed and len(before[opened + 1 :].split()) <= 3


def _not_a_place(text: str, tokens: Sequence[Token], i: int, lang: str, locative: bool,
                 sentence_initial: Callable[[Token], bool],
                 word_before: re.Match[str] | None = None) -> bool:
    """Whether a one-word candidate is a word of the language rather than a place
    (``word_before``: :data:`_WORD_BEFORE` on the text before it)."""
    tok = tokens[i]
    if tok.text.isupper() and len(tok.text) > 1:
        return False  # an exact acronym key (США, РФ): countries and units
    reading = _morph.read_word(tok.text.casefold(), lang)
    if reading is None:
        return False
    if reading.function_word:
        return True
    # «Анна Коваль», «Олександр Сирський»: a capitalised word right after a given name is the
    # person's surname, whatever village shares it
    prev = tokens[i - 1] if i > 0 else None
    if prev is not None and prev.text[:1].isupper() and gap_ok(text, prev, tok):
        prev_reading = _morph.read_word(prev.text.casefold(), lang)
        if prev_reading is not None and prev_reading.given_name:
            return True
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    following = _morph.read_word(nxt.text, lang) if nxt is not None and nxt.text[0].islower() \
        and gap_ok(text, tok, nxt) else None
    # «Київська міська рада», «Южный военный округ»: an adjective opening a longer name
    # (after a preposition a place noun in the same case is as likely: «у Миколаєві уламки»)
    if following is not None and reading.agrees_with(following) and not (
            locative and reading.proper_noun):
        return True
    preposition = word_before.group(1).casefold() if word_before is not None and not \
        word_before.group(2) else ""
    if locative and reading.given_name and preposition in _PLACE_PREPOSITIONS:
        # «у Володимирі», «під Анною» are places; «з Богданом», «у Богдана є» are people
        return not reading.cases & _GIVEN_NAME_PLACE_CASES.get(preposition, frozenset())
    if locative:
        return False
    if _quoted(text, tok) or reading.given_name:
        return True
    if "nomn" in reading.cases and _FORMATION_BEFORE.search(text, max(0, tok.start - 40),
                                                           tok.start):
        return True  # «группировка Днепр», «бригада Азов»: the formation's name
    if not reading.common_noun:
        return False
    if not reading.proper_noun and (preposition in _TOPIC_PREPOSITIONS  # «про Мир»: a topic
                                    or _names_a_body(text, tokens, i, lang, reading)
                                    or _only_plural(reading)):
        return True
    # «Сили оборони», «Служба безпеки», «Сили ППО»: a common noun opening an institution's
    # name (the next word a common noun in the genitive, or an acronym)
    if following is not None and following.genitive_noun and not (
            following.proper_noun or following.function_word):
        return True
    if nxt is not None and _acronym(nxt.text) and gap_ok(text, tok, nxt):
        return True
    if sentence_initial(tok):  # capitalised by its place in the sentence, not as a name
        return not reading.proper_noun
    return False


def _only_plural(reading: _morph.Reading) -> bool:
    """A common noun read only in the plural («Кинджалами», «Шахедами»): several things,
    not one place (plural place names are proper nouns of the dictionary: Суми, Пологи)."""
    return bool(reading.noun_forms) and all(":plur:" in f for f in reading.noun_forms)


def _given_name(word: str, lang: str) -> bool:
    reading = _morph.read_word(word.casefold(), lang)
    return reading is not None and reading.given_name


def _object_of_place_verb(word: str, lang: str) -> bool:
    """Whether a word after a verb of taking or shelling is its place object: it can be an
    accusative, and is no given name («звільнили Богдана» freed a man)."""
    reading = _morph.read_word(word.casefold(), lang)
    if reading is None:
        return True
    return "accs" in reading.cases and not reading.given_name


def _names_a_body(text: str, tokens: Sequence[Token], i: int, lang: str,
                  reading: _morph.Reading) -> bool:
    """«Верховна Рада», «Государственная Дума», «Червона Армія»: a common noun after a
    capitalised adjective agreeing with it names a body or an organisation (a place of two
    such words is a gazetteer key, found before this word is tried alone)."""
    if i == 0:
        return False
    prev = tokens[i - 1]
    if not prev.text[0].isupper() or not gap_ok(text, prev, tokens[i]):
        return False
    prev_reading = _morph.read_word(prev.text.casefold(), lang)
    return prev_reading is not None and prev_reading.adjective and not \
        prev_reading.proper_noun and prev_reading.agrees_with(reading)
