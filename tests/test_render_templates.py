"""The structure that keeps data from becoming code: fixed page-code files, typed variables,
and no element of a geo map whose output is compiled as a template (issue 15)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geo.render import map_html
from geo.render.templates import CSS_DIR, JS_DIR, JsName, css, is_verbatim, render_js
from tests.test_render_template_injection import hostile_map

RENDER = Path(__file__).resolve().parents[1] / "geo" / "render"


def test_every_named_page_code_file_exists_and_every_file_is_used() -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for p in RENDER.glob("*.py"))
    named = set(re.findall(r'"([a-z][a-z0-9_-]*\.(?:js|css))"', code))
    files = {p.name for p in JS_DIR.glob("*.js")} | {p.name for p in CSS_DIR.glob("*.css")}
    assert named == files
    for name in files:
        if name.endswith(".css"):
            assert "{{" not in css(name) and "</style" not in css(name)


def test_a_raw_string_variable_is_refused() -> None:
    state = JsName("geo_state_map_1")
    assert '"a {{ b }}"' in render_js("title.js", state=state, data="a {{ b }}")
    with pytest.raises(TypeError, match="json filter"):
        render_js("title.js", state="geo_state_map_1", data="t")  # a str, not a JsName
    with pytest.raises(TypeError):
        render_js("fit.js", map="map_1", bounds=[[0, 0], [1, 1]])
    for bad in ("x;alert(1)", "a b", "1x", "", "{{ 7*7 }}", "x\n"):
        with pytest.raises(ValueError):
            JsName(bad)


def test_only_fixed_files_can_be_templates() -> None:
    for bad in ("../templates.py", "/etc/passwd", "js/title.js", "title.js\n", "TITLE.JS"):
        with pytest.raises(ValueError):
            render_js(bad)


def test_nothing_in_a_rendered_map_is_compiled_from_data() -> None:
    """After rendering, every page part is verbatim text, a fixed link, branca's meta tag, or
    folium's ``x.addTo(y);`` of generated names; every macro element renders verbatim."""
    import branca.element as be

    m = hostile_map()
    map_html(m)
    fig = m.get_root()
    add_to = re.compile(r"^\s*[A-Za-z_][\w]*\.addTo\([A-Za-z_][\w]*\);\s*$")
    meta = '<meta http-equiv="content-type" content="text/html; charset=UTF-8" />'
    for part in (fig.header, fig.html, fig.script):
        for el in part._children.values():
            if is_verbatim(el) or type(el) in (be.JavascriptLink, be.CssLink):
                continue
            assert type(el) is be.Element and (el._template_str == meta
                                               or add_to.match(el._template_str)), el

    def walk(el):
        yield el
        for child in el._children.values():
            yield from walk(child)

    from folium.map import ElementAddToElement

    others = {type(el).__name__ for el in walk(m)
              if isinstance(el, be.MacroElement) and not is_verbatim(el)
              and not isinstance(el, ElementAddToElement)}
    assert others == set()
