"""argparse types: every option value of one kind is checked here, the same way everywhere.

A bad value is an ``argparse.ArgumentTypeError``, which the parser turns into one line
``geo COMMAND: error: argument --since: ...`` and exit code 2, before any work starts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import re

#: the largest integer SQLite (and every id geo stores) can hold
MAX_INT = 2**63 - 1

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = r"\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*"
_POINT = re.compile(f"({_NUMBER})[,;]({_NUMBER})")


def _bad(message: str) -> argparse.ArgumentTypeError:
    return argparse.ArgumentTypeError(message)


def day_date(text: str) -> dt.date:
    """A calendar day written YYYY-MM-DD ("2025-02-30", "2025-13-45", "yesterday" refused)."""
    value = text.strip()
    if not _DAY.fullmatch(value):
        raise _bad(f"not a date (expected YYYY-MM-DD): {text!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _bad(f"no such day: {text!r}") from None


def day(text: str) -> str:
    """:func:`day_date` as its ISO text (what the store and the map compare)."""
    return day_date(text).isoformat()


def _integer(text: str, *, low: int) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise _bad(f"not a whole number: {text!r}") from None
    if not low <= value <= MAX_INT:
        raise _bad(f"expected a whole number from {low} to {MAX_INT}, got {text!r}")
    return value


def positive_int(text: str) -> int:
    """An integer from 1 to 2**63 - 1."""
    return _integer(text, low=1)


def count(text: str) -> int:
    """An integer from 0 to 2**63 - 1."""
    return _integer(text, low=0)


def km(text: str) -> float:
    """A finite distance in kilometres, >= 0."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value >= 0):
        raise _bad(f"expected a distance in km (a number >= 0), got {text!r}")
    return value


def point(text: str) -> tuple[float, float]:
    """``LAT,LON`` in degrees: latitude -90..90, longitude -180..180."""
    parsed = _point(text)
    if parsed is None:
        raise _bad(f"expected LAT,LON in degrees, got {text!r}")
    return parsed


def place_or_point(text: str) -> tuple[float, float] | str:
    """``LAT,LON`` (checked as :func:`point`), else a place name or id (:func:`place_ref`)."""
    parsed = _point(text)
    return parsed if parsed is not None else place_ref(text)


def _point(text: str) -> tuple[float, float] | None:
    m = _POINT.fullmatch(text)
    if m is None:
        return None
    lat, lon = float(m.group(1)), float(m.group(2))
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90
            and -180 <= lon <= 180):
        raise _bad(f"coordinates out of range (latitude -90..90, longitude -180..180): "
                   f"{text!r}")
    return lat, lon


def place_ref(text: str) -> str:
    """A place name, or a numeric id that fits in 64 bits."""
    value = text.strip()
    if not value:
        raise _bad("empty place name")
    if value.lstrip("-").isdigit() and not 0 <= int(value) <= MAX_INT:
        raise _bad(f"no such place id (ids are 0 to {MAX_INT}): {text!r}")
    return value


def country(text: str) -> str:
    """A two-letter ISO 3166 country code, upper-cased."""
    value = text.strip()
    if len(value) != 2 or not value.isascii() or not value.isalpha():
        raise _bad(f"not a two-letter country code: {text!r}")
    return value.upper()


def name(text: str) -> str:
    """A non-empty name (a region, a title): surrounding blanks dropped."""
    value = text.strip()
    if not value:
        raise _bad("empty name")
    return value


#: the longest path, and path component, a POSIX system must accept (PATH_MAX, NAME_MAX)
_PATH_MAX, _NAME_MAX = 4096, 255


def path(text: str) -> str:
    """A file path the system can take: not empty, no NUL, no part longer than 255 bytes
    (longer ones fail every system call with "File name too long")."""
    if not text.strip():
        raise _bad("empty path")
    if "\0" in text:
        raise _bad("a path cannot contain a NUL character")
    encoded = os.fsencode(text)
    if len(encoded) > _PATH_MAX or any(len(part) > _NAME_MAX for part in encoded.split(b"/")):
        raise _bad(f"path too long: {text[:40]!r}...")
    return text


def output(text: str) -> str:
    """An output path that could be written: not a directory, its folder not blocked by a file
    (whether an existing file may be replaced is ``--force``'s business, checked later)."""
    from geo._files import check_output
    from geo.errors import OutputError

    path(text)
    try:
        check_output(text, overwrite=True)
    except OutputError as exc:
        raise _bad(str(exc)) from None
    return text


def file_output(text: str) -> str:
    """:func:`output` for commands that write a file, never standard output: ``-`` is
    refused rather than written as a file named "-"."""
    if text.strip() == "-":
        raise _bad("this command writes a file, not standard output: give a file name")
    return output(text)


def reversed_range(since: object, until: object) -> str | None:
    """The one message for a ``--since`` after ``--until`` (None when the range is fine)."""
    if since and until and str(since) > str(until):
        return f"--since {since} is after --until {until}: nothing could match"
    return None


def checked(kind, value: object, *, what: str) -> object:
    """``kind(value)`` for a value that did not come through argparse (a recipe's), with the
    same message as an :class:`~geo.errors.InputError`."""
    from geo.errors import InputError

    if not isinstance(value, str):
        raise InputError(f"{what}: expected text, got {type(value).__name__} {value!r:.40}")
    try:
        return kind(value)
    except argparse.ArgumentTypeError as exc:
        raise InputError(f"{what}: {exc}") from None


def style_number(value: object, *, what: str, low: float, high: float) -> float:
    """A recipe's numeric style value: a finite number within [low, high]."""
    from geo.errors import InputError

    if isinstance(value, bool) or not isinstance(value, int | float) \
            or not math.isfinite(value) or not low <= value <= high:
        raise InputError(f"{what}: expected a number from {low:g} to {high:g}, got {value!r:.40}")
    return float(value)
