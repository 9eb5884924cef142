"""A store that a writing command opens only when it has something to store.

``geo ingest``, ``geo events extract --db`` and ``geo events import`` refuse an empty, binary
or all-bad input with exit 2; before this they had already created the store file, so a
refusal left an empty ``geo.db`` behind that the next command took for a real store. Here the
file is created on first use, and a file this run created that still holds no record when
the run ends (it refused, or every record failed) is removed again with its journals.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

_JOURNALS = ("-wal", "-shm", "-journal")


class StoreOnUse:
    """Opens :class:`~geo.store.Store` at the first attribute used (``add``, ``unchanged``...)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.created = False
        self._store: Any = None

    @property
    def opened(self) -> bool:
        return self._store is not None

    def __getattr__(self, name: str) -> Any:  # only for names this class does not define
        if name.startswith("__") or name == "_store":  # copy/pickle probes; half-built
            raise AttributeError(name)
        if self._store is None:
            from geo.store import Store

            existed = os.path.lexists(self.path)
            self._store = Store(self.path)
            self.created = not existed
        return getattr(self._store, name)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


@contextmanager
def store_on_use(path: str | os.PathLike[str]) -> Iterator[StoreOnUse]:
    """A :class:`StoreOnUse` closed at the end; a file it created and left empty is removed."""
    store = StoreOnUse(path)
    try:
        yield store
    finally:
        store.close()
        if store.created and _holds_nothing(store.path):
            for suffix in ("", *_JOURNALS):
                with suppress(FileNotFoundError):
                    os.unlink(f"{store.path}{suffix}")


def _holds_nothing(path: Path) -> bool:
    """True when no table of the store has a row (R*Tree shadow tables aside: an empty R*Tree
    keeps its root node)."""
    import sqlite3  # not at import: `geo --help` loads every command module

    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        tables = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                              "AND name NOT LIKE 'sqlite_%'").fetchall()
        virtual = [name for name, sql in tables if (sql or "").upper().startswith("CREATE VIRTUAL")]
        for name, _sql in tables:
            if name in virtual or any(name.startswith(f"{v}_") for v in virtual):
                continue
            quoted = name.replace('"', '""')
            if conn.execute(f'SELECT 1 FROM "{quoted}" LIMIT 1').fetchone():
                return False
        return True
    except sqlite3.Error:
        return False  # unreadable: keep it, never delete what we cannot inspect
    finally:
        conn.close()
