"""Small helpers shared by subcommands: progress bars, problem reporting, terminal text."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def terminal_text(text: object) -> str:
    """Untrusted text for a terminal: control characters become spaces, so no escape sequence
    from an article, a dataset or a front-line file reaches the terminal."""
    text = str(text)
    return text if text.isprintable() else _CONTROL.sub(" ", text)


def progress(items: Iterable[T], *, desc: str, unit: str = "article") -> Iterator[T]:
    """Wrap ``items`` in a progress bar on a terminal; pass them through otherwise."""
    if not sys.stderr.isatty():
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc=desc, unit=unit, file=sys.stderr, smoothing=0.1)


class ProblemCounter:
    """Collects reading problems, printing each as one line on stderr."""

    def __init__(self) -> None:
        self.errors = 0
        self.notes = 0

    def __call__(self, problem) -> None:
        if getattr(problem, "severity", "error") == "error":
            self.errors += 1
        else:
            self.notes += 1
        print(f"geo: {problem}", file=sys.stderr)


def positive_int(text: str) -> int:
    """argparse type: an integer >= 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def no_action(parser: argparse.ArgumentParser, *, full_help: bool = False) -> int:
    """A command group run without its action: usage (or the whole help) on stderr, exit 2."""
    if full_help:
        parser.print_help(sys.stderr)
    else:
        parser.print_usage(sys.stderr)
    return 2


def add_fetch_flag(p: argparse.ArgumentParser) -> None:
    """``--fetch``: the one way to let a command download URL inputs (never by default)."""
    p.add_argument("--fetch", action="store_true",
                   help="download inputs given as http(s) URLs (pages or RSS/Atom feeds); "
                        "without it a URL is an error and nothing touches the network")
