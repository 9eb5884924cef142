"""Name keys: the one normalisation every gazetteer key and every query goes through.

:func:`normalise` turns any spelling of a name into the index key (case, diacritics,
apostrophes and punctuation folded; Cyrillic kept). :func:`variants` gives the other
romanisations of a name that news uses (Kiev/Kyiv, Slavyansk/Sloviansk, -skiy/-skyi), added
to the index at build time so lookups stay a single exact key probe.
"""

from __future__ import annotations

import functools
import unicodedata
from functools import lru_cache

__all__ = ["ENGLISH_WORDS", "normalise", "variants"]

#: characters removed outright (apostrophes, quotes, the Ukrainian apostrophe modifier letter)
_DROP = "'’‘ʼʹʻ`´\"“”«»ʺ"
#: characters that separate words
_SPACE = "-‐‑‒–—.,/()_;:!?"
_TABLE = str.maketrans({**dict.fromkeys(_DROP, ""), **dict.fromkeys(_SPACE, " ")})

#: Latin letters NFKD does not decompose; Cyrillic letters that must survive mark stripping
_SPECIAL = {
    "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "æ": "ae", "Æ": "ae",
    "œ": "oe", "Œ": "oe", "ı": "i", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d", "ħ": "h",
    "й": "й", "Й": "й", "ї": "ї", "Ї": "ї", "ё": "е", "Ё": "е", "ў": "ў", "Ў": "ў",
}
_FOLD_CACHE: dict[str, str] = {}


def _fold_char(c: str) -> str:
    out = _FOLD_CACHE.get(c)
    if out is None:
        out = _SPECIAL.get(c)
        if out is None:
            out = "".join(
                d for d in unicodedata.normalize("NFKD", c) if not unicodedata.combining(d)
            )
        _FOLD_CACHE[c] = out
    return out


def normalise(name: str) -> str:
    """The index key of a name: casefolded, diacritics and apostrophes dropped, spaces collapsed.

    >>> normalise("Kup'yans'k")
    'kupyansk'
    >>> normalise("  Provence-Alpes-Côte d’Azur ")
    'provence alpes cote dazur'
    >>> normalise("Покровськ")
    'покровськ'
    """
    if not name.isascii():
        name = "".join(_fold_char(c) for c in unicodedata.normalize("NFC", name))
    return " ".join(name.casefold().translate(_TABLE).split())


# --- romanisation of Cyrillic -------------------------------------------------------------

_UK_NATIONAL = {  # Ukrainian national system (KMU 2010); word-initial forms below
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia", "ъ": "", "ы": "y", "э": "e", "ў": "u",
}
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_RU_BGN = {  # BGN/PCGN for Russian (also used by older English-language news for Ukraine)
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "ye",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "yu", "я": "ya", "ў": "w",
}
_SIMPLE = {**_UK_NATIONAL, "є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_VOWELS = set("аеєиіїоуюяыэ")


def _romanise(key: str, table: dict[str, str], initial: dict[str, str], *,
              iotate_after_vowel: bool = False) -> str:
    out = []
    prev = " "
    for c in key:
        if c in table:
            if prev == " " and c in initial:
                out.append(initial[c])
            elif c == "е" and iotate_after_vowel and (prev == " " or prev in _VOWELS
                                                      or prev in "ьъ"):
                out.append("ye")
            else:
                out.append(table[c])
        else:
            out.append(c)
        prev = c
    return "".join(out)


_UK_LETTERS = frozenset("іїєґ")
_RU_LETTERS = frozenset("ыэъё")


@lru_cache(maxsize=1)
def _systems() -> tuple[tuple, tuple]:
    """The standard romanisations from PyPI libraries: (Ukrainian, Russian) converters.

    Ukrainian: the national system (KMU 2010: Kropyvnytskyi, Zghurivka) and BGN/PCGN 1965
    (Kam'yanets'-Podil's'kyy) from ``translitua``; Russian: BGN/PCGN (Staryy Oskol), ICAO Doc
    9303 as in passports (Graivoron), Wikipedia's (Kharkov) and the MVD's from ``iuliia``.
    Loaded on first use: only the index build romanises."""
    import iuliia
    from translitua import UkrainianBGN, UkrainianKMU, translit

    uk = tuple(functools.partial(translit, table=t) for t in (UkrainianKMU, UkrainianBGN))
    ru = tuple(schema.translate for schema in (iuliia.BGN_PCGN, iuliia.ICAO_DOC_9303,
                                               iuliia.WIKIPEDIA, iuliia.MVD_310))
    return uk, ru


def _standard_romanisations(key: str) -> set[str]:
    """A Cyrillic key in every standard system of its language: Ukrainian systems for a name
    without Russian-only letters, Russian ones for a name without Ukrainian-only letters
    (both for the many names that have neither: Бахмут, Краматорськ)."""
    letters = set(key)
    uk, ru = _systems()
    systems = (uk if not letters & _RU_LETTERS else ()) + (ru if not letters & _UK_LETTERS
                                                            else ())
    return {system(key) for system in systems}


def _has_cyrillic(s: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in s)


# --- Latin spelling rules -------------------------------------------------------------------

#: whole-word spellings of the same place (Russian-based <-> Ukrainian national, old <-> new)
_PAIRS = (
    ("kiev", "kyiv"), ("kharkov", "kharkiv"), ("zaporozhye", "zaporizhzhia"),
    ("zaporozhe", "zaporizhzhia"), ("zaporizhia", "zaporizhzhia"),
    ("slavyansk", "sloviansk"), ("slavyansk", "slovyansk"), ("nikolaev", "mykolaiv"),
    ("nikolayev", "mykolaiv"), ("odessa", "odesa"), ("lvov", "lviv"), ("rovno", "rivne"),
    ("chernigov", "chernihiv"), ("lugansk", "luhansk"), ("dnepr", "dnipro"),
    ("dnepropetrovsk", "dnipropetrovsk"), ("krivoy", "kryvyi"), ("rog", "rih"),
    ("artemovsk", "artemivsk"), ("kherson", "kherson"), ("zhitomir", "zhytomyr"),
    ("vinnitsa", "vinnytsia"), ("chernovtsy", "chernivtsi"), ("ternopol", "ternopil"),
    ("khmelnitsky", "khmelnytskyi"), ("ivano", "ivano"), ("uzhgorod", "uzhhorod"),
    ("kirovograd", "kirovohrad"), ("poltava", "poltava"), ("sumy", "sumy"),
    ("cherkassy", "cherkasy"), ("kupyansk", "kupiansk"), ("izyum", "izium"),
    ("severodonetsk", "sievierodonetsk"), ("lisichansk", "lysychansk"),
    ("gorlovka", "horlivka"), ("makeyevka", "makiivka"), ("mariupol", "mariupol"),
    ("avdeyevka", "avdiivka"), ("chasov", "chasiv"), ("yar", "yar"), ("belgorod", "bilhorod"),
)
_PAIR_MAP: dict[str, set[str]] = {}
for _a, _b in _PAIRS:
    if _a != _b:
        _PAIR_MAP.setdefault(_a, set()).add(_b)
        _PAIR_MAP.setdefault(_b, set()).add(_a)

#: interchangeable word endings: any member may be replaced by any other
_ENDINGS = (
    ("skyi", "skyy", "skiy", "skii", "skij", "sky", "ski"),
    ("tskyi", "tskiy", "tsky", "tski", "tskyy"),
    ("iansk", "yansk", "jansk"),
    ("iivka", "iyivka", "eevka", "eyevka", "iyevka"),
    ("ivka", "ovka", "evka"),
    ("zhzhia", "zhzhya", "zhia", "zhye", "zhe"),
    ("iia", "iya", "ia", "ya", "ja"),
    ("yi", "yy", "iy", "ii", "yj"),
    ("ye", "ie", "je"),
    ("oye", "oe", "oie"),
)


def _word_variants(word: str) -> set[str]:
    out = set(_PAIR_MAP.get(word, ()))
    for group in _ENDINGS:
        for end in group:
            if word.endswith(end) and len(word) > len(end) + 2:
                stem = word[: -len(end)]
                out.update(stem + other for other in group if other != end)
                break
    return out


def _latin_variants(key: str) -> set[str]:
    words = key.split(" ")
    out: set[str] = set()
    for i, w in enumerate(words):
        for v in _word_variants(w):
            out.add(" ".join([*words[:i], v, *words[i + 1 :]]))
    return out


def variants(name: str) -> set[str]:
    """Other index keys for the same name: romanisations of Cyrillic and common respellings.

    The result holds normalised keys and never the name's own key.

    >>> sorted(variants("Kiev"))
    ['kyiv']
    >>> "pokrovsk" in variants("Покровськ")
    True
    >>> {"sloviansk", "slovyansk"} <= variants("Слов'янськ")
    True
    """
    key = normalise(name)
    if not key:
        return set()
    out: set[str] = set()
    if _has_cyrillic(key):
        roman = {
            _romanise(key, _UK_NATIONAL, _UK_INITIAL),
            _romanise(key, _RU_BGN, {}, iotate_after_vowel=True),
            _romanise(key, _RU_BGN, {}),
            _romanise(key, _SIMPLE, _UK_INITIAL),
            *_standard_romanisations(key),
        }
        roman = {normalise(r) for r in roman if not _has_cyrillic(r)}
        out |= roman
        for r in roman:
            out |= _latin_variants(r)
    else:
        out |= _latin_variants(key)
    out.discard(key)
    out.discard("")
    return out


#: English words that GeoNames also lists as alternate names of some place; never index keys
#: from alternates, and a primary name that is one of them gets a lower prior.
ENGLISH_WORDS = frozenset("""
a an the and or but nor of in on at by to for from with without into onto over under up down
out off about above below after before since until as is are was were be been being am do does
did done have has had having can could may might must shall should will would not no yes
i me my we us our you your he him his she her it its they them their this that these those
there here where when why how what which who whom whose all any both each few more most other
some such only own same so than too very just also now then once again ever never always
one two three four five six seven eight nine ten hundred thousand million first second third
last next new old big small great little good bad best high low long short top end side
monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday week weekend
january february march april may june july august september october november december
spring summer autumn winter morning evening night day days year years month time times
police army navy media news press make made take took go went come came get got give gave
see saw say said tell told know knew think thought want need use used work way world life
man men woman women people person child children family home house city town village state
states country government party president minister war peace attack attacks strike strikes
troops force forces military official officials report reports sources source region area
border front line lines center centre north south east west northern southern eastern western
central upper lower middle point mount lake river sea bay port island hill hills valley
forest field fields park station road street bridge church market school hospital airport
office court union council office club bank camp base fort hall hotel mill mine farm
water fire rain snow wind sun moon star gold silver iron stone rock sand salt oil gas
red blue green white black brown grey gray yellow pink orange
love hope faith grace joy glory victory liberty freedom independence justice unity progress
paradise eden bethlehem
man over under hot cold dry wet rich poor free fair fine
said says per via vs etc mr mrs ms dr st
against during between through toward towards within upon among around across along behind
beyond near nearly far early late still even well back much many lot lots every
call called help show shown play run set put keep let begin seem turn move live believe
bring happen write sit stand lose pay meet include continue change lead understand watch
follow stop create speak read allow add spend grow open walk win offer remember consider
appear buy wait serve die send expect build stay fall cut reach kill remain suggest raise
pass sell require decide pull
""".split())
