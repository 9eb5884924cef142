"""``geo frontline stats`` over a war's worth of daily snapshots: seconds and peak memory.

Run: ``python benchmarks/bench_frontline_history.py [--files 1000] [--runs 1]
[--distinct] [--before CHECKOUT] [DIR]`` (default ``../shared/frontline``). Builds ``--files``
daily snapshots, one a day from 2022-04-14, as symbolic links cycling through DIR's files (the
date is in the link's name), then runs the CLI as a user would (``stats TMPDIR --by month
--json``) with the default workers and, as baselines in the same run, with ``--workers 1``
and (``--before``) with another checkout's ``geo`` (e.g. ``git archive main``). Prints for
each: wall seconds (median of ``--runs``), CPU seconds (so that a machine shared with other
jobs shows as such), and the peak resident memory summed over the process and its workers
(sampled every 0.1 s from /proc).

Cycling copies have the same bytes, which ``stats`` measures once (as it does for an archive
that repeats a day); ``--distinct`` writes real copies that differ by trailing blanks instead,
so that every file is read and measured: the throughput of a thousand different days.
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


def build(folder: Path, sources: list[Path], n: int, *, distinct: bool = False) -> None:
    first = dt.date(2022, 4, 14)
    for i in range(n):
        day = first + dt.timedelta(days=i)
        link = folder / f"snap_{day:%Y%m%d}.geojson"
        src = sources[i % len(sources)]
        if distinct:  # JSON allows trailing blanks: the same map, different bytes
            link.write_bytes(src.read_bytes() + b"\n" + b" " * (i // len(sources)))
        else:
            link.symlink_to(src)


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


def run(args: list[str], root: Path = ROOT) -> tuple[float, float, int, int, str]:
    """(wall s, CPU s, peak summed RSS in MB, exit code, stdout) of one CLI run of the
    ``geo`` in ``root``."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        proc = subprocess.Popen([sys.executable, "-m", "geo", "frontline", *args], stdout=out,
                                stderr=subprocess.DEVNULL, env=env, cwd=root)
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
    ap.add_argument("--distinct", action="store_true",
                    help="copies with different bytes (every file measured), not links")
    ap.add_argument("--before", metavar="CHECKOUT",
                    help="also run this checkout's geo (same files, same run) as the baseline")
    opts = ap.parse_args()
    sources = sorted(Path(opts.dir).glob("*.geojson"))
    if not sources:
        print(f"no snapshots in {opts.dir}", file=sys.stderr)
        return 2
    import json

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        build(folder, sources, opts.files, distinct=opts.distinct)
        print(f"{opts.files} daily snapshots (cycling through {len(sources)} files of "
              f"{opts.dir}{', distinct bytes' if opts.distinct else ', links'}); "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start")
        modes = [("parallel (default workers)", [], ROOT)]
        if not opts.no_baseline:
            modes.append(("baseline --workers 1", ["--workers", "1"], ROOT))
        if opts.before:
            modes.append(("before (default workers)", [], Path(opts.before).resolve()))
        results = {}
        for label, extra, root in modes:
            walls, cpus, peaks = [], [], []
            for _ in range(opts.runs):
                wall, cpu, peak, code, text = run(["stats", str(folder), "--by", "month",
                                                   "--json", *extra], root)
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
        pw, pc, _ = results["parallel (default workers)"]
        for label in ("baseline --workers 1", "before (default workers)"):
            if label in results:
                bw, bc, _ = results[label]
                print(f"  {label.split(' (')[0]} / parallel = {bw / pw:.2f}x wall, "
                      f"{bc / pc:.2f}x CPU")
        print(f"  load average at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
