"""The short cuts recognition takes for speed agree with the plain definitions they replace.

Each fast path (tokens split in C, cue regexes behind a test of the phrase's ending, searches
started at the last words before a name, what a surface finds remembered per gazetteer) is
checked against the slow reading it stands for, on news text written for the purpose and
with the real gazetteer.
"""

from __future__ import annotations

import gc
import re

import pytest

from geo._names import normalise
from geo.text import _cyrillic as cyr
from geo.text import _lexicon as lex
from geo.text import recognise as rec
from geo.text._memory import memory_of

#: the token pattern as first written: one character or joint per step (the specification)
_PLAIN_TOKEN = re.compile(
    r"(?:[A-Z][a-z]{0,3}\.){2,}"
    r"|St\.|Ft\.|Mt\."
    r"|[^\W_](?:[\w]|['’ʼ](?=[^\W_])|['’ʼ](?=[-‐][^\W_])|[-‐](?=[^\W_]))*",
)

ENGLISH = (
    "Shelling hit Kam'yanets'-Podil's'kyy and the city of\nKharkiv on Monday; the U.S. and "
    "W.Va. officials met in St. Louis. The governor of the Donetsk region, Ukraine's envoy "
    "and the capital of Texas's neighbour were named. Reading the statement in Washington, "
    "D.C., the mayor of Paris, Texas, said it's done -- 'quoted' words, snake_case_words, "
    "x'-y, a''b, co-op‐era, end-, -start, O’Neill’s, Rostov-on-Don, 2024's tally.\n"
    "Troops near the town of  Pokrovsk and in the\nSea of Azov, outside of the Gulf of Finland."
)
CYRILLIC = (
    "Російські війська обстріляли Покровськ, повідомили у Донецькій області. На березі "
    "Дніпра (в Херсоні) і вгору по Дніпру біля с. Степове; «Восток» під Курском.\n"
    "Украинские беспилотники атаковали объекты в Белгороде и около Часова Яра, "
    "в г. Курск, вдоль Днепра, река Оскол. Бригада Азов освободила Работино.\n"
    "Слов'янськ, Кам'янець-Подільський, з-під Ізюма та Борової. Сили оборони звільнили "
    "Лиман, окупанти захопили Авдіївку, а войска оставили Угледар."
)


@pytest.mark.parametrize("text", [ENGLISH, CYRILLIC, "", "   ", "x", "’s", "A.B.C. d"])
def test_tokens_are_the_plain_patterns_tokens(text):
    assert rec.tokenise(text) == [(m.start(), m.end(), m.group())
                                  for m in _PLAIN_TOKEN.finditer(text)]
    assert all(type(t) is rec._Token for t in rec.tokenise(text))


def test_capitalised_indexes_are_the_tokens_starting_with_a_capital():
    tokens = rec.tokenise(ENGLISH + CYRILLIC)
    assert rec._capitalised(tokens) == [k for k, t in enumerate(tokens)
                                        if t.text[0].isupper()]


def _befores(text: str, width: int) -> list[str]:
    """The ``width`` characters before every token (and every cut within the text)."""
    starts = {t.start for t in rec.tokenise(text)} | set(range(0, len(text), 7))
    return [text[max(0, s - width) : s] for s in sorted(starts)]


def test_cue_before_agrees_with_the_three_searches():
    befores = [b.casefold() for b in _befores(ENGLISH, 24)] + [
        "the city of \n", "the city of\n", "capital of the ", "in the ", "of", ""]
    seen = set()
    for before in befores:
        plain = ("city" if lex.SETTLEMENT_BEFORE.search(before) else "admin1"
                 if lex.ADMIN_BEFORE.search(before) else "unit"
                 if lex.UNIT_BEFORE.search(before) else "")
        assert rec._cue_before(before) == plain, before
        seen.add(plain)
    assert seen == {"city", "admin1", "unit", ""}  # the text exercises every cue


@pytest.mark.parametrize("pattern", [cyr._WORD_BEFORE, cyr._PLACE_BEFORE, cyr._WATER_BEFORE,
                                     cyr._PLACE_VERB_BEFORE],
                         ids=["word", "place", "water", "place-verb"])
def test_phrase_searches_from_the_last_words_find_what_a_full_search_finds(pattern):
    found = 0
    two_words = pattern is cyr._WATER_BEFORE
    for before in [*_befores(CYRILLIC, 24), "в ", " с. ", "(в  ", "вгору по\n", "\n", ""]:
        starts = cyr._phrase_starts(before)
        fast = None if starts is None else pattern.search(before, starts[two_words])
        plain = pattern.search(before)
        assert (fast and fast.groups()) == (plain and plain.groups()), before
        found += plain is not None
    assert found >= 3  # the text has such phrases


def test_probe_is_what_the_gazetteer_says(gaz):
    for tok in rec.tokenise(ENGLISH):
        for surface in (tok.text, ENGLISH[tok.start : tok.end + 8]):
            key, covered = rec._surface_key(surface, 0, len(surface))
            expected = (key, covered, bool(key) and gaz.has_key(key),
                        bool(key) and gaz.has_prefix(key + " "))
            assert rec._probe(surface, gaz) == expected
            assert rec._probe(surface, gaz) == expected  # the remembered answer
    assert rec._probe("Kharkiv", gaz) == ("kharkiv", 7, True, gaz.has_prefix("kharkiv "))
    assert rec._probe("Ukraine's", gaz)[:3] == ("ukraine", 7, True)


def test_recognition_reads_the_same_with_and_without_memory(gaz):
    class Unremembered:
        """The real gazetteer behind an object without weak references: no memory kept."""

        __slots__ = ()

        def has_key(self, key):
            return gaz.has_key(key)

        def has_prefix(self, prefix):
            return gaz.has_prefix(prefix)

        def keys_with_prefix(self, prefix, limit=50):
            return gaz.keys_with_prefix(prefix, limit)

        def candidates(self, key):
            return gaz.candidates(key)

    plain = Unremembered()
    for text, lang in ((ENGLISH, "en"), (CYRILLIC, "uk"), (CYRILLIC, "ru")):
        fast = rec.recognise(text, gaz, lang=lang)
        assert fast == rec.recognise(text, gaz, lang=lang)
        assert fast == rec.recognise(text, plain, lang=lang)
        assert {normalise(s.surface).split()[0] for s in fast} >= (
            {"kharkiv", "pokrovsk"} if lang == "en" else set())
    assert id(plain) not in rec._PROBES and id(plain) not in cyr._FIRST_WORDS


def test_memory_is_dropped_with_its_index():
    class Index:
        pass

    registry: dict = {}
    index = Index()
    memory_of(index, registry)["x"] = 1
    assert memory_of(index, registry) == {"x": 1}
    del index
    gc.collect()
    assert registry == {}
    assert memory_of(object(), registry) == {} and registry == {}  # no weak reference
