"""Escaping of untrusted text for maps."""

from __future__ import annotations

import json

import pytest

from geo.render.escape import json_for_script, safe_url


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


# --- exact values, so that a changed escape, a dropped check or a changed limit fails ---------


def test_json_for_script_escapes_each_dangerous_character_to_its_unicode_escape():
    assert json_for_script({"t": "<&>\u2028\u2029é"}) == \
        '{"t":"\\u003c\\u0026\\u003e\\u2028\\u2029é"}'  # compact, non-ASCII kept as is
    assert json_for_script(["a", 1]) == '["a",1]'
    with pytest.raises(ValueError):
        json_for_script(float("nan"))  # NaN is not JSON: refuse rather than write it


def test_html_text_escapes_quotes_for_attributes():
    from geo.render.escape import html_text

    assert html_text("\"'<>&") == "&quot;&#x27;&lt;&gt;&amp;"


@pytest.mark.parametrize("url", [
    "https://exa mple.org/",
    "https://example.org/\x00x",
    "https://example.org/a\x7fb",
    "https://example.org/\u2028x",
    "https://example.org/\u2029x",
    "http\u2029s://example.org/",
    "https://exa\u200bmple.org/",
    "https://example.org/\u202egpj.exe",
    "https://example.org/\u00a0x",
    "https://example.org/\ufeffx",
    "https://\x85example.org/",
])
def test_safe_url_refuses_control_and_invisible_characters_inside(url):
    assert safe_url(url) is None


def test_safe_url_trims_surrounding_whitespace_and_refuses_unparseable_hosts():
    assert safe_url("  https://example.org/a \n") == "https://example.org/a"
    assert safe_url("https://example.org/a\u2029") == "https://example.org/a"
    assert safe_url("http://[::1/x") is None  # urlsplit raises ValueError
    assert safe_url("HTTPS://example.org/") == "HTTPS://example.org/"
    assert safe_url("ftp://example.org/") is None


def test_clean_text_collapses_whitespace_and_cuts_at_the_limit_with_an_ellipsis():
    from geo.render.escape import clean_text

    assert clean_text(None) is None
    assert clean_text("  Pokrovsk,\n\tDonetsk \u2029 region ") == "Pokrovsk, Donetsk region"
    assert clean_text("") == ""
    assert clean_text("x" * 300) == "x" * 300  # at the default limit: kept whole
    assert clean_text("x" * 301) == "x" * 299 + "…"  # over it: 300 characters with the ellipsis
    assert clean_text("ab cd", limit=4) == "ab…"  # no space before the ellipsis
    assert clean_text("abcd", limit=4) == "abcd"


def test_layer_name_escapes_html_and_every_brace():
    from geo.render.escape import layer_name

    assert layer_name('<b>{{ x }}</b> {% y %} "q"') == \
        "&lt;b&gt;&#123;&#123; x &#125;&#125;&lt;/b&gt; &#123;% y %&#125; &quot;q&quot;"
