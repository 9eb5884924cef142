"""Smoke check: every shared dataset through the real commands, no record lost, no stop.

    python scripts/smoke.py                  # ../shared next to the checkout
    python scripts/smoke.py --shared DIR

The gold sets (LGL, dev, dev-uk-ru, the events set, the seed) are parsed, ingested into a
fresh store and run through event extraction; every front-line file is measured. A step
passes when its command exits 0 and reports no skipped record: one record that breaks a batch
is a defect of the batch (issue 16). The data stay outside the project (the shared README);
this script only reads them, so CI runs it when they are beside the checkout and says so when
they are not. Exit 0: all passed; 1: a step failed; 2: no shared data at the given place.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _geo(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=1800)


def _steps(shared: Path, tmp: Path) -> list[tuple[str, list[str]]]:
    gold = sorted((shared / "eval").glob("*.jsonl")) + sorted((shared / "seeds").glob("*.jsonl"))
    articles = [str(p) for p in gold] + [str(p) for p in sorted((shared / "seeds").glob("*.txt"))]
    fronts = [str(p) for p in sorted((shared / "frontline").glob("*.geojson"))]
    store = str(tmp / "smoke.db")
    return [
        ("parse every gold set", ["parse", *articles, "-o", str(tmp / "mentions.jsonl")]),
        ("ingest every gold set", ["ingest", *articles, "--db", store]),
        ("extract events", ["events", "extract", *map(str, gold)]),
        ("measure every front-line file", ["frontline", "stats", *fronts, "--by", "month"]),
        ("store the front lines", ["frontline", "import", *fronts, "--db", store]),
        ("map the store", ["map", "--db", store, "--events", "-o", str(tmp / "map.html")]),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args(argv)
    if not (args.shared / "eval").is_dir():
        print(f"smoke: no shared data at {args.shared} (eval/ missing); nothing checked",
              file=sys.stderr)
        return 2
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for what, cmd in _steps(args.shared, Path(tmp)):
            t0 = time.perf_counter()
            r = _geo(*cmd)
            took = time.perf_counter() - t0
            skipped = [ln for ln in r.stderr.splitlines()
                       if "skipped" in ln and not ln.rstrip().endswith(" 0 skipped")]
            ok = r.returncode == 0 and not skipped
            failed += not ok
            last = (r.stderr.strip().splitlines() or [""])[-1]
            mark = "ok  " if ok else "FAIL"
            print(f"{mark} {what:<32} exit {r.returncode}  {took:6.1f} s  {last}")
            if not ok:
                print(r.stderr[-2000:], file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
