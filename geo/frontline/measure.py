"""Measure a series of snapshot files: read, repair, clip to the border and project each one,
in parallel processes when the series is long enough for that to pay.

Each file becomes a :class:`Measured` record: its areas in km² and its clipped occupied area in
the run's equal-area projection (what changes are computed from). A file that cannot be read
becomes a ``(path, reason)`` pair and the rest go on.
"""

from __future__ import annotations

import datetime as _dt
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from geo.frontline.model import Snapshot

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

#: Below this many files one process is quicker than starting workers (measured: a pool costs
#: ~1 s to start with shapely and pyproj imported, a raw DeepState file ~0.2 s to measure).
PARALLEL_FROM = 12


@dataclass(frozen=True, slots=True)
class Measured:
    """One snapshot's areas (km², inside the border when there is one) and its clipped
    occupied area projected (metres, the run's CRS) for the changes."""

    date: _dt.date
    source: str
    path: str
    occupied_km2: float
    occupied_since_2022_km2: float | None  # None: the source does not draw pre-2022 apart
    grey_zone_km2: float | None
    outside_km2: float  # occupied area the source drew outside the border (clipped off)
    geometry: BaseGeometry = field(repr=False)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Setup:
    """What every worker needs: the CRS, the border (lon/lat, or None) and the reading flags."""

    crs: str
    border: BaseGeometry | None
    date: _dt.date | None = None
    source: str | None = None


def measure_snapshot(snap: Snapshot, setup: Setup) -> Measured:
    """Clip ``snap`` to the border, project it, and measure its areas."""
    from geo.frontline.border import clip
    from geo.frontline.stats import project

    whole = project(snap.occupied, setup.crs)
    s = clip(snap, setup.border) if setup.border is not None else snap
    occ = project(s.occupied, setup.crs) if s is not snap else whole
    since = None
    if s.occupied_before_2022 is not None:
        since = occ.difference(project(s.occupied_before_2022, setup.crs)).area / 1e6
    grey = None if s.grey_zone is None else project(s.grey_zone, setup.crs).area / 1e6
    return Measured(s.date, s.source, s.path, occ.area / 1e6, since, grey,
                    max(whole.area - occ.area, 0.0) / 1e6, occ, s.notes)


_SETUP: Setup | None = None


def _init(setup: Setup) -> None:
    global _SETUP
    _SETUP = setup


def _measure_path(path: str) -> tuple[list[Measured], str]:
    from geo.frontline.load import read_or_reason

    assert _SETUP is not None
    snaps, reason = read_or_reason(path, date=_SETUP.date, source=_SETUP.source)
    out = []
    for snap in snaps:
        try:
            out.append(measure_snapshot(snap, _SETUP))
        except Exception as exc:  # a geometry error in one snapshot: reported, never fatal
            why = " ".join(str(exc).split())[:160]
            reason = f"{path}: cannot measure ({type(exc).__name__}: {why})"
    return out, reason


def measure_files(
    paths: Sequence[str],
    setup: Setup,
    *,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[Measured], list[tuple[str, str]]]:
    """Measure every file; (records sorted by date, [(path, reason) of files skipped])."""
    n = len(paths)
    workers = default_workers() if workers is None else max(1, workers)
    results: Iterable[tuple[list[Measured], str]]
    pool = None
    if workers > 1 and n >= PARALLEL_FROM:
        pool = ProcessPoolExecutor(workers, initializer=_init, initargs=(setup,))
        results = pool.map(_measure_path, paths, chunksize=max(1, min(16, n // (workers * 8))))
    else:
        _init(setup)
        results = map(_measure_path, paths)
    measured: list[Measured] = []
    failed: list[tuple[str, str]] = []
    try:
        for i, (path, (got, reason)) in enumerate(zip(paths, results, strict=True), 1):
            measured.extend(got)
            if reason:
                failed.append((str(path), reason))
            if progress is not None:
                progress(i, n)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    measured.sort(key=lambda m: (m.date, m.path))
    return measured, failed


def default_workers() -> int:
    """Processes to use: the CPUs this process may run on (at most 8)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    return max(1, min(8, cpus))


def progress_bar(stream: Any = None) -> Callable[[int, int], None] | None:
    """A tqdm progress bar on stderr when it is a terminal (None otherwise)."""
    stream = stream or sys.stderr
    if not getattr(stream, "isatty", lambda: False)():
        return None
    from tqdm import tqdm

    bar = None

    def show(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, desc="snapshots", unit="file", file=stream, smoothing=0.1)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return show
