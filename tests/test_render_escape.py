"""Escaping of untrusted text for maps."""

from __future__ import annotations

import json

import pytest

from geo.render.escape import json_for_script, popup_text, safe_url, template_literal


@pytest.mark.parametrize("url,expected", [
    ("https://example.org/a?b=1", "https://example.org/a?b=1"),
    ("http://example.org", "http://example.org"),
    ("javascript:alert(1)", None),
    ("JavaScript:alert(1)", None),
    (" javascript:alert(1)", None),
    ("java\tscript:alert(1)", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("vbscript:msgbox", None),
    ("//evil.example/x", None),
    ("https:///nohost", None),
    ("", None),
    (None, None),
])
def test_safe_url_keeps_only_http_links(url, expected):
    assert safe_url(url) == expected


def test_json_for_script_cannot_close_the_script_element():
    text = json_for_script({"t": "</script><script>x()</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"t": "</script><script>x()</script><!-- & \u2028"}


def test_template_literal_escapes_backtick_backslash_and_interpolation():
    assert template_literal("a`b\\c${d}") == "a\\`b\\\\c\\${d}"


def test_popup_text_escapes_html_then_template_literal():
    assert popup_text("<b>`${x}`</b>") == "&lt;b&gt;\\`\\${x}\\`&lt;/b&gt;"
