"""``geo frontline``: occupied area per date, its change, and distances to the front line."""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
from typing import Any

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
        "near", help="distance from points to the front line",
        description="Geodesic km from each point to the edge of the occupied area of one "
                    "snapshot; negative inside the occupied area.")
    _common(near, many=False)
    near.add_argument("--at", action="append", type=_latlon, default=[], metavar="LAT,LON",
                      required=True, help="a point (repeatable)")
    near.add_argument("--within", type=float, metavar="KM",
                      help="only print points within KM of the line")
    near.set_defaults(func=run_near)
    parser.set_defaults(func=lambda args: _usage(parser))


def _common(p: argparse.ArgumentParser, *, many: bool = True) -> None:
    p.add_argument("files", nargs="+" if many else 1, metavar="FILE",
                   help="snapshot file(s)" if many else "snapshot file")
    p.add_argument("--date", type=_date, help="date of files that carry none (YYYY-MM-DD)")
    p.add_argument("--source", help="source name to show instead of the one found")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    return 2


def _date(text: str) -> _dt.date:
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _country(text: str) -> str | None:
    if text in ("-", "", "none"):
        return None
    if len(text) != 2 or not text.isalpha():
        raise argparse.ArgumentTypeError(f"not a two-letter country code: {text!r}")
    return text.upper()


def _latlon(text: str) -> tuple[float, float]:
    try:
        lat, lon = (float(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected LAT,LON, got {text!r}") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise argparse.ArgumentTypeError(f"coordinates out of range: {text!r}")
    return lat, lon


def _load(args: argparse.Namespace):
    from geo.frontline.load import load_snapshots

    snaps, failed = load_snapshots(args.files, date=args.date, source=args.source)
    if not snaps and len(failed) == 1:
        raise InputError(failed[0][1])
    for path, reason in failed:
        msg = reason if reason.startswith(path) else f"{path}: {reason}"
        print(f"geo: warning: {msg} (skipped)", file=sys.stderr)
    for s in snaps:
        for note in s.notes:
            print(f"geo: warning: {s.path} ({s.date}): {note}", file=sys.stderr)
    if not snaps:
        raise InputError(f"no usable snapshot in {len(failed)} files")
    return snaps, failed


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
    from geo.frontline.stats import distances_to_front

    snaps, _ = _load(args)
    if len(snaps) != 1:
        raise InputError(f"{args.files[0]}: holds {len(snaps)} dates; near needs one snapshot")
    snap = snaps[0]
    dists = distances_to_front(snap, args.at)
    rows = [{"lat": lat, "lon": lon, "distance_km": round(d, 3), "occupied": d < 0}
            for (lat, lon), d in zip(args.at, dists, strict=True)
            if args.within is None or abs(d) <= args.within]
    if args.json:
        json.dump({"date": snap.date.isoformat(), "source": snap.source, "points": rows},
                  sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    print(f"as of {snap.date} · {snap.source} (km to the edge of the occupied area; "
          "negative = inside)")
    for r in rows:
        where = "occupied" if r["occupied"] else "outside"
        print(f"{r['lat']:>9.4f} {r['lon']:>9.4f}  {r['distance_km']:>9.1f} km  {where}")
    return 0
