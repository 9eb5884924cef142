"""Admin regions: polygons, spatial joins of points to admin-1 units and countries, counts.

>>> from geo.regions import load_areas, join_points
>>> areas = load_areas()                                  # admin-1 + country polygons
>>> j = join_points(areas, [48.28], [37.18])              # Pokrovsk
>>> areas.region(j.admin1[0]).label
'Donetsk Oblast, UA'

Importing this package loads no data and no heavy dependency.
"""

from __future__ import annotations

from geo.regions.areas import LEVELS, AdminAreas, Region, load_areas
from geo.regions.join import DEFAULT_MAX_KM, Joined, join_points, levels_of_kind
from geo.regions.stats import (
    PERIODS,
    Points,
    RegionCount,
    RegionStats,
    event_points,
    mention_points,
    period_of,
    region_stats,
)

__all__ = [
    "DEFAULT_MAX_KM", "LEVELS", "PERIODS", "AdminAreas", "Joined", "Points", "Region",
    "RegionCount", "RegionStats", "event_points", "join_points", "levels_of_kind", "load_areas",
    "mention_points", "period_of", "region_stats",
]
