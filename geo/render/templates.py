"""Fixed page code, data only as variables: the one way anything reaches a map page.

branca and folium treat text as Jinja2 template *source*: ``Element(text)`` compiles its
argument, and every ``MacroElement`` renders its macros and hands the result to
``Element(...)``, which compiles and renders it a second time. Data that passes through either
is run as a template (``{{ cycler.__init__.__globals__.os.popen(...) }}`` runs a shell command,
``{# ... #}`` deletes code, ``\\u003c`` escapes are decoded). So in ``geo.render``:

- page code is fixed text: the scripts in ``geo/render/js/*.js`` and the stylesheets in
  ``geo/render/css/*.css``, shipped with the package; nothing builds code from strings;
- a script template gets data only as variables, and a variable is printed only when it is a
  :class:`JsName` (a checked JavaScript identifier, such as a folium element's name) or passed
  through the ``json`` filter (:func:`geo.render.escape.json_for_script`); anything else raises;
- the rendered text reaches the page in a :func:`verbatim` element, whose ``render`` returns it
  unchanged, and every folium class geo uses is wrapped by :func:`verbatim_class` so that its
  own output is never compiled a second time.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from geo.render.escape import json_for_script

_HERE = Path(__file__).resolve().parent
JS_DIR = _HERE / "js"
CSS_DIR = _HERE / "css"
_NAME_RE = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_FILE_RE = re.compile(r"[a-z][a-z0-9_-]*\.(?:js|css)")


class JsName(str):
    """A JavaScript identifier (a variable a script refers to); checked when made."""

    __slots__ = ()

    def __new__(cls, name: str) -> JsName:
        if not _NAME_RE.fullmatch(name):
            raise ValueError(f"not a JavaScript identifier: {name!r}")
        return super().__new__(cls, name)


class ScriptJson(str):
    """JSON text escaped for a ``<script>`` element (made only by the ``json`` filter)."""

    __slots__ = ()


def _json_filter(value: Any) -> ScriptJson:
    return ScriptJson(json_for_script(value))


def _finalize(value: Any) -> str:
    """Refuse to print anything but an identifier or escaped JSON into a script."""
    if isinstance(value, JsName | ScriptJson):
        return str(value)
    raise TypeError(
        f"script template variable of type {type(value).__name__} printed raw: pass data "
        "through the json filter ({{ x|json }}) or a JsName"
    )


@cache
def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(JS_DIR)),
        autoescape=False,  # nothing is printed raw: _finalize admits only JsName and ScriptJson
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["json"] = _json_filter
    return env


def _fixed_file(folder: Path, name: str) -> Path:
    if not _FILE_RE.fullmatch(name):
        raise ValueError(f"not a page-code file name: {name!r}")
    return folder / name


def render_js(name: str, **variables: Any) -> str:
    """The fixed script ``geo/render/js/<name>`` with ``variables`` filled in."""
    _fixed_file(JS_DIR, name)
    return _environment().get_template(name).render(**variables)


@cache
def css(name: str) -> str:
    """The fixed stylesheet ``geo/render/css/<name>`` (no variables)."""
    return _fixed_file(CSS_DIR, name).read_text(encoding="utf-8")


def _branca() -> Any:
    import branca.element

    return branca.element


def verbatim(text: str) -> Any:
    """A page element whose ``render`` returns ``text`` as it is (never compiled)."""
    return _verbatim_types()[0](text)


@cache
def _verbatim_types() -> tuple[type, type]:
    element = _branca()

    class _Verbatim(element.Element):
        """Already-rendered text: branca prints ``render()``'s result as a value, not source."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self._name = "GeoVerbatim"
            self.text = text

        def render(self, **kwargs: Any) -> str:
            return self.text

    class _VerbatimMacro(element.MacroElement):
        """``MacroElement.render`` with its macros' output kept as text, not recompiled."""

        def render(self, **kwargs: Any) -> None:
            figure = self.get_root()
            if not isinstance(figure, element.Figure):
                raise TypeError("a map element can only be rendered inside a Figure")
            module = self._template.module.__dict__
            for part in ("header", "html", "script"):
                macro = module.get(part)
                if macro is not None:
                    getattr(figure, part).add_child(_Verbatim(str(macro(self, kwargs))),
                                                    name=self.get_name())
            for child in self._children.values():
                child.render(**kwargs)

    return _Verbatim, _VerbatimMacro


def is_verbatim(obj: Any) -> bool:
    """Whether ``obj`` is a :func:`verbatim` element or renders like one."""
    return isinstance(obj, _verbatim_types())


@cache
def verbatim_class(cls: type) -> type:
    """``cls`` (a folium ``MacroElement`` class) rendering without recompiling its output.

    The mixin goes last, so ``cls``' own ``render`` (links, layer lists) still runs first and
    its ``super().render()`` lands in the verbatim one.
    """
    macro = _verbatim_types()[1]
    return type(f"Geo{cls.__name__}", (cls, macro), {"__module__": __name__})


def script_element(name: str, assets: Any = (), **variables: Any) -> Any:
    """A page element running the fixed script ``name`` and loading pinned ``assets``."""
    from folium.elements import JSCSSMixin

    code = render_js(name, **variables)

    class _Script(JSCSSMixin, _verbatim_types()[1]):
        def __init__(self) -> None:
            super().__init__()
            self._name = "GeoScript"
            self.default_js = [(a.url, a.url) for a in assets if a.kind == "js"]
            self.default_css = [(a.url, a.url) for a in assets if a.kind == "css"]

        def render(self, **kwargs: Any) -> None:
            super().render(**kwargs)  # the asset links (JSCSSMixin); it has no macros itself
            self.get_root().script.add_child(verbatim(code), name=self.get_name())

    return _Script()


def style_element(name: str) -> Any:
    """A head element holding the fixed stylesheet ``name``."""
    return verbatim(f"<style>\n{css(name)}</style>")
