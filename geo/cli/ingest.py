"""``geo ingest PATH...``: read, parse and store articles and their events, one transaction
per batch.

Re-running after a kill resumes: articles already committed with the same content are skipped
before parsing, and a batch is either fully stored or not at all. Events (``geo.events``) are
extracted from each batch's articles the store holds without events (new, changed, or left
without them by an earlier run) and stored right after it, in a second transaction; the
store records which articles have their events, so an article whose extraction failed, or a
kill between the two transactions, is made up by the next run. One article whose events fail
is reported (``FILE:LINE: article ID: ERROR; skipped``) and counts as skipped in the exit code
(1); ``--no-events`` skips events.
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

from geo.cli._common import add_fetch_flag, counted
from geo.cli._types import path, positive_int

T = TypeVar("T")

DEFAULT_BATCH = 200


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "ingest", help="parse articles and store their mentions and events",
        description="Parse articles (files, directories, - for stdin) and store them with their "
                    "mentions and the events they report. Idempotent: unchanged articles are "
                    "skipped, changed ones replaced.")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="article files or directories (or GeoParquet of geo parse --engine dask)")
    add_fetch_flag(p)
    p.add_argument("--db", default=default_db(), metavar="FILE", type=path,
                   help="store file (default: $GEO_DB or geo.db)")
    p.add_argument("--batch", type=positive_int, default=DEFAULT_BATCH, metavar="N",
                   help=f"articles per transaction (default {DEFAULT_BATCH})")
    p.add_argument("--parsed", action="store_true",
                   help="inputs are JSON lines of parsed articles (geo parse --json); no parsing")
    p.add_argument("--no-events", action="store_true",
                   help="do not extract events (by default they are stored with the articles)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=run)


def default_db() -> str:
    """The store file used when --db is not given."""
    return os.environ.get("GEO_DB") or "geo.db"


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from geo.cli._common import ProblemCounter
    from geo.cli._store_on_use import store_on_use
    from geo.store import AddResult

    problems = ProblemCounter()
    total = AddResult()
    events = _EventCounter(enabled=not args.no_events)
    args.repeats = _Repeats()
    started = time.perf_counter()
    bar = tqdm(unit=" articles", desc="ingest", file=sys.stderr, dynamic_ncols=True,
               disable=not sys.stderr.isatty())
    try:
        with store_on_use(args.db) as store:  # no file left behind by a refused input
            for result in _ingest(store, args, events, problems):
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
               "mentions_written": total.mentions,
               "events_new": events.new if events.enabled else None,
               "real_events": len(events.groups) if events.enabled else None,
               "repeated_ids": args.repeats.count,
               "seconds": round(elapsed, 3),
               "articles_per_s": round(seen / elapsed, 1) if elapsed > 0 else None}
    if args.json:
        print(json.dumps(summary))
    else:
        told = (f"{counted(events.new, 'new event report')} "
                f"({counted(len(events.groups), 'real event')}), ") if events.enabled else ""
        if args.repeats.count:
            told += f"{args.repeats.count} repeated article id(s) (the later kept), "

        print(f"{args.db}: {counted(seen, 'article')} ({total.added} added, "
              f"{total.replaced} replaced, "
              f"{total.unchanged} unchanged), {counted(total.mentions, 'mention')} written, {told}"
              f"{summary['articles_per_s']} articles/s", file=sys.stderr)
    return problems.exit_code(seen)


class _EventCounter:
    """Extracts and stores the events of each stored batch, and counts the new reports (each
    article's own extraction) and the real events they tell of (several articles' reports of
    one event are one, :mod:`geo.events.corroborate`)."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.new = 0
        self.groups: set[str] = set()
        self._names: Any = None

    def store(self, store: Any, parsed: list[Any], gazetteer: Any = None,
              problems: Any = None) -> None:
        """Extract and store the events of the parsed articles the store holds without
        them (new, replaced, or left without events by an earlier run): an article whose
        extraction or storing fails is reported and stays unextracted, so the next run
        tries it again."""
        if not self.enabled or not parsed:
            return
        from geo.events.per_article import extract_by_article

        latest = {pa.article.id: pa for pa in parsed}  # a repeated id: the stored version
        pending = store.unextracted(list(latest))
        todo = [pa for aid, pa in latest.items() if aid in pending]
        if not todo:
            return
        if gazetteer is None and self._names is None:
            from geo.cli.queries import open_gazetteer

            self._names = open_gazetteer() or False  # country names; codes without one
        gazetteer = gazetteer or self._names or None
        found = list(extract_by_article(todo, gazetteer=gazetteer, on_problem=problems))
        self.new += store.add_extraction(found, on_problem=problems)
        self.groups |= store.event_groups(e.id for _, events in found for e in events)


def _stored(store: Any, batch: list[Any], events: _EventCounter, gazetteer: Any = None,
            problems: Any = None) -> Any:
    """Store a batch of parsed articles, then the events of those stored without them."""
    result = store.add(batch)
    events.store(store, batch, gazetteer, problems)
    return result


def _ingest(store: Any, args: argparse.Namespace, events: _EventCounter,
            problems: Any) -> Iterator[Any]:
    """One AddResult per committed batch."""
    if args.parsed:
        from geo.store.parsed_io import read_parsed

        for batch in batched(args.repeats.watch(read_parsed(args.paths, on_problem=problems),
                                                lambda pa: pa.article), args.batch):
            yield _stored(store, batch, events, problems=problems)
        return

    from geo.scale.parquet import is_parsed_dir, read_parsed_dir
    from geo.store import AddResult
    from geo.text.read import read_articles

    done = [p for p in args.paths if is_parsed_dir(p)]
    for out_dir in done:  # GeoParquet of `geo parse --engine dask`: already parsed
        for batch in batched(read_parsed_dir(out_dir), args.batch):
            yield _stored(store, batch, events, problems=problems)
    paths = [p for p in args.paths if p not in done]
    if not paths:
        return
    gazetteer = None
    articles = args.repeats.watch(
        read_articles(paths, stdin=sys.stdin, on_problem=problems, fetch=args.fetch))
    for batch in batched(articles, args.batch):
        done = store.unchanged(batch)
        # unchanged articles stored without their events are parsed again for them
        pending = store.unextracted(done) if events.enabled and done else set()
        todo = [a for a in batch if a.id not in done or a.id in pending]
        result = AddResult(unchanged=sum(a.id in done for a in batch))
        if todo:
            from geo.pipeline import default_gazetteer, parse_articles

            if gazetteer is None:  # opened only when there is something to parse
                gazetteer = default_gazetteer()
            parsed = list(parse_articles(todo, gazetteer=gazetteer, on_problem=problems))
            result = result + store.add([pa for pa in parsed if pa.article.id not in done])
            events.store(store, parsed, gazetteer, problems)
        yield result


class _Repeats:
    """Article ids seen twice in one ingest: the later record replaces the earlier in the
    store, so each repeat is said (one warning line naming both places) and counted."""

    def __init__(self) -> None:
        self.count = 0
        self._seen: dict[str, str] = {}

    def watch(self, items: Iterable[T], article: Any = lambda a: a) -> Iterator[T]:
        from geo.cli._common import terminal_text

        for item in items:
            a = article(item)
            where = str(a.origin) if getattr(a, "origin", None) else "input"
            first = self._seen.get(a.id)
            if first is not None:
                self.count += 1
                print(terminal_text(f"geo: warning: {where}: article id {a.id!r} repeats the "
                                    f"one at {first}; the later record replaces it"),
                      file=sys.stderr)
            self._seen[a.id] = where
            yield item


def batched(items: Iterable[T], n: int) -> Iterator[list[T]]:
    """Lists of up to ``n`` items."""
    it = iter(items)
    while batch := list(islice(it, n)):
        yield batch

