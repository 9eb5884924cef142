"""``geo assets fetch|path|list``: the local cache of pinned Leaflet/plugin files."""

from __future__ import annotations

import argparse
import json
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "assets",
        help="fetch or show the pinned map scripts/stylesheets (for offline maps and tests)",
        description="Manage the local cache of the exact Leaflet and plugin files maps use.",
    )
    p.add_argument("action", choices=("fetch", "path", "list"),
                   help="fetch: download from the npm registry; path: print the cache folder; "
                        "list: show pinned files and whether they are cached")
    p.add_argument("--force", action="store_true", help="fetch again even if cached")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo.render import assets

    if args.action == "path":
        print(assets.cache_dir())
        return 0
    if args.action == "fetch":
        paths = assets.fetch(force=args.force, log=lambda msg: print(msg, file=sys.stderr))
        if args.json:
            print(json.dumps({"cache": str(assets.cache_dir()), "files": [str(p) for p in paths]}))
        else:
            print(f"{len(paths)} pinned files verified in {assets.cache_dir()}")
        return 0
    gone = {a.url for a in assets.missing()}
    rows = [dict(row, cached=row["url"] not in gone) for row in assets.manifest()]
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        for row in rows:
            mark = "ok     " if row["cached"] else "missing"
            print(f"{mark} {row['npm']}  sha256 {row['sha256'][:12]}…")
    return 0
