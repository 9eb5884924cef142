"""Front-line layer: the occupied area on a chosen date, gains and losses since an earlier date.

Gains and losses are hatched (an inline SVG ``<pattern>``, no plugin asset: the polygons use
their own SVG renderer whose ``fill`` is ``url(#pattern)``) and carry their km² in a tooltip.
A small fixed control always shows "as of <date> · <source>"; with two or more snapshots a
slider picks the date (gains and losses then follow it). Every string reaches the page as JSON
(:func:`~geo.render.escape.json_for_script`) and the DOM through ``textContent`` only.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from geo.errors import InputError
from geo.render.base import LegendItem, MapContext, group, script
from geo.render.escape import clean_text
from geo.render.templates import JsName

if TYPE_CHECKING:
    import folium

    from geo.frontline.model import Snapshot

OCCUPIED_COLOR = "#b2182b"
GAIN_COLOR = "#1a1a1a"  # newly occupied: black hatching over the red (red means occupied only)
LOSS_COLOR = "#2166ac"  # no longer occupied
_MIN_PART_KM2 = 0.01  # slivers smaller than this are not drawn (their area still counts)
#: window starts with precomputed changes: n snapshots cost n*(n-1)/2 difference pairs, so past
#: 12 (66 pairs, the size of a year of monthly snapshots) only 12 evenly spread starts are kept
MAX_BASES = 12

class FrontlineLayer:
    """The occupied area for ``date`` (default: the latest snapshot) and the gains and losses
    since ``since`` (default: the earliest), with a date slider over ``snapshots``."""

    occupies_ground = True  # the composer switches the choropleth off under it

    def __init__(
        self,
        snapshots: Sequence[Snapshot],
        *,
        date: _dt.date | None = None,
        since: _dt.date | None = None,
        name: str = "Front line",
        country: str | None = "UA",
        simplify_deg: float = 0.002,
        show: bool = True,
    ) -> None:
        if not snapshots:
            raise InputError("the front-line layer needs at least one snapshot")
        self.snapshots = sorted(snapshots, key=lambda s: (s.date, s.path))
        self.date = date
        self.since = since
        self.name = name
        self.country = country
        self.simplify_deg = simplify_deg
        self.show = show
        self._legend: tuple[LegendItem, ...] = ()

    @property
    def legend(self) -> Sequence[LegendItem]:
        return self._legend

    def payload(self) -> dict[str, Any]:
        """The JSON the page embeds: per snapshot its occupied area and changes since ``since``."""
        return frontline_payload(self.snapshots, date=self.date, since=self.since,
                                 country=self.country, simplify_deg=self.simplify_deg)

    @property
    def dates(self) -> tuple[str, ...]:
        """The snapshot days: the composer puts them on the map's one time slider."""
        return tuple(s.date.isoformat() for s in self.snapshots)

    @property
    def frame(self) -> tuple[float, float, float, float]:
        """``(south, west, north, east)`` of the newest occupied area (a map of no places)."""
        west, south, east, north = self.snapshots[-1].occupied.bounds
        return (south, west, north, east)

    @property
    def window(self) -> tuple[str | None, str | None]:
        """The time window this layer asks to open with (``since``, ``date``), if given."""
        return (self.since.isoformat() if self.since else None,
                self.date.isoformat() if self.date else None)

    def add_to(self, m: folium.Map, ctx: MapContext | None = None) -> None:
        """Add the occupied and the changes groups and the as-of control to ``m``.

        In a composed map with a time slider the front line follows it: the snapshot in force
        on the window's last day, changes since the one in force on its first day. Drawn on
        its own (no ``ctx``) it gets a slider over its snapshots instead.
        """
        data = self.payload()
        # fit the map to the front unless the composer has places to fit to
        data["fit"] = ctx is None or not getattr(ctx.summary, "places", None)
        if ctx is None:  # drawn without the composer, which defines the DOM helpers once
            script("helpers.js").add_to(m)
        follow = ctx is not None and ctx.timeline
        occ = group(self.name, show=self.show)
        chg = group(f"{self.name}: gains and losses", show=self.show)
        occ.add_to(m)
        chg.add_to(m)
        chg.add_child(script("frontline.js", map=JsName(m.get_name()),
                             state=JsName(ctx.state if follow else "null"),
                             occupied_group=JsName(occ.get_name()),
                             changes_group=JsName(chg.get_name()), data=data))
        since = "the start of the time window" if follow else data["since"]
        self._legend = (
            LegendItem("occupied by Russian forces (red means only this)",
                       OCCUPIED_COLOR, "square"),
            LegendItem(f"gained by Russian forces since {since} (hatched)", GAIN_COLOR,
                       "square"),
            LegendItem(f"no longer occupied since {since} (hatched)", LOSS_COLOR, "square"),
        )


def frontline_payload(
    snapshots: Sequence[Snapshot],
    *,
    date: _dt.date | None = None,
    since: _dt.date | None = None,
    country: str | None = "UA",
    simplify_deg: float = 0.002,
) -> dict[str, Any]:
    """Simplified GeoJSON geometries and km² (from :mod:`geo.frontline.stats`) for the page.

    Snapshots are clipped to ``country``'s border as ``geo frontline stats`` clips them, so the
    map draws and measures the same ground (not DeepState's far-away "occupied" polygons)."""
    from geo.frontline.border import clip, country_border
    from geo.frontline.stats import project, stats_crs

    snaps = sorted(snapshots, key=lambda s: (s.date, s.path))
    border = country_border(country, with_regions=False) if country else None
    if border is not None:
        snaps = [clip(s, border.geometry) for s in snaps]
    dates = [s.date for s in snaps]
    current = _pick(dates, date, "date", default=len(snaps) - 1)
    base = _pick(dates, since, "since", default=0)
    crs = stats_crs(snaps, country)
    projected = [project(s.occupied, crs) for s in snaps]

    def change(b: int, i: int) -> dict[str, Any]:
        gained = projected[i].difference(projected[b])
        lost = projected[b].difference(projected[i])
        return {
            "gained_km2": round(gained.area / 1e6, 1), "lost_km2": round(lost.area / 1e6, 1),
            "gained": _geojson(snaps[i].occupied.difference(snaps[b].occupied), simplify_deg,
                               crs=crs),
            "lost": _geojson(snaps[b].occupied.difference(snaps[i].occupied), simplify_deg,
                             crs=crs),
        }

    out = []
    for i, s in enumerate(snaps):
        item: dict[str, Any] = {
            "date": s.date.isoformat(),
            "source": clean_text(s.source, limit=120) or "",
            "km2": round(projected[i].area / 1e6, 1),
            "occupied": _geojson(s.occupied, simplify_deg),
            "gained": None, "lost": None, "gained_km2": 0.0, "lost_km2": 0.0,
        }
        if i != base:
            item.update(change(base, i))
        out.append(item)
    # changes from other window starts (the page's time slider moves the start): every later
    # snapshot against each of at most MAX_BASES starting snapshots, spread evenly
    changes: dict[str, dict[str, Any]] = {}
    for b in _bases(len(snaps)):
        if b == base:
            continue
        for i in range(b + 1, len(snaps)):
            changes[f"{b}:{i}"] = change(b, i)
    return {
        "snapshots": out,
        "current": current,
        "base": base,
        "since": snaps[base].date.isoformat(),
        "changes": changes,
        "colors": {"occupied": OCCUPIED_COLOR, "gain": GAIN_COLOR, "loss": LOSS_COLOR},
    }


def _bases(n: int) -> list[int]:
    """Snapshots a window may start at: all of them, or MAX_BASES spread evenly (page size)."""
    if n <= MAX_BASES:
        return list(range(n))
    return sorted({round(k * (n - 1) / (MAX_BASES - 1)) for k in range(MAX_BASES)})


def _pick(dates: list[_dt.date], wanted: _dt.date | None, what: str, *, default: int) -> int:
    if wanted is None:
        return default
    earlier = [i for i, d in enumerate(dates) if d <= wanted]
    if not earlier:
        raise InputError(f"no snapshot on or before {what} {wanted.isoformat()} "
                         f"(first is {dates[0].isoformat()})")
    return earlier[-1]


def _geojson(geom, simplify_deg: float, *, crs: str | None = None) -> dict[str, Any] | None:
    """GeoJSON of ``geom`` simplified, coordinates rounded to ~10 m, slivers dropped; or None."""
    import numpy as np
    import shapely

    if geom is None or geom.is_empty:
        return None
    parts = [g for g in shapely.get_parts(geom) if g.geom_type == "Polygon"]
    if crs is not None:
        from geo.frontline.stats import project

        km2 = shapely.area(project(np.array(parts, dtype=object), crs, densify=False)) / 1e6
        parts = [g for g, a in zip(parts, km2, strict=True) if a >= _MIN_PART_KM2]
    if not parts:
        return None
    g = shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0]
    if simplify_deg > 0:
        g = shapely.simplify(g, simplify_deg, preserve_topology=True)
    g = shapely.transform(g, lambda xy: np.round(xy, 4))
    return shapely.geometry.mapping(g)
