"""Turning query rows into GeoDataFrames (EPSG:4326 points); the only pandas code of the store.

Columns have the types a pandas user expects: dates are ``datetime64`` days (the calendar day
the source wrote, not shifted to UTC; ``NaT`` when unknown), ``alternatives`` is a list of
dicts, ``kind`` and ``precision`` are categoricals over every known value.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from geo.model import KINDS, PRECISION_OF_KIND, Place, precision_of
from geo.store.queries import MENTION_COLUMNS, PLACE_COLUMNS

_PLACE_FIELDS = ("name", "kind", "precision", "cc", "admin1", "admin1_name", "population",
                 "lat", "lon")


def mentions_frame(rows: Sequence[tuple], places: Mapping[int, Place], *,
                   distance_km: Mapping[int, float] | None = None) -> Any:
    """A GeoDataFrame of mention rows joined with their places' columns (and ``distance_km``)."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    df = pd.DataFrame.from_records(list(rows), columns=list(MENTION_COLUMNS))
    ids = list(places)
    codes = pd.Index(ids).get_indexer(df["place_id"]) if len(df) else np.array([], dtype=int)
    at = df.columns.get_loc("place_id") + 1
    for offset, field in enumerate(_PLACE_FIELDS):
        values = np.asarray([getattr(places[i], field) for i in ids], dtype=object)
        col = values[codes] if ids else []
        df.insert(at + offset, field, pd.Series(col, index=df.index, dtype=_dtype(field)))
    df["date"] = days(df["date"])
    df["alternatives"] = json_lists(df["alternatives"])
    categorise(df)
    if distance_km is not None:
        df["distance_km"] = df["place_id"].map(distance_km).astype(float)
    points = gpd.points_from_xy([places[i].lon for i in ids], [places[i].lat for i in ids])
    geometry = points[codes] if ids else gpd.points_from_xy([], [])
    return gpd.GeoDataFrame(df, geometry=geometry, crs="EPSG:4326")


def places_frame(rows: Sequence[tuple], *,
                 distance_km: Mapping[int, float] | None = None) -> Any:
    """A GeoDataFrame of place-summary rows, with ``precision`` (and ``distance_km``)."""
    import geopandas as gpd
    import pandas as pd

    df = pd.DataFrame.from_records(list(rows), columns=list(PLACE_COLUMNS))
    df.insert(df.columns.get_loc("kind") + 1, "precision",
              pd.Series([precision_of(k) for k in df["kind"]], index=df.index, dtype="str"))
    for col in ("first_seen", "last_seen"):
        df[col] = days(df[col])
    categorise(df)
    if distance_km is not None:
        df["distance_km"] = df["place_id"].map(distance_km).astype(float)
    geometry = gpd.points_from_xy(df["lon"].astype(float), df["lat"].astype(float))
    return gpd.GeoDataFrame(df, geometry=geometry, crs="EPSG:4326")


def _dtype(field: str) -> str:
    return {"population": "int64", "lat": "float64", "lon": "float64"}.get(field, "str")


#: precision classes, coarsest last (the categories of ``precision``)
PRECISIONS = (*dict.fromkeys(PRECISION_OF_KIND.values()), "other")


def json_lists(values: Any) -> list[Any]:
    """Stored JSON arrays (``""``/NULL for none) as Python lists, decoded in one call (one
    ``json.loads`` per row cost twice the rest of building a 6,000-row frame)."""
    return json.loads("[" + ",".join(v if isinstance(v, str) and v else "[]" for v in values)
                      + "]")


def days(values: Any) -> Any:
    """ISO day strings (``YYYY-MM-DD``, or longer ISO text) as ``datetime64`` days; NaT when
    empty or unreadable."""
    import pandas as pd

    text = pd.Series(values, dtype="object").fillna("").astype(str).str.slice(0, 10)
    return pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")


def categorise(df: Any) -> None:
    """``kind`` and ``precision`` (when present) as categoricals over every known value."""
    import pandas as pd

    for col, values in (("kind", KINDS), ("precision", PRECISIONS)):
        if col in df.columns:
            df[col] = pd.Categorical(df[col], categories=list(values))
