"""``geo eval``: parse annotated articles and score the result against the gold."""

from __future__ import annotations

import argparse
import json
import time

from geo.cli._types import count


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="score the geoparser on annotated articles",
                       description="Parse the texts of a gold JSONL file (shared/eval format) "
                                   "and print precision, recall, F1, Acc@161, errors and AUC.")
    p.add_argument("gold", metavar="GOLD.jsonl")
    p.add_argument("--distance-only", action="store_true",
                   help="the literature's plain Acc@161 for every kind")
    p.add_argument("--json", action="store_true", help="machine-readable report")
    p.add_argument("--errors", type=count, default=20, metavar="N",
                   help="error cases to list (default 20)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo.evaluation import format_report, load_gold, predictions_from_parsed, score
    from geo.pipeline import default_gazetteer, parse_articles

    gold = load_gold(args.gold)
    gazetteer = default_gazetteer()
    started = time.perf_counter()
    parsed = list(parse_articles((g.to_article() for g in gold), gazetteer=gazetteer))
    elapsed = time.perf_counter() - started
    report = score(gold, predictions_from_parsed(parsed), distance_only=args.distance_only)
    if args.json:
        d = report.to_dict(errors=True)
        d["seconds"] = round(elapsed, 3)
        print(json.dumps(d, ensure_ascii=False, indent=1))
    else:
        print(format_report(report, max_errors=args.errors))
        print(f"parsed {len(parsed)} articles in {elapsed:.2f} s "
              f"({len(parsed) / max(elapsed, 1e-9):.0f} articles/s)")
    return 0
