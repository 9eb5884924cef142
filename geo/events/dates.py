"""Event dates from a sentence and its article's date: "last week", "on Monday", "in August",
"у п'ятницю", "в ночь на вторник", "за добу", «15 березня», «в марте 2024 года», "3 days ago".

:func:`event_date` returns ``(ISO day or None, ACLED time precision)``: 1 = the day,
2 = within a week or a few days, 3 = the month or vaguer (the conventions of
``shared/eval/README.md``). With no date cue the event is dated to the article's day at
precision 1 (news reports the day's events; the extractor gives a capture announced without a
day precision 2). A month alone ("in August", «у березні», "last month") is dated to the first
of that month, precision 3. With no article date only an explicit date with its year can be
resolved; otherwise ``(None, 3)``. A weekday is the latest such day up to the article's date
("on Friday" in a Friday paper is that day), "last Friday" / «минулої п'ятниці» / «в прошлую
пятницу» the latest one before it (a week back in a Friday paper). "overnight", "last night",
«уночі», «минулої ночі», «прошлой ночью» are the article's day (the night that ends on its
morning); "over the past day" / "за добу" the day before; "the day before yesterday" /
«позавчора» two days back; "N days ago" / «N днів тому» / «N дней назад» N days back (1);
"a week ago" / «тиждень тому» 7 days back (2); "last week" that week's Thursday and "recently"
three days back, both precision 2. A cue that names an impossible day ("30 February", "March
0000", year 99999) is no cue. Rules, not dateparser: its ``DateDataParser`` was measured on
these cue spans and read 11 of 19 kinds (not «у березні», «минулої п'ятниці», «тиждень тому»,
«в прошлую пятницу», «у понеділок») at 0.4 ms a call, with 90 ms on its first.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from geo.events._wordtrie import alternation
from geo.events.numbers import NUMBER, normal_text, read_number

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


def _cyr_weekday(prefix: str) -> str:
    """The weekday alternation with one named group per weekday (``prefix`` + index)."""
    return "|".join(f"(?P<{prefix}{i}>{p})" for p, i in _CYR_WEEKDAYS)


#: Ukrainian and Russian months: genitive ("15 березня", "на початку марта") and locative
#: ("у березні", "в марте") -> month number
_CYR_MONTHS = (
    ("січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
     "січні лютому березні квітні травні червні липні серпні вересні жовтні листопаді грудні"),
    ("января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
     "январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре"),
)
_CYR_GENITIVE = {w: i + 1 for gen, _ in _CYR_MONTHS for i, w in enumerate(gen.split())}
_CYR_LOCATIVE = {w: i + 1 for _, loc in _CYR_MONTHS for i, w in enumerate(loc.split())}
_CYR_MONTH_NUM = _CYR_GENITIVE | _CYR_LOCATIVE
#: before a month in the genitive: the start, middle or end of it, "since"
_CYR_MONTH_PART = (r"(?:на\s+початку|наприкінці|в\s+кінці|у\s+кінці|в\s+середині|у\s+середині|"
                   r"з\s+початку|в\s+начале|в\s+конце|в\s+середине|с\s+начала|з|с|до\s+кінця|"
                   r"до\s+конца|середини|середины)")
_CYR_YEAR = r"(?:\s+(?P<{}>\d{{4,}})(?:\s*(?:року|рік|р\.|года|год|г\.))?)?"
#: the number of days, weeks or months before "ago": a numeral or "a"/"an" right before it
_AGO_UNITS = {"day": 1, "days": 1, "день": 1, "дні": 1, "днів": 1, "дня": 1, "дней": 1,
              "week": 7, "weeks": 7, "тиждень": 7, "тижні": 7, "тижнів": 7, "неделю": 7,
              "недели": 7, "недель": 7, "month": 30, "months": 30, "місяць": 30, "місяці": 30,
              "місяців": 30, "месяц": 30, "месяца": 30, "месяцев": 30}
_SINGULAR = {"day", "week", "month", "день", "тиждень", "неделю", "місяць", "месяц"}
_COUNT_BEFORE = re.compile(rf"(?:(?<!\w)(?:a|an|one)|(?P<n>{NUMBER}))\s*$")
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
        (?:,?\s+(?P<y1>\d{{4,}}))?\b)
  | (?=[jfmasond])(?P<mdy>\b(?P<m2>{_MONTH_RE})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b
        (?:,?\s+(?P<y2>\d{{4,}}))?)
  | (?=[idselmu])
    (?P<month>\b(?:in|during|since|early|late|mid-?|until)\s+(?:early\s+|late\s+|mid-?)?
        (?P<m3>{_MONTH_RE})\b(?:\s+(?P<y3>\d{{4,}}))?)
  | (?=\d)(?P<cyrdmy>(?P<d4>\d{{1,2}})(?:-?(?:го|е|ого))?\s+(?P<m4>{alternation(_CYR_GENITIVE)})
        (?!\w){_CYR_YEAR.format("y4")})
  | (?=[увнзсдм])
    (?P<cyrmonth>(?:(?:у|в|во)\s+(?P<m5>{alternation(_CYR_LOCATIVE)})
        |{_CYR_MONTH_PART}\s+(?P<m6>{alternation(_CYR_GENITIVE)}))(?!\w){_CYR_YEAR.format("y5")})
  | (?=[oidзп])
    (?P<pastday>\b(?:over|in|during)\s+the\s+(?:past|last|previous)\s+(?:day|24\s+hours)\b
        |(?<!\w)(?:за\s+(?:минулу\s+|прошедшие\s+|минувшие\s+)?(?:добу|сутки)
        |протягом\s+минулої\s+доби|за\s+минулу\s+добу)(?!\w))
  | (?=[letт])
    (?P<sameday>\b(?:(?:later|earlier)\s+)?(?:that|the\s+same)\s+(?:day|evening|morning|night)\b
        |(?<!\w)(?:того\s+ж(?:е)?\s+дня|того\s+ж\s+вечора|того\s+же\s+вечера)(?!\w))
  | (?=[tdп])
    (?P<daybefore>\b(?:the\s+)?day\s+before\s+yesterday\b|(?<!\w)(?:позавчора|позавчера)(?!\w))
  | (?=[tolсувцмнэп])
    (?P<today>\b(?:today|tonight|overnight|last\s+night|this\s+(?:morning|afternoon|evening))
        (?:['’]s)?\b
        |(?<!\w)(?:сьогодні|сегодня|уночі|вночі|цієї\s+ночі|минулої\s+ночі|ночью|этой\s+ночью
        |минувшей\s+ночью|прошлой\s+ночью)(?!\w))
  | (?=[yву])(?P<yesterday>\byesterday\b|(?<!\w)(?:вчора|учора|вчера)(?!\w))
  | (?=[dwmдтнм])(?P<ago>(?P<unit>{alternation(_AGO_UNITS)})\s+(?:ago|тому|назад)(?!\w))
  | (?=[lt])(?P<lastweekday>\b(?:last|this\s+past)\s+(?P<lwd>{"|".join(_WEEKDAYS)})\b)
  | (?=[otmwfs])(?P<weekday>\b(?:on\s+)?(?P<wd>{"|".join(_WEEKDAYS)})\b)
  | (?=[увмп])
    (?P<cyrlastweekday>(?<!\w)(?:(?:у|в|во)\s+)?(?:минул(?:ої|ого|у|ий|ій)|прошл(?:ую|ый|ое|ой|ого)
        |минувш(?:ую|ий|ее|ей|его))\s+(?:{_cyr_weekday("lw")})(?!\w))
  | (?=[пвсчн])(?P<cyrweekday>(?<!\w)(?:{_cyr_weekday("cw")})(?!\w))
  | (?=[lpмн])(?P<lastweek>\b(?:last|past|previous)\s+week(?:end)?\b
        |(?<!\w)(?:минулого\s+тижня|на\s+минулому\s+тижні|на\s+прошлой\s+неделе)(?!\w))
  | (?=[rioндво])
    (?P<recently>\b(?:recently|in\s+recent\s+days|(?:over|in)\s+the\s+past\s+few\s+days)\b
        |(?<!\w)(?:нещодавно|днями|недавно|на\s+днях|останніми\s+днями|в\s+последние\s+дни)(?!\w))
  | (?=[te])(?P<thisweek>\b(?:this|earlier\s+this)\s+week\b)
  | (?=[lpмв])(?P<lastmonth>\b(?:last|past|previous)\s+month\b
        |(?<!\w)(?:минулого\s+місяця|в\s+прошлом\s+месяце)(?!\w)))
    """,
    re.VERBOSE,  # matched against lower-cased text: plain comparisons are faster
)
#: every cue above holds a digit or one of these pieces (a month by its first three letters,
#: "day" in weekdays, "today", "days ago", "за добу" by "доб", a Ukrainian or Russian month by
#: its stem...): a sentence with none is not scanned, since a substring test costs a fraction
#: of that scan and most sentences have no cue
_ANCHORS = (
    "day", "night", "morning", "evening", "afternoon", "week", "month", "recent",
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    "дн", "ноч", "доб", "сутки", "того", "сьогодні", "сегодня", "чора", "вчера", "тиж",
    "недел", "давно", "місяц", "месяц", "день",
    "понед", "втор", "серед", "сред", "четв", "ятниц", "суб", "неділ", "воскрес",  # weekdays
    "січ", "лют", "берез", "квіт", "трав", "черв", "лип", "серп", "верес", "жовт", "листопад",
    "груд", "январ", "феврал", "март", "апрел", "мая", "мае", "июн", "июл", "август",
    "сентябр", "октябр", "ноябр", "декабр",  # months
)
_DIGIT = re.compile(r"\d")


def event_date(sentence: str, article_date: str | None, *,
               previous: Any = None) -> tuple[str | None, int]:
    """The date a sentence's event happened and its time precision (see the module doc).

    A cue right after a speech verb ("said on Saturday") dates the statement and is skipped;
    "that day" / "того ж дня" takes ``previous``, the date the article gave last (or a
    function that finds it: asked only then). A cue naming an impossible day is skipped.
    """
    for found in _dated(sentence, article_date):
        if found is _SAME_DAY:
            before = previous() if callable(previous) else previous
            if before is not None and before[0] is not None:
                return before
        elif found is not None:
            return found
    base = _parse_iso(article_date)
    return (base.isoformat(), 1) if base is not None else (None, 3)


#: the place of a "that day" cue among a sentence's resolved cues
_SAME_DAY = (None, 0)


@lru_cache(maxsize=1024)
def _dated(sentence: str, article_date: str | None) -> tuple[tuple[str | None, int] | None, ...]:
    """What the sentence's cues resolve to, in order, up to the first that names a day ("that
    day" as :data:`_SAME_DAY`, an impossible day as None): the extractor asks twice a
    sentence."""
    base = _parse_iso(article_date)
    out: list[tuple[str | None, int] | None] = []
    for m in _cues(sentence):
        found = _SAME_DAY if m["sameday"] else _resolve(m, base)
        out.append(found)
        if found is not None and found is not _SAME_DAY:
            break
    return tuple(out)


def has_cue(sentence: str) -> bool:
    """Whether the sentence says when (other than a statement's day)."""
    return bool(_cues(sentence))


@lru_cache(maxsize=1024)
def _cues(sentence: str) -> tuple[re.Match[str], ...]:
    """The sentence's date cues, statement days left out (one scan per sentence: the
    extractor asks several times). Matched in lower case; "may" the verb (lower case in the
    text) is no month."""
    low = normal_text(sentence)
    if _DIGIT.search(low) is None and not any(a in low for a in _ANCHORS):
        return ()
    out = []
    for m in _CUES.finditer(low):
        month = next((g for g in ("m1", "m2", "m3") if m[g]), None)
        if month is not None and sentence[m.start(month)].islower():
            continue
        if not _statement_day(low, m):
            out.append(m)
    return tuple(out)


#: cues relative to the day they are said on: after a speech verb, that day's
_RELATIVE = ("weekday", "cyrweekday", "lastweekday", "cyrlastweekday", "today", "yesterday",
             "daybefore", "ago")


def _statement_day(sentence: str, m: re.Match[str]) -> bool:
    """A relative day right after a speech verb ("said on Saturday"): when it was said."""
    return any(m[k] for k in _RELATIVE) and _STATEMENT.search(
        sentence, max(0, m.start() - 40), m.start()) is not None


def _kind(m: re.Match[str]) -> str:
    return m.lastgroup if m.lastgroup in _KINDS else next(k for k in _KINDS if m.group(k))


def _resolve(m: re.Match[str], base: dt.date | None) -> tuple[str | None, int] | None:
    """The day and precision a cue names; None when it names no possible day (the cue is then
    passed over)."""
    kind = _kind(m)
    if kind == "iso":
        return _on(_day(int(m["iy"]), int(m["im"]), int(m["id"])), 1)
    if kind in ("dmy", "mdy", "cyrdmy"):
        d, mon, y = {"dmy": ("d1", "m1", "y1"), "mdy": ("d2", "m2", "y2"),
                     "cyrdmy": ("d4", "m4", "y4")}[kind]
        month = _month_number(m[mon])
        if m[y]:
            return _on(_day(int(m[y]), month, int(m[d])), 1)
        if base is None:
            return None, 3
        day = _day(base.year, month, int(m[d]))
        if day is not None and day > base:  # a day later in the year: last year's
            day = _day(base.year - 1, month, int(m[d]))
        return _on(day, 1)
    if kind in ("month", "cyrmonth"):
        name, year = (m["m3"], m["y3"]) if kind == "month" else (m["m5"] or m["m6"], m["y5"])
        month = _month_number(name)
        if year:
            return _on(_day(int(year), month, 1), 3)
        if base is None:
            return None, 3
        return _on(_day(base.year - 1 if month > base.month else base.year, month, 1), 3)
    if base is None:
        return None, 3
    return _relative(kind, m, base)


def _relative(kind: str, m: re.Match[str], base: dt.date) -> tuple[str | None, int] | None:
    """A cue counted from the article's day."""
    if kind == "today":
        return base.isoformat(), 1
    if kind in ("yesterday", "pastday"):
        return _on(_back(base, 1), 1)
    if kind == "daybefore":
        return _on(_back(base, 2), 1)
    if kind == "ago":
        return _ago(m, base)
    if kind in ("weekday", "cyrweekday", "lastweekday", "cyrlastweekday"):
        wanted = _weekday(kind, m)
        back = (base.weekday() - wanted) % 7  # the latest one up to the article's own day
        if kind in ("lastweekday", "cyrlastweekday"):
            back = back or 7  # "last Friday" in a Friday paper: the Friday before
        return _on(_back(base, back), 1)
    if kind == "recently":  # ACLED: a few days before the report
        return _on(_back(base, 3), 2)
    if kind == "lastweek":  # ACLED codes "last week" to that week's Thursday
        return _on(_back(base, base.weekday() + 4), 2)
    if kind == "thisweek":
        return base.isoformat(), 2
    if kind == "lastmonth":
        first = _back(base.replace(day=1), 1)
        return _on(first.replace(day=1) if first else None, 3)
    return None


def _ago(m: re.Match[str], base: dt.date) -> tuple[str | None, int] | None:
    """"3 days ago", "a week ago", «тиждень тому», «три дня назад», "a few days ago": the
    count is read from the words right before the unit."""
    unit = m["unit"]
    before = m.string[max(0, m.start() - 60):m.start()]
    per = _AGO_UNITS[unit]
    count = _COUNT_BEFORE.search(before)
    if count is not None and count["n"] is not None:
        n = read_number(count["n"])
    elif count is not None or unit in _SINGULAR:  # "a week ago", «тиждень тому»
        n = 1
    else:  # "a few days ago", «кілька днів тому», "days ago": some, not a count
        return _on(_back(base, 3 * per), 2 if per == 1 else 3)
    if n is None or n > 3660 // per:  # more than ten years back: no event's date
        return None
    if per == 30:  # months: the month, as "last month"
        month_index = base.year * 12 + base.month - 1 - n
        return _on(_day(month_index // 12, month_index % 12 + 1, 1), 3)
    return _on(_back(base, n * per), 1 if per == 1 else 2)


def _weekday(kind: str, m: re.Match[str]) -> int:
    if kind == "weekday":
        return _WEEKDAYS.index(m["wd"])
    if kind == "lastweekday":
        return _WEEKDAYS.index(m["lwd"])
    prefix = "cw" if kind == "cyrweekday" else "lw"
    return next(i for _, i in _CYR_WEEKDAYS if m[f"{prefix}{i}"])


def _month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    return _MONTH_NUM.get(name) or _CYR_MONTH_NUM[name]


_KINDS = ("iso", "dmy", "mdy", "month", "cyrdmy", "cyrmonth", "pastday", "sameday", "daybefore",
          "today", "yesterday", "ago", "lastweekday", "weekday", "cyrlastweekday", "cyrweekday",
          "lastweek", "recently", "thisweek", "lastmonth")


def _on(day: dt.date | None, precision: int) -> tuple[str | None, int] | None:
    """``(ISO day, precision)``, or None for no possible day."""
    return (day.isoformat(), precision) if day is not None else None


def _day(year: int, month: int, day: int) -> dt.date | None:
    """The day, or None when there is none ("30 February", year 0 or 99999)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _back(base: dt.date, days: int) -> dt.date | None:
    """``days`` before ``base``; None before the year 1."""
    try:
        return base - dt.timedelta(days=days)
    except OverflowError:
        return None


@lru_cache(maxsize=256)
def _parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
