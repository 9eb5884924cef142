"""Importing events: ACLED CSV exports, UCDP GED CSV, generic CSV or GeoJSON.

Every bad row is reported as an :class:`ImportProblem` (file, line, reason) and left out; every
good row becomes an :class:`~geo.model.Event`. Nothing is dropped silently. A file that cannot
be imported at all (empty, not CSV/GeoJSON, no date column) raises :class:`InputError`.

Decisions:

- A date after ``today`` is rejected: these datasets record what happened, so a future date is
  a typo or a swapped day and month, and keeping it would put the event on the wrong map.
- Coordinates outside [-90, 90] x [-180, 180], not numbers, or exactly (0, 0) (a missing
  value written as zero) are rejected.
- A generic row with a place name and no coordinates is placed through the gazetteer
  (``gazetteer.lookup(name, limit=1)``); an unknown name is rejected.
- A generic file with no type column gives "Strategic developments" / "Other" events.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.errors import InputError, InputFileError
from geo.events.quantities import MAX_FATALITIES, MAX_QUANTITY
from geo.model import EVENT_TYPES, Event, Place

__all__ = ["FORMATS", "ImportProblem", "ImportResult", "detect_format", "import_events"]

FORMATS = ("acled", "ucdp", "csv", "geojson")

_UCDP_TYPES = {
    "1": ("Battles", "Armed clash"),  # state-based conflict
    "2": ("Battles", "Armed clash"),  # non-state conflict
    "3": ("Violence against civilians", "Attack"),  # one-sided violence
}
# UCDP where_prec 1 exact place, 2 within 25 km, 3 admin-2, 4 admin-1, 5+ larger or unclear
_UCDP_WHERE = {"1": 1, "2": 2, "3": 2, "4": 2, "5": 3, "6": 3, "7": 3}
# UCDP date_prec 1 the day, 2 2-6 days, 3 a week, 4 a month, 5 longer
_UCDP_DATE = {"1": 1, "2": 2, "3": 2, "4": 3, "5": 3}
_PRECISION_OF_KIND = {"city": 1, "site": 1, "admin2": 2, "admin1": 2}

_ALIASES = {
    "id": ("id", "event_id", "event_id_cnty", "uid"),
    "date": ("date", "event_date", "day", "date_start"),
    "lat": ("lat", "latitude", "y"),
    "lon": ("lon", "lng", "long", "longitude", "x"),
    "place": ("place", "location", "place_name", "name", "where", "city", "settlement"),
    "type": ("event_type", "type"),
    "sub": ("sub_event_type", "subtype", "sub_type"),
    "actor1": ("actor1", "actor", "actors", "side_a"),
    "actor2": ("actor2", "side_b"),
    "fatalities": ("fatalities", "deaths", "killed", "best"),
    "notes": ("notes", "text", "description", "sentence", "summary"),
    "source": ("source",),
    "country": ("country",),
    "admin1": ("admin1", "adm_1", "region", "oblast"),
    "time_precision": ("time_precision",),
    "geo_precision": ("geo_precision",),
    "quantity": ("quantity",),
    "quantity_unit": ("quantity_unit", "unit"),
}


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """A row that was not imported, and why."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else \
            f"{self.path}: {self.message}"


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The events of a file and the problems of its rejected rows."""

    format: str
    events: tuple[Event, ...] = ()
    problems: tuple[ImportProblem, ...] = field(default=())

    @property
    def rejected(self) -> int:
        return len(self.problems)


class _RowError(ValueError):
    """A reason to reject one row."""


def detect_format(path: str | Path, head: str) -> str:
    """The import format a file's suffix implies, else its first lines."""
    suffix = Path(path).suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        raise InputError(f"{path}: JSON Lines hold articles, not events: `geo events extract "
                         "PATH` finds the events they report")
    if suffix in (".geojson", ".json") or (suffix not in (".csv", ".tsv")
                                           and head.lstrip().startswith("{")):
        return "geojson"
    header = {h.strip().lower() for h in next(csv.reader([head.splitlines()[0] if head else ""]),
                                               [])}
    if "event_id_cnty" in header:
        return "acled"
    if {"type_of_violence", "where_prec"} <= header or {"type_of_violence", "side_a"} <= header:
        return "ucdp"
    return "csv"


def import_events(path: str | Path, *, format: str | None = None, gazetteer: Any = None,
                  today: dt.date | None = None) -> ImportResult:
    """Read events from an ACLED, UCDP GED, generic CSV or GeoJSON file.

    ``gazetteer`` places rows that give a place name but no coordinates; ``today`` (default:
    the current date) is the latest date accepted.
    """
    path = Path(path)
    if format is not None and format not in FORMATS:
        raise InputError(f"unknown import format {format!r} (choose {', '.join(FORMATS)})")
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputFileError(f"no such file: {path}") from exc
    except OSError as exc:
        raise InputFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
    text = _decode(raw, path)
    if not text.strip():
        raise InputError(f"{path} is empty")
    fmt = format or detect_format(path, text[:4096])
    ctx = _Context(str(path), gazetteer, today or dt.date.today())
    rows = _geojson_rows(text, ctx) if fmt == "geojson" else _csv_rows(text, ctx)
    convert = {"acled": _acled, "ucdp": _ucdp}.get(fmt, _generic)
    events: list[Event] = []
    problems: list[ImportProblem] = []
    for line, row in rows:
        if isinstance(row, ImportProblem):
            problems.append(row)
            continue
        try:
            events.append(convert(row, line, ctx))
        except _RowError as exc:
            problems.append(ImportProblem(ctx.path, line, str(exc)))
    return ImportResult(fmt, tuple(events), tuple(problems))


@dataclass(frozen=True, slots=True)
class _Context:
    path: str
    gazetteer: Any
    today: dt.date

    @property
    def name(self) -> str:
        return Path(self.path).name


def _decode(raw: bytes, path: Path) -> str:
    """UTF-8 (with or without its mark), a file whose byte-order mark says UTF-16 or UTF-32
    (spreadsheets export "Unicode text" so) in that encoding, else Windows-1252; a mark
    that lies about the bytes after it is refused as the article readers refuse it."""
    from geo.text._decode import refusal, sniff_encoding

    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # UTF-32 LE begins so too
        encoding = sniff_encoding(raw[:65536])
        if encoding is None:
            raise InputError(f"{path}: cannot decode the file ({refusal(raw[:65536])})")
        text = raw.decode(encoding, "replace")
        return text[1:] if text.startswith("\ufeff") else text
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path}: cannot decode the file (not UTF-8 or Windows-1252 text)")


# ----------------------------------------------------------------------------- readers
def _dialect(text: str) -> type[csv.Dialect]:
    """RFC 4180 quoting with the delimiter of the header line.

    Only the header is sniffed, and only for its delimiter: sniffing rows let the data choose
    the quote character (a notes field full of ``'...'`` made ``'`` the quote and garbled
    every field that held a ``"``).
    """
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(header, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    return type("_HeaderDialect", (csv.excel,), {"delimiter": delimiter})


def _csv_rows(text: str, ctx: _Context) -> Iterator[tuple[int, Any]]:
    """(first line of the record, {lower-case column: value}) for each data row."""
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise InputError(f"{ctx.path}: no header row") from exc
    columns = [h.strip().lower() for h in header]
    _need_columns(columns, ctx)
    line = reader.line_num + 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield line, ImportProblem(ctx.path, line, f"unreadable CSV row ({exc})")
            line = reader.line_num + 1
            continue
        if values and any(v.strip() for v in values):
            if len(values) > len(columns):
                yield line, ImportProblem(ctx.path, line, f"{len(values)} fields but the header "
                                                          f"has {len(columns)}")
            else:
                yield line, dict(zip(columns, (v.strip() for v in values), strict=False))
        line = reader.line_num + 1


def _need_columns(columns: list[str], ctx: _Context) -> None:
    if not any(c in columns for c in _ALIASES["date"]):
        raise InputError(f"{ctx.path}: no date column (looked for "
                         f"{', '.join(_ALIASES['date'])}; found: {', '.join(columns) or 'none'})")
    has_point = any(c in columns for c in _ALIASES["lat"]) and \
        any(c in columns for c in _ALIASES["lon"])
    if not has_point and not any(c in columns for c in _ALIASES["place"]):
        raise InputError(f"{ctx.path}: no coordinates (latitude/longitude) and no place-name "
                         f"column (found: {', '.join(columns)})")


_FEATURE = re.compile(r'"type"\s*:\s*"Feature"')


def _geojson_rows(text: str, ctx: _Context) -> Iterator[tuple[int, Any]]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{ctx.path}: invalid JSON at line {exc.lineno} ({exc.msg})") from exc
    except RecursionError:
        raise InputError(f"{ctx.path}: JSON nested too deeply") from None
    if not isinstance(doc, dict) or doc.get("type") not in ("FeatureCollection", "Feature"):
        raise InputError(f"{ctx.path}: not a GeoJSON FeatureCollection")
    from geo.store.spatial import check_wgs84

    check_wgs84(doc.get("crs"), where=str(ctx.path))
    features = doc.get("features", []) if doc["type"] == "FeatureCollection" else [doc]
    if not isinstance(features, list):
        raise InputError(f"{ctx.path}: 'features' is not a list")
    # the line each feature starts on (features written one per line or pretty-printed)
    starts = [text.count("\n", 0, m.start()) + 1 for m in _FEATURE.finditer(text)]
    lines = starts if len(starts) == len(features) else None
    columns: set[str] = set()
    for f in features:
        if isinstance(f, dict) and isinstance(f.get("properties"), dict):
            columns.update(k.lower() for k in f["properties"])
    if features and not any(c in columns for c in _ALIASES["date"]):
        raise InputError(f"{ctx.path}: no date property (looked for "
                         f"{', '.join(_ALIASES['date'])}; found: "
                         f"{', '.join(sorted(columns)) or 'none'})")
    for i, f in enumerate(features):
        line = lines[i] if lines else i + 1
        if not isinstance(f, dict) or f.get("type") != "Feature":
            yield line, ImportProblem(ctx.path, line, f"feature {i + 1} is not a Feature")
            continue
        props = {str(k).lower(): ("" if v is None else v if isinstance(v, list) else str(v))
                 for k, v in (f.get("properties") or {}).items()}
        geom = f.get("geometry")
        if isinstance(geom, dict) and geom.get("type") == "Point":
            coords = geom.get("coordinates") or []
            if len(coords) < 2:
                yield line, ImportProblem(ctx.path, line, "Point without coordinates")
                continue
            props["longitude"], props["latitude"] = str(coords[0]), str(coords[1])
        elif geom is not None and not (isinstance(geom, dict) and geom.get("type") == "Point"):
            kind = geom.get("type") if isinstance(geom, dict) else type(geom).__name__
            yield line, ImportProblem(ctx.path, line, f"geometry is {kind}, not a Point")
            continue
        yield line, props


# ----------------------------------------------------------------------------- rows
def _get(row: dict[str, Any], key: str) -> str:
    for alias in _ALIASES[key]:
        value = row.get(alias)
        if value not in (None, ""):
            return value if isinstance(value, str) else str(value)
    return ""


def _date(value: str, ctx: _Context, row: dict[str, Any] | None = None) -> str | None:
    """The row's ISO day; an undated row only when geo's own extractor wrote it (events of
    undated articles are stored undated, so its exports read back as they were)."""
    from geo.events.extract import SOURCE
    from geo.text.read import normalise_date

    if not value and row is not None and row.get("source") == SOURCE:
        return None
    if not value:
        raise _RowError("no date")
    iso = normalise_date(value)
    if iso is None:
        raise _RowError(f"invalid date {value!r}")
    if dt.date.fromisoformat(iso) > ctx.today:
        raise _RowError(f"date {iso} is in the future (after {ctx.today.isoformat()}); "
                        "rejected")
    return iso


def _point(row: dict[str, Any]) -> tuple[float, float] | None:
    lat_text, lon_text = _get(row, "lat"), _get(row, "lon")
    if not lat_text and not lon_text:
        return None
    try:
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        raise _RowError(f"coordinates are not numbers (latitude {lat_text!r}, "
                        f"longitude {lon_text!r})") from None
    if not (math.isfinite(lat) and math.isfinite(lon)) or not -90 <= lat <= 90 \
            or not -180 <= lon <= 180:
        raise _RowError(f"coordinates out of range (latitude {lat_text}, longitude {lon_text})")
    if lat == 0 and lon == 0:
        raise _RowError("coordinates are 0, 0 (a missing value written as zero?)")
    return lat, lon


def _int(value: str, what: str, *, allowed: tuple[int, ...] | None = None,
         most: int | None = None) -> int | None:
    """A whole number >= 0 from a cell; one above ``most`` (see :data:`MAX_FATALITIES`) or
    outside ``allowed`` rejects the row."""
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise _RowError(f"{what} is not a number ({_shown(value)})") from None
    if most is not None and number > most:  # infinity too ("1e400", 5,000 digits)
        raise _RowError(f"{what} {_shown(value)} is more than {most:,}, beyond any single event")
    if not number.is_integer() or number < 0:
        raise _RowError(f"{what} must be a whole number >= 0, got {_shown(value)}")
    if allowed is not None and int(number) not in allowed:
        raise _RowError(f"{what} must be one of {', '.join(map(str, allowed))}, got "
                        f"{_shown(value)}")
    return int(number)


def _shown(value: str, limit: int = 30) -> str:
    """A cell quoted for a one-line message, cut when long."""
    return repr(value if len(value) <= limit else value[:limit] + "...")


def _type(value: str, sub: str) -> tuple[str, str]:
    if not value:
        raise _RowError("no event type")
    low = value.strip().lower()
    hits = [t for t in EVENT_TYPES if t.lower() == low] or \
        [t for t in EVENT_TYPES if t.lower().startswith(low)]
    if len(hits) != 1:
        raise _RowError(f"unknown event type {value!r}")
    return hits[0], sub


def _acled(row: dict[str, Any], line: int, ctx: _Context) -> Event:
    date = _date(row.get("event_date", ""), ctx, row)
    event_type, sub = _type(row.get("event_type", ""), row.get("sub_event_type", ""))
    point = _point(row)
    if point is None:
        raise _RowError("no coordinates")
    actors = tuple(a for a in (row.get("actor1", ""), row.get("actor2", "")) if a)
    ident = row.get("event_id_cnty", "") or f"{ctx.name}:{line}"
    return Event(
        id=ident, event_type=event_type, sub_event_type=sub, date=date,
        time_precision=_int(row.get("time_precision", ""), "time_precision",
                            allowed=(1, 2, 3)) or 1,
        lat=point[0], lon=point[1],
        geo_precision=_int(row.get("geo_precision", ""), "geo_precision",
                           allowed=(1, 2, 3)) or 1,
        actors=actors,
        fatalities=_int(row.get("fatalities", ""), "fatalities", most=MAX_FATALITIES),
        text=row.get("notes", ""), source=row.get("source", "") or "ACLED", source_row=line,
        location=row.get("location", ""), country=row.get("country", ""),
        admin1=row.get("admin1", ""))


def _ucdp(row: dict[str, Any], line: int, ctx: _Context) -> Event:
    date = _date(row.get("date_start", ""), ctx)
    violence = row.get("type_of_violence", "").strip()
    if violence not in _UCDP_TYPES:
        raise _RowError(f"type_of_violence must be 1, 2 or 3, got {violence!r}")
    event_type, sub = _UCDP_TYPES[violence]
    point = _point(row)
    if point is None:
        raise _RowError("no coordinates")
    where = row.get("where_prec", "").strip()
    when = row.get("date_prec", "").strip()
    if where and where not in _UCDP_WHERE:
        raise _RowError(f"where_prec must be 1 to 7, got {where!r}")
    if when and when not in _UCDP_DATE:
        raise _RowError(f"date_prec must be 1 to 5, got {when!r}")
    ident = row.get("id", "") or str(line)
    return Event(
        id=f"ucdp-ged:{ident}", event_type=event_type, sub_event_type=sub, date=date,
        time_precision=_UCDP_DATE.get(when, 1), lat=point[0], lon=point[1],
        geo_precision=_UCDP_WHERE.get(where, 1),
        actors=tuple(a for a in (row.get("side_a", ""), row.get("side_b", "")) if a),
        fatalities=_int(row.get("best", ""), "best", most=MAX_FATALITIES),
        text=row.get("source_article", ""),
        source="UCDP GED", source_row=line, location=row.get("where_coordinates", ""),
        country=row.get("country", ""), admin1=row.get("adm_1", ""))


def _generic(row: dict[str, Any], line: int, ctx: _Context) -> Event:
    date = _date(_get(row, "date"), ctx, row)
    if _get(row, "type"):
        event_type, sub = _type(_get(row, "type"), _get(row, "sub"))
    else:
        event_type, sub = "Strategic developments", _get(row, "sub") or "Other"
    point = _point(row)
    name = _get(row, "place")
    place: Place | None = None
    geo_precision = 1
    if point is None:
        if not name:
            raise _RowError("no coordinates and no place name")
        place = _lookup(name, ctx)
        point = (place.lat, place.lon)
        geo_precision = _PRECISION_OF_KIND.get(place.kind, 3)
    actors_field = row.get("actors")
    if isinstance(actors_field, list):
        actors = tuple(str(a) for a in actors_field if a)
    else:
        actors = tuple(a for a in (_get(row, "actor1"), _get(row, "actor2")) if a)
        if len(actors) == 1 and ";" in actors[0]:
            actors = tuple(a.strip() for a in actors[0].split(";") if a.strip())
    return Event(
        id=_get(row, "id") or f"{ctx.name}:{line}", event_type=event_type, sub_event_type=sub,
        date=date,
        time_precision=_int(_get(row, "time_precision"), "time_precision",
                            allowed=(1, 2, 3)) or 1,
        lat=point[0], lon=point[1],
        geo_precision=_int(_get(row, "geo_precision"), "geo_precision",
                           allowed=(1, 2, 3)) or geo_precision,
        place=place, actors=actors,
        quantity=_int(_get(row, "quantity"), "quantity", most=MAX_QUANTITY),
        quantity_unit=_get(row, "quantity_unit"),
        fatalities=_int(_get(row, "fatalities"), "fatalities", most=MAX_FATALITIES),
        text=_get(row, "notes"),
        source=_get(row, "source") or ctx.name, source_row=line,
        location=name or (place.name if place else ""),
        country=_get(row, "country"), admin1=_get(row, "admin1") or (
            place.admin1_name if place is not None else ""))


def _lookup(name: str, ctx: _Context) -> Place:
    if ctx.gazetteer is None:
        raise _RowError(f"place {name!r} has no coordinates and no gazetteer is open to "
                        "place it")
    found = ctx.gazetteer.lookup(name, limit=1)
    if not found:
        raise _RowError(f"unknown place {name!r} (not in the gazetteer)")
    return found[0].place

