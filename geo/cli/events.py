"""``geo events``: extract events from articles, import datasets, list and export them.

``geo events extract PATH...``   rule-based extraction (``--db`` stores articles, mentions and
                                 events; ``--json`` prints JSON lines; ``-o FILE`` writes CSV or
                                 GeoJSON)
``geo events import FILE``       ACLED / UCDP GED / generic CSV / GeoJSON into the store; each
                                 rejected row printed as ``geo: FILE:LINE: reason``; exit 1 if
                                 any row was rejected, 2 if the file cannot be imported at all
``geo events [list] [filters]``  stored events (``--type``, ``--since``, ``--until``,
                                 ``--region``, ``--side``), human or ``--json``; one real
                                 event reported by several articles is listed once with its
                                 source count; with snapshots in the store (``geo frontline
                                 import --db``) each event's side of the line of its day
``geo events export -o FILE``    stored events as ACLED-like CSV, GeoJSON, GPKG, KML, FGB, Parquet:
                                 one row per real event (``--reports``: per report)
``geo events eval GOLD.jsonl``   extract from annotated articles and score against their events
                                 (precision, recall, F1; sub-type, date, actor, fatality accuracy)
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import sys
from typing import Any

from geo.cli._common import add_fetch_flag, add_force, counted
from geo.cli._store_on_use import store_on_use
from geo.cli._types import count, day, file_output, name, output, path
from geo.cli.ingest import batched, default_db
from geo.cli.queries import _clean, open_gazetteer, region_is_file
from geo.errors import InputError
from geo.events.export import EXPORT_FORMATS
from geo.frontline.sides import MAX_GAP_DAYS, SIDES

_BATCH = 200


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "events", help="extract, import, list and export events",
        description="Events: extracted from articles or imported from ACLED, UCDP GED, CSV or "
                    "GeoJSON. Without a subcommand, lists the stored events.")
    _filters(p)
    p.set_defaults(func=run_list)
    sub = p.add_subparsers(dest="events_command", metavar="SUBCOMMAND",
                           parser_class=type(p))

    e = sub.add_parser("extract", help="extract events from articles",
                       description="Find events in articles (files, directories, - for stdin).")
    e.add_argument("paths", nargs="+", metavar="PATH")
    add_fetch_flag(e)
    e.add_argument("--db", metavar="FILE", type=path,
                   help="also store the articles, their mentions and the events in FILE")
    e.add_argument("--date", metavar="YYYY-MM-DD", type=day,
                   help="date of articles that carry none (relative dates count from it)")
    out = e.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print events as JSON lines")
    out.add_argument("-o", "--output", metavar="FILE", type=output,
                     help="write events to FILE (.csv or .geojson)")
    add_force(e)
    e.set_defaults(func=run_extract)

    i = sub.add_parser("import", help="import events from a dataset file",
                       description="Import ACLED CSV, UCDP GED CSV, or a CSV/GeoJSON file with "
                                   "a date and coordinates or a place name.")
    i.add_argument("file", metavar="FILE")
    i.add_argument("--format", choices=("acled", "ucdp", "csv", "geojson"),
                   help="file format (default: detected from the name and header)")
    i.add_argument("--db", default=default_db(), metavar="FILE", type=path,
                   help="store file (default: $GEO_DB or geo.db)")
    i.add_argument("--json", action="store_true", help="print the summary as JSON")
    i.set_defaults(func=run_import)

    ls = sub.add_parser("list", help="list stored events", description="List stored events.")
    _filters(ls)
    ls.set_defaults(func=run_list)

    x = sub.add_parser("export", help="write stored events as CSV, GeoJSON, GeoParquet, "
                                      "GeoPackage, KML or FlatGeobuf",
                       description="Write stored events as ACLED-like points: CSV, GeoJSON, "
                                   "GeoParquet, GeoPackage, KML or FlatGeobuf (the format "
                                   "follows the suffix unless --format names it). One row "
                                   "per real event, with how many sources report it and "
                                   "which; --reports writes every article's own report.")
    x.add_argument("-o", "--output", required=True, metavar="FILE", type=file_output)
    x.add_argument("--format", choices=EXPORT_FORMATS,
                   help="default: from the file suffix")
    add_force(x)
    x.add_argument("--reports", action="store_true",
                   help="one row per report (each article's own extraction, with its real "
                        "event's event_group) instead of one per real event")
    _filters(x, json_flag=False)
    x.set_defaults(func=run_export)

    v = sub.add_parser("eval", help="score event extraction on annotated articles",
                       description="Extract events from the articles of a gold JSONL file "
                                   "(shared/eval events format) and print precision, recall, "
                                   "F1 and, over matched events, the accuracy of sub-type, "
                                   "date, actors and fatalities; per language and event type.")
    v.add_argument("gold", metavar="GOLD.jsonl")
    v.add_argument("--json", action="store_true", help="machine-readable report")
    v.add_argument("--errors", type=count, default=20, metavar="N",
                   help="error cases to list (default 20)")
    v.set_defaults(func=run_eval)


def _filters(p: argparse.ArgumentParser, *, json_flag: bool = True) -> None:
    p.add_argument("--db", default=default_db(), metavar="FILE", type=path,
                   help="store file (default: $GEO_DB or geo.db)")
    p.add_argument("--type", action="append", metavar="TYPE",
                   help="event or sub-event type (a unique prefix is enough; repeatable)")
    p.add_argument("--since", metavar="DATE", type=day, help="events on/after (YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", type=day, help="events on/before (YYYY-MM-DD)")
    p.add_argument("--region", metavar="NAME|FILE.geojson", type=name,
                   help="admin-1 unit or country (by name) or a GeoJSON file's polygons")
    p.add_argument("--side", choices=SIDES,
                   help="only events on this side of the front line of their day (needs "
                        "snapshots in the store: geo frontline import FILE... --db)")
    p.add_argument("--max-gap", type=count, default=MAX_GAP_DAYS, metavar="DAYS",
                   help="the line of an event's day is the latest stored snapshot on or "
                        f"before it, at most DAYS older (default {MAX_GAP_DAYS})")
    if json_flag:
        p.add_argument("--json", action="store_true", help="machine-readable output")


# --------------------------------------------------------------------------- extract
def run_extract(args: argparse.Namespace) -> int:
    from geo._files import check_output
    from geo.cli._common import ProblemCounter, progress
    from geo.events.export import write_events
    from geo.events.per_article import extract_by_article
    from geo.pipeline import default_gazetteer, parse_articles
    from geo.store.queries import iso_date
    from geo.text.read import read_articles

    default_date = iso_date(args.date, what="--date")
    if args.output:
        _check_output(args.output)
        check_output(args.output, overwrite=args.force)
    problems = ProblemCounter()
    articles = read_articles(args.paths, stdin=sys.stdin, on_problem=problems,
                             fetch=args.fetch)
    if default_date:
        articles = (a if a.date else dataclasses.replace(a, date=default_date)
                    for a in articles)
    gazetteer = default_gazetteer()
    events: list[Any] = []
    n_articles = new = n_events = 0
    groups: set[str] = set()  # the real events the stored reports tell of
    with contextlib.ExitStack() as stack:
        # opened on first use, removed again if this run created it and stored nothing
        store = stack.enter_context(store_on_use(args.db)) if args.db else None
        # a store that is not there yet holds no lines: reading them must not create it
        snapshots = _stored_lines(store if args.db and os.path.exists(args.db) else None)
        for batch in batched(progress(articles, desc="events"), _BATCH):
            parsed = list(parse_articles(batch, gazetteer=gazetteer, on_problem=problems))
            by_article = list(extract_by_article(parsed, gazetteer=gazetteer,
                                                 on_problem=problems))
            n_articles += len(parsed)
            if store is not None:
                store.add(parsed)
                new += store.add_extraction(by_article, on_problem=problems)
                # an article whose events could not be stored was reported: not shown either
                left = store.unextracted(a.id for a, _ in by_article)
                by_article = [(a, found) for a, found in by_article if a.id not in left]
            found = [e for _, events_of in by_article for e in events_of]
            n_events += len(found)
            if store is not None:
                groups |= store.event_groups(e.id for e in found)
            if args.json:
                sides = _sides(snapshots, found, MAX_GAP_DAYS)
                for ev in found:
                    print(json.dumps(_with_side(_event_json(ev), sides.get(ev.id)),
                                     ensure_ascii=False))
            else:
                events.extend(found)
    if n_articles == 0:
        problems.exit_code(0)  # raises: nothing could be read
    if args.output:
        write_events(events, args.output, overwrite=args.force,
                     sides=_sides(snapshots, events, MAX_GAP_DAYS))
    elif not args.json:
        print_events(events, out=sys.stdout)
    stored = (f", {counted(new, 'new report')} in {args.db} "
              f"({counted(len(groups), 'real event')})") if store is not None else ""
    written = f", written to {args.output}" if args.output else ""
    print(f"geo: {counted(n_articles, 'article')}, {counted(n_events, 'event')}{stored}"
          f"{written}", file=sys.stderr)
    return problems.exit_code(n_articles)


def _stored_lines(store: Any) -> list[Any]:
    """The front-line snapshots kept in the store (none without a store)."""
    if store is None:
        return []
    from geo.frontline.stored import stored_snapshots

    return stored_snapshots(store)


def _check_output(path: str) -> None:
    from pathlib import Path

    from geo.events.export import SUFFIX_FORMATS

    if Path(path).suffix.lower() not in SUFFIX_FORMATS:
        raise InputError(f"cannot tell the output format from {Path(path).name!r} "
                         "(use .csv or .geojson)")


def _event_json(event: Any) -> dict[str, Any]:
    d = event.to_dict()
    place = d.pop("place")
    d["place_id"] = place["id"] if place else None
    d["cc"] = place["cc"] if place else ""
    return d


# --------------------------------------------------------------------------- eval
def run_eval(args: argparse.Namespace) -> int:
    import time

    from geo.events import extract_from_articles
    from geo.events.evaluation import format_event_report, load_event_gold, score_events
    from geo.pipeline import default_gazetteer, parse_articles

    gold = load_event_gold(args.gold)
    gazetteer = default_gazetteer()
    started = time.perf_counter()
    parsed = list(parse_articles((g.to_article() for g in gold), gazetteer=gazetteer))
    parse_s = time.perf_counter() - started
    predicted: dict[str, list[Any]] = {}
    for ev in extract_from_articles(parsed, gazetteer=gazetteer):
        predicted.setdefault(ev.article_id or "", []).append(ev)
    extract_s = time.perf_counter() - started - parse_s
    report = score_events(gold, predicted)
    report["seconds"] = {"parse": round(parse_s, 3), "extract": round(extract_s, 3)}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(format_event_report(report, max_errors=args.errors))
        print(f"{len(gold)} articles: parsed in {parse_s:.2f} s, events extracted in "
              f"{extract_s:.3f} s")
    return 0


# --------------------------------------------------------------------------- import
def run_import(args: argparse.Namespace) -> int:
    from geo.events.importers import import_events

    gazetteer = None
    if args.format in (None, "csv", "geojson"):
        gazetteer = open_gazetteer()  # only rows naming a place without coordinates need it
    result = import_events(args.file, format=args.format, gazetteer=gazetteer)
    for problem in result.problems:
        print(f"geo: {_clean(str(problem))}", file=sys.stderr)
    if not result.events:
        raise InputError(f"no event could be imported from {args.file} "
                         f"({result.rejected} record(s) rejected)")
    new = refused = 0
    groups: set[str] = set()  # the real events the rows tell of (a row can join an article's)

    def refuse(problem: Any) -> None:  # a row the store cannot hold: said as the reader says
        nonlocal refused
        refused += 1
        where = args.file if problem.line is None else f"{args.file}:{problem.line}"
        print(f"geo: {_clean(where)}: {_clean(problem.message)}", file=sys.stderr)

    with store_on_use(args.db) as store:
        for batch in batched(result.events, 5000):
            new += store.add_events(batch, on_problem=refuse)
            groups |= store.event_groups(e.id for e in batch)  # refused rows: none
    imported, rejected = len(result.events) - refused, result.rejected + refused
    if imported == 0:
        raise InputError(f"no event could be imported from {args.file} "
                         f"({rejected} record(s) rejected)")
    summary = {"file": args.file, "format": result.format, "imported": imported,
               "new": new, "real_events": len(groups), "rejected": rejected, "db": args.db}
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"{args.file} ({result.format}): {imported} imported ({new} new, "
              f"{counted(len(groups), 'real event')}), {rejected} rejected -> {args.db}",
              file=sys.stderr)
    return 1 if rejected else 0


# --------------------------------------------------------------------------- list / export
def _rows(args: argparse.Namespace) -> tuple[list[Any], Any, dict[str, Any]]:
    """(the stored reports the filters choose, as events with the sources of the real event
    each reports; those sources by group; {event id: placement against the line of its
    day}, empty when the store holds no front-line snapshots)."""
    from geo.events.corroborate import standing_reports, with_sources
    from geo.frontline.stored import stored_snapshots
    from geo.store import Store
    from geo.store.event_queries import EVENT_COLUMNS, row_event

    at = EVENT_COLUMNS.index("place_id")
    with Store(args.db, create=False) as store:
        gazetteer = None
        if args.region and not region_is_file(args.region):
            gazetteer = open_gazetteer(required=True)
        rows = store.event_rows(type=args.type, since=args.since, until=args.until,
                                region=args.region, gazetteer=gazetteer)
        places = store.place_info({r[at] for r in rows if r[at] is not None})
        snapshots = stored_snapshots(store)
        reports = [row_event(r, places) for r in rows]
        sources = store.event_sources(r.group or r.id for r in reports)
    if args.side and not snapshots:
        raise InputError(f"--side needs front-line snapshots in {args.db} "
                         f"(geo frontline import FILE... --db {args.db})")
    sides = _sides(snapshots, reports, args.max_gap)
    if args.side:  # a real event is on the side of the report standing for it: on one side
        on = {gid for gid, r in standing_reports(reports).items()
              if getattr(sides.get(r.id), "side", None) == args.side}
        reports = [r for r in reports if (r.group or r.id) in on]
    return with_sources(reports, sources), sources, sides


def _sides(snapshots: list[Any], events: list[Any], max_gap: int) -> dict[str, Any]:
    """Each event against the line of its day (:mod:`geo.frontline.sides`); {} without
    snapshots."""
    if not snapshots or not events:
        return {}
    from geo.frontline.sides import place_events_of_day

    return place_events_of_day(snapshots, events, max_gap_days=max_gap)


def _with_side(d: dict[str, Any], placement: Any) -> dict[str, Any]:
    """An event's JSON with its side, signed km and line date (null without a line)."""
    side = getattr(placement, "side", None)
    km = getattr(placement, "distance_km", None) if side is not None else None
    d["side"] = side
    d["line_km"] = None if km is None else round(km, 3)
    d["line_date"] = (placement.line_date.isoformat()
                      if side is not None and placement.line_date else None)
    return d


def run_list(args: argparse.Namespace) -> int:
    """Stored events, one line per real event: the store joined the reports of one real
    event by several articles or datasets as they came (:mod:`geo.events.corroborate`); each
    line counts its sources."""
    from geo.events.corroborate import stored_groups

    reports, sources, sides = _rows(args)
    events = stored_groups(reports, sources)
    if args.json:
        out = []
        for ev in events:
            d = _with_side(_event_json(ev), sides.get(ev.id))
            d["sources"] = max(1, len(ev.sources))
            d["source_articles"] = list(ev.sources)
            d["reports"] = [r.id for r in reports if (r.group or r.id) == (ev.group or ev.id)
                            and r.id != ev.id]
            out.append(d)
        json.dump({"events": out}, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print_events(events, out=sys.stdout,
                     sources={ev.id: max(1, len(ev.sources)) for ev in events}, sides=sides)
        print(f"geo: {counted(len(events), 'event')} ({counted(len(reports), 'report')})",
              file=sys.stderr)
    return 0


def run_export(args: argparse.Namespace) -> int:
    """One row per real event (as ``geo events`` lists them: the report standing for it,
    with its group id, source count and sources), or with ``--reports`` every stored report
    (each article's own extraction) with the same columns; each with its side of the line
    of its day. A file of rows is counted as events by whoever loads it, so real events are
    the default."""
    from geo._files import check_output
    from geo.events.corroborate import stored_groups
    from geo.events.export import write_events

    check_output(args.output, overwrite=args.force)  # before the query
    reports, sources, sides = _rows(args)
    rows = reports if args.reports else stored_groups(reports, sources)
    n = write_events(rows, args.output, format=args.format, overwrite=args.force,
                     sides=sides)
    what = counted(n, "report") if args.reports else \
        f"{counted(n, 'event')} ({counted(len(reports), 'report')})"
    print(f"geo: {what} written to {args.output}", file=sys.stderr)
    return 0


def print_events(events: list[Any], *, out: Any, sources: dict[str, int] | None = None,
                 sides: dict[str, Any] | None = None) -> None:
    """One line per event: date, type, place, actors, numbers, how many sources report it
    (when more than one), its side of the line of its day (when known), then the sentence
    indented."""
    for ev in events:
        date = ev.date or "undated"
        where = ", ".join(dict.fromkeys(x for x in (ev.location, ev.admin1, ev.country) if x))
        extra = []
        if ev.actors:
            extra.append("; ".join(ev.actors))
        if ev.quantity is not None:
            extra.append(f"{ev.quantity:,} {ev.quantity_unit}".strip())
        if ev.fatalities is not None:
            extra.append(f"{ev.fatalities} killed")
        if sources and sources.get(ev.id, 1) > 1:
            extra.append(f"{sources[ev.id]} sources")
        if sides and sides.get(ev.id) is not None and sides[ev.id].side is not None:
            extra.append(sides[ev.id].describe())
        if ev.claimed:
            extra.append(f"claimed by {ev.claimant}" if ev.claimant else "claimed")
        if ev.confidence is not None:
            extra.append(f"confidence {ev.confidence:.2f}")
        line = (f"{date} (t{ev.time_precision})  {ev.event_type} / {ev.sub_event_type}  "
                f"{where} (g{ev.geo_precision})")
        if extra:
            line += "  [" + " | ".join(extra) + "]"
        out.write(_clean(line) + "\n")
        if ev.text:
            text = _clean(ev.text)
            out.write(f"    {text[:200]}{'...' if len(text) > 200 else ''}\n")
