"""Front-line load + stats on the shared DeepState snapshots, with the figures they give.

Run: ``python benchmarks/bench_frontline.py [DIR]`` (default ``../shared/frontline``). Prints the
median of 5 runs of load, stats and load+stats, against a baseline in the same process
(geopandas ``read_file`` + ``to_crs`` + ``area``, no repair, no changes), then the areas, the
changes and the first-to-last net change with its share of Ukraine.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._timing import timed  # noqa: E402


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "frontline"
    files = sorted(folder.glob("*.geojson"))
    if not files:
        print(f"no snapshots in {folder}", file=sys.stderr)
        return 2
    import geopandas as gpd

    from geo.frontline.load import load_snapshots
    from geo.frontline.stats import compute_stats, stats_crs

    def baseline():
        crs = "+proj=laea +lat_0=48.5 +lon_0=32 +datum=WGS84 +units=m +no_defs"
        return [gpd.read_file(f).to_crs(crs).area.sum() / 1e6 for f in files]

    def load():
        snaps, failed = load_snapshots(files)
        assert not failed, failed
        return snaps

    t_base, base = timed(baseline)
    t_load, snaps = timed(load)
    t_stats, stats = timed(lambda: compute_stats(snaps, country="UA"))
    t_both, _ = timed(lambda: compute_stats(load(), country="UA"))
    print(f"{len(files)} snapshots from {folder} ({sum(f.stat().st_size for f in files):,} bytes)")
    print(f"  load         {t_load * 1000:8.1f} ms (median of 5)")
    print(f"  stats        {t_stats * 1000:8.1f} ms")
    print(f"  load+stats   {t_both * 1000:8.1f} ms")
    print(f"  baseline     {t_base * 1000:8.1f} ms  (geopandas read+project+area only); "
          f"load+stats / baseline = {t_both / t_base:.2f}")
    print(f"projection: {stats_crs(snaps, 'UA')}")
    for a, b in zip(stats.areas, base, strict=True):
        print(f"  {a.date}  {a.occupied_km2:>11,.1f} km²  {a.pct_of_country:6.3f}% of UA"
              f"   (baseline {b:,.1f})")
    for c in stats.steps:
        print(f"  {c.start} → {c.end}: +{c.gained_km2:,.1f} / -{c.lost_km2:,.1f} "
              f"= net {c.net_km2:+,.1f} km² ({c.net_pct:+.3f}%)")
    o = stats.overall
    print(f"first → last {o.start} → {o.end}: net {o.net_km2:+,.1f} km² = {o.net_pct:+.3f}% "
          f"of {stats.country.km2:,.0f} km² ({stats.country.basis})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
