"""One real event reported by several sources: reports grouped, each group counted.

Two reports are one event when they have the same event type, compatible sub-types (the same,
or one of them unknown), the same actor 1 when both name one (the attacker or initiator:
Russia striking Kharkiv and Ukraine striking Kharkiv on one day are two events), points within
25 km (150 km when either is located only to an oblast, geo precision 3) and dates within the
looser time precision's window (1 day at precision 1, 7 at 2, 31 at 3): the matching rule of
``shared/eval/README.md``, which says what "the same event" means for ACLED-style coding, plus
the two codings a report of the same event shares with it. Reports of one article are never
grouped (the extractor already made them one event when they were); nor are two imported rows
(a dataset lists distinct events): an article's report can join a dataset's row.

A report joins a group only when it is the same event as *every* report already in it, not
just the first: "the same event" is a relation between two reports that is not transitive
(a report 20 km north of the first and one 20 km south are 40 km apart; 03-10 is within a
week of 03-14 and 03-14 of 03-18), so comparing with one representative lets a group drift
into several events while it grows, and the order the reports come in decides which. Every
pair of a group's reports meets the rule instead. A :class:`Group` compares a new report
with each distinct telling once, however many reports repeat it, so a hot spot's group of
hundreds of reports costs a few comparisons too.

The first report of a group (in the order given: the store lists by date) stands for it:
its point, date, type and region are where the real event is counted (``geo regions stats``,
``geo events export``, ``geo frontline near``, the map), once, with the group's sources and
reports beside it. Its confidence is :func:`merged_confidence`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from geo.geodesy import distance_km, great_circle_km
from geo.model import Event

__all__ = ["MAX_SLACK_DAYS", "Corroborated", "Group", "actor_key", "corroborate", "days_apart",
           "merged_confidence", "same_event", "standing_reports", "stored_groups",
           "with_sources"]

NEAR_KM = 25.0
OBLAST_KM = 150.0
_SLACK_DAYS = {1: 1, 2: 7, 3: 31}
#: the widest window: reports further apart are never one event
MAX_SLACK_DAYS = max(_SLACK_DAYS.values())


@dataclass(frozen=True, slots=True)
class Corroborated:
    """An event and every report of it (itself first)."""

    event: Event
    reports: tuple[Event, ...]

    @property
    def sources(self) -> int:
        """How many distinct articles or datasets report it."""
        return len({r.article_id or f"{r.source}:{r.id}" for r in self.reports})


def corroborate(events: Sequence[Event]) -> list[Corroborated]:
    """The events grouped into real events, in the order of their first report. Events come
    in date order (as the store lists them); a group stays open for 31 days of dates."""
    groups: list[Group] = []
    by_type: dict[str, list[int]] = {}
    for e in events:
        open_groups = by_type.setdefault(e.event_type, [])
        day = _date(e.date)
        if day is not None:  # in date order, a group a month older is closed for good
            while open_groups and (first := _date(groups[open_groups[0]].reports[0].date)) \
                    is not None and (day - first).days > 31:
                open_groups.pop(0)
        for g in open_groups:
            if groups[g].admits(e):
                groups[g].add(e)
                break
        else:
            open_groups.append(len(groups))
            groups.append(Group([e]))
    return [Corroborated(g.reports[0], tuple(g.reports)) for g in groups]


class Group:
    """The reports of one real event as the rule reads them: the sources it holds, and one
    report for each distinct telling (what :func:`_pair` compares: type, sub-type, actor 1,
    date and its precision, point and its precision). A report joins when its source is
    new and it is the same event as each telling, so a check costs one comparison per
    telling, not per report: news repeats an event's telling in report after report, and
    a hot spot's groups grow to hundreds of reports."""

    def __init__(self, reports: Iterable[Event] = ()) -> None:
        self.reports: list[Event] = []
        self._sources: set[str] = set()
        self._tellings: dict[tuple, Event] = {}
        for r in reports:
            self.add(r)

    def add(self, e: Event) -> None:
        self.reports.append(e)
        # every imported row counts as one source, "": a dataset codes distinct events, and
        # an ACLED row's ``source`` is the outlet it cites, not the dataset, so it cannot tell
        # two datasets apart; an article's report may still join a dataset's row
        self._sources.add(e.article_id or "")
        self._tellings.setdefault(_telling(e), e)

    def admits(self, e: Event) -> bool:
        """Whether ``e`` reports this real event (:func:`same_event`)."""
        return (e.article_id or "") not in self._sources and \
            all(_pair(r, e) for r in self._tellings.values())


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def same_event(group: Sequence[Event] | Group, e: Event) -> bool:
    """Whether ``e`` reports the real event whose reports are ``group``: the rule above
    against each of them, and a source the group does not hold yet."""
    return (group if isinstance(group, Group) else Group(group)).admits(e)


def _telling(r: Event) -> tuple:
    """What :func:`_pair` reads of a report: reports of one event mostly agree on it."""
    return (r.sub_event_type, r.actors[:1], r.date, r.time_precision, r.lat, r.lon,
            r.geo_precision, r.event_type)


def _pair(a: Event, b: Event) -> bool:
    """Whether two reports of other sources tell of one real event."""
    if a.event_type != b.event_type:
        return False
    if a.sub_event_type and b.sub_event_type and a.sub_event_type != b.sub_event_type:
        return False
    one, other = actor_key(a), actor_key(b)
    if one and other and one != other:
        return False
    days = days_apart(a.date, b.date)
    if days is None or days > _SLACK_DAYS.get(max(a.time_precision, b.time_precision), 31):
        return False
    radius = OBLAST_KM if max(a.geo_precision, b.geo_precision) >= 3 else NEAR_KM
    # the sphere is within 0.6 % of the ellipsoid: only a point near the radius needs the
    # (twenty times slower) geodesic
    km = great_circle_km(a.lat, a.lon, b.lat, b.lon)
    if abs(km - radius) > 0.01 * radius:
        return km <= radius
    return distance_km(a.lat, a.lon, b.lat, b.lon) <= radius


_ACTIVE_YEARS = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)\s*$")


def actor_key(event: Event) -> str:
    """Actor 1 of a report as compared: case folded, without the years ACLED appends to a
    force ("Military Forces of Russia (2000-)"), so a dataset row and an article agree;
    "" when the report names none."""
    return _actor_key(event.actors[0]) if event.actors else ""


@lru_cache(maxsize=4096)
def _actor_key(name: str) -> str:
    return _ACTIVE_YEARS.sub("", name).strip().casefold()


def days_apart(a: str | None, b: str | None) -> int | None:
    """Days between two ISO dates (their first ten characters), None if either is missing."""
    if not a or not b:
        return None
    first, second = _ordinal(a[:10]), _ordinal(b[:10])
    return None if first is None or second is None else abs(first - second)


@lru_cache(maxsize=4096)
def _ordinal(day: str) -> int | None:
    """The day number of an ISO date (a store compares the same few dates many times)."""
    try:
        return dt.date.fromisoformat(day).toordinal()
    except ValueError:
        return None




def stored_groups(reports: Sequence[Event],
                  sources: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]) -> list[Event]:
    """One event per real event among stored ``reports`` (grouped by :attr:`Event.group` as
    the store joined them on insert), in the order of their first report shown: the group's
    first report (else the first shown) with every source of the group
    (``sources``: group -> (source ids, links), :meth:`geo.Store.event_sources`) and the
    confidence of :func:`merged_confidence` over its reports shown."""
    by_group = _by_group(reports)
    out = []
    for gid, group in by_group.items():
        lead = _standing(gid, group)
        ids, urls = sources.get(gid, ((), ()))
        out.append(replace(lead, sources=ids, source_urls=urls,
                           confidence=merged_confidence(r.confidence for r in group)))
    return out


def standing_reports(reports: Sequence[Event]) -> dict[str, Event]:
    """{group id: the report standing for that real event} among stored ``reports``: the
    group's first report, else the first shown (as :func:`stored_groups` chooses), so that
    a real event is placed (its side of the line, its region) where that one report is."""
    return {gid: _standing(gid, group) for gid, group in _by_group(reports).items()}


def _by_group(reports: Sequence[Event]) -> dict[str, list[Event]]:
    by_group: dict[str, list[Event]] = {}
    for r in reports:
        by_group.setdefault(r.group or r.id, []).append(r)
    return by_group


def _standing(gid: str, group: list[Event]) -> Event:
    return next((r for r in group if r.id == gid), group[0])


def merged_confidence(confidences: Iterable[float | None]) -> float | None:
    """The confidence of a real event from those of its reports: the highest (None when no
    report has one, as for imported rows).

    Each report's confidence is the chance that its own extraction is right, calibrated per
    article (``geo events eval``). The real event is right when at least one report is, and
    P(at least one) lies between the highest single chance (reports that copy one another:
    agencies' wires, outlets rewriting one ministry statement) and noisy-OR,
    ``1 - prod(1 - p)`` (fully independent reports). Which of the two holds depends on how
    the outlets depend on one another, which nothing here measures, and the evaluation set
    holds one article per event, so no corroboration bonus can be fitted or checked. The
    highest is a lower bound of that chance whatever the dependence is (never an
    overstatement for a wire story repeated ten times), so it is the figure given; how many
    sources agree is shown beside it (``sources``, ``reports``) for the reader to weigh.
    The merge itself (same type, nearby place, dates within precision) can join two
    distinct events; the confidence does not cover that."""
    known = [float(p) for p in confidences if p is not None]
    return max(known) if known else None


def with_sources(reports: Sequence[Event],
                 sources: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]) -> list[Event]:
    """Each stored report with the sources of the real event it reports."""
    return [replace(r, sources=sources.get(r.group or r.id, ((), ()))[0],
                    source_urls=sources.get(r.group or r.id, ((), ()))[1]) for r in reports]
