"""Measure a series of snapshot files: read, repair, clip to the border and project each one,
in parallel processes when the series is long enough for that to pay.

Each file becomes a :class:`Measured` record: its areas in km² and its clipped occupied area in
the run's equal-area projection (what changes are computed from). A file that cannot be read
becomes a ``(path, reason)`` pair and the rest go on.

Files with the same bytes are measured once: archives repeat a day's map unchanged under the
next day's name (DeepState's site is archived once per publication, and a day without news
publishes the same map). What a copy's name changes (its date, when the date is in the name,
and a source named after the file) is derived from the name, as reading it would. Not with
``--date``, whose notes name each file's own date, nor for shapefiles (their .dbf sits beside).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
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
    date_from: str = ""  # where the date came from: "property", "file name", "--date", ...


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
                    max(whole.area - occ.area, 0.0) / 1e6, occ, s.notes, s.date_from)


_SETUP: Setup | None = None


def _init(setup: Setup) -> None:
    global _SETUP
    _SETUP = setup


def _measure_path(path: str) -> tuple[list[Measured], str, Any]:
    """(records, reason or "", the file's source clues or None)."""
    from geo.frontline.load import read_or_reason

    assert _SETUP is not None
    clues: list[Any] = []
    snaps, reason = read_or_reason(path, date=_SETUP.date, source=_SETUP.source, clues=clues)
    out = []
    for snap in snaps:
        try:
            out.append(measure_snapshot(snap, _SETUP))
        except Exception as exc:  # a geometry error in one snapshot: reported, never fatal
            why = " ".join(str(exc).split())[:160]
            reason = f"{path}: cannot measure ({type(exc).__name__}: {why})"
    return out, reason, clues[0] if clues else None


def measure_files(
    paths: Sequence[str],
    setup: Setup,
    *,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[Measured], list[tuple[str, str]]]:
    """Measure every file; (records sorted by date, [(path, reason) of files skipped]).
    Files with the same bytes are measured once (see the module's docs)."""
    n = len(paths)
    copies = same_bytes(paths) if setup.date is None else {str(p): [] for p in paths}
    firsts = list(copies)
    workers = default_workers() if workers is None else max(1, workers)
    results: Iterable[tuple[list[Measured], str, Any]]
    pool = None
    if workers > 1 and len(firsts) >= PARALLEL_FROM:
        pool = ProcessPoolExecutor(workers, initializer=_init, initargs=(setup,))
        results = pool.map(_measure_path, firsts,
                           chunksize=max(1, min(16, len(firsts) // (workers * 8))))
    else:
        results = map(_measure_path, firsts)
    _init(setup)  # this process measures the copies a name makes differ (rare)
    measured: list[Measured] = []
    failed: list[tuple[str, str]] = []
    done = 0
    try:
        for path, (got, reason, clues) in zip(firsts, results, strict=True):
            for p, (g, r) in [(path, (got, reason)),
                              *((c, _copy(got, reason, clues, c, setup)) for c in copies[path])]:
                measured.extend(g)
                if r:
                    failed.append((p, r))
                done += 1
                if progress is not None:
                    progress(done, n)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    measured.sort(key=lambda m: (m.date, m.path))
    return measured, failed


#: Formats whose one file holds everything read from it (a shapefile's .dbf and .prj sit
#: beside it, so two .shp of the same bytes may still differ).
_SELF_CONTAINED = (".geojson", ".json", ".geojsonl", ".kml", ".kmz", ".gpkg", ".fgb", ".zip")


def same_bytes(paths: Sequence[str]) -> dict[str, list[str]]:
    """``{first path: [later paths with the same bytes]}`` in the order given (SHA-256 of the
    content; files that cannot be read, and shapefiles, stand alone)."""
    first_of: dict[bytes, str] = {}
    out: dict[str, list[str]] = {}
    for path in map(str, paths):
        digest = None
        if path.lower().endswith(_SELF_CONTAINED):
            try:
                with open(path, "rb") as fh:
                    digest = hashlib.file_digest(fh, "sha256").digest()
            except OSError:
                digest = None
        if digest is not None and digest in first_of:
            out[first_of[digest]].append(path)
            continue
        if digest is not None:
            first_of[digest] = path
        out.setdefault(path, [])
    return out


def _copy(got: list[Measured], reason: str, clues: Any, path: str,
          setup: Setup) -> tuple[list[Measured], str]:
    """The records of a file with the same bytes as one measured (``got``) under another
    name: its date from its own name where the first's came from the name, its source as
    reading it would name it. Read on its own when the name alone cannot tell (no date in
    it, a date in the future, or the first could not be read: the reason may be the name)."""
    from geo.frontline.load import date_from_name

    if reason or clues is None:
        got2, reason2, _ = _measure_path(path)
        return got2, reason2
    out = []
    for m in got:
        day = m.date
        if m.date_from == "file name":
            day = date_from_name(os.path.basename(path))
            if day is None or day > _dt.date.today():
                got2, reason2, _ = _measure_path(path)
                return got2, reason2
        out.append(dataclasses.replace(m, date=day, path=path,
                                       source=setup.source or clues.source(path)))
    return out, ""


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
