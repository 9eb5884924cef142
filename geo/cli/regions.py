"""``geo regions stats``: mentions and events per admin region and period (week or month).

Events are real events, one however many articles report it (the store joins the reports of
one event, :mod:`geo.events.corroborate`); the ``reports`` column counts their reports."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from geo.cli._common import no_action
from geo.cli._types import day, km, name, path
from geo.errors import InputError


def register(subparsers: Any) -> None:
    from geo.cli.ingest import default_db

    parser = subparsers.add_parser(
        "regions", help="admin regions: counts of mentions and events per region and period",
        description="Spatial joins of the store's mentions and events to admin-1 units and "
                    "countries.")
    sub = parser.add_subparsers(dest="regions_command", metavar="ACTION",
                                parser_class=type(parser))
    stats = sub.add_parser(
        "stats", help="counts per region and period",
        description="Count the store's mentions and events per admin-1 unit (or country) and "
                    "per ISO week or month. An event reported by several articles counts once "
                    "(events), where its first report puts it; its reports are counted beside "
                    "it (reports). Points the simplified coasts miss take the nearest "
                    "unit within --max-km; a mention of a country counts for no admin-1 unit.")
    stats.add_argument("--db", default=default_db(), metavar="FILE", type=path,
                       help="the geo store (default $GEO_DB or geo.db)")
    stats.add_argument("--region", metavar="NAME", type=name,
                       help="only this admin-1 unit, or the units of this country "
                            "(name, alias or code: 'Donetsk Oblast', 'Donetsk region', 'UA')")
    stats.add_argument("--by", choices=("week", "month"), default="month",
                       help="period (default month; weeks are ISO weeks, 2025-W34)")
    stats.add_argument("--what", choices=("mentions", "events", "both"), default="both",
                       help="what to count (default both)")
    stats.add_argument("--level", choices=("admin1", "country"), default="admin1",
                       help="count per admin-1 unit (default) or per country")
    stats.add_argument("--since", metavar="DATE", type=day,
                       help="only on/after this day (YYYY-MM-DD)")
    stats.add_argument("--until", metavar="DATE", type=day,
                       help="only on/before this day (YYYY-MM-DD)")
    stats.add_argument("--max-km", type=km, default=10.0, metavar="KM",
                       help="nearest-unit fallback for points outside every polygon (default 10)")
    stats.add_argument("--json", action="store_true", help="machine-readable output")
    stats.set_defaults(func=run_stats)
    parser.set_defaults(func=lambda args: no_action(parser))



def run_stats(args: argparse.Namespace) -> int:
    from geo.cli.queries import open_gazetteer
    from geo.regions import load_areas, region_stats
    from geo.regions.sources import store_events, store_mention_points
    from geo.regions.stats import event_points
    from geo.store import Store
    from geo.store.queries import iso_date

    since, until = iso_date(args.since, what="--since"), iso_date(args.until, what="--until")
    gazetteer = open_gazetteer()
    areas = load_areas(gazetteer=gazetteer)
    level, only = args.level, None
    if args.region:
        level, only = region_filter(areas, args.region, level=level, gazetteer=gazetteer)
    with Store(args.db, create=False) as store:
        mentions = events = None
        if args.what in ("mentions", "both"):
            mentions = store_mention_points(store, since=since, until=until)
        if args.what in ("events", "both"):
            found = store_events(store, since=since, until=until, corroborated=True)
            events = event_points(found)
    stats = region_stats(areas, mentions=mentions, events=events, level=level, by=args.by,
                         only=only, max_km=args.max_km)
    if args.json:
        doc = stats.to_dict()
        doc["db"] = str(args.db)
        sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")
        return 0
    total = sum(p.total for p in (mentions, events) if p is not None)
    if not total:
        what = {"mentions": "mentions", "events": "events"}.get(args.what, "mentions or events")
        print(f"no {what} in {args.db}" + (" in that date range" if since or until else "")
              + ": nothing to count")
        return 0
    if not stats.rows:
        where = f" in {args.region}" if args.region else ""
        print(f"nothing to count{where}: no mentions or events fall in it")
        return 0
    print_table(stats, what=args.what)
    return 0


def region_filter(areas: Any, name: str, *, level: str, gazetteer: Any) -> tuple[str, list[int]]:
    """(level, frame rows) for ``--region``: one admin-1 unit, or a country's units (or the
    country itself at country level). InputError with suggestions when nothing matches."""
    rows = areas.find(name, gazetteer=gazetteer)
    if not rows:
        near = areas.suggest(name)
        hint = f"; did you mean: {'; '.join(near)}?" if near else ""
        raise InputError(f"unknown region {name!r} (an admin-1 unit or a country){hint}")
    region = areas.region(rows[0])
    if region.level == "admin1":
        return "admin1", [rows[0]]
    if level == "country":
        return "country", [rows[0]]
    return "admin1", [i for i in areas.rows_of("admin1") if areas.frame["cc"].iat[i] == region.cc]


def print_table(stats: Any, *, what: str, out: Any = None) -> None:
    """The counts as an aligned text table, then what no unit took."""
    from geo.cli.queries import _clean

    out = out or sys.stdout
    cols = [c for c in ("mentions", "events") if what in (c, "both")]
    if "events" in cols:
        cols.append("reports")
    labels = [_clean(r.region.label) for r in stats.rows]
    width = max([len("region"), *map(len, labels)])
    pwidth = max([len("period"), *(len(r.period) for r in stats.rows)])
    lines = ["  ".join([f"{'region':<{width}}", f"{'period':<{pwidth}}",
                        *(f"{c:>8}" for c in cols)])]
    for label, r in zip(labels, stats.rows, strict=True):
        lines.append("  ".join([f"{label:<{width}}", f"{r.period:<{pwidth}}",
                                *(f"{getattr(r, c):>8,}" for c in cols)]))
    regions = len({r.region.id for r in stats.rows})
    lines.append(f"{regions} region{'' if regions == 1 else 's'}, "
                 f"{len(stats.rows)} row{'' if len(stats.rows) == 1 else 's'} (by {stats.by})")
    # the reports of unplaced events are told only when they are more than the events
    left = {k: v for k, v in stats.unplaced.items() if v and k in cols
            and not (k == "reports" and v == stats.unplaced.get("events"))}
    if left:
        unit = "admin-1 unit" if stats.level == "admin1" else "country"
        parts = ", ".join(f"{v:,} {k if v != 1 else k[:-1]}" for k, v in left.items())
        hint = " (country-wide or at sea; --level country counts by country)" \
            if stats.level == "admin1" else " (at sea or no place)"
        lines.append(f"not in any {unit}: {parts}{hint}")
    out.write("\n".join(lines) + "\n")
