"""The pipeline: read -> recognise -> resolve, composed and nothing more.

Stages are pure functions over articles; the gazetteer is a service passed in, opened once.
The same :func:`parse_articles` runs in a loop, a process pool or a Dask partition.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from geo.model import Article, ParsedArticle
from geo.text.recognise import recognise
from geo.text.resolve import resolve
from geo.text.sentences import sentence_at, sentence_bounds

if TYPE_CHECKING:
    from geo.gazetteer import Gazetteer
    from geo.text.read import ProblemHandler


@cache
def default_gazetteer() -> Gazetteer:
    """The default index, opened once per process (built on first use if missing)."""
    from geo.gazetteer import Gazetteer

    return Gazetteer.open(build_if_missing=True)


def parse_article(article: Article, *, gazetteer: Gazetteer) -> ParsedArticle:
    """Find and resolve every place ``article`` names."""
    text = article.text
    spans = recognise(text, gazetteer)
    bounds = sentence_bounds(text) if spans else []
    mentions = resolve(
        spans, gazetteer, article_id=article.id, lang=article.lang,
        sentence_of=lambda offset: sentence_at(text, bounds, offset),
    )
    return ParsedArticle(article=article, mentions=tuple(mentions))


def parse_articles(
    articles: Iterable[Article], *, gazetteer: Gazetteer | None = None,
    on_problem: ProblemHandler | None = None,
) -> Iterator[ParsedArticle]:
    """Parse a stream of articles lazily, with one gazetteer for all.

    An article whose parsing raises is reported to ``on_problem`` (default: a logged warning)
    with its id, file, line and the error, and skipped: one record never stops the batch.
    """
    from geo._batch import guarded

    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    return guarded(articles, lambda article: parse_article(article, gazetteer=gaz),
                   article_of=lambda article: article, on_problem=on_problem)


def parse(
    text_or_article: str | Article, *, gazetteer: Gazetteer | None = None, **meta: str
) -> ParsedArticle:
    """Parse one text (or :class:`~geo.model.Article`) and return its resolved mentions.

    >>> parsed = parse("Russian troops massed near Pokrovsk.")  # doctest: +SKIP
    >>> parsed.mentions[0].place.admin1_name  # doctest: +SKIP
    'Donetsk Oblast'
    """
    if isinstance(text_or_article, Article):
        article = text_or_article
    else:
        from geo.text.read import article_from_text

        article = article_from_text(text_or_article, **meta)
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    return parse_article(article, gazetteer=gaz)
