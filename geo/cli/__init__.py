# PYTHON_ARGCOMPLETE_OK  (argcomplete looks for this marker in the entry point's module)
"""The ``geo`` command: a thin edge over the library.

Each subcommand lives in its own module under ``geo.cli`` and exposes
``register(subparsers) -> None``, which adds its parser and sets ``func`` (taking the parsed
namespace, returning an exit code). This module is the only place that configures logging and
turns errors into one-line messages: every failure is one ``geo: error: ...`` line on stderr
(exit 2 for bad input, 1 for "nothing found" or "done with records skipped", 3 for an
internal error, a bug in geo, 130 when interrupted).

Shell completion comes from argcomplete: ``eval "$(register-python-argcomplete geo)"``.
"""

from __future__ import annotations

import argparse
import difflib
import errno
import importlib
import logging
import os
import re
import sys

from geo.errors import GeoError

#: the exit code of an unexpected exception (a bug in geo), apart from 1 ("no such place",
#: "done with records skipped") and 2 (bad input)
INTERNAL_ERROR = 3

#: Subcommand modules, in the order ``geo --help`` lists them.
SUBCOMMANDS = (
    "lookup",
    "gazetteer",
    "parse",
    "eval",
    "ingest",
    "queries",
    "export",
    "map",
    "assets",
    "events",
    "regions",
    "frontline",
)


class _Parser(argparse.ArgumentParser):
    """argparse that exits with code 2 and one ``geo: error:`` line on a usage error (its
    default prints the usage too, and names the subcommand's prog instead of ``geo``); an
    unknown subcommand or choice is answered with the closest known one."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"geo: error: {_suggest(_one_line(message))} (see `{self.prog} --help`)\n")


_INVALID_CHOICE = re.compile(r"argument (\S+): invalid choice: '(.*)' \(choose from (.*)\)$",
                             re.DOTALL)


def _suggest(message: str) -> str:
    """argparse's "invalid choice" with the closest choice: "... invalid choice: 'pars'; did
    you mean 'parse'?" (the whole list only when nothing is close)."""
    m = _INVALID_CHOICE.match(message)
    if m is None:
        return message
    what, given, listed = m.groups()
    choices = re.findall(r"'([^']*)'", listed)
    close = difflib.get_close_matches(given, choices, n=1, cutoff=0.5)
    hint = f"did you mean {close[0]!r}?" if close else f"choose from {', '.join(choices)}"
    return f"argument {what}: invalid choice: {given!r}; {hint}"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="geo",
        description="Find the places news articles name, resolve them offline, and map them.",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging")
    parser.add_argument("--version", action="version", version=f"geo {_version()}",
                        help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in SUBCOMMANDS:
        importlib.import_module(f"geo.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    parser = build_parser()
    if "_ARGCOMPLETE" in os.environ:  # the shell is asking for completions: answer and exit
        import argcomplete

        argcomplete.autocomplete(parser)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # a usage error (or --help): its code, in-process callers too
        return exc.code if isinstance(exc.code, int) else 2
    from geo.cli._types import reversed_range

    reversed_dates = reversed_range(getattr(args, "since", None), getattr(args, "until", None))
    if reversed_dates:  # every command's --since/--until, checked here once
        print(f"geo: error: {reversed_dates}", file=sys.stderr)
        return 2
    handler = logging.StreamHandler()
    handler.setFormatter(_LowerLevelFormatter())
    logging.basicConfig(level=logging.WARNING - 10 * min(args.verbose, 2), handlers=[handler])
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # a full disk behind `> file` fails here, not silently at exit
        return code
    except GeoError as exc:
        print(f"geo: error: {_one_line(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("geo: error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader of our output went away (``geo ... | head``); not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        if exc.errno not in _WRITE_ERRNOS:
            return _internal_error(exc)
        _drop_stdout()  # its unwritten buffer would fail once more at exit
        where = exc.filename or "to standard output"
        print(f"geo: error: cannot write {where}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # last line of defence: no tracebacks for users
        return _internal_error(exc)


#: errors of a write that no retry will fix: disk full, file-size limit, quota
_WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})


def _drop_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real stdout (captured in-process): nothing to drop
        pass


def _internal_error(exc: Exception) -> int:
    if os.environ.get("GEO_DEBUG"):
        raise exc
    print(f"geo: error: internal error: {type(exc).__name__}: {_one_line(exc)} "
          "(set GEO_DEBUG=1 for a traceback)", file=sys.stderr)
    return INTERNAL_ERROR


class _LowerLevelFormatter(logging.Formatter):
    """Log lines in the form of every other message: "geo: warning: ...", not "WARNING"."""

    def format(self, record: logging.LogRecord) -> str:
        return f"geo: {record.levelname.lower()}: {record.getMessage()}"


def _version() -> str:
    from geo import __version__

    return __version__


def _one_line(exc: BaseException | str) -> str:
    from geo.cli._common import terminal_text

    text = " ".join(terminal_text(exc).split())
    return text[:500] + ("..." if len(text) > 500 else "")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
