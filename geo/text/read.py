"""Read articles from text, Markdown, HTML, JSON Lines, CSV and RSS/Atom files, directories,
globs and stdin (a feed gives one article per entry; ``.xml`` files and stdin are sniffed).

Every reader yields :class:`geo.model.Article` records whose ``text`` is what later stages
parse (mention offsets are Python string indices into it). Inputs that cannot be read
(binary or empty files, bad JSON lines, CSV files without a text column, unparseable dates)
are reported as :class:`Problem` records through ``on_problem`` and skipped; only a path
that does not exist raises (:class:`geo.errors.InputFileError`, before anything is read).

Example::

    for article in read_articles(["seeds/", "more/*.jsonl", "-"], on_problem=print):
        ...
"""

from __future__ import annotations

import csv
import glob
import hashlib
import io
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date as _date
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import IO, Any

from geo.errors import InputError, InputFileError, InputTypeError
from geo.model import Article, Origin

__all__ = [
    "FORMATS",
    "Problem",
    "article_from_text",
    "content_id",
    "log_problem",
    "normalise_date",
    "read_articles",
]

log = logging.getLogger(__name__)

#: file extension -> format name (directories are scanned for these only)
FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".rss": "feed",
    ".atom": "feed",
}

#: record fields that become Article fields; the text may also be called body or content
_TEXT_FIELDS = ("text", "body", "content")
_META_FIELDS = ("title", "date", "url", "source", "lang")
_KNOWN_FIELDS = frozenset(("id", *_TEXT_FIELDS, *_META_FIELDS))
_GLOB_CHARS = re.compile(r"[*?\[]")
_HEAD = 64 * 1024


@dataclass(frozen=True)
class Problem:
    """An input, or a part of one, that was reported and skipped (or a note about it)."""

    path: str
    line: int | None
    message: str
    severity: str = "error"  # "error": something was skipped; "note": read, but worth saying

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        prefix = "note: " if self.severity == "note" else ""
        return f"{where}: {prefix}{self.message}"


ProblemHandler = Callable[[Problem], None]


def content_id(text: str) -> str:
    """A stable id for *text*: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; everything else is kept as is."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


_DATE_FORMATS = (
    "%Y/%m/%d", "%Y.%m.%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y",
    "%b %d %Y", "%d.%m.%Y", "%Y%m%d",
)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")


def normalise_date(value: Any) -> str | None:
    """An ISO ``YYYY-MM-DD`` date from an ISO or RFC 2822 date string, else ``None``.

    Datetimes keep the calendar date as written (no conversion to UTC).
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, _date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    m = _ISO_DATE.match(text)
    if m:
        try:
            return _date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return _slavic_date(text)


# Ukrainian and Russian month names in the genitive, as dates are written ("12 березня 2025")
_SLAVIC_MONTHS = {
    name: n
    for names in (
        ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
         "вересня", "жовтня", "листопада", "грудня"),
        ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
         "сентября", "октября", "ноября", "декабря"),
    )
    for n, name in enumerate(names, start=1)
}
_SLAVIC_DATE = re.compile(r"^(\d{1,2})\s+(\w+)\s+(\d{4})(?:\s|,|\b|$)")


def _slavic_date(text: str) -> str | None:
    """``12 березня 2025`` / ``12 марта 2025 г., 10:00`` -> ``2025-03-12``, else None."""
    m = _SLAVIC_DATE.match(text)
    month = _SLAVIC_MONTHS.get(m[2].casefold()) if m else None
    if month is None:
        return None
    try:
        return _date(int(m[3]), month, int(m[1])).isoformat()
    except ValueError:
        return None


def article_from_text(text: str, *, id: str | None = None, origin: Origin | None = None,
                      **meta: Any) -> Article:
    """An :class:`Article` from a string: newlines normalised, id given or a content hash.

    *meta* may hold ``title``, ``date`` (normalised to ISO, ``None`` if unparseable), ``url``,
    ``source`` and ``lang``; *origin* says where the text was read.
    """
    unknown = set(meta) - set(_META_FIELDS)
    if unknown:
        raise InputTypeError("article_from_text() got unexpected fields: "
                             f"{', '.join(sorted(unknown))}")
    text = _clean_text(text)
    fields = {k: _clean_meta(v) for k, v in meta.items()}
    if "date" in fields:
        fields["date"] = normalise_date(fields["date"])
    return Article(id=str(id) if id not in (None, "") else content_id(text), text=text,
                   origin=origin, **fields)


def read_articles(
    sources: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    stdin: IO[Any] | None = None,
    on_problem: ProblemHandler | None = None,
    fetch: bool = False,
) -> Iterator[Article]:
    """Articles from files, directories (recursive, sorted), globs and ``-`` (stdin).

    The format follows the extension (``.txt``, ``.md``, ``.html``/``.htm``, ``.jsonl``/
    ``.ndjson``, ``.csv``/``.tsv``); other files and stdin are sniffed. Problems are passed to
    *on_problem* (default: logged as warnings) and the input skipped. Raises
    :class:`InputFileError` at once for a path or glob that matches nothing, and
    :class:`InputError` for a URL unless ``fetch`` is set (then it is downloaded, see
    :mod:`geo.text.fetch`; a failed download is a problem like an unreadable file).
    """
    if isinstance(sources, str | os.PathLike):
        sources = [sources]
    elif isinstance(sources, bytes) or not isinstance(sources, Iterable):
        raise InputTypeError("read_articles() wants a path or a list of paths, not "
                             f"{type(sources).__name__}")
    report = on_problem or log_problem
    plan = [item for source in sources for item in _expand(source, fetch=fetch)]  # raises now
    return _read_all(plan, stdin=stdin, report=report)


# --- planning -----------------------------------------------------------------------------


def _expand(source: str | os.PathLike[str], *, fetch: bool = False
            ) -> list[tuple[str, Path | str | None]]:
    """(format or "", path) pairs for one source; path None means stdin, a str a URL."""
    if not isinstance(source, str | os.PathLike):
        raise InputTypeError("read_articles() wants paths (str or Path), not "
                             f"{type(source).__name__}")
    name = os.fspath(source)
    if name == "-":
        return [("", None)]
    from geo.text.fetch import is_url, refusal

    if is_url(name) and not Path(name).exists():
        if fetch:
            return [("url", name)]
        raise InputError(refusal(name))
    path = Path(name).expanduser()
    if path.is_dir():
        # a directory's README describes its articles; it is not one of them
        files = sorted(
            (p for p in path.rglob("*") if p.suffix.lower() in FORMATS and p.is_file()
             and not p.name.upper().startswith("README.") and not _saved_page_part(p, path)),
            key=lambda p: p.as_posix(),
        )
        return [(FORMATS[p.suffix.lower()], p) for p in files]
    if path.exists():
        if not path.is_file():
            raise InputFileError(f"not a regular file: {name}")
        return [(FORMATS.get(path.suffix.lower(), ""), path)]
    if _GLOB_CHARS.search(name):
        matches = sorted(glob.glob(os.path.expanduser(name), recursive=True))
        files = [Path(m) for m in matches if Path(m).is_file()]
        if not files:
            raise InputFileError(f"no files match {name!r}")
        return [(FORMATS.get(p.suffix.lower(), ""), p) for p in files]
    raise InputFileError(f"no such file or directory: {name}")


def _saved_page_part(path: Path, root: Path) -> bool:
    """Whether ``path`` sits in the ``NAME_files/`` folder a browser saves beside ``NAME.html``
    (frames, ads and widgets of the page, not articles)."""
    for folder in path.relative_to(root).parents:
        if folder.name.endswith("_files"):
            stem = folder.name[: -len("_files")]
            base = root / folder.parent
            if any((base / f"{stem}{ext}").is_file() for ext in (".html", ".htm", ".xhtml")):
                return True
    return False


def _read_all(
    plan: list[tuple[str, Path | str | None]], *, stdin: IO[Any] | None,
    report: ProblemHandler
) -> Iterator[Article]:
    for fmt, path in plan:
        if path is None:
            yield from _read_stdin(stdin, report)
            continue
        if isinstance(path, str):
            yield from _read_url(path, report)
            continue
        try:
            yield from _read_file(path, fmt, report)
        except OSError as exc:
            report(Problem(str(path), None, f"cannot read: {exc.strerror or exc}"))
        except Exception as exc:  # one unreadable file must not stop the batch
            report(Problem(str(path), None, f"cannot read: {type(exc).__name__}: "
                                            f"{_one_line(str(exc))}; skipped"))


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text[:limit] + ("..." if len(text) > limit else "")


def log_problem(problem: Problem) -> None:
    """The default problem handler: a logged warning (a note at INFO level)."""
    if problem.severity == "note":
        log.info("%s", problem)
    else:
        log.warning("%s", problem)


# --- files --------------------------------------------------------------------------------


def _read_url(url: str, report: ProblemHandler) -> Iterator[Article]:
    """The articles of a fetched page or feed; a page without its own address gets the URL."""
    import dataclasses

    from geo.errors import OnlineError
    from geo.text import fetch

    try:
        answer = fetch.fetch(url)
    except OnlineError as exc:
        report(Problem(url, None, str(exc)))
        return
    fmt = fetch.format_of(answer)
    for article in _read_stream(io.BytesIO(answer.data), fmt, url, None, "", report):
        yield article if article.url else dataclasses.replace(article, url=answer.url)


def _read_file(path: Path, fmt: str, report: ProblemHandler) -> Iterator[Article]:
    with open(path, "rb") as raw:
        yield from _read_stream(raw, fmt, str(path), path.stem, path.suffix.lower(), report)


def _read_stream(raw: IO[bytes], fmt: str, name: str, stem: str | None, suffix: str,
                 report: ProblemHandler) -> Iterator[Article]:
    """The articles of one file's bytes (``fmt`` "" means sniff them)."""
    head = raw.read(_HEAD)
    if not head.strip():
        report(Problem(name, None, "empty file"))
        return
    from geo.text._decode import refusal, sniff_encoding

    encoding = sniff_encoding(head)
    if encoding is None:
        report(Problem(name, None, f"not a text file ({refusal(head)}); skipped"))
        return
    if not fmt:
        fmt = _sniff_format(head.decode(encoding, "replace"))
    raw.seek(0)
    if fmt == "feed":
        yield from _read_feed(raw.read(), name, report)
        return
    if fmt in ("jsonl", "csv"):
        stream = io.TextIOWrapper(raw, encoding=_streaming(encoding), errors="replace",
                                  newline="" if fmt == "csv" else None)
        if fmt == "jsonl":
            yield from _read_jsonl(stream, name, report)
        else:
            delimiter = "\t" if suffix == ".tsv" else None
            yield from _read_csv(stream, name, report, delimiter=delimiter)
        return
    data = raw.read()
    from geo.text._decode import decode

    text = decode(data)
    if text is None:
        from geo.text._decode import refusal

        report(Problem(name, None, f"not a text file ({refusal(data)}); skipped"))
        return
    article = _document(text, fmt, stem, name, report)
    if article is not None:
        yield article


def _streaming(encoding: str) -> str:
    # "utf-8-sig" drops a BOM at the start; "utf-16"/"utf-32" read theirs
    return "utf-8-sig" if encoding in ("utf-8", "utf_8") else encoding


def _sniff_format(head: str) -> str:
    from geo.text._feed import looks_like_feed

    start = head.lstrip("\ufeff \t\r\n")
    if start.startswith("{"):
        return "jsonl"
    if start.startswith("<") and looks_like_feed(start):
        return "feed"
    lowered = start[:1000].lower()
    if lowered.startswith(("<!doctype html", "<html", "<?xml")) or re.search(
        r"<(?:body|p|div|article|head)[\s>]", lowered
    ):
        return "html"
    return "text"


def _document(text: str, fmt: str, stem: str | None, name: str,
              report: ProblemHandler) -> Article | None:
    """One article from a whole document's decoded text."""
    text = normalise_newlines(text)
    meta: dict[str, Any] = {}
    if fmt == "html":
        from geo.text._html import extract

        page = extract(text)
        text = page.text
        meta = {"title": page.title, "date": page.date, "url": page.url,
                "source": page.source, "lang": page.lang}
    elif fmt == "markdown":
        from geo.text._markdown import to_text

        doc = to_text(text)
        text = doc.text
        meta = {"title": doc.title, "date": doc.meta.get("date"), "url": doc.meta.get("url"),
                "source": doc.meta.get("source"), "lang": doc.meta.get("lang")}
    if not text.strip():
        report(Problem(name, None, "no text to read" if fmt in ("html", "markdown")
                       else "empty file"))
        return None
    return _make(text, stem, meta, name, None, report)


def _read_feed(data: bytes, name: str, report: ProblemHandler) -> Iterator[Article]:
    """One article per feed entry, with its title, date as written, link and feed title."""
    from geo.text._feed import entries

    found, problem = entries(data)
    if problem:
        report(Problem(name, None, problem))
        return
    if not found:
        report(Problem(name, None, "feed with no entries", severity="note"))
    for n, entry in enumerate(found, start=1):
        if not entry.text.strip():
            report(Problem(name, n, "feed entry without text, skipped"))
            continue
        meta = {"title": entry.title, "date": entry.date, "url": entry.url,
                "source": entry.source, "lang": entry.lang}
        yield _make(entry.text, entry.id, meta, name, n, report)


def _make(text: str, id_: Any, meta: dict[str, Any], name: str, line: int | None,
          report: ProblemHandler) -> Article:
    meta = {k: _clean_meta(v) for k, v in meta.items() if k in _META_FIELDS}
    raw_date = meta.get("date")
    if raw_date is not None:
        meta["date"] = normalise_date(raw_date)
        if meta["date"] is None:
            report(Problem(name, line, f"unparseable date {str(raw_date)[:40]!r}, left empty",
                           severity="note"))
    text = _clean_text(text)
    id_ = "" if id_ is None else str(id_).strip()
    return Article(id=id_ or content_id(text), text=text, origin=Origin(name, line), **meta)


#: a UTF-16 surrogate on its own: JSON's "\ud800" escape decodes to one, and no UTF-8 writer
#: (the store, JSONL, a map) can write it
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean_text(text: str) -> str:
    """Newlines normalised, a leading byte-order mark dropped, and lone surrogates replaced by
    U+FFFD (one character for one, so offsets into the text stay right)."""
    text = _LONE_SURROGATE.sub("\ufffd", normalise_newlines(text))
    return text[1:] if text.startswith("\ufeff") else text


def _clean_meta(value: Any) -> str | None:
    if value is None:
        return None
    value = _LONE_SURROGATE.sub("\ufffd", str(value)).strip()
    return value or None


# --- records: JSON Lines and CSV ------------------------------------------------------------


def _record(fields: dict[str, Any], name: str, line: int, report: ProblemHandler,
            noted: set[str]) -> Article | None:
    """An article from one JSONL object or CSV row (keys already lower-cased)."""
    unknown = set(fields) - _KNOWN_FIELDS - noted
    if unknown:
        noted.update(unknown)
        report(Problem(name, line, f"ignoring unknown field(s): {', '.join(sorted(unknown))}",
                       severity="note"))
    who = _who(fields.get("id"))
    text = next((fields[k] for k in _TEXT_FIELDS if fields.get(k) not in (None, "")), None)
    if text is None:
        has = ", ".join(sorted(fields)) or "none"
        report(Problem(name, line, f"{who}no text (expected a 'text', 'body' or 'content' "
                                   f"field; has: {has}); skipped"))
        return None
    if not isinstance(text, str):
        report(Problem(name, line, f"{who}'text' is {json_kind(text)}, not a string; "
                                   "skipped"))
        return None
    if not text.strip():
        report(Problem(name, line, f"{who}empty text; skipped"))
        return None
    return _make(text, fields.get("id"), fields, name, line, report)


def _who(record_id: Any) -> str:
    """"article ID: " for a record that names its id (as the batch rule's lines begin), ""
    for one that does not."""
    if record_id is None or isinstance(record_id, dict | list):
        return ""
    shown = str(record_id).strip()
    return f"article {_one_line(shown)[:80]}: " if shown else ""


def json_kind(value: Any) -> str:
    """What a JSON value is, in JSON's words ("a number", "an array"), not Python's."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__}"


def _guarded_record(fields: dict[str, Any], name: str, line: int, report: ProblemHandler,
                    noted: set[str]) -> Article | None:
    """:func:`_record`, with whatever it raises reported as that line's problem."""
    try:
        return _record(fields, name, line, report, noted)
    except Exception as exc:  # one record must not stop the file
        report(Problem(name, line, f"{_who(fields.get('id'))}unreadable record: "
                                   f"{type(exc).__name__}: {_one_line(str(exc))}; skipped"))
        return None


def _read_jsonl(stream: IO[str], name: str, report: ProblemHandler, *,
                first_line: int = 1) -> Iterator[Article]:
    """One article per line; a bad line is reported with its number and skipped.

    ``first_line`` numbers the stream's first line (a slice of a file, read by a Dask task).
    """
    noted: set[str] = set()
    for number, line in enumerate(stream, start=first_line):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            report(Problem(name, number, f"invalid JSON ({exc.msg} at column {exc.colno}); "
                                         "skipped"))
            continue
        except RecursionError:
            report(Problem(name, number, "invalid JSON (nested too deeply); skipped"))
            continue
        if not isinstance(obj, dict):
            report(Problem(name, number, f"expected a JSON object, got {json_kind(obj)}; "
                                         "skipped"))
            continue
        article = _guarded_record({str(k).lower(): v for k, v in obj.items()}, name, number,
                                  report, noted)
        del obj, line
        if article is not None:
            yield article


_CSV_LIMIT_SET = False


def _read_csv(stream: IO[str], name: str, report: ProblemHandler, *,
              delimiter: str | None) -> Iterator[Article]:
    global _CSV_LIMIT_SET
    if not _CSV_LIMIT_SET:  # the default 128 KB field limit rejects long articles
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        _CSV_LIMIT_SET = True
    if delimiter is None:
        sample = stream.read(_HEAD)
        first = sample.split("\n", 1)[0]
        delimiter = max(",;\t|", key=first.count) if first else ","
        if first.count(delimiter) == 0:
            delimiter = ","
        stream = _Chain(sample, stream)
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        report(Problem(name, None, "empty file"))
        return
    except csv.Error as exc:
        report(Problem(name, 1, f"unreadable CSV header ({exc})"))
        return
    columns = [c.strip().lstrip("\ufeff").lower() for c in header]
    if not any(c in _TEXT_FIELDS for c in columns):
        has = ", ".join(c for c in columns if c) or "none"
        report(Problem(name, 1, f"no text column (expected 'text', 'body' or 'content'; "
                                f"has: {has})"))
        return
    noted: set[str] = set()
    unknown = sorted({c for c in columns if c and c not in _KNOWN_FIELDS})
    if unknown:
        noted.update(unknown)
        report(Problem(name, 1, f"ignoring unknown column(s): {', '.join(unknown)}",
                       severity="note"))
    noted.add("")
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            report(Problem(name, start, f"unreadable CSV row ({exc}); skipped"))
            start = reader.line_num + 1
            continue
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(columns):
            report(Problem(name, line, f"{len(row)} cells for {len(columns)} columns; "
                                       "extra cells ignored", severity="note"))
        fields = {c: v for c, v in zip(columns, row, strict=False) if c}
        article = _guarded_record(fields, name, line, report, noted)
        if article is not None:
            yield article


class _Chain(io.TextIOBase):
    """A text stream that first returns an already-read sample, then the rest of a stream."""

    def __init__(self, head: str, rest: IO[str]) -> None:
        self._buffer = io.StringIO(head)
        self._rest = rest
        self._head_done = False

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> str:
        return "".join(iter(self.readline, ""))

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        if not self._head_done:
            line = self._buffer.readline()
            if line.endswith("\n"):
                return line
            self._head_done = True
            return line + self._rest.readline()
        return self._rest.readline()

    def __next__(self) -> str:
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def __iter__(self) -> _Chain:
        return self


# --- stdin --------------------------------------------------------------------------------


def _read_stdin(stdin: IO[Any] | None, report: ProblemHandler) -> Iterator[Article]:
    """JSON Lines if the input starts with ``{``, HTML if it looks like HTML, else one text."""
    stream = stdin if stdin is not None else sys.stdin
    binary = getattr(stream, "buffer", None)
    source = binary if binary is not None else stream
    head = source.read(_HEAD)
    if isinstance(head, str):
        text_stream: IO[str] = _Chain(head, source)
        head_text = head
    else:
        from geo.text._decode import refusal, sniff_encoding

        encoding = sniff_encoding(head) if head.strip() else "utf-8"
        if encoding is None:
            report(Problem("<stdin>", None, f"not text ({refusal(head)}); skipped"))
            return
        joined = io.BufferedReader(_Prefixed(head, source))
        text_stream = io.TextIOWrapper(joined, encoding=_streaming(encoding), errors="replace")
        head_text = head.decode(encoding, "replace")
    if not head_text.strip():
        report(Problem("<stdin>", None, "empty input"))
        return
    fmt = _sniff_format(head_text)
    if fmt == "jsonl":
        yield from _read_jsonl(text_stream, "<stdin>", report)
        return
    if fmt == "feed":
        yield from _read_feed(text_stream.read().encode("utf-8"), "<stdin>", report)
        return
    article = _document(text_stream.read(), fmt, None, "<stdin>", report)
    if article is not None:
        yield article


class _Prefixed(io.RawIOBase):
    """A byte stream that first returns bytes already read, then the rest of a stream."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        return n
