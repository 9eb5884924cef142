"""Spatial join of 100,000 points to admin-1 units: geo.regions vs a naive loop and sjoin.

Run: ``python benchmarks/bench_regions.py [N]`` (default 100,000; needs the gazetteer index,
``geo gazetteer build``). The points are real settlements (every k-th of the index's cities),
so they crowd where people live, as mentions do. Prints the median of 3 runs of
``join_points`` (admin-1 only, no fallback; then admin-1 + countries with the 10 km fallback),
geopandas ``sjoin`` on the same frame, and a naive Python loop of ``polygon.covers(point)`` on a
subset, extrapolated per point; then the agreement between them.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._timing import timed  # noqa: E402

RUNS = 3


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    import geopandas as gpd
    import numpy as np

    from geo.gazetteer import Gazetteer
    from geo.regions import join_points, load_areas
    from geo.regions.join import naive_join

    gaz = Gazetteer.open()
    t = time.perf_counter()
    areas = load_areas(gazetteer=gaz)
    load_s = time.perf_counter() - t
    rows = gaz._query("SELECT lat, lon FROM places WHERE kind = 'city' ORDER BY idx")
    step = max(1, len(rows) // n)
    pts = np.array(rows[::step][:n], dtype=float)
    while len(pts) < n:  # fewer cities than n: repeat them, slightly moved
        pts = np.vstack([pts, pts[: n - len(pts)] + 0.001])
    lats, lons = pts[:, 0], pts[:, 1]
    admin1 = areas.frame[areas.frame["level"] == "admin1"].reset_index(drop=True)
    print(f"{len(lats):,} points, {len(admin1):,} admin-1 polygons, "
          f"{len(areas) - len(admin1)} countries; areas loaded in {load_s:.2f} s")

    # warm the trees (built once per AdminAreas), then time
    join_points(areas, lats[:10], lons[:10])
    t_fast, fast = timed(lambda: join_points(areas, lats, lons, max_km=0, levels=("admin1",)),
                         runs=RUNS)
    t_full, full = timed(lambda: join_points(areas, lats, lons), runs=RUNS)
    frame = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lons, lats), crs="EPSG:4326")
    t_sjoin, _joined = timed(lambda: gpd.sjoin(frame, admin1[["id", "geometry"]],
                                              predicate="intersects", how="left"),
                             runs=RUNS)
    k = 200
    sub = np.linspace(0, len(lats) - 1, k).astype(int)
    t_naive, naive = timed(lambda: naive_join(list(admin1.geometry), lats[sub], lons[sub]),
                           runs=1)
    per_naive = t_naive / k
    print(f"join_points admin-1 only, no fallback : {t_fast:.3f} s "
          f"({len(lats) / t_fast:,.0f} points/s)")
    print(f"join_points admin-1 + country, 10 km  : {t_full:.3f} s")
    print(f"geopandas sjoin (intersects)          : {t_sjoin:.3f} s "
          f"(join_points is {t_sjoin / t_fast:.1f}x faster)")
    print(f"naive covers() loop, {k} points        : {t_naive:.2f} s = "
          f"{per_naive * 1e3:.2f} ms/point, ~{per_naive * len(lats):,.0f} s for all "
          f"({per_naive * len(lats) / t_fast:,.0f}x join_points)")

    a1 = fast.admin1
    agree = np.mean(a1[sub] == np.asarray(naive))
    print(f"agreement with the naive loop on the subset: {agree:.1%}")
    inside = int((fast.admin1 >= 0).sum())
    fallback = int((full.admin1_how == 2).sum())
    print(f"inside a polygon: {inside:,} ({inside / len(lats):.1%}); taken by the 10 km "
          f"fallback: {fallback:,}; still none: {int((full.admin1 < 0).sum()):,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
