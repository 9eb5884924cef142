"""Event dates: the article date moved by relative expressions, with ACLED time precision."""

from __future__ import annotations

import pytest

from geo.events.dates import event_date

ARTICLE = "2025-03-12"  # a Wednesday

CASES = [
    ("Nothing in this sentence says when.", ("2025-03-12", 2)),
    ("Talks resumed today in Geneva.", ("2025-03-12", 1)),
    ("Yesterday a drone hit a depot.", ("2025-03-11", 1)),
    ("The convoy was seen on Monday.", ("2025-03-10", 1)),
    ("Officials met on Wednesday.", ("2025-03-12", 1)),  # the article's own day: that day
    ("Officials met on Thursday.", ("2025-03-06", 1)),  # else the latest one before it
    ("Last week troops massed at the border.", ("2025-03-06", 2)),  # ACLED: its Thursday
    ("Protests began three days ago.", ("2025-03-09", 1)),
    ("Shelling intensified last month.", ("2025-02-01", 3)),
    ("In February the summit took place.", ("2025-02-01", 3)),
    ("The ceasefire collapsed in November.", ("2024-11-01", 3)),  # after March: last year
    ("A deal was signed on March 3.", ("2025-03-03", 1)),
    ("A deal was signed on 20 December.", ("2024-12-20", 1)),
    ("The attack on 7 October 2023 began at dawn.", ("2023-10-07", 1)),
    ("Reported on October 7, 2023 by witnesses.", ("2023-10-07", 1)),
    ("Rallies were held on 2024-06-01 nationwide.", ("2024-06-01", 1)),
    ("The army may 5 times try again.", ("2025-03-12", 2)),  # "may" the verb is no month
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_relative_and_explicit_dates(sentence, expected):
    assert event_date(sentence, ARTICLE) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Talks resumed today.", (None, 3)),
    ("Last week troops massed.", (None, 3)),
    ("In February the summit took place.", (None, 3)),
    ("Signed on 15 August 2025 in Washington.", ("2025-08-15", 1)),
])
def test_without_an_article_date_only_full_dates_resolve(sentence, expected):
    assert event_date(sentence, None) == expected
