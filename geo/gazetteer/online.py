"""Optional online fallback for names the offline gazetteer lacks: Nominatim through geopy.

Off by default (``geo lookup --online``). Requests go through geopy's RateLimiter with a user
agent naming geo, and every answer is cached on disk (SQLite in :func:`geo._paths.geo_home`),
so a name is asked for once.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

from geo import __version__, _paths
from geo.errors import OnlineError
from geo.gazetteer.index import check_name
from geo.model import Candidate, Place

USER_AGENT = f"geo/{__version__} (offline news geoparser; online fallback)"
_OSM_TYPES = {"node": 1, "way": 2, "relation": 3, "N": 1, "W": 2, "R": 3}
_SETTLEMENT = {"city", "town", "village", "hamlet", "suburb", "neighbourhood", "quarter",
               "municipality", "locality", "isolated_dwelling"}
_ADMIN1 = {"state", "region", "province", "oblast"}
_WATER = {"sea", "bay", "strait", "water", "river", "lake", "ocean", "waterway"}


def _kind(raw: dict) -> str:
    t = str(raw.get("addresstype") or raw.get("type") or "")
    cls = str(raw.get("class") or raw.get("category") or "")
    if t == "country":
        return "country"
    if t in _ADMIN1:
        return "admin1"
    if t in ("county", "district"):
        return "admin2"
    if t in _SETTLEMENT:
        return "city"
    if t in _WATER or cls in ("waterway", "water"):
        return "water"
    return "site"


def _place_id(raw: dict) -> int:
    """A negative id that cannot collide with GeoNames ids or curated supplements."""
    osm_id = int(raw.get("osm_id") or 0)
    return -(10**12 + osm_id * 4 + _OSM_TYPES.get(str(raw.get("osm_type") or ""), 0))


def candidate_from_raw(raw: dict, *, name: str) -> Candidate:
    """A Candidate from one Nominatim JSON result (``match="online"``)."""
    addr = raw.get("address") or {}
    kind = _kind(raw)
    place = Place(
        id=_place_id(raw),
        name=str(raw.get("name") or raw.get("display_name", name).split(",")[0]),
        kind=kind,
        cc=str(addr.get("country_code") or "").upper(),
        admin1="",
        admin1_name=str(addr.get("state") or addr.get("region") or ""),
        lat=float(raw["lat"]),
        lon=float(raw["lon"]),
    )
    importance = float(raw.get("importance") or 0.3)
    return Candidate(place=place, score=0.5 * min(max(importance, 0.0), 1.0),
                     matched=str(raw.get("display_name") or name), match="online")


class OnlineGeocoder:
    """Nominatim via geopy with a rate limiter and an on-disk cache."""

    def __init__(self, *, domain: str = "nominatim.openstreetmap.org", scheme: str = "https",
                 cache_path: str | os.PathLike[str] | None = None,
                 min_delay_seconds: float = 1.0, error_wait_seconds: float = 5.0,
                 timeout: float = 10.0,
                 user_agent: str = USER_AGENT):
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        self._geocoder = Nominatim(user_agent=user_agent, domain=domain, scheme=scheme,
                                   timeout=timeout)
        self._geocode = RateLimiter(self._geocoder.geocode, min_delay_seconds=min_delay_seconds,
                                    max_retries=1, error_wait_seconds=error_wait_seconds,
                                    swallow_exceptions=False)
        self.cache_path = Path(cache_path) if cache_path else _paths.geo_home() / "online.sqlite"
        self.domain = domain

    def _cache(self) -> sqlite3.Connection:
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.cache_path)
        db.execute("CREATE TABLE IF NOT EXISTS answers(query TEXT PRIMARY KEY, "
                   "raw TEXT NOT NULL, fetched_at REAL NOT NULL)")
        return db

    def lookup(self, name: str, *, country: str | None = None,
               limit: int = 5) -> list[Candidate]:
        """Candidates from Nominatim for a name (cached); ``[]`` when it knows none."""
        from geopy.exc import GeopyError

        name = check_name(name)
        query = json.dumps([self.domain, name, (country or "").upper(), limit])
        try:
            db = self._cache()
        except sqlite3.Error as exc:
            raise OnlineError(f"online cache {self.cache_path} unusable: {exc}") from exc
        with db:
            row = db.execute("SELECT raw FROM answers WHERE query = ?", (query,)).fetchone()
            if row is not None:
                raws = json.loads(row[0])
            else:
                try:
                    found = self._geocode(name, exactly_one=False, limit=limit,
                                          addressdetails=True,
                                          country_codes=country.lower() if country else None)
                except GeopyError as exc:
                    raise OnlineError(f"online geocoder failed for {name!r} ({self.domain}: "
                                      f"{_reason(exc)})") from exc
                raws = [loc.raw for loc in found or ()]
                db.execute("INSERT OR REPLACE INTO answers VALUES (?,?,?)",
                           (query, json.dumps(raws), time.time()))
        db.close()
        return [candidate_from_raw(r, name=name) for r in raws]


def _reason(exc: BaseException) -> str:
    """Why a request failed, briefly: the network is down or the service said no."""
    text = " ".join(str(exc).split())
    if "NameResolution" in text or "Failed to resolve" in text or "Max retries" in text:
        return f"{type(exc).__name__}: no network, or the service cannot be reached"
    return f"{type(exc).__name__}: {text[:160]}"
