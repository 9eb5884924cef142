"""Where geo finds its shipped data and its built index."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The curated gazetteer data: ``data/gazetteer`` in a checkout, else ``geo/_data``."""
    env = os.environ.get("GEO_DATA_DIR")
    if env:
        return Path(env)
    checkout = _PACKAGE.parent / "data" / "gazetteer"
    if checkout.is_dir():
        return checkout
    return _PACKAGE / "_data" / "gazetteer"


def geo_home() -> Path:
    """Per-user directory for the built index, caches and assets (``$GEO_HOME``, ~/.cache/geo)."""
    env = os.environ.get("GEO_HOME")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "geo"


def index_dir() -> Path:
    """The default location of the built gazetteer index (``$GEO_INDEX_DIR`` overrides)."""
    env = os.environ.get("GEO_INDEX_DIR")
    if env:
        return Path(env)
    return geo_home() / "index"
