"""Read dated front-line snapshots: GeoJSON (incl. the DeepState API format), KML, GeoPackage,
shapefiles.

Every file becomes one :class:`~geo.frontline.model.Snapshot` per date it holds (a file whose
features carry several dates, like the unified cyterat dataset, becomes several). Features are
sorted into layers by their name, by one rule for every DeepState naming era and analysts' words
(:mod:`geo.frontline.layers`); KML folder and GeoPackage layer names count too. A file whose
polygons carry no layer name at all (the cyterat daily files) is taken as occupied area, and a
note says so. Areas DeepState draws apart as occupied before 2022 (Crimea, ORDLO) are also kept
on their own (``Snapshot.occupied_before_2022``).

Invalid polygons are repaired with ``shapely.make_valid``; z values are dropped; features with
coordinates out of range, without geometry or of an unusable type are skipped. Each of these is
counted in ``Snapshot.notes``. Unusable files raise :class:`~geo.errors.InputError`.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.errors import InputError, InputFileError
from geo.frontline.layers import LayerName, classify, read_name
from geo.frontline.model import Layer, Snapshot

__all__ = ["SourceClues", "classify", "date_from_name", "load_snapshot", "load_snapshots",
           "parse_date", "read_or_reason", "read_snapshots", "source_clues"]

#: Property names that may hold the snapshot date (compared case-insensitively).
DATE_KEYS = (
    "date", "datetime", "as_of", "asof", "as_of_date", "date_as_of", "snapshot_date",
    "update_date", "updated", "updated_at", "timestamp", "createdat", "created_at",
)
#: Property names that may name a feature's layer, most specific first.
NAME_KEYS = ("name", "layer", "status", "type", "category", "class", "label", "title")

_GEOJSON_SUFFIXES = (".geojson", ".json", ".geojsonl")
_OGR_SUFFIXES = (".kml", ".kmz", ".gpkg", ".shp", ".zip", ".gml", ".fgb")
_POLYGONAL = ("Polygon", "MultiPolygon")
_AREA_LAYERS = ("occupied", "grey_zone", "liberated")
#: Layers whose features are dissolved into one geometry (areas are measured on them); the
#: others keep their features as a collection (a union of DeepState's ~40 liberated polygons
#: would cost a third of the reading time, and nothing measures them).
_DISSOLVED = ("occupied", "grey_zone")
_FILE_DATE = re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)")
_UNIX_TIME = re.compile(r"(?<!\d)(\d{10}|\d{13})(?!\d)")
_UNIX_FROM = 946_684_800  # 2000-01-01: smaller 10-digit numbers are not times of snapshots


@dataclass
class _Feature:
    geom: Any  # shapely geometry, 2-D, EPSG:4326
    props: dict[str, Any]
    layer_hint: str = ""  # KML folder / GeoPackage layer name
    index: int = 0


@dataclass
class _Raw:
    features: list[_Feature]
    top: dict[str, Any] = field(default_factory=dict)
    kind: str = "GeoJSON"
    notes: list[str] = field(default_factory=list)


def load_snapshots(
    paths: Iterable[str | Path],
    *,
    date: _dt.date | None = None,
    today: _dt.date | None = None,
    source: str | None = None,
) -> tuple[list[Snapshot], list[tuple[str, str]]]:
    """Read every file; return (snapshots sorted by date, [(path, reason) of files skipped]).

    A file that cannot be used is reported in the second list, never dropped silently; the
    caller decides whether that is fatal (the CLI: only when no snapshot is left).
    """
    snaps: list[Snapshot] = []
    failed: list[tuple[str, str]] = []
    for path in paths:
        got, reason = read_or_reason(path, date=date, today=today, source=source)
        snaps.extend(got)
        if reason:
            failed.append((str(path), reason))
    snaps.sort(key=lambda s: (s.date, s.path))
    return snaps, failed


def read_or_reason(
    path: str | Path,
    *,
    date: _dt.date | None = None,
    today: _dt.date | None = None,
    source: str | None = None,
    clues: list[SourceClues] | None = None,
) -> tuple[list[Snapshot], str]:
    """(snapshots, "") or ([], one-line reason): one bad file in a series of a thousand must
    not stop the rest, so any failure (a geometry library error too) becomes a reason."""
    try:
        return read_snapshots(path, date=date, today=today, source=source, clues=clues), ""
    except (InputError, InputFileError) as exc:
        return [], _first_line(exc)
    except Exception as exc:  # shapely/GEOS, pyogrio, OS errors: reported, never fatal
        return [], f"{path}: cannot read ({type(exc).__name__}: {_first_line(exc)})"


def load_snapshot(
    path: str | Path,
    *,
    date: _dt.date | None = None,
    today: _dt.date | None = None,
    source: str | None = None,
) -> Snapshot:
    """Read a file that holds exactly one dated snapshot."""
    snaps = read_snapshots(path, date=date, today=today, source=source)
    if len(snaps) != 1:
        raise InputError(f"{path}: holds {len(snaps)} snapshots; use read_snapshots()")
    return snaps[0]


def read_snapshots(
    path: str | Path,
    *,
    date: _dt.date | None = None,
    today: _dt.date | None = None,
    source: str | None = None,
    clues: list[SourceClues] | None = None,
) -> list[Snapshot]:
    """Read one file into one snapshot per date it holds (usually one).

    The date comes from a feature or top-level property (``date``, ``datetime``, ``as_of``...),
    else from the file name (``YYYYMMDD`` or ``YYYY-MM-DD``), else from ``date``. Dates after
    ``today`` (default: the current date) are refused. ``clues``: a list the file's
    :class:`SourceClues` are appended to.
    """
    p = Path(path)
    if not p.is_file():
        raise InputFileError(f"{p}: no such file")
    if p.stat().st_size == 0:
        raise InputError(f"{p}: empty file")
    raw = _read_raw(p)
    if not raw.features:
        raise InputError(f"{p}: no features in the file")
    today = today or _dt.date.today()
    groups, date_from, notes = _date_groups(p, raw, date)
    if clues is not None:
        clues.append(source_clues(raw))
    src = source or _source_of(p, raw)
    out = []
    for day, feats in groups.items():
        if day > today:
            raise InputError(f"{p}: date {day.isoformat()} is in the future (today is {today})")
        out.append(_build(p, day, date_from, src, feats, raw, [*raw.notes, *notes]))
    return out


# --- reading -------------------------------------------------------------------------------


def _read_raw(p: Path) -> _Raw:
    suffix = p.suffix.lower()
    if suffix in _GEOJSON_SUFFIXES or (suffix not in _OGR_SUFFIXES and _looks_like_json(p)):
        return _read_geojson(p)
    return _read_ogr(p)


def _looks_like_json(p: Path) -> bool:
    with p.open("rb") as fh:
        head = fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] in (b"{", b"[", b'"')


def _read_geojson(p: Path) -> _Raw:
    text = p.read_text(encoding="utf-8-sig", errors="replace")
    if not text.strip():
        raise InputError(f"{p}: empty file")
    try:
        doc = json.loads(text)
        if isinstance(doc, str):  # the DeepState API answers with a JSON-encoded string
            doc = json.loads(doc)
    except json.JSONDecodeError as exc:
        raise InputError(f"{p}: not valid JSON ({exc.msg} at line {exc.lineno})") from exc
    except RecursionError:  # "[[[[..." thousands deep: refuse it like any other bad JSON
        raise InputError(f"{p}: JSON nested too deeply") from None
    if not isinstance(doc, dict):
        raise InputError(f"{p}: not a GeoJSON object")
    top: dict[str, Any] = {}
    if isinstance(doc.get("map"), dict):  # DeepState /api/history/...: {id, datetime, map}
        top = {k: v for k, v in doc.items() if k != "map" and not isinstance(v, dict | list)}
        doc = doc["map"]
    kind = doc.get("type")
    if kind == "FeatureCollection":
        feats = doc.get("features")
        if not isinstance(feats, list):
            raise InputError(f"{p}: FeatureCollection without a 'features' list")
        top.update({k: v for k, v in doc.items() if k not in ("features", "type", "crs")
                    and not isinstance(v, dict | list)})
        if isinstance(doc.get("properties"), dict):  # a common extension
            top.update(doc["properties"])
    elif kind == "Feature":
        feats = [doc]
    elif kind in ("Polygon", "MultiPolygon", "Point", "MultiPoint", "LineString",
                  "MultiLineString", "GeometryCollection"):
        feats = [{"type": "Feature", "properties": {}, "geometry": doc}]
    else:
        raise InputError(f"{p}: not GeoJSON (type {str(kind)[:40]!r})")
    raw = _Raw([], top, "GeoJSON")
    transform = _crs_transform(p, doc.get("crs"))
    no_geom = bad = 0
    bad_examples: list[str] = []
    from shapely.geometry import shape

    for i, f in enumerate(feats):
        geom_doc = f.get("geometry") if isinstance(f, dict) else None
        props = f.get("properties") if isinstance(f, dict) else None
        if not geom_doc:
            no_geom += 1
            continue
        try:
            geom = _fast_shape(geom_doc) or shape(geom_doc)
        except Exception as exc:  # shapely raises several types on bad input
            bad += 1
            if len(bad_examples) < 2:
                bad_examples.append(f"#{i}: {' '.join(str(exc).split())[:80]}")
            continue
        if transform is not None:
            geom = transform(geom)
        raw.features.append(_Feature(geom, dict(props) if isinstance(props, dict) else {}, "", i))
    if no_geom:
        raw.notes.append(f"skipped {no_geom} feature(s) without geometry")
    if bad:
        raw.notes.append(f"skipped {bad} feature(s) with unreadable geometry "
                         f"({'; '.join(bad_examples)})")
    if not raw.features and (no_geom or bad):
        raise InputError(f"{p}: no usable geometry ({'; '.join(raw.notes)})")
    return raw


def _fast_shape(doc: Any):
    """A (Multi)Polygon built from its coordinate arrays by numpy (3x quicker than
    ``shapely.geometry.shape`` on DeepState's files); None for anything else or anything odd,
    which then goes the general way."""
    import numpy as np
    import shapely

    kind = doc.get("type") if isinstance(doc, dict) else None
    if kind not in _POLYGONAL:
        return None
    coords = doc.get("coordinates")
    try:
        polys = [coords] if kind == "Polygon" else list(coords)
        built = []
        for rings in polys:
            arrays = [np.asarray(r, dtype=float) for r in rings]
            if not arrays or any(a.ndim != 2 or a.shape[1] < 2 or len(a) < 4 for a in arrays):
                return None
            rings_2d = shapely.linearrings([a[:, :2] for a in arrays]) if len(arrays) > 1 \
                else [shapely.linearrings(arrays[0][:, :2])]
            built.append(shapely.polygons(rings_2d[0], holes=list(rings_2d[1:]) or None))
        if kind == "Polygon":
            return built[0]
        return shapely.multipolygons(built) if built else shapely.MultiPolygon()
    except (TypeError, ValueError, shapely.errors.GEOSException):
        return None


def _crs_transform(p: Path, crs: Any):
    """A function reprojecting geometries to lon/lat when a legacy GeoJSON ``crs`` says so."""
    if not isinstance(crs, dict):
        return None
    name = str((crs.get("properties") or {}).get("name", ""))
    if not name or name.endswith(("CRS84", "4326")) or "CRS84" in name:
        return None
    import pyproj
    import shapely

    try:
        tr = pyproj.Transformer.from_crs(pyproj.CRS.from_user_input(name), "EPSG:4326",
                                         always_xy=True)
    except pyproj.exceptions.CRSError as exc:
        raise InputError(f"{p}: unknown CRS {name[:60]!r}") from exc
    return lambda g: shapely.transform(g, lambda xy: _stack(tr.transform(xy[:, 0], xy[:, 1])))


def _stack(xy):
    import numpy as np

    return np.column_stack(xy)


def _read_ogr(p: Path) -> _Raw:
    import pyogrio

    try:
        layers = [str(row[0]) for row in pyogrio.list_layers(p)]
        driver = pyogrio.read_info(p, layer=layers[0])["driver"] if layers else ""
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        hint = ""
        if p.suffix.lower() in (".kml", ".kmz") and not {"KML", "LIBKML"} & set(
                pyogrio.list_drivers()):
            hint = " (this GDAL has no KML driver)"
        raise InputError(f"{p}: cannot read{hint}: {_first_line(exc)}") from exc
    kind = "KML" if driver in ("KML", "LIBKML") else (driver or p.suffix.lstrip(".").upper())
    raw = _Raw([], {}, kind)
    index = 0
    for layer in layers:
        try:
            df = pyogrio.read_dataframe(p, layer=layer)
        except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
            raw.notes.append(f"skipped layer {layer!r}: {_first_line(exc)}")
            continue
        if df.crs is not None and not df.crs.equals("EPSG:4326") and not (
                df.crs.is_geographic and df.crs.to_epsg() in (4326, None)):
            df = df.to_crs("EPSG:4326")
        cols = [c for c in df.columns if c != df.geometry.name]
        no_geom = 0
        for row_props, geom in zip(df[cols].to_dict("records"), df.geometry, strict=True):
            index += 1
            if geom is None or geom.is_empty:
                no_geom += 1
                continue
            props = {k: _clean(v) for k, v in row_props.items()}
            raw.features.append(_Feature(geom, props, layer, index - 1))
        if no_geom:
            raw.notes.append(f"skipped {no_geom} feature(s) without geometry in layer {layer!r}")
    if not raw.features:
        what = "KML has no polygons (no features at all)" if kind == "KML" else \
            f"{kind} file has no features"
        raise InputError(f"{p}: {what}"
                         + (f" ({'; '.join(raw.notes)})" if raw.notes else ""))
    return raw


def _clean(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if type(v).__name__ == "NaTType":
        return None
    return v


def _first_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200]


# --- dates ---------------------------------------------------------------------------------


def parse_date(value: Any) -> _dt.date | None:
    """A date from a property value (ISO text, DD.MM.YYYY, YYYYMMDD, epoch s/ms), or None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        return value.to_pydatetime().date()
    if isinstance(value, int | float):
        if not math.isfinite(value) or value <= 0:
            return None
        if 19000101 <= value <= 29991231 and float(value).is_integer():
            return parse_date(str(int(value)))
        secs = value / 1000 if value > 1e11 else value
        try:
            return _dt.datetime.fromtimestamp(secs, tz=_dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if not text:
        return None
    try:
        return _dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for fmt in ("%d.%m.%Y", "%Y/%m/%d", "%Y%m%d", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return _dt.datetime.strptime(text[:19], fmt).date()
        except ValueError:
            continue
    return None


def date_from_name(name: str) -> _dt.date | None:
    """The last valid ``YYYYMMDD`` / ``YYYY-MM-DD`` date in a file name, else the UTC day of
    a Unix time in it (10 digits, or 13 for milliseconds: archives of DeepState's site name
    each publication so, e.g. ``1649004375.geojson``), or None."""
    found = None
    for m in _FILE_DATE.finditer(name):
        try:
            found = _dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            continue
    if found is None:
        for m in _UNIX_TIME.finditer(name):
            secs = int(m[1]) / (1000 if len(m[1]) == 13 else 1)
            if secs >= _UNIX_FROM:
                found = _dt.datetime.fromtimestamp(secs, tz=_dt.UTC).date()
    return found


def _prop_date(props: Mapping[str, Any]) -> tuple[_dt.date | None, str | None]:
    """(date, None) or (None, unparseable text) or (None, None) for a property dict."""
    lower = {str(k).lower(): v for k, v in props.items()}
    for key in DATE_KEYS:
        v = lower.get(key)
        if v is None or v == "":
            continue
        d = parse_date(v)
        if d is not None:
            return d, None
        return None, f"{key}={str(v)[:30]!r}"
    return None, None


def _date_groups(p: Path, raw: _Raw, flag: _dt.date | None):
    notes: list[str] = []
    per_feature: list[_dt.date | None] = []
    bad: list[str] = []
    for f in raw.features:
        d, unparsed = _prop_date(f.props)
        per_feature.append(d)
        if unparsed:
            bad.append(unparsed)
    if bad:
        notes.append(f"{len(bad)} feature date(s) not understood (e.g. {bad[0]})")
    distinct = sorted({d for d in per_feature if d is not None})
    if len(distinct) > 1:  # a multi-date file: one snapshot per date
        groups: dict[_dt.date, list[_Feature]] = {d: [] for d in distinct}
        undated = 0
        for f, d in zip(raw.features, per_feature, strict=True):
            if d is None:
                undated += 1
            else:
                groups[d].append(f)
        if undated:
            notes.append(f"skipped {undated} feature(s) without a date in a file of "
                         f"{len(distinct)} dates")
        return groups, "property", notes
    found, date_from = None, ""
    if distinct:
        found, date_from = distinct[0], "property"
    else:
        top_date, unparsed = _prop_date(raw.top)
        if unparsed:
            notes.append(f"top-level date not understood ({unparsed})")
        if top_date:
            found, date_from = top_date, "property"
        else:
            found = date_from_name(p.name)
            date_from = "file name" if found else ""
    if found is None:
        if flag is None:
            raise InputError(
                f"{p}: no date (no date property, none in the file name as YYYYMMDD or "
                "YYYY-MM-DD); pass --date YYYY-MM-DD")
        found, date_from = flag, "--date"
    elif flag is not None and flag != found:
        notes.append(f"--date {flag.isoformat()} not used: the {date_from} says "
                     f"{found.isoformat()}")
    return {found: raw.features}, date_from, notes


# --- layers --------------------------------------------------------------------------------


def _feature_layer(f: _Feature) -> LayerName:
    lower = {str(k).lower(): v for k, v in f.props.items()}
    for key in NAME_KEYS:
        v = lower.get(key)
        if isinstance(v, str) and v.strip():
            found = read_name(v)
            if found.layer is not None:
                return found
    if f.layer_hint:
        found = read_name(f.layer_hint)
        if found.layer is not None:
            return found
    return LayerName(None, False, "")


def _build(p: Path, day: _dt.date, date_from: str, source: str, feats: list[_Feature],
           raw: _Raw, notes: list[str]) -> Snapshot:
    import shapely

    notes = list(notes)
    out_of_range: list[int] = []
    parts: dict[str, list[Any]] = {}
    keys: dict[str, Counter[str]] = {}
    counts: Counter[str] = Counter()
    unnamed_polys: list[Any] = []
    before_2022: list[Any] = []
    misplaced = 0
    repaired: list[str] = []
    emptied = 0
    for f in feats:
        geom = shapely.force_2d(f.geom)
        if not _in_range(geom):
            out_of_range.append(f.index)
            continue
        named = _feature_layer(f)
        layer, key = named.layer, named.label
        gtype = geom.geom_type
        polygonal = gtype in _POLYGONAL or (
            gtype == "GeometryCollection"
            and any(g.geom_type in _POLYGONAL for g in geom.geoms))
        if polygonal:
            geom, why = _repair(geom)
            if why:
                repaired.append(why)
            if geom.is_empty:
                emptied += 1
                continue
        if layer is None:
            if polygonal:
                unnamed_polys.append(geom)
                continue
            layer = "lines" if "Line" in gtype else "other"
        elif layer in _AREA_LAYERS and not polygonal:
            # a point so named is a label (DeepState marks capitals as "territories");
            # a line so named may be an area drawn as its outline: worth a note
            misplaced += "Point" not in gtype
            layer = "lines" if "Line" in gtype else "other"
        parts.setdefault(layer, []).append(geom)
        counts[layer] += 1
        if layer == "occupied" and named.before_2022:
            before_2022.append(geom)
        if key:
            keys.setdefault(layer, Counter())[key] += 1
    if unnamed_polys:
        if "occupied" in parts:
            notes.append(f"{len(unnamed_polys)} polygon(s) with no recognised layer name kept "
                         "in layer 'other', not counted as occupied")
            target = "other"
        else:
            if parts:
                notes.append(f"{len(unnamed_polys)} polygon(s) with no layer name taken as the "
                             "occupied area")
            target = "occupied"
        parts.setdefault(target, []).extend(unnamed_polys)
        counts[target] += len(unnamed_polys)
    if out_of_range:
        notes.append(f"skipped {len(out_of_range)} feature(s) with coordinates out of range "
                     f"(lon -180..180, lat -90..90), e.g. feature #{out_of_range[0]}")
    if repaired:
        notes.append(f"repaired {len(repaired)} invalid polygon(s) with make_valid "
                     f"(e.g. {repaired[0]})")
    if emptied:
        notes.append(f"skipped {emptied} empty polygon(s)")
    if misplaced:
        notes.append(f"{misplaced} line(s) named as an area layer kept apart, not counted as "
                     "area")
    layers = tuple(
        Layer(name, _union(geoms) if name in _DISSOLVED else _collect(geoms), counts[name],
              tuple(k for k, _ in keys.get(name, Counter()).most_common(5)))
        for name, geoms in sorted(parts.items())
    )
    occ = next((lyr for lyr in layers if lyr.name == "occupied"), None)
    if occ is None or occ.geometry.is_empty:
        found = ", ".join(f"{counts[n]} {n}" for n in sorted(counts)) or "nothing usable"
        what = "KML has" if raw.kind == "KML" else "file has"
        extra = f"; {'; '.join(notes)}" if notes else ""
        if out_of_range and not counts:
            extra += " (projected coordinates without a CRS?)"
        raise InputError(f"{p}: {what} no occupied-area polygons (found {found}){extra}")
    grey = next((lyr.geometry for lyr in layers if lyr.name == "grey_zone"), None)
    return Snapshot(date=day, occupied=occ.geometry, grey_zone=grey, source=source,
                    layers=layers, path=str(p), date_from=date_from, notes=tuple(notes),
                    occupied_before_2022=_union(before_2022) if before_2022 else None)


def _in_range(geom) -> bool:
    minx, miny, maxx, maxy = geom.bounds
    return minx >= -180 and maxx <= 180 and miny >= -90 and maxy <= 90


def _repair(geom) -> tuple[Any, str]:
    """(valid polygonal geometry, reason it was invalid or ""). Members of a collection are
    repaired one by one first: a single hole outside its shell makes GEOS refuse the union."""
    import shapely

    if geom.geom_type == "GeometryCollection":
        fixed_parts, whys = [], []
        for g in geom.geoms:
            if g.geom_type in _POLYGONAL:
                f, why = _repair(g)
                fixed_parts.append(f)
                if why:
                    whys.append(why)
        merged = shapely.union_all(fixed_parts) if fixed_parts else shapely.MultiPolygon()
        return _polygonal(merged), "; ".join(whys[:1])
    if shapely.is_valid(geom):
        return geom, ""
    return _polygonal(shapely.make_valid(geom)), shapely.is_valid_reason(geom)


def _polygonal(geom):
    """The polygons of a geometry (make_valid may return lines beside them)."""
    import shapely

    if geom.geom_type in _POLYGONAL or geom.is_empty:
        return geom
    polys = [g for g in shapely.get_parts(geom) if g.geom_type in _POLYGONAL]
    return shapely.union_all(polys) if polys else shapely.MultiPolygon()


def _collect(geoms: list[Any]):
    """The features of a layer nothing measures, kept as they are (not dissolved)."""
    import shapely

    return geoms[0] if len(geoms) == 1 else shapely.GeometryCollection(
        list(shapely.get_parts(geoms)))


def _union(geoms: list[Any]):
    import shapely

    if len(geoms) == 1:
        return geoms[0]
    if all(g.geom_type in _POLYGONAL for g in geoms):
        u = shapely.union_all(geoms)
        return u if u.is_valid else shapely.make_valid(u)
    return shapely.GeometryCollection(list(shapely.get_parts(geoms)))


@dataclass(frozen=True, slots=True)
class SourceClues:
    """What a file's source name is made of besides the file's name: a source it declares
    and whether its layers are named the DeepState way. With the name, :meth:`source` gives
    what :func:`read_snapshots` reports, so that a copy of the same bytes under another name
    (an archive repeating a day) needs no second reading."""

    declared: str | None
    deepstate: bool

    def source(self, path: str | Path) -> str:
        name = Path(path).name
        if self.declared:
            return self.declared
        if name.startswith("deepstatemap_data_") or "deepstate-map-data" in name:
            return "DeepState (via cyterat/deepstate-map-data)"
        return "DeepState" if self.deepstate else name


def source_clues(raw: _Raw) -> SourceClues:
    """The :class:`SourceClues` of a file read."""
    lower = {str(k).lower(): v for k, v in raw.top.items()}
    declared = None
    for key in ("source", "attribution", "publisher"):
        if isinstance(lower.get(key), str) and lower[key].strip():
            declared = lower[key].strip()[:120]
            break
    if declared is None:
        srcs = {str(f.props.get("source")).strip() for f in raw.features
                if isinstance(f.props.get("source"), str) and f.props["source"].strip()}
        if len(srcs) == 1:
            declared = srcs.pop()[:120]
    return SourceClues(declared, any("///" in str(f.props.get("name", ""))
                                     for f in raw.features[:50]))


def _source_of(p: Path, raw: _Raw) -> str:
    return source_clues(raw).source(p)
