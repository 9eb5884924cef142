"""Gazetteer figures: build time, cold `geo lookup` wall time, warm lookup, memory, index size.

    python benchmarks/bench_gazetteer.py [--runs 7] [--skip-build]

Targets (issue 2): cold `geo lookup Pokrovsk` < 0.5 s, warm lookup < 50 µs median, peak RSS of a
process with the index loaded < 400 MB, build < 60 s. Uses the default index
($GEO_INDEX_DIR or ~/.cache/geo/index), building it first when missing; the build figure comes
from a fresh build into a temporary directory.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NAMES = ["Pokrovsk", "Kyiv", "Kiev", "Paris", "Toulon", "Sloviansk", "Kramatorsk", "Donetsk region",
         "Washington", "Moscow", "Покровськ", "Artemivsk", "Kup'yans'k", "United Kingdom",
         "Europe", "Alaska", "Zaporozhye", "Berlin", "Lviv", "Odessa"]

_RSS_PROBE = """
import sys
from geo.gazetteer import Gazetteer
g = Gazetteer.open()
for n in sys.argv[1:]:
    g.lookup(n)
g.lookup("Kramatorks")
g.reverse(43.12442, 5.92836)
g.near(48.28, 37.18, km=50)
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent across exec
with open("/proc/self/status") as f:
    print(next(line.split()[1] for line in f if line.startswith("VmHWM:")))
"""


def _median_us(f, n: int) -> float:
    ts = []
    for _ in range(n):
        t = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts) * 1e6


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7, help="subprocess runs for the cold figure")
    ap.add_argument("--skip-build", action="store_true", help="do not time a fresh build")
    args = ap.parse_args()

    from geo import _paths
    from geo.gazetteer import Gazetteer, build_index

    index = _paths.index_dir()
    if not (index / "manifest.json").is_file():
        print(f"building the default index in {index} first ...", file=sys.stderr)
        build_index(index)

    if not args.skip_build:
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            rep = build_index(Path(tmp) / "index")
            build_s = time.perf_counter() - t
        print(f"build: {build_s:.1f} s ({rep.places:,} places, {rep.keys:,} keys; target < 60 s)")

    size = sum(p.stat().st_size for p in index.iterdir() if p.is_file())
    print(f"index on disk: {size / 1e6:.1f} MB in {index}")

    env = {**os.environ, "GEO_INDEX_DIR": str(index)}
    cmd = [sys.executable, "-m", "geo", "lookup", "Pokrovsk"]
    walls = []
    for _ in range(args.runs):
        t = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        walls.append(time.perf_counter() - t)
    base = []
    for _ in range(args.runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        base.append(time.perf_counter() - t)
    print(f"cold `geo lookup Pokrovsk`: median {statistics.median(walls) * 1e3:.0f} ms wall over "
          f"{args.runs} processes (bare `python -c pass`: {statistics.median(base) * 1e3:.0f} ms; "
          "target < 500 ms)")

    t = time.perf_counter()
    gaz = Gazetteer.open(index)
    open_ms = (time.perf_counter() - t) * 1e3
    first = []
    for n in NAMES:
        t = time.perf_counter()
        gaz.lookup(n)
        first.append((time.perf_counter() - t) * 1e6)
    warm = statistics.median(_median_us(lambda n=n: gaz.lookup(n), 500) for n in NAMES)
    from geo._names import normalise

    keys = [normalise(n) for n in NAMES]
    cand = statistics.median(_median_us(lambda k=k: gaz.candidates(k), 2000) for k in keys)
    has = statistics.median(_median_us(lambda k=k: gaz.has_key(k), 2000) for k in keys)
    fuzzy = _median_us(lambda: gaz.lookup("Kramatorks"), 50)
    rev = _median_us(lambda: gaz.reverse(48.3, 37.2), 50)
    print(f"open: {open_ms:.1f} ms; first (uncached) lookup: median {statistics.median(first):.0f} "
          f"µs over {len(NAMES)} names")
    print(f"warm lookup: median {warm:.1f} µs (target < 50 µs); candidates(): {cand:.2f} µs; "
          f"has_key(): {has:.2f} µs")
    print(f"fuzzy lookup (Kramatorks): {fuzzy / 1e3:.2f} ms; reverse: {rev / 1e3:.2f} ms")

    out = subprocess.run([sys.executable, "-c", _RSS_PROBE, *NAMES], env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    print(f"peak RSS of a process with the index loaded (after lookups, fuzzy, reverse, near): "
          f"{int(out[-1]) / 1024:.0f} MB (target < 400 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
