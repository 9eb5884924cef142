"""Event-extraction figures: articles/s of extraction alone and of parse + extract.

    python benchmarks/bench_events.py [--articles 300] [--runs 3] [--seed 11]

Builds N synthetic ~3 KB news-like articles (seeded random template sentences: troop
movements, shelling, talks, protests, plus sentences naming places with no action), parses them
once with the real gazetteer, then times ``extract_events`` over the parsed articles (median of
--runs) against the baseline of parsing them, measured in the same process.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

CITIES = ("Pokrovsk Kramatorsk Sloviansk Kupiansk Kharkiv Odesa Dnipro Zaporizhzhia Kherson "
          "Sumy Paris Toulon Geneva Berlin Warsaw Tbilisi Vienna Rome Istanbul").split()
COUNTRIES = "France Germany Poland Ukraine Turkey Switzerland Georgia".split()
ACTIONS = (
    "Last week {adj} troops massed near {city}, and about {n},000 soldiers arrived.",
    "On Monday {adj} artillery shelled {city}, killing {k} people.",
    "A drone strike hit a fuel depot in {city} overnight.",
    "Foreign ministers held talks in {city} on Tuesday.",
    "Yesterday hundreds of students held a protest in {city}.",
    "Police used tear gas to disperse demonstrators in {city}.",
    "Heavy fighting was reported outside {city} in August.",
    "{adj} forces recaptured a village near {city}.",
    "A summit in {country} is expected next month.",
)
FILLER = (
    "{city} is one of the largest cities in {country}.",
    "Analysts in {country} said the situation remained tense.",
    "The mayor of {city} thanked volunteers for their work.",
    "Officials could meet in {city} if conditions allow.",
    "Residents of {city} described long queues for water.",
)
ADJ = ("Russian", "Ukrainian", "Belarusian")


def make_articles(n: int, seed: int) -> list:
    from geo.model import Article

    rng = random.Random(seed)
    out = []
    for i in range(n):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < 3000:
            template = rng.choice(ACTIONS if rng.random() < 0.4 else FILLER)
            parts.append(template.format(city=rng.choice(CITIES), country=rng.choice(COUNTRIES),
                                         adj=rng.choice(ADJ), n=rng.randint(2, 90),
                                         k=rng.randint(1, 20)))
        out.append(Article(id=f"bench{i}", text=" ".join(parts), date="2025-08-20"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()

    from geo.events import extract_from_articles
    from geo.pipeline import default_gazetteer, parse_articles

    gaz = default_gazetteer()
    articles = make_articles(args.articles, args.seed)
    size_kb = sum(len(a.text) for a in articles) / len(articles) / 1024
    parse_times, extract_times = [], []
    parsed = []
    n_events = 0
    for _ in range(args.runs):
        t0 = time.perf_counter()
        parsed = list(parse_articles(articles, gazetteer=gaz))
        parse_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        n_events = sum(1 for _ in extract_from_articles(parsed, gazetteer=gaz))
        extract_times.append(time.perf_counter() - t0)
    n = len(articles)
    p, e = statistics.median(parse_times), statistics.median(extract_times)
    print(f"articles: {n} synthetic, {size_kb:.1f} KB each; events found: {n_events} "
          f"({n_events / n:.1f} per article); runs: {args.runs} (medians)")
    print(f"extract only:     {n / e:10.0f} articles/s  ({e * 1000 / n:.2f} ms/article)")
    print(f"parse (baseline): {n / p:10.0f} articles/s  ({p * 1000 / n:.2f} ms/article)")
    print(f"parse + extract:  {n / (p + e):10.0f} articles/s  "
          f"(extraction adds {100 * e / p:.1f}% to parsing)")


if __name__ == "__main__":
    main()
