"""Events: extracted from articles (rule-based), imported from ACLED, UCDP GED, CSV or GeoJSON,
and exported as ACLED-like CSV or GeoJSON. Only the standard library is imported here."""

from __future__ import annotations

from geo.events.extract import extract_events, extract_from_articles

__all__ = ["extract_events", "extract_from_articles"]
