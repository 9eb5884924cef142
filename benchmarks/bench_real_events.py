"""What counting real events instead of reports costs: reading a store's events for
``geo regions stats`` and ``Store.events()``, per report against per real event.

Run: ``python benchmarks/bench_real_events.py [N]`` (default 10,000 reports; no gazetteer
needed). A temporary store gets N articles, one report each, at 5,000 points 5-9 km apart
over 28 days, so that most reports join another article's real event (10,000 reports make
1,677 real events; the store joins them on insert, which is not timed here). Each round
reads the events both ways, alternating, in CPU time of this process; prints the medians of
5 rounds and their ratio (per real event / per report), so load from other processes does not
enter the ratio.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ROUNDS = 5


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    from geo.model import Article, Event, ParsedArticle
    from geo.regions.sources import store_events
    from geo.regions.stats import event_points
    from geo.store import Store

    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        with Store(db) as store:
            store.add([ParsedArticle(Article(f"a{i}", "t", date="2025-03-01"), ())
                       for i in range(n)])
            reports = []
            for i in range(n):
                k = rng.randrange(5_000)
                reports.append(Event(
                    f"a{i}:1", "Battles", "Armed clash", f"2025-03-{1 + k % 28:02d}", 1,
                    46 + (k % 100) * 0.05, 30 + (k // 100) * 0.08, 1, article_id=f"a{i}",
                    confidence=0.9))
            store.add_events(reports)
        with Store(db, create=False) as store:
            ways = {
                "regions stats points": (
                    lambda: event_points(store_events(store)),
                    lambda: event_points(store_events(store, corroborated=True))),
                "Store.events()": (lambda: store.events(reports=True),
                                   lambda: store.events()),
            }
            real = len(store.events())
            print(f"{n:,} reports, {real:,} real events")
            for name, (per_report, per_event) in ways.items():
                cpu: dict[str, list[float]] = {"report": [], "event": []}
                for _ in range(ROUNDS):
                    for key, fn in (("report", per_report), ("event", per_event)):
                        t = time.process_time()
                        fn()
                        cpu[key].append(time.process_time() - t)
                a, b = statistics.median(cpu["report"]), statistics.median(cpu["event"])
                print(f"{name}: per report {a:.3f} s CPU, per real event {b:.3f} s CPU, "
                      f"ratio {b / a:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
