"""``geo ingest PATH...``: read, parse and store articles, one transaction per batch.

Re-running after a kill resumes: articles already committed with the same content are skipped
before parsing, and a batch is either fully stored or not at all.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

from geo.cli._common import add_fetch_flag
from geo.cli._types import path, positive_int

T = TypeVar("T")

DEFAULT_BATCH = 200


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "ingest", help="parse articles and store their mentions",
        description="Parse articles (files, directories, - for stdin) and store them with their "
                    "mentions. Idempotent: unchanged articles are skipped, changed ones replaced.")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="article files or directories (or GeoParquet of geo parse --engine dask)")
    add_fetch_flag(p)
    p.add_argument("--db", default=default_db(), metavar="FILE", type=path,
                   help="store file (default: $GEO_DB or geo.db)")
    p.add_argument("--batch", type=positive_int, default=DEFAULT_BATCH, metavar="N",
                   help=f"articles per transaction (default {DEFAULT_BATCH})")
    p.add_argument("--parsed", action="store_true",
                   help="inputs are JSON lines of parsed articles (geo parse --json); no parsing")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=run)


def default_db() -> str:
    """The store file used when --db is not given."""
    return os.environ.get("GEO_DB") or "geo.db"


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from geo.cli._common import ProblemCounter
    from geo.store import AddResult, Store

    problems = ProblemCounter()
    store = Store(args.db)
    total = AddResult()
    started = time.perf_counter()
    bar = tqdm(unit=" articles", desc="ingest", file=sys.stderr, dynamic_ncols=True,
               disable=not sys.stderr.isatty())
    try:
        with store:
            for result in _ingest(store, args, problems):
                total = total + result
                bar.update(result.added + result.replaced + result.unchanged)
                bar.set_postfix(added=total.added, replaced=total.replaced,
                                unchanged=total.unchanged, refresh=False)
    finally:
        bar.close()
    elapsed = time.perf_counter() - started
    seen = total.added + total.replaced + total.unchanged
    if seen == 0:
        problems.exit_code(0)  # raises: an empty, binary or all-bad input stores nothing
    summary = {"db": str(args.db), "articles": seen, "added": total.added,
               "replaced": total.replaced, "unchanged": total.unchanged,
               "mentions_written": total.mentions, "seconds": round(elapsed, 3),
               "articles_per_s": round(seen / elapsed, 1) if elapsed > 0 else None}
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"{args.db}: {seen} articles ({total.added} added, {total.replaced} replaced, "
              f"{total.unchanged} unchanged), {total.mentions} mentions written, "
              f"{summary['articles_per_s']} articles/s", file=sys.stderr)
    return problems.exit_code(seen)


def _ingest(store: Any, args: argparse.Namespace, problems: Any) -> Iterator[Any]:
    """One AddResult per committed batch."""
    if args.parsed:
        from geo.store.parsed_io import read_parsed

        for batch in batched(read_parsed(args.paths, on_problem=problems), args.batch):
            yield store.add(batch)
        return

    from geo.scale.parquet import is_parsed_dir, read_parsed_dir
    from geo.store import AddResult
    from geo.text.read import read_articles

    done = [p for p in args.paths if is_parsed_dir(p)]
    for out_dir in done:  # GeoParquet of `geo parse --engine dask`: already parsed
        for batch in batched(read_parsed_dir(out_dir), args.batch):
            yield store.add(batch)
    paths = [p for p in args.paths if p not in done]
    if not paths:
        return
    gazetteer = None
    articles = read_articles(paths, stdin=sys.stdin, on_problem=problems, fetch=args.fetch)
    for batch in batched(articles, args.batch):
        done = store.unchanged(batch)
        todo = [a for a in batch if a.id not in done]
        result = AddResult(unchanged=len(batch) - len(todo))
        if todo:
            from geo.pipeline import default_gazetteer, parse_articles

            if gazetteer is None:  # opened only when there is something to parse
                gazetteer = default_gazetteer()
            result = result + store.add(parse_articles(todo, gazetteer=gazetteer,
                                                       on_problem=problems))
        yield result


def batched(items: Iterable[T], n: int) -> Iterator[list[T]]:
    """Lists of up to ``n`` items."""
    it = iter(items)
    while batch := list(islice(it, n)):
        yield batch

