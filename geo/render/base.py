"""What every layer and control shares: the layer protocol, the render context, a script element.

A layer is any object with a ``name``, an ``add_to(map, ctx)`` method and a ``legend`` (a
sequence of :class:`LegendItem`, read after ``add_to``). Layers talk to each other only through
the page's shared state object (``ctx.state`` in JavaScript): ``state.map``, ``state.dates``
(sorted ``YYYY-MM-DD`` days), ``state.renderer`` (the shared canvas), ``state.onRange(fn)`` /
``state.setRange(lo, hi)`` for the date slider, ``state.countIn(cells)`` to count the flat
``[dateIndex, outlet, confidenceBucket, n, ...]`` cells of :func:`geo.render.data.cell_counts`
inside the current range and the filter panel's choices (date index -1, undated, is in every
range), ``state.keep(outlet, confidence)`` for one record, ``state.refilter()`` after a filter
changes, and ``state.layers`` where each layer publishes its Leaflet objects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from geo.render.assets import Asset
from geo.render.escape import layer_name
from geo.render.templates import JsName, script_element, style_element, verbatim_class

if TYPE_CHECKING:
    import folium

    from geo.render.data import Summary


@dataclass(frozen=True, slots=True)
class LegendItem:
    """One legend row: a coloured swatch and its label."""

    label: str
    color: str
    shape: str = "circle"  # circle, square, line, an event shape, or "note" (words, no swatch)

    def to_json(self) -> dict[str, str]:
        return {"label": self.label, "color": self.color, "shape": self.shape}


@dataclass(frozen=True, slots=True)
class MapContext:
    """What a layer needs besides the map: the JS state variable, the data summary, styles."""

    state: str  # name of the page's shared JS state variable
    summary: Summary
    styles: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    timeline: bool = False  # the map has the shared time slider (layers follow state.onRange)
    #: place id -> (lat, lon) where an area place is drawn instead of its own point
    #: (:mod:`geo.render.anchor`)
    anchors: Mapping[int, tuple[float, float]] = field(default_factory=dict)

    def point(self, place: Any) -> tuple[float, float]:
        """Where ``place`` is drawn: its anchor when it has one, else its own point."""
        return self.anchors.get(place.id, (place.lat, place.lon))

    def style(self, layer: str, key: str, default: Any) -> Any:
        return self.styles.get(layer, {}).get(key, default)


@runtime_checkable
class Layer(Protocol):
    """A map layer: adds itself (usually a toggleable ``FeatureGroup``) to the map."""

    name: str

    @property
    def legend(self) -> Sequence[LegendItem]: ...

    def add_to(self, m: folium.Map, ctx: MapContext) -> None: ...


def script(name: str, assets: Sequence[Asset] = (), **variables: Any) -> Any:
    """A folium element running the fixed script ``geo/render/js/<name>`` and loading ``assets``.

    ``variables`` fill the script's template: JavaScript names as :class:`JsName`, data through
    its ``json`` filter (see :mod:`geo.render.templates`); no code is ever built from strings.
    """
    return script_element(name, assets, **variables)


def group(name: str, *, show: bool = True) -> Any:
    """A toggleable ``FeatureGroup`` called ``name`` in the layer control.

    Leaflet's layer control inserts the name as HTML, so it is escaped by
    :func:`~geo.render.escape.layer_name`; folium's own output is kept from being compiled as a
    template by :func:`verbatim_class`.
    """
    import folium

    return verbatim_class(folium.FeatureGroup)(name=layer_name(name), show=show)


def add_group(m: folium.Map, ctx: MapContext, *, name: str, show: bool, js: str, data: Any,
              assets: Sequence[Asset] = ()) -> None:
    """Add a toggleable ``FeatureGroup`` named ``name`` running the fixed script ``js`` with
    the variables ``state``, ``group`` and ``data`` (print it as ``{{ data|json }}``).
    """
    fg = group(name, show=show)
    fg.add_child(script(js, assets, state=JsName(ctx.state), group=JsName(fg.get_name()),
                        data=data))
    fg.add_to(m)


def header(css_file: str) -> Any:
    """A folium element placing the fixed stylesheet ``geo/render/css/<css_file>`` in the head."""
    return style_element(css_file)
