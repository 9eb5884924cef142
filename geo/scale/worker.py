"""What runs on a Dask worker: open the gazetteer once per process, parse and write a partition.

Imported by the engine only (it needs ``distributed``). The gazetteer is never pickled: each
worker process opens its own index (``GEO_INDEX_DIR`` / ``GEO_HOME`` as the worker sees them)
the first time it needs it, and keeps it for every later task.
"""

from __future__ import annotations

import os
import resource
import time
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from distributed.diagnostics.plugin import WorkerPlugin

from geo.scale.inputs import Partition, read_partition
from geo.text.read import Problem

if TYPE_CHECKING:
    from geo.gazetteer import Gazetteer


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """What a finished partition reports back (its rows are already on disk)."""

    index: int
    articles: int
    mentions: int
    problems: tuple[Problem, ...]
    seconds: float
    cpu_seconds: float  # CPU time of this task in the worker process
    pid: int
    peak_rss: int  # bytes: the worker process's peak resident memory so far


@cache
def worker_gazetteer() -> Gazetteer:
    """This process's gazetteer, opened on first use (never built here: workers would race)."""
    from geo.gazetteer import Gazetteer

    return Gazetteer.open()


class OpenGazetteer(WorkerPlugin):
    """Opens the index when a worker joins, so a worker without one fails before any task."""

    name = "geo-gazetteer"

    def setup(self, worker) -> None:
        worker_gazetteer()


def parse_partition(part: Partition, out_dir: str) -> PartitionResult:
    """Read, recognise, resolve and write one partition (a Dask task)."""
    from geo.pipeline import parse_articles
    from geo.scale.parquet import write_part

    started, cpu = time.perf_counter(), time.process_time()
    problems: list[Problem] = []
    articles = read_partition(part, on_problem=problems.append)
    n_articles, n_mentions = write_part(
        parse_articles(articles, gazetteer=worker_gazetteer(), on_problem=problems.append),
        out_dir, part.index)
    return PartitionResult(
        index=part.index, articles=n_articles, mentions=n_mentions, problems=tuple(problems),
        seconds=time.perf_counter() - started, cpu_seconds=time.process_time() - cpu,
        pid=os.getpid(), peak_rss=peak_rss())


def peak_rss() -> int:
    """This process's peak resident memory in bytes.

    ``VmHWM`` where /proc has it: ``ru_maxrss`` survives exec, so a worker spawned by a big
    client process would report the client's size.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
