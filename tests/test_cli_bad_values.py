"""Every subcommand, fed bad values: one line on stderr, exit code 2, no traceback.

The first tests walk the real parser: every option of every subcommand that takes a date, a
number, a distance, a point, a country, a place id, a name or an output path must use the one
argparse type for it (:mod:`geo.cli._types`), and each bad value for that type is refused the
same way wherever it appears. The others run ``geo`` as a user does, on inputs that only the
command itself can judge (a region name, a GeoJSON file, a recipe, an unwritable output).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from geo._paths import index_dir
from geo.cli import _types, build_parser, main
from geo.cli import frontline as frontline_cli
from tests.test_store_fixtures import POKROVSK, ROOT, parsed, run_geo, write_parsed

#: bad values for each type, and a piece of the message each must give
BAD = {
    _types.day: [("2025-13-45", "no such day"), ("2025-02-30", "no such day"),
                 ("yesterday", "YYYY-MM-DD"), ("20250101", "YYYY-MM-DD")],
    _types.day_date: [("2025-13-45", "no such day"), ("yesterday", "YYYY-MM-DD")],
    _types.positive_int: [("0", "whole number from 1"), ("-3", "whole number from 1"),
                          ("99999999999999999999", "whole number from 1"),
                          ("ten", "not a whole number")],
    _types.count: [("-1", "whole number from 0"), ("18446744073709551616", "from 0")],
    _types.km: [("-1", "distance in km"), ("nan", "distance in km"), ("inf", "distance in km"),
                ("far", "distance in km")],
    _types.point: [("470,30", "out of range"), ("48.3,181", "out of range"),
                   ("48.3", "LAT,LON")],
    _types.place_or_point: [("91,0", "out of range"),
                            ("99999999999999999999", "no such place id")],
    _types.place_ref: [("99999999999999999999", "no such place id"), (" ", "empty")],
    _types.country: [("ZZZ", "two-letter"), ("1", "two-letter")],
    _types.name: [("", "empty"), ("   ", "empty")],
    _types.path: [("x" * 5000, "path too long"), ("a\0b", "NUL"), ("", "empty path")],
    _types.output: [("x" * 300, "path too long")],
}

#: metavars that announce a value of a checked kind: each must come with one of the types
_KIND_OF_METAVAR = {"DATE": "day", "YYYY-MM-DD": "day", "N": "int", "KM": "km",
                    "LAT,LON": "point", "CC": "country", "NAME_OR_ID": "place"}
_TYPES_OF_KIND = {"day": {_types.day, _types.day_date},
                  # frontline stats --workers keeps its own 1..64 bound (processes, issue 10)
                  "int": {_types.positive_int, _types.count, frontline_cli._workers},
                  "km": {_types.km}, "point": {_types.point},
                  "country": {_types.country}, "place": {_types.place_ref}}


def _leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """(command words, parser) of every subcommand, nested ones included."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for word, sub in action.choices.items():
                yield from _leaves(sub, (*path, word))


def _typed_options():
    for words, parser in _leaves(build_parser()):
        for action in parser._actions:
            if action.option_strings and action.type is not None:
                yield words, action


def _cases():
    seen = set()
    for words, action in _typed_options():
        for value, message in BAD.get(action.type, ()):
            key = (words, action.option_strings[-1], value)
            if key not in seen:
                seen.add(key)
                yield pytest.param(words, action.option_strings[-1], value, message,
                                   id=" ".join((*words, action.option_strings[-1], value)))


def test_every_checked_kind_of_option_uses_its_one_type():
    loose = []
    for words, parser in _leaves(build_parser()):
        for action in parser._actions:
            kind = _KIND_OF_METAVAR.get(str(action.metavar))
            if kind and action.type not in _TYPES_OF_KIND[kind] | {_types.place_or_point}:
                loose.append(f"geo {' '.join(words)} {action.option_strings or action.dest}")
    assert not loose, loose


def test_the_walk_covers_every_subcommand_with_checked_options():
    covered = {words for words, _action in _typed_options()}
    assert {("map",), ("parse",), ("ingest",), ("export",), ("places",), ("near",),
            ("mentions",), ("lookup",), ("events", "extract"), ("events", "export"),
            ("events", "import"), ("regions", "stats"), ("frontline", "near"),
            ("eval",)} <= covered


@pytest.mark.parametrize(("words", "option", "value", "message"), list(_cases()))
def test_a_bad_value_is_one_line_and_exit_2(words, option, value, message, capsys):
    assert main([*words, f"{option}={value}"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("geo: error: "), err
    assert option in err and message in err, err


@pytest.mark.parametrize(("args", "message"), [
    (["mentions", "99999999999999999999"], "no such place id"),
    (["near", "470,30"], "out of range"),
    (["near", "99999999999999999999"], "no such place id"),
])
def test_a_bad_positional_value_is_one_line_and_exit_2(args, message, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


@pytest.mark.parametrize(("args", "suggestion"), [
    (["pars"], "did you mean 'parse'?"), (["mentons"], "did you mean 'mentions'?"),
    (["events", "exprot"], "did you mean 'export'?"),
    (["gazetteer", "verfy"], "did you mean 'verify'?"),
])
def test_an_unknown_subcommand_suggests_the_closest(args, suggestion, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and suggestion in err


# --- values only the command can judge, as a user runs them ------------------------------------

@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bad")
    src = write_parsed(tmp / "parsed.jsonl", [parsed("a1", [POKROVSK], date="2024-01-10")])
    db = tmp / "geo.db"
    assert run_geo("ingest", "--parsed", str(src), "--db", str(db)).returncode == 0
    return db


def _geojson(path, doc) -> str:
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return str(path)


def _square(lat: float, lon: float) -> list:
    return [[[lon, lat], [lon + 1, lat], [lon + 1, lat + 1], [lon, lat + 1], [lon, lat]]]


#: the real index: region names and maps need it (``run_geo`` hides it by default)
REAL_INDEX = {"GEO_INDEX_DIR": str(index_dir())}


def one_line_exit_2(*args: str):
    out = run_geo(*args, env=REAL_INDEX)
    assert out.returncode == 2, (args, out.stdout, out.stderr)
    assert out.stderr.count("\n") == 1 and out.stderr.startswith("geo: error: "), out.stderr
    assert "Traceback" not in out.stderr
    return out.stderr


def test_within_refuses_impossible_coordinates_foreign_crs_and_deep_nesting(store, tmp_path):
    lat470 = _geojson(tmp_path / "lat470.geojson", {"type": "Polygon",
                                                    "coordinates": _square(470, 30)})
    assert "out of range" in one_line_exit_2("within", lat470, "--db", str(store))
    mercator = _geojson(tmp_path / "crs.geojson", {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}},
        "features": [{"type": "Feature", "properties": {},
                      "geometry": {"type": "Polygon", "coordinates": _square(48, 37)}}]})
    assert "unsupported CRS" in one_line_exit_2("within", mercator, "--db", str(store))
    deep = _geojson(tmp_path / "deep.geojson",
                    '{"type": "Polygon", "coordinates": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert "nested too deeply" in one_line_exit_2("within", deep, "--db", str(store))
    assert "nested too deeply" in one_line_exit_2("events", "--region", deep, "--db",
                                                  str(store))


def test_a_wgs84_crs_member_is_accepted(store, tmp_path):
    wgs84 = _geojson(tmp_path / "wgs84.geojson", {
        "type": "Polygon", "coordinates": _square(47.5, 36.5),
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}})
    out = run_geo("within", wgs84, "--db", str(store))
    assert out.returncode == 0, out.stderr
    assert "Pokrovsk" in out.stdout


@pytest.mark.parametrize("region", ["Atlantis", "within"])
def test_an_unknown_region_is_refused_by_every_command(store, tmp_path, region):
    if region == "within":
        assert "unknown region" in one_line_exit_2("within", "Atlantis", "--db", str(store))
        return
    seeds = str(ROOT / "seeds")
    assert "unknown region" in one_line_exit_2("map", seeds, "--region", region, "-o",
                                               str(tmp_path / "m.html"))
    assert not (tmp_path / "m.html").exists()
    assert "unknown region" in one_line_exit_2("events", "--region", region, "--db",
                                               str(store))


@pytest.mark.parametrize(("style", "message"), [
    ('places = { max_radius = "big" }', "styles.places.max_radius"),
    ("heatmap = { radius = nan }", "styles.heatmap.radius"),
    ("heatmap = { radius = -4 }", "styles.heatmap.radius"),
    ('places = { color_by = "mood" }', "styles.places.color_by"),
    ("places = { glow = 3 }", "unknown style"),
])
def test_a_recipe_with_bad_styles_is_refused(tmp_path, style, message):
    recipe = tmp_path / "r.toml"
    recipe.write_text(f'inputs = ["{ROOT / "seeds"}"]\noutput = "r.html"\n[styles]\n{style}\n',
                      encoding="utf-8")
    assert message in one_line_exit_2("map", str(recipe))
    assert not (tmp_path / "r.html").exists()


def test_a_recipe_with_a_bad_date_is_refused(tmp_path):
    recipe = tmp_path / "r.toml"
    recipe.write_text(f'inputs = ["{ROOT / "seeds"}"]\nsince = "2025-02-30"\n',
                      encoding="utf-8")
    assert "no such day" in one_line_exit_2("map", str(recipe))


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02\xff" * 1000,
                                     b'{"x": 1}\nnot json\n'], ids=["empty", "binary", "all-bad"])
@pytest.mark.parametrize("command", ["ingest", "parse", "events extract"])
def test_nothing_readable_is_exit_2_never_zero_articles(tmp_path, content, command):
    src = tmp_path / "in.jsonl"
    src.write_bytes(content)
    out = run_geo(*command.split(), str(src), *(["--db", str(tmp_path / "g.db")]
                                                if command == "ingest" else []), env=REAL_INDEX)
    assert out.returncode == 2, out.stderr
    assert out.stderr.splitlines()[-1].startswith("geo: error: no article could be read")
    assert "Traceback" not in out.stderr


def test_the_bad_value_test_runs_geo_as_a_user_does():
    """The in-process walk above and a real process agree."""
    out = subprocess.run([sys.executable, "-m", "geo", "map", "seeds", "--since", "2025-13-45"],
                         capture_output=True, text=True, timeout=120, cwd=ROOT, check=False)
    assert out.returncode == 2
    assert out.stderr == ("geo: error: argument --since: no such day: '2025-13-45' "
                          "(see `geo map --help`)\n")
