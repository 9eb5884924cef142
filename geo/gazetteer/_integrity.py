"""Checksums of the index files: written by the builder, checked at open and by ``verify``.

A flipped byte leaves a file its size, and SQLite or marisa may still answer from it (name
lookups did, while ``--at`` ended in a GEOS error on a damaged polygon). So the manifest
records, per file, its size, its SHA-256 and a short hash of every block of
:data:`BLOCK_SIZE` bytes:

- at open (:func:`check_sampled`), the size and a few blocks are checked: the first and last
  block of every file always, plus :data:`SAMPLED_BLOCKS` chosen at random, so a damaged
  header is caught at once and damage elsewhere over repeated opens (0.8 MB read; measured
  0.9 ms, an open 4.7 ms instead of 0.5 ms on the 100 MB index);
- ``geo gazetteer verify`` (:func:`check_full`) reads every byte and names the damaged block.

Manifests written before checksums existed hold only sizes: those are checked, and
``verify`` says the index should be rebuilt to get checksums.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.errors import IndexCorruptError

#: bytes per block hash: 64 KiB keeps the manifest small (~1,500 hashes, 30 KB, for the 100 MB
#: index: 38 KB of manifest) and the sample read at open cheap (12 blocks, 0.8 MB)
BLOCK_SIZE = 64 * 1024
#: blocks checked at open besides each file's first and last
SAMPLED_BLOCKS = 2
_REBUILD = "rebuild it with `geo gazetteer build`"


def _block_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def describe(path: Path, *, block_size: int = BLOCK_SIZE) -> dict[str, Any]:
    """The manifest entry of one file: size, SHA-256 and block hashes."""
    whole = hashlib.sha256()
    blocks = []
    with open(path, "rb") as f:
        while data := f.read(block_size):
            whole.update(data)
            blocks.append(_block_hash(data))
    return {"size": path.stat().st_size, "sha256": whole.hexdigest(),
            "block_size": block_size, "blocks": blocks}


@dataclass(frozen=True, slots=True)
class Verified:
    """What :func:`check_full` read: files, bytes, and whether checksums were there to check."""

    files: int
    bytes: int
    checksummed: bool


def _entry(name: str, entry: Any) -> dict[str, Any]:
    if isinstance(entry, int):  # an older manifest: the size only
        return {"size": entry}
    if not isinstance(entry, dict) or not isinstance(entry.get("size"), int):
        raise IndexCorruptError(f"gazetteer manifest entry for {name} is unreadable: {_REBUILD}")
    return entry


def _check_size(fp: Path, entry: dict[str, Any]) -> None:
    if not fp.is_file() or fp.stat().st_size != entry["size"]:
        raise IndexCorruptError(f"gazetteer index file {fp} is missing or truncated: {_REBUILD}")


def _check_block(f: Any, fp: Path, entry: dict[str, Any], i: int) -> None:
    size = entry.get("block_size", BLOCK_SIZE)
    f.seek(i * size)
    if _block_hash(f.read(size)) != entry["blocks"][i]:
        raise IndexCorruptError(
            f"gazetteer index file {fp} is damaged (bytes {i * size:,}-{(i + 1) * size - 1:,} "
            f"do not match their checksum): {_REBUILD}")


def check_sampled(index: Path, files: dict[str, Any], *, rng: random.Random | None = None
                  ) -> None:
    """Sizes, plus the first, last and a few random blocks of every file (at open)."""
    rng = rng or random.Random()
    for name, raw in files.items():
        entry = _entry(name, raw)
        fp = index / name
        _check_size(fp, entry)
        blocks = entry.get("blocks")
        if not blocks:
            continue
        picks = {0, len(blocks) - 1}
        picks.update(rng.randrange(len(blocks)) for _ in range(SAMPLED_BLOCKS))
        try:
            with open(fp, "rb") as f:
                for i in sorted(picks):
                    _check_block(f, fp, entry, i)
        except OSError as exc:
            raise IndexCorruptError(f"cannot read gazetteer index file {fp} ({exc.strerror}): "
                                    f"{_REBUILD}") from exc


def check_full(index: Path, files: dict[str, Any]) -> Verified:
    """Every byte of every file against the manifest; IndexCorruptError names the damage."""
    total, checksummed = 0, True
    for name, raw in files.items():
        entry = _entry(name, raw)
        fp = index / name
        _check_size(fp, entry)
        total += entry["size"]
        if "sha256" not in entry:
            checksummed = False
            continue
        whole = hashlib.sha256()
        try:
            with open(fp, "rb") as f:
                for i in range(len(entry.get("blocks", ()))):
                    _check_block(f, fp, entry, i)
                f.seek(0)
                while data := f.read(1 << 20):
                    whole.update(data)
        except OSError as exc:
            raise IndexCorruptError(f"cannot read gazetteer index file {fp} ({exc.strerror}): "
                                    f"{_REBUILD}") from exc
        if whole.hexdigest() != entry["sha256"]:
            raise IndexCorruptError(f"gazetteer index file {fp} does not match its SHA-256: "
                                    f"{_REBUILD}")
    return Verified(files=len(files), bytes=total, checksummed=checksummed)
