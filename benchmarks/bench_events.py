"""Event-extraction figures: articles/s of extraction alone and of parse + extract.

    python benchmarks/bench_events.py [--articles 300] [--runs 3] [--seed 11]

Two corpora, each timed in this process (CPU time, median of --runs, so that other work on a
shared machine counts less): this file's multilingual articles, and the articles of
``bench_parse.py`` (the geoparser's benchmark: "extraction adds no more than 30 % to the time
of geo parse" is measured there).

Builds N synthetic ~3 KB news-like articles, a third each in English, Ukrainian and Russian
(seeded random template sentences: troop movements, shelling, drone strikes, interceptions,
talks, protests, denials, plus sentences naming places with no action), parses them
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
# Ukrainian and Russian: place names in the forms the templates need (object, locative)
UK_CITIES = (("Херсон", "Херсоні"), ("Запоріжжя", "Запоріжжі"), ("Дніпро", "Дніпрі"),
             ("Харків", "Харкові"), ("Київ", "Києві"), ("Покровськ", "Покровську"))
RU_CITIES = (("Белгород", "Белгороде"), ("Курск", "Курске"), ("Брянск", "Брянске"),
             ("Донецк", "Донецке"), ("Херсон", "Херсоне"), ("Харьков", "Харькове"))
UK_ACTIONS = (
    "Уночі російські дрони атакували {obj}, загинули {k} людей.",
    "У понеділок ворог обстріляв {obj}, поранено двох цивільних.",
    "Сили ППО збили над областю {k} безпілотників.",
    "Наші захисники відбили {k} штурмів поблизу {obj}.",
    "Голова адміністрації заперечив, що ворог захопив {obj}.",
    "У {loc} сотні людей вийшли на мітинг.",
)
RU_ACTIONS = (
    "В ночь на вторник беспилотник ВСУ атаковал {obj}, ранены {k} человек.",
    "Российские подразделения отразили атаки ВСУ у {obj}.",
    "В {loc} обстрелов за сутки не зафиксировано.",
    "Переговоры в {loc} пройдут в следующем месяце.",
    "Над {obj} сбиты {k} беспилотников.",
)
UK_FILLER = ("Мешканцям {loc} радять не ігнорувати сигнали тривоги.",
             "Рятувальники працювали на місцях до ранку.")
RU_FILLER = ("Жителям {loc} предоставлено временное жильё.",
             "Губернатор пообещал выплатить компенсации.")


def make_articles(n: int, seed: int) -> list:
    from geo.model import Article

    rng = random.Random(seed)
    out = []
    for i in range(n):
        lang = ("en", "uk", "ru")[i % 3]
        actions, filler = {"en": (ACTIONS, FILLER), "uk": (UK_ACTIONS, UK_FILLER),
                           "ru": (RU_ACTIONS, RU_FILLER)}[lang]
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < 3000:
            template = rng.choice(actions if rng.random() < 0.4 else filler)
            obj, loc = rng.choice(UK_CITIES if lang == "uk" else RU_CITIES)
            parts.append(template.format(city=rng.choice(CITIES), country=rng.choice(COUNTRIES),
                                         adj=rng.choice(ADJ), n=rng.randint(2, 90),
                                         k=rng.randint(1, 20), obj=obj, loc=loc))
        out.append(Article(id=f"bench{i}", text=" ".join(parts), date="2025-08-20",
                           lang=lang))
    return out


def _time(articles: list, gaz: object, runs: int) -> tuple[float, float, int]:
    """(parse seconds, extract seconds, events): CPU-time medians of ``runs`` runs."""
    from geo.events import extract_from_articles
    from geo.pipeline import parse_articles

    parse_times, extract_times = [], []
    n_events = 0
    for _ in range(runs):
        t0 = time.process_time()
        parsed = list(parse_articles(articles, gazetteer=gaz))
        parse_times.append(time.process_time() - t0)
        t0 = time.process_time()
        n_events = sum(1 for _ in extract_from_articles(parsed, gazetteer=gaz))
        extract_times.append(time.process_time() - t0)
    return statistics.median(parse_times), statistics.median(extract_times), n_events


def _report(name: str, articles: list, p: float, e: float, n_events: int) -> None:
    n = len(articles)
    size_kb = sum(len(a.text) for a in articles) / n / 1024
    print(f"{name}: {n} articles, {size_kb:.1f} KB each; events found: {n_events} "
          f"({n_events / n:.1f} per article)")
    print(f"  extract only:     {n / e:10.0f} articles/s  ({e * 1000 / n:.2f} ms/article)")
    print(f"  parse (baseline): {n / p:10.0f} articles/s  ({p * 1000 / n:.2f} ms/article)")
    print(f"  parse + extract:  {n / (p + e):10.0f} articles/s  "
          f"(extraction adds {100 * e / p:.1f}% to parsing)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()

    import sys
    from pathlib import Path

    from geo.model import Article
    from geo.pipeline import default_gazetteer, parse_articles

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_parse import make_articles as parse_bench_articles

    gaz = default_gazetteer()
    own = make_articles(args.articles, args.seed)
    list(parse_articles(own[:10], gazetteer=gaz))  # warm the gazetteer's caches
    _report("multilingual (en/uk/ru thirds)", own, *_time(own, gaz, args.runs))
    theirs = [Article(id=d["id"], text=d["text"], date=d["date"], lang=d["lang"])
              for d in parse_bench_articles(args.articles, seed=7)]
    _report("bench_parse.py articles", theirs, *_time(theirs, gaz, args.runs))


if __name__ == "__main__":
    main()
