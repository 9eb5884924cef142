"""Defects a new analyst ran into (review of session 3): each test runs the command as a user
does and checks the one-line error, the exit code and that nothing is lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def geo(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd or ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **env})
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    return proc


def one_error(proc: subprocess.CompletedProcess[str], *, says: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert proc.stderr.startswith("geo: error: ") and proc.stderr.count("\n") == 1, proc.stderr
    assert says in proc.stderr, proc.stderr


# --- 2: crashes were "internal error" exit 1 -------------------------------------------------


def test_gazetteer_build_from_a_folder_without_geonames_files(tmp_path):
    (tmp_path / "empty").mkdir()
    proc = geo("gazetteer", "build", "--geonames", str(tmp_path / "empty"),
               "--out", str(tmp_path / "index"))
    one_error(proc, says="countries.json")
    assert not (tmp_path / "index").exists()


def test_an_internal_error_has_its_own_exit_code(monkeypatch, capsys):
    import geo.cli.assets
    from geo.cli import INTERNAL_ERROR, main

    def broken(args):
        raise KeyError("a bug")

    monkeypatch.setattr(geo.cli.assets, "run", broken)  # stands for any bug in a command
    assert INTERNAL_ERROR == 3
    assert main(["assets", "list"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("geo: error: internal error: KeyError") and err.count("\n") == 1


# --- 3: an event with no line of its day has no distance -------------------------------------


def test_event_with_no_line_in_force_has_no_distance_nor_side(tmp_path):
    import datetime as dt

    import shapely

    from geo.frontline.model import Snapshot
    from geo.model import Event
    from geo.store import Store
    from tests import frontline_eras as era

    files = []
    for day, box in ((dt.date(2024, 1, 1), (38.0, 48.0, 38.6, 48.9)),
                     (dt.date(2024, 6, 1), (37.6, 48.0, 38.6, 48.9))):
        snap = Snapshot(day, shapely.box(*box), None, "test", "x")
        files.append(str(era.write(tmp_path / f"f_{day:%Y%m%d}.geojson",
                                   [era.feature(era.geo_of(snap.occupied), "Occupied")])))
    db = tmp_path / "geo.db"
    with Store(db) as store:  # C lies inside June's area, but March has no line within 31 days
        store.add_events([Event("old", "Battles", "Armed clash", "2024-03-15", 1, 48.59, 37.7,
                                1, location="C")])
    args = ("frontline", "near", *files, "--db", str(db), "--country", "-")
    r = geo(*args, "--json")
    assert r.returncode == 0, r.stderr
    (ev,) = __import__("json").loads(r.stdout)["events"]
    assert ev["side"] is None and ev["distance_km"] is None and ev["occupied"] is None
    assert ev["no_side"] == "no line within 31 days before"
    r = geo(*args)
    (row,) = [line for line in r.stdout.splitlines() if "Armed clash" in line]
    assert row.split()[:2] == ["-", "km"] and "no line within 31 days" in row
    r = geo(*args, "--json", "--within", "50")  # no distance: not "within" any
    assert __import__("json").loads(r.stdout)["events"] == []


# --- 4: geo map of nothing, paths with --db, the hint for an undated front-line file ---------


def test_map_of_nothing_read_is_an_error(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "folder").mkdir()
    for given in ("empty.txt", "folder"):
        proc = geo("map", given, "-o", "m.html", cwd=tmp_path)
        assert proc.returncode == 2 and proc.stderr.splitlines()[-1] == (
            f"geo: error: no article could be read from {given}"), proc.stderr
        assert not (tmp_path / "m.html").exists()


def test_map_refuses_paths_together_with_db(tmp_path):
    (tmp_path / "a.txt").write_text("Shelling near Pokrovsk.")
    proc = geo("map", "a.txt", "--db", "war.db", "-o", "m.html", cwd=tmp_path)
    one_error(proc, says="not both")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_map_hint_for_an_undated_front_line_names_no_missing_option(tmp_path):
    (tmp_path / "a.txt").write_text("Shelling near Pokrovsk.")
    (tmp_path / "line.geojson").write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, '
        '"geometry": {"type": "Polygon", "coordinates": [[[37, 47], [38, 47], [38, 48], '
        '[37, 47]]]}}]}')
    proc = geo("map", "a.txt", "-o", "m.html", "--frontline", "line.geojson", cwd=tmp_path)
    assert proc.returncode == 2 and "no date" in proc.stderr
    assert "--date YYYY" not in proc.stderr and "YYYYMMDD" in proc.stderr


# --- 5: geo parse -o takes its format from the suffix ----------------------------------------


@pytest.mark.real_gazetteer
def test_parse_output_format_follows_the_suffix(tmp_path):
    import json

    (tmp_path / "a.txt").write_text("Russian troops massed near Pokrovsk.")
    proc = geo("parse", "a.txt", "-o", "out.geojson", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads((tmp_path / "out.geojson").read_text())
    assert doc["type"] == "FeatureCollection" and doc["features"]
    for args, says in ((("-o", "out.parquet"), "not .parquet"),
                       (("-o", "x.csv", "--format", "geojson"), "does not match")):
        one_error(geo("parse", "a.txt", *args, cwd=tmp_path), says=says)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "out.geojson"]


# --- 6: frontline --country is checked as lookup checks it -----------------------------------


@pytest.mark.real_gazetteer
@pytest.mark.parametrize("command", [("lookup", "Kyiv"), ("frontline", "stats", "front.geojson"),
                                     ("frontline", "near", "front.geojson", "--at", "48,37")])
def test_an_unknown_country_code_is_refused(tmp_path, command):
    from tests import frontline_eras as era

    era.write(tmp_path / "front.geojson",
              [era.feature({"type": "Polygon", "coordinates": [[[37, 47], [38, 47], [38, 48],
                                                               [37, 47]]]}, "Occupied")])
    one_error(geo(*command, "--country", "XX", "--date", "2024-01-01", cwd=tmp_path)
              if command[0] == "frontline" else geo(*command, "--country", "XX"),
              says="unknown country code 'XX'")


# --- 7: a reversed date range is refused by every command -----------------------------------


@pytest.mark.parametrize("command", [("mentions", "Pokrovsk"), ("map", "a.txt"),
                                     ("export", "-o", "x.csv"), ("events", "list"),
                                     ("regions", "stats")])
def test_since_after_until_is_refused(tmp_path, command):
    (tmp_path / "a.txt").write_text("Shelling near Pokrovsk.")
    proc = geo(*command, "--since", "2025-10-01", "--until", "2025-01-01", cwd=tmp_path)
    one_error(proc, says="--since 2025-10-01 is after --until 2025-01-01")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


# --- 8: an article id repeated in one ingest is said and counted -----------------------------


@pytest.mark.real_gazetteer
def test_ingest_warns_of_a_repeated_article_id(tmp_path):
    import json

    (tmp_path / "dup.jsonl").write_text(
        json.dumps({"id": "a", "text": "Shelling near Pokrovsk."}) + "\n"
        + json.dumps({"id": "b", "text": "Shelling near Kharkiv."}) + "\n"
        + json.dumps({"id": "a", "text": "Shelling near Kramatorsk."}) + "\n")
    proc = geo("ingest", "dup.jsonl", "--db", "g.db", "--no-events", "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ("geo: warning: dup.jsonl:3: article id 'a' repeats the one at "
                           "dup.jsonl:1; the later record replaces it\n")
    summary = json.loads(proc.stdout)
    assert summary["repeated_ids"] == 1 and summary["articles"] == 2


# --- 9: the Python API refuses a bad date and speaks to Python callers -----------------------


@pytest.mark.parametrize(("date", "error"), [(12, "InputTypeError"), ("2025-02-30", "InputError"),
                                             ("yesterday", "InputError")])
def test_parse_refuses_a_date_that_is_no_day(date, error):
    import geo as api

    with pytest.raises(getattr(api, error), match="date="):
        api.parse("Shelling near Pokrovsk.", date=date)


def test_api_messages_name_no_command_line_flags(tmp_path):
    import geo as api

    with api.Store(tmp_path / "s.db") as store:
        with pytest.raises(api.InputError) as bad_since:
            store.mentions("Pokrovsk", since="2025-13-01")
        with pytest.raises(api.InputError) as bad_format:
            store.export(tmp_path / "out.xyz")
    assert "--since" not in str(bad_since.value) and "since" in str(bad_since.value)
    assert "format=" in str(bad_format.value)


# --- 12: long region names are cut visibly ---------------------------------------------------


def test_by_region_marks_a_cut_region_name(tmp_path):
    from tests import frontline_eras as era

    data = era.boundary_dir(tmp_path / "data")
    era.write(data / "admin1.geojson", [era.feature(era.geo_of(era.COUNTRY),
                                                    "Autonomous Republic of Crimea", id=10,
                                                    cc="UA", admin1_code="01")])
    for day, east in (("20240101", 37), ("20240601", 37.5)):
        ring = [[36, 47], [east, 47], [east, 48], [36, 48], [36, 47]]
        era.write(tmp_path / f"front_{day}.geojson",
                  [era.feature({"type": "Polygon", "coordinates": [ring]}, "Occupied")])
    proc = geo("frontline", "stats", "front_20240101.geojson", "front_20240601.geojson",
               "--by-region", cwd=tmp_path, GEO_HOME=str(tmp_path / "home"),
               GEO_INDEX_DIR=str(tmp_path / "no-index"), GEO_DATA_DIR=str(data))
    assert proc.returncode == 0, proc.stderr
    (row,) = [line for line in proc.stdout.splitlines() if "Autonomous" in line]
    assert row.split("  ")[1].strip() == "Autonomous Republic o…"


# --- 13: articles with no gold annotations are no gold file -----------------------------------


@pytest.mark.parametrize("command", [("eval",), ("events", "eval")])
def test_eval_of_plain_articles_is_refused(tmp_path, command):
    import json

    (tmp_path / "art.jsonl").write_text("".join(
        json.dumps({"id": f"a{i}", "text": "Shelling near Pokrovsk."}) + "\n" for i in range(5)))
    one_error(geo(*command, "art.jsonl", cwd=tmp_path), says="no annotated articles")


# --- 14: one form for warnings, suggestions, store messages, counts and stray options ---------


def test_log_warnings_have_the_form_of_every_other_warning(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "a.txt").write_text("Shelling near Pokrovsk.")
    proc = geo("map", "empty.txt", "a.txt", "-o", "m.html", cwd=tmp_path)
    assert "geo: warning: empty.txt: empty file" in proc.stderr.splitlines()


@pytest.mark.real_gazetteer
@pytest.mark.parametrize("command", [("within", "Narnia"), ("events", "list", "--region", "Narnia"),
                                     ("regions", "stats", "--region", "Narnia")])
def test_an_unknown_region_gets_close_names_everywhere(tmp_path, command):
    (tmp_path / "a.txt").write_text("Shelling near Pokrovsk.")
    assert geo("ingest", "a.txt", "--db", "g.db", cwd=tmp_path).returncode == 0
    proc = geo(*command, "--db", "g.db", cwd=tmp_path)
    one_error(proc, says="unknown region 'Narnia' (an admin-1 unit or a country); did you mean: ")


def test_a_missing_store_has_one_message(tmp_path):
    for command in (("map", "--db", "none.db", "-o", "m.html"), ("places", "--db", "none.db")):
        one_error(geo(*command, cwd=tmp_path), says="no store at none.db (run `geo ingest` first)")


@pytest.mark.parametrize("command", [("export", "-o", "-", "--format", "csv"),
                                     ("events", "export", "-o", "-", "--format", "csv")])
def test_export_to_dash_is_refused_not_a_file_named_dash(tmp_path, command):
    one_error(geo(*command, cwd=tmp_path), says="not standard output")
    assert not (tmp_path / "-").exists()


@pytest.mark.real_gazetteer
def test_counts_are_in_the_right_number(tmp_path):
    (tmp_path / "a.txt").write_text("Shelling near Pokrovsk.")
    proc = geo("map", "a.txt", "-o", "m.html", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith("(1 place, 1 mention, 1 article)")
    proc = geo("ingest", "a.txt", "--db", "g.db", "--no-events", cwd=tmp_path)
    assert proc.stderr.startswith("g.db: 1 article (1 added, 0 replaced, 0 unchanged), "
                                  "1 mention written"), proc.stderr


@pytest.mark.parametrize(("command", "says"), [
    (("map", "a.txt", "-o", "m.html", "--frontline-since", "2024-01-01"),
     "--frontline-since needs --frontline"),
    (("frontline", "near", "line_20240101.geojson", "--at", "48,37", "--max-gap", "3"),
     "--max-gap applies to the events of --db"),
])
def test_options_that_would_be_ignored_are_refused(tmp_path, command, says):
    from tests import frontline_eras as era

    (tmp_path / "a.txt").write_text("Shelling near Pokrovsk.")
    era.write(tmp_path / "line_20240101.geojson", [era.feature(
        {"type": "Polygon", "coordinates": [[[37, 47], [38, 47], [38, 48], [37, 47]]]},
        "Occupied")])
    one_error(geo(*command, cwd=tmp_path), says=says)
    assert not (tmp_path / "m.html").exists()


# --- 10: events import reads geo's own exports back; formats by suffix first ------------------


@pytest.mark.real_gazetteer
def test_events_import_reads_back_geos_own_undated_exports(tmp_path):
    import json

    (tmp_path / "ev.jsonl").write_text(json.dumps(
        {"id": "e1", "text": "Russian forces shelled Kharkiv, wounding 3 people."}) + "\n")
    assert geo("events", "extract", "ev.jsonl", "--db", "a.db", cwd=tmp_path).returncode == 0
    for suffix in ("csv", "geojson"):
        out = geo("events", "export", "--db", "a.db", "-o", f"ev.{suffix}", cwd=tmp_path)
        assert out.returncode == 0, out.stderr
        back = geo("events", "import", f"ev.{suffix}", "--db", f"b-{suffix}.db", cwd=tmp_path)
        assert back.returncode == 0, back.stderr
        assert "1 imported (1 new, 1 real event), 0 rejected" in back.stdout + back.stderr
        listed = geo("events", "list", "--db", f"b-{suffix}.db", cwd=tmp_path)
        assert listed.stdout.startswith("undated") and "Kharkiv" in listed.stdout


def test_events_import_detects_the_format_by_suffix_first(tmp_path):
    import json

    (tmp_path / "art.jsonl").write_text(json.dumps({"id": "a", "text": "Kharkiv."}) + "\n")
    (tmp_path / "bad.jsonl").write_text("not json at all\n")
    for name in ("art.jsonl", "bad.jsonl"):
        one_error(geo("events", "import", name, "--db", "x.db", cwd=tmp_path),
                  says="JSON Lines hold articles, not events")


# --- 11: regions stats counts an event or mention in the unit it was resolved to -------------


def test_region_stats_prefers_the_resolved_unit_over_the_outline_join():
    from geo.model import Event, Place
    from geo.regions import event_points, mention_points, region_stats
    from tests.test_regions_join import areas

    # a town resolved to South Oblast ("02") whose point falls just inside North's outline
    # (simplified outlines disagree near a border); one unresolved event at the same point
    town = Place(201, "Bordertown", "city", "AA", "02", "South Oblast", 48.05, 31.0, 5000)
    events = event_points([
        Event("e1", "Battles", "Armed clash", "2025-08-03", 1, 48.05, 31.0, 1, town),
        Event("e2", "Battles", "Armed clash", "2025-08-03", 1, 48.05, 31.0, 1)])
    mentions = mention_points([(201, "2025-08-01")], {201: town})
    stats = region_stats(areas(), mentions=mentions, events=events, by="month")
    got = {r.region.label: (r.mentions, r.events) for r in stats.rows}
    assert got == {"South Oblast, AA": (1, 1), "North Oblast, AA": (0, 1)}


def test_a_recipe_with_since_after_until_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text("Shelling near Pokrovsk.")
    (tmp_path / "r.toml").write_text('inputs = ["a.txt"]\noutput = "m.html"\n'
                                     'since = "2025-10-01"\nuntil = "2025-01-01"\n')
    one_error(geo("map", "r.toml", cwd=tmp_path), says="--since 2025-10-01 is after --until")
    assert not (tmp_path / "m.html").exists()
