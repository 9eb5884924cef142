"""Memory kept per gazetteer, for the lookups recognition repeats on every article.

A batch probes the same few thousand capitalised words against the index over and over;
what a word finds depends only on the word and the index, so it is remembered per index
object. The registry is keyed by the index's ``id`` (a plain dict lookup: cheaper than a
``WeakKeyDictionary``, which builds a weak reference on every call, on a path taken for
every capitalised word) and each entry is dropped when its index is collected, so a closed
gazetteer is not kept alive and a new one at the same address starts empty.
"""

from __future__ import annotations

import weakref
from typing import Any


def memory_of(index: object, registry: dict[int, dict[Any, Any]]) -> dict[Any, Any]:
    """``index``'s memory in ``registry`` (empty at first); a fresh, unkept one for an
    index that cannot be weakly referenced."""
    memory = registry.get(id(index))
    if memory is None:
        memory = {}
        try:
            weakref.finalize(index, registry.pop, id(index), None)
        except TypeError:  # no weak reference: nothing tells when to forget it
            return memory
        registry[id(index)] = memory
    return memory
