"""The command line as a shell user meets it: --version, completion, one error line, where
outputs go. Real subprocesses; the map test uses the built gazetteer index."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.test_read_feeds_pages import PAGE

ROOT = Path(__file__).resolve().parent.parent


def geo(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
        stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    run_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    proc = subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True,
                          timeout=120, cwd=cwd, env=run_env, input=stdin)
    return subprocess.CompletedProcess(proc.args, proc.returncode,
                                       proc.stdout.decode("utf-8", "replace"),
                                       proc.stderr.decode("utf-8", "replace"))


def test_version_is_the_package_version():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    r = geo("--version")
    assert (r.returncode, r.stdout.strip()) == (0, f"geo {version}")


def complete(line: str, tmp_path: Path) -> list[str]:
    """What argcomplete answers when the shell asks to complete ``line`` (as bash would)."""
    out = tmp_path / "completions"
    r = geo(env={"_ARGCOMPLETE": "1", "COMP_LINE": line, "COMP_POINT": str(len(line)),
                 "_ARGCOMPLETE_IFS": "\n", "_ARGCOMPLETE_STDOUT_FILENAME": str(out)})
    assert r.returncode == 0, r.stderr
    return [w.strip() for w in out.read_text().split("\n") if w.strip()]


def test_shell_completion_offers_subcommands_options_and_choices(tmp_path):
    assert complete("geo exp", tmp_path) == ["export"]
    assert "--format" in complete("geo export --fo", tmp_path)
    assert set(complete("geo export --format ", tmp_path)) == {
        "geojson", "parquet", "csv", "gpkg", "kml", "flatgeobuf"}


def test_argcomplete_marker_and_dependency_are_declared():
    """``register-python-argcomplete geo`` only completes entry points that carry the marker."""
    head = (ROOT / "geo" / "cli" / "__init__.py").read_text()[:1024]
    assert "PYTHON_ARGCOMPLETE_OK" in head
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert any(d.startswith("argcomplete") for d in deps)


@pytest.mark.parametrize("args, code, message", [
    (["frob"], 2, "invalid choice: 'frob'"),
    (["lookup", "Paris", "--limit", "abc"], 2, "argument --limit: not a whole number"),
    (["export"], 2, "the following arguments are required: -o/--output"),
    (["parse", "https://example.com/news/1"], 2, "is a URL"),
    (["parse", "--engine", "dask", "https://example.com/news/1", "-o", "out"], 2, "is a URL"),
    (["map", "https://example.com/news/1"], 2, "is a URL"),
    (["events", "extract", "https://example.com/news/1"], 2, "is a URL"),
])
def test_every_failure_is_one_geo_error_line(tmp_path, args, code, message):
    r = geo(*args, cwd=tmp_path)
    assert r.returncode == code, r.stderr
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("geo: error: "), r.stderr
    assert message in r.stderr


@pytest.mark.real_gazetteer
def test_lookup_with_no_match_says_so_with_the_prefix_and_exits_1():
    r = geo("lookup", "Xyzzy", "--no-fuzzy")
    assert (r.returncode, r.stdout) == (1, "")
    assert r.stderr == "geo: error: no place named 'Xyzzy'\n"


@pytest.mark.real_gazetteer
def test_map_default_output_is_beside_the_input_not_in_the_working_directory(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "page.html").write_text("<html><body><p>Shelling near Pokrovsk, in the Donetsk "
                                    "region.</p></body></html>")
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    r = geo("map", str(news / "page.html"), cwd=elsewhere)
    assert r.returncode == 0, r.stderr
    assert (news / "page.map.html").stat().st_size > 0
    assert "Shelling near Pokrovsk" in (news / "page.html").read_text()  # input untouched
    assert list(elsewhere.iterdir()) == []


@pytest.mark.real_gazetteer
def test_parse_fetch_downloads_a_url_and_records_it(server):
    import json

    base, site, hits = server
    (site / "page.html").write_text(PAGE, encoding="utf-8")
    refused = geo("parse", f"{base}/page.html")
    assert refused.returncode == 2 and "geo parse --fetch" not in refused.stderr
    assert "is a URL" in refused.stderr and "--fetch" in refused.stderr and hits == []
    r = geo("parse", "--fetch", f"{base}/page.html")
    assert r.returncode == 0, r.stderr
    (row,) = [json.loads(line) for line in r.stdout.splitlines()]
    assert (row["url"], row["title"]) == (f"{base}/page.html", "Strikes on Kramatorsk")
    assert "Kramatorsk" in {m["name"] for m in row["mentions"]}
