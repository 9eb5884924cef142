"""Event dates: the article date moved by relative expressions, with ACLED time precision."""

from __future__ import annotations

import pytest

from geo.events.dates import _KINDS, event_date

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


# one phrase per way each kind of cue is said, each first word of it included: the substring
# test that spares most sentences the full scan, and the first letters each kind is tried at,
# must let every one of them through whole
EVERY_CUE = [
    ("iso", "2024-06-01"), ("dmy", "7 October"), ("dmy", "3rd of Sept"),
    ("mdy", "Oct. 7"), ("mdy", "May 9th, 2024"), ("mdy", "Jan 5"), ("mdy", "February 2"),
    ("mdy", "April 3"), ("mdy", "Sept 4"), ("mdy", "Nov 5"), ("mdy", "Dec 6"),
    ("mdy", "June 7"), ("mdy", "July 8"), ("mdy", "August 9"), ("mdy", "March 10"),
    ("month", "in early January"), ("month", "since Feb"), ("month", "until mid-March"),
    ("month", "during April"), ("month", "late June"), ("month", "in July"),
    ("month", "in August 2024"), ("month", "in Nov"), ("month", "in Dec"),
    ("month", "early June"), ("month", "mid July"),
    ("pastday", "over the past day"), ("pastday", "in the last 24 hours"),
    ("pastday", "during the previous day"),
    ("pastday", "за минулу добу"), ("pastday", "за сутки"), ("pastday", "протягом минулої доби"),
    ("pastday", "за прошедшие сутки"),
    ("sameday", "later that evening"), ("sameday", "the same morning"), ("sameday", "that night"),
    ("sameday", "earlier that day"),
    ("sameday", "того ж дня"), ("sameday", "того  же  вечера"), ("sameday", "того ж вечора"),
    ("today", "today"), ("today", "tonight"), ("today", "overnight"),
    ("today", "this afternoon"), ("today", "this evening"), ("today", "сьогодні"),
    ("today", "сегодня"), ("today", "уночі"), ("today", "вночі"), ("today", "цієї ночі"),
    ("today", "ночью"), ("today", "прошлой ночью"), ("today", "минулої ночі"),
    ("today", "этой ночью"), ("today", "минувшей ночью"),
    ("yesterday", "yesterday"), ("yesterday", "last night"), ("yesterday", "вчора"),
    ("yesterday", "учора"), ("yesterday", "вчера"),
    ("daysago", "two days ago"), ("daysago", "12 days ago"), ("daysago", "three days ago"),
    ("daysago", "four days ago"), ("daysago", "five days ago"), ("daysago", "six days ago"),
    ("weekday", "on Monday"), ("weekday", "last Tuesday"), ("weekday", "this past Wednesday"),
    ("weekday", "Thursday"), ("weekday", "Friday"), ("weekday", "Saturday"),
    ("weekday", "Sunday"), ("weekday", "Monday"), ("weekday", "Wednesday"),
    ("cyrweekday", "понеділок"), ("cyrweekday", "понедельник"), ("cyrweekday", "вівторок"),
    ("cyrweekday", "вторник"), ("cyrweekday", "середу"), ("cyrweekday", "среду"),
    ("cyrweekday", "четвер"), ("cyrweekday", "четверг"), ("cyrweekday", "п'ятницю"),
    ("cyrweekday", "п’ятницю"), ("cyrweekday", "пятницу"), ("cyrweekday", "суботу"),
    ("cyrweekday", "субботу"), ("cyrweekday", "неділю"), ("cyrweekday", "воскресенье"),
    ("lastweek", "last week"), ("lastweek", "past weekend"), ("lastweek", "previous week"),
    ("lastweek", "минулого тижня"), ("lastweek", "на минулому тижні"),
    ("lastweek", "на прошлой неделе"),
    ("recently", "recently"), ("recently", "in recent days"),
    ("recently", "over the past few days"), ("recently", "нещодавно"), ("recently", "днями"),
    ("recently", "недавно"), ("recently", "на днях"), ("recently", "останніми днями"),
    ("recently", "в последние дни"),
    ("thisweek", "this week"), ("thisweek", "earlier this week"),
    ("lastmonth", "last month"), ("lastmonth", "previous month"), ("lastmonth", "past month"),
]


@pytest.mark.parametrize(("kind", "phrase"), EVERY_CUE)
def test_no_cue_is_lost_to_the_quick_tests(kind, phrase):
    from geo.events.dates import _cues

    sentence = f"Troops moved {phrase} near the town."
    assert [(m.lastgroup if m.lastgroup in _KINDS else next(k for k in _KINDS if m.group(k)),
             m.group()) for m in _cues(sentence)] == [(kind, phrase.lower())]


def test_every_kind_of_cue_is_in_the_table():
    assert {kind for kind, _ in EVERY_CUE} == set(_KINDS)
