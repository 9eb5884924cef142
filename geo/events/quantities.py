"""Numbers in event sentences: "about 100,000 soldiers", "killed 12 people", "two drones".

:func:`quantities` finds counted things; :func:`fatalities` finds the number killed. Written
numbers up to twenty and "a hundred/thousand" are read; vague amounts ("dozens", "hundreds",
"several") are not numbers and give nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.events._alternation import compile_table
from geo.events._fold import fold

__all__ = ["Quantity", "fatalities", "parse_number", "quantities"]

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "a hundred": 100,
    "one hundred": 100, "a thousand": 1000, "one thousand": 1000,
}
_SCALE = {"thousand": 1_000, "million": 1_000_000, "k": 1_000}
_NUMBER = (r"(?P<num>\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+|\d+(?:\.\d+)?|"
           + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")"
           r"(?:\s*(?P<scale>thousand|million|k)\b)?")
_UNITS = (
    "soldiers", "troops", "servicemen", "service members", "personnel", "fighters",
    "militants", "combatants", "mercenaries", "reservists", "conscripts", "officers",
    "people", "civilians", "residents", "protesters", "protestors", "demonstrators",
    "rioters", "students", "workers", "refugees", "prisoners", "hostages", "children",
    "tanks", "vehicles", "drones", "missiles", "rockets", "shells", "bombs", "aircraft",
    "jets", "helicopters", "ships", "warships", "guns", "howitzers", "mines", "buildings",
    "homes", "houses", "brigades", "battalions", "divisions", "regiments",
    "soldier", "person", "civilian", "tank", "drone", "missile", "rocket", "shell", "bomb",
    "vehicle", "brigade", "battalion",
)
_UNIT = "(?P<unit>" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")\b"
# up to two words between the number and the unit: "100,000 Russian soldiers"
# (matched in folded text, geo.events._fold: where IGNORECASE would match, 3x faster; tried
# only at a digit or a letter a number word in _WORDS starts with)
_QUANTITY = re.compile(
    r"(?<!\w)(?=[\dotfsena])" + _NUMBER + r"\s+(?:(?:more|additional|extra|new|[a-z][a-z]+|"
    r"armed|russian|ukrainian|foreign)\s+){0,2}" + _UNIT)
_KILLED = (r"(?:killed|dead|died|deaths|killing|were\s+killed|have\s+been\s+killed|"
           r"lost\s+their\s+lives)")
_FATALITIES = (
    re.compile(r"\b(?:killed|killing|kills|left)\s+(?:at\s+least\s+|about\s+|some\s+|nearly\s+)?"
               + _NUMBER + r"\b(?!\s*(?:percent|%))", re.IGNORECASE),
    re.compile(r"\b" + _NUMBER + r"\s+(?:\w+\s+){0,2}?(?:people|civilians|soldiers|"
               r"persons|residents|fighters|children|troops|servicemen)?\s*(?:were\s+|was\s+|"
               r"have\s+been\s+|had\s+been\s+)?" + _KILLED, re.IGNORECASE),
    re.compile(r"\bdeath\s+toll\s+(?:\w+\s+){0,3}?(?:to|of|at|reached|is|was)\s+" + _NUMBER,
               re.IGNORECASE),
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A counted thing in a sentence, with its offsets there."""

    value: int
    unit: str
    start: int
    end: int


def parse_number(text: str, scale: str | None = None) -> int | None:
    """``"100,000"`` -> 100000, ``"1.5", "million"`` -> 1500000, ``"two"`` -> 2."""
    low = " ".join(text.lower().split())
    if low in _WORDS:
        value: float = _WORDS[low]
    else:
        digits = re.sub(r"[,\u202f\u00a0 ]", "", low)
        try:
            value = float(digits)
        except ValueError:
            return None
    if scale:
        value *= _SCALE[scale.lower()]
    return round(value)


def quantities(sentence: str) -> list[Quantity]:
    """Counted things in ``sentence`` ("about 100,000 soldiers"), in order."""
    out = []
    for m in _QUANTITY.finditer(fold(sentence)):
        num, unit = sentence[m.start("num"):m.end("num")], sentence[m.start("unit"):m.end("unit")]
        scale = sentence[m.start("scale"):m.end("scale")] if m["scale"] else None
        value = parse_number(num, scale)
        if value is None or _is_year(num, scale):
            continue
        out.append(Quantity(value, unit.lower(), m.start(), m.end()))
    return out


def fatalities(sentence: str) -> int | None:
    """How many were killed, when the sentence says so with a number; else None."""
    for pattern in _FATALITIES:
        m = pattern.search(sentence)
        if m:
            value = parse_number(m["num"], m["scale"])
            if value is not None and not _is_year(m["num"], m["scale"]):
                return value
    return None


def _is_year(num: str, scale: str | None) -> bool:
    return not scale and num.isdigit() and len(num) == 4 and num.startswith(("19", "20"))


# --- casualties in English, Ukrainian and Russian --------------------------------------------

_CYR_NUMBERS = {
    1: "один одна одне одно одного одну одному",
    2: "два дві две двоє двое двох двух",
    3: "три троє трое трьох трёх трех",
    4: "чотири четверо четыре чотирьох четырёх четырех",
    5: "п'ять п’ять пять п'ятеро п’ятеро пятеро п'ятьох пятерых",
    6: "шість шесть шестеро", 7: "сім семь семеро", 8: "вісім восемь восьмеро",
    9: "дев'ять дев’ять девять", 10: "десять десятеро", 11: "одинадцять одиннадцать",
    12: "дванадцять двенадцать", 13: "тринадцять тринадцать", 14: "чотирнадцять четырнадцать",
    15: "п'ятнадцять пятнадцать", 20: "двадцять двадцать", 30: "тридцять тридцать",
    40: "сорок", 50: "п'ятдесят пятьдесят", 60: "шістдесят шестьдесят",
    70: "сімдесят семьдесят", 80: "вісімдесят восемьдесят", 90: "дев'яносто девяносто",
    100: "сто", 200: "двісті двести", 300: "триста", 400: "чотириста четыреста",
    500: "п'ятсот пятьсот",
}
_CYR_WORDS = {w: n for n, ws in _CYR_NUMBERS.items() for w in ws.split()}
_EN_UNITS = {k: v for k, v in _WORDS.items() if " " not in k}
_NUM_WORD = "|".join(sorted((re.escape(w) for w in (*_CYR_WORDS, *_EN_UNITS)), key=len,
                            reverse=True))
#: a number in digits or words, compounds included ("twenty-five", "двадцять п'ять")
_ANY_NUMBER = (rf"(?P<n>\d{{1,3}}(?:[,\u202f\u00a0 ]\d{{3}})+|\d+|"
               rf"(?:{_NUM_WORD})(?:[\s-]+(?:{_NUM_WORD}))*)(?!\w|-(?:річн|летн|year))")
_KILLED_WORD = (r"(?:killed|dead|died|загину\w*|загибл\w*|погиб\w*|вбит\w*|убит\w*|"
                r"загиблих|погибших)")
_QUALIFIER = (r"(?:at\s+least\s+|about\s+|some\s+|nearly\s+|щонайменше\s+|не\s+менше\s+|"
              r"не\s+менее\s+|по\s+меньшей\s+мере\s+|ще\s+|ещё\s+|еще\s+)?")
_CASUALTY_KILLED = (
    re.compile(rf"(?<!\w)(?:killing|killed|kills|left)\s+{_QUALIFIER}{_ANY_NUMBER}"),
    re.compile(rf"(?<!\w){_KILLED_WORD}\s+{_QUALIFIER}{_ANY_NUMBER}"),
    re.compile(rf"(?<!\w){_QUALIFIER}{_ANY_NUMBER}\s+(?:[\w'’-]+\s+){{0,3}}?"
               rf"(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+)?{_KILLED_WORD}"),
    re.compile(rf"(?:death\s+toll|кількість\s+загиблих|число\s+погибших)\s+(?:\w+\s+){{0,7}}?"
               rf"(?:to|of|at|reached|is|was|до|составило|становить)\s+{_ANY_NUMBER}"),
)
_ANY_KILLED = re.compile(r"kill|dead|died|death|загин|загибл|погиб|вбит|убит")
#: one person killed, said without a number
_ONE_KILLED = re.compile(
    r"(?<!\w)(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:man|woman|person|civilian|driver|child|"
    r"boy|girl|resident|farmer|soldier|pensioner)\s+(?:was|has\s+been|had\s+been)\s+killed|"
    r"killing\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:man|woman|person|civilian|driver|child|"
    r"boy|girl|resident|farmer|soldier|pensioner)|"
    r"(?:загину(?:в|ла)|погиб(?:ла)?|вбит(?:ий|а|о)|убит(?:а|ый)?)(?!\w))")
_INJURED_WORDS = (
    r"wound\w*|injur\w*|hurt|hospitali[sz]ed|поранен\w*|поранив\w*|постраждал\w*|"
    r"постраждав\w*|ранен\w*|ранени\w*|ранил\w*|пострадал\w*|травмова\w*")
_NO_CASUALTIES_WORDS = (
    r"no\s+(?:one|casualties|injuries|victims|deaths)|nobody\s+was|no-one\s+was|"
    r"without\s+casualties|без\s+(?:жертв|постраждалих|пострадавших|загиблих|погибших)|"
    r"(?:ніхто|никто)\s+не\s+(?:постраждав|пострадал|загинув|погиб)")
_INJURED = re.compile(rf"(?<!\w)(?:{_INJURED_WORDS})")
_NO_CASUALTIES = re.compile(rf"(?<!\w)(?:{_NO_CASUALTIES_WORDS})")

#: either of the two, as a letter trie that skips other letters at C speed (4x faster than
#: the two scans, measured on the event benchmarks' casualty windows)
_HURT_OR_SPARED = compile_table([_INJURED_WORDS, _NO_CASUALTIES_WORDS], after="").sparse


def number_words(text: str) -> int | None:
    """``"twenty-five"`` -> 25, ``"двадцять п'ять"`` -> 25, ``"1,000"`` -> 1000."""
    low = text.lower().replace("’", "'")
    if low[:1].isdigit():
        return parse_number(low)
    total = 0
    for word in re.split(r"[\s-]+", low):
        value = _CYR_WORDS.get(word, _CYR_WORDS.get(word.replace("'", "’")))
        if value is None:
            value = _EN_UNITS.get(word)
        if value is None:
            return None
        total += value
    return total


def killed(text: str) -> int | None:
    """The number killed in ``text`` (three languages); None when it says no number."""
    text = text.lower()  # the patterns are lower-case (faster than IGNORECASE)
    if not _ANY_KILLED.search(text):  # most sentences: one cheap scan
        return None
    for pattern in _CASUALTY_KILLED:
        for m in pattern.finditer(text):
            value = number_words(m["n"])
            if value is not None and not _is_year(m["n"], None):
                return value
    if _ONE_KILLED.search(text):
        return 1
    return None


def casualty_figure(text: str) -> int | None:
    """ACLED fatalities: the number killed; 0 for injuries only or "no casualties"; None when
    the text says nothing about people hurt."""
    value = killed(text)
    if value is not None:
        return value
    text = text.lower()
    if _HURT_OR_SPARED.search(text):
        return 0
    return None


def people_hurt(text: str) -> bool:
    """Whether people were killed or injured (the victims are then ACLED's actor 2)."""
    text = text.lower()
    return bool((killed(text) or 0) > 0 or _INJURED.search(text)) and not (
        _NO_CASUALTIES.search(text) and not killed(text))
