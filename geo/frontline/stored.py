"""Front-line snapshots kept in the mention store, so that the line of any day is at hand
without the files (``geo frontline import FILE... --db``; ``stats`` and ``near`` with ``--db``).

One row per snapshot in the table ``frontline_snapshots`` of the store's SQLite file: date,
source, the file it came from, and the occupied, grey-zone and pre-2022 areas as read (WKB,
lon/lat, not clipped: the border is applied when measuring). A digest of date, source and
geometry makes importing idempotent: the same snapshot twice is stored once.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from geo.frontline.model import Snapshot

TABLE = "frontline_snapshots"
_DDL = (
    f"CREATE TABLE IF NOT EXISTS {TABLE} ("
    " id INTEGER PRIMARY KEY, date TEXT NOT NULL, source TEXT NOT NULL, path TEXT NOT NULL,"
    " digest TEXT NOT NULL UNIQUE, occupied BLOB NOT NULL, grey_zone BLOB, before_2022 BLOB,"
    " notes TEXT NOT NULL DEFAULT '[]', imported_at TEXT NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_date ON {TABLE} (date)",
)


def _wkb(geom: Any) -> bytes | None:
    import shapely

    return None if geom is None else shapely.to_wkb(geom, hex=False, output_dimension=2)


def digest(snap: Snapshot) -> str:
    """What makes two snapshots the same: date, source and geometry (not the file name)."""
    h = hashlib.sha256(f"{snap.date.isoformat()}\x00{snap.source}\x00".encode())
    for g in (snap.occupied, snap.grey_zone, snap.occupied_before_2022):
        h.update(_wkb(g) or b"-")
        h.update(b"\x00")
    return h.hexdigest()


def save_snapshots(store: Any, snapshots: Iterable[Snapshot]) -> tuple[int, int]:
    """Store snapshots; (added, already stored)."""
    now = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
    added = already = 0
    with store._writing() as conn:  # the store's own transaction: same errors, same locking
        for sql in _DDL:
            conn.execute(sql)
        for s in snapshots:
            cur = conn.execute(
                f"INSERT OR IGNORE INTO {TABLE} (date, source, path, digest, occupied, "
                "grey_zone, before_2022, notes, imported_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (s.date.isoformat(), s.source, s.path, digest(s), _wkb(s.occupied),
                 _wkb(s.grey_zone), _wkb(s.occupied_before_2022),
                 json.dumps(list(s.notes), ensure_ascii=False), now))
            if cur.rowcount:
                added += 1
            else:
                already += 1
    return added, already


def stored_snapshots(store: Any) -> list[Snapshot]:
    """Every snapshot in the store, by date ([] when none was ever imported)."""
    import shapely

    with store._reading() as conn:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        (TABLE,)).fetchone() is None:
            return []
        rows = conn.execute(f"SELECT date, source, path, occupied, grey_zone, before_2022, "
                            f"notes FROM {TABLE} ORDER BY date, id").fetchall()
    out = []
    for day, source, path, occ, grey, before, notes in rows:
        out.append(Snapshot(
            date=_dt.date.fromisoformat(day), occupied=shapely.from_wkb(occ),
            grey_zone=None if grey is None else shapely.from_wkb(grey), source=source,
            path=path, date_from="store", notes=tuple(json.loads(notes)),
            occupied_before_2022=None if before is None else shapely.from_wkb(before)))
    return out
