"""The pipeline: read -> recognise -> resolve, composed and nothing more.

Stages are pure functions over articles; the gazetteer is a service passed in, opened once.
The same :func:`parse_articles` runs in a loop, a process pool or a Dask partition.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING

from geo.errors import InputError, InputTypeError
from geo.model import Article, ParsedArticle, Span
from geo.text.recognise import recognise
from geo.text.resolve import resolve
from geo.text.sentences import SentenceIndex

#: Most spans resolved in one context. Resolution compares every candidate with every other
#: name's choice (quadratic), so an article with more spans is resolved in windows of whole
#: sentences. The most in any article of ../shared/eval is 56, so real articles are one window.
MAX_CONTEXT_SPANS = 1000

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
    spans = recognise(text, gazetteer, lang=article.lang)
    if not spans:
        return ParsedArticle(article=article, mentions=())
    index = SentenceIndex(text)
    mentions = []
    for window in context_windows(spans, index):
        mentions.extend(resolve(window, gazetteer, article_id=article.id, lang=article.lang,
                                text=text, sentence_of=index.at))
    return ParsedArticle(article=article, mentions=tuple(mentions),
                         sentences=tuple(index.bounds))


def context_windows(spans: Sequence[Span], index: SentenceIndex,
                    max_spans: int = MAX_CONTEXT_SPANS) -> Iterator[Sequence[Span]]:
    """*spans* in runs of at most *max_spans*, cut between sentences where one fits (an
    article of up to *max_spans* spans is one run)."""
    n = len(spans)
    start = 0
    while start < n:
        end = min(start + max_spans, n)
        if end < n:  # move the cut back to the start of the sentence that spans[end] is in
            sentence = index.index_at(spans[end].start)
            cut = end
            while cut > start and index.index_at(spans[cut - 1].start) == sentence:
                cut -= 1
            end = cut if cut > start else end
        yield spans[start:end]
        start = end


def parse_articles(
    articles: Iterable[Article], *, gazetteer: Gazetteer | None = None,
    on_problem: ProblemHandler | None = None,
) -> Iterator[ParsedArticle]:
    """Parse a stream of articles lazily, with one gazetteer for all.

    An article whose parsing raises is reported to ``on_problem`` (default: a logged warning)
    with its id, file, line and the error, and skipped: one record never stops the batch.

    >>> from geo.text.read import article_from_text
    >>> texts = ["Talks in Toulon.", "Shelling in Kramatorsk."]
    >>> [p.mentions[0].place.cc for p in parse_articles(article_from_text(t) for t in texts)]
    ['FR', 'UA']
    """
    if isinstance(articles, str | bytes | Article) or not isinstance(articles, Iterable):
        raise InputTypeError("parse_articles() wants an iterable of geo.Article (from "
                             f"geo.read_articles), not {type(articles).__name__}; "
                             "use geo.parse() for one text")
    _check_gazetteer(gazetteer)
    return _parse_each(articles, gazetteer, on_problem)


def _parse_each(articles: Iterable[Article], gazetteer: Gazetteer | None,
                on_problem: ProblemHandler | None) -> Iterator[ParsedArticle]:
    from geo._batch import guarded

    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    yield from guarded(_articles_only(articles), lambda a: parse_article(a, gazetteer=gaz),
                       article_of=lambda a: a, on_problem=on_problem)


def _articles_only(articles: Iterable[Article]) -> Iterator[Article]:
    """The items, each checked to be an Article: a wrong type is the caller's error, raised,
    not one bad record among good ones."""
    for n, article in enumerate(articles):
        if not isinstance(article, Article):
            raise InputTypeError(f"parse_articles(): item {n} is a {type(article).__name__}, "
                                 "not a geo.Article")
        yield article


def _check_gazetteer(gazetteer: object) -> None:
    if gazetteer is not None and not callable(getattr(gazetteer, "lookup", None)):
        raise InputTypeError("gazetteer= wants a geo.Gazetteer (geo.Gazetteer.open()), not "
                             f"{type(gazetteer).__name__}")


def _check_date(value: object) -> None:
    """``parse(date=...)``: a file's unreadable date becomes None, but a caller's is an error."""
    import datetime as dt

    from geo.text.read import normalise_date

    if value is None or isinstance(value, dt.date):
        return
    if not isinstance(value, str):
        raise InputTypeError(f"date= wants a YYYY-MM-DD string or a datetime.date, not "
                             f"{type(value).__name__}")
    if value.strip() and normalise_date(value) is None:
        raise InputError(f"date={value!r} is no calendar day (expected YYYY-MM-DD)")


def parse(
    text_or_article: str | Article, *, gazetteer: Gazetteer | None = None, **meta: str
) -> ParsedArticle:
    """Parse one text (or :class:`~geo.model.Article`) and return its resolved mentions.

    ``meta`` may hold ``title``, ``date``, ``url``, ``source`` and ``lang``. Wrong types
    raise :class:`~geo.errors.InputTypeError` (a ``TypeError``) saying what was expected.

    >>> parsed = parse("Russian troops massed near Pokrovsk.", date="2025-07-01")
    >>> parsed.mentions[0].place.admin1_name, parsed.article.date
    ('Donetsk Oblast', '2025-07-01')
    >>> parse(b"Pokrovsk")
    Traceback (most recent call last):
    geo.errors.InputTypeError: parse() wants text as str, not bytes; decode it first ...
    """
    _check_gazetteer(gazetteer)
    if isinstance(text_or_article, Article):
        article = text_or_article
    elif isinstance(text_or_article, bytes | bytearray):
        raise InputTypeError("parse() wants text as str, not bytes; decode it first "
                             "(data.decode('utf-8')), or read files with geo.read_articles")
    elif not isinstance(text_or_article, str):
        raise InputTypeError("parse() wants the text of one article (str) or a geo.Article, "
                             f"not {type(text_or_article).__name__}; for many articles use "
                             "geo.parse_articles")
    else:
        from geo.text.read import article_from_text

        _check_date(meta.get("date"))
        article = article_from_text(text_or_article, **meta)
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    return parse_article(article, gazetteer=gaz)
