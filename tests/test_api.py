"""The package's public surface: a cheap import, a curated API, one error hierarchy, a CLI edge."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import geo
from geo import errors

HEAVY = ("numpy", "pandas", "geopandas", "shapely", "folium", "marisa_trie", "sqlite3",
         "geopy", "pyproj", "rapidfuzz", "spellchecker")


def _python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False)


def test_import_geo_loads_no_data_and_no_heavy_dependency():
    probe = (
        "import json, sys, geo, geo.model, geo.errors\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
        "print(json.dumps([m for m in sys.modules if m.startswith('geo.')]))"
    )
    out = _python(probe)
    assert out.returncode == 0, out.stderr
    heavy_loaded, geo_modules = (json.loads(line) for line in out.stdout.splitlines())
    assert heavy_loaded == []
    assert not any(m.startswith(("geo.gazetteer", "geo.text", "geo.render", "geo.store"))
                   for m in geo_modules)


def test_cli_help_imports_no_heavy_dependency():
    probe = (
        "import json, sys\nfrom geo.cli import build_parser\nbuild_parser()\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    out = _python(probe)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == []


def test_public_names_resolve_lazily():
    assert set(geo.__all__) >= {"Gazetteer", "parse", "Store", "render_map", "Place", "Mention"}
    for name in geo.__all__:
        assert getattr(geo, name) is not None
    with pytest.raises(AttributeError):
        _ = geo.no_such_name


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (errors.InputError, ValueError),
        (errors.InputFileError, FileNotFoundError),
        (errors.IndexMissingError, FileNotFoundError),
        (errors.IndexCorruptError, ValueError),
        (errors.StoreError, RuntimeError),
        (errors.OutputError, OSError),
        (errors.OnlineError, ConnectionError),
    ],
)
def test_every_error_is_a_geo_error_and_its_builtin(cls, builtin):
    err = cls("boom")
    assert isinstance(err, errors.GeoError)
    assert isinstance(err, builtin)


def test_usage_errors_are_one_line_and_exit_2():
    out = subprocess.run([sys.executable, "-m", "geo", "no-such-command"], capture_output=True,
                         text=True, timeout=60, check=False)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr


def test_no_command_prints_help_and_exits_2():
    out = subprocess.run([sys.executable, "-m", "geo"], capture_output=True, text=True,
                         timeout=60, check=False)
    assert out.returncode == 2
    assert "usage: geo" in out.stderr
