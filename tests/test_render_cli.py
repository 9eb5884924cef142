"""`geo map` and `geo assets` at the command line (in-process)."""

from __future__ import annotations

import json

from geo.cli import main
from geo.cli.map import load_recipe


def test_map_errors_are_one_line(tmp_path, capsys):
    assert main(["map"]) == 2
    assert main(["map", str(tmp_path / "missing")]) == 2
    assert main(["map", "--db", str(tmp_path / "none.db")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("geo: error: ") for line in err)


def test_recipe_paths_are_relative_to_the_recipe(tmp_path):
    recipe = tmp_path / "maps" / "r.toml"
    recipe.parent.mkdir()
    recipe.write_text('inputs = ["../seeds"]\noutput = "out/r.html"\n[layers]\nheatmap = false\n')
    r = load_recipe(recipe)
    assert r["inputs"] == [str(tmp_path / "maps" / "../seeds")]
    assert r["output"] == str(tmp_path / "maps" / "out/r.html")
    assert r["layers"] == {"heatmap": False}


def test_bad_recipe_is_an_input_error(tmp_path, capsys):
    recipe = tmp_path / "bad.toml"
    recipe.write_text("inputs = [\n")
    assert main(["map", str(recipe)]) == 2
    recipe.write_text('colour = "red"\n')
    assert main(["map", str(recipe)]) == 2
    assert "unknown keys colour" in capsys.readouterr().err


def test_a_recipe_cannot_write_outside_its_folder(tmp_path, capsys):
    (tmp_path / "maps").mkdir()
    (tmp_path / "a.txt").write_text("Shelling near Pokrovsk.\n")
    for output in ("../escaped.html", str(tmp_path / "abs.html"), "out/map.py", "../../x.html"):
        recipe = tmp_path / "maps" / "r.toml"
        recipe.write_text(f'inputs = ["../a.txt"]\noutput = "{output}"\n')
        assert main(["map", str(recipe)]) == 2, output
        err = capsys.readouterr().err
        assert err.startswith("geo: error: bad recipe") and "inside" in err, err
    assert not (tmp_path / "escaped.html").exists() and not (tmp_path / "abs.html").exists()


def test_checked_in_seed_recipe_parses():
    r = load_recipe(__import__("pathlib").Path("maps/seed.toml"))
    assert r["output"].endswith("maps/out/seed.html")


def test_assets_list_and_path(capsys):
    assert main(["assets", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["npm"] for r in rows} >= {"leaflet@1.9.3/dist/leaflet.js"}
    assert main(["assets", "path"]) == 0
    assert capsys.readouterr().out.strip().endswith("assets")


def test_map_from_articles_end_to_end(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("Russian troops advanced near Pokrovsk in the Donetsk region.\n")
    out = tmp_path / "m.html"
    assert main(["map", str(src), "-o", str(out), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["output"] == str(out)
    assert summary["places"] == 2 and summary["mentions"] == 2  # Pokrovsk, Donetsk Oblast
    assert out.stat().st_size > 0
