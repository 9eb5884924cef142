"""Ingest with parsing included: `geo ingest` as a whole process, articles/s.

Writes synthetic ~3 KB news-like articles (the sparse and dense profiles of bench_parse) to a
temporary JSONL file and times `geo ingest FILE --db NEW.db` end to end (start-up, gazetteer
open, read, parse, store), median of N runs, against the same process with `--parsed` input
(store only: no parsing, no events) as the baseline. The parse + store run uses the default
event extraction, and runs again with ``--no-events`` to show what extraction costs.
Run: python benchmarks/bench_ingest.py [--n 2000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_parse import PROFILES, make_articles


def _ingest(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "geo", "ingest", *args], check=True,
                   capture_output=True, text=True)
    return time.perf_counter() - started


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="articles per run")
    ap.add_argument("--runs", type=int, default=3)
    opts = ap.parse_args()
    print(f"geo ingest, {opts.n} synthetic ~3 KB articles, median of {opts.runs} whole-process "
          "runs into a new store")
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        for profile, filler in PROFILES.items():
            src = tmpdir / f"{profile}.jsonl"
            with src.open("w", encoding="utf-8") as f:
                for d in make_articles(opts.n, seed=11, filler=filler):
                    f.write(json.dumps(d, ensure_ascii=False) + "\n")
            parsed = tmpdir / f"{profile}.parsed.jsonl"
            subprocess.run([sys.executable, "-m", "geo", "parse", str(src), "-o", str(parsed)],
                           check=True, capture_output=True)
            full, store_only, no_events = [], [], []
            for run in range(opts.runs):
                full.append(_ingest([str(src), "--db", str(tmpdir / f"{profile}{run}.db")]))
                no_events.append(_ingest([str(src), "--no-events", "--db",
                                          str(tmpdir / f"{profile}{run}n.db")]))
                store_only.append(_ingest([str(parsed), "--parsed", "--no-events", "--db",
                                           str(tmpdir / f"{profile}{run}p.db")]))
            t_full, t_store = statistics.median(full), statistics.median(store_only)
            t_bare = statistics.median(no_events)
            print(f"[{profile}] parse + store: {opts.n / t_full:,.0f} articles/s ({t_full:.2f} s)"
                  f"   store only (--parsed): {opts.n / t_store:,.0f} articles/s "
                  f"({t_store:.2f} s)   parsing share {1 - t_store / t_full:.0%}   "
                  f"without events: {opts.n / t_bare:,.0f} articles/s ({t_bare:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
