"""Writes are atomic and checked: a failed write is one line, exit 2, and leaves nothing.

Failures are real: ``/dev/full`` (every write fails with ENOSPC) and a file-size limit set
with ``RLIMIT_FSIZE`` in the child process (writes past it fail with EFBIG).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys

import pytest

from geo._files import check_output, check_output_dir, replacing, writing_text
from geo._paths import index_dir
from geo.errors import OutputError
from tests.test_store_fixtures import POKROVSK, ROOT, parsed, run_geo, write_parsed

FULL = "/dev/full"
#: the real index (``run_geo`` hides it by default): parse and map need it
REAL_INDEX = {"GEO_INDEX_DIR": str(index_dir())}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("w")
    records = [parsed(f"a{i}", [POKROVSK], date="2024-01-10") for i in range(400)]
    db = tmp / "geo.db"
    out = run_geo("ingest", "--parsed", str(write_parsed(tmp / "p.jsonl", records)), "--db",
                  str(db))
    assert out.returncode == 0, out.stderr
    news = tmp / "news.jsonl"
    news.write_text("".join(json.dumps({"id": f"n{i}", "text": f"Russian forces shelled Kharkiv "
                                        f"on Monday, wounding {i + 2} people."}) + "\n"
                            for i in range(300)), encoding="utf-8")
    extract = run_geo("events", "extract", str(news), "--db", str(db), env=REAL_INDEX)
    assert extract.returncode == 0, extract.stderr
    return db


def commands(db, out):
    seeds = str(ROOT / "seeds")
    return {
        "parse": ["parse", seeds, "-o", out],
        "parse csv": ["parse", seeds, "--format", "csv", "-o", out],
        "export csv": ["export", "--db", str(db), "--format", "csv", "-o", out],
        "export geojson": ["export", "--db", str(db), "--format", "geojson", "-o", out],
        "map": ["map", seeds, "-o", out],
        "events export": ["events", "export", "--db", str(db), "--format", "csv", "-o", out],
    }


def assert_one_line_2(out, needle: str) -> None:
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert out.stderr.count("\n") == 1 and out.stderr.startswith("geo: error: "), out.stderr
    assert needle.lower() in out.stderr.lower(), out.stderr


@pytest.mark.skipif(not os.path.exists(FULL), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("name", ["parse", "parse csv", "export csv", "export geojson", "map",
                                  "events export"])
def test_a_full_disk_is_one_line_and_exit_2(store, name):
    out = run_geo(*commands(store, FULL)[name], env=REAL_INDEX)
    assert_one_line_2(out, "No space left on device")


def test_a_full_stdout_is_one_line_and_exit_2():
    with open(FULL, "w") as full:
        out = subprocess.run([sys.executable, "-m", "geo", "parse", "seeds"], cwd=ROOT,
                             stdout=full, stderr=subprocess.PIPE, text=True, timeout=120,
                             env={**os.environ, **REAL_INDEX}, check=False)
    assert out.returncode == 2
    assert out.stderr == "geo: error: cannot write to standard output: No space left on device\n"


@pytest.mark.parametrize("args", [["mentions", "Pokrovsk"], ["places"], ["events", "list"],
                                  ["within", "Donetsk Oblast"], ["places", "--json"]],
                         ids=" ".join)
def test_a_full_stdout_under_a_query_is_one_line_and_exit_2(store, args):
    """Query commands print as they go; their last buffer used to fail only at exit, as an
    internal error (exit 1)."""
    with open(FULL, "w") as full:
        out = subprocess.run([sys.executable, "-m", "geo", *args, "--db", str(store)], cwd=ROOT,
                             stdout=full, stderr=subprocess.PIPE, text=True, timeout=120,
                             env={**os.environ, **REAL_INDEX}, check=False)
    assert out.returncode == 2, out.stderr
    assert out.stderr == "geo: error: cannot write to standard output: No space left on device\n"


def _limited(limit: int):
    def preexec() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return preexec


@pytest.mark.parametrize("name", ["parse", "export csv", "export geojson", "map",
                                  "events export"])
def test_a_file_size_limit_leaves_no_partial_file(store, tmp_path, name):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "result.out"
    argv = [sys.executable, "-m", "geo", *commands(store, str(target))[name]]
    if name == "export geojson":
        argv[-1] = str(out_dir / "result.geojson")
    # 8 KB for the seed article's outputs; 64 KB where the store is read (its 32 KB
    # shared-memory file must fit); every output here is larger
    limit = 8 * 1024 if name in ("parse", "map") else 64 * 1024
    proc = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=300,
                          preexec_fn=_limited(limit), env={**os.environ, **REAL_INDEX},
                          check=False)
    assert_one_line_2(proc, "cannot write")
    assert list(out_dir.iterdir()) == []  # neither the output nor a temporary file


@pytest.mark.parametrize("name", ["parse", "export csv", "map", "events export"])
def test_an_existing_output_needs_force(store, tmp_path, name):
    target = tmp_path / ("old.geojson" if name == "export geojson" else "old.out")
    target.write_text("keep me", encoding="utf-8")
    argv = commands(store, str(target))[name]
    assert_one_line_2(run_geo(*argv, env=REAL_INDEX), "use --force")
    assert target.read_text(encoding="utf-8") == "keep me"
    forced = run_geo(*argv, "--force", env=REAL_INDEX)
    assert forced.returncode == 0, forced.stderr
    assert target.read_text(encoding="utf-8") != "keep me"
    assert oct(target.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize("name", ["parse", "export csv", "map", "events export"])
def test_an_output_that_is_a_directory_or_under_a_file_is_refused(store, tmp_path, name):
    assert_one_line_2(run_geo(*commands(store, str(tmp_path))[name], env=REAL_INDEX),
                      "is a directory")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert_one_line_2(run_geo(*commands(store, str(blocker / "x.csv"))[name], env=REAL_INDEX),
                      "not a directory")


def test_replacing_removes_the_temporary_file_whatever_the_block_raises(tmp_path):
    target = tmp_path / "t.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(ZeroDivisionError), replacing(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise ZeroDivisionError
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["t.txt"]


def test_replacing_refuses_an_existing_file_without_overwrite(tmp_path):
    target = tmp_path / "t.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(OutputError, match="exists"), replacing(target, overwrite=False):
        pass
    with pytest.raises(OutputError, match="is a directory"):
        check_output(tmp_path, overwrite=True)


def test_a_stream_target_is_written_in_place_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    with writing_text(fifo, overwrite=False) as out:  # a pipe is not overwritten
        out.write("through the pipe\n")
    assert reader.communicate(timeout=30)[0] == b"through the pipe\n"
    assert fifo.is_fifo()


def test_a_non_empty_output_directory_needs_overwrite(tmp_path):
    (tmp_path / "d").mkdir()
    check_output_dir(tmp_path / "d", overwrite=False)  # empty: fine
    (tmp_path / "d" / "x").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="not empty; use --force"):
        check_output_dir(tmp_path / "d", overwrite=False)
    check_output_dir(tmp_path / "d", overwrite=True)


@pytest.mark.parametrize("name", ["parse", "export csv", "map", "events export"])
def test_an_output_in_a_missing_folder_is_refused_and_no_folder_made(store, tmp_path, name):
    target = tmp_path / "missing" / "deeper" / "x.csv"
    assert_one_line_2(run_geo(*commands(store, str(target))[name], env=REAL_INDEX),
                      f"no directory {target.parent}")
    assert list(tmp_path.iterdir()) == []


def test_the_library_writers_make_no_missing_folder(tmp_path):
    with pytest.raises(OutputError, match="no directory"):
        check_output(tmp_path / "a" / "x.csv", overwrite=True)
    with pytest.raises(OutputError, match="no directory"), replacing(tmp_path / "a" / "x"):
        pass
    with pytest.raises(OutputError, match="no directory"):
        check_output_dir(tmp_path / "a" / "out", overwrite=False)
    assert list(tmp_path.iterdir()) == []
    with replacing(tmp_path / "a" / "x.txt", make_parents=True) as tmp:  # where documented
        tmp.write_text("made", encoding="utf-8")
    assert (tmp_path / "a" / "x.txt").read_text(encoding="utf-8") == "made"
    assert check_output_dir(tmp_path / "out", overwrite=False) == tmp_path / "out"


def test_a_map_recipe_makes_its_own_output_folder_as_the_readme_says(tmp_path):
    (tmp_path / "a.txt").write_text("Shelling in Pokrovsk.\n", encoding="utf-8")
    (tmp_path / "r.toml").write_text('inputs = ["a.txt"]\noutput = "out/r.html"\n',
                                     encoding="utf-8")
    out = run_geo("map", str(tmp_path / "r.toml"), env=REAL_INDEX)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "out" / "r.html").is_file()
