"""``geo parse``: articles in, resolved mentions out (JSONL, GeoJSON or CSV)."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("parse", help="find and resolve the places articles name",
                       description="Read articles (txt, md, html, jsonl, csv, dirs, globs, - for "
                                   "stdin) and write their resolved place mentions.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=("jsonl", "geojson", "csv"), default="jsonl")
    p.add_argument("-o", "--output", metavar="OUT", help="output file (default: stdout)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo.cli._common import ProblemCounter, progress
    from geo.errors import InputError
    from geo.pipeline import default_gazetteer, parse_articles
    from geo.text.read import read_articles
    from geo.text.write import write_parsed

    problems = ProblemCounter()
    gazetteer = default_gazetteer()
    articles = read_articles(args.paths, stdin=sys.stdin, on_problem=problems)
    parsed = parse_articles(progress(articles, desc="parsing"), gazetteer=gazetteer)
    count = write_parsed(parsed, args.output, fmt=args.format)
    if count == 0:
        raise InputError("no article could be read from the input")
    return 0
