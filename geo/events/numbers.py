"""Numbers written in words or digits in English, Ukrainian and Russian: "one hundred and
twelve", "twenty-five", "дві тисячі", "двадцяти п'яти", "трёмстам сорока", "1,5 тис.".

The Ukrainian and Russian cardinals are generated from each language's declension (every case
form: the few irregular units are listed, teens, tens, hundreds and the thousand/million nouns
are built from them by the grammar's rules), so that every cardinal up to 999,999,999 is read
compositionally in any case. ``tests/test_events_numbers.py`` checks every form pymorphy3's
dictionaries list for each cardinal lemma against these tables. The number-parser package was
measured and left out: it misses "a hundred", «двадцять п'ять», «двадцяти п'яти», «п'ятьмастами»,
«полторы тысячи» and the collective «пятеро».

:data:`NUMBER` is a regex source for a number in lower-case text; :func:`read_number` gives
its value. A phrase that is not a well-formed number ("twenty thirty", "five twenty") is read
as far as it is one ("twenty").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum
from functools import lru_cache

from geo.events._fold import lower_in_place
from geo.events._wordtrie import alternation

__all__ = ["NUMBER", "WORDS", "Kind", "normal_text", "read_number"]


class Kind(Enum):
    """What a number word contributes to the phrase it is in."""

    UNIT = "unit"  # 1-9 (and the collectives "двоє", "пятеро")
    TEEN = "teen"  # 10-19
    TEN = "ten"  # 20-90
    HUNDRED = "hundred"  # a whole hundred, 100-900 ("сто", "двісті", "пятьсот")
    TIMES_HUNDRED = "times hundred"  # English "hundred": multiplies what precedes it
    SCALE = "scale"  # thousand, million, billion: multiplies the count before it; alone it
    # is vague ("тысячи людей", "мільйони" are thousands, millions: no number)
    SCALE_ONE = "scale one"  # a singular form: alone also one thousand/million («тисячу»)
    HALF = "half"  # "півтора", "полтора": 1.5, only before a scale word


_NORMAL = str.maketrans({"ё": "е", "’": "'", "ʼ": "'", "`": "'"})

# --- English --------------------------------------------------------------------------------

_EN = (
    (Kind.UNIT, "one two three four five six seven eight nine", 1),
    (Kind.TEEN, "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen "
                "nineteen", 10),
)
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
_EN_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


def _english() -> dict[str, tuple[int, Kind]]:
    out = {w: (first + i, kind) for kind, words, first in _EN
           for i, w in enumerate(words.split())}
    out |= {w: (20 + 10 * i, Kind.TEN) for i, w in enumerate(_EN_TENS.split())}
    out["hundred"] = (100, Kind.TIMES_HUNDRED)
    out |= {w: (v, Kind.SCALE) for w, v in _EN_SCALES.items()}
    return out


# --- Russian --------------------------------------------------------------------------------
# The units are irregular: their forms by case (nominative, genitive = prepositional, dative,
# instrumental); everything else is built from them.

_RU_UNITS = {
    1: ("один одна одно одни одну", "одного одной одних одном", "одному одной одним",
        "одним одной одною одними"),
    2: ("два две", "двух", "двум", "двумя"),
    3: ("три", "трех", "трем", "тремя"),
    4: ("четыре", "четырех", "четырем", "четырьмя"),
    5: ("пять", "пяти", "пяти", "пятью"),
    6: ("шесть", "шести", "шести", "шестью"),
    7: ("семь", "семи", "семи", "семью"),
    8: ("восемь", "восьми", "восьми", "восемью восьмью"),
    9: ("девять", "девяти", "девяти", "девятью"),
}
_RU_TEEN_STEMS = ("десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать",
                  "пятнадцать", "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать")
_RU_COLLECTIVE = {2: "двое", 3: "трое", 4: "четверо", 5: "пятеро", 6: "шестеро", 7: "семеро",
                  8: "восьмеро", 9: "девятеро", 10: "десятеро"}


def _ru_soft(lemma: str) -> list[str]:
    """A numeral of the soft third declension ("пять", "двадцать"): -ь, -и, -ью."""
    return [lemma, lemma[:-1] + "и", lemma + "ю"]


def _russian() -> dict[str, tuple[int, Kind]]:
    out: dict[str, tuple[int, Kind]] = {}
    for n, cases in _RU_UNITS.items():
        _add(out, " ".join(cases).split(), n, Kind.UNIT)
    for i, lemma in enumerate(_RU_TEEN_STEMS):
        _add(out, _ru_soft(lemma), 10 + i, Kind.TEEN)
    _add(out, _ru_soft("двадцать") + _ru_soft("тридцать"), 0, Kind.TEN, values=(20, 30))
    _add(out, ["сорок", "сорока"], 40, Kind.TEN)
    for n in range(5, 9):  # пятьдесят, пятидесяти, пятьюдесятью
        nom, gen, _, instr = (c.split() for c in _RU_UNITS[n])
        _add(out, [nom[0] + "десят", *(g + "десяти" for g in gen),
                   *(i + "десятью" for i in instr)], 10 * n, Kind.TEN)
    _add(out, ["девяносто", "девяноста"], 90, Kind.TEN)
    _add(out, ["сто", "ста"], 100, Kind.HUNDRED)
    hundreds = {2: "двести", 3: "триста", 4: "четыреста"}
    for n in range(2, 10):  # двухсот двумстам двумястами двухстах; пятисот пятистам
        nom, gen, dat, instr = (c.split() for c in _RU_UNITS[n])
        _add(out, [hundreds.get(n, nom[0] + "сот"), *(g + "сот" for g in gen),
                   *(d + "стам" for d in dat), *(i + "стами" for i in instr),
                   *(g + "стах" for g in gen)], 100 * n, Kind.HUNDRED)
    for n, nom in _RU_COLLECTIVE.items():  # двое двоих двоим двоими; пятеро пятерых
        stem, ending = (nom[:-1], "и") if nom.endswith("е") else (nom[:-1], "ы")
        _add(out, [nom, stem + ending + "х", stem + ending + "м", stem + ending + "ми"], n,
             Kind.TEEN if n == 10 else Kind.UNIT)
    for stem in ("тысяч", "тыщ"):  # singular forms first: they are also "one thousand"
        _add(out, [stem + e for e in ("а", "е", "у", "ей", "ею", "ью")], 1_000, Kind.SCALE_ONE)
        _add(out, [stem + e for e in ("и", "", "ам", "ами", "ах")], 1_000, Kind.SCALE)
    for stem, value in (("миллион", 1_000_000), ("миллиард", 1_000_000_000)):
        _add(out, [stem + e for e in ("", "а", "у", "ом", "е")], value, Kind.SCALE_ONE)
        _add(out, [stem + e for e in ("ы", "ов", "ам", "ами", "ах")], value, Kind.SCALE)
    _add(out, ["полтора", "полторы", "полутора"], 0, Kind.HALF)
    return out


# --- Ukrainian ------------------------------------------------------------------------------

_UK_UNITS = {
    1: ("один одна одне одно одні одну оден", "одного одної однієї одних", "одному одній одним",
        "одним однією одною одними", "однім"),
    2: ("два дві", "двох", "двом", "двома", ""),
    3: ("три", "трьох", "трьом", "трьома", ""),
    4: ("чотири", "чотирьох", "чотирьом", "чотирма", ""),
    5: ("п'ять", "п'яти п'ятьох", "п'ятьом", "п'ятьма п'ятьома", ""),
    6: ("шість", "шести шістьох", "шістьом", "шістьма шістьома", ""),
    7: ("сім", "семи сімох", "сімом", "сьома сімома", ""),
    8: ("вісім", "восьми вісьмох", "вісьмом", "вісьма вісьмома", ""),
    9: ("дев'ять", "дев'яти дев'ятьох", "дев'ятьом", "дев'ятьма дев'ятьома", ""),
}
_UK_TEENS = ("десять", "одинадцять", "дванадцять", "тринадцять", "чотирнадцять",
             "п'ятнадцять", "шістнадцять", "сімнадцять", "вісімнадцять", "дев'ятнадцять")
_UK_COLLECTIVE = {2: "двоє", 3: "троє", 4: "четверо", 5: "п'ятеро", 6: "шестеро", 7: "семеро",
                  8: "восьмеро", 9: "дев'ятеро", 10: "десятеро"}
_UK_HUNDREDS = {2: "двісті", 3: "триста", 4: "чотириста"}


def _uk_soft(lemma: str) -> list[str]:
    """A numeral in -ть/-т ("п'ять", "двадцять", "п'ятдесят"): -и, -ьох, -ьом, -ьма, -ьома."""
    stem = lemma[:-1] if lemma.endswith("ь") else lemma
    soft = stem + "ь"
    return [lemma, stem + "и", soft + "ох", soft + "ом", soft + "ма", soft + "ома"]


def _ukrainian() -> dict[str, tuple[int, Kind]]:
    out: dict[str, tuple[int, Kind]] = {}
    for n, cases in _UK_UNITS.items():
        _add(out, " ".join(cases).split(), n, Kind.UNIT)
    for i, lemma in enumerate(_UK_TEENS):
        _add(out, _uk_soft(lemma), 10 + i, Kind.TEEN)
    for tens, lemma in ((20, "двадцять"), (30, "тридцять"), (50, "п'ятдесят"),
                        (60, "шістдесят"), (70, "сімдесят"), (80, "вісімдесят")):
        _add(out, _uk_soft(lemma), tens, Kind.TEN)
    _add(out, ["сорок", "сорока"], 40, Kind.TEN)
    _add(out, ["дев'яносто", "дев'яноста"], 90, Kind.TEN)
    _add(out, ["сто", "ста"], 100, Kind.HUNDRED)
    for n in range(2, 10):  # двохсот двомстам двомастами двохстах; п'ятисот п'ятиста
        nom, gen, dat, instr, _ = (c.split() for c in _UK_UNITS[n])
        oblique = gen[:1]  # the short genitive: "п'яти", not "п'ятьох"
        dative = dat if n < 5 else oblique
        _add(out, [_UK_HUNDREDS.get(n, nom[0].rstrip("ь") + "сот"), *(g + "сот" for g in gen[:1]),
                   *(g + "ста" for g in gen[:1]), *(d + "стам" for d in dative),
                   *(i + "стами" for i in instr), *(g + "стами" for g in oblique),
                   *(g + "стах" for g in gen[:1])], 100 * n, Kind.HUNDRED)
    _add(out, ["восьмастами"], 800, Kind.HUNDRED)  # from "восьма", a dialect instrumental
    for n, nom in _UK_COLLECTIVE.items():  # the oblique cases are the cardinal's
        _add(out, [nom], n, Kind.TEEN if n == 10 else Kind.UNIT)
    _add(out, ["тисяч" + e for e in ("а", "е", "у", "ею")], 1_000, Kind.SCALE_ONE)
    _add(out, ["тисяч" + e for e in ("і", "", "ам", "ами", "ах")], 1_000, Kind.SCALE)
    for stem, value in (("мільйон", 1_000_000), ("мільярд", 1_000_000_000)):
        _add(out, [stem + e for e in ("", "а", "у", "ові", "ом", "і", "е")], value,
             Kind.SCALE_ONE)
        _add(out, [stem + e for e in ("и", "ів", "ам", "ами", "ах")], value, Kind.SCALE)
    _add(out, ["півтора", "півтори"], 0, Kind.HALF)
    return out


def _add(table: dict[str, tuple[int, Kind]], words: Iterable[str], value: int, kind: Kind, *,
         values: tuple[int, ...] = ()) -> None:
    """Add ``words`` (normalised as :func:`_normal`) with ``value``; with ``values`` the
    words come in equal runs, one run per value."""
    words = list(words)
    if values:
        run = len(words) // len(values)
        for i, v in enumerate(values):
            _add(table, words[i * run:(i + 1) * run], v, kind)
        return
    for word in words:
        table.setdefault(_normal(word), (value, kind))


def _normal(word: str) -> str:
    """One spelling per word: lower case, "ё" as "е", every apostrophe as "'"."""
    return word.lower().translate(_NORMAL)


#: every number word of the three languages (normalised) -> (value, kind); 0 for HALF words
WORDS: dict[str, tuple[int, Kind]] = _english() | _russian() | _ukrainian()

# --- the phrase pattern -----------------------------------------------------------------------


_WORD = rf"(?:{alternation(WORDS)})"
_SCALE_AFTER_DIGITS = (r"(?:\s*(?:thousand|million|billion|k|тис\.|тыс\.|млн\.?|млрд\.?|"
                       r"тисяч\w*|тысяч\w*|мільйон\w*|миллион\w*|мільярд\w*|миллиард\w*)"
                       r"(?!\w))?")
_DIGITS = r"\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+(?!\d)|\d+(?:[.,]\d+)?"
_SEPARATOR = r"(?:\s*-\s*|\s+and\s+|\s+)"
#: a number in text made lower case by :func:`normal_text`: digits ("40,000", "1.5 million",
#: "2 тис.") or words ("one hundred and twelve", "двадцять п'ять"); not inside a word, nor an
#: age ("twenty-five-year-old", "25-year-old"). Each word is followed by a separator or by
#: the number's end, and the phrase ends on a word: the long word table is in the pattern
#: once (compiling it costs).
NUMBER = (rf"(?<![\w'.,])(?:(?>(?:{_DIGITS}){_SCALE_AFTER_DIGITS})(?![\w']|-(?:year|річн|летн))"
          rf"|(?:a\s+(?=hundred|thousand|million|billion))?"
          rf"(?:{_WORD}(?:{_SEPARATOR}|(?![\w'-])))+(?<![\s-]))")
_NUMBER = re.compile(NUMBER)
_DIGIT_SCALES = {"k": 1_000, "тис": 1_000, "тыс": 1_000, "млн": 1_000_000, "млрд": 1_000_000_000}
#: longer digit strings are read as 10**18, more than any count (Python limits int() of long
#: strings, and nothing that large is counted: the callers' ceilings are far below)
_MAX_DIGITS = 18


def normal_text(text: str) -> str:
    """``text`` in lower case with "ё" as "е" and every apostrophe as "'", offsets kept: what
    :data:`NUMBER` is matched against."""
    low = lower_in_place(text)
    if "ё" in low or "’" in low or "ʼ" in low or "`" in low:  # rare: tests cost less than
        return low.translate(_NORMAL)  # translate, which looks up every character
    return low


@lru_cache(maxsize=1024)
def read_number(span: str) -> int | None:
    """The value of a number phrase: ``"one hundred and twelve"`` -> 112, ``"1,5 тис."`` ->
    1500, ``"двадцяти п'яти"`` -> 25; None when ``span`` does not start with a number. Digits
    beyond 18 are read as 10**18: the caller bounds the value."""
    m = _NUMBER.match(normal_text(span.strip()))
    if m is None:
        return None
    return _value(m.group())


def _value(phrase: str) -> int | None:
    first = phrase[:1]
    if first.isdigit():
        return _digits_value(phrase)
    tokens = [(1, Kind.UNIT) if w == "a" else WORDS[w]  # "a hundred", "a thousand"
              for w in re.findall(r"[^\s-]+", phrase) if w != "and"]
    return _compose(tokens)


def _digits_value(phrase: str) -> int | None:
    m = re.match(r"([\d,.\u202f\u00a0 ]*\d)\s*([^\W\d]*)", phrase)
    if m is None:
        return None
    digits, scale_word = m.group(1), m.group(2)
    if re.fullmatch(r"\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+", digits):
        digits = re.sub(r"[,\u202f\u00a0 ]", "", digits)
    digits = digits.replace(",", ".")
    if len(digits) > _MAX_DIGITS:
        return 10**_MAX_DIGITS
    try:
        value = float(digits) if "." in digits else int(digits)
    except ValueError:
        return None
    if scale_word:
        scale = _DIGIT_SCALES.get(scale_word) or WORDS.get(_normal(scale_word), (1,))[0]
        value *= scale
    return round(value)


def _compose(tokens: list[tuple[int, Kind]]) -> int | None:
    """The value of number words in order, read as far as they form one number: in each group
    below a thousand a hundred, then a ten, then a unit or a teen, each at most once (English
    "five hundred" multiplies); a scale word closes a group, scales decreasing."""
    total, group, last, half = 0, 0, None, False
    last_scale = None
    for value, kind in tokens:
        if kind in (Kind.SCALE, Kind.SCALE_ONE):
            if last_scale is not None and value >= last_scale:
                break
            if last is None and kind is Kind.SCALE:  # "тисячі людей": thousands, no count
                break
            factor = 1.5 if half else max(group, 1) if last is not None else 1
            total += round(factor * value)
            group, last, half, last_scale = 0, None, False, value
            continue
        if half:  # "півтора" then anything but a scale: no number
            return None
        if kind is Kind.HALF:
            if last is not None:
                break
            half, last = True, Kind.HALF
        elif kind is Kind.TIMES_HUNDRED:
            if last not in (None, Kind.UNIT, Kind.TEEN, Kind.TEN) or group >= 100:
                break
            group, last = max(group, 1) * 100, Kind.HUNDRED
        elif kind is Kind.HUNDRED:
            if last is not None:
                break
            group, last = value, Kind.HUNDRED
        elif kind is Kind.TEN:
            if last not in (None, Kind.HUNDRED):
                break
            group, last = group + value, Kind.TEN
        else:  # a unit or a teen
            if last not in (None, Kind.HUNDRED) and not (last is Kind.TEN and kind is Kind.UNIT):
                break
            group, last = group + value, kind
    if half:
        return None
    if last is None and total == 0:
        return None
    return total + group
