"""Writing a GeoDataFrame in the formats GIS tools open: GeoJSON, GeoParquet, CSV, GeoPackage,
KML and FlatGeobuf (pyogrio/GDAL for the vector formats, pyarrow for Parquet).

Frames from the store carry pandas types (``datetime64`` days, lists, categoricals); formats
without those types get them flattened here: days as ``YYYY-MM-DD`` text where the format has
no plain date, lists and dicts as JSON text. KML placemarks get a ``name`` and a
``description`` (what Google Earth shows in the list and the balloon). Files appear complete
or not at all: each is written in a temporary folder beside the target, then renamed onto it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geo._files import replacing
from geo.errors import InputError, OutputError

#: format -> the file suffixes that imply it (the first is the usual one)
FORMATS: dict[str, tuple[str, ...]] = {
    "geojson": (".geojson", ".json"),
    "parquet": (".parquet", ".geoparquet"),
    "csv": (".csv",),
    "gpkg": (".gpkg",),
    "kml": (".kml",),
    "flatgeobuf": (".fgb",),
}

#: format -> GDAL driver (pyogrio)
_DRIVERS = {"geojson": "GeoJSON", "gpkg": "GPKG", "kml": "LIBKML", "flatgeobuf": "FlatGeobuf"}
#: formats whose fields have no date type: days go out as ISO text
_TEXT_DATES = frozenset({"geojson", "csv", "kml"})


def format_of(path: str | os.PathLike[str], format: str | None = None) -> str:
    """The format named, or implied by the file suffix; InputError saying the choices."""
    if format is not None:
        fmt = str(format).lower()
        if fmt not in FORMATS:
            raise InputError(f"unknown export format {format!r} (choose {', '.join(FORMATS)})")
        return fmt
    suffix = Path(path).suffix.lower()
    for fmt, suffixes in FORMATS.items():
        if suffix in suffixes:
            return fmt
    known = ", ".join(s for suffixes in FORMATS.values() for s in suffixes)
    raise InputError(f"cannot tell the export format from {Path(path).name!r} (known "
                     f"suffixes: {known}); name the format (format= in Python, --format on the "
                     "command line)")


def write_frame(frame: Any, path: str | os.PathLike[str], *, format: str | None = None,
                describe: Callable[[Any], str] | None = None, overwrite: bool = True) -> int:
    """Write ``frame`` (a GeoDataFrame in EPSG:4326) to ``path``; returns the row count.

    ``describe(row)`` (``row``: a dict of the frame's columns) gives each KML placemark's
    description (default: none). Written through :func:`geo._files.replacing`: complete or
    not at all, any write error one :class:`~geo.errors.OutputError`, an existing file
    replaced only with ``overwrite``.
    """
    path = Path(path)
    fmt = format_of(path, format)
    out = flat_frame(frame, fmt)
    if fmt == "kml":
        out = _kml_frame(out, describe)
    with replacing(path, overwrite=overwrite) as tmp:  # tmp keeps the suffix drivers read
        if fmt == "parquet":
            try:
                out.to_parquet(tmp, index=False)
            except ImportError as exc:
                raise InputError("parquet export needs pyarrow "
                                 "(pip install 'geo[parquet]')") from exc
        elif fmt == "csv":
            out.drop(columns="geometry").to_csv(tmp, index=False)
        else:
            tmp.unlink()  # GDAL drivers will not write over a file
            try:
                # the layer is named after the target, not the temporary file
                layer = {"layer": path.stem} if fmt == "gpkg" else {}
                out.to_file(tmp, driver=_DRIVERS[fmt], engine="pyogrio", **layer)
            except Exception as exc:
                if not type(exc).__module__.startswith("pyogrio"):
                    raise
                # GDAL reports a full disk or a file-size limit as a failed feature
                raise OutputError(f"cannot write {path}: {type(exc).__name__}: "
                                  f"{' '.join(str(exc).split())[:200]}") from None
    return len(frame)


def flat_frame(frame: Any, fmt: str) -> Any:
    """A copy of ``frame`` with the column types ``fmt`` can hold."""
    import pandas as pd

    out = frame.copy()
    for col in out.columns:
        if col == "geometry":
            continue
        series = out[col]
        if isinstance(series.dtype, pd.CategoricalDtype):
            out[col] = series.astype("str") if fmt != "parquet" else series
        elif pd.api.types.is_datetime64_any_dtype(series.dtype):
            if fmt in _TEXT_DATES:
                out[col] = series.dt.strftime("%Y-%m-%d").astype("object").where(
                    series.notna(), None)
        elif series.dtype == object and fmt != "parquet" and _holds_containers(series):
            out[col] = [json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict | tuple)
                        else v for v in series]
    return out


def _holds_containers(series: Any) -> bool:
    return any(isinstance(v, list | dict | tuple) for v in series)


def _kml_frame(frame: Any, describe: Callable[[Any], str] | None) -> Any:
    """``name`` and ``description`` first (the fields LIBKML turns into the placemark's own)."""
    out = frame.copy()
    if "name" not in out.columns:
        out["name"] = ""
    rows = frame.drop(columns="geometry").to_dict("records") if describe is not None else []
    out["description"] = [describe(row) for row in rows] if describe is not None else ""
    first = ["name", "description"]
    return out[first + [c for c in out.columns if c not in first]]
