"""``geo frontline``: occupied area per date, its change, and distances to the front line."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from geo.cli._common import add_force, no_action, terminal_text
from geo.cli._types import country, day_date, km, output, path, place_or_point
from geo.errors import InputError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "frontline", help="front-line snapshots: areas, changes, distances",
        description="Measure dated occupied-territory snapshots (GeoJSON, DeepState API, KML, "
                    "GeoPackage, shapefile).")
    sub = parser.add_subparsers(dest="frontline_command", metavar="ACTION",
                                parser_class=type(parser))
    stats = sub.add_parser(
        "stats", help="occupied area per date and its change",
        description="Occupied area per date in km² inside the country's border (the "
                    "gazetteer's polygon; Lambert azimuthal equal-area), the area occupied since "
                    "24 Feb 2022 where the source draws the earlier areas apart, and the change "
                    "between consecutive dates or periods (gained, lost, net, % of the "
                    "country). A file that cannot be read is reported with its reason and the "
                    "rest are measured: exit 0 when any file was measured, 2 when none was.")
    _common(stats, dirs=True)
    stats.add_argument("--country", default="UA", type=_country,
                       help="country whose border areas are clipped to and percentages refer "
                            "to; '-' for none (default UA)")
    stats.add_argument("--by", choices=("month", "week"),
                       help="one row per period: the snapshot in force at its end and the "
                            "change from the previous period")
    stats.add_argument("--by-region", action="store_true",
                       help="km² gained and lost per admin-1 unit (oblast) for every change")
    stats.add_argument("--csv", metavar="FILE", type=output,
                       help="also write the series as CSV ('-': stdout)")
    stats.add_argument("--plot", metavar="FILE.png", type=output,
                       help="draw occupied area over time and gains/losses per period "
                            "(needs matplotlib: pip install 'geo[plot]')")
    add_force(stats)
    stats.add_argument("--db", metavar="FILE", type=path,
                       help="also the snapshots imported into this store")
    stats.add_argument("--workers", type=_workers, metavar="N",
                       help="processes reading files in parallel (default: the CPUs available)")
    stats.set_defaults(func=run_stats)

    near = sub.add_parser(
        "near", help="distances to the front line: points, stored places, settlements",
        description="Geodesic km to the front line of one snapshot (the latest, or the one on or "
                    "before --date); negative inside the occupied area. The line is the edge of "
                    "the occupied area at least ~5 km inland of the country's border and coasts "
                    "(--country; '-' measures to the whole edge).")
    _common(near, pick=True)
    near.add_argument("--at", action="append", type=_at, default=[], metavar="LAT,LON|NAME",
                      help="a point or a place name (repeatable)")
    near.add_argument("--db", metavar="FILE", type=path,
                      help="also every place mentioned and every event in this store (and its "
                           "imported snapshots when no FILE is given)")
    near.add_argument("--settlements", type=_km, metavar="KM",
                      help="gazetteer settlements within KM of the line")
    near.add_argument("--side", choices=("both", "inside", "outside"), default="both",
                      help="list only one side of the line (inside = occupied; default both)")
    near.add_argument("--within", type=_km, metavar="KM",
                      help="only list points, stored places and events within KM of the line")
    near.add_argument("--country", default="UA", type=_country,
                      help="country whose border and coasts are not front line; '-' for none "
                           "(default UA)")
    near.add_argument("--max-gap", type=_days, default=None, metavar="DAYS",
                      help="events are placed against the line of their day: the latest "
                           "snapshot on or before it, at most DAYS older (default 31)")
    near.add_argument("--event-side", choices=("occupied", "grey_zone", "held"),
                      help="only events on this side of the line of their day")
    near.set_defaults(func=run_near)
    imp = sub.add_parser(
        "import", help="keep snapshots in a store, for the line of any day without the files",
        description="Read snapshot files and keep their occupied, grey-zone and pre-2022 areas "
                    "(as read, not clipped) and dates in the store; importing the same snapshot "
                    "again changes nothing. Exit 1 when some files were skipped, 2 when none "
                    "could be read.")
    _common(imp, dirs=True)
    imp.add_argument("--db", metavar="FILE", default="geo.db", help="the store (default geo.db)")
    imp.set_defaults(func=run_import)
    parser.set_defaults(func=lambda args: no_action(parser))


def _common(p: argparse.ArgumentParser, *, pick: bool = False, dirs: bool = False) -> None:
    p.add_argument("files", nargs="*", metavar="DIR|FILE" if dirs else "FILE",
                   help="snapshot files" + (" or directories of them" if dirs else "")
                   + " (none: the snapshots imported into --db)")
    p.add_argument("--date", type=_date,
                   help="use the snapshot on or before this date (default: the latest); also "
                   "the date of files that carry none" if pick else
                   "date of files that carry none (YYYY-MM-DD)")
    p.add_argument("--source", help="source name to show instead of the one found")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _workers(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if not 1 <= n <= 64:
        raise argparse.ArgumentTypeError(f"expected a number of processes 1..64, got {text!r}")
    return n


_date = day_date  # the one date type of every subcommand
_at = place_or_point
_km = km


def _country(text: str) -> str | None:
    """A two-letter code, or none of ("-", "", "none"): no country clipping."""
    return None if text in ("-", "", "none") else country(text)


def _days(text: str) -> int:
    """argparse type: a whole number of days, >= 0."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a number of days (>= 0), got {text!r}")
    return value


def _stored(db: str) -> list:
    from geo.frontline.stored import stored_snapshots
    from geo.store import Store

    with Store(db, create=False) as store:
        return stored_snapshots(store)


def run_import(args: argparse.Namespace) -> int:
    from geo.frontline.load import load_snapshots
    from geo.frontline.stored import save_snapshots
    from geo.store import Store

    paths = expand_paths(args.files)
    if not paths:
        raise InputError("nothing to import: give FILE... or DIR")
    snaps, failed = load_snapshots(paths, date=args.date, source=args.source)
    if not snaps and len(failed) == 1:
        raise InputError(failed[0][1])
    warn_skipped(failed)
    if not snaps:
        raise InputError(f"no usable snapshot in {len(failed)} files")
    with Store(args.db) as store:
        added, already = save_snapshots(store, snaps)
    doc = {"db": args.db, "imported": added, "already_stored": already,
           "skipped": [{"path": p, "reason": r} for p, r in failed]}
    if args.json:
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        _say(f"{args.db}: {added} snapshot(s) imported, {already} already stored"
              + (f", {len(failed)} file(s) skipped" if failed else ""))
    return 1 if failed else 0


def _load(args: argparse.Namespace, *, picking: bool = False):
    """Read the snapshot files (none: the store's imported snapshots), printing skipped files
    and notes as warnings. ``picking``: ``--date`` selects a snapshot, so a dated file not
    taking it is no news."""
    from geo.frontline.load import load_snapshots

    if not args.files:
        if not getattr(args, "db", None):
            raise InputError("no snapshots: give FILE..., or --db with imported snapshots")
        stored = _stored(args.db)
        if not stored:
            raise InputError(f"{args.db} holds no front-line snapshots "
                             "(geo frontline import FILE... --db)")
        return stored, []
    snaps, failed = load_snapshots(args.files, date=args.date, source=args.source)
    if not snaps and len(failed) == 1:
        raise InputError(failed[0][1])
    warn_skipped(failed)
    quiet = f"--date {args.date.isoformat()} not used:" if picking and args.date else None
    for s in snaps:
        for note in s.notes:
            if quiet and note.startswith(quiet):
                continue
            print(terminal_text(f"geo: warning: {s.path} ({s.date}): {note}"),
                  file=sys.stderr)
    if not snaps:
        raise InputError(f"no usable snapshot in {len(failed)} files")
    return snaps, failed


def warn_skipped(failed: list[tuple[str, str]]) -> None:
    """One warning line on stderr per snapshot file :func:`load_snapshots` could not use."""
    for file, reason in failed:
        msg = reason if reason.startswith(file) else f"{file}: {reason}"
        print(terminal_text(f"geo: warning: {msg} (skipped)"), file=sys.stderr)


def run_stats(args: argparse.Namespace) -> int:
    from geo.frontline.report import print_notes, print_stats, write_csv, write_plot
    from geo.frontline.series import measure_series

    _check_outputs(args)
    _check_country(args.country)
    paths = expand_paths(args.files)
    stored = _stored(args.db) if args.db else []
    if not paths and not stored:
        raise InputError("no snapshots: give FILE... or DIR, or --db with imported snapshots"
                         if not args.db else f"{args.db} holds no front-line snapshots "
                         "(geo frontline import FILE... --db)")
    warnings: list[str] = []
    series = measure_series(paths, country=args.country, date=args.date, source=args.source,
                            by=args.by, by_region=args.by_region, workers=args.workers,
                            warnings=warnings, snapshots=stored)
    if not series.measured and len(series.failed) == 1:
        raise InputError(series.failed[0][1])
    warn_skipped(series.failed)
    _relay(lambda out: print_notes(series.measured, out), sys.stderr)
    for w in warnings:
        print(terminal_text(f"geo: warning: {w}"), file=sys.stderr)
    if not series.measured:
        raise InputError(f"no usable snapshot in {len(series.failed)} files")
    stats = series.stats
    if args.country and stats.country is None:
        print(f"geo: warning: no area known for {args.country}: percentages omitted",
              file=sys.stderr)
    if args.csv:
        write_csv(stats, args.csv, overwrite=args.force)
    if args.plot:
        write_plot(stats, args.plot, overwrite=args.force)
    if args.json:
        doc = stats.to_dict()
        doc["skipped"] = [{"path": p, "reason": r} for p, r in series.failed]
        doc["notes"] = [{"path": m.path, "date": m.date.isoformat(), "note": n}
                        for m in series.measured for n in m.notes]
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif args.csv != "-":
        _relay(lambda out: print_stats(stats, out), sys.stdout)
    if series.failed:  # exit 0 all the same: a series is measured when any file was (issue 10)
        total = len(paths)
        print(f"geo: {len(series.failed)} of {total} files skipped (see the warnings above); "
              "the rest were measured", file=sys.stderr)
    return 0


def _check_outputs(args: argparse.Namespace) -> None:
    """``--csv`` and ``--plot`` checked before any measuring (``--force`` to replace)."""
    from geo._files import check_output
    from geo.cli._plot import check_plot_target

    if args.csv and args.csv != "-":
        check_output(args.csv, overwrite=args.force)
    if args.plot:
        check_plot_target(args.plot, overwrite=args.force)


#: File name endings ``geo frontline stats DIR`` picks up in a directory.
SNAPSHOT_SUFFIXES = (".geojson", ".json", ".kml", ".kmz", ".gpkg", ".shp", ".fgb")


def expand_paths(items: list[str]) -> list[str]:
    """Files as given, and the snapshot files of each directory (sorted by name)."""
    from pathlib import Path

    out: list[str] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            found = sorted(str(f) for f in p.iterdir()
                           if f.is_file() and f.suffix.lower() in SNAPSHOT_SUFFIXES)
            if not found:
                raise InputError(f"{p}: no snapshot files ({', '.join(SNAPSHOT_SUFFIXES)})")
            out.extend(found)
        else:
            out.append(item)
    return out


def _check_country(cc: str | None) -> None:
    """``--country`` checked as ``geo lookup`` checks it, when there is an index to ask."""
    from geo.frontline.border import built_gazetteer

    gaz = built_gazetteer() if cc else None
    if gaz is not None:
        gaz.check_country(cc)


def run_near(args: argparse.Namespace) -> int:
    if not (args.at or args.db or args.settlements is not None):
        raise InputError("nothing to measure: give --at, --db or --settlements")
    for flag, value in (("--max-gap", args.max_gap), ("--event-side", args.event_side)):
        if value is not None and not args.db:
            raise InputError(f"{flag} applies to the events of --db FILE: give --db")
    _check_country(args.country)
    from geo.frontline.near import NearRequest, measure

    snaps, _ = _load(args, picking=True)
    report = measure(snaps, NearRequest(
        at=tuple(args.at), day=args.date, db=args.db, settlements_km=args.settlements,
        side=args.side, within_km=args.within, country=args.country,
        **({} if args.max_gap is None else {"max_gap_days": args.max_gap}),
        event_side=args.event_side))
    for note in report.warnings:
        print(terminal_text(f"geo: warning: {note}"), file=sys.stderr)
    if args.json:
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    _print_near(report)
    return 0


def _print_near(report) -> None:
    """The human report, every line through :func:`_say` (names, sources and locations come
    from files and datasets)."""
    snap = report.snapshot
    _say(f"as of {snap.date} · {snap.source} · km to {report.edge_label} "
          "(negative = inside the occupied area)")
    if report.points:
        _say()
        for p in report.points:
            label = p.name or ""
            _say(f"{_km_text(p.distance_km)}  {_where(p.distance_km)}  {p.lat:>8.4f} "
                  f"{p.lon:>8.4f}  {label}")
    if report.places is not None:
        _say()
        _say(f"places mentioned in {report.db} ({len(report.places)}):")
        _say(f"{'distance':>11}  {'side':<8}  {'mentions':>8}  {'articles':>8}  place")
        for r in report.places:
            _say(f"{_km_text(r.distance_km)}  {_where(r.distance_km)}  {r.mentions:>8,}  "
                  f"{r.articles:>8,}  {_place_label(r.place)}")
    if report.events is not None:
        _say()
        told = sum(e.sources for e in report.events)
        many = f", {told:,} reports" if told != len(report.events) else ""
        _say(f"events in {report.db} ({len(report.events)}{many}):")
        for e in report.events:
            kind = f"{e.event_type} / {e.sub_event_type}" if e.sub_event_type else e.event_type
            side = e.side or "-"
            line = (f"no side: {e.no_side}" if e.side is None and e.no_side else
                    f"line of {e.line_date}")
            told = f", {e.sources} sources" if e.sources > 1 else ""
            _say(f"{_km_text(e.distance_km)}  {side:<9}  {e.date or '?':<10}  "
                 f"{kind}: {e.location or f'{e.lat:.4f},{e.lon:.4f}'} ({line}{told})")
    if report.settlements is not None:
        inside = sum(n.occupied for n in report.settlements)
        _say()
        _say(f"settlements within {report.settlements_km:g} km ({len(report.settlements)}: "
              f"{len(report.settlements) - inside} outside, {inside} inside):")
        for n in report.settlements:
            pop = f"{n.place.population:,}" if n.place.population else "-"
            _say(f"{_km_text(n.distance_km)}  {_where(n.distance_km)}  {pop:>9}  "
                  f"{_place_label(n.place)}")


def _relay(write: Any, out: Any) -> None:
    """Run a printer into a buffer, then pass its lines to ``out`` through
    :func:`terminal_text` (sources, paths and notes come from the files)."""
    import io

    buf = io.StringIO()
    write(buf)
    for line in buf.getvalue().splitlines():
        print(terminal_text(line), file=out)


def _say(*parts: object) -> None:
    """``print`` for text that carries data: control characters dropped first."""
    print(*(terminal_text(x) for x in parts))


def _km_text(d: float | None) -> str:
    return f"{d:>+8.1f} km" if d is not None else f"{'-':>8} km"


def _where(d: float) -> str:
    return f"{'occupied' if d < 0 else 'outside':<8}"


def _place_label(p) -> str:
    where = ", ".join(x for x in (p.admin1_name, p.cc) if x)
    kind = "" if p.kind == "city" else f" [{p.kind}]"
    return f"{p.name}{kind}" + (f" ({where})" if where else "")
