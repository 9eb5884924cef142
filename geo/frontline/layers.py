"""Which layer a feature's name puts it in, by one rule per DeepState naming era.

DeepState named its layers three ways over the war, and analysts' files add their own words:

- spring 2022, Ukrainian only: "Окуповано", "Звільнено 25.03", "Під питанням", "Окупований Крим";
- mid-2022 to early 2024, "Ukrainian /// English": "Окуповано /// Occupied", "Статус невідомий
  /// Unknown status", "Окупований Крим /// Occupied Crimea", "ОРДЛО /// CADR and CALR";
- from spring 2024 a third part, the layer key: ``geoJSON.status.occupied``, ``.unknown``,
  ``.dismissed`` (liberated), ``.attack_direction``, ``geoJSON.units.*``, and
  ``geoJSON.territories.*`` for every area DeepState draws apart from the status layers (Crimea,
  the areas occupied in 2014, and occupied areas of other countries).

The rule: a key, when there is one, decides; otherwise the status words of either language
(stems, so every inflection and a trailing date count). Far-away "occupied" areas (Petsamo, the
Kurils...) are read as occupied like any other: clipping to the country's border is what leaves
them out (:mod:`geo.frontline.border`), not a list of their names.

``before_2022`` marks the areas occupied before 24 February 2022: a ``geoJSON.territories.*``
key, a name that says so ("before February 24, 2022", ISW's wording), or one of the legal
designations of the areas occupied in 2014 (Crimea and Sevastopol, ORDLO / CADR and CALR, Tuzla
Island in the Kerch Strait). These are the names of a legal category, fixed since 2015, not
of this week's places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: Stems of the status words, Ukrainian and English, in the order they are tried: the first
#: that matches decides ("Звільнено з окупації" is liberated, not occupied). "окупова" is
#: the participle (окуповано, окупований, окуповані), not "окупанти" (the occupiers).
_STATUS_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("attack_direction", ("напрямок удару", "напрямки удару", "direction of attack",
                          "attack direction", "directions of attack")),
    ("grey_zone", ("під питанням", "невідом", "сіра зона", "in doubt", "unknown",
                   "grey zone", "gray zone", "contested")),
    ("liberated", ("звільн", "деокуп", "liberated", "dismissed", "deoccupied",
                   "counteroffensive", "ukrainian controlled", "ukrainian-controlled")),
    ("occupied", ("окупова", "зайнят", "анекс", "аннекс", "occupied", "annexed",
                  "russian controlled", "russian-controlled", "under russian control",
                  "russian advance")),
)
#: DeepState layer keys (the third part of a name) and the layer they mean.
_KEY_LAYERS = (
    ("geojson.status.occupied", "occupied"),
    ("geojson.status.unknown", "grey_zone"),
    ("geojson.status.dismissed", "liberated"),  # also ``dismissed_at {{at:25.03}}``
    ("geojson.status.attack_direction", "attack_direction"),
    ("geojson.units", "units"),
    ("geojson.territories", "occupied"),
)
#: Legal designations of the areas of Ukraine occupied before 2022 (Law of Ukraine 1207-VII,
#: 2014, and the "certain areas" of Donetsk and Luhansk oblasts), in the three languages.
_BEFORE_2022 = re.compile(
    r"\bкрим(?!ськ)|\bcrimea|\bkrym|севастопол|sevastopol|\bордло\b|\bордило\b|\bорділо\b|\bordlo\b"
    r"|\bcadr\b|\bcalr\b|окремі райони|certain areas of|\bтузл|\btuzla"
    r"|before (?:february|feb\.?) 24|before 24 (?:february|feb)|до 24 лютого|pre-2022"
    r"|since 2014|з 2014",
    re.IGNORECASE)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class LayerName:
    """What a feature's name says: its layer (None: nothing recognised), whether it marks an
    area occupied before 2022, and the short label kept for reports."""

    layer: str | None
    before_2022: bool
    label: str


def read_name(name: object) -> LayerName:
    """The layer a DeepState, ISW or analyst's layer/feature name stands for."""
    return _read_name(str(name or ""))


@lru_cache(maxsize=8192)  # a series repeats the same few hundred names in every file
def _read_name(name: str) -> LayerName:
    text = _SPACE.sub(" ", name.replace("\xa0", " ")).strip()
    if not text:
        return LayerName(None, False, "")
    parts = [p.strip() for p in re.split(r"/{3,}", text) if p.strip()]
    has_key = bool(parts) and parts[-1].lower().startswith("geojson.")
    key = parts[-1].lower() if has_key else ""
    label = (parts[-1] if parts else text)[:60]
    before = bool(_BEFORE_2022.search(text))
    if key:
        for prefix, layer in _KEY_LAYERS:
            if key.startswith(prefix):
                return LayerName(layer, before or prefix == "geojson.territories", label)
        return LayerName("other", before, label)
    low = text.lower().replace("_", " ")
    for layer, stems in _STATUS_WORDS:
        if any(s in low for s in stems):
            return LayerName(layer, before and layer == "occupied", label)
    if before:  # "ОРДЛО /// CADR and CALR": a designation that means occupied by itself
        return LayerName("occupied", True, label)
    if len(parts) > 1:  # a DeepState-style name whose status we do not know
        return LayerName("other", False, label)
    return LayerName(None, False, label)


def classify(name: object) -> str | None:
    """The canonical layer of a feature or folder name, or None if the name says nothing."""
    return read_name(name).layer
