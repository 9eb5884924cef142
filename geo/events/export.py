"""Writing events: ACLED-like CSV and GeoJSON (points, [lon, lat]), and the same columns as
GeoParquet, GeoPackage, KML or FlatGeobuf (through :mod:`geo.vectorfile`).

Text from articles and datasets is untrusted: it goes through the ``csv`` module (every field
quoted) and ``json`` (every string encoded), never into a file by string formatting. Files
appear complete or not at all (written to a temporary file, then renamed).
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from geo._files import writing_text
from geo.model import Event
from geo.vectorfile import FORMATS, format_of

__all__ = ["CSV_COLUMNS", "EXPORT_FORMATS", "SUFFIX_FORMATS", "event_record", "write_csv",
           "write_events", "write_geojson"]

#: ACLED's column names where they apply, then geo's own
CSV_COLUMNS = (
    "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
    "actor2", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
    "source", "notes", "fatalities", "quantity", "quantity_unit", "article_id", "actors",
    "place_id", "side", "line_km", "line_date", "confidence", "claimed", "claimant",
    "event_group", "sources", "source_articles", "source_urls",
)
#: ``side``, ``line_km``, ``line_date``: the event against the front line of its day
#: (``geo.frontline.sides``): ``occupied``/``grey_zone``/``held``, signed km to that line
#: (negative inside the occupied area) and the line's date; empty when no snapshot in the
#: store covers the event's day. Then how far the event can be trusted (``confidence``, 0..1,
#: empty for imported rows), whether it is one side's ``claimed`` word and whose
#: (``claimant``), and the real event it reports: ``event_group`` (its first stored report's
#: id), how many ``sources`` report it, their article ids and links.
EXPORT_FORMATS = tuple(FORMATS)
#: file suffix -> the format it implies
SUFFIX_FORMATS = {suffix: fmt for fmt, suffixes in FORMATS.items() for suffix in suffixes}


def event_record(event: Event, placement: Any = None) -> dict[str, Any]:
    """One event as an ordered dict of the CSV columns (None for unknown numbers);
    ``placement`` (a :class:`geo.frontline.sides.Placement`) fills side and line."""
    actors = list(event.actors)
    side = getattr(placement, "side", None)
    km = getattr(placement, "distance_km", None) if side is not None else None
    line_day = getattr(placement, "line_date", None) if side is not None else None
    return {
        "event_id_cnty": event.id, "event_date": event.date or "",
        "time_precision": event.time_precision, "event_type": event.event_type,
        "sub_event_type": event.sub_event_type, "actor1": actors[0] if actors else "",
        "actor2": actors[1] if len(actors) > 1 else "",
        "country": event.country or (event.place.cc if event.place else ""),
        "admin1": event.admin1 or (event.place.admin1_name if event.place else ""),
        "location": event.location or (event.place.name if event.place else ""),
        "latitude": event.lat, "longitude": event.lon, "geo_precision": event.geo_precision,
        "source": event.source, "notes": event.text, "fatalities": event.fatalities,
        "quantity": event.quantity, "quantity_unit": event.quantity_unit,
        "article_id": event.article_id or "", "actors": "; ".join(actors),
        "place_id": event.place.id if event.place else None,
        "side": side, "line_km": None if km is None else round(float(km), 3),
        "line_date": None if line_day is None else str(line_day),
        "confidence": event.confidence, "claimed": bool(event.claimed),
        "claimant": event.claimant, "event_group": event.group or event.id,
        "sources": max(1, len(event.sources)),
        "source_articles": "; ".join(event.sources or
                                     ([event.article_id] if event.article_id else [])),
        "source_urls": "; ".join(u for u in event.source_urls if u),
    }


def write_events(events: Iterable[Event], path: str | os.PathLike[str], *,
                 format: str | None = None, overwrite: bool = True,
                 sides: Mapping[str, Any] | None = None) -> int:
    """Write events in a format of :data:`EXPORT_FORMATS` (named, or implied by the suffix);
    returns the count. Without ``overwrite`` an existing file is refused
    (:class:`~geo.errors.OutputError`). ``sides``: event id -> placement against the line of
    its day (:func:`geo.frontline.sides.place_events_of_day`)."""
    path = Path(path)
    fmt = format_of(path, format)
    if fmt == "csv":
        return write_csv(events, path, overwrite=overwrite, sides=sides)
    if fmt == "geojson":
        return write_geojson(events, path, overwrite=overwrite, sides=sides)
    from geo.vectorfile import write_frame

    return write_frame(events_frame(events, sides=sides), path, format=fmt,
                       describe=_description, overwrite=overwrite)


def events_frame(events: Iterable[Event], *, sides: Mapping[str, Any] | None = None) -> Any:
    """The CSV columns as a GeoDataFrame of points (EPSG:4326); ``event_date`` as a
    ``datetime64`` day, ``actors`` as lists."""
    import geopandas as gpd
    import pandas as pd

    from geo.store.frames import days

    records = []
    sides = sides or {}
    for event in events:
        record = event_record(event, sides.get(event.id))
        record["actors"] = list(event.actors)
        records.append(record)
    df = pd.DataFrame.from_records(records, columns=list(CSV_COLUMNS))
    df["event_date"] = days(df["event_date"])
    for col in ("fatalities", "quantity", "place_id", "sources"):
        df[col] = df[col].astype("Int64")
    df["line_km"] = df["line_km"].astype("Float64")
    df["confidence"] = df["confidence"].astype("Float64")
    df.insert(0, "name", [f"{t}: {loc}" if loc else t
                          for t, loc in zip(df["sub_event_type"], df["location"], strict=True)])
    geometry = gpd.points_from_xy(df["longitude"].astype(float), df["latitude"].astype(float))
    return gpd.GeoDataFrame(df, geometry=geometry, crs="EPSG:4326")


def _description(row: dict[str, Any]) -> str:
    """A KML placemark's description, HTML-escaped (Google Earth renders it as HTML)."""
    from html import escape

    lines = [" · ".join(str(v) for v in (row.get("event_date"), row.get("event_type"),
                                          row.get("source")) if v),
             str(row.get("notes") or "")]
    return "<br>".join(escape(line) for line in lines if line.strip())


def write_csv(events: Iterable[Event], path: str | os.PathLike[str], *,
              overwrite: bool = True, sides: Mapping[str, Any] | None = None) -> int:
    """ACLED-like CSV, every field quoted; returns the row count."""
    sides = sides or {}

    def write(fh: Any) -> int:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, quoting=csv.QUOTE_ALL,
                                lineterminator="\n")
        writer.writeheader()
        n = 0
        for event in events:
            record = event_record(event, sides.get(event.id))
            writer.writerow({k: "" if v is None else v for k, v in record.items()})
            n += 1
        return n

    return _atomic(Path(path), write, newline="", overwrite=overwrite)


def write_geojson(events: Iterable[Event], path: str | os.PathLike[str], *,
                  overwrite: bool = True, sides: Mapping[str, Any] | None = None) -> int:
    """A GeoJSON FeatureCollection of points ([lon, lat]); returns the feature count."""
    sides = sides or {}

    def write(fh: Any) -> int:
        fh.write('{"type": "FeatureCollection", "features": [\n')
        n = 0
        for event in events:
            props = event_record(event, sides.get(event.id))
            props["actors"] = list(event.actors)
            feature = {"type": "Feature", "id": event.id,
                       "geometry": {"type": "Point", "coordinates": [event.lon, event.lat]},
                       "properties": props}
            fh.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
            n += 1
        fh.write("\n]}\n")
        return n

    return _atomic(Path(path), write, overwrite=overwrite)


def _atomic(path: Path, write: Any, *, newline: str | None = None, overwrite: bool) -> int:
    with writing_text(path, overwrite=overwrite, newline=newline) as fh:
        return write(fh)
