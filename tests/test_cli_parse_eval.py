"""``geo parse`` and ``geo eval`` as a user runs them: real subprocesses, real files.

Every run checks that no traceback reaches the user. The gold file for ``geo eval`` is
written here, with precision/recall computed by hand in the comments.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.real_gazetteer

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


def geo(*args: str, stdin: bytes | None = None, cwd: Path | None = None):
    proc = subprocess.run([sys.executable, "-m", "geo", *args], input=stdin,
                          capture_output=True, timeout=120, cwd=cwd)
    out = proc.stdout.decode("utf-8")
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert "internal error" not in err, err
    return proc.returncode, out, err


def jsonl(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def places(record: dict) -> dict[str, int]:
    return {m["surface"]: m["place_id"] for m in record["mentions"]}


# --- geo parse ------------------------------------------------------------------------------


def test_jsonl_with_a_bad_line(gaz):
    code, out, err = geo("parse", str(ARTICLES / "bad_line.jsonl"))
    assert code == 1  # done, with one line skipped
    assert err.splitlines()[-1] == ("geo: 2 article(s) done, 1 record(s) skipped "
                                    "(each reported above)")
    records = jsonl(out)
    assert [r["id"] for r in records] == ["j-1", "j-3"]
    assert places(records[0]) == {"Kharkiv": 706483, "Kyiv": 703448}
    assert places(records[1]) == {"Toulon": 2972328, "Marseille": 2995469}
    assert records[0]["title"] == "Night strikes" and records[0]["date"] == "2026-01-12"
    bad = [line for line in err.splitlines() if "bad_line.jsonl:2" in line]
    assert len(bad) == 1, err
    assert "geo: error" not in err
    for r in records:
        for m in r["mentions"]:
            assert r["text"][m["start"] : m["end"]] == m["surface"]
            assert m["article_id"] == r["id"]


def test_geojson_from_html(gaz):
    code, out, err = geo("parse", str(ARTICLES / "report.html"), "--format", "geojson")
    assert code == 0, err
    fc = json.loads(out)
    assert fc["type"] == "FeatureCollection"
    features = fc["features"]
    names = {f["properties"]["surface"] for f in features}
    assert names == {"Kramatorsk", "Sloviansk"}  # nothing from <script>, <nav>, <footer>
    for f in features:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert (lon, lat) == (f["properties"]["lon"], f["properties"]["lat"])
        assert 37.0 < lon < 38.0 and 48.5 < lat < 49.0  # Donetsk oblast: lon first
    assert sum(f["properties"]["place_id"] == 704508 for f in features) == 2


def test_csv_to_an_output_file(gaz, tmp_path):
    target = tmp_path / "mentions.csv"  # (a missing folder is refused: test_writes.py)
    code, out, err = geo("parse", str(ARTICLES / "articles.csv"), "--format", "csv",
                         "-o", str(target))
    assert code == 0, err
    assert out == ""
    with open(target, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {"article_id", "surface", "place_id", "lat", "lon", "sentence"} <= set(rows[0])
    got = {(r["article_id"], r["surface"]): (r["cc"], r["admin1"]) for r in rows}
    assert got[("c-1", "Toulon")] == ("FR", "93")  # Provence-Alpes-Cote d'Azur
    assert got[("c-2", "Paris")] == ("US", "TX")
    assert all(r["date"] in ("2026-03-02", "2026-03-03") for r in rows)


def test_jsonl_to_an_output_file_and_a_directory(gaz, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Rescuers worked through the night in Dnipro.\n",
                               encoding="utf-8")
    (src / "b.md").write_text("# Update\n\nPower returned to *Zhytomyr* on Monday.\n",
                              encoding="utf-8")
    target = tmp_path / "out.jsonl"
    code, _, err = geo("parse", str(src), "-o", str(target))
    assert code == 0, err
    records = jsonl(target.read_text(encoding="utf-8"))
    assert len(records) == 2
    ids = sorted(pid for r in records for pid in places(r).values())
    assert ids == sorted([709930, 686967])  # Dnipro, Zhytomyr


def test_stdin(gaz):
    text = "Ферма біля Покровська згоріла. Farmers near Pokrovsk lost their crops."
    code, out, err = geo("parse", "-", stdin=text.encode("utf-8"))
    assert code == 0, err
    (record,) = jsonl(out)
    assert record["text"] == text
    assert {m["place_id"] for m in record["mentions"]} == {704422}


def test_invalid_utf8_does_not_crash(gaz, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Des soldats à Kharkiv et à Marseille.".encode("latin-1"))
    code, out, err = geo("parse", str(path))
    assert code == 0, err
    assert {"Kharkiv", "Marseille"} <= set(places(jsonl(out)[0]))


def _one_error_line(err: str) -> None:
    errors = [line for line in err.splitlines() if line.startswith("geo: error:")]
    assert len(errors) == 1, err


def test_empty_file_exits_2(gaz, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    code, out, err = geo("parse", str(path))
    assert code == 2 and out == ""
    _one_error_line(err)


def test_binary_file_exits_2(gaz, tmp_path):
    path = tmp_path / "image.dat"
    path.write_bytes(bytes(range(256)) * 40)
    code, out, err = geo("parse", str(path))
    assert code == 2 and out == ""
    _one_error_line(err)


def test_missing_path_exits_2(gaz, tmp_path):
    code, _, err = geo("parse", str(tmp_path / "nope.jsonl"))
    assert code == 2
    _one_error_line(err)


# --- geo eval -------------------------------------------------------------------------------

# Article g-1: Kyiv (right), Kharkiv annotated at Lviv's point (found, resolved "wrong":
# ~870 km away), and "Qwertivka", a made-up village no gazetteer has (missed).
# Article g-2: Toulon (right); Marseille deliberately left out of the gold (a false positive).
# tp 3, fp 1, fn 1 -> P = R = F1 = 0.75; right 2 of 3 found -> Acc@161 0.6667;
# end-to-end 2 of 4 gold -> 0.5.
GOLD = [
    {"id": "g-1", "lang": "en",
     "text": "Officials in Kyiv and Kharkiv met on Monday. Troops later left Qwertivka.",
     "toponyms": [
         {"surface": "Kyiv", "kind": "city", "cc": "UA", "lat": 50.45466, "lon": 30.5238,
          "geonameid": 703448},
         {"surface": "Kharkiv", "kind": "city", "cc": "UA", "lat": 49.83826, "lon": 24.02324,
          "geonameid": 702550},
         {"surface": "Qwertivka", "kind": "city", "cc": "UA", "lat": 48.5, "lon": 37.5,
          "geonameid": None}]},
    {"id": "g-2", "lang": "en",
     "text": "The mayor of Toulon spoke to reporters in Marseille.",
     "toponyms": [
         {"surface": "Toulon", "kind": "city", "cc": "FR", "lat": 43.12442, "lon": 5.92836,
          "geonameid": 2972328}]},
]


def write_gold(path: Path, articles: list[dict]) -> Path:
    """The articles as a gold JSONL file, each toponym's offsets found from its surface."""
    lines = []
    for article in articles:
        a = json.loads(json.dumps(article))
        for t in a["toponyms"]:
            t["start"] = a["text"].index(t["surface"])
            t["end"] = t["start"] + len(t["surface"])
        lines.append(json.dumps(a, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def gold_file(tmp_path) -> Path:
    return write_gold(tmp_path / "gold.jsonl", GOLD)


def test_eval_json(gaz, gold_file):
    code, out, err = geo("eval", str(gold_file), "--json")
    assert code == 0, err
    r = json.loads(out)
    assert (r["tp"], r["fp"], r["fn"]) == (3, 1, 1)
    assert r["precision"] == pytest.approx(0.75, abs=1e-3)
    assert r["recall"] == pytest.approx(0.75, abs=1e-3)
    assert r["f1"] == pytest.approx(0.75, abs=1e-3)
    assert r["acc161"] == pytest.approx(2 / 3, abs=1e-3)
    assert r["acc161_plain"] == r["acc161"]
    assert r["acc161_kind_rules"] == r["resolution_accuracy"]
    assert r["end_to_end"] == pytest.approx(0.5, abs=1e-3)
    kinds = sorted(e["type"] for e in r["errors"])
    assert kinds == ["false_positive", "missed", "wrong_resolution"]


def test_eval_human(gaz, gold_file):
    code, out, err = geo("eval", str(gold_file))
    assert code == 0, err
    assert "F1" in out and "Acc@161" in out
    assert "0.750" in out


#: the GOLD articles above (en) and one each in Ukrainian and Russian: Kharkiv in the
#: Ukrainian one is found and right, the made-up «Квертівка» missed (uk: tp 1, fn 1, P 1.0,
#: R 0.5, F1 0.667, e2e 0.5); Belgorod in the Russian one found and right (all 1.0)
GOLD_UK_RU = [
    {"id": "g-uk", "lang": "uk", "text": "Вибухи пролунали у Харкові. Ворог відступив з Квертівки.",
     "toponyms": [
         {"surface": "Харкові", "kind": "city", "cc": "UA", "lat": 49.98081, "lon": 36.25272,
          "geonameid": 706483},
         {"surface": "Квертівки", "kind": "city", "cc": "UA", "lat": 48.5, "lon": 37.5,
          "geonameid": None}]},
    {"id": "g-ru", "lang": "ru", "text": "Губернатор сообщил об ударе по Белгороду.",
     "toponyms": [
         {"surface": "Белгороду", "kind": "city", "cc": "RU", "lat": 50.61074,
          "lon": 36.58015, "geonameid": 578072}]},
]


def test_eval_reports_every_figure_per_language(gaz, tmp_path):
    path = write_gold(tmp_path / "gold.jsonl", [*GOLD, *GOLD_UK_RU])
    code, out, err = geo("eval", str(path), "--json")
    assert code == 0, err
    r = json.loads(out)
    assert (r["tp"], r["fp"], r["fn"]) == (5, 1, 2)  # the overall figures as before
    langs = r["per_language"]
    assert sorted(langs) == ["en", "ru", "uk"]
    en, uk, ru = langs["en"], langs["uk"], langs["ru"]
    assert (en["tp"], en["fp"], en["fn"], en["f1"], en["end_to_end"]) == (3, 1, 1, 0.75, 0.5)
    assert (uk["n_articles"], uk["tp"], uk["fp"], uk["fn"]) == (1, 1, 0, 1)
    assert (uk["precision"], uk["recall"], uk["f1"]) == (1.0, 0.5, 0.6667)
    assert (uk["resolution_accuracy"], uk["acc161"], uk["end_to_end"]) == (1.0, 1.0, 0.5)
    assert (ru["n_gold"], ru["f1"], ru["end_to_end"]) == (1, 1.0, 1.0)
    for figures in langs.values():
        assert {"ece", "auc", "mean_error_km", "n_pred", "per_kind"} <= set(figures)
    code, out, err = geo("eval", str(path))
    assert code == 0, err
    table = out[out.index("per language"):]
    header = table.splitlines()[1].split()
    assert header == ["en", "ru", "uk"]
    rows = {line.split()[0]: line.split()[1:] for line in table.splitlines()[2:16]
            if line.strip()}
    assert rows["F1"] == ["0.750", "1.000", "0.667"]
    assert rows["end-to-end"] == ["0.500", "1.000", "0.500"]


def test_eval_bad_gold_exits_2(gaz, tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "x", "text": "Kyiv", "toponyms": [{"surface": "Kyiv", '
                    '"start": 1, "end": 5}]}\n', encoding="utf-8")
    code, _, err = geo("eval", str(path))
    assert code == 2
    _one_error_line(err)
    assert "gold.jsonl:1" in err


def test_eval_reports_calibration_and_draws_the_reliability_diagram(gaz, gold_file, tmp_path):
    png = tmp_path / "reliability.png"
    code, out, err = geo("eval", str(gold_file), "--plot", str(png))
    assert code == 0, err
    assert "ECE" in out and "representative point" in out
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    code, out, err = geo("eval", str(gold_file), "--json")
    r = json.loads(out)
    assert 0.0 <= r["ece"] <= 1.0 and sum(b[1] for b in r["reliability"]) == 4  # 3 tp + 1 fp


@pytest.mark.parametrize("target", ["no/such/dir/r.png", "reliability.pdf"])
def test_eval_bad_plot_target_exits_2_before_parsing(gaz, gold_file, tmp_path, target):
    code, out, err = geo("eval", str(gold_file), "--plot", str(tmp_path / target))
    assert code == 2 and out == ""
    _one_error_line(err)


def test_eval_plot_keeps_an_existing_file_without_force(gaz, gold_file, tmp_path):
    png = tmp_path / "keep.png"
    png.write_bytes(b"mine")
    code, out, err = geo("eval", str(gold_file), "--plot", str(png))
    assert code == 2 and out == "" and "--force" in err
    _one_error_line(err)
    assert png.read_bytes() == b"mine"
    code, out, err = geo("eval", str(gold_file), "--plot", str(png), "--force")
    assert code == 0, err
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gold.jsonl", "keep.png"]
