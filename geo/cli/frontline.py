"""``geo frontline``: occupied area per date, its change, and distances to the front line."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from geo.cli._common import no_action, terminal_text
from geo.cli._types import country, day_date, km, path, place_or_point
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
        description="Occupied area per date in km² (Lambert azimuthal equal-area), the change "
                    "between consecutive dates and from first to last (gained, lost, net, %% of "
                    "the country).")
    _common(stats)
    stats.add_argument("--country", default="UA", type=_country,
                       help="ISO code whose area percentages refer to; '-' for none (default UA)")
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
                      help="also every place mentioned and every event in this store")
    near.add_argument("--settlements", type=_km, metavar="KM",
                      help="gazetteer settlements within KM of the line")
    near.add_argument("--side", choices=("both", "inside", "outside"), default="both",
                      help="list only one side of the line (inside = occupied; default both)")
    near.add_argument("--within", type=_km, metavar="KM",
                      help="only list points, stored places and events within KM of the line")
    near.add_argument("--country", default="UA", type=_country,
                      help="country whose border and coasts are not front line; '-' for none "
                           "(default UA)")
    near.set_defaults(func=run_near)
    parser.set_defaults(func=lambda args: no_action(parser))


def _common(p: argparse.ArgumentParser, *, pick: bool = False) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="snapshot file(s)")
    p.add_argument("--date", type=_date,
                   help="use the snapshot on or before this date (default: the latest); also "
                   "the date of files that carry none" if pick else
                   "date of files that carry none (YYYY-MM-DD)")
    p.add_argument("--source", help="source name to show instead of the one found")
    p.add_argument("--json", action="store_true", help="machine-readable output")



_date = day_date  # the one date type of every subcommand
_at = place_or_point
_km = km


def _country(text: str) -> str | None:
    """A two-letter code, or none of ("-", "", "none"): no country clipping."""
    return None if text in ("-", "", "none") else country(text)


def _load(args: argparse.Namespace, *, picking: bool = False):
    """Read the snapshot files, printing skipped files and notes as warnings. ``picking``:
    ``--date`` selects a snapshot, so a dated file not taking it is no news."""
    from geo.frontline.load import load_snapshots

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
    from geo.frontline.stats import compute_stats

    snaps, failed = _load(args)
    stats = compute_stats(snaps, country=args.country)
    if args.country and stats.country is None:
        print(f"geo: warning: no area known for {args.country}: percentages omitted",
              file=sys.stderr)
    if args.json:
        doc = stats.to_dict()
        doc["skipped"] = [{"path": p, "reason": r} for p, r in failed]
        doc["notes"] = [{"path": s.path, "date": s.date.isoformat(), "note": n}
                        for s in snaps for n in s.notes]
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    cc = stats.country.cc if stats.country else ""
    print(f"{'date':<10}  {'occupied km²':>13}  {'% ' + cc if cc else '':>8}  "
          f"{'grey km²':>9}  source")
    for a in stats.areas:
        grey = "-" if a.grey_zone_km2 is None else f"{a.grey_zone_km2:,.1f}"
        pct = "" if a.pct_of_country is None else f"{a.pct_of_country:.2f}%"
        print(f"{a.date.isoformat():<10}  {a.occupied_km2:>13,.1f}  {pct:>8}  {grey:>9}  "
              f"{a.source}")
    if stats.steps:
        print()
        print(f"{'change':<24}  {'gained km²':>11}  {'lost km²':>10}  {'net km²':>11}  "
              f"{'net % ' + cc if cc else '':>9}")
        rows = list(stats.steps)
        if len(snaps) > 2 and stats.overall is not None:
            rows.append(stats.overall)
        for i, c in enumerate(rows):
            label = f"{c.start} → {c.end}" if i < len(stats.steps) else "first → last"
            pct = "" if c.net_pct is None else f"{c.net_pct:+.2f}%"
            print(f"{label:<24}  {c.gained_km2:>+11,.1f}  {-c.lost_km2:>+10,.1f}  "
                  f"{c.net_km2:>+11,.1f}  {pct:>9}")
    print()
    print(f"equal-area projection: {stats.projection}")
    if stats.country:
        print(f"country area: {stats.country.km2:,.0f} km² ({stats.country.basis})")
    return 0


def run_near(args: argparse.Namespace) -> int:
    if not (args.at or args.db or args.settlements is not None):
        raise InputError("nothing to measure: give --at, --db or --settlements")
    from geo.frontline.near import NearRequest, measure

    snaps, _ = _load(args, picking=True)
    report = measure(snaps, NearRequest(
        at=tuple(args.at), day=args.date, db=args.db, settlements_km=args.settlements,
        side=args.side, within_km=args.within, country=args.country))
    for note in report.warnings:
        print(f"geo: warning: {note}", file=sys.stderr)
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
        _say(f"events in {report.db} ({len(report.events)}):")
        for e in report.events:
            kind = f"{e.event_type} / {e.sub_event_type}" if e.sub_event_type else e.event_type
            _say(f"{_km_text(e.distance_km)}  {_where(e.distance_km)}  {e.date or '?':<10}  "
                  f"{kind}: {e.location or f'{e.lat:.4f},{e.lon:.4f}'}")
    if report.settlements is not None:
        inside = sum(n.occupied for n in report.settlements)
        _say()
        _say(f"settlements within {report.settlements_km:g} km ({len(report.settlements)}: "
              f"{len(report.settlements) - inside} outside, {inside} inside):")
        for n in report.settlements:
            pop = f"{n.place.population:,}" if n.place.population else "-"
            _say(f"{_km_text(n.distance_km)}  {_where(n.distance_km)}  {pop:>9}  "
                  f"{_place_label(n.place)}")


def _say(*parts: object) -> None:
    """``print`` for text that carries data: control characters dropped first."""
    print(*(terminal_text(x) for x in parts))


def _km_text(d: float) -> str:
    return f"{d:>+8.1f} km"


def _where(d: float) -> str:
    return f"{'occupied' if d < 0 else 'outside':<8}"


def _place_label(p) -> str:
    where = ", ".join(x for x in (p.admin1_name, p.cc) if x)
    kind = "" if p.kind == "city" else f" [{p.kind}]"
    return f"{p.name}{kind}" + (f" ({where})" if where else "")
