"""Numbers in event sentences: "about 100,000 soldiers", "killed 12 people", "two drones".

:func:`quantities` finds counted things; :func:`killed` and :func:`casualty_figure` the number
killed, in English, Ukrainian and Russian. Numbers in digits or words in any case form are read
by :mod:`geo.events.numbers` ("one hundred and twelve", «двадцяти п'яти»); vague amounts
("dozens", "hundreds", "several") are not numbers and give nothing. A number is hostile input:
one above :data:`MAX_FATALITIES` or :data:`MAX_QUANTITY` is no figure (None), never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.events._alternation import compile_table
from geo.events.numbers import NUMBER, normal_text, read_number

__all__ = ["MAX_FATALITIES", "MAX_QUANTITY", "Quantity", "casualty_figure", "death_toll",
           "fatalities", "killed", "parse_number", "people_hurt", "quantities"]

#: the most people one event can kill: the deadliest single attacks on record, the atomic
#: bombings of 1945, killed about 140,000 (Hiroshima) and 74,000 (Nagasaki) by the end of that
#: year (Radiation Effects Research Foundation); a figure above a million is no event's
MAX_FATALITIES = 1_000_000
#: the most of anything one sentence can count (people, troops, drones, shells): above the
#: largest crowd ever claimed (India's 2020 general strike, 250 million) and every army, and
#: far inside SQLite's INTEGER (2**63 - 1), where the store keeps it
MAX_QUANTITY = 1_000_000_000

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
#: a number not right after a hyphen ("T-72 tanks", "Su-34 jets" name models, not counts),
#: tried only at a digit or a letter an English number word (or "a hundred") starts with: the
#: units are English
_COUNT = rf"(?<![\w-])(?=[\dotfsenhmba])(?P<num>{NUMBER})"
# up to two words between the number and the unit: "100,000 Russian soldiers"
_QUANTITY = re.compile(_COUNT + r"\s+(?:[a-z]+\s+){0,2}" + _UNIT)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A counted thing in a sentence, with its offsets there."""

    value: int
    unit: str
    start: int
    end: int


def parse_number(text: str, scale: str | None = None) -> int | None:
    """``"100,000"`` -> 100000, ``"1.5", "million"`` -> 1500000, ``"two"`` -> 2 (any size:
    the callers bound it)."""
    return read_number(f"{text} {scale}" if scale else text)


def quantities(sentence: str) -> list[Quantity]:
    """Counted things in ``sentence`` ("about 100,000 soldiers"), in order; a count above
    :data:`MAX_QUANTITY` is left out."""
    out = []
    for m in _QUANTITY.finditer(normal_text(sentence)):
        value = read_number(m["num"])
        if value is None or value > MAX_QUANTITY or _is_year(m["num"]):
            continue
        out.append(Quantity(value, m["unit"], m.start(), m.end()))
    return out


def fatalities(sentence: str) -> int | None:
    """How many were killed, when the sentence says so with a number; else None (as
    :func:`killed`)."""
    return killed(sentence)


def _is_year(num: str) -> bool:
    return num.isdigit() and len(num) == 4 and num.startswith(("19", "20"))


# --- casualties in English, Ukrainian and Russian --------------------------------------------

#: a number not right after a hyphen, and not followed by a percent
_ANY_NUMBER = rf"(?<!-)(?P<n>{NUMBER})(?!\s*(?:%|percent|per\s+cent|відсот|процент))"
_KILLED_WORD = (r"(?:killed|dead|died|загину\w*|загибл\w*|погиб\w*|вбит\w*|убит\w*|"
                r"загиблих|погибших)")
#: words before a figure that leave it the figure: ACLED records the stated lower bound of
#: "at least", "more than", «понад», «более» (its conservative-estimate rule)
_QUALIFIER = (r"(?:at\s+least\s+|about\s+|some\s+|nearly\s+|more\s+than\s+|over\s+|"
              r"щонайменше\s+|не\s+менше\s+|понад\s+|більше\s+(?:ніж\s+)?|близько\s+|"
              r"не\s+менее\s+|по\s+меньшей\s+мере\s+|более\s+|свыше\s+|около\s+|ще\s+|"
              r"ещё\s+|еще\s+)?")
#: a death toll's update: the final figure ("the death toll rose to 23")
_DEATH_TOLL = re.compile(
    rf"(?:death\s+toll|кількість\s+загиблих|число\s+погибших)\s+(?:\w+\s+){{0,7}}?"
    rf"(?:to|of|at|reached|is|was|до|составило|становить)\s+{_ANY_NUMBER}")
_CASUALTY_KILLED = (
    _DEATH_TOLL,  # first: in "killing 21 ..., the death toll rose to 23" the toll is final
    re.compile(rf"(?<!\w)(?:killing|killed|kills|left)\s+{_QUALIFIER}{_ANY_NUMBER}"),
    re.compile(rf"(?<!\w){_KILLED_WORD}\s+{_QUALIFIER}{_ANY_NUMBER}"),
    re.compile(rf"(?<!\w){_QUALIFIER}{_ANY_NUMBER}\s+(?:[\w'’-]+\s+){{0,3}}?"
               rf"(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+)?{_KILLED_WORD}"),
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


def killed(text: str) -> int | None:
    """The number killed in ``text`` (three languages); None when it says no number, or a
    number above :data:`MAX_FATALITIES` (no single event's)."""
    return _kill_figure(text)[1]


def _kill_figure(text: str) -> tuple[bool, int | None]:
    """Whether ``text`` gives a number killed, and that number (None when above
    :data:`MAX_FATALITIES`: a figure given, but not a credible one)."""
    if not _ANY_KILLED.search(text.lower()):  # most sentences: one cheap scan
        return False, None
    text = normal_text(text)  # the patterns are lower-case (faster than IGNORECASE)
    for pattern in _CASUALTY_KILLED:
        for m in pattern.finditer(text):
            value = read_number(m["n"])
            if value is not None and not _is_year(m["n"]):
                return True, value if value <= MAX_FATALITIES else None
    if _ONE_KILLED.search(text):
        return True, 1
    return False, None


def death_toll(text: str) -> int | None:
    """The figure a death toll's update gives ("the death toll has risen to twenty-three",
    «кількість загиблих зросла до 23»): the final one, which replaces an earlier report's;
    None without one, or above :data:`MAX_FATALITIES`."""
    if "death" not in text and "загибл" not in text and "погибш" not in text:
        low = text.lower()
        if "death" not in low and "загибл" not in low and "погибш" not in low:
            return None
    m = _DEATH_TOLL.search(normal_text(text))
    value = read_number(m["n"]) if m is not None and not _is_year(m["n"]) else None
    return value if value is not None and value <= MAX_FATALITIES else None


def casualty_figure(text: str) -> int | None:
    """ACLED fatalities: the number killed; 0 for injuries only or "no casualties"; None when
    the text says nothing about people hurt or gives an incredible number killed."""
    given, value = _kill_figure(text)
    if given:
        return value
    if _HURT_OR_SPARED.search(text.lower()):
        return 0
    return None


def people_hurt(text: str) -> bool:
    """Whether people were killed or injured (the victims are then ACLED's actor 2)."""
    text = text.lower()
    return bool((killed(text) or 0) > 0 or _INJURED.search(text)) and not (
        _NO_CASUALTIES.search(text) and not killed(text))
