"""Pathological inputs: peak memory and time of `geo parse` at 1x, 2x and 4x the size.

    python benchmarks/bench_pathological.py [--cases list,html] [--scale 1.0]

Each input is generated (seeded, from the gazetteer's own names) by a subprocess into a
temporary file and parsed by `python -m geo parse FILE -o OUT.jsonl` in another, so the
figures are the whole command's: wall seconds, CPU seconds (user + system) and the child's
peak RSS (``os.wait4``; this process stays small, since Linux starts a child's peak from its
parent's size). A one-line article parsed the same way in the same run is the baseline
(start-up and index opening); "net CPU s" is the CPU time above it, and the ratios 2x/1x and
4x/1x of net CPU time say whether the time is linear (2 and 4) or quadratic (4 and 16). CPU
time, not wall time, because the machine is shared: other work slows the wall clock, not the
CPU seconds a process needs.

A case counts as linear when its 4x net CPU time is at most 6 times its 1x net CPU time (or
6 x 0.5 s when the 1x run is within start-up noise).

Cases (issue 16): one sentence of 80 KB full of place names; about 1 MB without a sentence
break: a list of places, a chain of oblasts, a repeated Cyrillic phrase, a run of capitalised
words; and 25,000-100,000 nested ``<div>``. Target: every run under 1 GB, time linear.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEMORY_LIMIT_MB = 1024
#: 4x/1x of net time above this is not linear (linear: 4; quadratic: 16)
LINEAR_RATIO = 6.0
#: net times below this are start-up noise on a shared machine: a 1x run is counted as this
NOISE_S = 0.5

OBLASTS = ["Donetsk", "Luhansk", "Kharkiv", "Zaporizhzhia", "Kherson", "Dnipropetrovsk", "Sumy",
           "Mykolaiv", "Odesa", "Kursk", "Belgorod", "Bryansk"]
TOWNS = ["Pokrovsk", "Kramatorsk", "Sloviansk", "Kostiantynivka", "Kupiansk", "Bakhmut",
         "Avdiivka", "Toretsk", "Lyman", "Izium", "Vovchansk", "Huliaipole", "Orikhiv"]
VERBS = ["troops moved from", "drones struck", "shelling hit", "residents left",
         "power returned to", "the road runs past", "fighting went on near"]


def place_names(limit: int = 20_000) -> list[str]:
    """Real names from the index (title-cased keys of letters and spaces only)."""
    from geo.gazetteer import Gazetteer

    gaz = Gazetteer.open()
    names: list[str] = []
    for letter in "abcdefghijklmnoprstuvwz":
        names += [k.title() for k in gaz.keys_with_prefix(letter, limit // 23)
                  if len(k) > 3 and k.replace(" ", "").isalpha()]
    return names


def fill(size: int, piece: Callable[[random.Random], str], sep: str, end: str = "") -> str:
    rng = random.Random(7)
    parts, total = [], 0
    while total < size:
        p = piece(rng)
        parts.append(p)
        total += len(p) + len(sep)
    return sep.join(parts) + end


def make_cases(names: list[str]) -> dict[str, tuple[int, str, Callable[[int], str]]]:
    """case -> (1x size, file suffix, size -> content)."""
    return {
        "sentence": (80_000, ".txt", lambda n: "In the east " + fill(
            n, lambda r: f"{r.choice(VERBS)} {r.choice(TOWNS)} and {r.choice(names)}", ", ",
            ".")),
        "list": (256_000, ".txt", lambda n: fill(n, lambda r: r.choice(names), ", ")),
        "oblasts": (256_000, ".txt", lambda n: "the " + fill(
            n, lambda r: r.choice(OBLASTS), " and ", " oblasts")),
        "cyrillic": (256_000, ".txt", lambda n: fill(
            n, lambda r: "бої під Покровськом Донецької області", " ")),
        "capitals": (256_000, ".txt", lambda n: "Troops said " + fill(
            n, lambda r: r.choice(names + TOWNS + ["Donald", "Trump", "President", "Gen."]),
            " ")),
        "html": (25_000, ".html", lambda n: "<html><body>" + "<div>" * n
                 + "Fighting near Pokrovsk and Kramatorsk." + "</div>" * n + "</body></html>"),
    }


def generate(case: str, size: int, path: Path) -> None:
    """Write the *case* input of about *size* characters (or divs) to *path* (in a child)."""
    sys.path.insert(0, str(ROOT))
    make = make_cases(place_names())[case][2]
    path.write_text(make(size), encoding="utf-8")


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")


def count_mentions(path: Path) -> int:
    """Mentions in a JSONL output, counted in chunks (one article's line can be 100 MB)."""
    needle, count, tail = b'"place_id"', 0, b""
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            block = tail + chunk
            count += block.count(needle)
            tail = block[-(len(needle) - 1):]
    return count


def run_parse(path: Path, out: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of `geo parse path -o out` in a fresh
    process."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "geo", "parse", str(path), "-o", str(out),
                             "--force"],
                            env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace").strip() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"geo parse {path.name} failed: {err[-300:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", default="sentence,list,oblasts,cyrillic,capitals,html")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every 1x size")
    ap.add_argument("--generate", nargs=3, metavar=("CASE", "SIZE", "PATH"),
                    help=argparse.SUPPRESS)  # the child that writes one input
    args = ap.parse_args(argv)
    if args.generate:
        case, size, path = args.generate
        generate(case, int(size), Path(path))
        return 0
    cases = make_cases([])
    wanted = [c.strip() for c in args.cases.split(",") if c.strip()]
    unknown = set(wanted) - set(cases)
    if unknown:
        raise SystemExit(f"unknown case(s): {', '.join(sorted(unknown))}")
    print(f"load average {os.getloadavg()[0]:.1f}; python {sys.version.split()[0]}")
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        base = tmpdir / "baseline.txt"
        base.write_text("Fighting near Pokrovsk and Kramatorsk.\n", encoding="utf-8")
        runs = [run_parse(base, tmpdir / "b.jsonl") for _ in range(3)]
        base_wall = min(r[0] for r in runs)
        base_s = min(r[1] for r in runs)
        base_mb = max(r[2] for r in runs)
        print(f"baseline (one-line article): {base_wall:.2f} s wall, {base_s:.2f} s CPU, "
              f"{base_mb:.0f} MB peak RSS\n")
        print(f"{'case':9} {'size':>4} {'input':>10} {'mentions':>9} {'wall s':>7} {'CPU s':>7} "
              f"{'net CPU':>8} {'peak MB':>8} {'JSONL MB':>9}")
        for name in wanted:
            size, suffix, _ = cases[name]
            nets, peaks = [], []
            for factor in (1, 2, 4):
                n = int(size * factor * args.scale)
                path = tmpdir / f"{name}-{factor}{suffix}"
                subprocess.run([sys.executable, __file__, "--generate", name, str(n), str(path)],
                               env=_env(), check=True)
                out = tmpdir / f"{name}-{factor}.jsonl"
                wall, cpu, peak = run_parse(path, out)
                mentions = count_mentions(out)
                net = max(cpu - base_s, 1e-3)
                nets.append(net)
                peaks.append(peak)
                label = f"{n:,} divs" if name == "html" else f"{path.stat().st_size / 1e3:,.0f} KB"
                print(f"{name:9} {factor:>3}x {label:>10} {mentions:>9,} {wall:>7.2f} {cpu:>7.2f} "
                      f"{net:>8.2f} {peak:>8.0f} {out.stat().st_size / 1e6:>9.1f}")
                out.unlink()
                path.unlink()
            r2, r4 = nets[1] / nets[0], nets[2] / nets[0]
            linear = nets[2] <= LINEAR_RATIO * max(nets[0], NOISE_S)
            small = max(peaks) < MEMORY_LIMIT_MB
            print(f"{'':9} ratios of net CPU time 2x/1x {r2:.2f}, 4x/1x {r4:.2f} "
                  f"({'linear' if linear else 'NOT LINEAR'}); peak "
                  f"{max(peaks):.0f} MB ({'under' if small else 'OVER'} {MEMORY_LIMIT_MB} MB)")
            if not (linear and small):
                failures.append(name)
    print("\nall linear and under 1 GB" if not failures else f"\nFAILED: {', '.join(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
