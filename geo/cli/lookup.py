"""``geo lookup NAME`` / ``geo lookup --at LAT,LON``: the gazetteer from the command line."""

from __future__ import annotations

import argparse
import json
import sys

from geo.cli._common import terminal_text
from geo.cli._types import country, point, positive_int
from geo.errors import IndexMissingError, InputError


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "lookup",
        help="places a name could mean, best first (or what is at a point)",
        description="Look a place name up in the offline gazetteer: ranked candidates with "
                    "id, kind, country, admin-1, coordinates, population, score and the name "
                    "that matched. With --at, the nearest places and the admin-1 unit and "
                    "country containing a point.",
    )
    p.add_argument("name", nargs="?", help="a place name in any common spelling or script")
    p.add_argument("--country", metavar="CC", type=country,
                   help="only places in this country (ISO alpha-2)")
    p.add_argument("--kind", metavar="KIND",
                   help="only this kind (country, admin1, admin2, city, water, region, "
                        "continent, site)")
    p.add_argument("--near", metavar="LAT,LON", type=point,
                   help="re-rank by distance from a point")
    p.add_argument("--at", metavar="LAT,LON", type=point,
                   help="reverse lookup of a point instead of a name")
    p.add_argument("--limit", type=positive_int, default=10, metavar="N",
                   help="at most N results")
    p.add_argument("--no-fuzzy", dest="fuzzy", action="store_false",
                   help="no typo-tolerant matches")
    p.add_argument("--online", action="store_true",
                   help="ask Nominatim (cached, rate-limited) when the offline gazetteer "
                        "knows no such name")
    p.add_argument("--json", action="store_true", help="JSON output")
    p.set_defaults(func=run)
    p.epilog = "Exit status: 0 found, 1 no place of that name, 2 bad input."


def open_gazetteer():
    """The default gazetteer; a missing index is built once, with a note on stderr."""
    from geo import _paths
    from geo.gazetteer import Gazetteer

    try:
        return Gazetteer.open()
    except IndexMissingError:
        print(f"geo: note: no gazetteer index yet; building it once in {_paths.index_dir()} "
              "(about 30 s)", file=sys.stderr)
        return Gazetteer.open(build_if_missing=True)


def run(args: argparse.Namespace) -> int:
    if args.at is not None:
        if args.name is not None:
            raise InputError("give either a NAME or --at LAT,LON, not both")
        lat, lon = args.at
        rev = open_gazetteer().reverse(lat, lon, limit=args.limit)
        _print_reverse(rev, as_json=args.json)
        return 0
    if args.name is None:
        raise InputError("give a place NAME to look up (or --at LAT,LON)")
    from geo.gazetteer.index import check_name

    name = check_name(args.name)
    near = args.near
    gaz = open_gazetteer()
    found = gaz.lookup(name, country=args.country, kind=args.kind, near=near,
                       limit=args.limit, fuzzy=args.fuzzy)
    if not found and args.online:
        import logging

        from geo.gazetteer.online import OnlineGeocoder

        for noisy in ("urllib3", "geopy"):  # their retry warnings: the one error line says it
            logging.getLogger(noisy).setLevel(logging.ERROR)

        found = OnlineGeocoder().lookup(name, country=args.country, limit=args.limit)
    if args.json:
        json.dump([c.to_dict() for c in found], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif found:
        _print_table(found)
    else:
        print(f"geo: error: no place named {name!r}", file=sys.stderr)
    return 0 if found else 1


_COLUMNS = ("id", "name", "kind", "cc", "admin-1", "lat", "lon", "population", "score",
            "matched")


def _row(c) -> list[str]:
    p = c.place
    matched = c.match if c.matched == p.name else f"{c.match}: {c.matched}"
    row = [str(p.id), p.name, p.kind, p.cc or "-", p.admin1_name or "-", f"{p.lat:.5f}",
           f"{p.lon:.5f}", f"{p.population:,}", f"{c.score:.3f}", matched]
    if c.distance_km is not None:
        row.insert(-1, f"{c.distance_km:,.1f}")
    return row


def _print_table(cands) -> None:
    header = list(_COLUMNS)
    if any(c.distance_km is not None for c in cands):
        header.insert(-1, "km")
    # names may come from the online geocoder (remote data): no control characters
    rows = [header, *([terminal_text(x) for x in _row(c)] for c in cands)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    numeric = {"id", "lat", "lon", "population", "score", "km"}
    for r in rows:
        cells = [cell.rjust(w) if h in numeric else cell.ljust(w)
                 for cell, w, h in zip(r, widths, header, strict=True)]
        print("  ".join(cells).rstrip())


def _print_reverse(rev, *, as_json: bool) -> None:
    if as_json:
        json.dump(rev.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    print(f"point    {rev.lat:.5f},{rev.lon:.5f}")
    a, c = rev.admin1, rev.country
    print(f"admin-1  {f'{a.name} ({a.cc}.{a.admin1}, id {a.id})' if a else '-'}")
    print(f"country  {f'{c.name} ({c.cc}, id {c.id})' if c else '-'}")
    if rev.nearest:
        print()
        _print_table(rev.nearest)
