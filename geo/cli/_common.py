"""Small helpers shared by subcommands: progress bars, problem reporting, exit codes,
terminal text."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from geo.errors import InputError

T = TypeVar("T")

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def terminal_text(text: object) -> str:
    """Untrusted text for a terminal: control characters become spaces, so no escape sequence
    from an article, a dataset or a front-line file reaches the terminal."""
    text = str(text)
    return text if text.isprintable() else _CONTROL.sub(" ", text)


def counted(n: int, noun: str) -> str:
    """``n`` and its noun in the right number: "1 article", "2 articles", "0 places"."""
    return f"{n:,} {noun if n == 1 else noun + 's'}"


def progress(items: Iterable[T], *, desc: str, unit: str = "article") -> Iterator[T]:
    """Wrap ``items`` in a progress bar on a terminal; pass them through otherwise."""
    if not sys.stderr.isatty():
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc=desc, unit=unit, file=sys.stderr, smoothing=0.1)


class ProblemCounter:
    """Collects the problems of a batch, printing each as one line on stderr."""

    def __init__(self) -> None:
        self.errors = 0
        self.notes = 0

    def __call__(self, problem) -> None:
        if getattr(problem, "severity", "error") == "error":
            self.errors += 1
        else:
            self.notes += 1
        # the message may quote the record (a KeyError's key is article text): no escapes
        print(f"geo: {terminal_text(problem)}", file=sys.stderr)

    def exit_code(self, done: int, *, what: str = "article") -> int:
        """A batch's exit code: 0 all done; 1 done with records skipped (said in a summary
        line); nothing done is an :class:`InputError` (exit 2)."""
        if done == 0:
            told = f" ({self.errors} problem(s) above)" if self.errors else ""
            raise InputError(f"no {what} could be read or processed{told}")
        if self.errors:
            print(f"geo: {done} {what}(s) done, {self.errors} record(s) skipped "
                  "(each reported above)", file=sys.stderr)
            return 1
        return 0


def add_force(p: argparse.ArgumentParser, what: str = "file") -> None:
    """The ``--force`` flag of a command that writes an output ``what``."""
    p.add_argument("--force", action="store_true",
                   help=f"replace an existing output {what} (default: refuse)")


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
