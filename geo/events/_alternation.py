"""A long alternation of regex patterns compiled as a letter trie: the same matches, found
about three times faster.

Python's regex engine has no jump table: at every word start a flat alternation
``(?P<t0>strikes?|struck)|(?P<t1>shelling)|...`` enters each group in turn, well over a hundred
attempts. An alternative that begins with a literal character is rejected by one comparison
(the engine's fast path for ``BRANCH`` + ``LITERAL``), so :func:`compile_table` rewrites the
table as nested branches on the first letters ("s" -> "h" -> "elling", "t" -> "ruck"), each
trigger's alternatives kept in their order, and marks which entry matched with an empty named
group at its end. Alternatives that start with different literal text cannot match at the
same place, so only the order among those that share a prefix can matter, and it is kept:
every match (start, end and entry) is the flat alternation's (``tests/test_events_triggers.py``
compares both).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

__all__ = ["Alternation", "compile_table", "split_alternatives"]

#: how many leading letters the trie branches on; deeper levels measured no faster
_DEPTH = 3
_QUANTIFIERS = ("?", "*", "+", "{")


@dataclass(frozen=True, slots=True)
class Alternation:
    """A compiled table in two forms that find the same matches at the same cost in the
    table's own script; in text of another script ``sparse`` is several times faster,
    ``dense`` in the table's own (measured on the event benchmarks' articles)."""

    dense: re.Pattern[str]  # the word-start test first, then the letters
    sparse: re.Pattern[str]  # the first letters first: other positions skipped at C speed
    entries: tuple[int, ...]  # group number of an end marker -> index in the table

    def entry_of(self, m: re.Match[str]) -> int:
        """The index in the table of the pattern that made ``m`` (of either form)."""
        return self.entries[m.lastindex]  # type: ignore[index]


def compile_table(patterns: Sequence[str], *, after: str) -> Alternation:
    """One pattern that matches where ``(?<!\\w)(?:(?P<t0>p0)|(?P<t1>p1)|...)after`` does:
    at word starts, ``after`` following every alternative.

    Each pattern's top-level alternatives must begin with a literal letter once leading
    groups are spelled out (``(?:re)?deployed`` is ``redeployed|deployed``).
    :meth:`Alternation.entry_of` gives the index in ``patterns`` of a match.
    """
    pieces: list[tuple[str, str]] = []
    for i, pattern in enumerate(patterns):
        alternatives = [x for a in split_alternatives(pattern) for x in _literal_first(a)]
        pieces += [(piece, f"(?P<t{i}_{j}>)") for j, piece in enumerate(alternatives)]
    dense = re.compile(rf"(?<!\w)(?:{_branches(pieces, 0, '')}){after}")
    after_first_letter = r"(?<!\w.)"  # the same word-start test, one letter later
    sparse = re.compile(f"(?:{_branches(pieces, 0, after_first_letter)}){after}")
    entries = [0] * (dense.groups + 1)
    for name, group in dense.groupindex.items():
        entries[group] = int(name[1:].split("_")[0])
    return Alternation(dense, sparse, tuple(entries))


def _branches(pieces: list[tuple[str, str]], depth: int, before: str) -> str:
    """The alternation of ``pieces`` (pattern text, marker), branching on their next letter
    while all of them have one."""
    if depth < _DEPTH and (depth == 0 or len(pieces) > 1) and \
            all(_literal_length(p) for p, _ in pieces):
        by_letter: dict[str, list[tuple[str, str]]] = {}
        for piece, marker in pieces:
            by_letter.setdefault(piece[0], []).append((piece[1:], marker))
        test = before if depth == 0 else ""
        return "|".join(f"{re.escape(letter)}{test}(?:{_branches(rest, depth + 1, before)})"
                        for letter, rest in by_letter.items())
    if depth == 0:
        raise ValueError("every alternative must start with a literal letter")
    return "|".join(f"{piece}{marker}" for piece, marker in pieces)


def _literal_length(piece: str) -> int:
    """How many leading characters of ``piece`` are plain letters matched once."""
    n = 0
    while n < len(piece) and piece[n].isalnum() and not piece[n + 1:n + 2].startswith(
            _QUANTIFIERS):
        n += 1
    return n


def _literal_first(piece: str) -> list[str]:
    """``piece`` as alternatives tried in the same order that each start with a letter:
    a leading ``(?:a|b)`` or ``(?:a|b)?`` is spelled out ("a…", "b…" and, if optional, "…")."""
    if piece.startswith("(?:"):
        end = _closing(piece, 0)
        inner, rest = piece[3:end], piece[end + 1:]
        optional = rest.startswith("?")
        if optional:
            rest = rest[1:]
        if rest.startswith(_QUANTIFIERS):  # "(?:a|b)+", "(?:a)??": not spelled out
            raise ValueError(f"cannot spell out the leading group of {piece!r}")
        spelled = [x for a in split_alternatives(inner) for x in _literal_first(a + rest)]
        return spelled + (_literal_first(rest) if optional else [])
    if not _literal_length(piece):
        raise ValueError(f"{piece!r} does not start with a literal letter")
    return [piece]


def split_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern`` (``|`` outside groups and classes)."""
    out, depth, start = [], 0, 0
    for i, c in _tokens(pattern):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return out


def _closing(pattern: str, at: int) -> int:
    """The offset of the ``)`` that closes the group opened at ``at``."""
    depth = 0
    for i, c in _tokens(pattern, at):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
    raise ValueError(f"unbalanced group in {pattern!r}")


def _tokens(pattern: str, at: int = 0) -> Iterator[tuple[int, str]]:
    """(offset, character) of ``pattern``'s structural characters: escapes and character
    classes are skipped whole (yielded as one harmless character)."""
    i = at
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            yield i, "e"
            i += 2
            continue
        if c == "[":
            j = i + 1 + (pattern[i + 1:i + 2] == "^")
            j += pattern[j:j + 1] == "]"  # "[]...]": a leading "]" is literal
            while pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            yield i, "c"
            i = j + 1
            continue
        yield i, c
        i += 1
