"""``geo map --png``: the map as an image from headless Chromium, no network, offline base."""

from __future__ import annotations

import json
import struct

from tests.test_render_template_injection import geo


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_png_of_a_map_at_the_chosen_size(tmp_path, fixture_index):
    arts = tmp_path / "a.jsonl"
    arts.write_text("".join(json.dumps({"id": f"a{i}", "text": "Shelling near Pokrovsk.",
                                        "date": f"2025-08-0{i + 1}"}) + "\n"
                            for i in range(3)), encoding="utf-8")
    proc = geo("map", str(arts), "-o", str(tmp_path / "m.html"), "--png",
               str(tmp_path / "m.png"), "--size", "900x600", "--json", cwd=tmp_path,
               index=fixture_index)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["png"] == str(tmp_path / "m.png")
    data = (tmp_path / "m.png").read_bytes()
    assert _png_size(data) == (900, 600)
    assert len(data) > 20_000  # a drawn map (land, borders, circles), not a blank page


def test_png_bad_size_and_name_are_one_line_errors(tmp_path, fixture_index):
    arts = tmp_path / "a.jsonl"
    arts.write_text(json.dumps({"id": "a", "text": "Pokrovsk."}) + "\n", encoding="utf-8")
    for extra, says in ((["--size", "12x"], "invalid --size"),
                        (["--size", "99999x600"], "invalid --size"),
                        (["--size", "800x600"], "must end in .png")):
        target = "m.jpg" if "800x600" in extra else "m.png"
        proc = geo("map", str(arts), "-o", str(tmp_path / "m.html"), "--png",
                   str(tmp_path / target), *extra, cwd=tmp_path, index=fixture_index)
        assert proc.returncode == 2 and says in proc.stderr, proc.stderr
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("geo: error: ")
        assert not (tmp_path / target).exists()


def test_png_replaces_an_existing_image_only_with_force(tmp_path, fixture_index):
    arts = tmp_path / "a.jsonl"
    arts.write_text(json.dumps({"id": "a", "text": "Shelling near Pokrovsk."}) + "\n",
                    encoding="utf-8")
    keep = tmp_path / "keep.png"
    keep.write_bytes(b"mine")
    args = ("map", str(arts), "-o", str(tmp_path / "m.html"), "--png", str(keep),
            "--size", "400x300")
    proc = geo(*args, cwd=tmp_path, index=fixture_index)
    assert proc.returncode == 2 and "--force" in proc.stderr, proc.stderr
    assert keep.read_bytes() == b"mine" and not (tmp_path / "m.html").exists()
    proc = geo(*args, "--force", cwd=tmp_path, index=fixture_index)
    assert proc.returncode == 0, proc.stderr
    assert _png_size(keep.read_bytes()) == (400, 300)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl", "keep.png", "m.html"]


def test_png_zoom_and_centre_and_their_bad_values(tmp_path, fixture_index):
    arts = tmp_path / "a.jsonl"
    arts.write_text(json.dumps({"id": "a", "text": "Shelling near Pokrovsk and Kramatorsk."})
                    + "\n", encoding="utf-8")
    for extra, says in ((["--zoom", "0"], "invalid zoom"), (["--zoom", "x"], "invalid zoom"),
                        (["--center", "91,0"], "coordinates out of range"),
                        (["--center", "48.3"], "expected LAT,LON")):
        proc = geo("map", str(arts), "-o", str(tmp_path / "m.html"), "--png",
                   str(tmp_path / "z.png"), *extra, cwd=tmp_path, index=fixture_index)
        assert proc.returncode == 2 and says in proc.stderr, proc.stderr
        assert not (tmp_path / "z.png").exists()
    proc = geo("map", str(arts), "-o", str(tmp_path / "m.html"), "--zoom", "9", cwd=tmp_path,
               index=fixture_index)
    assert proc.returncode == 2 and "add --png FILE" in proc.stderr
    assert proc.stderr.startswith("geo: error: ") and proc.stderr.count("\n") == 1
    sizes = {}
    for zoom in ("5", "9"):
        target = tmp_path / f"z{zoom}.png"
        proc = geo("map", str(arts), "-o", str(tmp_path / "m.html"), "--force", "--png",
                   str(target), "--size", "600x400", "--zoom", zoom, "--center", "48.3,37.2",
                   cwd=tmp_path, index=fixture_index)
        assert proc.returncode == 0, proc.stderr
        assert _png_size(target.read_bytes()) == (600, 400)
        sizes[zoom] = target.read_bytes()
    assert sizes["5"] != sizes["9"]  # the view changed
