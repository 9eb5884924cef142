"""Dask engine vs the single-process engine on the same synthetic corpus, in the same run.

    python benchmarks/bench_scale.py [--articles 20000] [--workers 2] [--runs 1] [--seed 7]
                                     [--partition-size 500]

Builds N seeded, news-like articles of about 3 KB that name places (front-line towns, regions,
world cities, countries, seas), writes them to one JSONL file, then per run:

- single process: ``read_articles -> parse_articles -> write_parsed`` (JSONL), the default
  ``geo parse`` engine, gazetteer opened inside the timing;
- Dask: ``run_dask`` with a new LocalCluster of --workers processes (1 thread each), timed end
  to end (cluster start, planning, parse, GeoParquet write, shutdown), then again on an already
  running cluster ("warm", no start-up).

Prints medians over --runs of articles/s, the ratio Dask / single, each worker's peak resident
memory (VmHWM reported by the worker after each task, and psutil samples of the worker
pids), whether the GeoParquet read back equals the single-process output (every field of every
mention), per-article CPU figures for the paper estimate, and the load average before/after
(other work on the machine slows both engines).
Target (issue 7): ratio >= 1.7 with 2 workers on 2 cores, peak < 1.5 GB per worker, identical.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

TOWNS = """Pokrovsk Kramatorsk Sloviansk Kostiantynivka Bakhmut Avdiivka Kupiansk Izium Lyman
Kharkiv Kyiv Odesa Dnipro Zaporizhzhia Kherson Mykolaiv Sumy Chernihiv Poltava Lviv Mariupol
Melitopol Berdiansk Enerhodar Nikopol Kryvyi_Rih Kremenchuk Uman Izmail Belgorod Kursk Bryansk
Rostov Moscow Sevastopol Simferopol Kerch Minsk Warsaw Krakow Rzeszow Vilnius Riga Tallinn
Helsinki Berlin Munich Paris Toulon Marseille Lyon Brussels Amsterdam London Rome Madrid Vienna
Prague Budapest Bucharest Chisinau Ankara Istanbul Tbilisi Baku Tehran Damascus Beirut Cairo
Doha Beijing Tokyo Washington New_York Chicago Houston Boston Ottawa Toronto Geneva""".split()
COUNTRIES = """Ukraine Russia Poland France Germany Belarus Moldova Romania Turkey Georgia
Finland Estonia Latvia Lithuania Italy Spain Hungary Slovakia Britain China India Japan Iran
Israel Syria""".split()
REGIONS = "Donetsk Luhansk Kharkiv Zaporizhzhia Kherson Dnipropetrovsk Sumy Kursk Belgorod".split()
SEAS = ["the Black Sea", "the Sea of Azov", "the Baltic Sea"]
PLACE_SENTENCES = [
    "Russian forces shelled {t} overnight, officials in the {r} region said.",
    "Air-raid sirens sounded across {t} and {u} as drones approached.",
    "Ukrainian troops near {t}, a stronghold in the {r} region, repelled several assaults.",
    "Delegations from {c} and {d} met in {t} to discuss grain exports across {s}.",
    "Residents of {t} queued for water after a strike on the pumping station.",
    "The army said fighting continued east of {t}, about 20 kilometres from {u}.",
    "{c}'s foreign minister flew to {t} for talks with counterparts from {d}.",
    "Ships left the port of {t} under escort, heading for {s}.",
]
OTHER_SENTENCES = [
    "The spokesman declined to comment on the casualty figures.",
    "Analysts said the compromise would be hard to sell at home.",
    "The central bank kept its key rate unchanged, citing inflation risks.",
    "Neither side commented on the reports, which could not be independently verified.",
    "Prices for bread and fuel rose sharply in {m}, the statistics office reported.",
    "The plan was discussed with European partners on {w}.",
]
MONTHS = "January February March April May June July August September October".split()
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def synthetic_corpus(path: Path, n: int, *, seed: int, size: int = 3000) -> int:
    """Write ``n`` seeded news-like articles of about ``size`` characters; returns bytes."""
    rng = random.Random(seed)

    def pick(xs: list[str]) -> str:
        return rng.choice(xs).replace("_", " ")

    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            parts, length = [], 0
            while length < size:
                pool = OTHER_SENTENCES if rng.random() < 0.4 else PLACE_SENTENCES
                s = rng.choice(pool).format(t=pick(TOWNS), u=pick(TOWNS), r=pick(REGIONS),
                                            c=pick(COUNTRIES), d=pick(COUNTRIES), s=pick(SEAS),
                                            m=pick(MONTHS), w=pick(DAYS))
                parts.append(s[0].upper() + s[1:])
                length += len(s) + 1
            f.write(json.dumps({"id": f"s{i:06d}", "title": f"Report {i}", "lang": "en",
                                "date": f"2026-0{1 + i % 9}-{1 + i % 28:02d}", "source": "bench",
                                "text": " ".join(parts)}) + "\n")
    return path.stat().st_size


def run_single(corpus: Path, out: Path) -> tuple[float, float, list]:
    from geo.gazetteer import Gazetteer
    from geo.pipeline import parse_articles
    from geo.text.read import read_articles
    from geo.text.write import write_parsed

    kept: list = []

    def keep(parsed):
        for pa in parsed:
            kept.append(pa)
            yield pa

    started, cpu = time.perf_counter(), time.process_time()
    with Gazetteer.open() as gaz:
        parsed = parse_articles(read_articles([corpus], on_problem=print), gazetteer=gaz)
        write_parsed(keep(parsed), str(out), fmt="jsonl")
    return time.perf_counter() - started, time.process_time() - cpu, kept


class RssSampler:
    """Samples the resident memory of some pids every 0.2 s in a thread; keeps each one's peak."""

    def __init__(self, pids_of) -> None:
        self.pids_of, self.peak, self._stop = pids_of, {}, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.wait(0.2):
            for pid in self.pids_of():
                try:
                    rss = psutil.Process(pid).memory_info().rss
                except psutil.Error:
                    continue
                self.peak[pid] = max(self.peak.get(pid, 0), rss)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def worker_pids_of_children() -> list[int]:
    import psutil

    pids = []
    for child in psutil.Process().children(recursive=True):
        try:
            if "spawn" in " ".join(child.cmdline()):  # multiprocessing-spawned Dask workers
                pids.append(child.pid)
        except psutil.Error:  # exited meanwhile
            continue
    return pids


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--partition-size", type=int, default=500)
    args = ap.parse_args()

    import logging

    from distributed import LocalCluster

    from geo.scale.engine import run_dask
    from geo.scale.parquet import read_parsed_dir

    logging.getLogger("distributed").setLevel(logging.ERROR)
    tmp = Path(tempfile.mkdtemp(prefix="bench_scale_"))
    corpus = tmp / "corpus.jsonl"
    nbytes = synthetic_corpus(corpus, args.articles, seed=args.seed)
    tiny = tmp / "tiny.jsonl"
    synthetic_corpus(tiny, args.workers, seed=args.seed + 1)
    print(f"corpus: {args.articles} articles, {nbytes / 1e6:.1f} MB "
          f"({nbytes / args.articles / 1000:.1f} KB/article), seed {args.seed}; "
          f"{os.cpu_count()} CPUs; load average before {os.getloadavg()[0]:.2f}")

    single, cold, warm, peaks, sampled, task_s = [], [], [], [], [], []
    single_cpu, task_cpu = [], []
    identical = None
    for run in range(args.runs):
        secs, cpu, baseline = run_single(corpus, tmp / "single.jsonl")
        single.append(args.articles / secs)
        single_cpu.append(cpu / args.articles)
        mentions = sum(len(p.mentions) for p in baseline)

        with RssSampler(worker_pids_of_children) as sampler:
            s = run_dask([corpus], tmp / "dask", workers=args.workers,
                         partition_size=args.partition_size)
        cold.append(s.articles / s.seconds)
        peaks.append(max(s.peak_rss.values()))
        sampled.append(max(sampler.peak.values(), default=0))
        task_s.append(s.task_seconds / s.articles)
        task_cpu.append(s.task_cpu_seconds / s.articles)
        if run == 0:
            got = list(read_parsed_dir(tmp / "dask"))
            identical = got == baseline
            print(f"run 1: single {secs:.1f} s, dask {s.seconds:.1f} s on {s.workers} workers, "
                  f"{s.partitions} partitions, {s.mentions} mentions (single: {mentions}); "
                  f"identical output: {identical}")
        del baseline

        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                          dashboard_address=None, silence_logs=logging.ERROR,
                          scheduler_kwargs={"dashboard_address": ":0"}) as cluster:
            run_dask([tiny], tmp / "warmup", scheduler=cluster.scheduler_address,
                     partition_size=1)  # one article per worker: imports, index opened
            w = run_dask([corpus], tmp / "dask", scheduler=cluster.scheduler_address,
                         partition_size=args.partition_size)
        warm.append(w.articles / w.seconds)

    med = statistics.median
    print(f"single process:            {med(single):7.1f} articles/s (median of {args.runs})")
    print(f"dask, {args.workers} workers, cold:    {med(cold):7.1f} articles/s "
          f"= {med(cold) / med(single):.2f}x  (includes cluster start and shutdown)")
    print(f"dask, {args.workers} workers, warm:    {med(warm):7.1f} articles/s "
          f"= {med(warm) / med(single):.2f}x  (cluster already running)")
    print(f"peak memory per worker:    {med(peaks) / 2**20:.0f} MB (VmHWM), "
          f"{med(sampled) / 2**20:.0f} MB (psutil samples); "
          f"single process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB "
          "(holds the whole corpus for the comparison)")
    print(f"per article: single {1000 / med(single):.2f} ms wall, "
          f"{1000 * med(single_cpu):.2f} ms CPU; dask task {1000 * med(task_s):.2f} ms wall, "
          f"{1000 * med(task_cpu):.2f} ms CPU of one worker (read + parse + GeoParquet write)")
    print(f"CPU-bound projection for an idle machine: {args.workers} x "
          f"{med(single_cpu) / med(task_cpu):.2f} = "
          f"{args.workers * med(single_cpu) / med(task_cpu):.2f}x before start-up "
          "(wall figures above are slowed by whatever else runs)")
    out_bytes = sum(f.stat().st_size for f in (tmp / "dask").rglob("*.parquet"))
    print(f"output: {out_bytes / 1e6:.1f} MB of GeoParquet "
          f"({out_bytes / args.articles / 1000:.2f} KB/article, text included)")
    print(f"identical output: {identical}; load average after {os.getloadavg()[0]:.2f}")
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"target: ratio >= 1.7 -> {'met' if med(cold) / med(single) >= 1.7 else 'NOT met'} "
          f"(cold), {'met' if med(warm) / med(single) >= 1.7 else 'NOT met'} (warm); "
          f"peak < 1.5 GB -> {'met' if max(peaks) < 1.5 * 2**30 else 'NOT met'}")


if __name__ == "__main__":  # Dask starts worker processes that re-import this module
    main()
