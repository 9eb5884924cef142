"""Named parties in an event sentence: "Russian troops", "German and French officials",
"the Security Council", "European leaders", "protesters".

Each :class:`Actor` has a ``kind`` (military, government, organisation, armed group, police,
protesters, rioters, civilians, leaders, person) so an event keeps only the parties its type
involves: a meeting's officials, not the troops it discussed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.events._fold import fold

__all__ = ["COUNTRY_OF_ADJECTIVE", "Actor", "find_actors"]

#: nationality adjective -> country name (ACLED spelling)
COUNTRY_OF_ADJECTIVE = {
    "russian": "Russia", "ukrainian": "Ukraine", "german": "Germany", "french": "France",
    "american": "United States", "us": "United States", "u.s.": "United States",
    "british": "United Kingdom", "uk": "United Kingdom", "polish": "Poland", "dutch": "Netherlands",
    "italian": "Italy", "spanish": "Spain", "belarusian": "Belarus", "chinese": "China",
    "iranian": "Iran", "israeli": "Israel", "palestinian": "Palestine", "syrian": "Syria",
    "turkish": "Turkey", "sudanese": "Sudan", "iraqi": "Iraq", "lebanese": "Lebanon",
    "yemeni": "Yemen", "afghan": "Afghanistan", "pakistani": "Pakistan", "indian": "India",
    "malian": "Mali", "nigerian": "Nigeria", "ethiopian": "Ethiopia", "somali": "Somalia",
    "congolese": "Democratic Republic of Congo", "georgian": "Georgia", "moldovan": "Moldova",
    "romanian": "Romania", "hungarian": "Hungary", "finnish": "Finland", "swedish": "Sweden",
    "norwegian": "Norway", "danish": "Denmark", "estonian": "Estonia", "latvian": "Latvia",
    "lithuanian": "Lithuania", "czech": "Czech Republic", "slovak": "Slovakia",
    "canadian": "Canada", "japanese": "Japan", "korean": "South Korea",
    "north korean": "North Korea", "south korean": "South Korea", "egyptian": "Egypt",
    "saudi": "Saudi Arabia", "qatari": "Qatar", "venezuelan": "Venezuela",
    "colombian": "Colombia", "mexican": "Mexico", "brazilian": "Brazil",
}
_MILITARY = ("troops", "forces", "army", "soldiers", "military", "servicemen", "units",
             "artillery", "paratroopers", "marines", "navy", "air force", "aircraft", "drones",
             "brigade", "battalion", "defenders", "border guards", "armed forces", "jets")
_GOVERNMENT = ("officials", "government", "ministers", "minister", "diplomats", "delegation",
               "delegations", "president", "prime minister", "chancellor", "authorities",
               "counterparts", "foreign ministry", "envoy", "ambassador")
_POLICE = ("police", "riot police", "security forces", "national guard")

#: organisations and groups -> (actor name, kind)
_NAMED = {
    "un security council": ("United Nations Security Council", "organisation"),
    "security council": ("Security Council", "organisation"),
    "united nations": ("United Nations", "organisation"),
    "nato": ("NATO: North Atlantic Treaty Organization", "organisation"),
    "european union": ("European Union", "organisation"),
    "eu": ("European Union", "organisation"),
    "osce": ("OSCE: Organization for Security and Co-operation in Europe", "organisation"),
    "iaea": ("IAEA: International Atomic Energy Agency", "organisation"),
    "red cross": ("International Committee of the Red Cross", "organisation"),
    "african union": ("African Union", "organisation"),
    "kremlin": ("Government of Russia", "government"),
    "pentagon": ("Military Forces of United States", "military"),
    "wagner group": ("Wagner Group", "armed group"),
    "wagner": ("Wagner Group", "armed group"),
    "hamas": ("Hamas", "armed group"),
    "hezbollah": ("Hezbollah", "armed group"),
    "houthis": ("Ansar Allah (Houthis)", "armed group"),
    "islamic state": ("Islamic State", "armed group"),
    "isis": ("Islamic State", "armed group"),
    "taliban": ("Taliban", "armed group"),
    "al-shabaab": ("Al Shabaab", "armed group"),
    "rapid support forces": ("Rapid Support Forces", "armed group"),
    "rsf": ("Rapid Support Forces", "armed group"),
    "m23": ("M23: March 23 Movement", "armed group"),
}
_GROUPS = {
    "protesters": ("Protesters", "protesters"), "protestors": ("Protesters", "protesters"),
    "demonstrators": ("Protesters", "protesters"), "rioters": ("Rioters", "rioters"),
    "civilians": ("Civilians", "civilians"), "residents": ("Civilians", "civilians"),
    "villagers": ("Civilians", "civilians"), "militants": ("Unidentified Armed Group",
                                                           "armed group"),
    "gunmen": ("Unidentified Armed Group", "armed group"),
    "rebels": ("Rebels", "armed group"),
    "police": ("Police Forces", "police"),
}
_REGIONAL = {"european": "European", "western": "Western", "world": "World",
             "african": "African", "arab": "Arab", "g7": "G7", "nato": "NATO", "eu": "EU"}

_ADJ = "|".join(sorted((re.escape(a) for a in COUNTRY_OF_ADJECTIVE), key=len, reverse=True))
_ROLE = "|".join(sorted((re.escape(r) for r in (*_MILITARY, *_GOVERNMENT, *_POLICE)),
                        key=len, reverse=True))
# the four patterns below match folded text (geo.events._fold: as IGNORECASE, 5x faster);
# "Russian troops", "German and French officials", "Polish, Dutch and Italian leaders"
_NATIONAL = re.compile(
    rf"(?<!\w)(?=\w)(?P<adjs>(?:(?:{_ADJ})(?:\s*,\s*|\s+and\s+))*(?:{_ADJ}))\s+"
    rf"(?:(?:[a-z-]+)\s+)?(?P<role>{_ROLE}|leaders?)\b")
_OF_COUNTRY = re.compile(rf"\b(?P<role>{_ROLE})\s+of\s+(?P<country>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)")
_NAMED_RE = re.compile(r"\b(?:" + "|".join(sorted((re.escape(k) for k in _NAMED), key=len,
                                                   reverse=True)) + r")\b")
_GROUP_RE = re.compile(r"\b(?:" + "|".join(_GROUPS) + r")\b")
_LEADERS = re.compile(r"\b(?P<who>" + "|".join(_REGIONAL) + r")\s+(?:leaders|officials|allies|"
                      r"ministers|heads of state)\b")
_TITLE = (r"(?:President|Prime\s+Minister|Chancellor|Foreign\s+Minister|Secretary\s+of\s+State|"
          r"Secretary[- ]General|King|Pope|envoy)\s+")
_NAME = r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2}"
# "a meeting with Zelensky", "talks between Vladimir Putin and Donald Trump"
_PERSON = re.compile(rf"\b(?:with|between|and)\s+(?:{_TITLE})?(?P<name>{_NAME})")
_NOT_PERSON = frozenset(("The", "A", "An", "His", "Her", "Their", "Its", "This", "That", "It",
                         "He", "She", "They", "We", "Monday", "Tuesday", "Wednesday",
                         "Thursday", "Friday", "Saturday", "Sunday"))


@dataclass(frozen=True, slots=True)
class Actor:
    """A party to an event: its ACLED-style name, its kind, and where the sentence names it."""

    name: str
    kind: str
    start: int


def find_actors(sentence: str, *, places: frozenset[str] = frozenset()) -> list[Actor]:
    """The parties ``sentence`` names, in order of appearance, each once.

    ``places`` are surfaces the geoparser resolved in the sentence: they are never persons.
    """
    found: list[Actor] = []
    folded = fold(sentence)

    def said(m: re.Match[str], group: int | str = 0) -> str:  # as the sentence writes it
        return sentence[m.start(group):m.end(group)]

    for m in _NATIONAL.finditer(folded):
        role = said(m, "role").lower()
        kind = _role_kind(role)
        # split and looked up in the folded text the pattern matched ("UKRAINIAN AND
        # POLISH", an "ſ" for "s"): the sentence's own case would miss the table's keys
        for adj in re.split(r"\s*,\s*|\s+and\s+", m["adjs"]):
            country = COUNTRY_OF_ADJECTIVE[adj]
            found.append(Actor(_actor_name(kind, country), kind, m.start()))
    for m in _OF_COUNTRY.finditer(sentence):
        kind = _role_kind(m["role"].lower())
        found.append(Actor(_actor_name(kind, m["country"]), kind, m.start()))
    for m in _LEADERS.finditer(folded):
        found.append(Actor(f"{_REGIONAL[m['who']]} leaders", "leaders", m.start()))
    for m in _NAMED_RE.finditer(folded):
        word = said(m)
        name, kind = _NAMED[m.group()]
        if word.isupper() or word[0].isupper():  # "eu", "isis" in lower case: words
            found.append(Actor(name, kind, m.start()))
    for m in _GROUP_RE.finditer(folded):
        name, kind = _GROUPS[m.group()]
        found.append(Actor(name, kind, m.start()))
    for m in _PERSON.finditer(sentence):
        name = m["name"]
        first = name.split()[0]
        low = first.lower()
        if (first in _NOT_PERSON or low in COUNTRY_OF_ADJECTIVE or low in _REGIONAL
                or name.lower() in _NAMED or low in _NAMED
                or any(name in p or p in name for p in places)):
            continue
        found.append(Actor(name, "person", m.start("name")))
    found.sort(key=lambda a: a.start)
    seen: set[str] = set()
    out = []
    for a in found:
        if a.name not in seen and not _inside_longer(a, found):
            seen.add(a.name)
            out.append(a)
    return out


def _inside_longer(actor: Actor, found: list[Actor]) -> bool:
    # "UN Security Council" also matches "Security Council": keep the longer one
    return actor.name == "Security Council" and any(
        a.name == "United Nations Security Council" for a in found)


def _role_kind(role: str) -> str:
    if role in _MILITARY:
        return "military"
    if role in _POLICE:
        return "police"
    return "government"  # officials, ministers, leaders...


def _actor_name(kind: str, country: str) -> str:
    if kind == "military":
        return f"Military Forces of {country}"
    if kind == "police":
        return f"Police Forces of {country}"
    return f"Government of {country}"
