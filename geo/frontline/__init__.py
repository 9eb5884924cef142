"""Front-line snapshots: read dated occupied-territory files, measure areas, changes, distances.

``import geo.frontline`` is cheap; shapely, pyproj and pyogrio load on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from geo.frontline.model import (
    AreaRow,
    Change,
    CountryArea,
    FrontStats,
    Layer,
    NearFront,
    PeriodRow,
    RegionChange,
    Snapshot,
)

_LAZY = {
    "load_snapshot": "geo.frontline.load",
    "load_snapshots": "geo.frontline.load",
    "read_snapshots": "geo.frontline.load",
    "area_km2": "geo.frontline.stats",
    "change_between": "geo.frontline.stats",
    "compute_stats": "geo.frontline.stats",
    "distance_to_front": "geo.frontline.stats",
    "distances_to_front": "geo.frontline.stats",
    "front_line": "geo.frontline.stats",
    "settlements_near_front": "geo.frontline.stats",
    "measure_series": "geo.frontline.series",
    "country_border": "geo.frontline.border",
    "clip": "geo.frontline.border",
    "read_name": "geo.frontline.layers",
    "line_of_day": "geo.frontline.sides",
    "place_events": "geo.frontline.sides",
    "save_snapshots": "geo.frontline.stored",
    "stored_snapshots": "geo.frontline.stored",
}

__all__ = [
    "AreaRow", "Change", "CountryArea", "FrontStats", "Layer", "NearFront", "PeriodRow",
    "RegionChange", "Snapshot", *_LAZY,
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'geo.frontline' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
