"""``geo frontline stats`` over a war's worth of daily snapshots: seconds and peak memory.

Run: ``python benchmarks/bench_frontline_history.py [--files 1000] [--runs 1] [DIR]``
(default ``../shared/frontline``). Builds ``--files`` daily snapshots, one a day from
2022-04-14, as symbolic links cycling through DIR's files (the date is in the link's name), then
runs the CLI as a user would (``stats TMPDIR --by month --json``) with the default workers and,
as the baseline in the same run, with ``--workers 1``. Prints for each: wall seconds (median
of ``--runs``), CPU seconds (so that a machine shared with other jobs shows as such), and the
peak resident memory summed over the process and its workers (sampled every 0.1 s from /proc).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(folder: Path, sources: list[Path], n: int) -> None:
    first = dt.date(2022, 4, 14)
    for i in range(n):
        day = first + dt.timedelta(days=i)
        (folder / f"snap_{day:%Y%m%d}.geojson").symlink_to(sources[i % len(sources)])


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return out


def run(args: list[str]) -> tuple[float, float, int, int, str]:
    """(wall s, CPU s, peak summed RSS in MB, exit code, stdout) of one CLI run."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        proc = subprocess.Popen([sys.executable, "-m", "geo", "frontline", *args], stdout=out,
                                stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, sum(_rss_kb(p) for p in _tree(proc.pid)))
            time.sleep(0.1)
        wall = time.perf_counter() - t
        out.seek(0)
        text = out.read()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, peak // 1024, proc.returncode, text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", nargs="?", default=str(ROOT.parent / "shared" / "frontline"))
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--no-baseline", action="store_true", help="skip the --workers 1 run")
    opts = ap.parse_args()
    sources = sorted(Path(opts.dir).glob("*.geojson"))
    if not sources:
        print(f"no snapshots in {opts.dir}", file=sys.stderr)
        return 2
    import json

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        build(folder, sources, opts.files)
        print(f"{opts.files} daily snapshots (cycling through {len(sources)} files of "
              f"{opts.dir}); {os.cpu_count()} CPUs, load average "
              f"{os.getloadavg()[0]:.1f} at the start")
        modes = [("parallel (default workers)", [])]
        if not opts.no_baseline:
            modes.append(("baseline --workers 1", ["--workers", "1"]))
        results = {}
        for label, extra in modes:
            walls, cpus, peaks = [], [], []
            for _ in range(opts.runs):
                wall, cpu, peak, code, text = run(["stats", str(folder), "--by", "month",
                                                   "--json", *extra])
                if code != 0:
                    print(f"{label}: exit {code}", file=sys.stderr)
                    return 1
                walls.append(wall)
                cpus.append(cpu)
                peaks.append(peak)
            results[label] = (statistics.median(walls), statistics.median(cpus), max(peaks))
            doc = json.loads(text)
            print(f"  {label:<28} {results[label][0]:7.1f} s wall  {results[label][1]:7.1f} s "
                  f"CPU  peak {results[label][2]:,} MB  ({len(doc['areas'])} snapshots, "
                  f"{len(doc['periods'])} months)")
        if len(results) == 2:
            (pw, _, _), (bw, _, _) = results.values()
            print(f"  baseline / parallel = {bw / pw:.2f}x")
        print(f"  load average at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
