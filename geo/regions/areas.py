"""Admin polygons (admin-1 units and countries) as one GeoDataFrame with spatial indexes.

Loaded from the built gazetteer index (WKB, ~0.05 s) when there is one, else from the shipped
boundary files ``admin1.geojson.gz`` / ``countries.geojson.gz`` (~1 s). Tests build
:class:`AdminAreas` from their own shapely polygons with :meth:`AdminAreas.from_records`.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.errors import IndexCorruptError, InputError, InputFileError

#: The two admin levels, finest first.
LEVELS = ("admin1", "country")

#: Frame columns besides ``geometry``.
COLUMNS = ("id", "level", "cc", "code", "name", "label")


@dataclass(frozen=True, slots=True)
class Region:
    """One admin unit: an admin-1 unit (``code`` is its GeoNames admin-1 code) or a country."""

    id: int
    level: str  # "admin1" or "country"
    cc: str
    code: str  # GeoNames admin-1 code, "" for a country
    name: str

    @property
    def label(self) -> str:
        """A human name: "Donetsk Oblast, UA" for an admin-1 unit, "Ukraine" for a country."""
        return f"{self.name}, {self.cc}" if self.level == "admin1" and self.cc else self.name

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "level": self.level, "cc": self.cc, "code": self.code,
                "name": self.name, "label": self.label}


@dataclass(frozen=True)
class AdminAreas:
    """Admin-1 and country polygons (``frame``: a GeoDataFrame in EPSG:4326, one row per unit,
    admin-1 rows first) and an STRtree per level, built once."""

    frame: Any
    _trees: dict[str, tuple[Any, Any]] = field(default_factory=dict, repr=False, compare=False)

    # ----------------------------------------------------------------- construction
    @classmethod
    def from_records(cls, records: Iterable[tuple[Region, Any]]) -> AdminAreas:
        """Areas from ``(Region, shapely polygon)`` pairs (invalid polygons are repaired)."""
        import geopandas as gpd
        import shapely

        rows: list[dict[str, Any]] = []
        geoms = []
        for region, geom in records:
            if region.level not in LEVELS:
                raise InputError(f"unknown admin level {region.level!r}; known: "
                                 f"{', '.join(LEVELS)}")
            if geom is None or geom.is_empty:
                continue
            if not geom.is_valid:
                geom = shapely.make_valid(geom)
            rows.append({**region.to_dict()})
            geoms.append(geom)
        order = sorted(range(len(rows)), key=lambda i: (LEVELS.index(rows[i]["level"]),
                                                        rows[i]["cc"], rows[i]["code"]))
        frame = gpd.GeoDataFrame(
            [rows[i] for i in order], columns=list(COLUMNS),
            geometry=[geoms[i] for i in order], crs="EPSG:4326",
        ).reset_index(drop=True)
        return cls(frame)

    @classmethod
    def from_gazetteer(cls, gazetteer: Any) -> AdminAreas:
        """The polygons a built gazetteer index holds (its ``shapes`` table)."""
        import shapely

        try:
            rows = gazetteer._query(  # the index's own reader: same errors, same connection
                "SELECT p.id, s.level, p.cc, p.admin1, p.name, s.wkb FROM shapes s "
                "JOIN places p ON p.idx = s.place_idx")
        except AttributeError as exc:
            raise IndexCorruptError("this gazetteer has no polygons") from exc
        geoms = shapely.from_wkb([r[5] for r in rows])
        return cls.from_records(
            (Region(int(r[0]), r[1], r[2], r[3] if r[1] == "admin1" else "", r[4]), g)
            for r, g in zip(rows, geoms, strict=True))

    @classmethod
    def from_geojson(cls, admin1: str | Path | None, countries: str | Path | None) -> AdminAreas:
        """Areas from the boundary files' format (plain or gzipped GeoJSON; properties
        ``id, cc, admin1_code, name``); either file may be None."""
        import shapely

        records: list[tuple[Region, Any]] = []
        for level, path in (("admin1", admin1), ("country", countries)):
            if path is None:
                continue
            for props, geometry in _read_features(Path(path)):
                try:
                    geom = shapely.from_geojson(json.dumps(geometry))
                    region = Region(int(props.get("id") or 0), level,
                                    str(props.get("cc") or "").upper(),
                                    str(props.get("admin1_code") or "") if level == "admin1"
                                    else "", str(props.get("name") or ""))
                except (TypeError, ValueError, shapely.errors.GEOSException) as exc:
                    raise InputError(f"{path}: bad feature {props!r} ({exc})") from exc
                records.append((region, geom))
        return cls.from_records(records)

    # ----------------------------------------------------------------- access
    def __len__(self) -> int:
        return len(self.frame)

    def region(self, i: int) -> Region:
        """The unit in row ``i`` of :attr:`frame`."""
        r = self.frame.iloc[int(i)]
        return Region(int(r["id"]), r["level"], r["cc"], r["code"], r["name"])

    def regions(self, level: str | None = None) -> list[Region]:
        """Every unit (of one ``level``), in frame order."""
        df = self.frame if level is None else self.frame[self.frame["level"] == level]
        return [Region(int(i), lv, cc, code, name) for i, lv, cc, code, name in
                zip(df["id"], df["level"], df["cc"], df["code"], df["name"], strict=True)]

    def rows_of(self, level: str) -> Sequence[int]:
        """Frame row numbers of one level."""
        import numpy as np

        return np.flatnonzero((self.frame["level"] == level).to_numpy())

    def tree(self, level: str) -> tuple[Any, Any]:
        """``(STRtree over the level's polygons, their frame row numbers)``, built once."""
        import shapely

        if level not in LEVELS:
            raise InputError(f"unknown admin level {level!r}; known: {', '.join(LEVELS)}")
        got = self._trees.get(level)
        if got is None:
            rows = self.rows_of(level)
            geoms = self.frame.geometry.array[rows]
            got = self._trees[level] = (shapely.STRtree(list(geoms)), rows)
        return got

    def find(self, name: str, *, gazetteer: Any = None) -> list[int]:
        """Frame rows of the units ``name`` means: an exact name, label, code ("UA", "UA.05"),
        else through the gazetteer's names and aliases ("Donetsk region", "Донецька
        область"; no fuzzy matches). [] when nothing matches."""
        from geo.store.names import name_key

        key = name_key(name)
        if not key:
            return []
        df = self.frame
        hits = [i for i, (lvl, cc, code, nm, label) in enumerate(zip(
            df["level"], df["cc"], df["code"], df["name"], df["label"], strict=True))
            if key in (name_key(nm), name_key(label))
            or (lvl == "country" and name.strip().upper() == cc)
            or (lvl == "admin1" and name.strip().upper() == f"{cc}.{code}".upper())]
        if hits or gazetteer is None:
            return hits
        by_id = {int(v): i for i, v in enumerate(df["id"])}
        for c in gazetteer.lookup(name, limit=20):
            if c.match != "fuzzy" and c.place.kind in LEVELS and c.place.id in by_id:
                return [by_id[c.place.id]]
        return []

    def suggest(self, name: str, *, limit: int = 5) -> list[str]:
        """Unit labels close to ``name`` (for an "unknown region" message)."""
        from geo.store.names import closest

        return closest(name, list(self.frame["label"]), limit=limit)


def load_areas(*, gazetteer: Any = None, data_dir: str | Path | None = None) -> AdminAreas:
    """The admin polygons: from ``gazetteer`` (a built index) when given, else from the boundary
    files in ``data_dir`` (default :func:`geo._paths.data_dir`)."""
    if gazetteer is not None and gazetteer.meta.get("shapes", "0") != "0":
        return AdminAreas.from_gazetteer(gazetteer)
    from geo import _paths

    base = Path(data_dir) if data_dir is not None else _paths.data_dir()
    found = {lv: _first(base, stem) for lv, stem in (("admin1", "admin1"),
                                                     ("country", "countries"))}
    if not any(found.values()):
        raise InputFileError(f"no boundary files (admin1.geojson.gz, countries.geojson.gz) in "
                             f"{base}")
    return AdminAreas.from_geojson(found["admin1"], found["country"])


def _first(base: Path, stem: str) -> Path | None:
    for name in (f"{stem}.geojson.gz", f"{stem}.geojson"):
        if (base / name).is_file():
            return base / name
    return None


def _read_features(path: Path) -> list[tuple[Mapping[str, Any], Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            doc = json.load(fh)
    except FileNotFoundError as exc:
        raise InputFileError(f"no such boundary file: {path}") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read boundary file {path}: {exc}") from exc
    feats = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(feats, list):
        raise InputError(f"{path} is not a GeoJSON FeatureCollection")
    return [(f.get("properties") or {}, f.get("geometry")) for f in feats
            if isinstance(f, dict) and f.get("geometry")]
