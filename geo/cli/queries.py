"""``geo mentions``, ``geo near``, ``geo within``, ``geo places``: questions to the store.

Human output by default (the toponym in bold when stdout is a terminal), ``--json`` for
machines. These commands print query rows directly and never import pandas.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from typing import Any

from geo.cli._common import terminal_text
from geo.cli._types import day, km, path, place_or_point, place_ref, positive_int
from geo.cli.ingest import default_db
from geo.errors import IndexCorruptError, IndexMissingError, InputError

#: control characters (C0, DEL, C1): untrusted text must not drive the terminal
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("mentions", help="every mention of a place in the store",
                              description="List every stored mention of a place (name or id).")
    p.add_argument("place", metavar="NAME_OR_ID", type=place_ref)
    _common(p)
    p.set_defaults(func=run_mentions)

    p = subparsers.add_parser("near", help="places and mentions within N km",
                              description="Places (and their mentions) within N km, geodesic.")
    p.add_argument("center", metavar="NAME|LAT,LON", type=place_or_point)
    p.add_argument("--km", type=km, default=10.0, metavar="KM", help="radius (default 10)")
    p.add_argument("--mentions", action="store_true", help="list the mentions too")
    _common(p)
    p.set_defaults(func=run_near)

    p = subparsers.add_parser("within", help="places and mentions inside a region",
                              description="Places (and mentions) inside an admin-1 unit or "
                                          "country (by name) or a GeoJSON file's polygons.")
    p.add_argument("region", metavar="REGION|FILE.geojson")
    p.add_argument("--mentions", action="store_true", help="list the mentions too")
    _common(p)
    p.set_defaults(func=run_within)

    p = subparsers.add_parser("places", help="most-mentioned places in the store",
                              description="Most-mentioned places with counts and first/last "
                                          "seen dates.")
    p.add_argument("--top", type=positive_int, default=20, metavar="N",
                   help="how many (default 20)")
    _common(p)
    p.set_defaults(func=run_places)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=default_db(), metavar="FILE", type=path,
                   help="store file (default: $GEO_DB or geo.db)")
    p.add_argument("--since", metavar="DATE", type=day,
                   help="only articles dated on/after (YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", type=day,
                   help="only articles dated on/before (YYYY-MM-DD)")
    p.add_argument("--json", action="store_true", help="machine-readable output")


# --------------------------------------------------------------------------- commands
def run_mentions(args: argparse.Namespace) -> int:
    from geo.store import Store
    from geo.store.queries import Filters

    with Store(args.db, create=False) as store:
        filters = Filters(None, *_dates(args))  # validate dates before any lookup
        places = resolve_place(store, args.place)
        filters = Filters(tuple(p.id for p in places), filters.since, filters.until)
        rows = store.mention_rows(filters, listing=not args.json)
        if args.json:
            _print_json({"query": args.place, "places": [p.to_dict() for p in places],
                         "mentions": mention_dicts(rows, {p.id: p for p in places})})
            return 0
    out = sys.stdout
    tty = out.isatty()
    for p in places:
        n = sum(1 for r in rows if r[7] == p.id)
        arts = len({r[0] for r in rows if r[7] == p.id})
        print(f"{_bold(_clean(p.name), tty)} ({describe(p)}): {n} mention{_s(n)} "
              f"in {arts} article{_s(arts)}", file=out)
    print_mentions(rows, out=out, tty=tty)
    return 0


def run_near(args: argparse.Namespace) -> int:
    from geo.store import Store
    from geo.store.queries import Filters
    since, until = _dates(args)
    if not args.km >= 0:
        raise InputError(f"--km must be >= 0, got {args.km}")
    with Store(args.db, create=False) as store:
        if isinstance(args.center, tuple):  # LAT,LON, checked by the argument type
            lat, lon = args.center
            label = f"{lat:.5g},{lon:.5g}"
        else:
            places = resolve_place(store, args.center)
            center = places[0]
            lat, lon, label = center.lat, center.lon, f"{center.name} ({describe(center)})"
            if len(places) > 1:
                others = "; ".join(describe(p) for p in places[1:4])
                print(f"geo: note: {len(places)} places named {args.center!r}; using the most "
                      f"mentioned (others: {others}); give an id to choose", file=sys.stderr)
        dist = store.near_ids(lat, lon, args.km)
        filters = Filters(tuple(dist), since, until)
        places_rows = sorted(store.place_rows(filters), key=lambda r: dist[r[0]])
        rows = _area_mentions(store, args, filters)
    _report_area(args, f"within {args.km:g} km of {label}", places_rows, rows, dist,
                 {"center": {"lat": lat, "lon": lon, "label": label}, "km": args.km})
    return 0


def run_within(args: argparse.Namespace) -> int:
    from geo.store import Store
    from geo.store.queries import Filters

    since, until = _dates(args)
    with Store(args.db, create=False) as store:
        gazetteer = None if region_is_file(args.region) else open_gazetteer(required=True)
        geometry, admin, label = store.region(args.region, gazetteer=gazetteer)
        ids = store.within_ids(geometry, admin=admin)
        filters = Filters(tuple(ids), since, until)
        places_rows = store.place_rows(filters)
        rows = _area_mentions(store, args, filters)
    _report_area(args, f"inside {label}", places_rows, rows, None,
                 {"region": args.region, "label": label})
    return 0


def run_places(args: argparse.Namespace) -> int:
    from geo.store import Store
    from geo.store.queries import Filters

    since, until = _dates(args)
    with Store(args.db, create=False) as store:
        rows = store.place_rows(Filters(None, since, until), top=args.top)
    if args.json:
        _print_json({"places": place_dicts(rows)})
    else:
        print_places(rows, out=sys.stdout)
    return 0


# --------------------------------------------------------------------------- shared helpers
def open_gazetteer(*, required: bool = False) -> Any:
    """The gazetteer, or None when it is not built (unless ``required``)."""
    try:
        from geo.gazetteer import Gazetteer

        return Gazetteer.open()
    except (ImportError, IndexMissingError, IndexCorruptError):
        if required:
            raise
        return None


def region_is_file(region: str) -> bool:
    """Whether ``region`` names a GeoJSON file (else an admin-1 unit or country, by name)."""

    from geo.store.spatial import is_file

    return region.lower().endswith((".geojson", ".json")) or is_file(region)


def resolve_place(store: Any, query: str) -> list[Any]:
    """Places a name or id means (store first, then the gazetteer); InputError with the
    closest names when there is none."""
    places = store.resolve(query)
    if places:
        return places
    gazetteer = open_gazetteer()
    if gazetteer is not None:
        places = store.resolve(query, gazetteer=gazetteer)
        if places:
            return places
    if query.strip().lstrip("-").isdigit():
        raise InputError(f"no place with id {query.strip()} in the store or the gazetteer")
    names = store.suggest(query, gazetteer=gazetteer)
    hint = f"; did you mean: {', '.join(names)}?" if names else " (no similar names)"
    raise InputError(f"unknown place {query!r}{hint}")


def describe(p: Any) -> str:
    """"city, Donetsk Oblast, UA; id 704679"."""
    parts = [p.kind, p.admin1_name, p.cc]
    return ", ".join(_clean(x) for x in parts if x) + f"; id {p.id}"


def mention_dicts(rows: Sequence[tuple], places: dict[int, Any]) -> list[dict[str, Any]]:
    """Mention rows as JSON-ready dicts with their place's columns, alternatives decoded."""
    from geo.store.queries import MENTION_COLUMNS

    place_cols = {pid: {"name": p.name, "kind": p.kind, "precision": p.precision, "cc": p.cc,
                        "admin1": p.admin1, "admin1_name": p.admin1_name, "lat": p.lat,
                        "lon": p.lon, "population": p.population}
                  for pid, p in places.items()}
    out = []
    for r in rows:
        d = dict(zip(MENTION_COLUMNS, r, strict=True))
        d["alternatives"] = json.loads(d["alternatives"] or "[]")
        d.update(place_cols[d["place_id"]])
        out.append(d)
    return out


def _area_mentions(store: Any, args: argparse.Namespace, filters: Any) -> list[tuple]:
    """Mentions for ``near``/``within``: full rows for --json, a listing for --mentions."""
    if args.json:
        return store.mention_rows(filters)
    return store.mention_rows(filters, listing=True) if args.mentions else []


def place_dicts(rows: Sequence[tuple], dist: dict[int, float] | None = None
                ) -> list[dict[str, Any]]:
    """Place-summary rows as JSON-ready dicts."""
    from geo.model import precision_of
    from geo.store.queries import PLACE_COLUMNS

    out = []
    for r in rows:
        d = dict(zip(PLACE_COLUMNS, r, strict=True))
        d["precision"] = precision_of(d["kind"])
        if dist is not None:
            d["distance_km"] = round(dist[d["place_id"]], 3)
        out.append(d)
    return out


def print_mentions(rows: Sequence[tuple], *, out: Any, tty: bool) -> None:
    """Mentions grouped by article: date, title, source, link, then each sentence once."""
    lines: list[str] = []
    i = 0
    while i < len(rows):
        aid = rows[i][0]
        j = i
        while j < len(rows) and rows[j][0] == aid:
            j += 1
        _aid, title, date, source, url = rows[i][:5]
        head = f"{date or '????-??-??'}  {_clean(title or aid)}"
        lines.append(f"{head} — {_clean(source)}" if source else head)
        if url:
            lines.append(f"            {_clean(url)}")
        sentences: dict[str, list[str]] = {}
        for r in rows[i:j]:  # LISTING_COLUMNS: ..., surface, sentence, place_id
            sentences.setdefault(r[6], []).append(r[5])
        for sentence, surfaces in sentences.items():
            lines.append(f"    {highlight(_clean(sentence), surfaces, tty)}")
        i = j
        if len(lines) > 5000:
            out.write("\n".join(lines) + "\n")
            lines.clear()
    if lines:
        out.write("\n".join(lines) + "\n")


def print_places(rows: Sequence[tuple], *, out: Any, dist: dict[int, float] | None = None
                 ) -> None:
    """A table of place-summary rows."""
    km = "      km" if dist is not None else ""
    print(f"{km}  mentions  articles  first seen  last seen   place", file=out)
    for r in rows:
        pid, name, kind, cc, _a1, a1_name, *_rest = r
        n, arts, first, last = r[9:13]
        where = ", ".join(_clean(x) for x in (kind, a1_name, cc) if x)
        prefix = f"{dist[pid]:8.1f}" if dist is not None else ""
        print(f"{prefix}  {n:8d}  {arts:8d}  {first or '-':10}  {last or '-':10}  "
              f"{_clean(name)} ({where}; id {pid})", file=out)


def highlight(sentence: str, surfaces: Sequence[str], tty: bool) -> str:
    """The sentence with each surface in ANSI bold when writing to a terminal."""
    if not tty:
        return sentence
    for s in sorted({_clean(s) for s in surfaces if s}, key=len, reverse=True):
        sentence = re.sub(rf"(?<!\x1b\[1m){re.escape(s)}", f"{_BOLD}{s}{_RESET}", sentence)
    return sentence


def _report_area(args: argparse.Namespace, what: str, places_rows: Sequence[tuple],
                 rows: Sequence[tuple], dist: dict[int, float] | None,
                 extra: dict[str, Any]) -> None:
    if args.json:
        places = {r[0]: _place_of(r) for r in places_rows}
        _print_json({**extra, "places": place_dicts(places_rows, dist),
                     "mentions": mention_dicts(rows, places)})
        return
    out = sys.stdout
    total = sum(r[9] for r in places_rows)
    print(f"{len(places_rows)} place{_s(len(places_rows))} {_clean(what)}: "
          f"{total} mention{_s(total)}", file=out)
    if places_rows:
        print_places(places_rows, out=out, dist=dist)
    if rows:
        print(file=out)
        print_mentions(rows, out=out, tty=out.isatty())


def _place_of(row: tuple) -> Any:
    from geo.model import Place

    pid, name, kind, cc, admin1, admin1_name, population, lat, lon = row[:9]
    return Place(pid, name, kind, cc, admin1, admin1_name, lat, lon, population)


def _dates(args: argparse.Namespace) -> tuple[str | None, str | None]:
    from geo.store.queries import iso_date

    return iso_date(args.since, what="--since"), iso_date(args.until, what="--until")


def _print_json(doc: Any) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")  # one write, not one per token


_clean = terminal_text  # the name the subcommands import


def _bold(text: str, tty: bool) -> str:
    return f"{_BOLD}{text}{_RESET}" if tty else text


def _s(n: int) -> str:
    return "" if n == 1 else "s"
