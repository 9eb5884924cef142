"""Faults with real processes: SIGKILL mid-ingest, two writers at once, a full disk."""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import threading
import time

import pytest

from geo.errors import GeoError
from geo.store import Store
from tests.test_store_fixtures import (
    KRAMATORSK,
    MYRNOHRAD,
    POKROVSK,
    ROOT,
    geo_cmd,
    parsed,
    run_geo,
    write_parsed,
)

PLACES = [POKROVSK, MYRNOHRAD, KRAMATORSK]


def _articles(lo: int, hi: int, *, pad: int = 0):
    for i in range(lo, hi):
        pa = parsed(f"art{i:06d}", PLACES, date=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}")
        if pad:
            body = pa.article.text + " " + "z" * pad
            pa = type(pa)(type(pa.article)(**{**pa.article.to_dict(), "text": body}),
                          pa.mentions)
        yield pa


def _state(db) -> tuple[int, int, int, str]:
    conn = sqlite3.connect(db)
    try:
        arts = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        ments = conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
        distinct = conn.execute(
            "SELECT count(*) FROM (SELECT DISTINCT article_id, start FROM mentions)").fetchone()[0]
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        return arts, ments, distinct, ok
    finally:
        conn.close()


def _env() -> dict[str, str]:
    return {**os.environ, "GEO_INDEX_DIR": "/nonexistent"}


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun_completes_without_duplicates(tmp_path):
    total = 6000
    src = write_parsed(tmp_path / "in.jsonl", _articles(0, total))
    db = tmp_path / "geo.db"
    proc = subprocess.Popen(geo_cmd("ingest", "--parsed", str(src), "--db", str(db),
                                    "--batch", "50"), cwd=ROOT, env=_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    committed = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
        if db.exists():
            try:
                committed = sqlite3.connect(db).execute(
                    "SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.Error:
                continue  # not created yet
            if committed >= 500:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert proc.returncode == -signal.SIGKILL, "ingest finished before it could be killed"
    arts, ments, distinct, ok = _state(db)
    assert ok == "ok"
    assert 500 <= arts < total and arts % 50 == 0  # whole batches only
    assert ments == distinct == 3 * arts  # no article half-written
    again = run_geo("ingest", "--parsed", str(src), "--db", str(db), "--json", timeout=120)
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout)
    assert (summary["unchanged"], summary["added"]) == (arts, total - arts)
    assert _state(db) == (total, 3 * total, 3 * total, "ok")


@pytest.mark.slow
def test_two_processes_ingesting_at_once(tmp_path):
    a = write_parsed(tmp_path / "a.jsonl", _articles(0, 3000))
    b = write_parsed(tmp_path / "b.jsonl", _articles(1500, 4500))  # half of it overlaps
    db = tmp_path / "geo.db"
    procs = [subprocess.Popen(geo_cmd("ingest", "--parsed", str(src), "--db", str(db),
                                      "--batch", "20", "--json"), cwd=ROOT, env=_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for src in (a, b)]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
    added = sum(json.loads(out)["added"] for out, _ in outs)
    unchanged = sum(json.loads(out)["unchanged"] for out, _ in outs)
    assert (added, unchanged) == (4500, 1500)
    assert _state(db) == (4500, 3 * 4500, 3 * 4500, "ok")


def test_full_disk_exits_2_and_keeps_earlier_batches(tmp_path):
    db = tmp_path / "geo.db"
    first = write_parsed(tmp_path / "first.jsonl", _articles(0, 100))
    assert run_geo("ingest", "--parsed", str(first), "--db", str(db)).returncode == 0
    before = _state(db)
    sizes = [p.stat().st_size for p in tmp_path.glob("geo.db*")]
    limit = max(sizes) + 256 * 1024

    def tiny_disk() -> None:  # a file-size limit: writes past it fail with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    big = write_parsed(tmp_path / "big.jsonl", _articles(100, 400, pad=20_000))
    out = subprocess.run(geo_cmd("ingest", "--parsed", str(big), "--db", str(db),
                                 "--batch", "10"),
                         cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=120,
                         preexec_fn=tiny_disk)
    assert out.returncode == 2, out.stderr
    assert out.stderr.startswith("geo: error: ") and out.stderr.count("\n") == 1
    assert "committed before this one are kept" in out.stderr
    arts, ments, distinct, ok = _state(db)
    assert ok == "ok" and arts >= before[0] and ments == distinct == 3 * arts
    # with room again, the same command finishes the job
    again = run_geo("ingest", "--parsed", str(big), "--db", str(db))
    assert again.returncode == 0, again.stderr
    assert _state(db) == (400, 1200, 1200, "ok")


def test_connections_creating_one_new_store_at_once_all_open_it(tmp_path):
    # four connections race to create the same new file: each must find either nothing or the
    # finished schema, never a half-read one ("not a geo store"), and none may give up on a
    # lock SQLite does not wait for (switching the new file to WAL)
    problems: list[str] = []

    def open_store(path):
        try:
            Store(path).close()
        except GeoError as exc:
            problems.append(str(exc))

    for round_ in range(60):
        db = tmp_path / f"new{round_}.db"
        threads = [threading.Thread(target=open_store, args=(db,)) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert problems == []
    assert _state(tmp_path / "new59.db") == (0, 0, 0, "ok")
