"""A regex alternation of literal words nested by their letters ("сто|ста" -> "ст(?:о|а)"):
Python's engine has no jump table, so a flat alternation tries every word at every position;
nested, a position is rejected by its first letter."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["alternation"]


def alternation(words: Iterable[str]) -> str:
    """A regex source (no groups) that matches exactly ``words``, longer ones tried first."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _emit(tree)


def _emit(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _emit(node[char]) if char else ""
                for char in sorted(node, key=lambda c: (c == "", c))]  # the word's end last
    if branches == [""]:
        return ""
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"
