"""geo: find the places news articles name, resolve them offline, and map them.

``import geo`` is cheap: it loads no data and imports no heavy dependency. The public names
below are resolved on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from geo.errors import (
    GeoError,
    IndexCorruptError,
    IndexMissingError,
    InputError,
    InputFileError,
    InputTypeError,
    OnlineError,
    OutputError,
    StoreError,
)
from geo.model import Article, Candidate, Event, Mention, ParsedArticle, Place, Span

__version__ = "0.1.0"

#: public name -> module that defines it (imported lazily)
_LAZY = {
    "Gazetteer": "geo.gazetteer",
    "parse": "geo.pipeline",
    "parse_articles": "geo.pipeline",
    "read_articles": "geo.text.read",
    "Store": "geo.store",
    "render_map": "geo.render",
    "save_map": "geo.render",
}

__all__ = [
    "Article",
    "Candidate",
    "Event",
    "GeoError",
    "IndexCorruptError",
    "IndexMissingError",
    "InputError",
    "InputFileError",
    "InputTypeError",
    "Mention",
    "OnlineError",
    "OutputError",
    "ParsedArticle",
    "Place",
    "Span",
    "StoreError",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'geo' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
