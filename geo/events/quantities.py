"""Numbers in event sentences: "about 100,000 soldiers", "killed 12 people", "two drones".

:func:`quantities` finds counted things; :func:`fatalities` finds the number killed. Written
numbers up to twenty and "a hundred/thousand" are read; vague amounts ("dozens", "hundreds",
"several") are not numbers and give nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
_QUANTITY = re.compile(
    r"\b" + _NUMBER + r"\s+(?:(?:more|additional|extra|new|[A-Z][a-z]+|armed|"
    r"Russian|Ukrainian|foreign)\s+){0,2}" + _UNIT, re.IGNORECASE)
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
    for m in _QUANTITY.finditer(sentence):
        value = parse_number(m["num"], m["scale"])
        if value is None or _is_year(m["num"], m["scale"]):
            continue
        unit = m["unit"].lower()
        out.append(Quantity(value, unit, m.start(), m.end()))
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
