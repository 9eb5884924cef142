"""The embedded mention store: SQLite (WAL, R*Tree, versioned schema) and its queries.

Importing this package loads only the standard library; queries import pandas/geopandas when
they build a GeoDataFrame.
"""

from __future__ import annotations

from geo.store.schema import SCHEMA_VERSION
from geo.store.store import AddResult, Store, content_hash

__all__ = ["SCHEMA_VERSION", "AddResult", "Store", "content_hash"]
