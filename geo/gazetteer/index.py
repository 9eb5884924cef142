"""Querying the prebuilt gazetteer index: names -> ranked places, points -> places.

Opening is cheap (a memory-mapped trie and a read-only SQLite file); places and candidate
lists are cached per instance, so the geoparser's repeated probes cost microseconds.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from geo import _checks, _paths
from geo._names import normalise
from geo.errors import IndexCorruptError, IndexMissingError, InputError, InputTypeError
from geo.gazetteer import _format as F
from geo.gazetteer._integrity import Verified, check_full, check_sampled
from geo.geodesy import deg_lat, deg_lon, distance_km, great_circle_km
from geo.model import KINDS, Candidate, Place

#: longest name a lookup accepts (a place name, not a document)
MAX_NAME_CHARS = 300
_CACHE_LIMIT = 200_000
_PLACE_COLS = "p.idx, p.id, p.name, p.kind, p.cc, p.admin1, p.admin1_name, p.lat, p.lon, " \
              "p.population, p.importance, p.word"


@dataclass(frozen=True, slots=True)
class Reverse:
    """What is at a point: the nearest settlements, and the admin-1 unit and country around it."""

    lat: float
    lon: float
    nearest: tuple[Candidate, ...]
    admin1: Place | None
    country: Place | None

    def to_dict(self) -> dict:
        return {
            "lat": self.lat,
            "lon": self.lon,
            "nearest": [c.to_dict() for c in self.nearest],
            "admin1": self.admin1.to_dict() if self.admin1 else None,
            "country": self.country.to_dict() if self.country else None,
        }


def check_name(name: object) -> str:
    """Validate a place name from a user; returns it stripped or raises :class:`InputError`."""
    if not isinstance(name, str):
        raise InputTypeError(f"a place name must be a string, not {type(name).__name__}")
    if len(name) > MAX_NAME_CHARS:
        raise InputError(f"place name too long ({len(name):,} characters, at most "
                         f"{MAX_NAME_CHARS})")
    stripped = name.strip()
    if not stripped:
        raise InputError("empty place name")
    if any(unicodedata.category(c) == "Cc" for c in stripped):
        raise InputError("place name contains control characters")
    return stripped


def check_point(lat: object, lon: object) -> tuple[float, float]:
    """Validate a coordinate pair; returns floats or raises :class:`InputError`."""
    try:
        la, lo = float(lat), float(lon)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(f"invalid coordinates {lat!r},{lon!r}: not numbers") from None
    if not (math.isfinite(la) and math.isfinite(lo)):
        raise InputError(f"invalid coordinates {la},{lo}: not finite")
    if not -90.0 <= la <= 90.0:
        raise InputError(f"invalid latitude {la}: must be within -90..90")
    if not -180.0 <= lo <= 180.0:
        raise InputError(f"invalid longitude {lo}: must be within -180..180")
    return la, lo


def _check_kind(kind: str | None) -> None:
    if kind is not None and kind not in KINDS:
        raise InputError(f"unknown kind {kind!r}: one of {', '.join(KINDS)}")


class Gazetteer:
    """The offline gazetteer: ranked candidates for names, places near points.

    Open it with :meth:`open`; build the index first with ``geo gazetteer build``.
    """

    def __init__(self, path: Path, trie, fuzzy_trie, db: sqlite3.Connection, meta: dict[str, str]):
        self.path = path
        self.meta = meta
        self._trie = trie
        self._fuzzy = fuzzy_trie
        self._db = db
        self._places: dict[int, Place] = {}  # row index -> Place
        self._cands: dict[str, tuple[Candidate, ...]] = {}
        self._countries: frozenset[str] | None = None
        self._geoms: dict[int, object] = {}
        self._within: dict[int, tuple[int, ...]] | None = None
        self._units: frozenset[int] | None = None

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, *,
             build_if_missing: bool = False) -> Gazetteer:
        """Open a built index (default :func:`geo._paths.index_dir`).

        Raises :class:`IndexMissingError` when there is none (unless ``build_if_missing``)
        and :class:`IndexCorruptError` when it cannot be read.
        """
        p = Path(_checks.path(path, "Gazetteer.open()")) if path is not None else \
            _paths.index_dir()
        if not (p / F.MANIFEST_FILE).is_file():
            if not build_if_missing:
                raise IndexMissingError(
                    f"no gazetteer index at {p}: run `geo gazetteer build`")
            from geo.gazetteer.build import build_index

            build_index(p)
        return cls._open(p)

    @classmethod
    def _open(cls, p: Path) -> Gazetteer:
        import marisa_trie

        try:
            manifest = json.loads((p / F.MANIFEST_FILE).read_text(encoding="utf-8"))
            version = manifest.get("format_version")
            files = manifest["files"]
        except (OSError, ValueError, KeyError, AttributeError) as exc:
            raise IndexCorruptError(f"gazetteer index {p} is unreadable (manifest: {exc}): "
                                    "rebuild it with `geo gazetteer build`") from exc
        if version != F.FORMAT_VERSION:
            raise IndexCorruptError(
                f"gazetteer index {p} has format {version}, this geo reads {F.FORMAT_VERSION}: "
                "rebuild it with `geo gazetteer build`")
        if not isinstance(files, dict):
            raise IndexCorruptError(f"gazetteer index {p} has an unreadable manifest: "
                                    "rebuild it with `geo gazetteer build`")
        check_sampled(p, files)  # sizes and a few block checksums: cheap, every open
        try:
            trie = marisa_trie.Trie()
            trie.mmap(str(p / F.KEYS_FILE))
            fuzzy = marisa_trie.Trie()
            fuzzy.mmap(str(p / F.FUZZY_FILE))
            uri = (p / F.DB_FILE).resolve().as_uri() + "?mode=ro&immutable=1"
            db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            meta = dict(db.execute("SELECT k, v FROM meta").fetchall())
        except (OSError, RuntimeError, ValueError, sqlite3.Error) as exc:
            raise IndexCorruptError(f"gazetteer index {p} is unreadable ({exc}): "
                                    "rebuild it with `geo gazetteer build`") from exc
        if meta.get("format_version") != str(F.FORMAT_VERSION):
            raise IndexCorruptError(f"gazetteer index {p} has no valid meta table: rebuild it")
        return cls(p, trie, fuzzy, db, meta)

    @staticmethod
    def verify(path: str | os.PathLike[str] | None = None) -> Verified:
        """Check every byte of the index against its manifest's checksums (``geo gazetteer
        verify``); :class:`IndexCorruptError` names the damaged file and bytes."""
        p = Path(path) if path is not None else _paths.index_dir()
        if not (p / F.MANIFEST_FILE).is_file():
            raise IndexMissingError(f"no gazetteer index at {p}: run `geo gazetteer build`")
        try:
            files = json.loads((p / F.MANIFEST_FILE).read_text(encoding="utf-8"))["files"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise IndexCorruptError(f"gazetteer index {p} is unreadable (manifest: {exc}): "
                                    "rebuild it with `geo gazetteer build`") from exc
        if not isinstance(files, dict):
            raise IndexCorruptError(f"gazetteer index {p} has an unreadable manifest: "
                                    "rebuild it with `geo gazetteer build`")
        return check_full(p, files)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _query(self, sql: str, params: tuple = ()) -> list[tuple]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise IndexCorruptError(f"gazetteer index {self.path} is corrupt ({exc}): "
                                    "rebuild it with `geo gazetteer build`") from exc

    # --- places -----------------------------------------------------------------------------

    def _place(self, row: tuple) -> Place:
        idx = row[0]
        place = self._places.get(idx)
        if place is None:
            place = Place(id=row[1], name=row[2], kind=row[3], cc=row[4], admin1=row[5],
                          admin1_name=row[6], lat=row[7], lon=row[8], population=row[9])
            self._places[idx] = place
        return place

    def get(self, place_id: int) -> Place | None:
        """The place with this id, or None."""
        try:
            place_id = int(place_id)
        except (TypeError, ValueError):
            raise InputTypeError(f"Gazetteer.get() wants a place id (int), not {place_id!r}"
                                 ) from None
        rows = self._query(f"SELECT {_PLACE_COLS} FROM places p WHERE p.id = ?", (place_id,))
        return self._place(rows[0]) if rows else None

    def _idx_of(self, place_id: int) -> int | None:
        rows = self._query("SELECT idx FROM places WHERE id = ?", (int(place_id),))
        return rows[0][0] if rows else None

    def country(self, cc: str) -> Place | None:
        """The country with this ISO 3166-1 alpha-2 code, or None."""
        rows = self._query(f"SELECT {_PLACE_COLS} FROM places p WHERE p.cc = ? AND "
                           "p.kind = 'country'", (str(cc).strip().upper(),))
        return self._place(rows[0]) if rows else None

    def admin1(self, cc: str, admin1_code: str) -> Place | None:
        """The admin-1 unit with this GeoNames code in this country ("UA", "05"), or None."""
        rows = self._query(f"SELECT {_PLACE_COLS} FROM places p WHERE p.cc = ? AND "
                           "p.kind = 'admin1' AND p.admin1 = ?",
                           (str(cc).strip().upper(), str(admin1_code).strip()))
        return self._place(rows[0]) if rows else None

    def names_of(self, place_id: int) -> tuple[str, ...]:
        """Every name of a place the index holds, primary first."""
        place = self.get(place_id)
        if place is None:
            return ()
        rows = self._query("SELECT DISTINCT q.name FROM postings q JOIN places p "
                           "ON p.idx = q.place_idx WHERE p.id = ? AND q.name IS NOT NULL",
                           (int(place_id),))
        rest = sorted({r[0] for r in rows} - {place.name})
        return (place.name, *rest)

    def admin2_of(self, place_id: int) -> tuple[int, ...]:
        """Ids of the admin-2 units (raion, hromada, okrug) a settlement lies in, as the
        gazetteer's codifier says (empty when unknown: most places have no such record).
        Read whole on first use: a few thousand pairs."""
        if self._within is None:
            within: dict[int, list[int]] = {}
            try:
                rows = self._db.execute(
                    "SELECT p.id, u.id FROM within w JOIN places p ON p.idx = w.place_idx "
                    "JOIN places u ON u.idx = w.unit_idx").fetchall()
            except sqlite3.OperationalError:  # an index built before the table existed
                rows = []
            for pid, uid in rows:
                within.setdefault(pid, []).append(uid)
            self._within = {k: tuple(v) for k, v in within.items()}
        return self._within.get(int(place_id), ())

    def admin2_units(self) -> frozenset[int]:
        """Ids of the admin-2 units whose settlements the index records (:meth:`admin2_of`)."""
        self.admin2_of(0)
        assert self._within is not None
        if self._units is None:
            self._units = frozenset(u for units in self._within.values() for u in units)
        return self._units

    def country_codes(self) -> frozenset[str]:
        """ISO codes of the countries in the index."""
        if self._countries is None:
            self._countries = frozenset(r[0] for r in self._query(
                "SELECT cc FROM places WHERE kind = 'country'"))
        return self._countries

    # --- names ------------------------------------------------------------------------------

    def has_key(self, key: str) -> bool:
        """Whether some place has a name with exactly this normalised key."""
        return key in self._trie

    def has_prefix(self, prefix: str) -> bool:
        """Whether some key starts with ``prefix``."""
        return next(self._trie.iterkeys(prefix), None) is not None

    def keys_with_prefix(self, prefix: str, limit: int = 50) -> list[str]:
        """Up to ``limit`` keys starting with ``prefix`` (in trie order)."""
        out = []
        for k in self._trie.iterkeys(prefix):
            out.append(k)
            if len(out) >= limit:
                break
        return out

    def candidates(self, key: str) -> tuple[Candidate, ...]:
        """Every place with a name whose key is exactly ``key``, best prior first.

        ``score`` combines the name match (primary > alternate) and the place's importance
        (kind, population): the one prior, of ``lookup`` and of the resolver, which scores
        a name's first ``MAX_CANDIDATES`` senses in this order. ``match`` is "primary",
        "native" (the name in another script or romanisation), "variant" (a derived
        romanisation) or "alternate" (historic, foreign).
        Cached per key.
        """
        cached = self._cands.get(key)
        if cached is not None:
            return cached
        key_id = self._trie.get(key)
        if key_id is None:
            return ()
        rows = self._query(
            f"SELECT {_PLACE_COLS}, q.match, q.name FROM postings q "
            "JOIN places p ON p.idx = q.place_idx WHERE q.key_id = ?", (key_id,))
        out = []
        for row in rows:
            place = self._place(row)
            match, name = row[12], row[13]
            weight = F.MATCH_WEIGHT[match]
            if match == F.PRIMARY and row[11]:
                weight = F.WORD_PRIMARY_WEIGHT
            out.append(Candidate(place=place, score=F.score(row[10], weight),
                                 matched=name or place.name, match=F.MATCH_NAMES[match]))
        out.sort(key=lambda c: (-c.score, -c.place.population, c.place.id))
        result = tuple(out)
        if len(self._cands) >= _CACHE_LIMIT:
            self._cands.clear()
        self._cands[key] = result
        return result

    def lookup(self, name: str, *, country: str | None = None, kind: str | None = None,
               near: tuple[float, float] | None = None, limit: int = 10,
               fuzzy: bool = True) -> list[Candidate]:
        """Places a name could mean, best first: exact > alternate > fuzzy (typos).

        ``country`` (ISO alpha-2) and ``kind`` filter; ``near=(lat, lon)`` re-ranks by
        distance and sets ``distance_km``. Bad input raises :class:`InputError`; a clean name
        with no match gives ``[]``.

        >>> gaz = Gazetteer.open()
        >>> [(c.place.name, c.place.cc, c.match) for c in gaz.lookup("Pokrovsk", limit=2)]
        [('Pokrovsk', 'UA', 'primary'), ('Pokrovsk', 'RU', 'primary')]
        >>> gaz.lookup("Kiev")[0].place.name
        'Kyiv'
        >>> gaz.lookup("Xyzzy", fuzzy=False)
        []
        """
        name = check_name(name)
        cc = self.check_country(country)
        _check_kind(kind)
        if near is not None:
            if isinstance(near, str) or not isinstance(near, tuple | list) or len(near) != 2:
                raise InputTypeError(f"near= wants (lat, lon), not {near!r}")
            near = check_point(*near)
        _checks.integer(limit, "limit=")
        if limit < 1:
            raise InputError(f"limit must be at least 1, not {limit}")
        key = normalise(name)
        if not key:
            return []

        def wanted(c: Candidate) -> bool:
            return (cc is None or c.place.cc == cc) and (kind is None or c.place.kind == kind)

        found = self.candidates(key)
        if not found and key.startswith("the "):
            found = self.candidates(key[4:])
        found = [c for c in found if wanted(c)]
        if not found and fuzzy:
            found = [c for c in self._fuzzy_candidates(key) if wanted(c)]
        if near is not None:
            found = self._rerank_near(found, near)
        return found[:limit]

    def check_country(self, country: str | None) -> str | None:
        """``country`` upper-cased if the index knows it (None passes); else InputError."""
        if country is None:
            return None
        cc = str(country).strip().upper()
        if len(cc) != 2 or not cc.isalpha() or cc not in self.country_codes():
            raise InputError(f"unknown country code {country!r} (use ISO 3166-1 alpha-2, "
                             "e.g. UA)")
        return cc

    def _fuzzy_candidates(self, key: str, *, cutoff: float = 0.8) -> list[Candidate]:
        """Candidates of keys within a small edit distance (transpositions count once)."""
        if len(key) < 4:
            return []
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        # a word of the name that is itself a name in the index is spelt right: a typo is
        # elsewhere, so "North Africa" may not become "North America"
        sound = [w for w in key.split(" ") if len(w) >= 4 and w in self._trie] \
            if " " in key else []
        bucket = [k for k in self._fuzzy.iterkeys(key[:2]) if abs(len(k) - len(key)) <= 2
                  and all(w in k.split(" ") for w in sound)]
        hits = process.extract(key, bucket, scorer=OSA.normalized_similarity,
                               score_cutoff=cutoff, limit=10)
        out: dict[int, Candidate] = {}
        for k, sim, _ in hits:
            for c in self.candidates(k):
                s = c.score * F.FUZZY_WEIGHT * sim
                prev = out.get(c.place.id)
                if prev is None or s > prev.score:
                    out[c.place.id] = Candidate(place=c.place, score=s, matched=c.matched,
                                                match="fuzzy")
        return sorted(out.values(), key=lambda c: (-c.score, -c.place.population, c.place.id))

    def _rerank_near(self, found: list[Candidate], near: tuple[float, float]) -> list[Candidate]:
        lat, lon = near
        out = []
        for c in found:
            d = distance_km(lat, lon, c.place.lat, c.place.lon)
            s = 0.5 * c.score + 0.5 * math.exp(-d / 300.0)
            out.append(Candidate(place=c.place, score=s, matched=c.matched, match=c.match,
                                 distance_km=d))
        out.sort(key=lambda c: (-c.score, c.distance_km))
        return out

    # --- points -----------------------------------------------------------------------------

    def _box(self, lat: float, lon: float, km: float, extra: str = "",
             params: tuple = ()) -> list[tuple]:
        dlat = deg_lat(km) + 0.01
        dlon = min(180.0, deg_lon(km, min(abs(lat) + dlat, 90.0)) + 0.01)
        ranges = []
        lo, hi = lon - dlon, lon + dlon
        if dlon >= 180.0:
            ranges.append((-180.0, 180.0))
        else:
            ranges.append((max(lo, -180.0), min(hi, 180.0)))
            if lo < -180.0:
                ranges.append((lo + 360.0, 180.0))
            if hi > 180.0:
                ranges.append((-180.0, hi - 360.0))
        rows = []
        for a, b in ranges:
            rows += self._in_rtree(lat - dlat, lat + dlat, a, b, extra, params)
        return rows

    def _in_rtree(self, south: float, north: float, west: float, east: float, extra: str,
                  params: tuple) -> list[tuple]:
        """Place rows whose R*Tree box meets a lat/lon box (``west <= east``), plus ``extra``."""
        return self._query(
            f"SELECT {_PLACE_COLS} FROM place_rtree r JOIN places p ON p.idx = r.idx "
            "WHERE r.minlat <= ? AND r.maxlat >= ? AND r.minlon <= ? AND r.maxlon >= ?"
            + extra, (north, south, east, west, *params))

    def near(self, lat: float, lon: float, *, km: float, kind: str | None = None,
             limit: int = 50) -> list[Candidate]:
        """Places within ``km`` (geodesic) of a point, nearest first, with ``distance_km``."""
        lat, lon = check_point(lat, lon)
        if not (km > 0 and math.isfinite(km)):
            raise InputError(f"radius must be a positive number of km, not {km}")
        _check_kind(kind)
        extra, params = (" AND p.kind = ?", (kind,)) if kind else ("", ())
        rows = self._box(lat, lon, km, extra, params)
        approx = sorted((great_circle_km(lat, lon, r[7], r[8]), r) for r in rows)
        out = []
        for d0, r in approx:
            if d0 > km * 1.01 or len(out) >= limit:
                break
            d = distance_km(lat, lon, r[7], r[8])
            if d <= km:
                place = self._place(r)
                out.append(Candidate(place=place, score=math.exp(-d / max(km, 1e-9)),
                                     matched=place.name, match="near", distance_km=d))
        out.sort(key=lambda c: c.distance_km)
        return out

    def places_in_box(self, south: float, west: float, north: float, east: float, *,
                      kind: str | None = None, limit: int | None = None) -> list[Place]:
        """Places whose point lies in a lat/lon box (edges included), most populous first.

        ``west > east`` means a box across the antimeridian. ``kind`` filters; ``limit`` keeps
        the first ones. Bad bounds raise :class:`InputError`; an empty box gives ``[]``.
        """
        south, west = check_point(south, west)
        north, east = check_point(north, east)
        if south > north:
            raise InputError(f"box south {south} is north of its north {north}")
        _check_kind(kind)
        if limit is not None and limit < 1:
            raise InputError(f"limit must be at least 1, not {limit}")
        spans = [(west, east)] if west <= east else [(west, 180.0), (-180.0, east)]
        extra, params = (" AND p.kind = ?", (kind,)) if kind else ("", ())
        found: dict[int, Place] = {}
        for a, b in spans:
            for r in self._in_rtree(south, north, a, b, extra, params):
                # the R*Tree rounds outwards: check the exact point
                if south <= r[7] <= north and a <= r[8] <= b:
                    found[r[0]] = self._place(r)
        out = sorted(found.values(), key=lambda p: (-p.population, p.id))
        return out if limit is None else out[:limit]

    def _nearest(self, lat: float, lon: float, *, kinds: tuple[str, ...],
                 limit: int) -> list[Candidate]:
        marks = ",".join("?" * len(kinds))
        for km in (10.0, 50.0, 200.0, 1000.0, 5000.0, 25000.0):
            rows = self._box(lat, lon, km, f" AND p.kind IN ({marks})", kinds)
            if len(rows) >= limit or km >= 25000.0:
                break
        approx = sorted((great_circle_km(lat, lon, r[7], r[8]), r) for r in rows)[: limit * 2]
        out = []
        for _, r in approx:
            place = self._place(r)
            d = distance_km(lat, lon, place.lat, place.lon)
            out.append(Candidate(place=place, score=1.0 / (1.0 + d), matched=place.name,
                                 match="near", distance_km=d))
        out.sort(key=lambda c: c.distance_km)
        return out[:limit]

    def reverse(self, lat: float, lon: float, *, limit: int = 5) -> Reverse:
        """The nearest settlements and the admin-1 unit and country containing a point.

        Containment uses the boundary polygons; a point outside every polygon (a coast the
        simplified outline cuts off) takes the nearest polygon within ~50 km; with no polygons
        in the index, the admin-1 and country of the nearest settlement.
        """
        lat, lon = check_point(lat, lon)
        if limit < 1:
            raise InputError(f"limit must be at least 1, not {limit}")
        nearest = tuple(self._nearest(lat, lon, kinds=("city", "site"), limit=limit))
        admin1 = self._containing(lat, lon, "admin1")
        country = self._containing(lat, lon, "country")
        if country is None and admin1 is not None:
            country = self.country(admin1.cc)
        if nearest and not self._has_shapes():
            top = nearest[0].place
            admin1 = admin1 or self.admin1(top.cc, top.admin1)
            country = country or self.country(top.cc)
        return Reverse(lat=lat, lon=lon, nearest=nearest, admin1=admin1, country=country)

    def _has_shapes(self) -> bool:
        return self.meta.get("shapes", "0") != "0"

    def _containing(self, lat: float, lon: float, level: str) -> Place | None:
        if not self._has_shapes():
            return None
        import shapely
        from shapely.geometry import Point

        pt = Point(lon, lat)
        for pad in (0.0, 0.5):
            rows = self._query(
                "SELECT s.place_idx FROM shape_rtree r JOIN shapes s ON s.place_idx = r.place_idx "
                "WHERE s.level = ? AND r.minlon <= ? AND r.maxlon >= ? AND r.minlat <= ? "
                "AND r.maxlat >= ?", (level, lon + pad, lon - pad, lat + pad, lat - pad))
            best, best_d = None, math.inf
            for (idx,) in rows:
                geom = self._geometry_of_idx(idx)
                if pad == 0.0:
                    if shapely.covers(geom, pt):
                        return self._place_by_idx(idx)
                else:
                    d = shapely.distance(geom, pt)
                    if d < best_d:
                        best, best_d = idx, d
            if pad and best is not None and best_d <= pad:
                return self._place_by_idx(best)
        return None

    def _place_by_idx(self, idx: int) -> Place:
        place = self._places.get(idx)
        if place is None:
            place = self._place(self._query(
                f"SELECT {_PLACE_COLS} FROM places p WHERE p.idx = ?", (idx,))[0])
        return place

    def _geometry_of_idx(self, idx: int):
        geom = self._geoms.get(idx)
        if geom is None:
            import shapely

            rows = self._query("SELECT wkb FROM shapes WHERE place_idx = ?", (idx,))
            if not rows:
                return None
            try:
                geom = shapely.from_wkb(rows[0][0])
                shapely.prepare(geom)
            except (shapely.errors.ShapelyError, ValueError, TypeError) as exc:
                raise IndexCorruptError(f"gazetteer index {self.path} holds a damaged polygon "
                                        f"({exc}): rebuild it with `geo gazetteer build`") from exc
            self._geoms[idx] = geom
        return geom

    def shapes_in(self, south: float, west: float, north: float, east: float,
                  level: str = "country") -> list[tuple[Place, object]]:
        """The (place, polygon) of every ``level`` unit ("country" or "admin1") whose box meets
        the given box: the bundled Natural Earth outlines a map draws as its offline base."""
        if not self._has_shapes():
            return []
        rows = self._query(
            "SELECT s.place_idx FROM shape_rtree r JOIN shapes s ON s.place_idx = r.place_idx "
            "WHERE s.level = ? AND r.minlon <= ? AND r.maxlon >= ? AND r.minlat <= ? "
            "AND r.maxlat >= ? ORDER BY s.place_idx", (level, east, west, north, south))
        out = []
        for (idx,) in rows:
            geom = self._geometry_of_idx(idx)
            if geom is not None:
                out.append((self._place_by_idx(idx), geom))
        return out

    def region_geometry(self, place_id: int):
        """The shapely polygon of an admin-1 unit or a country, or None (loaded on demand)."""
        idx = self._idx_of(place_id)
        return None if idx is None else self._geometry_of_idx(idx)
