"""``geo parse``: articles in, resolved mentions out (JSONL, GeoJSON or CSV).

``--engine dask`` runs the same stages over partitions of the input on a Dask cluster and
writes partitioned GeoParquet to the ``-o`` directory (:mod:`geo.scale.engine`).
"""

from __future__ import annotations

import argparse
import sys

from geo.cli._common import add_fetch_flag, add_force
from geo.cli._types import positive_int


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("parse", help="find and resolve the places articles name",
                       description="Read articles (txt, md, html, jsonl, csv, RSS/Atom feeds, "
                                   "dirs, globs, - for stdin; URLs with --fetch) and write "
                                   "their resolved place mentions.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    add_fetch_flag(p)
    p.add_argument("--format", choices=("jsonl", "geojson", "csv"), default=None,
                   help="output format of the local engine (default jsonl)")
    p.add_argument("-o", "--output", metavar="OUT",  # a file or (dask) a directory: run checks
                   help="output file (default: stdout); with --engine dask, a directory")
    add_force(p, "file (with --engine dask: a non-empty output directory)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local: this process (default); dask: partitions on a Dask cluster, "
                        "GeoParquet out (also reads .parquet inputs; needs geo[scale])")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler, e.g. tcp://host:8786 (default: start a local cluster)")
    p.add_argument("--workers", type=positive_int, metavar="N",
                   help="local cluster size (default: one per core); with --scheduler, "
                        "wait for N workers")
    p.add_argument("--partition-size", type=positive_int, default=None, metavar="N",
                   help="articles (lines, rows or files) per partition (default 500)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo.errors import InputError

    if args.engine == "dask":
        from geo.text.fetch import is_url, refusal

        if args.fetch:
            raise InputError("--fetch works with the local engine only; download first")
        urls = [p for p in args.paths if is_url(p)]
        if urls:
            raise InputError(refusal(urls[0]))
        return _run_dask(args)
    for flag in ("scheduler", "workers", "partition_size"):
        if getattr(args, flag) is not None:
            raise InputError(f"--{flag.replace('_', '-')} needs --engine dask")
    from geo._files import check_output, writing_text
    from geo.cli._common import ProblemCounter, progress
    from geo.pipeline import default_gazetteer, parse_articles
    from geo.text.read import read_articles
    from geo.text.write import dump_parsed

    fmt = output_format(args.output, args.format)
    if args.output not in (None, "-"):
        check_output(args.output, overwrite=args.force)  # before any parsing
    problems = ProblemCounter()
    gazetteer = default_gazetteer()
    articles = read_articles(args.paths, stdin=sys.stdin, on_problem=problems,
                             fetch=args.fetch)
    parsed = parse_articles(progress(articles, desc="parsing"), gazetteer=gazetteer,
                            on_problem=problems)
    with writing_text(args.output, overwrite=args.force, newline="") as out:
        count = dump_parsed(parsed, out, fmt=fmt)
        if count == 0:  # raised inside: no empty output file is left behind
            return problems.exit_code(0)
    return problems.exit_code(count)


#: what ``-o FILE``'s suffix means for the local engine's three formats
_SUFFIX_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".geojson": "geojson",
                   ".json": "geojson", ".csv": "csv"}  # .json as `geo export` reads it


def output_format(output: str | None, fmt: str | None) -> str:
    """The format named, else the one ``-o``'s suffix implies (as ``geo export``), else
    JSON Lines; a suffix of another format (``.parquet``, or ``.csv`` with ``--format
    geojson``) is refused rather than written under a misleading name."""
    from pathlib import PurePath

    from geo.errors import InputError

    suffix = PurePath(output).suffix.lower() if output not in (None, "-") else ""
    implied = _SUFFIX_FORMATS.get(suffix)
    if implied is None and suffix in (".parquet", ".gpkg", ".kml", ".fgb", ".shp"):
        raise InputError(f"geo parse writes jsonl, geojson or csv, not {suffix} ({output}); "
                         "`geo ingest` then `geo export -o FILE` writes the other formats")
    if fmt is not None and implied is not None and fmt != implied:
        raise InputError(f"--format {fmt} does not match {output}'s suffix {suffix}")
    return fmt or implied or "jsonl"


def _run_dask(args: argparse.Namespace) -> int:
    from geo.cli._common import ProblemCounter
    from geo.errors import InputError
    from geo.scale.engine import DEFAULT_PARTITION_SIZE, max_local_workers, run_dask

    if not args.output or args.output == "-":
        raise InputError("--engine dask writes GeoParquet: give an output directory with -o")
    if args.format is not None:
        raise InputError("--format applies to --engine local; --engine dask writes GeoParquet")
    workers = args.workers
    if workers is not None and args.scheduler is None and workers > max_local_workers():
        workers = max_local_workers()
        print(f"geo: note: --workers {args.workers} is more than this machine can run "
              f"({_machine()}); using {workers}", file=sys.stderr)
    _quiet_dask()
    problems = ProblemCounter()
    with _bar() as tick:
        s = run_dask(args.paths, args.output, scheduler=args.scheduler, workers=workers,
                     partition_size=args.partition_size or DEFAULT_PARTITION_SIZE,
                     on_problem=problems, on_progress=tick, overwrite=args.force)
    if s.articles == 0:
        problems.exit_code(0)  # raises: nothing could be read
    peak = max(s.peak_rss.values(), default=0) / 2**20
    from geo.cli._common import counted

    print(f"geo: wrote {s.out_dir}: {counted(s.articles, 'article')}, "
          f"{counted(s.mentions, 'mention')} in {counted(s.partitions, 'partition')} on "
          f"{counted(s.workers, 'worker')}, {s.seconds:.1f} s "
          f"({s.articles_per_s:.0f} articles/s, peak worker memory {peak:.0f} MB)",
          file=sys.stderr)
    return problems.exit_code(s.articles)


def _machine() -> str:
    from geo.scale.engine import machine_limits

    cores, memory = machine_limits()
    return f"{cores} core(s), {memory / 2**30:.1f} GB available"


def _quiet_dask() -> None:
    """Dask logs every worker start at INFO: show its warnings only, unless -vv asked for more."""
    import logging

    try:
        import distributed  # noqa: F401 - its import sets its loggers to INFO: set them after
    except ImportError:
        return  # run_dask says which extra is missing
    level = max(logging.getLogger().getEffectiveLevel(), logging.WARNING)
    for name in ("distributed", "dask"):
        logging.getLogger(name).setLevel(level)


class _bar:
    """A progress bar on a terminal, or a no-op; yields its ``update``."""

    def __enter__(self):
        from tqdm import tqdm

        self.bar = tqdm(unit=" articles", desc="parsing", file=sys.stderr,
                        disable=not sys.stderr.isatty())
        return self.bar.update

    def __exit__(self, *exc: object) -> None:
        self.bar.close()

