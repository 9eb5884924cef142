"""Reading what to count or draw from a store: mention points and events."""

from __future__ import annotations

from typing import Any

from geo.model import Event
from geo.regions.stats import Points, mention_points


def store_mention_points(store: Any, *, since: str | None = None,
                         until: str | None = None) -> Points:
    """The store's mentions as points, summed per (place, article date)."""
    from geo.store.queries import LISTING_COLUMNS, Filters, iso_date

    filters = Filters(None, iso_date(since, what="since"), iso_date(until, what="until"))
    rows = store.mention_rows(filters, listing=True)
    pid, date = LISTING_COLUMNS.index("place_id"), LISTING_COLUMNS.index("date")
    pairs = [(r[pid], r[date]) for r in rows]
    return mention_points(pairs, store.place_info({p for p, _ in pairs}))


def store_events(store: Any, *, since: str | None = None, until: str | None = None,
                 corroborated: bool = False) -> list[Event]:
    """The store's events as :class:`Event` records: every report, or with ``corroborated``
    one per real event carrying all its sources (as ``geo events`` lists them)."""
    from geo.events.corroborate import stored_groups
    from geo.store.event_queries import EVENT_COLUMNS, row_event

    rows = store.event_rows(since=since, until=until)
    at = EVENT_COLUMNS.index("place_id")
    places = store.place_info({r[at] for r in rows if r[at] is not None})
    reports = [row_event(r, places) for r in rows]
    if not corroborated:
        return reports
    return stored_groups(reports, store.event_sources(r.group or r.id for r in reports))
