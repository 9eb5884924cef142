"""Batches that one record cannot stop: a record that raises is reported and skipped.

Every batch (``geo parse``, ``geo ingest``, ``geo events extract``, a Dask partition, and the
Python functions behind them) runs its per-record step through :func:`guarded`. Whatever the
step raises becomes one :class:`~geo.text.read.Problem` naming the record (id, file, line) and
the error in one line; the batch goes on with the next record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from geo.model import Article
from geo.text.read import Problem, ProblemHandler, log_problem

T = TypeVar("T")
R = TypeVar("R")


def guarded(items: Iterable[T], step: Callable[[T], R], *,
            article_of: Callable[[T], Article], on_problem: ProblemHandler | None = None,
            ) -> Iterator[R]:
    """``step(item)`` for each item; an item whose step raises is reported and skipped.

    ``on_problem`` (default: a logged warning) receives one :class:`Problem` per failed item.
    Only :class:`Exception` is caught: an interrupt still stops the batch.
    """
    report = on_problem or log_problem
    for item in items:
        try:
            result = step(item)
        except Exception as exc:  # one record must not stop the batch
            report(failure(article_of(item), exc))
            continue
        yield result


def failure(article: Article, exc: BaseException) -> Problem:
    """The one-line report of ``article`` failing with ``exc``."""
    origin = article.origin
    return Problem(origin.path if origin else "<input>", origin.line if origin else None,
                   f"article {article.id}: {type(exc).__name__}: {one_line(exc)}; skipped")


def one_line(exc: BaseException, limit: int = 300) -> str:
    """An exception's message on one line, at most ``limit`` characters."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:limit] + ("..." if len(text) > limit else "")
