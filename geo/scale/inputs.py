"""Partitions of the input: byte ranges of JSON-lines files, row ranges of Parquet files, groups
of document files. Planned on the client (cheap: a newline count, Parquet footers), read on a
worker.

A partition is a small frozen record of paths and offsets, so shipping it to a worker costs a
few hundred bytes whatever the partition holds. Every article keeps the id the single-process
readers give it (:mod:`geo.text.read`), and a bad line is reported with its line number in the
whole file, not in the partition.
"""

from __future__ import annotations

import glob
import io
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.errors import InputError, InputFileError
from geo.model import Article, Origin
from geo.text.read import FORMATS, Problem, article_from_text

__all__ = ["PARQUET_COLUMNS", "Partition", "plan_partitions", "read_partition"]

#: columns of a Parquet input (``text`` may also be called ``body`` or ``content``)
PARQUET_COLUMNS = ("id", "text", "title", "date", "url", "source", "lang")
_TEXT_COLUMNS = ("text", "body", "content")
_META = ("title", "date", "url", "source", "lang")
_PARQUET = (".parquet", ".pq")
_GLOB_CHARS = re.compile(r"[*?\[]")
_CHUNK = 1 << 22
_BOM = b"\xef\xbb\xbf"

ProblemHandler = Callable[[Problem], None]


@dataclass(frozen=True, slots=True)
class Partition:
    """One unit of work: which inputs, and which part of them.

    ``kind`` is ``"jsonl"`` (bytes ``start:stop`` of one UTF-8 JSON-lines file whose first line
    is line ``first_line``), ``"parquet"`` (rows ``start:stop`` of one Parquet file) or
    ``"files"`` (whole files, read by :func:`geo.text.read.read_articles`).
    """

    index: int
    kind: str
    paths: tuple[str, ...]
    start: int = 0
    stop: int = 0
    first_line: int = 1


def plan_partitions(
    sources: Iterable[str | os.PathLike[str]], *, size: int = 500,
    on_problem: ProblemHandler | None = None,
) -> list[Partition]:
    """Partitions of about ``size`` articles (lines, rows or files) over ``sources``.

    Sources are files, directories (recursive, sorted, as :func:`geo.text.read.read_articles`
    scans them, plus ``.parquet`` files) and globs. Raises :class:`InputFileError` for a path
    that matches nothing and :class:`InputError` for ``-`` (workers cannot read this stdin).
    A Parquet file without a text column is reported through ``on_problem`` and skipped.
    """
    if size < 1:
        raise InputError(f"partition size must be positive, got {size}")
    report = on_problem or (lambda problem: None)
    files = [f for source in sources for f in _expand(source)]  # raises before any reading
    parts: list[tuple[str, tuple[str, ...], int, int, int]] = []
    group: list[str] = []

    def flush() -> None:
        if group:
            parts.append(("files", tuple(group), 0, 0, 1))
            group.clear()

    for path in files:
        suffix = path.suffix.lower()
        if suffix in _PARQUET:
            flush()
            parts.extend(("parquet", (str(path),), a, b, 1) for a, b in _row_ranges(path, size,
                                                                                    report))
        elif FORMATS.get(suffix) == "jsonl" and _is_utf8_text(path):
            flush()
            parts.extend(("jsonl", (str(path),), a, b, line)
                         for a, b, line in _line_ranges(path, size))
        elif FORMATS.get(suffix) == "csv":
            flush()  # a CSV row may span lines: a CSV file is one partition
            parts.append(("files", (str(path),), 0, 0, 1))
        else:
            group.append(str(path))
            if len(group) >= size:
                flush()
    flush()
    return [Partition(i, kind, paths, a, b, line)
            for i, (kind, paths, a, b, line) in enumerate(parts)]


def read_partition(part: Partition, *, on_problem: ProblemHandler) -> Iterator[Article]:
    """The articles of one partition, in input order; problems go to ``on_problem``."""
    if part.kind == "jsonl":
        return _read_jsonl_range(part, on_problem)
    if part.kind == "parquet":
        return _read_parquet_rows(part, on_problem)
    from geo.text.read import read_articles

    return read_articles(list(part.paths), on_problem=on_problem)


# --- planning -----------------------------------------------------------------------------


def _expand(source: str | os.PathLike[str]) -> list[Path]:
    name = os.fspath(source)
    if name == "-":
        raise InputError("--engine dask reads files, not stdin (workers cannot see it)")
    path = Path(name).expanduser()
    if path.is_dir():
        return sorted(
            (p.resolve() for p in path.rglob("*") if p.is_file() and _wanted(p)),
            key=lambda p: p.as_posix())
    if path.is_file():
        return [path.resolve()]
    if path.exists():
        raise InputFileError(f"not a regular file: {name}")
    if _GLOB_CHARS.search(name):
        matches = sorted(glob.glob(os.path.expanduser(name), recursive=True))
        found = [Path(m).resolve() for m in matches if Path(m).is_file()]
        if found:
            return found
        raise InputFileError(f"no files match {name!r}")
    raise InputFileError(f"no such file or directory: {name}")


def _wanted(p: Path) -> bool:
    suffix = p.suffix.lower()
    return (suffix in FORMATS or suffix in _PARQUET) and not p.name.upper().startswith("README.")


def _is_utf8_text(path: Path) -> bool:
    """True for a non-empty UTF-8 file (others go whole to the single-process reader)."""
    with open(path, "rb") as f:
        head = f.read(64 * 1024)
    if not head.strip():
        return False
    from geo.text._decode import sniff_encoding

    return (sniff_encoding(head) or "").replace("_", "-").lower() in ("utf-8", "utf-8-sig")


def _line_ranges(path: Path, size: int) -> list[tuple[int, int, int]]:
    """(start byte, stop byte, first line number) of runs of ``size`` lines."""
    ranges: list[tuple[int, int, int]] = []
    start, first_line, count, pos = 0, 1, 0, 0
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            n = chunk.count(b"\n")
            if count + n < size:
                count += n
            else:
                i = 0
                while (j := chunk.find(b"\n", i)) >= 0:
                    count += 1
                    i = j + 1
                    if count == size:
                        ranges.append((start, pos + i, first_line))
                        start, first_line, count = pos + i, first_line + size, 0
            pos += len(chunk)
    if pos > start:
        ranges.append((start, pos, first_line))
    return ranges


def _row_ranges(path: Path, size: int, report: ProblemHandler) -> list[tuple[int, int]]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
        report(Problem(str(path), None, f"not a readable Parquet file ({exc})"))
        return []
    names = {n.lower() for n in pf.schema_arrow.names}
    if not names & set(_TEXT_COLUMNS):
        report(Problem(str(path), None, "no text column (expected 'text', 'body' or 'content'; "
                                        f"has: {', '.join(sorted(names)) or 'none'})"))
        return []
    rows = pf.metadata.num_rows
    return [(a, min(a + size, rows)) for a in range(0, rows, size)]


# --- reading on a worker --------------------------------------------------------------------


def _read_jsonl_range(part: Partition, report: ProblemHandler) -> Iterator[Article]:
    from geo.text.read import _read_jsonl  # the single-process JSONL reader, line by line

    path = part.paths[0]
    with open(path, "rb") as f:
        f.seek(part.start)
        data = f.read(part.stop - part.start)
    if part.start == 0 and data.startswith(_BOM):
        data = data[len(_BOM):]
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="replace")
    yield from _read_jsonl(stream, path, report, first_line=part.first_line)


def _read_parquet_rows(part: Partition, report: ProblemHandler) -> Iterator[Article]:
    import pyarrow.parquet as pq

    path = part.paths[0]
    pf = pq.ParquetFile(path)
    columns = [n for n in pf.schema_arrow.names if n.lower() in (*PARQUET_COLUMNS, *_TEXT_COLUMNS)]
    groups, first, offset = [], None, 0
    for g in range(pf.metadata.num_row_groups):
        n = pf.metadata.row_group(g).num_rows
        if offset < part.stop and offset + n > part.start:
            groups.append(g)
            first = offset if first is None else first
        offset += n
    if not groups:
        return
    table = pf.read_row_groups(groups, columns=columns)
    table = table.slice(part.start - first, part.stop - part.start)
    for i, record in enumerate(table.to_pylist()):
        row = part.start + i + 1  # 1-based row number in the file
        article = _article(record, path, row, report)
        if article is not None:
            yield article


def _article(record: dict[str, Any], path: str, row: int,
             report: ProblemHandler) -> Article | None:
    fields = {str(k).lower(): v for k, v in record.items()}
    text = next((fields[k] for k in _TEXT_COLUMNS if fields.get(k) not in (None, "")), None)
    if not isinstance(text, str) or not text.strip():
        from geo.text.read import json_kind

        what = "no text" if text is None else (
            "empty text" if isinstance(text, str) else f"'text' is {json_kind(text)}")
        who = f"article {fields['id']}: " if fields.get("id") not in (None, "") else ""
        report(Problem(path, row, f"row {row}: {who}{what}; skipped"))
        return None
    return article_from_text(text, id=fields.get("id"), origin=Origin(path, row),
                             **{k: fields.get(k) for k in _META})
