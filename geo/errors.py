"""One exception hierarchy for geo.

Every class also subclasses the matching builtin, so callers may catch ``ValueError`` or
``FileNotFoundError`` as usual. "No match" is never an exception: lookups return ``None`` or
an empty list. The CLI turns any :class:`GeoError` into a one-line message and exit code 2.
"""

from __future__ import annotations


class GeoError(Exception):
    """Base class of every error geo raises on purpose."""


class InputError(GeoError, ValueError):
    """Bad input from a user: an empty name, invalid coordinates, an unknown country code."""


class InputTypeError(InputError, TypeError):
    """A value of the wrong type given to a public function (``geo.parse(None)``); the message
    says what was expected. Both ``TypeError`` and ``InputError`` catch it."""


class InputFileError(GeoError, FileNotFoundError):
    """An input path that does not exist or cannot be read."""


class IndexMissingError(GeoError, FileNotFoundError):
    """The prebuilt gazetteer index is not there; ``geo gazetteer build`` makes it."""


class IndexCorruptError(GeoError, ValueError):
    """The gazetteer index exists but cannot be read."""


class StoreError(GeoError, RuntimeError):
    """The mention store cannot be opened, migrated or written."""


class OutputError(GeoError, OSError):
    """An output cannot be written (disk full, a file-size limit, a directory in the way), or
    exists and overwriting it was not asked for (``--force``)."""


class OnlineError(GeoError, ConnectionError):
    """The optional online geocoder failed (network, rate limit, bad answer)."""


class ClusterError(GeoError, ConnectionError):
    """The Dask scheduler cannot be reached, or has no workers (``geo parse --engine dask``)."""
