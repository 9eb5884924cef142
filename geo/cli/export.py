"""``geo export``: stored mentions as GeoJSON, GeoParquet, CSV, GeoPackage, KML or FlatGeobuf."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from geo.cli._common import add_force
from geo.cli._types import day, file_output, path, place_ref
from geo.cli.ingest import default_db
from geo.vectorfile import FORMATS


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "export", help="write mentions as GeoJSON, GeoParquet, CSV, GeoPackage, KML or FlatGeobuf",
        description="Write stored mentions (one point feature each, EPSG:4326) to a file. "
                    "The format follows the suffix (.geojson .parquet .csv .gpkg .kml .fgb) "
                    "unless --format names it.")
    p.add_argument("-o", "--output", required=True, metavar="FILE", type=file_output,
                   help="file to write")
    add_force(p)
    p.add_argument("--format", choices=tuple(FORMATS),
                   help="output format (default: from the file suffix)")
    p.add_argument("--db", default=default_db(), metavar="FILE", type=path,
                   help="store file (default: $GEO_DB or geo.db)")
    p.add_argument("--place", metavar="NAME_OR_ID", type=place_ref,
                   help="only mentions of this place")
    p.add_argument("--since", metavar="DATE", type=day,
                   help="only articles dated on/after (YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", type=day,
                   help="only articles dated on/before (YYYY-MM-DD)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from geo._files import check_output
    from geo.cli.queries import resolve_place
    from geo.store import Store
    from geo.store.queries import iso_date
    from geo.store.store import export_format

    out = Path(args.output)
    export_format(out, args.format)  # bad format or suffix: fail before any work
    check_output(out, overwrite=args.force)
    since = iso_date(args.since, what="--since")
    until = iso_date(args.until, what="--until")
    with Store(args.db, create=False) as store:
        place = None
        if args.place is not None:
            place = [p.id for p in resolve_place(store, args.place)]
        n = store.export(out, format=args.format, place=place, since=since, until=until,
                         overwrite=args.force)
    print(f"wrote {n} mention{'' if n == 1 else 's'} to {out}", file=sys.stderr)
    return 0
