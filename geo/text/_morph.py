"""Ukrainian and Russian morphology for recognition (pymorphy3 and its dictionaries).

Place names in these languages inflect: «у Новогродівці», «под Красным Лиманом», «в Старому
Салтові». Recognition needs two things of a word: the nominatives it may be a form of (to look
up in the gazetteer; adjectives keep their gender: «Лозовій» -> «лозова»), and what kind of
word the language's dictionary says it is (a preposition, a pronoun, a common noun, a given
name), so that «По», «Тим», «Сили» or «Анна» are not taken for the small places that share
their spelling.

The analysers load lazily, once per language (about 0.15 s each). The Russian dictionary
(MIT) comes with ``pymorphy3``; the Ukrainian one (``pymorphy3-dicts-uk``) is GPL-3.0 and an
optional extra (``geo[uk]``): without it Ukrainian words fall back to the suffix rules of
:mod:`geo.text._lexicon` and no part-of-speech filtering (:func:`available` says which).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from geo._names import normalise
from geo.text import _lexicon as lex

__all__ = ["Reading", "article_language", "available", "closed_class", "nominatives",
           "read_word"]

#: frequent short words of one language that the other does not write, and the letters only
#: Ukrainian / only Russian writes (the article's language is the one with more of its own)
_UK_WORDS = frozenset("та що від його був була це як який яка які".split())
_RU_WORDS = frozenset("и что от его был была это как который которая которые об".split())
_WORD = re.compile(r"\w+")
_SHORT_WORD = re.compile(r"\b\w{1,8}\b")
_UK_LETTER_RE = re.compile("[іїєґІЇЄҐ]")
_RU_LETTER_RE = re.compile("[ыэъёЫЭЪЁ]")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+$")
#: parts of speech that never name a place on their own (OpenCorpora tagset; a noun or an
#: adjective may)
_FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "INTJ", "PRED", "NUMR", "ADVB",
                           "COMP", "GRND", "INFN", "VERB"})
#: closed classes: a word whose likeliest parse is one of these starts no name at all
_CLOSED_POS = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "INTJ"})
_PERSON = frozenset({"Name", "Patr"})
#: grammemes of proper nouns in the Russian dictionary (places, people, organisations, brands)
_PROPER = frozenset({"Geox", "Name", "Surn", "Patr", "Orgn", "Trad"})
_GENDERS = frozenset({"masc", "femn", "neut", "Pltm"})
#: analysers whose parses come from the dictionary itself (not guesses from a word's ending)
_DICTIONARY_METHODS = frozenset({"DictionaryAnalyzer", "HyphenatedWordsAnalyzer"})
#: parses read per word (pymorphy orders the likeliest first; more adds time, not names)
_MAX_PARSES = 8


@dataclass(frozen=True, slots=True)
class Reading:
    """What the dictionary says of one word (lower-cased), for recognition."""

    nominatives: tuple[str, ...]  # normalised keys, likeliest first; the word itself excluded
    function_word: bool  # its likeliest parse is a preposition, conjunction, pronoun, verb...
    given_name: bool  # some parse is a person's given name or patronymic
    common_noun: bool  # some parse is a common (not proper) noun of the dictionary
    proper_noun: bool  # some parse is a proper noun (a place, a name)
    adjective: bool  # some parse is a full adjective («Донецькій», «Краматорському»)
    genitive_noun: bool  # some parse is a common noun in the genitive («оборони»)
    adjective_forms: frozenset[str] = frozenset()  # case/number/gender of its adjective parses
    noun_forms: frozenset[str] = frozenset()  # the same of its noun and adjective parses
    cases: frozenset[str] = frozenset()  # the cases of its noun parses («богданом»: ablt)

    def agrees_with(self, following: Reading) -> bool:
        """Whether this word can be an adjective agreeing with the next one («Київська
        міська», «Южный военный»): it modifies it, it is no name by itself."""
        return bool(self.adjective_forms & following.noun_forms)


@cache
def _analyser(lang: str) -> Any | None:
    """The pymorphy3 analyser of ``lang``, loaded once; None without it or its dictionary."""
    try:
        import pymorphy3
    except ImportError:
        return None
    try:
        return pymorphy3.MorphAnalyzer(lang=lang)
    except ValueError:  # the language's dictionary package is not installed
        return None


def available(lang: str) -> bool:
    """Whether a dictionary for ``lang`` ("uk" or "ru") is installed."""
    return _analyser(lang) is not None


def article_language(text: str) -> str:
    """"uk" or "ru" for Cyrillic text: the language whose own letters (і ї є ґ / ы э ъ ё) and
    own short words («та», «що» / «и», «что») occur more often; on a tie, the one whose
    dictionary knows more of its words; Ukrainian if still tied."""
    uk = len(_UK_LETTER_RE.findall(text))
    ru = len(_RU_LETTER_RE.findall(text))
    words = Counter(_SHORT_WORD.findall(text.casefold()))
    uk += sum(words[w] for w in _UK_WORDS)
    ru += sum(words[w] for w in _RU_WORDS)
    if uk == ru:  # short text with neither: which dictionary knows more of its words
        words = [w for w in _WORD.findall(text.casefold()) if _CYRILLIC_WORD.match(w)][:40]
        for lang in ("uk", "ru"):
            morph = _analyser(lang)
            known = sum(morph.word_is_known(w) for w in words) if morph is not None else 0
            uk, ru = (known, ru) if lang == "uk" else (uk, known)
    return "ru" if ru > uk else "uk"


def _is_proper(tag: Any, lang: str) -> bool:
    """A proper-noun parse. Russian tags mark it (Geox, Name, Surn...). The Ukrainian
    dictionary (VESUM converted by pymorphy) drops its proper-noun marks, but its proper-noun
    lexemes carry gender among the lexeme's own grammemes ("NOUN,masc,inan" for Покровськ)
    where common nouns carry it per form ("NOUN,inan masc" for мир); tests check this on the
    installed dictionary."""
    if tag.grammemes & _PROPER:
        return True
    if lang != "uk" or tag.POS != "NOUN":
        return False
    lexeme_part = str(tag).split(" ", 1)[0].split(",")
    return bool(_GENDERS.intersection(lexeme_part))


@lru_cache(maxsize=1 << 16)
def read_word(word: str, lang: str) -> Reading | None:
    """The :class:`Reading` of a lower-cased Cyrillic ``word``; None without a dictionary."""
    morph = _analyser(lang)
    if morph is None:
        return None
    parses = morph.parse(word.replace("’", "'").replace("ʼ", "'"))[:_MAX_PARSES]
    if not parses:
        return None
    own = normalise(word)
    seen: dict[str, None] = {}
    function_word = parses[0].tag.POS in _FUNCTION_POS
    given = common = proper = adjective = genitive = False
    adjective_forms: set[str] = set()
    noun_forms: set[str] = set()
    cases: set[str] = set()
    for p in parses:
        tag = p.tag
        pos = tag.POS
        if pos not in ("NOUN", "ADJF"):
            continue
        adjective |= pos == "ADJF"
        if pos == "NOUN" and tag.case:
            cases.add(tag.case)
        form = _agreement(tag)
        noun_forms.add(form)
        if pos == "ADJF":
            adjective_forms.add(form)
        if _known(p):  # a guess for an unknown word says nothing of what kind of word it is
            is_proper = _is_proper(tag, lang)
            proper |= is_proper and not tag.grammemes & _PERSON
            given |= bool(tag.grammemes & _PERSON)
            if pos == "NOUN" and not is_proper:
                common = True
                genitive |= tag.case == "gent"
        for form in _nominatives(p):
            key = normalise(form)
            if key and key != own:
                seen.setdefault(key, None)
    if lang == "uk":
        given |= _animate_namesake(parses)
    return Reading(tuple(seen), function_word, given, common, proper, adjective, genitive,
                   frozenset(adjective_forms), frozenset(noun_forms), frozenset(cases))


def _agreement(tag: Any) -> str:
    """Case, number and (in the singular) gender of a parse: what an adjective agrees in."""
    plural = "plur" in tag
    return f"{tag.case}:{'plur' if plural else 'sing'}:{'' if plural else tag.gender}"


@lru_cache(maxsize=1 << 14)
def closed_class(word: str, lang: str) -> bool:
    """Whether a lower-cased word is most likely a preposition, conjunction, particle,
    pronoun or interjection («по», «але», «тим», «это»): it starts no place name."""
    morph = _analyser(lang)
    if morph is None:
        return False
    parses = morph.parse(word)
    return bool(parses) and parses[0].tag.POS in _CLOSED_POS


def _known(p: Any) -> bool:
    """Whether a parse comes from the dictionary (not a guess from the word's ending)."""
    return type(p.methods_stack[0][0]).__name__ in _DICTIONARY_METHODS


def _nominatives(p: Any) -> list[str]:
    """The dictionary form of a parse and, for inflected forms, its nominative in the same
    gender and number («Лозовій» -> лозова, «Олешок» -> олешки)."""
    out = [p.normal_form]
    if p.tag.case not in (None, "nomn"):
        nom = p.inflect({"nomn"})
        if nom is not None and nom.word != p.normal_form:
            out.append(nom.word)
    return out


def _animate_namesake(parses: list[Any]) -> bool:
    """A Ukrainian word with both a place lexeme and an animate lexeme of the same lemma
    («Володимир», «Богдан»): a person's name as well (the dictionary drops the Name mark)."""
    nouns = [p for p in parses if p.tag.POS == "NOUN" and _known(p)]
    places = {p.normal_form for p in nouns if "inan" in p.tag}
    people = {p.normal_form for p in nouns if "anim" in p.tag and "Surn" not in p.tag}
    return bool(places & people)


def nominatives(word: str, lang: str, *, rules: bool = True) -> tuple[str, ...]:
    """Candidate nominative keys of a lower-cased word: the dictionary's, then (``rules``)
    the suffix rules' (short possessive forms such as «Часовом» -> часов the dictionary
    lacks; everything when no dictionary is installed)."""
    reading = read_word(word, lang)
    own = normalise(word)
    found = dict.fromkeys(reading.nominatives if reading else ())
    if rules or reading is None:
        for lemma in lex.cyrillic_noun_lemmas(own):
            if lemma != own:
                found.setdefault(lemma, None)
    return tuple(found)
