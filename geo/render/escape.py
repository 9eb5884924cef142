"""All escaping of untrusted text on its way into a map, in one place to audit.

Article titles, text, URLs, sources and even gazetteer names are untrusted. The rule in
``geo.render`` is: untrusted text never goes into folium ``Popup``/``Tooltip`` strings (which
folium wraps in JavaScript template literals) nor into raw HTML. It is JSON-encoded with
:func:`json_for_script` (the ``json`` filter of :mod:`geo.render.templates`) and turned into DOM
nodes in the browser with ``textContent`` by ``geo/render/js/helpers.js``; links pass
:func:`safe_url` here and ``geoDom.safeHref`` there.

:func:`layer_name` escapes the one piece of text folium itself inserts as HTML (a layer
control's name); :func:`html_text` is its HTML half.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import urlsplit

_JSON_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_SCRIPT_RE = re.compile("[<>&\u2028\u2029]")
# C0 and C1 controls, space, and the invisible characters that can hide a scheme or a host:
# no-break and zero-width spaces, bidirectional overrides and isolates, U+2028/U+2029, BOM
_CONTROL_RE = re.compile(r"[\x00-\x20\x7f-\xa0\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def json_for_script(value: Any) -> str:
    """JSON text that is safe to place anywhere inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c`` etc., so ``</script>`` and ``<!--`` cannot end or
    confuse the element; U+2028/U+2029 are escaped for old JavaScript engines. The result is a
    JavaScript expression (not a template literal), so backticks and ``${`` are inert.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_SCRIPT_RE.sub(lambda m: _JSON_SCRIPT_ESCAPES[m.group(0)], text)


def html_text(text: str) -> str:
    """Escape text for HTML element content and quoted attribute values."""
    return html.escape(text, quote=True)


def layer_name(text: str) -> str:
    """Escape a layer-control name: HTML (Leaflet inserts it as HTML), and braces as numeric
    character references, so that even a plain ``folium.LayerControl`` (which compiles its output
    as a Jinja2 template) never sees ``{{``, ``{%`` or ``{#`` in it."""
    return html_text(text).replace("{", "&#123;").replace("}", "&#125;")


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) URL with a host, else ``None`` (``javascript:``...)."""
    if not url:
        return None
    cleaned = _CONTROL_RE.sub("", url)
    if cleaned != url.strip():
        return None  # embedded whitespace or control characters: refuse rather than guess
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return cleaned


def clean_text(text: str | None, *, limit: int = 300) -> str | None:
    """Text collapsed to single spaces and cut to ``limit`` characters (with an ellipsis)."""
    if text is None:
        return None
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text
