"""Event dates from a sentence and its article's date: "last week", "on Monday", "in August",
"у п'ятницю", "в ночь на вторник", "за добу".

:func:`event_date` returns ``(ISO day or None, ACLED time precision)``: 1 = the day,
2 = within a week or a few days, 3 = the month or vaguer. With no date cue the event is dated
to the article's day at precision 2 (news reports what happened within a day or two). A month
alone ("in August", "last month") is dated to the first of that month, precision 3. With no
article date only an explicit date with its year can be resolved; otherwise ``(None, 3)``.
A weekday is the latest such day up to the article's date ("on Friday" in a Friday paper is
that day); "overnight" is the article's day; "over the past day" / "за добу" the day before;
"last week" that week's Thursday and "recently" three days back, both precision 2 (ACLED's
conventions as ``shared/eval/README.md`` states them).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

__all__ = ["event_date"]

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(_MONTHS)} | {"sept": 9}
_MONTH_NUM = {m: i + 1 for i, m in enumerate(_MONTHS)} | _MONTH_ABBR
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_RE = "|".join((*_MONTHS, "sept", *sorted(m for m in _MONTH_ABBR if m != "may")))

_APOS = "['’ʼ]"
# Ukrainian and Russian weekdays in the cases a date takes ("у п'ятницю", "в ночь на вторник",
# "станом на 22:00 середи", "в воскресенье"): stem -> weekday index
_CYR_WEEKDAYS = (
    (r"понеділ(?:ок|ка)|понедельник[аеу]?", 0),
    (r"вівтор(?:ок|ка)|вторник[аеу]?", 1),
    (r"серед[уи]|сред[уы]", 2),
    (r"четв(?:ер|ерга)|четверга?", 3),
    (rf"п{_APOS}ятниц[яюі]|пятниц[аыу]", 4),
    (r"субот[аиу]|суббот[аыу]", 5),
    (r"неділ[яюі]|воскресень[ея]", 6),
)
_CYR_WD = "|".join(f"(?P<cw{i}>{p})" for p, i in _CYR_WEEKDAYS)
#: a speech verb right before a cue: the day of the statement, not of the event
_STATEMENT = re.compile(
    r"(?:\b(?:said|says|told\s+\w+|reported|announced|stated|claimed|added|wrote)|"
    r"(?:повідоми|заяви|сообщи|заяви|сообща|написа)\w*)\s*"
    r"(?:late\s+|early\s+|on\s+|в\s+|у\s+|во\s+)?$")

_CUES = re.compile(
    rf"""
    (?<!\w)(?=[\w])  # only at word starts: the alternatives are tried far less often
    # each kind behind the letters it can start with: a word starting with none of them is
    # not tried against it (2x faster; tests/test_events_dates.py says each way in full)
    (?:(?=\d)(?P<iso>\b(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})\b)
  | (?=\d)(?P<dmy>\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH_RE})\.?
        (?:,?\s+(?P<y1>\d{{4}}))?\b)
  | (?=[jfmasond])(?P<mdy>\b(?P<m2>{_MONTH_RE})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b
        (?:,?\s+(?P<y2>\d{{4}}))?)
  | (?=[idselmu])
    (?P<month>\b(?:in|during|since|early|late|mid-?|until)\s+(?:early\s+|late\s+|mid-?)?
        (?P<m3>{_MONTH_RE})\b(?:\s+(?P<y3>\d{{4}}))?)
  | (?=[oidзп])
    (?P<pastday>\b(?:over|in|during)\s+the\s+(?:past|last|previous)\s+(?:day|24\s+hours)\b
        |(?<!\w)(?:за\s+(?:минулу\s+|прошедшие\s+|минувшие\s+)?(?:добу|сутки)
        |протягом\s+минулої\s+доби|за\s+минулу\s+добу)(?!\w))
  | (?=[letт])
    (?P<sameday>\b(?:(?:later|earlier)\s+)?(?:that|the\s+same)\s+(?:day|evening|morning|night)\b
        |(?<!\w)(?:того\s+ж(?:е)?\s+дня|того\s+ж\s+вечора|того\s+же\s+вечера)(?!\w))
  | (?=[toсувцмнэп])
    (?P<today>\b(?:today|tonight|overnight|this\s+(?:morning|afternoon|evening))(?:['’]s)?\b
        |(?<!\w)(?:сьогодні|сегодня|уночі|вночі|цієї\s+ночі|минулої\s+ночі|ночью|этой\s+ночью
        |минувшей\s+ночью|прошлой\s+ночью)(?!\w))
  | (?=[ylву])(?P<yesterday>\b(?:yesterday|last\s+night)\b|(?<!\w)(?:вчора|учора|вчера)(?!\w))
  | (?=[\dtfs])(?P<daysago>\b(?P<n>\d{{1,2}}|two|three|four|five|six)\s+days\s+ago\b)
  | (?=[oltmwfs])(?P<weekday>\b(?:(?:on|last|this\s+past)\s+)?(?P<wd>{"|".join(_WEEKDAYS)})\b)
  | (?=[пвсчн])(?P<cyrweekday>(?<!\w)(?:{_CYR_WD})(?!\w))
  | (?=[lpмн])(?P<lastweek>\b(?:last|past|previous)\s+week(?:end)?\b
        |(?<!\w)(?:минулого\s+тижня|на\s+минулому\s+тижні|на\s+прошлой\s+неделе)(?!\w))
  | (?=[rioндво])
    (?P<recently>\b(?:recently|in\s+recent\s+days|(?:over|in)\s+the\s+past\s+few\s+days)\b
        |(?<!\w)(?:нещодавно|днями|недавно|на\s+днях|останніми\s+днями|в\s+последние\s+дни)(?!\w))
  | (?=[te])(?P<thisweek>\b(?:this|earlier\s+this)\s+week\b)
  | (?=[lp])(?P<lastmonth>\b(?:last|past|previous)\s+month\b))
    """,
    re.VERBOSE,  # matched against lower-cased text: plain comparisons are faster
)
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
#: every cue above holds a digit or one of these pieces (a month by its first three letters,
#: "day" in weekdays, "today", "days ago", "за добу" by "доб"...): a sentence with none is not
#: scanned, since a substring test costs a fraction of that scan and most sentences have no cue
_ANCHORS = (
    "day", "night", "morning", "evening", "afternoon", "week", "month", "recent",
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
)
_ANCHORS_CYRILLIC = (
    "дн", "ноч", "доб", "сутки", "того", "сьогодні", "сегодня", "чора", "вчера", "тижн",
    "недел", "давно",
    "понед", "втор", "серед", "сред", "четв", "ятниц", "суб", "неділ", "воскрес",  # weekdays
)
_HAS_CYRILLIC = re.compile(r"[а-яіїєґё]")  # in lower-cased text: what the Cyrillic ones need
_DIGIT = re.compile(r"\d")


def event_date(sentence: str, article_date: str | None, *,
               previous: Any = None) -> tuple[str | None, int]:
    """The date a sentence's event happened and its time precision (see the module doc).

    A cue right after a speech verb ("said on Saturday") dates the statement and is skipped;
    "that day" / "того ж дня" takes ``previous``, the date the article gave last (or a
    function that finds it: asked only then).
    """
    base = _parse_iso(article_date)
    for m in _cues(sentence):
        if m["sameday"]:
            before = previous() if callable(previous) else previous
            if before is not None and before[0] is not None:
                return before
            continue
        found = _resolve(m, base)
        if found is not None:
            return found
    if base is None:
        return None, 3
    return base.isoformat(), 2


def has_cue(sentence: str) -> bool:
    """Whether the sentence says when (other than a statement's day)."""
    return bool(_cues(sentence))


@lru_cache(maxsize=1024)
def _cues(sentence: str) -> tuple[re.Match[str], ...]:
    """The sentence's date cues, statement days left out (one scan per sentence: the
    extractor asks several times). Matched in lower case; "may" the verb (lower case in the
    text) is no month."""
    low = sentence.lower()
    if len(low) != len(sentence):
        low = "".join(c.lower()[0] for c in sentence)
    if _DIGIT.search(low) is None and not any(a in low for a in _ANCHORS) and not (
            _HAS_CYRILLIC.search(low) and any(a in low for a in _ANCHORS_CYRILLIC)):
        return ()
    out = []
    for m in _CUES.finditer(low):
        month = next((g for g in ("m1", "m2", "m3") if m[g]), None)
        if month is not None and sentence[m.start(month)].islower():
            continue
        if not _statement_day(low, m):
            out.append(m)
    return tuple(out)


def _statement_day(sentence: str, m: re.Match[str]) -> bool:
    """A relative day right after a speech verb ("said on Saturday"): when it was said."""
    relative = m["weekday"] or m["cyrweekday"] or m["today"] or m["yesterday"]
    return bool(relative) and _STATEMENT.search(sentence, max(0, m.start() - 40),
                                                 m.start()) is not None


def _resolve(m: re.Match[str], base: dt.date | None) -> tuple[str | None, int] | None:
    kind = m.lastgroup if m.lastgroup in _KINDS else next(k for k in _KINDS if m.group(k))
    if kind == "iso":
        day = _day(int(m["iy"]), int(m["im"]), int(m["id"]))
        return (day.isoformat(), 1) if day else None
    if kind in ("dmy", "mdy"):
        d, mon, y = (m["d1"], m["m1"], m["y1"]) if kind == "dmy" else (m["d2"], m["m2"], m["y2"])
        month = _MONTH_NUM[mon.lower().rstrip(".")]
        if y:
            day = _day(int(y), month, int(d))
            return (day.isoformat(), 1) if day else None
        if base is None:
            return None, 3
        day = _day(base.year, month, int(d))
        if day is None:
            return None
        if day > base:
            day = _day(base.year - 1, month, int(d))
        return (day.isoformat(), 1) if day else None
    if kind == "month":
        month = _MONTH_NUM[m["m3"].lower()]
        if m["y3"]:
            return dt.date(int(m["y3"]), month, 1).isoformat(), 3
        if base is None:
            return None, 3
        year = base.year - 1 if month > base.month else base.year
        return dt.date(year, month, 1).isoformat(), 3
    if base is None:
        return None, 3
    if kind == "today":
        return base.isoformat(), 1
    if kind == "yesterday":
        return (base - dt.timedelta(days=1)).isoformat(), 1
    if kind == "daysago":
        n = m["n"].lower()
        days = _SMALL.get(n) or int(n)
        return (base - dt.timedelta(days=days)).isoformat(), 1
    if kind in ("weekday", "cyrweekday"):
        if kind == "weekday":
            wanted = _WEEKDAYS.index(m["wd"].lower())
        else:
            wanted = next(i for p, i in _CYR_WEEKDAYS if m[f"cw{i}"])
        back = (base.weekday() - wanted) % 7  # the latest one up to the article's own day
        return (base - dt.timedelta(days=back)).isoformat(), 1
    if kind == "pastday":
        return (base - dt.timedelta(days=1)).isoformat(), 1
    if kind == "recently":  # ACLED: a few days before the report
        return (base - dt.timedelta(days=3)).isoformat(), 2
    if kind == "lastweek":  # ACLED codes "last week" to that week's Thursday
        monday = base - dt.timedelta(days=base.weekday())
        return (monday - dt.timedelta(days=4)).isoformat(), 2
    if kind == "thisweek":
        return base.isoformat(), 2
    if kind == "lastmonth":
        first = base.replace(day=1) - dt.timedelta(days=1)
        return first.replace(day=1).isoformat(), 3
    return None


_KINDS = ("iso", "dmy", "mdy", "month", "pastday", "sameday", "today", "yesterday", "daysago",
          "weekday", "cyrweekday", "lastweek", "recently", "thisweek", "lastmonth")


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=64)  # an article's date, asked for each of its sentences
def _parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
