"""Type checks for the public Python functions: a wrong type becomes an
:class:`~geo.errors.InputTypeError` that names the argument and what was expected, at the call,
instead of an AttributeError several frames down. Values (ranges, formats) are checked where
they are used."""

from __future__ import annotations

import numbers
import os
from collections.abc import Iterable, Mapping
from typing import Any

from geo.errors import InputTypeError


def _name(value: Any) -> str:
    return type(value).__name__


def number(value: Any, what: str) -> float:
    """An int or float, numpy's too (not a bool, not a string of digits)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InputTypeError(f"{what} wants a number, not {_name(value)}")
    return float(value)


def integer(value: Any, what: str, *, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InputTypeError(f"{what} wants an int{' or None' if optional else ''}, "
                             f"not {_name(value)}")
    return int(value)


def text(value: Any, what: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise InputTypeError(f"{what} wants a str{' or None' if optional else ''}, "
                             f"not {_name(value)}")
    return value


def path(value: Any, what: str) -> str | os.PathLike[str]:
    if not isinstance(value, str | os.PathLike):
        raise InputTypeError(f"{what} wants a file path (str or Path), not {_name(value)}")
    return value


def mapping(value: Any, what: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InputTypeError(f"{what} wants a dict, not {_name(value)}")
    return value


def items(value: Any, kind: type | tuple[type, ...], what: str, expected: str) -> list[Any]:
    """A list of ``kind`` from any iterable (not a str); the first wrong item is named."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable) or \
            isinstance(value, kind):
        raise InputTypeError(f"{what} wants a list of {expected}, not {_name(value)}")
    found = list(value)
    for n, item in enumerate(found):
        if not isinstance(item, kind):
            raise InputTypeError(f"{what}: item {n} is a {_name(item)}, not {expected}")
    return found
