"""Every page script parses: each ``geo/render/js/*.js`` template, rendered, passes
``node --check`` (syntax only; the browser tests run them)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from geo.render.templates import JS_DIR, JsName, render_js

SCRIPTS = sorted(p.name for p in JS_DIR.glob("*.js"))


def _variables(name: str) -> set[str]:
    import jinja2.meta

    from geo.render.templates import _environment

    env = _environment()
    source = env.loader.get_source(env, name)[0]
    return jinja2.meta.find_undeclared_variables(env.parse(source))


def test_there_are_scripts() -> None:
    assert {"state.js", "timeline.js", "frontline.js", "basemap.js", "places.js"} <= set(SCRIPTS)


@pytest.mark.parametrize("name", SCRIPTS)
def test_script_parses_in_node(name: str, tmp_path) -> None:
    node = shutil.which("node")
    assert node, "node is needed for this check (apt-get install nodejs)"
    # every variable as an identifier: printed raw it is a name, through |json a string
    code = render_js(name, **{v: JsName(f"geo_{v}") for v in _variables(name)})
    path = tmp_path / name
    path.write_text(code, encoding="utf-8")
    proc = subprocess.run([node, "--check", str(path)], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_a_syntax_error_is_caught(tmp_path) -> None:
    node = shutil.which("node")
    assert node
    path = tmp_path / "bad.js"
    path.write_text("(function () { var x = ; })();", encoding="utf-8")
    assert subprocess.run([node, "--check", str(path)], capture_output=True).returncode != 0
