"""Event dates from a sentence and its article's date: "last week", "on Monday", "in August".

:func:`event_date` returns ``(ISO day or None, ACLED time precision)``: 1 = the day,
2 = within a week or a few days, 3 = the month or vaguer. With no date cue the event is dated
to the article's day at precision 2 (news reports what happened within a day or two). A month
alone ("in August", "last month") is dated to the first of that month, precision 3. With no
article date only an explicit date with its year can be resolved; otherwise ``(None, 3)``.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["event_date"]

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(_MONTHS)} | {"sept": 9}
_MONTH_NUM = {m: i + 1 for i, m in enumerate(_MONTHS)} | _MONTH_ABBR
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_RE = "|".join((*_MONTHS, "sept", *sorted(m for m in _MONTH_ABBR if m != "may")))

_CUES = re.compile(
    rf"""
    (?P<iso>\b(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})\b)
  | (?P<dmy>\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH_RE})\.?
        (?:,?\s+(?P<y1>\d{{4}}))?\b)
  | (?P<mdy>\b(?P<m2>{_MONTH_RE})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b
        (?:,?\s+(?P<y2>\d{{4}}))?)
  | (?P<month>\b(?:in|during|since|early|late|mid-?|until)\s+(?:early\s+|late\s+|mid-?)?
        (?P<m3>{_MONTH_RE})\b(?:\s+(?P<y3>\d{{4}}))?)
  | (?P<today>\b(?:today|tonight|this\s+(?:morning|afternoon|evening))(?:['’]s)?\b)
  | (?P<yesterday>\b(?:yesterday|last\s+night)\b)
  | (?P<daysago>\b(?P<n>\d{{1,2}}|two|three|four|five|six)\s+days\s+ago\b)
  | (?P<weekday>\b(?:(?:on|last|this\s+past)\s+)?(?P<wd>{"|".join(_WEEKDAYS)})\b)
  | (?P<lastweek>\b(?:last|past|previous)\s+week(?:end)?\b)
  | (?P<thisweek>\b(?:this|earlier\s+this)\s+week\b)
  | (?P<lastmonth>\b(?:last|past|previous)\s+month\b)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def event_date(sentence: str, article_date: str | None) -> tuple[str | None, int]:
    """The date a sentence's event happened and its time precision (see the module doc)."""
    base = _parse_iso(article_date)
    for m in _CUES.finditer(sentence):
        found = _resolve(m, base)
        if found is not None:
            return found
    if base is None:
        return None, 3
    return base.isoformat(), 2


def _resolve(m: re.Match[str], base: dt.date | None) -> tuple[str | None, int] | None:
    kind = m.lastgroup if m.lastgroup in _KINDS else next(k for k in _KINDS if m.group(k))
    month_text = m["m1"] or m["m2"] or m["m3"]
    if month_text and month_text[0].islower():
        return None  # "may" the verb, not May the month
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
    if kind == "weekday":
        wanted = _WEEKDAYS.index(m["wd"].lower())
        back = (base.weekday() - wanted) % 7 or 7  # the most recent one before the article
        return (base - dt.timedelta(days=back)).isoformat(), 1
    if kind == "lastweek":
        return (base - dt.timedelta(days=7)).isoformat(), 2
    if kind == "thisweek":
        return base.isoformat(), 2
    if kind == "lastmonth":
        first = base.replace(day=1) - dt.timedelta(days=1)
        return first.replace(day=1).isoformat(), 3
    return None


_KINDS = ("iso", "dmy", "mdy", "month", "today", "yesterday", "daysago", "weekday", "lastweek",
          "thisweek", "lastmonth")


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
