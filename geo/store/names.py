"""Place-name keys for matching a user's query against the places in the store."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_]+")
_APOSTROPHES = re.compile(r"['’ʼ`´]")


def name_key(name: str) -> str:
    """Case-, accent- and hyphen-insensitive key.

    "Bilhorod-Dnistrovs'kyi" -> "bilhorod dnistrovskyi".
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text.casefold())
    return _SEPARATORS.sub(" ", text).strip()


def closest(query: str, names: Iterable[str], *, limit: int = 5, cutoff: float = 60.0) -> list[str]:
    """The names closest to ``query`` (rapidfuzz WRatio on keys), best first."""
    from rapidfuzz import fuzz, process

    by_key: dict[str, str] = {}
    for n in names:
        by_key.setdefault(name_key(n), n)
    hits = process.extract(name_key(query), list(by_key), scorer=fuzz.WRatio,
                           limit=limit, score_cutoff=cutoff)
    return [by_key[key] for key, _score, _i in hits]
