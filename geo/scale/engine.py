"""The Dask engine: input partitions mapped through read -> recognise -> resolve -> GeoParquet.

Without a scheduler address it starts a local cluster (processes, one thread each); with one it
connects with a timeout, so an unreachable scheduler is a one-line error, never a hang. Each
task parses one partition and writes part ``k`` of the output itself (atomically), returning
only counts and problems, so the client holds no rows and a task re-run after a worker death
rewrites the same part: every article ends up in the output exactly once.

On an existing cluster the workers must have geo and its index installed, and see the input
and output paths (a shared file system), as with any Dask job reading files.

Example::

    from geo.scale.engine import run_dask
    summary = run_dask(["corpus/"], "out/", workers=2)
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from geo._files import check_output_dir
from geo.errors import ClusterError, GeoError, InputError
from geo.text.read import Problem

__all__ = ["DEFAULT_PARTITION_SIZE", "RunSummary", "machine_limits", "max_local_workers",
           "run_dask"]

DEFAULT_PARTITION_SIZE = 500


@dataclass(frozen=True, slots=True)
class RunSummary:
    """Counts and timings of a finished run."""

    out_dir: str
    scheduler: str
    workers: int
    partitions: int
    articles: int
    mentions: int
    problems: int  # reported inputs (or parts of them) that were skipped
    seconds: float  # connect/start + parse + write
    task_seconds: float  # summed over partitions: read + parse + write inside the tasks
    task_cpu_seconds: float  # the CPU time of the same
    peak_rss: dict[int, int] = field(default_factory=dict)  # worker pid -> peak bytes

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0


def run_dask(
    sources: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    connect_timeout: float = 5.0,
    on_problem: Callable[[Problem], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    overwrite: bool = True,
) -> RunSummary:
    """Parse ``sources`` on a Dask cluster into partitioned GeoParquet under ``out_dir``.

    ``on_problem`` receives every reported input problem (with file line numbers),
    ``on_progress`` the number of articles of each finished partition. Raises
    :class:`ClusterError` when the scheduler cannot be reached within ``connect_timeout``
    seconds, and re-raises what a task raised (e.g. a worker with no gazetteer index).
    Without ``overwrite`` a non-empty ``out_dir`` is refused before any work
    (:class:`~geo.errors.OutputError`).
    """
    distributed = _import_distributed()
    from geo.scale.inputs import plan_partitions
    from geo.scale.parquet import prepare_dir, write_manifest
    from geo.scale.worker import OpenGazetteer, parse_partition

    if workers is not None and workers < 1:
        raise InputError(f"--workers must be positive, got {workers}")
    check_output_dir(out_dir, overwrite=overwrite)
    report = on_problem or (lambda problem: None)
    problems = 0

    def count(problem: Problem) -> None:
        nonlocal problems
        problems += problem.severity == "error"
        report(problem)

    started = time.perf_counter()
    parts = plan_partitions(sources, size=partition_size, on_problem=count)
    with _Connection(distributed, scheduler, workers, connect_timeout) as (client, address):
        client.register_plugin(OpenGazetteer())
        n_workers = len(client.scheduler_info(n_workers=-1)["workers"])
        # an earlier run's output goes only now
        out = prepare_dir(os.path.abspath(out_dir), overwrite=overwrite)
        run = f"geo-parse-{os.getpid()}-{time.time_ns()}"
        futures = client.map(parse_partition, parts, out_dir=str(out), pure=False,
                             key=[f"{run}-{p.index}" for p in parts])
        done: dict[int, Any] = {}
        for future in distributed.as_completed(futures, loop=client.loop):
            result = future.result()
            if result.index in done:  # recomputed after its worker died: counted once
                continue
            done[result.index] = result
            for problem in result.problems:
                count(problem)
            if on_progress is not None:
                on_progress(result.articles)
    results = [done[i] for i in sorted(done)]
    peak: dict[int, int] = {}
    for r in results:
        peak[r.pid] = max(peak.get(r.pid, 0), r.peak_rss)
    summary = RunSummary(
        out_dir=str(out), scheduler=address, workers=n_workers, partitions=len(parts),
        articles=sum(r.articles for r in results), mentions=sum(r.mentions for r in results),
        problems=problems, seconds=time.perf_counter() - started,
        task_seconds=sum(r.seconds for r in results),
        task_cpu_seconds=sum(r.cpu_seconds for r in results), peak_rss=peak)
    write_manifest(out, engine="dask", partitions=summary.partitions,
                   articles=summary.articles, mentions=summary.mentions,
                   problems=summary.problems)
    return summary


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise GeoError("--engine dask needs the [scale] extra: pip install 'geo[scale]'") from exc
    return distributed


class _Connection:
    """Context manager: a client on ``scheduler``, or on a new local cluster; both closed."""

    def __init__(self, distributed: Any, scheduler: str | None, workers: int | None,
                 timeout: float) -> None:
        self.distributed, self.scheduler, self.workers = distributed, scheduler, workers
        self.timeout = timeout
        self.cluster: Any = None
        self.client: Any = None

    def __enter__(self) -> tuple[Any, str]:
        d = self.distributed
        if self.scheduler is None:
            import logging

            n = min(self.workers or _cores(), max_local_workers())
            self.cluster = d.LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, silence_logs=logging.CRITICAL,
                # no dashboard; its HTTP server on a free port, not a clash on 8787
                dashboard_address=None, scheduler_kwargs={"dashboard_address": ":0"})
            self.client = d.Client(self.cluster, set_as_default=False)
            return self.client, self.cluster.scheduler_address
        _probe(self.scheduler, self.timeout)
        try:
            self.client = d.Client(self.scheduler, timeout=self.timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(f"cannot connect to the Dask scheduler at {self.scheduler} "
                               f"({_reason(exc)})") from None
        want = self.workers or 1
        try:
            self.client.wait_for_workers(want, timeout=max(self.timeout, 60))
        except TimeoutError:
            self.client.close()
            raise ClusterError(f"the Dask scheduler at {self.scheduler} has fewer than {want} "
                               "worker(s)") from None
        return self.client, self.scheduler

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


#: memory one local worker needs: its measured peak was 331 MB on 20k articles
#: (benchmarks/bench_scale.py, README), rounded up for the articles' own size
WORKER_MEMORY = 512 * 2**20


def machine_limits() -> tuple[int, int]:
    """(usable cores, available memory in bytes) of this machine."""
    available = None
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    available = int(line.split()[1]) * 1024
                    break
    except (OSError, ValueError, IndexError):
        pass
    if available is None:
        try:
            available = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        except (ValueError, OSError, AttributeError):
            available = WORKER_MEMORY * _cores()
    return _cores(), available


def max_local_workers() -> int:
    """How many worker processes a local cluster may start here: one per usable core, and no
    more than the available memory holds (at least one). More processes than cores only
    compete for them; more than memory holds get killed (``--workers 1000`` hung before)."""
    cores, memory = machine_limits()
    return max(1, min(cores, memory // WORKER_MEMORY))


def _cores() -> int:
    """Cores this process may use (all of them where affinity is unknown)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def _probe(address: str, timeout: float) -> None:
    """Ask ``address`` who it is, within ``timeout`` s; :class:`ClusterError` if no scheduler.

    Done before making a Client: a Client whose start fails half-way blocks for 10 s when it is
    garbage-collected, and prints a traceback.
    """
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from distributed.comm import connect

    async def identity() -> Any:
        comm = await connect(address, timeout=timeout)
        try:
            await comm.write({"op": "identity", "reply": True})
            return await comm.read()
        finally:
            comm.abort()

    def ask() -> Any:
        return asyncio.run(asyncio.wait_for(identity(), timeout))

    try:
        # on a thread of its own: the caller's thread may already run an event loop (Jupyter,
        # Playwright's sync API), where asyncio.run refuses to start
        with ThreadPoolExecutor(max_workers=1) as pool:
            reply = pool.submit(ask).result()
    except (OSError, TimeoutError, ValueError) as exc:  # refused, timed out, bad address
        raise ClusterError(f"cannot reach the Dask scheduler at {address} within {timeout:g} s "
                           f"({_reason(exc)})") from None
    except Exception as exc:  # no Dask answer: a proxy's HTTP error, garbage, a TLS mismatch
        raise ClusterError(f"no Dask scheduler answered at {address}: the connection was "
                           f"accepted but nothing replied in Dask's protocol ({_reason(exc)})"
                           ) from None
    if not isinstance(reply, dict) or reply.get("type") != "Scheduler":
        kind = reply.get("type") if isinstance(reply, dict) else type(reply).__name__
        raise ClusterError(f"{address} answered in Dask's protocol but is not a scheduler "
                           f"(it is a {kind!s:.40})")


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return (text[:160] + ("..." if len(text) > 160 else "")) or type(exc).__name__
