"""What every layer and control shares: the layer protocol, the render context, a script element.

A layer is any object with a ``name``, an ``add_to(map, ctx)`` method and a ``legend`` (a
sequence of :class:`LegendItem`, read after ``add_to``). Layers talk to each other only through
the page's shared state object (``ctx.state`` in JavaScript): ``state.map``, ``state.dates``
(sorted ``YYYY-MM-DD`` days), ``state.renderer`` (the shared canvas), ``state.onRange(fn)`` /
``state.setRange(lo, hi)`` for the date slider, ``state.countIn(pairs)`` to count
``[dateIndex, n]`` pairs inside the current range (index -1, undated, always counts), and
``state.layers`` where each layer publishes its Leaflet objects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from geo.render.assets import Asset
from geo.render.escape import json_for_script

if TYPE_CHECKING:
    import folium

    from geo.render.data import Summary


@dataclass(frozen=True, slots=True)
class LegendItem:
    """One legend row: a coloured swatch and its label."""

    label: str
    color: str
    shape: str = "circle"  # circle, square, line

    def to_json(self) -> dict[str, str]:
        return {"label": self.label, "color": self.color, "shape": self.shape}


@dataclass(frozen=True, slots=True)
class MapContext:
    """What a layer needs besides the map: the JS state variable, the data summary, styles."""

    state: str  # name of the page's shared JS state variable
    summary: Summary
    styles: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def style(self, layer: str, key: str, default: Any) -> Any:
        return self.styles.get(layer, {}).get(key, default)


@runtime_checkable
class Layer(Protocol):
    """A map layer: adds itself (usually a toggleable ``FeatureGroup``) to the map."""

    name: str

    @property
    def legend(self) -> Sequence[LegendItem]: ...

    def add_to(self, m: folium.Map, ctx: MapContext) -> None: ...


def script(code: str, assets: Sequence[Asset] = ()) -> Any:
    """A folium element that emits ``code`` in the page's script and loads pinned ``assets``.

    ``code`` must be trusted JavaScript; untrusted data goes in through
    :func:`geo.render.escape.json_for_script`.
    """
    from branca.element import MacroElement
    from folium.elements import JSCSSMixin
    from folium.template import Template

    class _Script(JSCSSMixin, MacroElement):
        _template = Template("{% macro script(this, kwargs) %}\n{{ this.code }}\n{% endmacro %}")

        def __init__(self) -> None:
            super().__init__()
            self._name = "GeoScript"
            self.code = code
            self.default_js = [(a.url, a.url) for a in assets if a.kind == "js"]
            self.default_css = [(a.url, a.url) for a in assets if a.kind == "css"]

    return _Script()


def add_group(m: folium.Map, ctx: MapContext, *, name: str, show: bool, js: str, data: Any,
              assets: Sequence[Asset] = ()) -> None:
    """Add a toggleable ``FeatureGroup`` named ``name`` whose script is ``js`` with
    ``__STATE__``, ``__GROUP__`` and ``__DATA__`` (``data`` via :func:`json_for_script`) filled in.
    """
    import folium

    group = folium.FeatureGroup(name=name, show=show)
    code = (js.replace("__STATE__", ctx.state)
            .replace("__GROUP__", group.get_name())
            .replace("__DATA__", json_for_script(data)))
    group.add_child(script(code, assets))
    group.add_to(m)


def header(html: str) -> Any:
    """A folium element placing trusted static ``html`` (e.g. a ``<style>``) in the page head."""
    from branca.element import Element

    return Element(html)
