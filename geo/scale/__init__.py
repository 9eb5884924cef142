"""Scale-out: the same read -> recognise -> resolve stages mapped over input partitions on Dask.

- :mod:`geo.scale.inputs`: plan partitions of JSONL, Parquet and document files; read one.
- :mod:`geo.scale.parquet`: the partitioned GeoParquet output (mentions + articles) and its
  reader back to :class:`geo.model.ParsedArticle`.
- :mod:`geo.scale.engine`: the Dask engine (``geo parse --engine dask``).

Importing this package loads nothing heavy; dask, distributed, geopandas and pyarrow (the
``[scale]`` extra) are imported inside the functions that need them.
"""

from __future__ import annotations
