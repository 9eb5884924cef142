"""Run every subcommand with wrong values, as a user would, and print the bad-input table.

    python scripts/bad_inputs.py             # a Markdown table on stdout
    python scripts/bad_inputs.py --jobs 2    # two commands at a time

Each case is a real ``python -m geo`` process (the gazetteer index of ``GEO_HOME`` /
``GEO_INDEX_DIR``, a small store built first in a temporary directory). A case passes when the
command exits 2 with one line on stderr, ``geo: error: ...``, no traceback, and leaves no new
file behind; a batch command (parse, ingest) may first report each record it could not use,
one line per record, as its batches always do. The table lists command, input, exit status
and that line; the script exits 1 if any case fails, so it doubles as a check.
``tests/test_cli_bad_values.py`` walks the parser itself; this is the same promise seen from
outside, in one table for the notes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Case:
    what: str  # the kind of wrong value, for the table
    args: tuple[str, ...]
    stdout_to: str | None = None  # a path stdout is sent to (/dev/full)


@dataclass(frozen=True)
class Outcome:
    case: Case
    code: int
    stderr: str
    new_files: tuple[str, ...]

    @property
    def reports(self) -> list[str]:
        """Lines before the error: a batch's report of each record it could not use."""
        return self.stderr.splitlines()[:-1]

    @property
    def ok(self) -> bool:
        lines = self.stderr.splitlines()
        return (self.code == 2 and bool(lines) and lines[-1].startswith("geo: error: ")
                and all(r.startswith("geo: ") and not r.startswith("geo: error")
                        for r in self.reports)
                and "Traceback" not in self.stderr and not self.new_files)


def _fixtures(tmp: Path) -> dict[str, str]:
    """Files the cases refer to: a small store, GeoJSON regions, a recipe, a directory."""
    news = tmp / "news.jsonl"
    news.write_text("".join(json.dumps({"id": f"n{i}", "date": "2024-03-0" + str(i + 1),
                                        "text": "Russian forces shelled Pokrovsk and Kharkiv "
                                                f"on Monday, wounding {i + 2} people."}) + "\n"
                            for i in range(3)), encoding="utf-8")
    db = tmp / "geo.db"
    built = subprocess.run([sys.executable, "-m", "geo", "ingest", str(news), "--db", str(db)],
                           capture_output=True, text=True, cwd=tmp, check=False)
    if built.returncode != 0:
        raise SystemExit(f"could not build the store: {built.stderr.strip()}")

    def geojson(name: str, doc: object) -> str:
        path = tmp / name
        path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
        return str(path)

    def square(lat: float, lon: float) -> list:
        return [[[lon, lat], [lon + 1, lat], [lon + 1, lat + 1], [lon, lat + 1], [lon, lat]]]

    recipe_big = tmp / "big.toml"
    recipe_big.write_text(f'inputs = ["{news}"]\noutput = "r.html"\n[styles]\n'
                          'places = { max_radius = "big" }\n', encoding="utf-8")
    recipe_nan = tmp / "nan.toml"
    recipe_nan.write_text(f'inputs = ["{news}"]\noutput = "r.html"\n[styles]\n'
                          "heatmap = { radius = nan }\n", encoding="utf-8")
    (tmp / "adir").mkdir()
    return {
        "db": str(db), "news": str(news), "dir": str(tmp / "adir"),
        "under_file": str(news / "out.csv"),  # a path whose parent is a file
        "lat470": geojson("lat470.geojson", {"type": "Polygon", "coordinates": square(470, 30)}),
        "crs3857": geojson("crs3857.geojson", {
            "type": "Polygon", "coordinates": square(48, 37),
            "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}}),
        "crs_unknown": geojson("crs_unknown.geojson", {
            "type": "Polygon", "coordinates": square(48, 37),
            "crs": {"type": "name", "properties": {"name": "EPSG:999999"}}}),
        "deep": geojson("deep.geojson", '{"type": "Polygon", "coordinates": '
                        + "[" * 100_000 + "]" * 100_000 + "}"),
        "broken": geojson("broken.geojson", '{"type": "FeatureCollection", "features": ['),
        "front": geojson("front.geojson", {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {},
             "geometry": {"type": "Polygon", "coordinates": square(47.5, 37)}}]}),
        "recipe_big": str(recipe_big), "recipe_nan": str(recipe_nan),
        "empty": geojson("empty.jsonl", ""),
    }


def cases(f: dict[str, str]) -> list[Case]:
    db = ("--db", f["db"])
    out: list[Case] = []
    for day in ("2025-13-45", "yesterday", "2025-02-30"):
        out += [Case("date", ("map", f["news"], "--since", day)),
                Case("date", ("mentions", "Pokrovsk", "--until", day, *db)),
                Case("date", ("events", "extract", f["news"], "--date", day))]
    out += [
        Case("date", ("within", "Donetsk Oblast", "--since", "2025-13-45", *db)),
        Case("date", ("places", "--since", "2025-02-30", *db)),
        Case("date", ("export", "--until", "yesterday", *db)),
        Case("date", ("events", "list", "--since", "2025-13-45", *db)),
        Case("date", ("regions", "stats", "--since", "2025-02-30", *db)),
        Case("date", ("frontline", "stats", f["broken"], "--date", "2025-13-45")),
        Case("date", ("map", f["news"], "--frontline-date", "yesterday")),
        Case("region", ("map", f["news"], "--region", "Atlantis")),
        Case("region", ("within", "Atlantis", *db)),
        Case("region", ("events", "--region", "Atlantis", *db)),
        Case("region", ("regions", "stats", "--region", "Atlantis", *db)),
        Case("directory as output", ("parse", f["news"], "-o", f["dir"])),
        Case("directory as output", ("export", "-o", f["dir"], *db)),
        Case("directory as output", ("map", f["news"], "-o", f["dir"])),
        Case("directory as output", ("events", "export", "-o", f["dir"], *db)),
        Case("directory as store", ("ingest", f["news"], "--db", f["dir"])),
        Case("directory as store", ("mentions", "Pokrovsk", "--db", f["dir"])),
        Case("impossible path", ("parse", f["news"], "-o", f["under_file"])),
        Case("impossible path", ("export", "-o", f["under_file"], *db)),
        Case("impossible path", ("events", "export", "-o", f["under_file"], *db)),
        Case("impossible path", ("frontline", "stats", f["front"], "--date", "2024-01-01",
                                 "--csv", f["under_file"])),
        Case("directory as output", ("frontline", "stats", f["front"], "--date", "2024-01-01",
                                     "--plot", f["dir"])),
        Case("impossible path", ("mentions", "Pokrovsk", "--db", "/nonexistent/dir/geo.db")),
        Case("impossible path", ("parse", "/nonexistent/news.jsonl")),
        Case("impossible path", ("gazetteer", "info", "--index", f["news"])),
        Case("impossible path", ("gazetteer", "build", "--out", f["dir"] + "/idx", "--data",
                                 "/nonexistent/data")),
        Case("number > 64 bits", ("places", "--top", "99999999999999999999", *db)),
        Case("number > 64 bits", ("mentions", "99999999999999999999", *db)),
        Case("number > 64 bits", ("eval", f["news"], "--errors", "18446744073709551616")),
        Case("number: nan", ("near", "Pokrovsk", "--km", "nan", *db)),
        Case("number: nan", ("regions", "stats", "--max-km", "nan", *db)),
        Case("number: negative", ("near", "Pokrovsk", "--km", "-5", *db)),
        Case("number: negative", ("ingest", f["news"], "--batch", "-1", *db)),
        Case("number: negative", ("lookup", "Pokrovsk", "--limit", "-3")),
        Case("number: too many", ("parse", f["news"], "--engine", "dask", "--workers", "0",
                                  "-o", f["dir"] + "/out")),
        Case("latitude 470", ("near", "470,30", *db)),
        Case("latitude 470", ("lookup", "--at", "470,30", "Pokrovsk")),
        Case("latitude 470", ("frontline", "near", f["broken"], "--at", "470,30")),
        Case("latitude 470", ("within", f["lat470"], *db)),
        Case("foreign CRS", ("within", f["crs3857"], *db)),
        Case("unknown CRS", ("within", f["crs_unknown"], *db)),
        Case("nested GeoJSON", ("within", f["deep"], *db)),
        Case("nested GeoJSON", ("events", "--region", f["deep"], *db)),
        Case("recipe", ("map", f["recipe_big"])),
        Case("recipe", ("map", f["recipe_nan"])),
        Case("broken front line", ("frontline", "stats", f["broken"])),
        Case("empty input", ("ingest", f["empty"], "--db", f["dir"] + "/new.db")),
        Case("empty input", ("parse", f["empty"])),
        Case("unknown subcommand", ("mentons", "Pokrovsk")),
        Case("full disk", ("parse", f["news"], "-o", "/dev/full")),
        Case("full disk", ("export", "--format", "csv", "-o", "/dev/full", *db)),
        Case("full disk", ("map", f["news"], "-o", "/dev/full")),
        Case("full disk", ("events", "export", "--format", "csv", "-o", "/dev/full", *db)),
        Case("full disk", ("frontline", "stats", f["front"], "--date", "2024-01-01", "--csv",
                           "/dev/full")),
        Case("full disk", ("lookup", "Pokrovsk"), stdout_to="/dev/full"),
        Case("full disk", ("mentions", "Pokrovsk", *db), stdout_to="/dev/full"),
    ]
    return out


def _listing(root: Path) -> set[str]:
    """Files under root; SQLite's -wal/-shm come and go with any reader, so they do not count."""
    return {str(p.relative_to(root)) for p in root.rglob("*")
            if not p.name.endswith(("-wal", "-shm"))}


def run(case: Case, tmp: Path) -> Outcome:
    before = _listing(tmp)
    stdout = open(case.stdout_to, "w") if case.stdout_to else subprocess.DEVNULL  # noqa: SIM115
    try:
        proc = subprocess.run([sys.executable, "-m", "geo", *case.args], stdout=stdout,
                              stderr=subprocess.PIPE, text=True, cwd=tmp, timeout=600,
                              check=False)
    finally:
        if case.stdout_to:
            stdout.close()
    new = tuple(sorted(_listing(tmp) - before))
    return Outcome(case, proc.returncode, proc.stderr, new)


def _shown(args: tuple[str, ...], tmp: Path) -> str:
    text = " ".join(a if len(a) < 60 else a[:57] + "..." for a in args)
    return text.replace(str(tmp) + "/", "")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=1, help="commands run at a time")
    args = ap.parse_args(argv)
    os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    with tempfile.TemporaryDirectory(prefix="geo-bad-") as name:
        tmp = Path(name)
        todo = cases(_fixtures(tmp))
        # cases that may write: one at a time is not needed, each has its own target
        with ThreadPoolExecutor(max(1, args.jobs)) as pool:
            results = list(pool.map(lambda c: run(c, tmp), todo))
        print("| kind | command | exit | stderr |")
        print("|---|---|---|---|")
        for r in results:
            lines = r.stderr.strip().replace("|", "\\|").replace(str(tmp) + "/", "")
            line = lines.splitlines()[-1] if lines else ""
            if r.reports:
                line = f"{line} (after {len(r.reports)} record report: {lines.splitlines()[0]})"
            flag = "" if r.ok else " **FAILS**" + (f" new files {r.new_files}"
                                                    if r.new_files else "")
            stdout = f" > {r.case.stdout_to}" if r.case.stdout_to else ""
            print(f"| {r.case.what} | `geo {_shown(r.case.args, tmp)}{stdout}` | {r.code}"
                  f"{flag} | {line} |")
    failed = [r for r in results if not r.ok]
    print(f"\n{len(results) - len(failed)}/{len(results)} cases: one line, exit 2, "
          "nothing left behind", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
