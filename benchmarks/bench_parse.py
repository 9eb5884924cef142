"""Geoparser figures: end-to-end articles/s and MB/s, import and open times, eval scores.

    python benchmarks/bench_parse.py [--articles 500] [--runs 5] [--seed 7] [--no-eval]

Builds N synthetic news-like articles of about 3 KB (template sentences naming places from a
fixed list, plus sentences that name people, outlets and months; seeded random), writes them to
a temporary JSONL file and times read_articles -> parse_articles end to end on one core with
the gazetteer opened once. Prints the median of --runs runs, the first (cold-cache) run, and
stage baselines measured in the same process (read only; read + recognise). Then scores
``geo eval`` on ../shared/eval/dev.jsonl, lgl.jsonl and ../shared/seeds/seed-gold.jsonl when
present. Target (issue 3): >= 300 articles/s of ~3 KB. With ``--profiles dense,dense-uk,dense-ru``
it ends with the CPU time per article of each Ukrainian and Russian profile against the English
one of the same run (issue 11: within 1.5x); CPU time, as this process alone used it, stays
comparable while other jobs share the machine, where wall time does not.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD_FILES = [SHARED / "eval" / "dev.jsonl", SHARED / "eval" / "lgl.jsonl",
              SHARED / "seeds" / "seed-gold.jsonl"]
TARGET = 300.0

PLACES = """Pokrovsk Kramatorsk Sloviansk Kostiantynivka Bakhmut Avdiivka Kupiansk Izium Lyman
Kharkiv Kyiv Odesa Dnipro Zaporizhzhia Kherson Mykolaiv Sumy Chernihiv Poltava Lviv Vinnytsia
Zhytomyr Uzhhorod Lutsk Rivne Ternopil Chernivtsi Mariupol Melitopol Berdiansk Enerhodar Nikopol
Kryvyi_Rih Bila_Tserkva Kremenchuk Uman Odesa Izmail Belgorod Kursk Bryansk Voronezh Rostov
Taganrog Moscow Saint_Petersburg Novorossiysk Sevastopol Simferopol Kerch Minsk Warsaw Krakow
Rzeszow Vilnius Riga Tallinn Helsinki Stockholm Berlin Munich Hamburg Paris Toulon Marseille Lyon
Brussels Amsterdam The_Hague London Manchester Rome Milan Madrid Lisbon Vienna Prague Budapest
Bucharest Chisinau Sofia Athens Ankara Istanbul Tbilisi Yerevan Baku Tehran Baghdad Damascus
Beirut Jerusalem Cairo Riyadh Doha Dubai New_Delhi Beijing Tokyo Seoul Washington New_York
Chicago Houston Boston Anchorage Seattle Denver Atlanta Miami Ottawa Toronto Geneva Istanbul
""".split()
AREAS = """Ukraine Russia Poland France Germany Belarus Moldova Romania Turkey Georgia Finland
Estonia Latvia Lithuania Italy Spain Hungary Slovakia Britain China India Japan Iran Israel
Syria Alaska Texas Crimea Europe the_Black_Sea the_Sea_of_Azov the_Baltic_Sea
""".split()
REGIONS = """Donetsk Luhansk Kharkiv Zaporizhzhia Kherson Dnipropetrovsk Sumy Kursk Belgorod
Bryansk Odesa Mykolaiv""".split()

TEMPLATES = [
    "Russian forces shelled {p} overnight, regional officials said on {d}.",
    "Air-raid sirens sounded across {p} and {q} as drones approached from the north.",
    "Ukrainian troops near {p}, a key stronghold in the {r} region, repelled several assaults.",
    "The governor of the {r} region said power had been restored in {p} by the morning.",
    "Delegations from {a} and {b} met in {p} to discuss grain exports through {s}.",
    "Residents of {p} queued for water after a strike on the pumping station.",
    "Officials in {p} said the bridge to {q} would reopen next week.",
    "The army said fighting continued east of {p}, about 20 kilometres from {q}.",
    "Prices for bread and fuel rose sharply in {a} in {m}, the statistics office reported.",
    "{a}'s foreign minister flew to {p} for talks with counterparts from {b}.",
    "Ships left the port of {p} under escort, heading for {s}.",
    "A spokesman for the regional administration told Reuters that {p} had no electricity.",
]
FILLER = [
    "Donald Trump said the talks would resume after the holidays.",
    "The plan was drafted by envoy Steve Witkoff and discussed with European partners.",
    "Bloomberg reported that the figures would be revised in {m}.",
    "Reading the statement, the spokesman paused before taking questions.",
    "Analysts said it was a nice word for a difficult compromise.",
    "The split inside the coalition deepened during the vote on the budget.",
    "Neither side commented on the reports, which could not be independently verified.",
    "President Zelensky thanked allies for the new air-defence systems.",
    "The central bank kept its key rate unchanged, citing inflation risks.",
]
#: Ukrainian and Russian articles of the same shape: places inflected as the news writes them
#: (locative after «у»/«в», genitive after «біля»/«около»), units, region forms, people
CYRILLIC = {
    "uk": {
        "loc": "Покровську|Краматорську|Слов'янську|Харкові|Києві|Одесі|Дніпрі|Запоріжжі|"
               "Херсоні|Сумах|Чернігові|Новогродівці|Старому Салтові|Великому Бурлуці|"
               "Кам'янці-Подільському|Кривому Розі|Ізюмі|Куп'янську|Лимані|Миколаєві",
        "gen": "Покровська|Часового Яру|Костянтинівки|Куп'янська|Ізюма|Лимана|Торецька|"
               "Вугледара|Бахмута|Авдіївки|Великої Новосілки|Оріхова|Гуляйполя|Вовчанська",
        "unit": "Донецькій області|Харківській області|Краматорському районі|Харківщині|"
                "Сумщині|Запорізькій області|Покровському районі|Дніпропетровщині",
        "templates": [
            "Російські війська вночі обстріляли населені пункти у {p}, повідомила ОВА.",
            "Повітряна тривога лунала у {p} та у {q}, коли дрони летіли з півночі.",
            "Українські підрозділи біля {g} відбили кілька штурмів, бої тривають у {u}.",
            "Енергетики відновили світло у {p} до ранку, повідомили у {u}.",
            "Ворог скинув керовані авіабомби на околиці {g}, є поранені.",
            "Мешканці у {q} стояли в чергах по воду після удару по насосній станції.",
        ],
        "filler": [
            "Володимир Зеленський подякував партнерам за нові системи ППО.",
            "Тим часом Сили оборони продовжують стримувати ворога.",
            "Але ситуація змінюється щодня, кажуть аналітики.",
            "Про це повідомив Генеральний штаб у своєму ранковому зведенні.",
        ],
    },
    "ru": {
        "loc": "Белгороде|Курске|Брянске|Донецке|Горловке|Макеевке|Мариуполе|Мелитополе|"
               "Новой Каховке|Красном Лимане|Ростове-на-Дону|Таганроге|Воронеже|Шебекино|"
               "Судже|Рыльске|Севске|Старом Осколе|Валуйках|Часовом Яре",
        "gen": "Покровска|Часова Яра|Константиновки|Купянска|Изюма|Красного Лимана|"
               "Торецка|Угледара|Артемовска|Авдеевки|Великой Новоселки|Орехова",
        "unit": "Курской области|Белгородской области|Брянской области|Шебекинском округе|"
                "Суджанском районе|Донецкой Народной Республике|Запорожской области",
        "templates": [
            "Украинские беспилотники атаковали объекты в {p}, сообщил губернатор.",
            "Воздушная тревога звучала в {p} и в {q}, когда дроны летели с запада.",
            "Подразделения группировки «Восток» около {g} отразили атаки, бои идут в {u}.",
            "Энергетики восстановили свет в {p} к утру, сообщили в {u}.",
            "По данным Минобороны, вблизи {g} уничтожены склады боеприпасов.",
            "Жители в {q} стояли в очередях за водой после удара по насосной станции.",
        ],
        "filler": [
            "Владимир Путин провел совещание с членами Совета безопасности.",
            "Кроме того, Силы ПВО перехватили две управляемые авиабомбы.",
            "Это подтвердили в пресс-службе ведомства, не назвав подробностей.",
            "Как сообщил источник, переговоры продолжатся на следующей неделе.",
        ],
    },
}

MONTHS = "January February March April May June July August September October".split()
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def _name(s: str) -> str:
    return s.replace("_", " ")


#: name -> share of sentences without places: "dense" reads like front-line reports (about
#: 15 places per KB, as the seed article), "sparse" like US local news (about 5 per KB, as LGL)
PROFILES = {"dense": 0.35, "sparse": 0.8, "dense-uk": 0.35, "dense-ru": 0.35}


def _cyrillic_sentence(rng: random.Random, lang: str, filler: float) -> str:
    table = CYRILLIC[lang]
    if rng.random() < filler:
        return rng.choice(table["filler"])
    pick = {k: table[k].split("|") for k in ("loc", "gen", "unit")}
    return rng.choice(table["templates"]).format(
        p=rng.choice(pick["loc"]), q=rng.choice(pick["loc"]), g=rng.choice(pick["gen"]),
        u=rng.choice(pick["unit"]))


def make_articles(n: int, *, seed: int, size: int = 3000, filler: float = 0.35,
                  lang: str = "en") -> list[dict]:
    """``n`` synthetic articles of about ``size`` characters each (deterministic for a seed).

    ``filler`` is the share of sentences that name no place (people, outlets, months);
    ``lang`` "uk" or "ru" writes them in Ukrainian or Russian.
    """
    rng = random.Random(seed)
    out = []
    for i in range(n):
        parts: list[str] = []
        length = 0
        while length < size:
            if lang != "en":
                s = _cyrillic_sentence(rng, lang, filler)
                parts.append(s)
                length += len(s) + 1
                continue
            t = rng.choice(FILLER) if rng.random() < filler else rng.choice(TEMPLATES)
            s = t.format(p=_name(rng.choice(PLACES)), q=_name(rng.choice(PLACES)),
                         r=rng.choice(REGIONS), a=_name(rng.choice(AREAS)),
                         b=_name(rng.choice(AREAS)), s=_name(rng.choice(AREAS)),
                         m=rng.choice(MONTHS), d=rng.choice(DAYS))
            s = s[0].upper() + s[1:]
            parts.append(s)
            length += len(s) + 1
            if rng.random() < 0.2:
                parts.append("\n\n")
        text = " ".join(parts).replace(" \n\n ", "\n\n").strip()
        out.append({"id": f"bench-{i:05d}", "date": "2026-02-02", "lang": lang,
                    "title": f"Report {i}", "text": text})
    return out


def _pin_one_core() -> str:
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    except (AttributeError, OSError):
        return "not pinned (no sched_setaffinity)"


def _import_time(runs: int) -> float:
    code = "import time; t = time.perf_counter(); import geo; print(time.perf_counter() - t)"
    ts = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                               check=True).stdout) for _ in range(runs)]
    return statistics.median(ts)


def _time(f) -> float:
    t = time.perf_counter()
    f()
    return time.perf_counter() - t


def _cpu_time(f) -> tuple[float, float]:
    """(wall, CPU) seconds of one call: CPU time is this process's alone, so it stays
    comparable between profiles while other jobs share the core."""
    wall, cpu = time.perf_counter(), time.process_time()
    f()
    return time.perf_counter() - wall, time.process_time() - cpu


def bench_speed(n: int, runs: int, seed: int, profiles: list[str]) -> None:
    from geo.gazetteer import Gazetteer

    print(f"import geo (fresh process, median of {runs}): {_import_time(runs) * 1000:.0f} ms")
    opens, firsts = [], []
    for _ in range(runs):
        t = time.perf_counter()
        g = Gazetteer.open()
        opens.append(time.perf_counter() - t)
        t = time.perf_counter()
        g.candidates("pokrovsk")
        firsts.append(time.perf_counter() - t)
        g.close()
    print(f"open the gazetteer (median of {runs}):         "
          f"{statistics.median(opens) * 1000:.1f} ms "
          f"(+ {statistics.median(firsts) * 1000:.1f} ms for the first candidate query)")
    code = ("import time; t = time.perf_counter(); from geo.pipeline import parse; "
            "parse('Shelling near Pokrovsk.'); print(time.perf_counter() - t)")
    cold = statistics.median(
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True).stdout) for _ in range(runs))
    print(f"first parse in a fresh process (imports, open, word lists): {cold * 1000:.0f} ms")

    gaz = Gazetteer.open()
    for profile in profiles:
        _bench_profile(gaz, profile, n, runs, seed)
    _print_ratios(gaz, profiles, n, runs, seed)
    gaz.close()


def _print_ratios(gaz, profiles: list[str], n: int, runs: int, seed: int) -> None:
    """Each Cyrillic profile's CPU seconds per article against its English one (dense-uk
    against dense), the issue's "within 1.5x of English". The two are timed back to back in
    each round and the ratio taken per round, so that the load of a shared machine, which
    drifts over minutes, weighs on both alike; the median and range of the rounds."""
    from geo.model import Article
    from geo.pipeline import parse_articles
    from geo.text.recognise import recognise

    pairs = [(p, p.rsplit("-", 1)[0]) for p in profiles
             if "-" in p and p.rsplit("-", 1)[0] in profiles]
    if not pairs:
        return

    def articles(profile: str) -> list[Article]:
        lang = profile.rsplit("-", 1)[1] if "-" in profile else "en"
        return [Article(id=a["id"], text=a["text"], date=a["date"], lang=a["lang"])
                for a in make_articles(n, seed=seed, filler=PROFILES[profile], lang=lang)]

    def recognise_all(batch: list[Article]) -> None:
        for a in batch:
            recognise(a.text, gaz, lang=a.lang)

    def parse_all(batch: list[Article]) -> None:
        for _ in parse_articles(batch, gazetteer=gaz):
            pass

    print(f"\nCPU time per article against English, back to back in each of {runs} rounds "
          "(1.00 = as fast; target <= 1.50)")
    print(f"{'profile':<12} {'recognise':>22} {'end to end':>22}")
    for profile, base in pairs:
        mine, theirs = articles(profile), articles(base)
        cells = []
        for stage in (recognise_all, parse_all):
            stage(mine)  # warm: dictionaries loaded, word caches filled, as in a long run
            stage(theirs)
            ratios = []
            for _ in range(runs):
                ratios.append(_cpu_time(partial(stage, mine))[1]
                              / _cpu_time(partial(stage, theirs))[1])
            cells.append(f"{statistics.median(ratios):.2f}x ({min(ratios):.2f}-"
                         f"{max(ratios):.2f})")
        print(f"{profile:<12} {cells[0]:>22} {cells[1]:>22}")


def _bench_profile(gaz, profile: str, n: int, runs: int, seed: int) -> None:
    """Time the stages on ``profile``'s articles (wall and CPU medians)."""
    from geo.pipeline import parse_articles
    from geo.text.read import read_articles
    from geo.text.recognise import recognise

    lang = profile.rsplit("-", 1)[1] if "-" in profile else "en"
    articles = make_articles(n, seed=seed, filler=PROFILES[profile], lang=lang)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for a in articles:
                f.write(json.dumps(a, ensure_ascii=False) + "\n")
        mb = path.stat().st_size / 1e6
        chars = sum(len(a["text"]) for a in articles) / n
        print(f"\n[{profile}] {n} synthetic articles, mean {chars:,.0f} characters, "
              f"{mb:.2f} MB JSONL (seed {seed}, {PROFILES[profile]:.0%} sentences without places)")

        def read_only():
            for _ in read_articles(path):
                pass

        def read_recognise():
            for a in read_articles(path):
                recognise(a.text, gaz, lang=a.lang)

        mentions = 0

        def end_to_end():
            nonlocal mentions
            mentions = sum(len(p.mentions) for p in parse_articles(read_articles(path),
                                                                   gazetteer=gaz))

        rows = []
        for label, f in (("read only", read_only), ("read + recognise", read_recognise),
                         ("end to end", end_to_end)):
            timed = [_cpu_time(f) for _ in range(runs)]
            rows.append((label, [w for w, _ in timed], [c for _, c in timed]))
        print(f"{'stage':<18} {'median s':>9} {'articles/s':>11} {'MB/s':>7} {'first run':>10} "
              f"{'CPU s':>7} {'CPU art/s':>10}")
        for label, ts, cs in rows:
            med, cmed = statistics.median(ts), statistics.median(cs)
            print(f"{label:<18} {med:>9.3f} {n / med:>11.0f} {mb / med:>7.2f} {ts[0]:>9.3f}s "
                  f"{cmed:>7.3f} {n / max(cmed, 1e-9):>10.0f}")
        e2e = statistics.median(rows[-1][1])
        rate = n / e2e
        per_kb = mentions / n / chars * 1000
        print(f"mentions per article: {mentions / n:.1f} ({per_kb:.1f} per KB)")
        verdict = "meets" if rate >= TARGET else "MISSES"
        print(f"[{profile}] end to end: {rate:.0f} articles/s = {rate / TARGET:.2f} x the target "
              f"of {TARGET:.0f} ({verdict} it); {mb / e2e:.2f} MB/s")


def bench_eval() -> None:
    from geo.evaluation import load_gold, predictions_from_parsed, score
    from geo.pipeline import default_gazetteer, parse_articles

    print("\ngeo eval")
    print(f"{'gold file':<40} {'arts':>5} {'P':>6} {'R':>6} {'F1':>6} {'Acc@161':>8} "
          f"{'plain':>6} {'e2e':>6} {'art/s':>6}")
    gaz = default_gazetteer()
    for path in GOLD_FILES:
        if not path.is_file():
            print(f"{path!s:<40} skipped: file not present")
            continue
        gold = load_gold(path)
        t = time.perf_counter()
        parsed = list(parse_articles((g.to_article() for g in gold), gazetteer=gaz))
        dt = time.perf_counter() - t
        r = score(gold, predictions_from_parsed(parsed))
        plain = score(gold, predictions_from_parsed(parsed), distance_only=True)
        name = f"{path.parent.name}/{path.name}"
        print(f"{name:<40} {r.n_articles:>5} {r.precision:>6.3f} {r.recall:>6.3f} {r.f1:>6.3f} "
              f"{r.resolution_accuracy:>8.3f} {plain.resolution_accuracy:>6.3f} "
              f"{r.end_to_end:>6.3f} {len(gold) / dt:>6.0f}")
    print("Acc@161 by the kind rules of shared/eval/README.md; 'plain' = distance alone "
          "(--distance-only)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--profiles", default="dense,sparse",
                    help=f"comma-separated article profiles ({', '.join(PROFILES)})")
    ap.add_argument("--no-eval", action="store_true", help="skip the gold files")
    args = ap.parse_args()
    print(f"bench_parse: Python {sys.version.split()[0]}, {_pin_one_core()}")
    from geo.pipeline import default_gazetteer

    default_gazetteer()  # build the index first if it is missing (not timed)
    profiles = [p.strip() for p in args.profiles.split(",") if p.strip()]
    unknown = [p for p in profiles if p not in PROFILES]
    if unknown:
        ap.error(f"unknown profile(s): {', '.join(unknown)}")
    bench_speed(args.articles, args.runs, args.seed, profiles)
    if not args.no_eval:
        bench_eval()
    return 0


if __name__ == "__main__":
    sys.exit(main())
