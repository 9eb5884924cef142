"""Mention-store benchmark: ingest speed of Store.add and query times at 1 million mentions.

    python benchmarks/bench_store.py                 # 1,000,000 mentions over ~20k places
    python benchmarks/bench_store.py --mentions 100000 --keep /tmp/bench.db

Synthetic but plausible data: ~20k places (most in Ukraine, a dense cluster around the Donetsk
front, the rest worldwide) with Zipf-like mention counts and one heavily mentioned "Pokrovsk"
(a few % of all mentions); ~10 mentions per ~1.5 KB article over two years of dates. Parsing is
excluded: this measures the store only. Prints medians.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.model import Article, Candidate, Mention, ParsedArticle, Place
from geo.store import Store
from geo.store.queries import Filters

POKROVSK = Place(704679, "Pokrovsk", "city", "UA", "05", "Donetsk Oblast", 48.2826, 37.1758,
                 60000)
_SYL = ("no", "vo", "se", "liv", "ka", "pol", "ye", "mi", "kha", "ilo", "ro", "dne", "bo",
        "hod", "ar", "tem", "kos", "ty", "an", "ti", "niv", "sk", "hra", "dy", "ra", "zo")
_ADMIN1 = [("05", "Donetsk Oblast"), ("14", "Luhansk Oblast"), ("07", "Kharkiv Oblast"),
           ("26", "Zaporizhzhia Oblast"), ("04", "Dnipropetrovsk Oblast"), ("12", "Kyiv City")]
_FILLER = ("Officials said the situation remained tense as troops regrouped and civilians were "
           "evacuated from frontline districts while shelling continued through the night. ")


def make_places(n: int, rng: random.Random) -> list[Place]:
    """Pokrovsk plus n-1 synthetic places: 15% near the front, 55% in Ukraine, 30% elsewhere."""
    places = [POKROVSK]
    for i in range(1, n):
        name = "".join(rng.choice(_SYL) for _ in range(rng.randint(2, 4))).capitalize()
        r = rng.random()
        if r < 0.15:  # the Donetsk front: within ~120 km of Pokrovsk
            lat, lon, cc, (a1, a1n) = (POKROVSK.lat + rng.gauss(0, 0.5),
                                       POKROVSK.lon + rng.gauss(0, 0.7), "UA", _ADMIN1[0])
        elif r < 0.70:
            lat, lon, cc, (a1, a1n) = (rng.uniform(44.5, 52.3), rng.uniform(22.5, 40.0), "UA",
                                       rng.choice(_ADMIN1))
        else:
            lat, lon, cc, (a1, a1n) = (rng.uniform(-55, 70), rng.uniform(-180, 180),
                                       rng.choice(("FR", "DE", "US", "RU", "PL", "TR")),
                                       ("01", "Region"))
        pop = int(math.exp(rng.gauss(7.5, 1.6)))
        places.append(Place(1_000_000 + i, name, "city", cc, a1, a1n, lat, lon, pop))
    return places


class Corpus:
    """Deterministic synthetic parsed articles with a Zipf-like place distribution."""

    def __init__(self, places: list[Place], *, pokrovsk_share: float, seed: int) -> None:
        self.rng = random.Random(seed)
        self.places = places
        weights = [1.0 / (rank + 1) ** 1.05 for rank in range(len(places) - 1)]
        total = sum(weights)
        rest = 1.0 - pokrovsk_share
        self.weights = [pokrovsk_share] + [w / total * rest for w in weights]
        self.cum = list(_accumulate(self.weights))

    def article(self, i: int) -> ParsedArticle:
        rng = self.rng
        k = max(1, min(30, int(rng.expovariate(1 / 10))))
        chosen = rng.choices(self.places, cum_weights=self.cum, k=k)
        day = 730 * i // 100_000 % 730
        date = f"{2023 + day // 365}-{1 + day % 365 // 31 % 12:02d}-{1 + day % 28:02d}"
        parts, mentions, pos = [], [], 0
        for p in chosen:
            sentence = f"Forces near {p.name} reported new attacks on {date}, officials said."
            parts.append(sentence)
            start = pos + len("Forces near ")
            alts = (Candidate(self.places[rng.randrange(len(self.places))], 0.2, p.name,
                              "alternate"),)
            mentions.append((start, sentence, p, alts))
            pos += len(sentence) + 1
        text = " ".join(parts) + " " + _FILLER * 6
        aid = f"bench-{i:07d}"
        art = Article(aid, text, f"Report {i}", date, f"https://news.example/{i}",
                      rng.choice(("Kyiv Independent", "Reuters", "AP", "BBC")), "en")
        ms = tuple(Mention(aid, s, s + len(p.name), p.name, sent, p, 0.9, "bench", alts)
                   for s, sent, p, alts in mentions)
        return ParsedArticle(art, ms)


def _accumulate(xs):
    t = 0.0
    for x in xs:
        t += x
        yield t


def fill(store: Store, corpus: Corpus, target: int,
         batch: int) -> tuple[int, int, float, list[ParsedArticle]]:
    """Add articles until ``target`` mentions; (articles, mentions, seconds in add, 1st batch)."""
    n_art = n_men = 0
    spent = 0.0
    first: list[ParsedArticle] = []
    while n_men < target:
        recs = []
        while len(recs) < batch and n_men < target:
            pa = corpus.article(n_art)
            recs.append(pa)
            n_art += 1
            n_men += len(pa.mentions)
        t0 = time.perf_counter()
        store.add(recs)
        spent += time.perf_counter() - t0
        first = first or recs
    return n_art, n_men, spent, first


def median_ms(fn, repeat: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of ``fn()`` (CPU time is less hurt by a busy machine)."""
    fn()  # warm the page cache and imports
    wall, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def process_ms(argv: list[str], repeat: int) -> float:
    env = {**os.environ, "GEO_INDEX_DIR": "/nonexistent-geo-index"}
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
                       env=env)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mentions", type=int, default=1_000_000)
    ap.add_argument("--places", type=int, default=20_000)
    ap.add_argument("--pokrovsk-share", type=float, default=0.03)
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--keep", metavar="DB", help="keep the store here (reused if it exists)")
    args = ap.parse_args()

    tmp = None
    if args.keep:
        db = Path(args.keep)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="bench_store_")
        db = Path(tmp.name) / "bench.db"
    rng = random.Random(42)
    places = make_places(args.places, rng)
    if not db.exists():
        corpus = Corpus(places, pokrovsk_share=args.pokrovsk_share, seed=7)
        with Store(db) as store:
            n_art, n_men, spent, first = fill(store, corpus, args.mentions, args.batch)
            print(f"ingest (Store.add only, batches of {args.batch}): {n_art:,} articles, "
                  f"{n_men:,} mentions in {spent:.1f} s = {n_art / spent:,.0f} articles/s, "
                  f"{n_men / spent:,.0f} mentions/s")
            t0 = time.perf_counter()
            result = store.add(first)  # a re-run: every article unchanged
            print(f"re-adding the first batch ({result.unchanged} unchanged): "
                  f"{(time.perf_counter() - t0) * 1000:.1f} ms")
    with Store(db, create=False) as store:
        c = store.counts()
        print(f"store: {c['articles']:,} articles, {c['mentions']:,} mentions, "
              f"{c['places']:,} places, {db.stat().st_size / 2**20:,.0f} MB")
        pid = store.resolve("Pokrovsk")[0].id
        n_pok = len(store.mention_rows(Filters((pid,))))
        near = store.near_ids(POKROVSK.lat, POKROVSK.lon, 30)
        n_near = len(store.mention_rows(Filters(tuple(near))))
        print(f"Pokrovsk: {n_pok:,} mentions; within 30 km: {len(near)} places, "
              f"{n_near:,} mentions")
        r = args.repeat
        figures = {
            "mentions('Pokrovsk') -> GeoDataFrame": median_ms(
                lambda: store.mentions("Pokrovsk"), r),
            "near(Pokrovsk, 30 km) -> GeoDataFrame": median_ms(
                lambda: store.near(POKROVSK.lat, POKROVSK.lon, 30), r),
            "mention listing of Pokrovsk (CLI path)": median_ms(
                lambda: store.mention_rows(Filters(tuple(p.id for p in
                                                         store.resolve("Pokrovsk"))),
                                           listing=True), r),
            "near 30 km place summary (CLI path)": median_ms(
                lambda: store.place_rows(Filters(tuple(store.near_ids(POKROVSK.lat,
                                                                      POKROVSK.lon, 30)))), r),
            "places(top=20)": median_ms(lambda: store.places(top=20), 3),
        }
    print(f"load average before the timings: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for what, (ms, cpu) in figures.items():
        print(f"query  {what:42s} median {ms:8.1f} ms wall, {cpu:8.1f} ms CPU")
    geo = [sys.executable, "-m", "geo"]
    base = process_ms([sys.executable, "-c", "import geo"], 5)
    print(f"process  python -c 'import geo' (baseline)             median {base:8.0f} ms")
    for argv in (["mentions", "Pokrovsk"], ["near", "Pokrovsk", "--km", "30"],
                 ["mentions", "Pokrovsk", "--json"]):
        ms = process_ms([*geo, *argv, "--db", str(db)], 5)
        print(f"process  geo {' '.join(argv):38s} median {ms:8.0f} ms "
              f"({ms - base:.0f} ms over baseline)")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
