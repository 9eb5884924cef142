"""A whole series of snapshot files measured in one run: what ``geo frontline stats`` does.

Find the border (and oblasts), measure every file (in parallel for long series), then the
areas, changes and periods. A bad file is left out with its reason; nothing else stops.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from geo.frontline.measure import (
    Measured,
    Setup,
    measure_files,
    measure_snapshot,
    progress_bar,
)
from geo.frontline.model import FrontStats, Snapshot


@dataclass(frozen=True, slots=True)
class Series:
    """The measured snapshots, the files skipped with their reasons, and the statistics
    (None when nothing could be measured)."""

    measured: tuple[Measured, ...]
    failed: tuple[tuple[str, str], ...]
    stats: FrontStats | None


def measure_series(
    paths: Sequence[str],
    *,
    country: str | None = "UA",
    date: _dt.date | None = None,
    source: str | None = None,
    by: str | None = None,
    by_region: bool = False,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    warnings: list[str] | None = None,
    snapshots: Sequence[Snapshot] = (),
) -> Series:
    """Measure ``paths`` (and ``snapshots`` already read, e.g. from the store) against
    ``country``'s border (unclipped, with a warning, when the gazetteer has none).
    ``progress`` defaults to a bar on a terminal's stderr."""
    from geo.frontline.stats import CENTRES, equal_area_crs, resolve_border, stats_from_measured

    warnings = [] if warnings is None else warnings
    paths = _once(paths, warnings)
    border = resolve_border(country, None, None, warnings) if country else None
    if country and border is None:
        warnings.append(f"areas not clipped to {country}'s border: occupied areas the source "
                        "draws elsewhere count too")
    if border is not None:
        c = CENTRES.get(border.cc)
        if c is None:
            ctr = border.geometry.envelope.centroid
            c = (round(ctr.y, 3), round(ctr.x, 3))
        crs = equal_area_crs(*c)
    else:
        crs = ""
    if not crs:  # no border: centre on the files themselves, read once more for their extent
        crs = _crs_of_files(paths, country, date, source, snapshots)
    setup = Setup(crs, None if border is None else border.geometry, date, source)
    measured, failed = measure_files(list(paths), setup, workers=workers,
                                     progress=progress if progress is not None else
                                     progress_bar())
    if snapshots:
        measured = sorted([*measured, *(measure_snapshot(s, setup) for s in snapshots)],
                          key=lambda m: (m.date, m.path))
    _warn_shared_dates(measured, warnings)
    stats = None
    if measured:
        stats = stats_from_measured(measured, country=country, crs=crs, border=border, by=by,
                                    by_region=by_region)
    return Series(tuple(measured), tuple(failed), stats)


def _once(paths: Sequence[str], warnings: list[str]) -> list[str]:
    """Each file once: a path named twice (a shell glob and a name) would be a change of 0."""
    seen: set[str] = set()
    kept: list[str] = []
    for p in paths:
        key = os.path.realpath(p)
        if key in seen:
            warnings.append(f"{p} is named more than once; measured once")
            continue
        seen.add(key)
        kept.append(p)
    return kept


def _warn_shared_dates(measured: Sequence[Measured], warnings: list[str]) -> None:
    """Two snapshots of one day are two sources, not two days: the change between them is a
    difference of drawing, which the user should know before reading it as ground moved."""
    by_day: dict[_dt.date, list[str]] = {}
    for m in measured:
        by_day.setdefault(m.date, []).append(m.path)
    for day, names in sorted(by_day.items()):
        if len(names) > 1:
            warnings.append(f"{len(names)} snapshots share the date {day} ("
                            + ", ".join(os.path.basename(n) for n in names)
                            + "): the change between them is between sources, not days")


def _crs_of_files(paths: Sequence[str], country: str | None, date, source,
                  snapshots: Sequence[Snapshot]) -> str:
    from geo.frontline.load import read_or_reason
    from geo.frontline.stats import CENTRES, equal_area_crs, stats_crs

    if country and country.upper() in CENTRES:
        return stats_crs([], country)
    snaps = list(snapshots)
    for p in paths:
        got, _ = read_or_reason(p, date=date, source=source)
        snaps.extend(got)
    return stats_crs(snaps, None) if snaps else equal_area_crs(0.0, 0.0)
