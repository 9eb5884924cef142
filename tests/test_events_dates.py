"""Event dates: the article date moved by relative expressions, with ACLED time precision."""

from __future__ import annotations

import pytest

from geo.events.dates import _KINDS, event_date

ARTICLE = "2025-03-12"  # a Wednesday

CASES = [
    # no date word: the article's day, precision 1 (shared/eval/README.md: "no time word =
    # article date"; gold dates its day's events at precision 1)
    ("Nothing in this sentence says when.", ("2025-03-12", 1)),
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
    ("The army may 5 times try again.", ("2025-03-12", 1)),  # "may" the verb is no month
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


FRIDAY = "2025-03-14"


@pytest.mark.parametrize(("sentence", "expected"), [
    # a month's day in Ukrainian and Russian, with or without its year
    ("Ракета влучила в будинок 12 березня.", ("2025-03-12", 1)),
    ("Удар был нанесён 15 марта.", ("2024-03-15", 1)),  # after the article's day: last year
    ("Атака сталася 3 січня 2024 року.", ("2024-01-03", 1)),
    ("Обстрел произошёл 9 мая 2023 г.", ("2023-05-09", 1)),
    ("Бої почалися 1-го лютого.", ("2025-02-01", 1)),
    # a month alone: its first day, precision 3
    ("Наступ почався у березні.", ("2025-03-01", 3)),
    ("Бои шли в марте 2024 года.", ("2024-03-01", 3)),
    ("Удари тривали на початку лютого.", ("2025-02-01", 3)),
    ("Наступление началось в конце декабря.", ("2024-12-01", 3)),
    ("Город обстреливают с января.", ("2025-01-01", 3)),
    # "last <weekday>": the latest one before the article's day (a week back on that day)
    ("Last Friday a drone hit the port.", ("2025-03-07", 1)),
    ("This past Friday talks were held.", ("2025-03-07", 1)),
    ("Минулої п'ятниці дрон влучив у порт.", ("2025-03-07", 1)),
    ("У минулу п’ятницю відбулися переговори.", ("2025-03-07", 1)),
    ("В прошлую пятницу дрон атаковал порт.", ("2025-03-07", 1)),
    ("Last Wednesday troops advanced.", ("2025-03-12", 1)),
    ("Минулого понеділка ворог атакував.", ("2025-03-10", 1)),
    ("В прошлое воскресенье прошли протесты.", ("2025-03-09", 1)),
    # a bare weekday on its own day stays that day
    ("On Friday a drone hit the port.", ("2025-03-14", 1)),
    ("У п'ятницю дрон влучив у порт.", ("2025-03-14", 1)),
    ("В пятницу дрон атаковал порт.", ("2025-03-14", 1)),
    # two days back
    ("The day before yesterday a drone hit a depot.", ("2025-03-12", 1)),
    ("Позавчора дрон влучив у склад.", ("2025-03-12", 1)),
    ("Позавчера беспилотник атаковал склад.", ("2025-03-12", 1)),
    # counted back: days (precision 1), weeks (2), months (3, its first day)
    ("Three days ago a drone hit a depot.", ("2025-03-11", 1)),
    ("A drone hit a depot 3 days ago.", ("2025-03-11", 1)),
    ("3 дні тому дрон влучив у склад.", ("2025-03-11", 1)),
    ("Три дня назад беспилотник атаковал склад.", ("2025-03-11", 1)),
    ("П'ять днів тому ворог обстріляв село.", ("2025-03-09", 1)),
    ("Двенадцать дней назад начался штурм.", ("2025-03-02", 1)),
    ("A day ago troops advanced.", ("2025-03-13", 1)),
    ("A week ago troops advanced.", ("2025-03-07", 2)),
    ("Тиждень тому війська просунулися.", ("2025-03-07", 2)),
    ("Неделю назад войска продвинулись.", ("2025-03-07", 2)),
    ("Two weeks ago troops advanced.", ("2025-02-28", 2)),
    ("Три месяца назад начался штурм.", ("2024-12-01", 3)),
    ("A few days ago a drone hit a depot.", ("2025-03-11", 2)),  # some days: as "recently"
    ("Кілька днів тому дрон влучив у склад.", ("2025-03-11", 2)),
    # the night before the article's morning is the article's day in all three languages
    ("Russian drones attacked Odesa overnight.", ("2025-03-14", 1)),
    ("Russian drones attacked Odesa last night.", ("2025-03-14", 1)),
    ("Минулої ночі російські дрони атакували Одесу.", ("2025-03-14", 1)),
    ("Уночі російські дрони атакували Одесу.", ("2025-03-14", 1)),
    ("Прошлой ночью дроны атаковали Одессу.", ("2025-03-14", 1)),
    ("Минулого місяця тривали бої.", ("2025-02-01", 3)),
    ("В прошлом месяце шли бои.", ("2025-02-01", 3)),
])
def test_dates_in_three_languages(sentence, expected):
    assert event_date(sentence, FRIDAY) == expected


@pytest.mark.parametrize("sentence", [
    "In March 0000 troops attacked the town.",
    "On 30 February troops attacked the town.",
    "On February 30, 2024 troops attacked.",
    "In March 99999 troops attacked the town.",
    "Rallies were held on 2024-02-30 nationwide.",
    "On 0 March 2024 troops attacked.",
    "Атака сталася 31 лютого.",
    "Атака произошла 30 февраля 2024 года.",
    "Бои шли в марте 0000 года.",
    "A drone hit a depot 9999999 weeks ago.",
    "A drone hit a depot " + "9" * 5000 + " days ago.",
])
def test_an_impossible_day_is_no_cue(sentence):
    """Never an exception, never a made-up day: the article's day as if no cue were there."""
    assert event_date(sentence, FRIDAY) == ("2025-03-14", 1)


def test_no_day_before_the_year_one():
    assert event_date("Yesterday a drone hit a depot.", "0001-01-01") == ("0001-01-01", 1)
    assert event_date("Last month troops advanced.", "0001-01-05") == ("0001-01-05", 1)
    assert event_date("A week ago troops advanced.", "0001-01-03") == ("0001-01-03", 1)


def test_a_statement_day_after_a_speech_verb_is_not_the_event_day():
    assert event_date("The mayor said last Friday that the port was hit.", FRIDAY) == \
        (FRIDAY, 1)
    assert event_date("Губернатор повідомив позавчора, що дрон влучив у склад.", FRIDAY) == \
        (FRIDAY, 1)


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
    ("today", "last night"), ("yesterday", "yesterday"), ("yesterday", "вчора"),
    ("yesterday", "учора"), ("yesterday", "вчера"),
    ("ago", "days ago"), ("ago", "day ago"), ("ago", "weeks ago"), ("ago", "week ago"),
    ("ago", "months ago"), ("ago", "month ago"), ("ago", "день тому"), ("ago", "дні тому"),
    ("ago", "днів тому"), ("ago", "дня назад"), ("ago", "дней назад"), ("ago", "тиждень тому"),
    ("ago", "тижні тому"), ("ago", "тижнів тому"), ("ago", "неделю назад"),
    ("ago", "недели назад"), ("ago", "недель назад"), ("ago", "місяць тому"),
    ("ago", "місяці тому"), ("ago", "місяців тому"), ("ago", "месяц назад"),
    ("ago", "месяца назад"), ("ago", "месяцев назад"),
    ("daybefore", "the day before yesterday"), ("daybefore", "day before yesterday"),
    ("daybefore", "позавчора"), ("daybefore", "позавчера"),
    ("lastweekday", "last Tuesday"), ("lastweekday", "this past Wednesday"),
    ("lastweekday", "last Sunday"), ("lastweekday", "last Friday"),
    ("cyrlastweekday", "минулої п'ятниці"), ("cyrlastweekday", "у минулу середу"),
    ("cyrlastweekday", "в минулий вівторок"), ("cyrlastweekday", "минулого понеділка"),
    ("cyrlastweekday", "в прошлую пятницу"), ("cyrlastweekday", "во прошлый вторник"),
    ("cyrlastweekday", "прошлой субботы"), ("cyrlastweekday", "в минувшее воскресенье"),
    ("cyrdmy", "15 березня"), ("cyrdmy", "1-го лютого"), ("cyrdmy", "3 січня 2024 року"),
    ("cyrdmy", "9 мая 2023 г."), ("cyrdmy", "31 грудня"), ("cyrdmy", "15 марта"),
    ("cyrmonth", "у березні"), ("cyrmonth", "в марте 2024 года"),
    ("cyrmonth", "на початку лютого"), ("cyrmonth", "наприкінці травня"),
    ("cyrmonth", "в кінці квітня"), ("cyrmonth", "у середині червня"), ("cyrmonth", "з липня"),
    ("cyrmonth", "с августа"), ("cyrmonth", "до кінця серпня"), ("cyrmonth", "до конца мая"),
    ("cyrmonth", "середини вересня"), ("cyrmonth", "в начале июня"),
    ("cyrmonth", "в конце июля"), ("cyrmonth", "в середине октября"),
    ("cyrmonth", "с начала ноября"), ("cyrmonth", "у жовтні"), ("cyrmonth", "в декабре"),
    ("cyrmonth", "у листопаді"), ("cyrmonth", "в январе"), ("cyrmonth", "в феврале"),
    ("cyrmonth", "в апреле"), ("cyrmonth", "в сентябре"),
    ("weekday", "on Monday"),
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
    ("lastmonth", "минулого місяця"), ("lastmonth", "в прошлом месяце"),
]


@pytest.mark.parametrize(("kind", "phrase"), EVERY_CUE)
def test_no_cue_is_lost_to_the_quick_tests(kind, phrase):
    from geo.events.dates import _cues
    from geo.events.numbers import normal_text

    sentence = f"Troops moved {phrase} near the town."
    assert [(m.lastgroup if m.lastgroup in _KINDS else next(k for k in _KINDS if m.group(k)),
             m.group()) for m in _cues(sentence)] == [(kind, normal_text(phrase))]


def test_every_kind_of_cue_is_in_the_table():
    assert {kind for kind, _ in EVERY_CUE} == set(_KINDS)
