"""The name a map shows for a place: the spelling the news uses, by a general rule.

GeoNames' primary names for Ukrainian places are often older transliterations (Kupyansk,
Slovyansk, Zaporizhzhya) while the news writes the Ukrainian national transliteration of the
Ukrainian name (Kupiansk, Sloviansk, Zaporizhzhia; Cabinet of Ministers resolution 55 of
2010, the spelling the UN adopted in 2012). So for a place in Ukraine: transliterate each of
its Ukrainian-script names by that table, and show the one that (a) is attested among the
place's own Latin names, so a rare variant is never invented, and (b) is closest to the
primary name (one place carries names of neighbours and of history too). Otherwise the
primary name stays.
"""

from __future__ import annotations

from collections.abc import Iterable

from geo.model import Place

# KMU 2010 (resolution 55): letter -> (at the start of a word, elsewhere)
_KMU = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": ("ye", "ie"),
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": ("yi", "i"), "й": ("y", "i"), "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "",
    "ю": ("yu", "iu"), "я": ("ya", "ia"), "'": "", "’": "", "ʼ": "",
}
_RUSSIAN_ONLY = set("ыэъё")
#: a transliteration further than this share of the primary name's length (edit distance)
#: is another name of the place (a former or neighbouring one), not a spelling of it
MAX_DISTANCE_SHARE = 0.34


def ukrainian_latin(text: str) -> str:
    """``text`` (Ukrainian Cyrillic) in the national transliteration (KMU 2010)."""
    out: list[str] = []
    start = True
    lowered = text.lower()
    i = 0
    while i < len(text):
        ch, low = text[i], lowered[i]
        if low == "з" and lowered[i + 1:i + 2] == "г":  # зг -> zgh, not zh
            piece = "zgh"
            i += 2
            out.append(piece.capitalize() if ch.isupper() else piece)
            start = False
            continue
        rule = _KMU.get(low)
        if rule is None:
            out.append(ch)
            start = not ch.isalpha()
        else:
            piece = rule if isinstance(rule, str) else rule[0 if start else 1]
            out.append(piece.capitalize() if ch.isupper() and piece else piece)
            start = False
        i += 1
    return "".join(out)


def _is_ukrainian(name: str) -> bool:
    letters = {c for c in name.lower() if "\u0400" <= c <= "\u04ff"}
    return bool(letters) and not letters & _RUSSIAN_ONLY and letters <= set(_KMU) | {"'"}


def _distance(a: str, b: str) -> int:
    a, b = a.casefold(), b.casefold()
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def display_name(place: Place, names: Iterable[str]) -> str:
    """The name to show for ``place`` given all its names (see the module docstring)."""
    if place.cc != "UA":
        return place.name
    names = list(names)
    latin = {n.casefold() for n in names if n.isascii()}
    best, best_d = place.name, None
    for n in names:
        if not _is_ukrainian(n):
            continue
        t = ukrainian_latin(n)
        if t.casefold() not in latin:
            continue
        d = _distance(t, place.name)
        if d <= MAX_DISTANCE_SHARE * len(place.name) and (best_d is None or d < best_d):
            best, best_d = t, d
    return best
