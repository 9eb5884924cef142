"""Lower-casing that keeps offsets and lets a case-sensitive pattern of lower-case ASCII
letters match exactly where the same pattern with IGNORECASE matches.

Python's regex engine compares plain characters several times faster than it folds case (its
fast path for an alternative that starts with a literal only works without IGNORECASE), so the
long alternations of :mod:`geo.events` match folded text. Under IGNORECASE an ASCII letter
also matches "İ" and "ı" (i), "K" (the Kelvin sign, k) and "ſ" (s): ``str.lower`` maps the
first and third; :func:`fold` maps all four (``tests/test_events_quantities_actors.py`` checks
every code point).
"""

from __future__ import annotations

__all__ = ["fold", "lower_in_place"]

_DOTLESS_AND_LONG = str.maketrans({"ı": "i", "ſ": "s"})


def lower_in_place(text: str) -> str:
    """``text`` lower-cased with its offsets kept: one character for one (a letter whose lower
    case is longer, as "İ", keeps its first character)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower()[0] for c in text)


def fold(text: str) -> str:
    """``text`` lower-cased in place (:func:`lower_in_place`), with "ı" and "ſ" as "i" and
    "s"."""
    low = lower_in_place(text)
    if not low.isascii() and ("ı" in low or "ſ" in low):
        low = low.translate(_DOTLESS_AND_LONG)
    return low
